import type { ConnectionId } from '../messaging/org';
import { connectionDraftsItem, sharedDraftsItem } from '../storage';
import type { StorageItem } from '../storage-item';
import { markBoot } from './boot-marks';
import { connections } from './connection-store';
import { activeConnectionId } from './current-customer';
import { createDraftStore, type Draft, type DraftStore, draftKeys } from './drafts';
import { QUICK_NOTE_SOURCE_KEY } from './quick-note';

/**
 * Whose drafts: one organisation's (`local:conn.<id>.drafts`: the record ids in its keys are that
 * organisation's, so `note:<conversationId>` of one never meets another's), or the shared ones
 * (`local:drafts`, `sharedDraftsItem`: the search box, text typed before any organisation was connected, a quick
 * note whose organisation is not chosen yet).
 */
export type DraftsOwner = ConnectionId | 'shared';

const stores = new Map<DraftsOwner, DraftStore>();
/** One store for every owner (component tests that look at one page's drafts). */
let override: DraftStore | undefined;

function storeOver(item: StorageItem<Record<string, Draft>>): DraftStore {
  return createDraftStore({
    getValue: () => item.getValue(),
    setValue: (value) => item.setValue(value),
    watch: (callback) => item.watch((value) => callback(value)),
  });
}

/** The drafts of one owner, created (and read from storage) on first use. */
export function draftsOf(owner: DraftsOwner): DraftStore {
  if (override) return override;
  let store = stores.get(owner);
  if (!store) {
    store = storeOver(owner === 'shared' ? sharedDraftsItem : connectionDraftsItem(owner));
    stores.set(owner, store);
  }
  return store;
}

/** The owner of an organisation's drafts: itself while connected, else nobody yet (the shared drafts). */
export function ownerOf(id: ConnectionId | undefined): DraftsOwner {
  return id && (connections.value ?? []).some((entry) => entry.id === id) ? id : 'shared';
}

/**
 * The drafts of the organisation the screen works on (`activeConnectionId()`: the card's), or the shared ones
 * when none is connected. Reads signals: a component re-renders with the other organisation's drafts when the
 * card switches, and what it typed stays with the first.
 */
export function appDrafts(): DraftStore {
  const store = draftsOf(ownerOf(activeConnectionId()));
  void store.ready.then(() => markBoot('drafts'));
  return store;
}

/** Set once the panel read the drafts it starts with (`draftsLoaded`). */
let started = false;

/**
 * Whether the panel may show its screens: the shared drafts, the screen's organisation's and every connected
 * organisation's are read (signals: the panel waits for them). True for good once true: a card switching to
 * another organisation later must not put the panel back to its starting screen, which unmounted the card and
 * the tab the agent chose. A store read later shows its drafts as soon as they arrive (they are signals too).
 */
export function draftsLoaded(): boolean {
  if (started) return true;
  const owners: DraftsOwner[] = ['shared', ...(connections.value ?? []).map((entry) => entry.id)];
  const stores = [...owners.map(draftsOf), appDrafts()];
  started = stores.every((store) => store.loaded);
  return started;
}

/** Resolves once the shared drafts are read (an intent merges into them). */
export function sharedDraftsReady(): Promise<void> {
  return draftsOf('shared').ready;
}

/** Drafts typed and not sent, in every connected organisation and the shared ones (the search box aside). */
export function waitingDraftCount(): number {
  const owners: DraftsOwner[] = ['shared', ...(connections.value ?? []).map((entry) => entry.id)];
  return [...new Set(owners.map(draftsOf))].reduce(
    (count, store) => count + store.waiting().filter((key) => key !== draftKeys.search()).length,
    0,
  );
}

/** Writes every owner's pending drafts now (the panel is being hidden or closed). */
export async function flushAllDrafts(): Promise<void> {
  await Promise.all([...stores.values(), ...(override ? [override] : [])].map((store) => store.flush()));
}

/** Appends `text` below `previous` unless it is already there (a new selection never replaces a note). */
export function appendText(previous: string, text: string): string {
  return previous === '' ? text : previous.includes(text) ? previous : `${previous}\n\n${text}`;
}

const QUICK_NOTE_KEYS = [draftKeys.quickNote(), QUICK_NOTE_SOURCE_KEY];

/**
 * Gives an organisation the quick note that waited in the shared drafts (its selection arrived before the
 * organisation was known: nothing connected yet, or several and none chosen): the text is added below the
 * organisation's own quick note, the page it came from replaces its own.
 */
export async function adoptQuickNote(owner: DraftsOwner): Promise<void> {
  if (owner === 'shared') return;
  const shared = draftsOf('shared');
  const own = draftsOf(owner);
  if (shared === own) return;
  await Promise.all([shared.ready, own.ready]);
  const [textKey, sourceKey] = QUICK_NOTE_KEYS as [string, string];
  if (!shared.has(textKey) && !shared.has(sourceKey)) return;
  const text = shared.get(textKey).trim();
  if (text !== '') own.set(textKey, appendText(own.get(textKey), text));
  if (shared.get(sourceKey)) own.set(sourceKey, shared.get(sourceKey));
  await own.flush();
  await Promise.all(QUICK_NOTE_KEYS.map((key) => shared.clear(key)));
}

/**
 * Gives the first connected organisation the shared drafts that belong to an organisation's screens (typed
 * before one was connected, or under the single connection of before a failed upgrade). The search box stays
 * shared; the quick note waits for its own organisation (`adoptQuickNote`).
 */
export async function adoptLeftoverDrafts(first: ConnectionId): Promise<void> {
  const shared = draftsOf('shared');
  const own = draftsOf(first);
  if (shared === own) return;
  await Promise.all([shared.ready, own.ready]);
  const keep = new Set([draftKeys.search(), ...QUICK_NOTE_KEYS]);
  const leftovers = shared.keys().filter((key) => !keep.has(key));
  if (leftovers.length === 0) return;
  for (const key of leftovers) if (!own.has(key)) own.set(key, shared.get(key));
  await own.flush();
  await Promise.all(leftovers.map((key) => shared.clear(key)));
}

/**
 * Makes one store every owner's (tests that look at a page's drafts as one), or, with `undefined`, goes back to
 * a store per owner, read afresh from storage.
 */
export function setAppDrafts(next: DraftStore | undefined): void {
  override = next;
  stores.clear();
  started = false;
}
