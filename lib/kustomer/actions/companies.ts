import { type KustomerCore, type ListParams, seg } from '../core';
import type { CallOptions } from '../transport';
import type { CompanyCreateInput, CompanyInput, CompanyResource, KObjectResource, PageParams } from '../types';

export interface CompanyListParams extends PageParams {
  externalId?: string;
  name?: string;
}

export const listCompanies = async (core: KustomerCore, params?: CompanyListParams, opts?: CallOptions) =>
  core.list<CompanyResource>('/v1/companies', params, opts);

export const getCompany = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.one<CompanyResource>('GET', `/v1/companies/${seg(id)}`, undefined, opts);

export const createCompany = async (core: KustomerCore, input: CompanyCreateInput, opts?: CallOptions) =>
  core.one<CompanyResource>('POST', '/v1/companies', input, opts);

export const updateCompanyAttributes = async (
  core: KustomerCore,
  id: string,
  input: CompanyInput,
  opts?: CallOptions,
) => core.one<CompanyResource>('PUT', `/v1/companies/${seg(id)}`, input, opts);

export const findCompanyKObjects = async (
  core: KustomerCore,
  companyId: string,
  klassName: string,
  params?: ListParams,
  opts?: CallOptions,
) => core.list<KObjectResource>(`/v1/companies/${seg(companyId)}/klasses/${seg(klassName)}`, params, opts);
