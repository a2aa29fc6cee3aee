import type { KustomerCore } from '../core';
import type { CallOptions } from '../transport';
import type { TokenResource, UserResource } from '../types';

/** Describes the token in use; answers for any valid key, so it tests a connection. */
export const getCurrentToken = async (core: KustomerCore, opts?: CallOptions) =>
  core.one<TokenResource>('GET', '/v1/auth/tokens/current', undefined, opts);

export const getCurrentUser = async (core: KustomerCore, opts?: CallOptions) =>
  core.one<UserResource>('GET', '/v1/users/current', undefined, opts);
