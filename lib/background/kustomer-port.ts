import { queryAuditLogEvents } from '../kustomer/actions/audit-logs';
import { getCurrentToken, getCurrentUser } from '../kustomer/actions/auth';
import { bulkUpdateConversations, getBulkJob } from '../kustomer/actions/bulk';
import { findCompanyKObjects, getCompany, updateCompanyAttributes } from '../kustomer/actions/companies';
import {
  createConversation,
  createConversationMessage,
  createConversationNote,
  getConversation,
  listConversationMessages,
  listConversationNotes,
  updateConversationAttributes,
} from '../kustomer/actions/conversations';
import {
  createCustomer,
  findCustomerKObjects,
  getCustomer,
  getCustomerByEmail,
  getCustomerByExternalId,
  getCustomerByPhone,
  listCustomerConversations,
  searchCustomers,
  updateCustomerAttributes,
} from '../kustomer/actions/customers';
import { createKObject, getKObjectByExternalId, listKlasses } from '../kustomer/actions/klasses';
import { deleteNote, updateNote } from '../kustomer/actions/notes';
import { listSubStatuses } from '../kustomer/actions/sub-statuses';
import { listUsers } from '../kustomer/actions/users';
import { bindActions, createKustomerCore, type KustomerClientOptions, type KustomerCore } from '../kustomer/core';
import type { RateLimitSnapshot } from '../kustomer/limiter';
import type { CallOptions } from '../kustomer/transport';
import type {
  AuditLogEventResource,
  AuditLogQuery,
  BulkJobResource,
  CompanyInput,
  CompanyResource,
  ConversationCreateInput,
  ConversationInput,
  ConversationMessageInput,
  ConversationResource,
  CustomerInput,
  CustomerResource,
  CustomerSearchQuery,
  KlassResource,
  KObjectCreateInput,
  KObjectResource,
  ListResponse,
  MessageResource,
  NoteCreateInput,
  NoteReplaceInput,
  NoteResource,
  PageParams,
  SearchParams,
  SubStatusResource,
  TokenResource,
  UserResource,
} from '../kustomer/types';

/** Per-call options the background passes (a subset of the client's `CallOptions`). */
export interface PortCallOptions {
  /** The POST carries an externalId or the caller checked before resending. */
  idempotent?: boolean;
}

/**
 * The part of the Kustomer client (lib/kustomer, `createKustomerClient`) the background uses. Declared
 * here so that services can be tested with a small fake, and so that the dependency is explicit.
 */
export interface KustomerPort {
  getCurrentToken(): Promise<TokenResource>;
  getCurrentUser(): Promise<UserResource>;
  /** `page`: a lookup a web page caused, served after the agent's calls (issue 21, finding 2). */
  getCustomerByEmail(email: string, options?: { page?: boolean }): Promise<CustomerResource | null>;
  /** The organisation's rate limit as last reported (for the page lookup budget). */
  limits?(): RateLimitSnapshot;
  /** E.164 (`+` and digits); null on 404. */
  getCustomerByPhone(e164: string, options?: { page?: boolean }): Promise<CustomerResource | null>;
  /** The customer another system knows by `externalId`; null on 404. */
  getCustomerByExternalId(externalId: string): Promise<CustomerResource | null>;
  /** The KObject of a klass with that external id (an order number); null on 404. */
  getKObjectByExternalId(klassName: string, externalId: string): Promise<KObjectResource | null>;
  searchCustomers(
    body: CustomerSearchQuery,
    params?: SearchParams,
    options?: { page?: boolean },
  ): Promise<ListResponse<CustomerResource>>;
  getCustomer(id: string): Promise<CustomerResource>;
  createCustomer(attributes: CustomerInput, options?: PortCallOptions): Promise<CustomerResource>;
  updateCustomerAttributes(id: string, attributes: CustomerInput): Promise<CustomerResource>;
  getCompany(id: string): Promise<CompanyResource>;
  listCustomerConversations(id: string, params?: PageParams): Promise<ListResponse<ConversationResource>>;
  getConversation(id: string): Promise<ConversationResource>;
  createConversation(attributes: ConversationCreateInput, options?: PortCallOptions): Promise<ConversationResource>;
  updateConversationAttributes(id: string, attributes: ConversationInput): Promise<ConversationResource>;
  listConversationMessages(id: string, params?: PageParams): Promise<ListResponse<MessageResource>>;
  listConversationNotes(id: string, params?: PageParams): Promise<ListResponse<NoteResource>>;
  createConversationNote(
    conversationId: string,
    attributes: NoteCreateInput,
    options?: PortCallOptions,
  ): Promise<NoteResource>;
  createConversationMessage(
    conversationId: string,
    attributes: ConversationMessageInput,
    options?: PortCallOptions,
  ): Promise<MessageResource>;
  listUsers(params?: PageParams): Promise<ListResponse<UserResource>>;
  listSubStatuses(
    params: PageParams & { resource: 'conversation' | 'kobject' },
  ): Promise<ListResponse<SubStatusResource>>;
  listKlasses(params?: PageParams): Promise<ListResponse<KlassResource>>;
  findCustomerKObjects(id: string, klassName: string, params?: PageParams): Promise<ListResponse<KObjectResource>>;
  findCompanyKObjects(id: string, klassName: string, params?: PageParams): Promise<ListResponse<KObjectResource>>;
  updateNote(id: string, input: NoteReplaceInput): Promise<NoteResource>;
  deleteNote(id: string): Promise<void>;
  updateCompanyAttributes(id: string, input: CompanyInput): Promise<CompanyResource>;
  createKObject(klassName: string, input: KObjectCreateInput, options?: PortCallOptions): Promise<KObjectResource>;
  bulkUpdateConversations(input: { ids: string[]; update: ConversationInput }): Promise<BulkJobResource>;
  getBulkJob(id: string): Promise<BulkJobResource>;
  queryAuditLogEvents(query: AuditLogQuery): Promise<ListResponse<AuditLogEventResource>>;
}

/**
 * The port over the real client: only the actions above, so the other forty-odd stay out of the worker's
 * bundle (issue 8's 25 KB budget). `createKustomerClient` binds the same action functions.
 */
export function createKustomerPort(options: KustomerClientOptions): KustomerPort {
  return bindActions(createKustomerCore(options), {
    getCurrentToken,
    getCurrentUser,
    getCustomerByEmail,
    getCustomerByPhone,
    getCustomerByExternalId,
    getKObjectByExternalId,
    limits: (core: KustomerCore) => core.limiter.snapshot(),
    searchCustomers: (core: KustomerCore, body: CustomerSearchQuery, params?: SearchParams, opts?: CallOptions) =>
      searchCustomers(core, body, params, opts),
    getCustomer,
    createCustomer,
    updateCustomerAttributes,
    getCompany,
    listCustomerConversations,
    getConversation,
    createConversation,
    updateConversationAttributes,
    listConversationMessages,
    listConversationNotes,
    createConversationNote,
    createConversationMessage,
    listUsers,
    listSubStatuses,
    listKlasses,
    findCustomerKObjects,
    findCompanyKObjects,
    updateNote,
    deleteNote,
    updateCompanyAttributes,
    createKObject,
    bulkUpdateConversations,
    getBulkJob,
    queryAuditLogEvents,
  });
}
