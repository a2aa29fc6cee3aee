import { signal } from '@preact/signals';

/** What the agent typed in one target. */
export interface Draft {
  text: string;
  /** Epoch ms of the last keystroke. */
  updatedAt: number;
}

/** The part of a storage item the draft store needs (a `StorageItem` of lib/storage.ts fits). */
export interface DraftsStorage {
  getValue(): Promise<Record<string, Draft>>;
  setValue(value: Record<string, Draft>): Promise<void>;
  /** Reports writes by other pages (another panel, the options page), so a save never undoes them. */
  watch?(callback: (value: Record<string, Draft> | null) => void): () => void;
}

export interface DraftStore {
  /** Resolves once the saved drafts are loaded. */
  ready: Promise<void>;
  /** Whether the saved drafts are loaded (a signal: components re-render when it turns true). */
  readonly loaded: boolean;
  /** The draft text for a target, or "" (reads a signal). */
  get(key: string): string;
  /** Whether the agent has typed in this target, even if they then emptied it (reads a signal). */
  has(key: string): boolean;
  /** The targets with text typed and not sent (reads a signal). */
  waiting(): string[];
  /** Every target with a draft, emptied ones too (reads a signal). */
  keys(): string[];
  /** Remembers the text now and saves it after the debounce delay. */
  set(key: string, text: string): void;
  /** Forgets a draft (after its write was accepted into the outbox). */
  clear(key: string): Promise<void>;
  /** Writes pending changes now (on pagehide / visibilitychange). */
  flush(): Promise<void>;
}

type Changes = Map<string, Draft | null>;

function applyChanges(base: Record<string, Draft>, changes: Changes): Record<string, Draft> {
  const next = { ...base };
  for (const [key, draft] of changes) {
    if (draft) next[key] = draft;
    else delete next[key];
  }
  return next;
}

/**
 * Drafts per target kept in memory and saved with a debounce. A save writes at once, without reading
 * storage first: a closing side panel gets one synchronous chance (pagehide) to start the write, and
 * a read round trip before it would be lost. Other pages' writes are followed through `watch`.
 */
// The parameter is not named `storage`: WXT auto-imports its own storage module (2.5 KB gzip) for that name, and
// this module is in the panel's first paint.
export function createDraftStore(backing: DraftsStorage, delayMs = 300, now: () => number = Date.now): DraftStore {
  const drafts = signal<Record<string, Draft>>({});
  const loaded = signal(false);
  /** What storage holds, as far as this page knows. */
  let stored: Record<string, Draft> = {};
  /** Keys changed since the last save: a text to write, or null to delete. */
  let pending: Changes = new Map();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();

  const refresh = () => {
    drafts.value = applyChanges(stored, pending);
  };
  const ready = backing
    .getValue()
    .catch(() => ({}))
    .then((saved) => {
      stored = saved ?? {};
      refresh();
      loaded.value = true;
      backing.watch?.((value) => {
        stored = value ?? {};
        refresh();
      });
    });

  const save = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0 || !loaded.value) return ready.then(() => (pending.size ? save() : saving));
    stored = applyChanges(stored, pending);
    pending = new Map();
    saving = backing.setValue(stored).catch(() => undefined);
    return saving;
  };
  const change = (key: string, draft: Draft | null) => {
    pending.set(key, draft);
    refresh();
  };

  return {
    ready,
    get loaded() {
      return loaded.value;
    },
    get: (key) => drafts.value[key]?.text ?? '',
    has: (key) => drafts.value[key] !== undefined,
    waiting: () => Object.keys(drafts.value).filter((key) => drafts.value[key]?.text.trim()),
    keys: () => Object.keys(drafts.value),
    set(key, text) {
      // An emptied field is kept as an empty draft: its prefill must not come back.
      change(key, { text, updatedAt: now() });
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void save(), delayMs);
    },
    async clear(key) {
      change(key, null);
      await save();
    },
    flush: save,
  };
}

/** Saves pending drafts when the page is hidden or closed (the side panel can close at any moment). */
export function flushDraftsOnHide(store: Pick<DraftStore, 'flush'>, target: Window = window): () => void {
  const onHide = () => void store.flush();
  const onVisibility = () => {
    if (target.document.visibilityState === 'hidden') void store.flush();
  };
  target.addEventListener('pagehide', onHide);
  target.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener('pagehide', onHide);
    target.document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** Draft keys, one per target, so the same target always finds its text again. */
export const draftKeys = {
  note: (conversationId: string) => `note:${conversationId}`,
  message: (conversationId: string) => `message:${conversationId}`,
  messageSubject: (conversationId: string) => `message:subject:${conversationId}`,
  newConversation: (customerId: string) => `conversation:new:${customerId}`,
  quickNote: () => 'quicknote',
  attribute: (customerId: string, key: string) => `attribute:${customerId}:${key}`,
  createCustomer: (email: string) => `customer:new:${email}`,
  logCall: (phone: string) => `call:new:${phone}`,
  search: () => 'search',
};
