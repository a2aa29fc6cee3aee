import { idList, type KustomerCore, seg } from '../core';
import type { CallOptions } from '../transport';
import type { PageParams, UserCreateInput, UserInput, UserResource } from '../types';

export interface UserListParams extends PageParams {
  userType?: 'user' | 'machine';
  email?: string;
  deleted?: boolean;
}

export const listUsers = async (core: KustomerCore, params?: UserListParams, opts?: CallOptions) =>
  core.list<UserResource>('/v1/users', params, opts);

export const getUser = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.one<UserResource>('GET', `/v1/users/${seg(id)}`, undefined, opts);

/** Several users at once (ids comma-separated in the path); always an array. */
export async function getUsersByIds(
  core: KustomerCore,
  ids: readonly string[],
  opts?: CallOptions,
): Promise<UserResource[]> {
  const data = await core.one<UserResource | UserResource[]>('GET', `/v1/users/${idList(ids)}`, undefined, opts);
  return Array.isArray(data) ? data : [data];
}

export const createUser = async (core: KustomerCore, input: UserCreateInput, opts?: CallOptions) =>
  core.one<UserResource>('POST', '/v1/users', input, opts);

/** Users have no PATCH and no DELETE: deleting one is `{ deleted: true }`. */
export const updateUser = async (core: KustomerCore, id: string, input: UserInput, opts?: CallOptions) =>
  core.one<UserResource>('PUT', `/v1/users/${seg(id)}`, input, opts);
