import { ApiError, notFound, simpleError } from '../errors';
import { bulkResource } from '../resources';
import type { Route, RouteContext } from '../router';
import { newId, type SandboxState } from '../state';
import type { BulkItemResult, BulkJob, BulkOperation } from '../types';
import { createConversation, deleteConversation, updateConversation } from './conversations';
import { single } from './helpers';

export const BULK_MAX_ITEMS = 100;

/**
 * Bulk conversation jobs. To stay deterministic and quick, a job moves one step per `GET /v1/bulk/{id}`:
 * queued (answer to the create) → running (first poll) → complete (second poll, when the changes are applied).
 */

const badRequest = (message: string, meta: Record<string, unknown> = {}) =>
  simpleError(400, 'bad_request', message, meta);

function readItems(ctx: RouteContext, operation: BulkOperation): Record<string, unknown>[] {
  const ids = ctx.query.get('ids');
  let items: Record<string, unknown>[];
  if (ids !== null) {
    if (operation === 'create') throw badRequest('ids is not allowed when creating', { parameter: 'ids' });
    const shared = ctx.body === undefined ? {} : ctx.body;
    if (typeof shared !== 'object' || shared === null || Array.isArray(shared)) {
      throw badRequest('With ?ids= the body must be one object applied to every id');
    }
    items = ids
      .split(',')
      .filter(Boolean)
      .map((id) => ({ ...(shared as Record<string, unknown>), id }));
  } else {
    if (!Array.isArray(ctx.body)) throw badRequest('The body must be an array of items (or use ?ids= with one object)');
    items = ctx.body.map((item) => (typeof item === 'string' ? { id: item } : (item as Record<string, unknown>)));
  }
  if (items.length === 0) throw badRequest('A bulk request needs at least one item');
  if (items.length > BULK_MAX_ITEMS) {
    throw badRequest(`A bulk request takes at most ${BULK_MAX_ITEMS} items, got ${items.length}`, {
      max: BULK_MAX_ITEMS,
      count: items.length,
    });
  }
  for (const [index, item] of items.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw badRequest(`Item ${index} must be an object`, { index });
    if (operation !== 'create' && typeof item.id !== 'string') throw badRequest(`Item ${index} needs an id`, { index });
  }
  return items;
}

function applyItem(ctx: RouteContext, operation: BulkOperation, item: Record<string, unknown>): BulkItemResult {
  const { _clientRef, id, ...body } = item;
  const clientRef = typeof _clientRef === 'string' ? _clientRef : null;
  try {
    if (operation === 'create') {
      const created = createConversation(ctx, body);
      return { _clientRef: clientRef, status: 'success', statusCode: 201, id: created.id, error: null };
    }
    const conversation = ctx.state.store.conversations.get(String(id));
    if (!conversation) throw notFound('conversation', String(id));
    if (operation === 'update') updateConversation(ctx, conversation, body);
    else deleteConversation(ctx, conversation);
    return {
      _clientRef: clientRef,
      status: 'success',
      statusCode: operation === 'update' ? 200 : 204,
      id: conversation.id,
      error: null,
    };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const [first] = error.body.errors;
    const message = first ? ('detail' in first ? first.detail : first.message) : 'failed';
    return {
      _clientRef: clientRef,
      status: 'failure',
      statusCode: error.status,
      id: typeof id === 'string' ? id : null,
      error: message,
    };
  }
}

function advance(state: SandboxState, job: BulkJob, ctx: RouteContext): void {
  if (job.status === 'queued') {
    job.status = 'running';
  } else if (job.status === 'running') {
    const creator = [...state.tokens.values()].find((token) => token.userId === job.createdBy) ?? ctx.token;
    const jobContext: RouteContext = { ...ctx, token: creator };
    job.results = job.items.map((item) => applyItem(jobContext, job.operation, item));
    job.status = 'complete';
    job.completedAt = new Date(ctx.now).toISOString();
  } else {
    return;
  }
  job.updatedAt = new Date(ctx.now).toISOString();
}

const startJob = (operation: BulkOperation) => (ctx: RouteContext) => {
  const items = readItems(ctx, operation);
  const at = new Date(ctx.now).toISOString();
  const job: BulkJob = {
    id: newId(ctx.state, ctx.now),
    resource: 'conversation',
    operation,
    status: 'queued',
    items,
    results: [],
    completedAt: null,
    createdAt: at,
    updatedAt: at,
    createdBy: ctx.token.userId,
  };
  ctx.state.store.bulkJobs.set(job.id, job);
  return single(bulkResource(job), 201);
};

function findJob(ctx: RouteContext): BulkJob {
  const job = ctx.state.store.bulkJobs.get(ctx.params.id ?? '');
  if (!job) throw notFound('bulk', ctx.params.id ?? '');
  return job;
}

const BULK_METHODS = { create: 'POST', update: 'PUT', delete: 'DELETE' } as const;

export const bulkRoutes: Route[] = [
  ...(['create', 'update', 'delete'] as const).map(
    (operation): Route => ({
      method: BULK_METHODS[operation],
      pattern: '/v1/conversations/bulk',
      role: { object: 'conversation', verb: operation },
      handler: startJob(operation),
    }),
  ),
  {
    method: 'GET',
    pattern: '/v1/bulk/:id',
    role: { object: 'bulk', verb: 'read' },
    handler: (ctx) => {
      const job = findJob(ctx);
      advance(ctx.state, job, ctx);
      return single(bulkResource(job));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/bulk/:id/batches',
    role: { object: 'bulk', verb: 'read' },
    handler: (ctx) => {
      const job = findJob(ctx);
      // One batch per job (≤ 100 items); its results are empty until the job completes.
      const batch = {
        type: 'bulk_batch',
        id: job.id,
        attributes: { status: job.status, operation: job.operation, count: job.items.length, results: job.results },
        relationships: { bulk: { data: { type: 'bulk', id: job.id }, links: { self: `/v1/bulk/${job.id}` } } },
        links: { self: `/v1/bulk/${job.id}/batches` },
      };
      return {
        status: 200,
        body: {
          data: [batch],
          meta: { page: 1, pageSize: 1, total: 1, totalPages: 1 },
          links: { self: ctx.path, first: ctx.path, prev: null, next: null },
        },
      };
    },
  },
];
