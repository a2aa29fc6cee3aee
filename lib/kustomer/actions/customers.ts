import { type KustomerCore, type ListParams, seg } from '../core';
import { KustomerError } from '../errors';
import type { CallOptions } from '../transport';
import type {
  ConversationResource,
  CustomerInput,
  CustomerResource,
  CustomerSearchQuery,
  KObjectResource,
  ListResponse,
  ResourceIdentifier,
  SearchParams,
} from '../types';

const customers = '/v1/customers';

export const listCustomers = async (core: KustomerCore, params?: ListParams, opts?: CallOptions) =>
  core.list<CustomerResource>(customers, params, opts);

export const getCustomer = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.one<CustomerResource>('GET', `${customers}/${seg(id)}`, undefined, opts);

export const createCustomer = async (core: KustomerCore, input: CustomerInput, opts?: CallOptions) =>
  core.one<CustomerResource>('POST', customers, input, opts);

export const updateCustomer = async (core: KustomerCore, id: string, input: CustomerInput, opts?: CallOptions) =>
  core.one<CustomerResource>('PUT', `${customers}/${seg(id)}`, input, opts);

export const updateCustomerAttributes = async (
  core: KustomerCore,
  id: string,
  input: CustomerInput,
  opts?: CallOptions,
) => core.one<CustomerResource>('PATCH', `${customers}/${seg(id)}`, input, opts);

export const deleteCustomer = async (core: KustomerCore, id: string, opts?: CallOptions) =>
  core.remove(`${customers}/${seg(id)}`, opts);

/** The customer with this email, or null when Kustomer has none (404). */
export async function getCustomerByEmail(
  core: KustomerCore,
  email: string,
  opts?: CallOptions,
): Promise<CustomerResource | null> {
  try {
    return await core.one<CustomerResource>('GET', `${customers}/email=${seg(email)}`, undefined, opts);
  } catch (error) {
    if (error instanceof KustomerError && error.kind === 'not_found') return null;
    throw error;
  }
}

/**
 * The customer with this phone number, or null when Kustomer has none (404). `e164` is `+` and digits; the
 * path carries the digits without `+`, as the spec's example (`18005551212`) does (a `+` in a path is
 * read as a space by some servers). Not one of actions.json's 64: GetCustomerByPhone in the spec (issue 15).
 */
export async function getCustomerByPhone(
  core: KustomerCore,
  e164: string,
  opts?: CallOptions,
): Promise<CustomerResource | null> {
  try {
    return await core.one<CustomerResource>(
      'GET',
      `${customers}/phone=${seg(e164.replace(/^\+/, ''))}`,
      undefined,
      opts,
    );
  } catch (error) {
    if (error instanceof KustomerError && error.kind === 'not_found') return null;
    throw error;
  }
}

/** Customer search; a read, so it is retried like a GET. Spends the search budget. */
export async function searchCustomers<P extends SearchParams>(
  core: KustomerCore,
  query: CustomerSearchQuery,
  params?: P,
  opts: CallOptions = {},
) {
  // With idsOnly=true Kustomer sends `{ type, id }` items without attributes.
  type Item = P extends { idsOnly: true } ? ResourceIdentifier<'customer'> : CustomerResource;
  const response = await core.transport<ListResponse<Item>>(
    { method: 'POST', path: `${customers}/search`, body: query, query: { ...(params ?? {}) }, bucket: 'search' },
    { ...opts, idempotent: true },
  );
  return response.data;
}

export const listCustomerConversations = async (
  core: KustomerCore,
  customerId: string,
  params?: ListParams,
  opts?: CallOptions,
) => core.list<ConversationResource>(`${customers}/${seg(customerId)}/conversations`, params, opts);

export const findCustomerKObjects = async (
  core: KustomerCore,
  customerId: string,
  klassName: string,
  params?: ListParams,
  opts?: CallOptions,
) => core.list<KObjectResource>(`${customers}/${seg(customerId)}/klasses/${seg(klassName)}`, params, opts);

/**
 * The customer with this external id (the id another system gave it), or null when Kustomer has none (404).
 * Not one of actions.json's 64: GetCustomerByExternalId in the spec (issue 17, search by external id).
 */
export async function getCustomerByExternalId(
  core: KustomerCore,
  externalId: string,
  opts?: CallOptions,
): Promise<CustomerResource | null> {
  try {
    return await core.one<CustomerResource>('GET', `${customers}/externalId=${seg(externalId)}`, undefined, opts);
  } catch (error) {
    if (error instanceof KustomerError && error.kind === 'not_found') return null;
    throw error;
  }
}
