import { browser } from 'wxt/browser';
import { MessageError } from './errors';
import type { PushEvent, RequestInput, RequestOutput, RequestType, ResponseMessage } from './protocol';

/** Sends a typed request to the background and returns its answer, or throws a {@link MessageError}. */
export function request<K extends RequestType>(
  type: K,
  ...[input]: RequestInput<K> extends Record<string, never> ? [input?: RequestInput<K>] : [input: RequestInput<K>]
): Promise<RequestOutput<K>> {
  return answerOf(new Promise((resolve) => resolve(browser.runtime.sendMessage({ type, input: input ?? {} }))));
}

/** The answer carried by a response of the background (see `request`; also the panel's boot requests). */
export async function answerOf<T>(sent: Promise<unknown>): Promise<T> {
  let response: ResponseMessage<T> | undefined;
  try {
    response = (await sent) as ResponseMessage<T> | undefined;
  } catch (error) {
    throw new MessageError({
      kind: 'internal',
      message: `The extension's background did not answer (${error instanceof Error ? error.message : 'no reply'}).`,
    });
  }
  if (!response || typeof response !== 'object' || !('ok' in response)) {
    throw new MessageError({ kind: 'internal', message: "The extension's background did not answer." });
  }
  if (!response.ok) throw new MessageError(response.error);
  return response.value;
}

type PushHandler<E extends PushEvent['event']> = (event: Extract<PushEvent, { event: E }>) => void;

/**
 * Listens for one kind of event pushed by the background. Only this extension's background may push;
 * anything else is ignored. Returns a function that stops listening.
 */
export function onPushEvent<E extends PushEvent['event']>(name: E, handler: PushHandler<E>): () => void {
  const listener = (raw: unknown, sender: { id?: string; url?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    if (typeof raw === 'object' && raw !== null && (raw as PushEvent).event === name) {
      handler(raw as Extract<PushEvent, { event: E }>);
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
