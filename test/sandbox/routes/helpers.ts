import type { Resource } from '../envelope';
import { ApiError, invalidAttribute, jsonApiError, notFound } from '../errors';
import { createRateLimiter } from '../rate-limit';
import type { Reply, RouteContext } from '../router';
import { audit, diff } from '../state';

export const single = (resource: Resource, status = 200): Reply => ({ status, body: { data: resource } });
export const noContent: Reply = { status: 204 };

export function findOr404<T>(map: Map<string, T>, id: string, type: string): T {
  const record = map.get(id);
  if (!record) throw notFound(type, id);
  return record;
}

/** The record a body's `field` names by `id`; a 400 `invalid_reference` on that field when there is none. */
export function referencedRecord<T>(records: Map<string, T>, field: string, type: string, id: string): T {
  const record = records.get(id);
  if (record === undefined) throw invalidAttribute(field, 'invalid_reference', `${type} ${id} does not exist`);
  return record;
}

/**
 * Kustomer's docs do not say what a duplicate externalId does; the sandbox answers 409 so that a retried create
 * (the outbox's case) is detectable. Looked up: developer.kustomer.com "Making requests" mentions lookups by
 * external ID but no uniqueness error.
 */
export function assertUniqueExternalId(
  records: Iterable<{ id: string; externalId: string | null }>,
  externalId: string | null | undefined,
  type: string,
  exceptId?: string,
): void {
  if (!externalId) return;
  for (const record of records) {
    if (record.externalId === externalId && record.id !== exceptId) {
      throw jsonApiError(
        409,
        'duplicate_external_id',
        `A ${type} with externalId "${externalId}" already exists (${record.id})`,
        {
          pointer: '/data/attributes/externalId',
        },
      );
    }
  }
}

/** Applies `changes` to `record`, stamps it and writes the audit event. */
export function applyUpdate<T extends { id: string; updatedAt: string }>(
  ctx: RouteContext,
  objectType: string,
  record: T,
  changes: Partial<T>,
): T {
  const before = { ...record };
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
  Object.assign(record, defined, { updatedAt: new Date(ctx.now).toISOString() });
  if ('modifiedBy' in record) Object.assign(record, { modifiedBy: ctx.token.userId });
  audit(ctx.state, {
    eventVerb: 'update',
    objectType,
    objectId: record.id,
    userId: ctx.token.userId,
    changes: diff(before, record),
    at: ctx.now,
  });
  return record;
}

export function auditCreate(ctx: RouteContext, objectType: string, record: { id: string }): void {
  audit(ctx.state, {
    eventVerb: 'create',
    objectType,
    objectId: record.id,
    userId: ctx.token.userId,
    changes: diff({}, record),
    at: ctx.now,
  });
}

export function auditDelete(ctx: RouteContext, objectType: string, record: { id: string }): void {
  audit(ctx.state, {
    eventVerb: 'delete',
    objectType,
    objectId: record.id,
    userId: ctx.token.userId,
    changes: {},
    at: ctx.now,
  });
}

/** `?sort=asc|desc` on createdAt (default: `fallback`). */
export function byCreatedAt<T extends { createdAt: string }>(
  items: T[],
  query: URLSearchParams,
  fallback: 'asc' | 'desc',
): T[] {
  const order = query.get('sort') === 'asc' ? 'asc' : query.get('sort') === 'desc' ? 'desc' : fallback;
  const sorted = [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return order === 'asc' ? sorted : sorted.reverse();
}

export const stamp = (ctx: RouteContext) => {
  const at = new Date(ctx.now).toISOString();
  return { createdAt: at, updatedAt: at, createdBy: ctx.token.userId, modifiedBy: ctx.token.userId };
};

/**
 * Counts a create of a conversation, message or note for `customerId`; over Kustomer's documented 120 per minute
 * per customer (API.md "Create limits") it is a 429 like the org limit's.
 */
export function countCustomerCreate(ctx: RouteContext, customerId: string): void {
  const { customerCreateLimiters, options } = ctx.state;
  let limiter = customerCreateLimiters.get(customerId);
  if (!limiter) {
    limiter = createRateLimiter(options.createLimitPerCustomerPerMinute);
    customerCreateLimiters.set(customerId, limiter);
  }
  const state = limiter.hit(ctx.now);
  if (state.allowed) return;
  const retryAfter = Math.max(1, state.reset - Math.floor(ctx.now / 1000));
  throw new ApiError(
    429,
    {
      errors: [
        {
          code: 'too_many_requests',
          message: `Create limit reached for customer ${customerId} (${state.limit} per minute)`,
          meta: { retryAfter, customer: customerId },
        },
      ],
    },
    { 'retry-after': String(retryAfter) },
  );
}
