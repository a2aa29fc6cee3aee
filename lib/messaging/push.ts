import type { Tabs } from 'webextension-polyfill';
import type { PushEvent } from './protocol';

interface PushTargets {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { sendMessage(tabId: number, message: unknown, options?: Tabs.SendMessageOptionsType): Promise<unknown> };
}

/** Pushes an event to every open extension page; no page open is not an error. */
export async function pushToPages(targets: PushTargets, event: PushEvent): Promise<void> {
  await targets.runtime.sendMessage(event).catch(() => undefined);
}

/** Pushes an event to the content script of one tab; a tab without one is not an error. */
export async function pushToTab(targets: PushTargets, tabId: number, event: PushEvent): Promise<void> {
  await targets.tabs.sendMessage(tabId, event).catch(() => undefined);
}
