import type { SubStatusOption, UserOption } from '../messaging/model';
import type { Report } from './diagnostics';
import type { KustomerPort } from './kustomer-port';
import { toSubStatusOption, toUserOption } from './mappers';

/** Users and sub-statuses: they change rarely, are needed for labels everywhere, and cost one call each. */
export interface Directory {
  users(): Promise<UserOption[]>;
  subStatuses(): Promise<SubStatusOption[]>;
  /** Id → name maps for the mappers; empty maps when Kustomer refuses (labels fall back to ids). */
  names(): Promise<{ userNames: Map<string, string>; subStatusLabels: Map<string, string> }>;
  clear(): void;
}

export const DIRECTORY_TTL_MS = 10 * 60_000;

/** A memoised directory over the current client. */
export function createDirectory(
  client: () => Promise<KustomerPort>,
  now: () => number,
  report: Report = () => undefined,
): Directory {
  let users: { at: number; value: Promise<UserOption[]> } | undefined;
  let subStatuses: { at: number; value: Promise<SubStatusOption[]> } | undefined;

  function fresh<T>(entry: { at: number; value: Promise<T> } | undefined): entry is { at: number; value: Promise<T> } {
    return entry !== undefined && now() - entry.at < DIRECTORY_TTL_MS;
  }

  const directory: Directory = {
    users() {
      if (!fresh(users)) {
        const value = client().then(async (kustomer) =>
          (await kustomer.listUsers({ pageSize: 500 })).data
            .filter((user) => !user.attributes.deleted)
            .map(toUserOption),
        );
        users = { at: now(), value };
        value.catch(() => {
          users = undefined;
        });
      }
      return users.value;
    },
    subStatuses() {
      if (!fresh(subStatuses)) {
        const value = client().then(async (kustomer) =>
          (await kustomer.listSubStatuses({ resource: 'conversation', pageSize: 100 })).data.map(toSubStatusOption),
        );
        subStatuses = { at: now(), value };
        value.catch(() => {
          subStatuses = undefined;
        });
      }
      return subStatuses.value;
    },
    async names() {
      const [userList, subStatusList] = await Promise.all([
        directory.users().catch((error: unknown) => {
          report('directory', 'users', error);
          return [];
        }),
        directory.subStatuses().catch((error: unknown) => {
          report('directory', 'sub-statuses', error);
          return [];
        }),
      ]);
      return {
        userNames: new Map(userList.map((user) => [user.id, user.name])),
        subStatusLabels: new Map(subStatusList.map((option) => [option.id, option.label])),
      };
    },
    clear() {
      users = undefined;
      subStatuses = undefined;
    },
  };
  return directory;
}
