import type { CustomerCard } from '../messaging/model';
import type { StorageItem } from '../storage-item';
import { type CachedLookup, lookupCacheItem } from './storage-items';

/** A cached answer: the card, or null for "no such customer". */
export type CachedCard = CustomerCard | null;

export interface LookupCache {
  get(email: string): Promise<CachedCard | undefined>;
  /** `get` answers the new value at once; the promise settles when session storage holds it too. */
  set(email: string, value: CachedCard, ttlMs: number): Promise<void>;
  delete(email: string): Promise<void>;
  clear(): Promise<void>;
}

/** Most entries kept in session storage; the oldest expiring go first. */
export const MAX_CACHED_LOOKUPS = 500;

/**
 * Memory in front of `storage.session`: memory is lost when the worker stops, session storage is not
 * (until the browser closes). Writes are `update` steps of the item, so parallel lookups don't overwrite each
 * other's entries, and the changes made while one step waits go together in the next.
 */
export function createLookupCache(
  now: () => number,
  // One organisation's cache among several (connections.ts `connectionKeys(id).lookupCache`).
  item: StorageItem<Record<string, CachedLookup<unknown>>> = lookupCacheItem,
): LookupCache {
  const memory = new Map<string, CachedLookup<CachedCard>>();
  // Session storage is read once per worker start, not once per miss: a page reporting 2,000 new addresses
  // would otherwise read the whole cache 2,000 times (issue 21, finding 2). Every write goes through memory.
  let loaded: Promise<void> | undefined;

  /**
   * Changes not yet in session storage (`null`: delete). They go in one `update` step, whatever number of
   * lookups made them meanwhile: each step reads and writes the whole cache (up to 500 cards), and a page's
   * lookups made one per answer, queueing the agent's storage calls behind them (issue 21, finding 2).
   */
  const unwritten = new Map<string, CachedLookup<CachedCard> | null>();
  let flushing: Promise<void> | undefined;

  function flush(): Promise<void> {
    flushing ??= item
      .update((stored) => {
        // From here on, changes wait for the next step.
        flushing = undefined;
        const entries = { ...stored };
        for (const [key, entry] of unwritten) {
          if (entry) entries[key] = entry;
          else delete entries[key];
        }
        unwritten.clear();
        prune(entries, now());
        return entries;
      })
      .then(
        () => undefined,
        (error: unknown) => {
          // A step that failed before it took the changes leaves them for the next one.
          flushing = undefined;
          throw error;
        },
      );
    return flushing;
  }

  return {
    async get(email) {
      const at = now();
      loaded ??= item.settled().then(async () => {
        const stored = (await item.getValue()) as Record<string, CachedLookup<CachedCard>>;
        for (const [key, entry] of Object.entries(stored)) if (!memory.has(key)) memory.set(key, entry);
      });
      await loaded;
      const entry = memory.get(email);
      if (!entry) return undefined;
      if (entry.expiresAt <= at) {
        memory.delete(email);
        return undefined;
      }
      return entry.value;
    },
    set(email, value, ttlMs) {
      const entry = { value, expiresAt: now() + ttlMs };
      memory.set(email, entry);
      unwritten.set(email, entry);
      return flush();
    },
    delete(email) {
      memory.delete(email);
      unwritten.set(email, null);
      return flush();
    },
    async clear() {
      memory.clear();
      unwritten.clear();
      await item.update(() => ({}));
    },
  };
}

/** Drops expired entries, then the oldest expiring beyond `MAX_CACHED_LOOKUPS`. */
function prune(entries: Record<string, CachedLookup<unknown>>, at: number): void {
  for (const [key, cached] of Object.entries(entries)) if (cached.expiresAt <= at) delete entries[key];
  const keys = Object.keys(entries).sort((a, b) => (entries[a]?.expiresAt ?? 0) - (entries[b]?.expiresAt ?? 0));
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_CACHED_LOOKUPS))) delete entries[key];
}
