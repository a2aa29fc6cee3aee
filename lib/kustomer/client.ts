import { kustomerBaseUrl, normaliseBaseUrl, resolveApiLink } from './base-url';
import { KustomerError } from './errors';
import { abortableSleep, createRateLimiter, type RateLimiter, type RateLimitSnapshot, type Sleep } from './limiter';
import { type PaginateOptions, paginate, paginateByCursor } from './pagination';
import type { HttpMethod } from './retry-policy';
import { type CallOptions, createTransport, type QueryValue, type RetryEvent } from './transport';
import type {
  AuditLogEventResource,
  AuditLogQuery,
  BulkBatchResource,
  BulkConversationCreateItem,
  BulkConversationUpdateItem,
  BulkJobResource,
  CompanyCreateInput,
  CompanyInput,
  CompanyResource,
  ConversationCreateInput,
  ConversationInput,
  ConversationMessageInput,
  ConversationResource,
  CustomerInput,
  CustomerResource,
  CustomerSearchQuery,
  KlassCreateInput,
  KlassInput,
  KlassResource,
  KObjectCreateInput,
  KObjectInput,
  KObjectResource,
  ListResponse,
  MessageCreateInput,
  MessageInput,
  MessageResource,
  NoteCreateInput,
  NoteInput,
  NoteResource,
  PageParams,
  ResourceIdentifier,
  SearchParams,
  SingleResponse,
  SubStatusCreateInput,
  SubStatusInput,
  SubStatusResource,
  TokenResource,
  UserCreateInput,
  UserInput,
  UserResource,
} from './types';

export interface KustomerClientOptions {
  /** API origin, e.g. from {@link kustomerBaseUrl}; validated and normalised. */
  baseUrl: string;
  /** Current bearer token (API key or OAuth access token); called before every attempt. */
  getToken: () => Promise<string>;
  /** Called once on a 401; resolve true after refreshing the token to have the request retried once. */
  onUnauthorized?: () => Promise<boolean>;
  /** Per attempt, default 15 000. */
  timeoutMs?: number;
  /** Retries after 429 / transient failures, default 3. */
  maxRetries?: number;
  /** Cap on the total time spent waiting to retry one call, default 60 000. */
  maxTotalWaitMs?: number;
  /** Shared limiter for the organisation's budget (create one per org and pass it to every client). */
  limiter?: RateLimiter;
  /** Limiter for customer searches (their own, lower budget). */
  searchLimiter?: RateLimiter;
  /** Told before each automatic retry (e.g. to show "retrying in 12 s"). */
  onRetry?: (event: RetryEvent) => void;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export type ListParams = PageParams & Record<string, QueryValue>;

export interface UserListParams extends PageParams {
  userType?: 'user' | 'machine';
  email?: string;
  deleted?: boolean;
}

export interface CompanyListParams extends PageParams {
  externalId?: string;
  name?: string;
}

export interface SubStatusListParams extends PageParams {
  resource: 'conversation' | 'kobject';
}

/** Bulk update: a list of items each with its id, or one change applied to several ids. */
export type BulkUpdateInput = BulkConversationUpdateItem[] | { ids: string[]; update: ConversationInput };

// Kustomer documents a customer-search budget of about 100 per minute for machine users (API.md, Rate limits).
const SEARCH_LIMIT_PER_MINUTE = 100;

/** Encodes one path segment; an empty id would silently turn a "get one" into a "list all". */
function seg(value: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new KustomerError({ kind: 'validation', message: 'An id is required', detail: 'An id is required' });
  }
  return encodeURIComponent(value);
}

function idList(ids: readonly string[]): string {
  if (ids.length === 0) {
    throw new KustomerError({
      kind: 'validation',
      message: 'At least one id is required',
      detail: 'At least one id is required',
    });
  }
  return ids.map(seg).join(',');
}

function auditQuery(query: AuditLogQuery): Record<string, QueryValue> {
  return {
    count: query.count,
    before: query.before,
    after: query.after,
    'filter[objectType]': query.objectType,
    'filter[objectId]': query.objectId,
    'filter[userId]': query.userId,
    'filter[start]': query.start,
    'filter[end]': query.end,
  };
}

/** Creates the Kustomer client: one method per action of actions.json (camelCase of its id). */
export function createKustomerClient(options: KustomerClientOptions) {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const limiter = options.limiter ?? createRateLimiter({ now, sleep });
  const searchLimiter =
    options.searchLimiter ?? createRateLimiter({ now, sleep, initialLimit: SEARCH_LIMIT_PER_MINUTE, maxConcurrent: 2 });
  const transport = createTransport({
    baseUrl,
    getToken: options.getToken,
    onUnauthorized: options.onUnauthorized,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxRetries: options.maxRetries ?? 3,
    maxTotalWaitMs: options.maxTotalWaitMs ?? 60_000,
    fetch: options.fetch,
    now,
    sleep,
    random: options.random ?? Math.random,
    limiters: { default: limiter, search: searchLimiter },
    onRetry: options.onRetry,
    isOffline: () => typeof navigator !== 'undefined' && navigator.onLine === false,
  });

  async function call<T>(
    method: HttpMethod,
    path: string,
    body: unknown,
    query: Record<string, QueryValue> | undefined,
    opts?: CallOptions,
  ): Promise<T> {
    return (await transport<T>({ method, path, body, query }, opts)).data;
  }
  const one = async <R>(
    method: HttpMethod,
    path: string,
    body?: unknown,
    opts?: CallOptions,
    query?: Record<string, QueryValue>,
  ) => (await call<SingleResponse<R>>(method, path, body, query, opts)).data;
  const list = async <R>(path: string, params: object | undefined, opts?: CallOptions) =>
    call<ListResponse<R>>('GET', path, undefined, params as Record<string, QueryValue> | undefined, opts);
  const remove = async (path: string, opts?: CallOptions, query?: Record<string, QueryValue>): Promise<void> => {
    await call<unknown>('DELETE', path, undefined, query, opts);
  };
  const getLink = async <R>(href: string, opts?: CallOptions) =>
    call<ListResponse<R>>('GET', resolveApiLink(baseUrl, href), undefined, undefined, opts);

  const customers = '/v1/customers';
  const conversations = '/v1/conversations';
  const kobjects = (klassName: string) => `/v1/klasses/${seg(klassName)}`;

  return {
    baseUrl,
    /** What is known of the rate-limit budget (for a countdown in the UI). */
    get rateLimit(): RateLimitSnapshot {
      return limiter.snapshot();
    },

    /** Loads a `links.next` (or any list link) returned by Kustomer; refuses links to another host. */
    getLink,
    /** Walks a list: page 1 from `firstPage`, then `links.next`, at most `maxPages` pages. */
    iterate<R>(firstPage: (page: number) => Promise<ListResponse<R>>, paging: PaginateOptions) {
      return paginate(
        { fetchPage: firstPage, fetchLink: (href) => getLink<R>(href, { signal: paging.signal }) },
        paging,
      );
    },

    // ---- customers ----
    listCustomers: async (params?: ListParams, opts?: CallOptions) => list<CustomerResource>(customers, params, opts),
    getCustomer: async (id: string, opts?: CallOptions) =>
      one<CustomerResource>('GET', `${customers}/${seg(id)}`, undefined, opts),
    createCustomer: async (input: CustomerInput, opts?: CallOptions) =>
      one<CustomerResource>('POST', customers, input, opts),
    updateCustomer: async (id: string, input: CustomerInput, opts?: CallOptions) =>
      one<CustomerResource>('PUT', `${customers}/${seg(id)}`, input, opts),
    updateCustomerAttributes: async (id: string, input: CustomerInput, opts?: CallOptions) =>
      one<CustomerResource>('PATCH', `${customers}/${seg(id)}`, input, opts),
    deleteCustomer: async (id: string, opts?: CallOptions) => remove(`${customers}/${seg(id)}`, opts),
    /** The customer with this email, or null when Kustomer has none (404). */
    async getCustomerByEmail(email: string, opts?: CallOptions): Promise<CustomerResource | null> {
      try {
        return await one<CustomerResource>('GET', `${customers}/email=${seg(email)}`, undefined, opts);
      } catch (error) {
        if (error instanceof KustomerError && error.kind === 'not_found') return null;
        throw error;
      }
    },
    /** Customer search; a read, so it is retried like a GET. Spends the search budget. */
    async searchCustomers<P extends SearchParams>(query: CustomerSearchQuery, params?: P, opts: CallOptions = {}) {
      // With idsOnly=true Kustomer sends `{ type, id }` items without attributes.
      type Item = P extends { idsOnly: true } ? ResourceIdentifier<'customer'> : CustomerResource;
      const response = await transport<ListResponse<Item>>(
        { method: 'POST', path: `${customers}/search`, body: query, query: { ...(params ?? {}) }, bucket: 'search' },
        { ...opts, idempotent: true },
      );
      return response.data;
    },
    listCustomerConversations: async (customerId: string, params?: ListParams, opts?: CallOptions) =>
      list<ConversationResource>(`${customers}/${seg(customerId)}/conversations`, params, opts),
    findCustomerKObjects: async (customerId: string, klassName: string, params?: ListParams, opts?: CallOptions) =>
      list<KObjectResource>(`${customers}/${seg(customerId)}/klasses/${seg(klassName)}`, params, opts),

    // ---- conversations ----
    listConversations: async (params?: ListParams, opts?: CallOptions) =>
      list<ConversationResource>(conversations, params, opts),
    getConversation: async (id: string, opts?: CallOptions) =>
      one<ConversationResource>('GET', `${conversations}/${seg(id)}`, undefined, opts),
    createConversation: async (input: ConversationCreateInput, opts?: CallOptions) =>
      one<ConversationResource>('POST', conversations, input, opts),
    updateConversation: async (id: string, input: ConversationInput, opts?: CallOptions) =>
      one<ConversationResource>('PUT', `${conversations}/${seg(id)}`, input, opts),
    // Documented with content type application/json-patch+json but takes a flat partial object; the
    // API accepts application/json too (API.md, Envelopes).
    updateConversationAttributes: async (id: string, input: ConversationInput, opts?: CallOptions) =>
      one<ConversationResource>('PATCH', `${conversations}/${seg(id)}`, input, opts),
    deleteConversation: async (id: string, opts?: CallOptions) => remove(`${conversations}/${seg(id)}`, opts),
    listConversationMessages: async (conversationId: string, params?: ListParams, opts?: CallOptions) =>
      list<MessageResource>(`${conversations}/${seg(conversationId)}/messages`, params, opts),
    listConversationNotes: async (conversationId: string, params?: ListParams, opts?: CallOptions) =>
      list<NoteResource>(`${conversations}/${seg(conversationId)}/notes`, params, opts),
    createConversationNote: async (conversationId: string, input: NoteCreateInput, opts?: CallOptions) =>
      one<NoteResource>('POST', `${conversations}/${seg(conversationId)}/notes`, input, opts),
    createConversationMessage: async (conversationId: string, input: ConversationMessageInput, opts?: CallOptions) =>
      one<MessageResource>('POST', `${conversations}/${seg(conversationId)}/messages`, input, opts),

    // ---- messages ----
    listMessages: async (params?: ListParams, opts?: CallOptions) =>
      list<MessageResource>('/v1/messages', params, opts),
    getMessage: async (id: string, opts?: CallOptions) =>
      one<MessageResource>('GET', `/v1/messages/${seg(id)}`, undefined, opts),
    createMessage: async (input: MessageCreateInput, opts?: CallOptions) =>
      one<MessageResource>('POST', '/v1/messages', input, opts),
    updateMessage: async (id: string, input: MessageInput, opts?: CallOptions) =>
      one<MessageResource>('PUT', `/v1/messages/${seg(id)}`, input, opts),
    updateMessageAttributes: async (id: string, input: MessageInput, opts?: CallOptions) =>
      one<MessageResource>('PATCH', `/v1/messages/${seg(id)}`, input, opts),

    // ---- users ----
    listUsers: async (params?: UserListParams, opts?: CallOptions) => list<UserResource>('/v1/users', params, opts),
    getUser: async (id: string, opts?: CallOptions) =>
      one<UserResource>('GET', `/v1/users/${seg(id)}`, undefined, opts),
    /** Several users at once (ids comma-separated in the path); always an array. */
    async getUsersByIds(ids: readonly string[], opts?: CallOptions): Promise<UserResource[]> {
      const data = await one<UserResource | UserResource[]>('GET', `/v1/users/${idList(ids)}`, undefined, opts);
      return Array.isArray(data) ? data : [data];
    },
    createUser: async (input: UserCreateInput, opts?: CallOptions) =>
      one<UserResource>('POST', '/v1/users', input, opts),
    /** Users have no PATCH and no DELETE: deleting one is `{ deleted: true }`. */
    updateUser: async (id: string, input: UserInput, opts?: CallOptions) =>
      one<UserResource>('PUT', `/v1/users/${seg(id)}`, input, opts),

    // ---- notes ----
    listNotes: async (params?: ListParams, opts?: CallOptions) => list<NoteResource>('/v1/notes', params, opts),
    getNote: async (id: string, opts?: CallOptions) =>
      one<NoteResource>('GET', `/v1/notes/${seg(id)}`, undefined, opts),
    /** A note with no conversation; to note on a conversation use `createConversationNote`. */
    createNote: async (input: NoteCreateInput, opts?: CallOptions) =>
      one<NoteResource>('POST', '/v1/notes', input, opts),
    updateNote: async (id: string, input: NoteInput, opts?: CallOptions) =>
      one<NoteResource>('PUT', `/v1/notes/${seg(id)}`, input, opts),
    updateNoteAttributes: async (id: string, input: NoteInput, opts?: CallOptions) =>
      one<NoteResource>('PATCH', `/v1/notes/${seg(id)}`, input, opts),
    deleteNote: async (id: string, opts?: CallOptions) => remove(`/v1/notes/${seg(id)}`, opts),

    // ---- klasses and KObjects ----
    listKlasses: async (params?: ListParams, opts?: CallOptions) => list<KlassResource>('/v1/klasses', params, opts),
    getKlass: async (id: string, opts?: CallOptions) =>
      one<KlassResource>('GET', `/v1/klasses/${seg(id)}`, undefined, opts),
    createKlass: async (input: KlassCreateInput, opts?: CallOptions) =>
      one<KlassResource>('POST', '/v1/klasses', input, opts),
    updateKlass: async (id: string, input: KlassInput, opts?: CallOptions) =>
      one<KlassResource>('PUT', `/v1/klasses/${seg(id)}`, input, opts),
    deleteKlass: async (id: string, opts?: CallOptions) => remove(`/v1/klasses/${seg(id)}`, opts),
    listKObjects: async (klassName: string, params?: ListParams, opts?: CallOptions) =>
      list<KObjectResource>(kobjects(klassName), params, opts),
    getKObject: async (klassName: string, id: string, opts?: CallOptions) =>
      one<KObjectResource>('GET', `${kobjects(klassName)}/${seg(id)}`, undefined, opts),
    createKObject: async (klassName: string, input: KObjectCreateInput, opts?: CallOptions) =>
      one<KObjectResource>('POST', kobjects(klassName), input, opts),
    updateKObject: async (klassName: string, id: string, input: KObjectInput, opts?: CallOptions) =>
      one<KObjectResource>('PUT', `${kobjects(klassName)}/${seg(id)}`, input, opts),
    deleteKObject: async (klassName: string, id: string, opts?: CallOptions) =>
      remove(`${kobjects(klassName)}/${seg(id)}`, opts),

    // ---- companies (no DELETE: update with deleted: true) ----
    listCompanies: async (params?: CompanyListParams, opts?: CallOptions) =>
      list<CompanyResource>('/v1/companies', params, opts),
    getCompany: async (id: string, opts?: CallOptions) =>
      one<CompanyResource>('GET', `/v1/companies/${seg(id)}`, undefined, opts),
    createCompany: async (input: CompanyCreateInput, opts?: CallOptions) =>
      one<CompanyResource>('POST', '/v1/companies', input, opts),
    updateCompanyAttributes: async (id: string, input: CompanyInput, opts?: CallOptions) =>
      one<CompanyResource>('PUT', `/v1/companies/${seg(id)}`, input, opts),
    findCompanyKObjects: async (companyId: string, klassName: string, params?: ListParams, opts?: CallOptions) =>
      list<KObjectResource>(`/v1/companies/${seg(companyId)}/klasses/${seg(klassName)}`, params, opts),

    // ---- sub-statuses ----
    listSubStatuses: async (params: SubStatusListParams, opts?: CallOptions) =>
      list<SubStatusResource>('/v1/sub-statuses', params, opts),
    getSubStatus: async (id: string, opts?: CallOptions) =>
      one<SubStatusResource>('GET', `/v1/sub-statuses/${seg(id)}`, undefined, opts),
    createSubStatus: async (input: SubStatusCreateInput, opts?: CallOptions) =>
      one<SubStatusResource>('POST', '/v1/sub-statuses', input, opts),
    updateSubStatus: async (id: string, input: SubStatusInput, opts?: CallOptions) =>
      one<SubStatusResource>('PUT', `/v1/sub-statuses/${seg(id)}`, input, opts),
    deleteSubStatus: async (id: string, opts?: CallOptions) => remove(`/v1/sub-statuses/${seg(id)}`, opts),

    // ---- bulk jobs (each request costs one rate-limit unit) ----
    bulkCreateConversations: async (items: BulkConversationCreateItem[], opts?: CallOptions) =>
      one<BulkJobResource>('POST', `${conversations}/bulk`, items, opts),
    bulkUpdateConversations: async (input: BulkUpdateInput, opts?: CallOptions) =>
      Array.isArray(input)
        ? one<BulkJobResource>('PUT', `${conversations}/bulk`, input, opts)
        : one<BulkJobResource>('PUT', `${conversations}/bulk`, input.update, opts, { ids: idList(input.ids) }),
    bulkDeleteConversations: async (ids: readonly string[], opts?: CallOptions) =>
      one<BulkJobResource>('DELETE', `${conversations}/bulk`, undefined, opts, { ids: idList(ids) }),
    getBulkJob: async (id: string, opts?: CallOptions) =>
      one<BulkJobResource>('GET', `/v1/bulk/${seg(id)}`, undefined, opts),
    listBulkJobBatches: async (id: string, params?: ListParams, opts?: CallOptions) =>
      list<BulkBatchResource>(`/v1/bulk/${seg(id)}/batches`, params, opts),

    // ---- audit log (cursor paging with before/after) ----
    queryAuditLogEvents: async (query: AuditLogQuery = {}, opts?: CallOptions) =>
      call<ListResponse<AuditLogEventResource>>('GET', '/v1/audit-logs', undefined, auditQuery(query), opts),
    /** Walks the audit log backwards with `before` cursors, at most `maxPages` pages. */
    iterateAuditLogEvents(query: AuditLogQuery, paging: PaginateOptions) {
      const count = query.count ?? 100;
      return paginateByCursor(
        (before) =>
          call<ListResponse<AuditLogEventResource>>(
            'GET',
            '/v1/audit-logs',
            undefined,
            auditQuery({ ...query, count, before: before ?? query.before }),
            { signal: paging.signal },
          ),
        count,
        paging,
      );
    },

    // ---- auth ----
    /** Describes the token in use; answers for any valid key, so it tests a connection. */
    getCurrentToken: async (opts?: CallOptions) =>
      one<TokenResource>('GET', '/v1/auth/tokens/current', undefined, opts),
    getCurrentUser: async (opts?: CallOptions) => one<UserResource>('GET', '/v1/users/current', undefined, opts),
  };
}

export type KustomerClient = ReturnType<typeof createKustomerClient>;

export { kustomerBaseUrl };
