import { request } from '../messaging/client';
import type { SubStatusOption, UserOption } from '../view-models';

let users: Promise<UserOption[]> | undefined;
let subStatuses: Promise<SubStatusOption[]> | undefined;

/** The organisation's users (for assignees and @mentions), asked once per page; a failure is retried next time. */
export function loadUsers(): Promise<UserOption[]> {
  users ??= request('listUsers').catch((error: unknown) => {
    users = undefined;
    throw error;
  });
  return users;
}

/** The conversation sub-statuses, asked once per page; a failure is retried next time. */
export function loadSubStatuses(): Promise<SubStatusOption[]> {
  subStatuses ??= request('listSubStatuses').catch((error: unknown) => {
    subStatuses = undefined;
    throw error;
  });
  return subStatuses;
}

/** Forgets the cached lists (tests; after signing in to another organisation). */
export function resetReferenceData(): void {
  users = undefined;
  subStatuses = undefined;
}
