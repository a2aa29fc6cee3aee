import { currentTokenResource } from '../auth';
import { jsonApiError } from '../errors';
import { userResource } from '../resources';
import type { Route } from '../router';
import { newId } from '../state';
import type { User } from '../types';
import { readBoolean, readNullableString, readString } from '../validate';
import { findOr404, single } from './helpers';
import { createRoute, getByIdsRoute, listRoute, recordKind, updateRoutes } from './record-routes';

const userKind = recordKind('user', (store) => store.users, userResource);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function assertUniqueEmail(users: Iterable<User>, email: string | undefined, exceptId?: string) {
  if (!email) return;
  if (!EMAIL.test(email))
    throw jsonApiError(400, 'invalid_value', 'email is not an email address', { pointer: '/data/attributes/email' });
  for (const user of users) {
    if (user.email.toLowerCase() === email.toLowerCase() && user.id !== exceptId) {
      throw jsonApiError(409, 'duplicate_email', `A user with email ${email} already exists`, {
        pointer: '/data/attributes/email',
      });
    }
  }
}

export const userRoutes: Route[] = [
  {
    // Any valid token may ask who it is (developer.kustomer.com quickstart: "works with any valid key, whatever its roles").
    method: 'GET',
    pattern: '/v1/auth/tokens/current',
    role: null,
    // Field names from developer.kustomer.com/api/access-management (test/sandbox/auth.ts).
    handler: (ctx) => single(currentTokenResource(ctx.token)),
  },
  {
    method: 'GET',
    pattern: '/v1/users/current',
    role: null,
    handler: (ctx) => single(userResource(findOr404(ctx.state.store.users, ctx.token.userId, 'user'))),
  },
  listRoute(
    '/v1/users',
    userKind,
    (ctx) => [...ctx.state.store.users.values()].filter((user) => ctx.query.get('deleted') === 'true' || !user.deleted),
    500,
  ),
  // One id answers one record; comma-separated ids answer a list (get_users_by_ids).
  getByIdsRoute('/v1/users/:ids', userKind),
  createRoute('/v1/users', userKind, (ctx, body): User => {
    const name = readString(body, 'name', { required: true, max: 256 });
    const email = readString(body, 'email', { required: true, max: 256 });
    assertUniqueEmail(ctx.state.store.users.values(), email);
    const at = new Date(ctx.now).toISOString();
    return {
      id: newId(ctx.state, ctx.now),
      name,
      displayName: readString(body, 'displayName', { max: 256 }) ?? name,
      email,
      userType: 'user',
      avatarUrl: readNullableString(body, 'avatarUrl', 2048) ?? null,
      deleted: false,
      createdAt: at,
      updatedAt: at,
    };
  }),
  // Users have no DELETE (405): set `deleted: true` with PUT instead.
  ...updateRoutes(
    '/v1/users/:id',
    userKind,
    (ctx, user, body) => {
      const email = readString(body, 'email', { max: 256 });
      assertUniqueEmail(ctx.state.store.users.values(), email, user.id);
      return {
        name: readString(body, 'name', { min: 1, max: 256 }),
        displayName: readString(body, 'displayName', { max: 256 }),
        email,
        avatarUrl: readNullableString(body, 'avatarUrl', 2048),
        deleted: readBoolean(body, 'deleted'),
      };
    },
    ['PUT'],
  ),
];
