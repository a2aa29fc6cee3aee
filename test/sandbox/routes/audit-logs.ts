import { notFound, simpleError } from '../errors';
import { auditLogResource } from '../resources';
import type { Route } from '../router';
import { single } from './helpers';

const MAX_COUNT = 1000;

/**
 * GET /v1/audit-logs: newest first, `count` (≤ 1000, default 100), `before`/`after` cursors (event ids) and
 * `filter[objectType|objectId|userId|start|end]`. `links.next` carries the `before` cursor of the next page.
 */
export const auditLogRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/audit-logs',
    role: { object: 'auditlog', verb: 'read' },
    handler: (ctx) => {
      const { query } = ctx;
      const rawCount = query.get('count');
      const count = rawCount === null ? 100 : Number(rawCount);
      if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
        throw simpleError(400, 'bad_request', `count must be an integer from 1 to ${MAX_COUNT}`, {
          parameter: 'count',
        });
      }
      const events = ctx.state.store.auditLogs;
      const cursor = (name: 'before' | 'after') => {
        const id = query.get(name);
        if (id === null) return undefined;
        const index = events.findIndex((event) => event.id === id);
        if (index === -1)
          throw simpleError(400, 'bad_request', `${name} is not a known audit-log id`, { parameter: name });
        return index;
      };
      const before = cursor('before');
      const after = cursor('after');
      const instant = (name: 'filter[start]' | 'filter[end]') => {
        const raw = query.get(name);
        if (raw === null) return null;
        const time = Date.parse(raw);
        if (Number.isNaN(time))
          throw simpleError(400, 'bad_request', `${name} must be a date-time`, { parameter: name });
        return new Date(time).toISOString();
      };
      const start = instant('filter[start]');
      const end = instant('filter[end]');
      const matching = events
        .map((event, index) => ({ event, index }))
        .filter(({ event, index }) => {
          if (before !== undefined && index >= before) return false;
          if (after !== undefined && index <= after) return false;
          for (const field of ['objectType', 'objectId', 'userId'] as const) {
            const wanted = query.get(`filter[${field}]`);
            if (wanted !== null && event[field] !== wanted) return false;
          }
          if (start !== null && event.createdAt < start) return false;
          if (end !== null && event.createdAt > end) return false;
          return true;
        })
        .reverse();
      const page = matching.slice(0, count);
      const last = page.at(-1);
      const next = new URLSearchParams(query);
      next.delete('after');
      if (last) next.set('before', last.event.id);
      return {
        status: 200,
        body: {
          data: page.map(({ event }) => auditLogResource(event)),
          meta: { count: page.length },
          links: {
            self: `${ctx.path}${query.size > 0 ? `?${query.toString()}` : ''}`,
            next: matching.length > count && last ? `${ctx.path}?${next.toString()}` : null,
          },
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/v1/audit-logs/:id',
    role: { object: 'auditlog', verb: 'read' },
    handler: (ctx) => {
      const event = ctx.state.store.auditLogs.find((item) => item.id === ctx.params.id);
      if (!event) throw notFound('audit_log', ctx.params.id ?? '');
      return single(auditLogResource(event));
    },
  },
];
