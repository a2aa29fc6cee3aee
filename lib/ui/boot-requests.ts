import { answerOf, request } from '../messaging/client';
import type { PanelIntent } from '../messaging/model';
import type { RequestOutput } from '../messaging/protocol';
import { BOOT, type BootScope, lookupKey } from './boot-state';

/**
 * The app's side of the panel's boot requests (lib/ui/panel-boot.ts): it takes each answer once, and asks
 * afresh for anything the boot did not ask or that was already taken.
 */
/** The boot's answer to `key`, once, or undefined when it sent none (or it was taken). */
function bootAnswer<T>(key: string): Promise<T> | undefined {
  const answers = (globalThis as BootScope)[BOOT]?.answers;
  const sent = answers?.get(key);
  answers?.delete(key);
  return sent && answerOf<T>(sent);
}

export const bootConnections = (): Promise<RequestOutput<'getConnections'>> =>
  bootAnswer<RequestOutput<'getConnections'>>('getConnections') ?? request('getConnections');

/** The card of `email` the boot asked for, if it did and nobody took it yet. */
export const bootLookup = (email: string): Promise<RequestOutput<'lookupEmail'>> | undefined =>
  bootAnswer(lookupKey(email));

/**
 * The intents the panel must follow now: the one the boot took, then those pushed before the app listened.
 * Call once the app listens to `panelIntent` itself.
 */
export async function bootIntents(): Promise<PanelIntent[]> {
  const boot = (globalThis as BootScope)[BOOT];
  boot?.stopListening();
  const taken = await (
    bootAnswer<RequestOutput<'takePanelIntent'>>('takePanelIntent') ?? request('takePanelIntent')
  ).catch(() => null);
  // An intent set while the boot took it is also pushed: follow it once.
  const seen = new Set<string>();
  return [...(taken ? [taken.intent] : []), ...(boot?.pushedIntents.splice(0) ?? [])].filter(
    (intent) => !seen.has(JSON.stringify(intent)) && seen.add(JSON.stringify(intent)),
  );
}
