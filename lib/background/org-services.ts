import type { ConnectionId } from '../messaging/model';
import { type CardActivity, createCardActivity } from './card-activity';
import type { OrgRegistry } from './connections-registry';
import { type CustomerSearch, createCustomerSearch } from './customer-search';
import type { Report } from './diagnostics';
import { createDirectory, type Directory } from './directory';
import type { ReadDeps } from './reads';
import type { SettingsService } from './settings';

/** What the background keeps for one organisation besides its runtime: memos of its reference data and reads. */
export interface OrgParts {
  reads: ReadDeps;
  directory: Directory;
  search: CustomerSearch;
  activity: CardActivity;
}

/** Each connected organisation's parts, built on first use and dropped when it signs out or in again. */
export interface OrgServices {
  of(id: ConnectionId): OrgParts;
  /** Drops every organisation's memos (Clear cache). */
  clear(): void;
}

/** Per organisation: its reads, a memo of its users and sub-statuses, its searches and card activity. */
export function createOrgServices(
  registry: OrgRegistry,
  settings: SettingsService,
  now: () => number,
  report: Report,
): OrgServices & { forget(id: ConnectionId): void } {
  const parts = new Map<ConnectionId, OrgParts>();
  return {
    of(id) {
      let found = parts.get(id);
      if (!found) {
        const client = async () => (await registry.runtime(id)).port;
        const connection = async () => (await registry.runtime(id)).connection;
        const directory = createDirectory(client, now, report);
        const reads: ReadDeps = {
          connectionId: id,
          client,
          appUrl: async () => {
            const { appUrl, baseUrl } = await connection();
            return appUrl ?? baseUrl;
          },
          directory,
        };
        found = {
          reads,
          directory,
          search: createCustomerSearch({
            connectionId: id,
            client,
            searchAttribute: async () => (await settings.get()).searchAttribute || undefined,
          }),
          activity: createCardActivity(reads, now, report),
        };
        parts.set(id, found);
      }
      return found;
    },
    clear() {
      for (const part of parts.values()) {
        part.directory.clear();
        part.search.clear();
      }
    },
    forget(id) {
      parts.delete(id);
    },
  };
}
