import { invalidAttribute, simpleError } from '../errors';
import { subStatusResource } from '../resources';
import type { Route } from '../router';
import { newId } from '../state';
import type { SubStatus } from '../types';
import { readEnum, readString } from '../validate';
import { STATUSES } from './conversations';
import { stamp } from './helpers';
import {
  createRoute,
  deletedReply,
  getByIdsRoute,
  listRoute,
  recordAt,
  recordKind,
  updateRoutes,
} from './record-routes';

const RESOURCES = ['conversation', 'kobject'] as const;
const subStatusKind = recordKind('sub_status', (store) => store.subStatuses, subStatusResource, 'substatus');

export const subStatusRoutes: Route[] = [
  listRoute('/v1/sub-statuses', subStatusKind, (ctx) => {
    const resource = ctx.query.get('resource');
    if (resource === null || !RESOURCES.includes(resource as SubStatus['resourceType'])) {
      throw simpleError(400, 'bad_request', 'resource query parameter is required: conversation or kobject', {
        parameter: 'resource',
      });
    }
    return [...ctx.state.store.subStatuses.values()].filter((item) => item.resourceType === resource);
  }),
  getByIdsRoute('/v1/sub-statuses/:ids', subStatusKind),
  createRoute('/v1/sub-statuses', subStatusKind, (ctx, body): SubStatus => {
    const description = readString(body, 'description', { required: true, max: 1024 });
    return {
      id: newId(ctx.state, ctx.now),
      label: readString(body, 'label', { max: 256 }) ?? description,
      description,
      parentStatus: readEnum(body, 'parentStatus', STATUSES) ?? 'open',
      resourceType: readEnum(body, 'resourceType', RESOURCES) ?? 'conversation',
      ...stamp(ctx),
    };
  }),
  ...updateRoutes(
    '/v1/sub-statuses/:id',
    subStatusKind,
    (_ctx, subStatus, body) => {
      if (body.resourceType !== undefined && body.resourceType !== subStatus.resourceType) {
        throw invalidAttribute('resourceType', 'immutable', 'resourceType cannot be changed');
      }
      return {
        label: readString(body, 'label', { min: 1, max: 256 }),
        description: readString(body, 'description', { min: 1, max: 1024 }),
        parentStatus: readEnum(body, 'parentStatus', STATUSES),
      };
    },
    ['PUT'],
  ),
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
