import { type CachedLookup, lookupCacheItem } from '../storage';
import type { CustomerCard } from '../view-models';

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
 * (until the browser closes). Writes to session storage are serialised so parallel lookups don't
 * overwrite each other's entries.
 */
export function createLookupCache(now: () => number): LookupCache {
  const memory = new Map<string, CachedLookup<CachedCard>>();
  let writes: Promise<unknown> = Promise.resolve();

  function update(change: (entries: Record<string, CachedLookup<unknown>>) => void): Promise<void> {
    const next = writes.then(async () => {
      const entries = { ...(await lookupCacheItem.getValue()) };
      change(entries);
      await lookupCacheItem.setValue(entries);
    });
    writes = next.catch(() => undefined);
    return next;
  }

  return {
    async get(email) {
      const at = now();
      let entry = memory.get(email);
      if (!entry) {
        await writes;
        const stored = (await lookupCacheItem.getValue())[email] as CachedLookup<CachedCard> | undefined;
        if (stored) memory.set(email, stored);
        entry = stored;
      }
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
