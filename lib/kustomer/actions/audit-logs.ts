import type { KustomerCore } from '../core';
import { type PaginateOptions, paginateByCursor } from '../pagination';
import type { CallOptions, QueryValue } from '../transport';
import type { AuditLogEventResource, AuditLogQuery, ListResponse } from '../types';

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

export const queryAuditLogEvents = async (core: KustomerCore, query: AuditLogQuery = {}, opts?: CallOptions) =>
  core.call<ListResponse<AuditLogEventResource>>('GET', '/v1/audit-logs', undefined, {
    ...opts,
    query: auditQuery(query),
  });

/** Walks the audit log backwards with `before` cursors, at most `maxPages` pages. */
export function iterateAuditLogEvents(core: KustomerCore, query: AuditLogQuery, paging: PaginateOptions) {
  const count = query.count ?? 100;
  return paginateByCursor(
    (before) =>
      core.call<ListResponse<AuditLogEventResource>>('GET', '/v1/audit-logs', undefined, {
        signal: paging.signal,
        query: auditQuery({ ...query, count, before: before ?? query.before }),
      }),
    count,
    paging,
  );
}
