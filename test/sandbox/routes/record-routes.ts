import type { RoleVerb } from '../auth';
import { paginate, type Resource } from '../envelope';
import { jsonApiError } from '../errors';
import type { Reply, Route, RouteContext } from '../router';
import type { SandboxStore } from '../types';
import { asBody, type Body } from '../validate';
import { applyUpdate, auditCreate, auditDelete, findOr404, noContent, single } from './helpers';

/**
 * The shapes every resource's routes share (list, get one, get by ids or externalId, create, update, delete),
 * so each route file only says what is particular to its resource.
 */

/** What the shared routes need to know about one kind of record. */
export interface RecordKind<T> {
  /** The role object that reads and writes it (`org.permission.<object>.<verb>`). */
  object: string;
  /** Its name in 404 messages and audit events. */
  type: string;
  /** Where the store keeps it. */
  records: (store: SandboxStore) => Map<string, T>;
  toResource: (record: T) => Resource;
}

/** A kind whose role object and type share one name, as most do. */
export function recordKind<T>(
  type: string,
  records: (store: SandboxStore) => Map<string, T>,
  toResource: (record: T) => Resource,
  object: string = type,
): RecordKind<T> {
  return { object, type, records, toResource };
}

/** A 200 page of `items`, paginated by the request's `page` and `pageSize` (at most `maxPageSize`). */
export function listReply<T>(
  ctx: RouteContext,
  items: readonly T[],
  toResource: (record: T) => Resource,
  maxPageSize?: number,
): Reply {
  return { status: 200, body: paginate(items, toResource, ctx.path, ctx.query, maxPageSize) };
}

/** `GET pattern`: a page of the records `select` picks for the request (it may throw, e.g. a 404 for a parent). */
export function listRoute<T>(
  pattern: string,
  kind: RecordKind<T>,
  select: (ctx: RouteContext) => readonly T[],
  maxPageSize?: number,
): Route {
  return {
    method: 'GET',
    pattern,
    role: { object: kind.object, verb: 'read' },
    handler: (ctx) => listReply(ctx, select(ctx), kind.toResource, maxPageSize),
  };
}

/** The items whose `fields` equal the query parameters of the same name, for each one the request gives. */
export function whereQuery<T, K extends keyof T & string>(
  items: readonly T[],
  query: URLSearchParams,
  fields: readonly K[],
): T[] {
  let kept = [...items];
  for (const field of fields) {
    const wanted = query.get(field);
    if (wanted !== null) kept = kept.filter((item) => item[field] === wanted);
  }
  return kept;
}

/** The record the path's `:id` names, or a 404. */
export function recordAt<T>(ctx: RouteContext, kind: RecordKind<T>): T {
  return findOr404(kind.records(ctx.state.store), ctx.params.id ?? '', kind.type);
}

/** `GET pattern` (ending in `:id`): one record, or 404. */
export function getOneRoute<T>(pattern: string, kind: RecordKind<T>): Route {
  return {
    method: 'GET',
    pattern,
    role: { object: kind.object, verb: 'read' },
    handler: (ctx) => single(kind.toResource(recordAt(ctx, kind))),
  };
}

/** `GET pattern` (ending in `:ids`): one id answers one record; comma-separated ids answer a list (each must exist). */
export function getByIdsRoute<T>(pattern: string, kind: RecordKind<T>): Route {
  return {
    method: 'GET',
    pattern,
    role: { object: kind.object, verb: 'read' },
    handler: (ctx) => {
      const ids = (ctx.params.ids ?? '').split(',').filter(Boolean);
      const found = ids.map((id) => findOr404(kind.records(ctx.state.store), id, kind.type));
      const [first] = found;
      if (ids.length === 1 && first) return single(kind.toResource(first));
      return { status: 200, body: { data: found.map(kind.toResource), meta: { total: found.length } } };
    },
  };
}

/** `GET pattern` (ending in `externalId=:externalId`): the record with that externalId, or 404. */
export function getByExternalIdRoute<T extends { externalId: string | null }>(
  pattern: string,
  kind: RecordKind<T>,
): Route {
  return {
    method: 'GET',
    pattern,
    role: { object: kind.object, verb: 'read' },
    handler: (ctx) => {
      const externalId = ctx.params.externalId ?? '';
      const found = [...kind.records(ctx.state.store).values()].find((item) => item.externalId === externalId);
      if (!found) throw jsonApiError(404, 'not_found', `No ${kind.type} with externalId ${externalId}`);
      return single(kind.toResource(found));
    },
  };
}

/** The same update `handler` as `PUT` and `PATCH` on `pattern`. */
export function putAndPatchRoutes(pattern: string, object: string, handler: Route['handler']): Route[] {
  const role = { object, verb: 'update' as RoleVerb };
  return [
    { method: 'PUT', pattern, role, handler },
    { method: 'PATCH', pattern, role, handler },
  ];
}

/** `POST pattern`: builds a record from the request body, stores it, writes its audit event and answers 201 (or `status`). */
export function createRoute<T extends { id: string }>(
  pattern: string,
  kind: RecordKind<T>,
  build: (ctx: RouteContext, body: Body) => T,
  status = 201,
): Route {
  return {
    method: 'POST',
    pattern,
    role: { object: kind.object, verb: 'create' },
    handler: (ctx) => createdReply(ctx, kind, build(ctx, asBody(ctx.body)), status),
  };
}

/**
 * `PUT` and `PATCH` (or only the `methods` given) on `pattern`: applies the changes `readChanges` takes from the
 * body to the record the path's `:id` names, and answers it.
 */
export function updateRoutes<T extends { id: string; updatedAt: string }>(
  pattern: string,
  kind: RecordKind<T>,
  readChanges: (ctx: RouteContext, record: T, body: Body) => Partial<T>,
  methods: readonly ('PUT' | 'PATCH')[] = ['PUT', 'PATCH'],
): Route[] {
  const handler = (ctx: RouteContext) => {
    const record = recordAt(ctx, kind);
    const changes = readChanges(ctx, record, asBody(ctx.body));
    return single(kind.toResource(applyUpdate(ctx, kind.type, record, changes)));
  };
  return methods.map((method) => ({ method, pattern, role: { object: kind.object, verb: 'update' }, handler }));
}

/** Stores a new record, writes its audit event and answers 201 (or the spec's `status`) with it. */
export function createdReply<T extends { id: string }>(
  ctx: RouteContext,
  kind: RecordKind<T>,
  record: T,
  status = 201,
): Reply {
  kind.records(ctx.state.store).set(record.id, record);
  auditCreate(ctx, kind.type, record);
  return single(kind.toResource(record), status);
}

/** Removes a record, writes its audit event and answers 204. */
export function deletedReply<T extends { id: string }>(ctx: RouteContext, kind: RecordKind<T>, record: T): Reply {
  kind.records(ctx.state.store).delete(record.id);
  auditDelete(ctx, kind.type, record);
  return noContent;
}
