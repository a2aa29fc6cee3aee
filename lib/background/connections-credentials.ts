import { connectionKeyPrefix } from './connections';
import type { KeyValueStorage } from './connections-store';
import type { ConnectionId, LocalKey } from './connections-types';
import { defineVaultItem, type VaultItem } from './credential-vault';
import type { Credentials } from './credentials';

/**
 * Each connection's secret, under that connection's own key. The only module that reads or writes them (a unit
 * test checks it), so that a token can only be asked for by the id of the connection it belongs to.
 */
export interface CredentialStore {
  get(id: ConnectionId): Promise<Credentials | null>;
  set(id: ConnectionId, credentials: Credentials): Promise<void>;
  remove(id: ConnectionId): Promise<void>;
}

/** Where a connection's secret is stored; no other module may use it (a unit test checks it). */
export function credentialKey(id: ConnectionId): LocalKey {
  return `local:${connectionKeyPrefix(id)}credentials`;
}

/**
 * Secrets in `storage.local` (locked to extension contexts), or in the extension's IndexedDB on Firefox, where
 * `storage.local` cannot be locked (lib/credential-vault.ts, docs/browsers.md).
 */
export function createCredentialStore(
  keyValues: KeyValueStorage,
  vault: ((name: string) => VaultItem<Credentials | null>) | null = import.meta.env.FIREFOX
    ? (name) => defineVaultItem<Credentials | null>(name, null)
    : null,
): CredentialStore {
  const key = credentialKey;
  if (vault) {
    const item = (id: ConnectionId) => vault(key(id).slice('local:'.length));
    return {
      get: (id) => item(id).getValue(),
      set: (id, credentials) => item(id).setValue(credentials),
      remove: (id) => item(id).setValue(null),
    };
  }
  return {
    get: async (id) => ((await keyValues.get(key(id))) as Credentials | undefined) ?? null,
    set: (id, credentials) => keyValues.set(key(id), credentials),
    remove: (id) => keyValues.remove([key(id)]),
  };
}
