import { signal } from '@preact/signals';
import type { Draft } from '../storage';

/** The part of a storage item the draft store needs (WXT's `draftsItem` fits). */
export interface DraftsStorage {
  getValue(): Promise<Record<string, Draft>>;
  setValue(value: Record<string, Draft>): Promise<void>;
}

export interface DraftStore {
  /** Resolves once the saved drafts are loaded. */
  ready: Promise<void>;
  /** Whether the saved drafts are loaded (a signal: components re-render when it turns true). */
  readonly loaded: boolean;
  /** The draft text for a target, or "" (reads a signal). */
  get(key: string): string;
  /** Remembers the text now and saves it after the debounce delay. */
  set(key: string, text: string): void;
  /** Forgets a draft (after its write was accepted into the outbox). */
  clear(key: string): Promise<void>;
  /** Writes pending changes now (on pagehide / visibilitychange). */
  flush(): Promise<void>;
}

/** Drafts per target kept in memory and saved with a debounce; nothing typed is lost on close if flushed. */
export function createDraftStore(storage: DraftsStorage, delayMs = 300, now: () => number = Date.now): DraftStore {
  const drafts = signal<Record<string, Draft>>({});
  const loaded = signal(false);
  /** Keys changed since the last save: a text to write, or null to delete. */
  let pending = new Map<string, Draft | null>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();

  const ready = storage
    .getValue()
    .catch(() => ({}))
    .then((saved) => {
      const merged = { ...saved };
      for (const [key, draft] of pending) {
        if (draft) merged[key] = draft;
        else delete merged[key];
      }
      drafts.value = merged;
      loaded.value = true;
    });

  const save = async () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return saving;
    const changes = pending;
    pending = new Map();
    saving = saving.then(async () => {
      // Merge with what is stored: the options page or another panel may have written meanwhile.
      const stored = await storage.getValue().catch(() => ({}) as Record<string, Draft>);
      const next = { ...stored };
      for (const [key, draft] of changes) {
        if (draft) next[key] = draft;
        else delete next[key];
      }
      await storage.setValue(next);
    });
    return saving;
  };

  return {
    ready,
    get loaded() {
      return loaded.value;
    },
    get: (key) => drafts.value[key]?.text ?? '',
    set(key, text) {
      const draft = text.trim() === '' ? null : { text, updatedAt: now() };
      const next = { ...drafts.value };
      if (draft) next[key] = draft;
      else delete next[key];
      drafts.value = next;
      pending.set(key, draft);
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void save(), delayMs);
    },
    async clear(key) {
      const next = { ...drafts.value };
      delete next[key];
      drafts.value = next;
      pending.set(key, null);
      await save();
    },
    flush: save,
  };
}

/** Saves pending drafts when the page is hidden or closed (the side panel can close at any moment). */
export function flushDraftsOnHide(store: DraftStore, target: Window = window): () => void {
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
  newConversation: (customerId: string) => `conversation:new:${customerId}`,
  quickNote: () => 'quicknote',
  attribute: (customerId: string, key: string) => `attribute:${customerId}:${key}`,
  createCustomer: (email: string) => `customer:new:${email}`,
  search: () => 'search',
};
