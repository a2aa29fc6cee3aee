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
 * (until the browser closes). Each write is one `update` step of the item, so parallel lookups don't
 * overwrite each other's entries.
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

  async function update(change: (entries: Record<string, CachedLookup<unknown>>) => void): Promise<void> {
    await item.update((stored) => {
      const entries = { ...stored };
      change(entries);
      return entries;
    });
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
    async set(email, value, ttlMs) {
      const entry = { value, expiresAt: now() + ttlMs };
      memory.set(email, entry);
      await update((entries) => {
        entries[email] = entry;
        const at = now();
        for (const [key, cached] of Object.entries(entries)) if (cached.expiresAt <= at) delete entries[key];
        const keys = Object.keys(entries);
        if (keys.length > MAX_CACHED_LOOKUPS) {
          keys
            .sort((a, b) => (entries[a]?.expiresAt ?? 0) - (entries[b]?.expiresAt ?? 0))
            .slice(0, keys.length - MAX_CACHED_LOOKUPS)
            .forEach((key) => {
              delete entries[key];
            });
        }
      });
    },
    async delete(email) {
      memory.delete(email);
      await update((entries) => {
        delete entries[email];
      });
    },
    async clear() {
      memory.clear();
      await update((entries) => {
        for (const key of Object.keys(entries)) delete entries[key];
      });
    },
  };
}
