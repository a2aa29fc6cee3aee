import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import type { ErrorInfo } from './model';
import {
  REQUESTS,
  type RequestInput,
  type RequestOutput,
  type RequestType,
  type ResponseMessage,
  type SenderKind,
} from './protocol';
import { classifySender, type ExtensionIdentity } from './sender';

/** Largest request the background reads; anything bigger is refused before parsing its fields. */
export const MAX_REQUEST_BYTES = 512 * 1024;

export interface RequestContext {
  sender: Runtime.MessageSender;
  senderKind: SenderKind;
}

export type RequestHandlers = {
  [K in RequestType]: (input: RequestInput<K>, context: RequestContext) => Promise<RequestOutput<K>>;
};

export interface ServeOptions {
  self: ExtensionIdentity;
  handlers: RequestHandlers;
  /** Extra check for content scripts, e.g. that detection is enabled for the sender's site. */
  allowContentScript?: (sender: Runtime.MessageSender) => boolean | Promise<boolean>;
  /**
   * Turns a thrown error into what the page is told (the background's: a ServiceError as is, a Kustomer error as
   * its kind and agent message). Required, so the worker does not also carry the pages' MessageError.
   */
  describeError: (error: unknown) => ErrorInfo;
}

const refused = (message: string): ResponseMessage<never> => ({ ok: false, error: { kind: 'refused', message } });
const invalid = (message: string): ResponseMessage<never> => ({
  ok: false,
  error: { kind: 'invalid_message', message },
});

/**
 * Validates and dispatches one raw runtime message. Returns `undefined` for messages that are not
 * requests (push events between pages), so another listener may answer them.
 */
export async function handleRawMessage(
  raw: unknown,
  sender: Runtime.MessageSender,
  options: ServeOptions,
): Promise<ResponseMessage<unknown> | undefined> {
  if (typeof raw !== 'object' || raw === null) return invalid('A request must be an object.');
  if (isPushEvent(raw)) return undefined;
  const senderKind = classifySender(sender, options.self);
  if (!senderKind) return refused('Messages from this sender are not accepted.');
  if (approximateSize(raw) > MAX_REQUEST_BYTES) return invalid('The request is too large.');
  const { type, input } = raw as { type?: unknown; input?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(REQUESTS, type)) return invalid('Unknown request type.');
  const spec = REQUESTS[type as RequestType];
  if (!spec.from.includes(senderKind)) return refused(`"${type}" may not be sent from a ${senderKind}.`);
  if (senderKind === 'content-script' && options.allowContentScript && !(await options.allowContentScript(sender))) {
    return refused('Detection is not enabled on this site.');
  }
  const parsed = v.safeParse(spec.input, input);
  if (!parsed.success) return invalid(describeIssues(parsed.issues));
  const handler = options.handlers[type as RequestType] as (
    value: unknown,
    context: RequestContext,
  ) => Promise<unknown>;
  try {
    const value = await handler(parsed.output, { sender, senderKind });
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: options.describeError(error) };
  }
}

/** Chrome's callback form of a runtime.onMessage listener: `true` keeps the channel open for `sendResponse`. */
export type MessageListener = (
  raw: unknown,
  sender: Runtime.MessageSender,
  sendResponse: (response: unknown) => void,
) => boolean;

/** The part of `runtime.onMessage` the server needs; Chrome's native event and the polyfill's both fit. */
export interface MessageEvent {
  addListener(listener: MessageListener): void;
  removeListener(listener: MessageListener): void;
}

/**
 * Registers the background's single runtime.onMessage listener. Returns a function that removes it.
 * It answers through `sendResponse` rather than a returned promise: Chrome 116 (the minimum version) ignores a
 * returned promise, and the background runs without webextension-polyfill (bundle budget).
 */
export function serveRequests(onMessage: MessageEvent, options: ServeOptions): () => void {
  const listener: MessageListener = (raw, sender, sendResponse) => {
    if (isPushEvent(raw)) return false;
    void handleRawMessage(raw, sender, options).then(sendResponse);
    return true;
  };
  onMessage.addListener(listener);
  return () => onMessage.removeListener(listener);
}

/** Events pushed between extension pages travel on the same channel; they are not requests. */
function isPushEvent(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'event' in raw && !('type' in raw);
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'The request is not valid.';
  const path = first.path?.map((item) => String(item.key)).join('.');
  return path ? `${path}: ${first.message}` : first.message;
}

function approximateSize(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
