import { browser } from 'wxt/browser';
import { readConnectionsState } from './connections';
import type { ConnectionKeys, ConnectionsState, LocalKey, SessionKey } from './connections-types';

/** The few storage verbs the connections need, over keys that name their area (`local:…`, `session:…`). */
export interface KeyValueStorage {
  get(key: LocalKey | SessionKey): Promise<unknown>;
  set(key: LocalKey | SessionKey, value: unknown): Promise<void>;
  remove(keys: readonly (LocalKey | SessionKey)[]): Promise<void>;
}

/** The list of connections (no secret): the upgrade's commit point, and what pages may read. */
export const CONNECTIONS_KEY: LocalKey = 'local:connections';

function split(key: LocalKey | SessionKey): { area: 'local' | 'session'; name: string } {
  const separator = key.indexOf(':');
  return { area: key.slice(0, separator) as 'local' | 'session', name: key.slice(separator + 1) };
}

/** `KeyValueStorage` over `browser.storage.local` and `.session`. */
export function browserKeyValueStorage(): KeyValueStorage {
  return {
    async get(key) {
      const { area, name } = split(key);
      return (await browser.storage[area].get(name))[name];
    },
    async set(key, value) {
      const { area, name } = split(key);
      await browser.storage[area].set({ [name]: value });
    },
    async remove(keys) {
      for (const area of ['local', 'session'] as const) {
        const names = keys.map(split).filter((key) => key.area === area);
        if (names.length > 0) await browser.storage[area].remove(names.map((key) => key.name));
      }
    },
  };
}

export interface ConnectionsStore {
  /** The stored list, or none yet (never throws on a damaged value: it reads as empty). */
  read(): Promise<ConnectionsState>;
  /** True once a list was stored (the upgrade ran). */
  exists(): Promise<boolean>;
  /**
   * Reads, applies `change` and stores its state, one change at a time, so that two changes (a rename in the
   * options while the panel adds an org) never overwrite each other. Answers the change's result.
   */
  change<R>(change: (state: ConnectionsState) => { state: ConnectionsState; result: R }): Promise<R>;
  /** Removes a connection's data (not its secret: connections-credentials.ts does that). */
  removeData(keys: ConnectionKeys): Promise<void>;
}

/** The connections list over a key-value storage. */
// The parameter is not named `storage`: WXT would auto-import its own storage module (2.5 KB gzip) for that name.
export function createConnectionsStore(keyValues: KeyValueStorage): ConnectionsStore {
  let queue: Promise<unknown> = Promise.resolve();
  const read = async () =>
    readConnectionsState(await keyValues.get(CONNECTIONS_KEY)) ?? { version: 1 as const, connections: [] };
  return {
    read,
    exists: async () => (await keyValues.get(CONNECTIONS_KEY)) !== undefined,
    change(change) {
      const next = queue.then(async () => {
        const { state, result } = change(await read());
        await keyValues.set(CONNECTIONS_KEY, state);
        return result;
      });
      queue = next.catch(() => undefined);
      return next;
    },
    removeData: (keys) =>
      keyValues.remove([keys.lookupCache, keys.reference, keys.drafts, keys.panelMemory, keys.problem]),
  };
}
