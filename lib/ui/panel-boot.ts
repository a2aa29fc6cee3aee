import { browser } from '@wxt-dev/browser';
import type { PanelIntent } from '../messaging/model';
import type { PushEvent, RequestOutput, ResponseMessage } from '../messaging/protocol';
import { markBoot } from './boot-marks';
import { BOOT, type BootScope, lookupKey } from './boot-state';

/**
 * The side panel's first requests: the intent (what a click asked to show), the connection, and the card
 * of a customer the intent names. The boot script (`entrypoints/sidepanel-boot.ts`, a classic script)
 * sends them while the browser is still loading and compiling the panel's modules, so that the worker has
 * answered by the time the app renders (lib/ui/boot-requests.ts takes the answers). Browser API only: no
 * module of the app is bundled into the boot script.
 */
/** Sends the boot requests; runs in the boot script, before any module of the panel. */
export function sendBootRequests(): void {
  const send = (type: string, input: object = {}) => {
    const sent: Promise<unknown> = browser.runtime.sendMessage({ type, input });
    // Rejections are the taker's to handle; an answer nobody takes must not be reported as unhandled.
    sent.catch(() => undefined);
    return sent;
  };
  const answers = new Map<string, Promise<unknown>>();
  const pushedIntents: PanelIntent[] = [];
  const listener = (raw: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab || typeof raw !== 'object' || raw === null) return undefined;
    const event = raw as PushEvent;
    if (event.event === 'panelIntent') {
      pushedIntents.push(event.intent);
      // Shown once (issue 17, bug 1): the app follows it from `pushedIntents`, so take it from storage now,
      // as the app does for the intents pushed once it listens; a panel opened later does not show it again.
      send('takePanelIntent');
    }
    // A connection answered before a change would be stale: the app then asks again.
    if (event.event === 'connectionChanged') answers.delete('getConnections');
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  const intent = send('takePanelIntent');
  answers.set('takePanelIntent', intent);
  answers.set('getConnections', send('getConnections'));
  markBoot('boot-requests');
  intent.then((response) => {
    const taken = (response as ResponseMessage<RequestOutput<'takePanelIntent'>> | undefined)?.ok
      ? (response as { value: RequestOutput<'takePanelIntent'> }).value
      : null;
    if (taken?.intent.kind === 'showCustomer') {
      answers.set(lookupKey(taken.intent.email), send('lookupEmail', { email: taken.intent.email }));
    }
  });
  (globalThis as BootScope)[BOOT] = {
    answers,
    pushedIntents,
    stopListening: () => browser.runtime.onMessage.removeListener(listener),
  };
}
