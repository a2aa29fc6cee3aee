import { defineItem } from './storage-item';

/**
 * The one item the side panel and the background both touch: the panel writes its memory, the background
 * removes it when the cached reads go (clear cache, a new connection, sign-out). Nothing secret lives here;
 * the background's own items are in lib/background/storage-items.ts, the pages' beside their code
 * (lib/ui/app-drafts.ts, lib/ui/panel-prefs.ts).
 */

/** A customer the agent opened in the panel (what the "Recent customers" list shows). */
export interface RecentCustomer {
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

export const panelMemoryItem = defineItem<PanelMemory>('local:panelMemory', { fallback: { recent: [] } });
