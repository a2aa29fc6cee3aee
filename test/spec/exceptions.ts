import type { JsonSchema } from './spec';

/**
 * Every place where this project departs from Kustomer's OpenAPI spec on purpose, each with the Kustomer
 * documentation page that says so. The checker applies these to the spec's (closed) request schemas; nothing else
 * in the tests loosens the spec.
 *
 * Not an exception: `PATCH /v1/conversations/{id}` taking a flat partial object under `application/json-patch+json`
 * is what the spec itself says (its schema is a oneOf of a flat attribute object and `{ customer }`), so it is checked
 * as written (see ../shared/kustomer/API.md, "Known corrections").
 */

export interface RequestFacts {
  query: URLSearchParams;
}

export interface SpecException {
  /** Short stable name, shown when the exception is used. */
  id: string;
  /** The spec's operationId it changes. */
  operationId: string;
  /** What differs from the spec. */
  what: string;
  /** The Kustomer page that documents it. */
  source: string;
  /** 'quoted': the page's text was read and says this; 'unverified': the page could not be read here. */
  evidence: 'quoted' | 'unverified';
  note: string;
  /** Whether it applies to this request (default: always). */
  appliesTo?(request: RequestFacts): boolean;
  /** Returns the request body schema to use instead (gets a deep copy of the closed spec schema). */
  requestSchema(closed: JsonSchema, operationSchemas: (operationId: string) => JsonSchema): JsonSchema;
}

type Schema = JsonSchema & { properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema };

const clientRef: JsonSchema = { type: 'string' };

export const SPEC_EXCEPTIONS: readonly SpecException[] = [
  {
    id: 'create-note-conversation',
    operationId: 'CreateNote',
    what: '`POST /v1/notes` takes and requires `conversation` (an object id), which the spec body omits',
    source: 'https://developer.kustomer.com/api/core-resources/create-note',
    evidence: 'unverified',
    note:
      'The page could not be found in the search corpus here; ../shared/kustomer/API.md ("Known corrections") says the ' +
      'create-note page requires it, and a note belongs to exactly one conversation.',
    requestSchema(closed) {
      const schema = closed as Schema;
      schema.properties = { ...schema.properties, conversation: { type: 'string', format: 'object-id' } };
      schema.required = [...(schema.required ?? []), 'conversation'];
      return schema;
    },
  },
  {
    id: 'bulk-create-conversations-client-ref',
    operationId: 'BulkCreateConversations',
    what: 'each array item of `POST /v1/conversations/bulk` may carry an optional `_clientRef` string',
    source: 'https://developer.kustomer.com/api/core-resources/bulk-create-conversations',
    evidence: 'quoted',
    note: '"You can include an optional `_clientRef` string on each item for per-item result correlation."',
    requestSchema(closed) {
      const schema = closed as Schema;
      const items = schema.items as Schema;
      items.properties = { ...items.properties, _clientRef: clientRef };
      return schema;
    },
  },
  {
    id: 'bulk-update-conversations-ids-mode',
    operationId: 'BulkBatchUpdateConversations',
    what:
      '`PUT /v1/conversations/bulk?ids=a,b` takes one object (the same data for every id), not an array, and no ' +
      '`_clientRef`; the spec lists the `ids` parameter but only an array body',
    source: 'https://developer.kustomer.com/api/core-resources/bulk-batch-update-conversations',
    evidence: 'quoted',
    note:
      '"Use the ids query param to update multiple conversations in bulk with the same data." and "_clientRef is ' +
      'supported when submitting an array-shaped request body, but is not supported when using the ?ids= query param ' +
      'mode." The object is read with the attributes of `PATCH /v1/conversations/{id}` (UpdateConversationAttributes), ' +
      'closed: that choice is ours, the page gives no schema for it.',
    appliesTo: (request) => request.query.has('ids'),
    requestSchema(_closed, operationSchemas) {
      const patch = operationSchemas('UpdateConversationAttributes') as { oneOf?: JsonSchema[] };
      const attributes = patch.oneOf?.[0];
      if (!attributes) throw new Error('UpdateConversationAttributes has no flat object schema');
      return attributes;
    },
  },
  {
    id: 'bulk-update-conversations-client-ref',
    operationId: 'BulkBatchUpdateConversations',
    what: 'each array item of `PUT /v1/conversations/bulk` may carry an optional `_clientRef` string',
    source: 'https://developer.kustomer.com/api/core-resources/bulk-batch-update-conversations',
    evidence: 'quoted',
    note:
      '"_clientRef is supported when submitting an array-shaped request body". Added to every member of the ' +
      "spec's oneOf for an item.",
    appliesTo: (request) => !request.query.has('ids'),
    requestSchema(closed) {
      const items = (closed as Schema).items as { oneOf?: Schema[] } & Schema;
      for (const member of items.oneOf ?? [items]) member.properties = { ...member.properties, _clientRef: clientRef };
      return closed;
    },
  },
];

/**
 * How answers are read. Kustomer's response schemas are generated from one example answer each, so their
 * `required` lists name every attribute that example happened to carry: org-specific custom attributes
 * (`orderStatusStr`, ...), history-dependent ones (`lastMessageIn`, `firstResponse`, `lastConversation`), and a typo
 * (`extenalId` on GetCompanies; `link` for `links` on a KObject's `klass` relationship). Read literally, no real
 * record could satisfy them. So, in answers:
 * - the envelope (`data`, `type`, `id`, `attributes`, `relationships`, `links`, list `meta` and `links`) and every
 *   relationship the spec requires (`org`, `createdBy`, `userMentions`, ...) stay required as written;
 * - inside `attributes`, only `createdAt`, `updatedAt` and `modifiedAt` stay required (where the spec requires them);
 *   every other attribute is checked for its type when present;
 * - list links `prev` / `next` may be null (at the ends of a list, ../shared/kustomer/API.md "Envelopes");
 * - `link` in a `required` list with no `links` property is read as `links` (the spec's typo).
 */
export const ANSWER_READING = {
  alwaysRequiredAttributes: ['createdAt', 'updatedAt', 'modifiedAt'],
  nullableListLinks: ['prev', 'next'],
} as const;

/**
 * Error answers (4xx/5xx) are checked only for a non-empty `errors` array of objects with a `code`: the spec's few
 * error schemas come from one example each (`source.parameters`), and Kustomer answers errors in two shapes
 * (`{ code, message, meta }` and JSON:API), both documented in ../shared/kustomer/API.md ("Envelopes, pagination,
 * errors") and both read by the client.
 */
export const ERROR_ANSWER_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
    },
  },
};

export interface AnswerException {
  id: string;
  operationId: string;
  status: number;
  what: string;
  source: string;
  evidence: 'quoted' | 'unverified';
  note: string;
  appliesTo?(request: RequestFacts): boolean;
  /** Returns the answer schema to use instead (gets the spec's schema as ANSWER_READING reads it). */
  answerSchema(schema: JsonSchema): JsonSchema;
}

export const ANSWER_EXCEPTIONS: readonly AnswerException[] = [
  {
    id: 'audit-logs-list',
    operationId: 'GetAuditLogs',
    status: 200,
    what: "the spec's 200 schema gives `data` as one event object; the endpoint lists events, so `data` is an array of them",
    source: 'https://developer.kustomer.com/api/core-resources/get-audit-logs',
    evidence: 'unverified',
    note:
      'The spec itself names the operation GetAuditLogs and gives the answer list links (first, previous, next); ' +
      '../shared/kustomer/API.md describes `count` and `before`/`after` cursors over many events.',
    answerSchema(schema) {
      const properties = (schema as { properties: Record<string, JsonSchema> }).properties;
      // The event's own links: the spec's example puts list links (first, previous, next) there; only self is its own.
      const event = properties.data as { properties: Record<string, JsonSchema> };
      const links = { type: 'object', required: ['self'], properties: { self: { type: 'string' } } };
      const item = { ...event, properties: { ...event.properties, links } };
      return { ...schema, properties: { ...properties, data: { type: 'array', items: item } } };
    },
  },
  {
    id: 'customer-search-ids-only',
    operationId: 'CustomerSearch',
    status: 200,
    what: 'with `?idsOnly=true` the search answers `{ type, id }` items without attributes, relationships or links',
    source: 'https://developer.kustomer.com/api/core-resources/customer-search',
    evidence: 'unverified',
    note: 'The spec lists no query parameters for the search; ../shared/kustomer/API.md documents `idsOnly=true`.',
    appliesTo: (request) => request.query.get('idsOnly') === 'true',
    answerSchema(schema) {
      const properties = (schema as { properties: Record<string, JsonSchema> }).properties;
      const item = {
        type: 'object',
        required: ['type', 'id'],
        properties: { type: { type: 'string' }, id: { type: 'string' } },
      };
      return { ...schema, properties: { ...properties, data: { type: 'array', items: item } } };
    },
  },
];
