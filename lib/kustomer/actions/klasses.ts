import { type KustomerCore, type ListParams, seg } from '../core';
import { KustomerError } from '../errors';
import type { CallOptions } from '../transport';
import type {
  KlassCreateInput,
  KlassInput,
  KlassResource,
  KObjectCreateInput,
  KObjectInput,
  KObjectResource,
} from '../types';

const kobjects = (klassName: string) => `/v1/klasses/${seg(klassName)}`;

export const listKlasses = async (core: KustomerCore, params?: ListParams, opts?: CallOptions) =>
  core.list<KlassResource>('/v1/klasses', params, opts);

export const getKlass = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.one<KlassResource>('GET', `/v1/klasses/${seg(id)}`, undefined, opts);

export const createKlass = async (core: KustomerCore, input: KlassCreateInput, opts?: CallOptions) =>
  core.one<KlassResource>('POST', '/v1/klasses', input, opts);

export const updateKlass = async (core: KustomerCore, id: string, input: KlassInput, opts?: CallOptions) =>
  core.one<KlassResource>('PUT', `/v1/klasses/${seg(id)}`, input, opts);

export const deleteKlass = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.remove(`/v1/klasses/${seg(id)}`, opts);

export const listKObjects = async (core: KustomerCore, klassName: string, params?: ListParams, opts?: CallOptions) =>
  core.list<KObjectResource>(kobjects(klassName), params, opts);

export const getKObject = async (core: KustomerCore, klassName: string, id: string, opts?: CallOptions) =>
  core.one<KObjectResource>('GET', `${kobjects(klassName)}/${seg(id)}`, undefined, opts);

export const createKObject = async (
  core: KustomerCore,
  klassName: string,
  input: KObjectCreateInput,
  opts?: CallOptions,
) => core.one<KObjectResource>('POST', kobjects(klassName), input, opts);

export const updateKObject = async (
  core: KustomerCore,
  klassName: string,
  id: string,
  input: KObjectInput,
  opts?: CallOptions,
) => core.one<KObjectResource>('PUT', `${kobjects(klassName)}/${seg(id)}`, input, opts);

export const deleteKObject = async (core: KustomerCore, klassName: string, id: string, opts?: CallOptions) =>
  core.remove(`${kobjects(klassName)}/${seg(id)}`, opts);

/**
 * The KObject of klass `klassName` with this external id (an order number from the shop), or null on 404.
 * Not one of actions.json's 64: "Get KObject by external ID" in the spec (issue 17, search by external id).
 */
export async function getKObjectByExternalId(
  core: KustomerCore,
  klassName: string,
  externalId: string,
  opts?: CallOptions,
): Promise<KObjectResource | null> {
  try {
    return await core.one<KObjectResource>(
      'GET',
      `${kobjects(klassName)}/externalId=${seg(externalId)}`,
      undefined,
      opts,
    );
  } catch (error) {
    if (error instanceof KustomerError && error.kind === 'not_found') return null;
    throw error;
  }
}
