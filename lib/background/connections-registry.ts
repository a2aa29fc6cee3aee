import type { TokenAuth } from './connection';
import { notConnected } from './connections';
import type { CredentialStore } from './connections-credentials';
import type { ConnectionsStore } from './connections-store';
import type { ConnectionId, OrgConnection } from './connections-types';
import type { Credentials } from './credentials';
import type { KustomerPort } from './kustomer-port';
import type { LookupService } from './lookup';

/** What one connected organisation runs on: its own client (and so its own limiters) and its own lookups. */
export interface OrgRuntime {
  connection: OrgConnection;
  port: KustomerPort;
  lookup: LookupService;
}

export interface OrgRegistryDeps {
  store: Pick<ConnectionsStore, 'read'>;
  credentials: Pick<CredentialStore, 'get'>;
  /** A new client for one API origin and one credential (lib/background/kustomer-port.ts in the worker). */
  createPort: (baseUrl: string, auth: TokenAuth) => KustomerPort;
  /** The connection's lookups, over its own cache (`connectionKeys(id).lookupCache`). */
  createLookup: (connection: OrgConnection, port: KustomerPort) => LookupService;
  /** A 401 for this connection: true when a fresh token is ready and the call may be repeated (OAuth refresh). */
  onUnauthorized?: (id: ConnectionId) => Promise<boolean>;
}

export interface OrgRegistry {
  /** The runtime of one connection; rejects with `not_connected` when it is not (or no longer) connected. */
  runtime(id: ConnectionId): Promise<OrgRuntime>;
  /** Every connection's runtime, in the agent's order. */
  all(): Promise<OrgRuntime[]>;
  /** Drops a connection's runtime (signed out, reconnected elsewhere). */
  forget(id: ConnectionId): void;
}

function tokenOf(credentials: Credentials): string {
  return credentials.method === 'apiKey' ? credentials.apiKey : credentials.accessToken;
}

/**
 * One runtime per connection, built on first use from what storage holds, so that a worker started afresh builds
 * the same ones. Each client's `getToken` reads the credential stored under its own connection id at every
 * attempt: no token is held in a variable two connections could share, and a request made after a sign-out finds
 * no credential instead of another organisation's.
 */
export function createOrgRegistry(deps: OrgRegistryDeps): OrgRegistry {
  const runtimes = new Map<ConnectionId, OrgRuntime>();

  function build(connection: OrgConnection): OrgRuntime {
    const { id } = connection;
    const auth: TokenAuth = {
      async getToken() {
        const credentials = await deps.credentials.get(id);
        if (!credentials) throw notConnected(id);
        return tokenOf(credentials);
      },
      onUnauthorized: async () => (await deps.onUnauthorized?.(id)) ?? false,
    };
    const port = deps.createPort(connection.baseUrl, auth);
    return { connection, port, lookup: deps.createLookup(connection, port) };
  }

  /** The stored connection's runtime, rebuilt when its origin or credential method changed (reconnected). */
  function runtimeFor(connection: OrgConnection): OrgRuntime {
    const current = runtimes.get(connection.id);
    if (
      current &&
      current.connection.baseUrl === connection.baseUrl &&
      current.connection.method === connection.method
    ) {
      current.connection = connection;
      return current;
    }
    const fresh = build(connection);
    runtimes.set(connection.id, fresh);
    return fresh;
  }

  return {
    async runtime(id) {
      const connection = (await deps.store.read()).connections.find((candidate) => candidate.id === id);
      if (!connection) {
        runtimes.delete(id);
        throw notConnected(id);
      }
      return runtimeFor(connection);
    },
    async all() {
      const { connections } = await deps.store.read();
      const ids = new Set(connections.map((connection) => connection.id));
      for (const id of runtimes.keys()) if (!ids.has(id)) runtimes.delete(id);
      return connections.map(runtimeFor);
    },
    forget(id) {
      runtimes.delete(id);
    },
  };
}
