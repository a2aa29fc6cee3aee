import { signal } from '@preact/signals';
import type { WriteAbout, WriteRequest } from '../messaging/model';
import { type PanelMemory, panelMemoryItem, type RecentCustomer, type SavedScreen } from '../storage';
import type { Route } from './router';

/** How many customers "Recent customers" lists. */
export const MAX_RECENT = 20;

/** What the panel remembers between openings; null until read. */
export const panelMemory = signal<PanelMemory | null>(null);

/** The part of the storage item this module needs (a test passes a fake). */
export type MemoryStorage = Pick<typeof panelMemoryItem, 'getValue' | 'setValue' | 'watch'>;

let storage: MemoryStorage = panelMemoryItem;
let ready: Promise<PanelMemory> | undefined;

/** Reads the memory once per page and follows changes ("Clear cache" in the options empties it). */
export function loadPanelMemory(from: MemoryStorage = panelMemoryItem): Promise<PanelMemory> {
  if (ready && from === storage) return ready;
  storage = from;
  ready = from
    .getValue()
    .catch(() => ({ recent: [] }))
    .then((memory) => {
      panelMemory.value = memory;
      // This page is the only writer besides "Clear cache" (which removes the item): follow only that, so an
      // echo of an earlier write of ours never undoes a later one.
      from.watch((next) => {
        if (!next?.recent.length && !next?.lastScreen) panelMemory.value = { recent: [] };
      });
      return memory;
    });
  return ready;
}

function save(change: (memory: PanelMemory) => PanelMemory): void {
  const next = change(panelMemory.value ?? { recent: [] });
  panelMemory.value = next;
  storage.setValue(next).catch(() => undefined);
}

/** Forgets what this page read, so that the next load reads storage again (tests start each case afresh). */
export function resetPanelMemoryForTests(): void {
  ready = undefined;
  panelMemory.value = null;
}

/** Puts a customer the agent opened at the top of the recent list (once, at most MAX_RECENT). */
export function rememberCustomer(customer: Omit<RecentCustomer, 'viewedAt'>, now = Date.now()): void {
  save((memory) => ({
    ...memory,
    recent: [{ ...customer, viewedAt: now }, ...memory.recent.filter((entry) => entry.id !== customer.id)].slice(
      0,
      MAX_RECENT,
    ),
  }));
}

/** The screen to open next time for a route: only screens of ids (a form or an intent is shown once). */
export function screenOf(route: Route): SavedScreen | undefined {
  if (route.name === 'customer' && route.customerId) return { name: 'customer', customerId: route.customerId };
  if (route.name === 'conversations') {
    return { name: 'conversations', customerId: route.customerId, customerName: route.customerName };
  }
  if (route.name === 'conversation') {
    return { name: 'conversation', conversationId: route.conversationId, customerId: route.customerId };
  }
  if (route.name === 'company') return { name: 'company', companyId: route.companyId };
  return undefined;
}

/** Remembers the screen the panel shows (undefined: open on search next time). */
export function rememberScreen(screen: SavedScreen | undefined): void {
  const current = panelMemory.value?.lastScreen;
  if (JSON.stringify(current) === JSON.stringify(screen)) return;
  save(({ lastScreen: _, ...memory }) => (screen ? { ...memory, lastScreen: screen } : memory));
}

/** Subjects of the conversations the panel listed, by id, to name the outbox's writes (this page only). */
export const knownSubjects = new Map<string, string>();

/** Whom and what a write is about, from what the panel has shown: for the outbox list. */
export function aboutWrite(
  request: WriteRequest,
  current: { id: string; name: string } | null,
): WriteAbout | undefined {
  const customerId = 'customerId' in request ? request.customerId : undefined;
  const customer =
    request.kind === 'createCustomer'
      ? request.name
      : customerId &&
        (current?.id === customerId ? current.name : panelMemory.value?.recent.find((c) => c.id === customerId)?.name);
  const conversationId = 'conversationId' in request ? request.conversationId : undefined;
  const conversation =
    request.kind === 'createConversation' ? request.subject : conversationId && knownSubjects.get(conversationId);
  const about: WriteAbout = {};
  if (customer) about.customer = customer.slice(0, 200);
  if (conversation) about.conversation = conversation.slice(0, 300);
  return about.customer || about.conversation ? about : undefined;
}
