import { request } from '../messaging/client';
import type { SubStatusOption, UserOption } from '../messaging/model';
import { connectionEpoch } from './connection-store';

interface Cached<T> {
  epoch: number;
  list: Promise<T[]>;
}

/** One list, asked once per connection; a failure is retried next time. */
function referenceList<T>(load: () => Promise<T[]>) {
  let cached: Cached<T> | undefined;
  return {
    get(): Promise<T[]> {
      const epoch = connectionEpoch.value;
      if (cached?.epoch === epoch) return cached.list;
      const entry: Cached<T> = {
        epoch,
        list: load().catch((error: unknown) => {
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

const users = referenceList<UserOption>(() => request('listUsers'));
const subStatuses = referenceList<SubStatusOption>(() => request('listSubStatuses'));

/** The organisation's users (for assignees and @mentions). */
export const loadUsers = (): Promise<UserOption[]> => users.get();

/** The conversation sub-statuses. */
export const loadSubStatuses = (): Promise<SubStatusOption[]> => subStatuses.get();

/** Forgets the cached lists (tests). */
export function resetReferenceData(): void {
  users.reset();
  subStatuses.reset();
}
