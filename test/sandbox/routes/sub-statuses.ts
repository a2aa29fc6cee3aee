import { paginate } from '../envelope';
import { invalidAttribute, simpleError } from '../errors';
import { subStatusResource } from '../resources';
import type { Route } from '../router';
import { newId } from '../state';
import type { SubStatus } from '../types';
import { asBody, readEnum, readString } from '../validate';
import { STATUSES } from './conversations';
import { applyUpdate, auditCreate, auditDelete, findOr404, noContent, single, stamp } from './helpers';

const RESOURCES = ['conversation', 'kobject'] as const;
const read = { object: 'substatus', verb: 'read' } as const;

export const subStatusRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/sub-statuses',
    role: read,
    handler: (ctx) => {
      const resource = ctx.query.get('resource');
      if (resource === null || !RESOURCES.includes(resource as SubStatus['resourceType'])) {
        throw simpleError(400, 'bad_request', 'resource query parameter is required: conversation or kobject', {
          parameter: 'resource',
        });
      }
      const items = [...ctx.state.store.subStatuses.values()].filter((item) => item.resourceType === resource);
      return { status: 200, body: paginate(items, subStatusResource, ctx.path, ctx.query) };
    },
  },
  {
    // One id answers one record; comma-separated ids answer a list.
    method: 'GET',
    pattern: '/v1/sub-statuses/:ids',
    role: read,
    handler: (ctx) => {
      const ids = (ctx.params.ids ?? '').split(',').filter(Boolean);
      const found = ids.map((id) => findOr404(ctx.state.store.subStatuses, id, 'sub_status'));
      const [first] = found;
      if (ids.length === 1 && first) return single(subStatusResource(first));
      return { status: 200, body: { data: found.map(subStatusResource), meta: { total: found.length } } };
    },
  },
  {
    method: 'POST',
    pattern: '/v1/sub-statuses',
    role: { object: 'substatus', verb: 'create' },
    handler: (ctx) => {
      const body = asBody(ctx.body);
      const description = readString(body, 'description', { required: true, max: 1024 });
      const subStatus: SubStatus = {
        id: newId(ctx.state, ctx.now),
        label: readString(body, 'label', { max: 256 }) ?? description,
        description,
        parentStatus: readEnum(body, 'parentStatus', STATUSES) ?? 'open',
        resourceType: readEnum(body, 'resourceType', RESOURCES) ?? 'conversation',
        ...stamp(ctx),
      };
      ctx.state.store.subStatuses.set(subStatus.id, subStatus);
      auditCreate(ctx, 'sub_status', subStatus);
      return single(subStatusResource(subStatus), 201);
    },
  },
  {
    method: 'PUT',
    pattern: '/v1/sub-statuses/:id',
    role: { object: 'substatus', verb: 'update' },
    handler: (ctx) => {
      const subStatus = findOr404(ctx.state.store.subStatuses, ctx.params.id ?? '', 'sub_status');
      const body = asBody(ctx.body);
      if (body.resourceType !== undefined && body.resourceType !== subStatus.resourceType) {
        throw invalidAttribute('resourceType', 'immutable', 'resourceType cannot be changed');
      }
      const changes: Partial<SubStatus> = {
        label: readString(body, 'label', { min: 1, max: 256 }),
        description: readString(body, 'description', { min: 1, max: 1024 }),
        parentStatus: readEnum(body, 'parentStatus', STATUSES),
      };
      return single(subStatusResource(applyUpdate(ctx, 'sub_status', subStatus, changes)));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/sub-statuses/:id',
    role: { object: 'substatus', verb: 'delete' },
    handler: (ctx) => {
      const subStatus = findOr404(ctx.state.store.subStatuses, ctx.params.id ?? '', 'sub_status');
      ctx.state.store.subStatuses.delete(subStatus.id);
      for (const conversation of ctx.state.store.conversations.values()) {
        if (conversation.subStatus === subStatus.id) conversation.subStatus = null;
      }
      auditDelete(ctx, 'sub_status', subStatus);
      return noContent;
    },
  },
];
