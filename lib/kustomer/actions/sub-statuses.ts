import { type KustomerCore, seg } from '../core';
import type { CallOptions } from '../transport';
import type { PageParams, SubStatusCreateInput, SubStatusInput, SubStatusResource } from '../types';

export interface SubStatusListParams extends PageParams {
  resource: 'conversation' | 'kobject';
}

export const listSubStatuses = async (core: KustomerCore, params: SubStatusListParams, opts?: CallOptions) =>
  core.list<SubStatusResource>('/v1/sub-statuses', params, opts);

export const getSubStatus = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.one<SubStatusResource>('GET', `/v1/sub-statuses/${seg(id)}`, undefined, opts);

export const createSubStatus = async (core: KustomerCore, input: SubStatusCreateInput, opts?: CallOptions) =>
  core.one<SubStatusResource>('POST', '/v1/sub-statuses', input, opts);

export const updateSubStatus = async (core: KustomerCore, id: string, input: SubStatusInput, opts?: CallOptions) =>
  core.one<SubStatusResource>('PUT', `/v1/sub-statuses/${seg(id)}`, input, opts);

export const deleteSubStatus = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.remove(`/v1/sub-statuses/${seg(id)}`, opts);
