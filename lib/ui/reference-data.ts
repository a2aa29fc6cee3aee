import { request } from '../messaging/client';
import type { ConnectionId, SubStatusOption, UserOption } from '../messaging/model';
import { connectionEpoch } from './connection-store';
import { activeConnectionId } from './current-customer';

interface Cached<T> {
  /** The connections' epoch and the organisation asked: one organisation's list is never shown for another. */
  epoch: string;
  list: Promise<T[]>;
}

/** One list, asked once per connection; a failure is retried next time. */
function referenceList<T>(load: (connectionId: ConnectionId) => Promise<T[]>) {
  let cached: Cached<T> | undefined;
  return {
    get(): Promise<T[]> {
      const connectionId = activeConnectionId();
      const epoch = `${connectionEpoch.value} ${connectionId}`;
      if (cached?.epoch === epoch) return cached.list;
      const entry: Cached<T> = {
        epoch,
        list: load(connectionId).catch((error: unknown) => {
          if (cached === entry) cached = undefined;
          throw error;
        }),
      };
      cached = entry;
      return entry.list;
    },
    reset(): void {
      cached = undefined;
    },
  };
}

const users = referenceList<UserOption>((connectionId) => request('listUsers', { connectionId }));
const subStatuses = referenceList<SubStatusOption>((connectionId) => request('listSubStatuses', { connectionId }));

/** The organisation's users (for assignees and @mentions). */
export const loadUsers = (): Promise<UserOption[]> => users.get();

/** The conversation sub-statuses. */
export const loadSubStatuses = (): Promise<SubStatusOption[]> => subStatuses.get();

/** Forgets the cached lists (tests). */
export function resetReferenceData(): void {
  users.reset();
  subStatuses.reset();
}
