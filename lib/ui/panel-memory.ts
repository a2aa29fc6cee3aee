import { computed, signal } from '@preact/signals';
import type { ConnectionId, OrgConnectionStatus, WriteAbout, WriteRequest } from '../messaging/model';
import { connectionPanelMemoryItem, type PanelMemory, type RecentCustomer, type SavedScreen } from '../storage';
import { connections } from './connection-store';
import { activeConnectionId } from './current-customer';
import type { Route } from './router';

/**
 * What the panel remembers between openings, per organisation (`local:conn.<id>.panelMemory`: customer ids are
 * an organisation's): its recent customers and, in one organisation at most, the screen shown last.
 */

/** How many customers "Recent customers" lists. */
export const MAX_RECENT = 20;

/** A recent customer with the organisation it was read in (it opens there). */
export type OrgRecentCustomer = RecentCustomer & { connectionId: ConnectionId };

/** The screen to reopen and its organisation. */
export interface RememberedScreen {
  connectionId: ConnectionId;
  screen: SavedScreen;
}

/** Each organisation's memory as this page read it. */
const memories = signal<Partial<Record<ConnectionId, PanelMemory>>>({});
const reads = new Map<ConnectionId, Promise<PanelMemory>>();

/**
 * Recent customers of every connected organisation, merged, most recent first (at most MAX_RECENT); null until
 * each one's memory is read.
 */
export const recentCustomers = computed<OrgRecentCustomer[] | null>(() => {
  const list = connections.value;
  const read = memories.value;
  if (!list || list.some((org) => !read[org.id])) return null;
  return list
    .flatMap((org) => (read[org.id]?.recent ?? []).map((recent) => ({ ...recent, connectionId: org.id })))
    .sort((a, b) => b.viewedAt - a.viewedAt)
    .slice(0, MAX_RECENT);
});

function setMemory(id: ConnectionId, memory: PanelMemory): void {
  memories.value = { ...memories.value, [id]: memory };
}

/** Reads one organisation's memory once per page and follows its removal ("Clear cache", a sign-out). */
function readMemory(id: ConnectionId): Promise<PanelMemory> {
  let read = reads.get(id);
  if (!read) {
    const item = connectionPanelMemoryItem(id);
    read = item
      .getValue()
      .catch(() => ({ recent: [] }))
      .then((memory) => {
        setMemory(id, memory);
        // This page is the only writer besides the removals: follow only those, so an echo of an earlier write
        // of ours never undoes a later one.
        item.watch((next) => {
          if (!next?.recent.length && !next?.lastScreen) setMemory(id, { recent: [] });
        });
        return memory;
      });
    reads.set(id, read);
  }
  return read;
}

/** The connections once the background answered (the memory is per organisation). */
function connectionsKnown(): Promise<OrgConnectionStatus[]> {
  return new Promise((resolve) => {
    let done = false;
    const stop = connections.subscribe((list) => {
      if (list === null || done) return;
      done = true;
      resolve(list);
      queueMicrotask(() => stop());
    });
  });
}

/**
 * Reads the memory of every connected organisation (those connected since, on a later call) and answers the
 * screen to reopen: the one remembered, with its organisation.
 */
export async function loadPanelMemory(): Promise<RememberedScreen | undefined> {
  const list = await connectionsKnown();
  const read = await Promise.all(list.map((org) => readMemory(org.id)));
  const index = read.findIndex((memory) => memory.lastScreen);
  const org = list[index];
  const screen = read[index]?.lastScreen;
  return org && screen ? { connectionId: org.id, screen } : undefined;
}

/** Changes one connected organisation's memory (after reading it, so a change never drops what it held). */
function save(id: ConnectionId, change: (memory: PanelMemory) => PanelMemory): void {
  if (!(connections.value ?? []).some((org) => org.id === id)) return;
  const apply = () => {
    const next = change(memories.value[id] ?? { recent: [] });
    setMemory(id, next);
    connectionPanelMemoryItem(id)
      .setValue(next)
      .catch(() => undefined);
  };
  if (memories.value[id]) apply();
  else void readMemory(id).then(apply);
}

/** Forgets what this page read, so that the next load reads storage again (tests start each case afresh). */
export function resetPanelMemoryForTests(): void {
  reads.clear();
  memories.value = {};
}

/** Puts a customer the agent opened at the top of its organisation's recent list (once, at most MAX_RECENT). */
export function rememberCustomer(
  customer: Omit<RecentCustomer, 'viewedAt'>,
  connectionId: ConnectionId = activeConnectionId(),
  now = Date.now(),
): void {
  save(connectionId, (memory) => ({
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

/**
 * Remembers the screen the panel shows, in its organisation, and forgets the one remembered in any other
 * (undefined: open on search next time).
 */
export function rememberScreen(
  screen: SavedScreen | undefined,
  connectionId: ConnectionId = activeConnectionId(),
): void {
  for (const [id, memory] of Object.entries(memories.value) as [ConnectionId, PanelMemory][]) {
    const wanted = id === connectionId ? screen : undefined;
    if (JSON.stringify(memory.lastScreen) === JSON.stringify(wanted)) continue;
    save(id, ({ lastScreen: _, ...rest }) => (wanted ? { ...rest, lastScreen: wanted } : rest));
  }
  if (screen && !memories.value[connectionId]) save(connectionId, (memory) => ({ ...memory, lastScreen: screen }));
}

/** Subjects of the conversations the panel listed, by id, to name the outbox's writes (this page only). */
export const knownSubjects = new Map<string, string>();

/** Whom and what a write is about, from what the panel has shown: for the outbox list. */
export function aboutWrite(
  request: WriteRequest,
  current: { id: string; name: string } | null,
  connectionId: ConnectionId = activeConnectionId(),
): WriteAbout | undefined {
  const customerId = 'customerId' in request ? request.customerId : undefined;
  const customer =
    request.kind === 'createCustomer'
      ? request.name
      : customerId &&
        (current?.id === customerId
          ? current.name
          : memories.value[connectionId]?.recent.find((c) => c.id === customerId)?.name);
  const conversationId = 'conversationId' in request ? request.conversationId : undefined;
  const conversation =
    request.kind === 'createConversation' ? request.subject : conversationId && knownSubjects.get(conversationId);
  const about: WriteAbout = {};
  if (customer) about.customer = customer.slice(0, 200);
  if (conversation) about.conversation = conversation.slice(0, 300);
  return about.customer || about.conversation ? about : undefined;
}
