import type { Settings } from '../messaging/model';
import { defineItem } from '../storage-item';
import { connectionKeys } from './connections';
import type { OrgConnection } from './connections-types';
import type { Report } from './diagnostics';
import type { KustomerPort } from './kustomer-port';
import { createLookupService, type LookupService } from './lookup';
import { createLookupCache } from './lookup-cache';
import type { CachedLookup } from './storage-items';

export interface OrgLookupDeps {
  /** Global: never-look-up lists, phone settings and per-site switches are the agent's, not an organisation's. */
  settings: () => Promise<Settings>;
  now: () => number;
  report?: Report;
}

/**
 * The lookups of one organisation: today's lookup service over that organisation's client and its own cache in
 * session storage, so that a card of one organisation is never served as another's.
 */
export function createOrgLookupFactory(
  deps: OrgLookupDeps,
): (connection: OrgConnection, port: KustomerPort) => LookupService {
  return (connection, port) =>
    createLookupService({
      connectionId: connection.id,
      client: async () => port,
      appUrl: async () => connection.appUrl ?? connection.baseUrl,
      settings: deps.settings,
      cache: createLookupCache(
        deps.now,
        defineItem<Record<string, CachedLookup<unknown>>>(connectionKeys(connection.id).lookupCache, { fallback: {} }),
      ),
      report: deps.report,
    });
}
