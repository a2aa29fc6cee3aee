import { invalidAttribute, simpleError } from '../errors';
import { subStatusResource } from '../resources';
import type { Route } from '../router';
import { newId } from '../state';
import type { SubStatus } from '../types';
import { asBody, readEnum, readString } from '../validate';
import { STATUSES } from './conversations';
import { applyUpdate, single, stamp } from './helpers';
import { createdReply, deletedReply, getByIdsRoute, listReply, recordAt, recordKind } from './record-routes';

const RESOURCES = ['conversation', 'kobject'] as const;
const read = { object: 'substatus', verb: 'read' } as const;
const subStatusKind = recordKind('sub_status', (store) => store.subStatuses, subStatusResource, 'substatus');

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
      return listReply(ctx, items, subStatusResource);
    },
  },
  getByIdsRoute('/v1/sub-statuses/:ids', subStatusKind),
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
      return createdReply(ctx, subStatusKind, subStatus);
    },
  },
  {
    method: 'PUT',
    pattern: '/v1/sub-statuses/:id',
    role: { object: 'substatus', verb: 'update' },
    handler: (ctx) => {
      const subStatus = recordAt(ctx, subStatusKind);
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
      const subStatus = recordAt(ctx, subStatusKind);
      for (const conversation of ctx.state.store.conversations.values()) {
        if (conversation.subStatus === subStatus.id) conversation.subStatus = null;
      }
      return deletedReply(ctx, subStatusKind, subStatus);
    },
  },
];
