import { addConnection, reconnect, removeConnection } from './connections';
import { createCredentialStore } from './connections-credentials';
import { browserKeyValueStorage, createConnectionsStore } from './connections-store';
import type { ConnectionDetails, OrgConnection } from './connections-types';
import { UPGRADED_CONNECTION_ID } from './connections-upgrade';
import type { VaultItem } from './credential-vault';
import type { Credentials } from './credentials';
import type { SavedConnection } from './storage-items';

/**
 * A bridge while the worker still holds one connection (issue 18, docs/multi-org.md "What is next" §1).
 *
 * The upgrade at worker start moves `local:connection` and its secret into the list of connections as `org-0`
 * and removes them. `connection.ts` still reads and writes one connection: these two items give it that one
 * connection, `org-0`, from the list and from `org-0`'s own secret, so that an upgraded profile stays connected
 * and a new connection is stored where the next upgrade run leaves it alone. Removed once connection.ts holds
 * several connections.
 */

const SINGLE = UPGRADED_CONNECTION_ID;
const keyValues = browserKeyValueStorage();
const store = createConnectionsStore(keyValues);
const secrets = createCredentialStore(keyValues);

/** Reads wait for this: the upgrade at worker start (entrypoints/background.ts). */
let upgraded: Promise<unknown> = Promise.resolve();

/** Makes the single connection's reads wait for the upgrade that moves it into the list. */
export function bridgeAfter(upgrade: Promise<unknown>): void {
  upgraded = upgrade.catch(() => undefined);
}

function savedOf(connection: OrgConnection): SavedConnection {
  const { id: _, label: _label, colour: _colour, addedAt: _addedAt, orgId: _orgId, ...saved } = connection;
  return saved;
}

/** `org-0` of the list, as the single connection `connection.ts` reads and writes. */
export const singleConnectionItem: VaultItem<SavedConnection | null> = {
  async getValue() {
    await upgraded;
    const found = (await store.read()).connections.find((connection) => connection.id === SINGLE);
    return found ? savedOf(found) : null;
  },
  async setValue(saved) {
    await upgraded;
    await store.change((state) => {
      const present = state.connections.some((connection) => connection.id === SINGLE);
      if (!saved) return { state: present ? removeConnection(state, SINGLE).state : state, result: undefined };
      const details: ConnectionDetails = { ...saved };
      return {
        state: present
          ? reconnect(state, SINGLE, details)
          : addConnection(state, details, { id: SINGLE, now: Date.now() }).state,
        result: undefined,
      };
    });
  },
};

/** `org-0`'s secret, as the single credential `connection.ts` reads and writes. */
export const singleCredentialsItem: VaultItem<Credentials | null> = {
  async getValue() {
    await upgraded;
    return secrets.get(SINGLE);
  },
  async setValue(credentials) {
    await upgraded;
    await (credentials ? secrets.set(SINGLE, credentials) : secrets.remove(SINGLE));
  },
};
