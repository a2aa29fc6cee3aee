/**
 * Wire types of Kustomer's REST API (JSON:API envelopes) and the attributes of each resource.
 * Links to other records (a conversation's customer, a note's conversation, a customer's company) come
 * in `relationships`, not in `attributes`: read them with `relatedId`.
 * Attribute lists follow Kustomer's published OpenAPI spec (request and response schemas of the same resource;
 * docs/kustomer-api.md says where each field read comes from). Every field is optional in responses unless
 * Kustomer always sends it, because partial payloads (e.g. `idsOnly` searches) are common.
 */

export interface ResourceIdentifier<TType extends string = string> {
  type: TType;
  id: string;
}

export interface Relationship {
  data?: ResourceIdentifier | ResourceIdentifier[] | null;
  links?: { self?: string; related?: string };
}

/** One JSON:API resource object. */
export interface Resource<TType extends string, TAttributes> {
  type: TType;
  id: string;
  attributes: TAttributes;
  relationships?: Record<string, Relationship>;
  links?: { self?: string };
}

/** `{ data: resource }`: the envelope of one record. */
export interface SingleResponse<R> {
  data: R;
  included?: Resource<string, unknown>[];
}

export interface PageMeta {
  page?: number;
  pageSize?: number;
  total?: number;
  totalPages?: number;
  /** Cursor-paged lists (audit log): items in this page. */
  count?: number;
}

/** Pagination links; relative to the API origin (e.g. `/v1/customers?page=3&pageSize=100`), `next` null on the last page. */
export interface PageLinks {
  self?: string | null;
  first?: string | null;
  prev?: string | null;
  next?: string | null;
  last?: string | null;
}

/** `{ data: [...], meta, links }`: one page of a list. */
export interface ListResponse<R> {
  data: R[];
  meta: PageMeta;
  links: PageLinks;
  included?: Resource<string, unknown>[];
}

export interface PageParams {
  /** 1-based page number. */
  page?: number;
  /** Usually at most 100 (users and search: 500). */
  pageSize?: number;
}

/** Custom attributes: the name's suffix gives the type (Kustomer's convention). */
export type CustomAttributes = {
  [key: `${string}Str`]: string | null;
  [key: `${string}Txt`]: string | null;
  [key: `${string}Num`]: number | null;
  [key: `${string}At`]: string | null;
  [key: `${string}Bool`]: boolean | null;
  [key: `${string}Url`]: string | null;
};

export type ConversationStatus = 'open' | 'snoozed' | 'done';
export type Direction = 'in' | 'out';
export type Priority = 1 | 2 | 3 | 4 | 5;

export interface EmailEntry {
  email: string;
  type?: string;
}

export interface PhoneEntry {
  phone: string;
  type?: string;
}

interface Timestamps {
  createdAt?: string;
  updatedAt?: string;
  modifiedAt?: string;
}

/** The record's id in another system; responses send null when it has none, some inputs take only a string. */
interface ExternalId<TUnset extends null = null> {
  externalId?: string | TUnset;
}

/** Tags and the organisation's custom attributes. */
interface Tagged {
  tags?: string[];
  custom?: CustomAttributes;
}

interface Contacts {
  emails?: EmailEntry[];
  phones?: PhoneEntry[];
}

interface CustomerFields extends Contacts, Tagged, ExternalId {
  name?: string;
  avatarUrl?: string | null;
}

export interface CustomerAttributes extends CustomerFields, Timestamps {
  displayName?: string;
  lastActivityAt?: string;
}

interface ConversationFields extends Tagged {
  name?: string;
  /** When a snoozed conversation opens again: `{ status: 'scheduled', time }` (spec: UpdateConversation bodies). */
  snooze?: { status: 'scheduled' | 'canceled' | 'elapsed'; time?: string };
  status?: ConversationStatus;
  /** A sub-status id. The spec types it as an object id, not nullable: there is no documented way to clear it. */
  subStatus?: string;
  priority?: Priority;
  direction?: Direction;
  /** At most 10 each (spec). */
  assignedUsers?: string[];
  assignedTeams?: string[];
}

export interface ConversationAttributes extends ConversationFields, ExternalId, Timestamps {
  channels?: string[];
  messageCount?: number;
  noteCount?: number;
  lastMessageIn?: { sentAt?: string } | null;
}

interface MessageFields {
  channel?: string;
  /** The channel integration's identifier (e.g. "postmark"), not a Kustomer id. */
  app?: string;
  direction?: Direction;
  preview?: string;
  sentAt?: string;
}

export interface MessageAttributes extends MessageFields, ExternalId, Timestamps {
  subject?: string | null;
}

export interface NoteAttachment {
  name: string;
  contentType: string;
  contentLength: number;
}

/** Who a note mentions: a user or a team (spec: `userMentions` items `{ user }` or `{ team }`, at most 20). */
export type NoteMention = { user: string } | { team: string };

interface NoteFields {
  body?: string;
  userMentions?: NoteMention[];
  attachments?: NoteAttachment[];
}

/**
 * A note as Kustomer answers: mentions come back under `relationships.userMentions` (`{ type: 'user' | 'team', id }`),
 * not in the attributes. `externalId` is a field of the spec's note bodies (create and replace), read back to find
 * a note an earlier attempt created.
 */
export interface NoteAttributes extends ExternalId, Timestamps {
  body?: string;
}

export interface UserAttributes extends UserInput, Timestamps {
  avatarUrl?: string | null;
  roles?: string[];
}

export interface CompanyAttributes extends CompanyInput, Timestamps {}

export interface KlassAttributes extends KlassInput, Timestamps {}

interface KObjectFields extends Tagged, ExternalId {
  title?: string;
  description?: string | null;
  data?: Record<string, unknown>;
  icon?: string | null;
}

export interface KObjectAttributes extends KObjectFields, Timestamps {}

export interface SubStatusAttributes extends SubStatusInput, Timestamps {}

export interface AuditLogEventAttributes {
  eventName?: string;
  eventVerb?: 'create' | 'update' | 'delete';
  objectType?: string;
  objectId?: string;
  userId?: string;
  changes?: Record<string, { before: unknown; after: unknown }>;
  createdAt?: string;
}

export type BulkJobStatus = 'queued' | 'running' | 'complete';

export interface BulkItemResult {
  _clientRef?: string | null;
  status: 'success' | 'failure';
  statusCode?: number;
  id?: string | null;
  error?: string | null;
}

export interface BulkJobAttributes extends Timestamps {
  status: BulkJobStatus;
  resource?: string;
  operation?: 'create' | 'update' | 'delete';
  completedAt?: string | null;
}

/**
 * One batch of a bulk job. Fields from developer.kustomer.com/api/core-resources/get-bulk-operation-batches:
 * `results` (per item, only when `_clientRef` was sent), `objectIds`, `successCount`, `failureCount`, `errors`.
 */
export interface BulkBatchAttributes {
  status?: BulkJobStatus | 'scheduled';
  results?: BulkItemResult[];
  objectIds?: string[];
  successCount?: number;
  failureCount?: number;
  completedAt?: string | null;
  errors?: unknown[];
  [field: string]: unknown;
}

/**
 * `GET /v1/auth/tokens/current`: the token's own attributes. Its organisation and user are relationships
 * (`relationships.org.data.id`), and the organisation's name is not part of the answer (API.md, Known corrections).
 */
export interface TokenAttributes extends Timestamps {
  name?: string;
  roles?: string[];
  lastTokenChars?: string;
  lastAccessedAt?: string | null;
  expiresAt?: string | null;
}

export type CustomerResource = Resource<'customer', CustomerAttributes>;
export type ConversationResource = Resource<'conversation', ConversationAttributes>;
export type MessageResource = Resource<'message', MessageAttributes>;
export type NoteResource = Resource<'note', NoteAttributes>;
export type UserResource = Resource<'user', UserAttributes>;
export type CompanyResource = Resource<'company', CompanyAttributes>;
export type KlassResource = Resource<'klass', KlassAttributes>;
/** KObjects are typed `kobject.<klass name>` on the wire. */
export type KObjectResource = Resource<string, KObjectAttributes>;
export type SubStatusResource = Resource<'sub-status' | 'substatus' | string, SubStatusAttributes>;
export type AuditLogEventResource = Resource<string, AuditLogEventAttributes>;
export type BulkJobResource = Resource<'bulk' | string, BulkJobAttributes>;
export type BulkBatchResource = Resource<string, BulkBatchAttributes>;
export type TokenResource = Resource<string, TokenAttributes>;

// ---- Inputs (request bodies). Kustomer's create endpoints take flat attribute objects. ----

export interface CustomerInput extends CustomerFields {
  company?: string | null;
}

export interface ConversationInput extends ConversationFields, ExternalId<never> {
  /** Sending tags replaces the whole list. */
  tags?: string[];
}

export interface ConversationCreateInput extends ConversationInput {
  customer: string;
}

export interface MessageInput extends MessageFields, ExternalId<never> {
  subject?: string;
  conversation?: string;
  customer?: string;
}

export interface MessageCreateInput extends MessageInput {
  channel: string;
  app: string;
  direction: Direction;
}

export interface ConversationMessageInput extends Omit<MessageInput, 'conversation'> {
  channel: string;
  app: string;
  /** Free-form facts about the message (the spec: an object of at most 100 properties); a call's number. */
  meta?: Record<string, string>;
}

export interface NoteInput extends NoteFields, ExternalId<never> {}

export interface NoteCreateInput extends NoteInput {
  /** 1..10,240 characters. */
  body: string;
  /**
   * The spec's body for POST /v1/notes has no conversation field, but the create-note documentation requires
   * it (actions.json `create_note`); a note always belongs to one. Prefer `createConversationNote`.
   */
  conversation?: string;
}

/** `PUT /v1/notes/{id}` replaces the note: the spec requires `conversation` and `body`. */
export interface NoteReplaceInput extends NoteCreateInput {
  conversation: string;
}

export interface UserInput {
  name?: string;
  displayName?: string;
  email?: string;
  userType?: 'user' | 'machine';
  deleted?: boolean;
}

export interface UserCreateInput extends UserInput {
  name: string;
  email: string;
}

/** One of a company's domains (spec: `domains` items are `{ domain }`, at most 10). */
export interface CompanyDomain {
  domain: string;
}

export interface CompanyInput extends Contacts, Tagged, ExternalId {
  name?: string;
  domains?: CompanyDomain[];
  /** Companies have no DELETE: set `deleted: true`. */
  deleted?: boolean;
}

export interface CompanyCreateInput extends CompanyInput {
  /** 3..255 characters. */
  name: string;
}

/**
 * Klass fields of the spec's create/update bodies that the client uses. The spec has no way to link a klass to
 * customers or companies (no `linkedTo`): each KObject names its `customer` or `company`.
 */
export interface KlassInput {
  name?: string;
  displayName?: string;
  /** Untyped in the spec; read as a JSON Schema of the KObjects' `data` (unverified). */
  jsonSchema?: Record<string, unknown>;
  icon?: string;
  color?: string;
  status?: 'enabled' | 'disabled';
}

export interface KlassCreateInput extends KlassInput {
  /** The slug used in KObject paths. */
  name: string;
}

export interface KObjectInput extends KObjectFields {
  customer?: string | null;
  company?: string | null;
}

export interface KObjectCreateInput extends KObjectInput {
  title: string;
}

export interface SubStatusInput {
  label?: string;
  description?: string;
  parentStatus?: ConversationStatus;
  /** Immutable once created. */
  resourceType?: 'conversation' | 'kobject';
}

export interface SubStatusCreateInput extends SubStatusInput {
  description: string;
}

/**
 * Bulk bodies are arrays of the spec's conversation fields; `_clientRef` (echoed in the batch results) is not in
 * the spec but documented per item on Kustomer's bulk pages (docs/kustomer-api.md, Conflicts).
 */
export type BulkConversationCreateItem = ConversationCreateInput & { _clientRef?: string };
export type BulkConversationUpdateItem = ConversationInput & { id: string; _clientRef?: string };

/** Customer search: `{ queryContext: 'customer', and: [{ customer_email: { equals: 'x' } }] }`. */
export type SearchOperator = 'equals' | 'contains' | 'in' | 'gte' | 'lte' | 'lt' | 'not_set';
export type SearchCondition = Record<string, Partial<Record<SearchOperator, unknown>>>;

export interface CustomerSearchQuery {
  queryContext: 'customer' | 'conversation' | string;
  and?: SearchCondition[];
  or?: SearchCondition[];
  sort?: Record<string, 'asc' | 'desc'>[];
}

export interface SearchParams extends PageParams {
  idsOnly?: boolean;
}

export interface AuditLogQuery {
  /** Default 100, at most 1000. */
  count?: number;
  /** Audit-log id: events older than it. */
  before?: string;
  /** Audit-log id: events newer than it. */
  after?: string;
  objectType?: string;
  objectId?: string;
  userId?: string;
  /** ISO date-time. */
  start?: string;
  end?: string;
}
