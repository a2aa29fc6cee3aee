import type { ConnectionId } from './messaging/org';
import { defineItem, type StorageItem } from './storage-item';
import type { Draft } from './ui/drafts';

/**
 * The items the side panel and the background both touch: the panel writes drafts and its memory, the
 * background moves them to the first organisation once (the upgrade, lib/background/connections-upgrade.ts) and
 * removes an organisation's memory when its cached reads go (clear cache, sign-out). Nothing secret lives here;
 * the background's own items are in lib/background/storage-items.ts, the pages' beside their code
 * (lib/ui/app-drafts.ts, lib/ui/panel-prefs.ts).
 */

/** A customer the agent opened in the panel (what the "Recent customers" list shows). */
export interface RecentCustomer {
  /** The customer's id in its organisation (the memory's key says which). */
  id: string;
  name: string;
  email?: string;
  /** Epoch ms of the last time the agent opened it. */
  viewedAt: number;
}

/** A screen the panel can open again by ids alone (no form, no intent: those are shown once). */
export type SavedScreen =
  | { name: 'customer'; customerId: string }
  | { name: 'conversations'; customerId: string; customerName: string }
  | { name: 'conversation'; conversationId: string; customerId: string }
  | { name: 'company'; companyId: string };

/**
 * What the panel remembers between openings: the last customers viewed (newest first, at most 20) and the
 * screen it showed last. Local, on this computer only; "Clear cache", signing in and signing out remove it.
 */
export interface PanelMemory {
  recent: RecentCustomer[];
  lastScreen?: SavedScreen;
}

/**
 * The single connection's memory, before several organisations (issue 18): only the upgrade reads it now, and
 * moves it to `connectionPanelMemoryItem('org-0')`.
 */
export const panelMemoryItem = defineItem<PanelMemory>('local:panelMemory', { fallback: { recent: [] } });

/**
 * Drafts that belong to no organisation: what was typed before any was connected (and, before issue 18, every
 * draft: the upgrade moves those to the first organisation), the search box (it asks every organisation), and a
 * quick note whose organisation the agent has not chosen yet.
 */
export const sharedDraftsItem = defineItem<Record<string, Draft>>('local:drafts', { fallback: {} });

// Keys of one organisation's panel data: the same as `connectionKeys(id)` (lib/background/connections.ts, a
// unit test checks it), spelled here because pages may not import the background's modules.
const connectionKey = (id: ConnectionId, name: string): `local:${string}` => {
  if (!/^org-[a-z0-9]{1,32}$/.test(id)) throw new Error('not a connection id');
  return `local:conn.${id}.${name}`;
};

/** What the agent typed for one organisation, per target (`note:<conversationId>`): its record ids are its own. */
export function connectionDraftsItem(id: ConnectionId): StorageItem<Record<string, Draft>> {
  return defineItem<Record<string, Draft>>(connectionKey(id, 'drafts'), { fallback: {} });
}

/** One organisation's recent customers and last screen (customer ids are the organisation's). */
export function connectionPanelMemoryItem(id: ConnectionId): StorageItem<PanelMemory> {
  return defineItem<PanelMemory>(connectionKey(id, 'panelMemory'), { fallback: { recent: [] } });
}
