import { invalidAttribute } from '../errors';
import { conversationResource } from '../resources';
import type { Route, RouteContext } from '../router';
import { newConversationTimeline } from '../seed-timeline';
import { newId } from '../state';
import type { Conversation, ConversationStatus, SandboxStore } from '../types';
import {
  asBody,
  type Body,
  readEnum,
  readExternalId,
  readInt,
  readNullableString,
  readString,
  readStringArray,
} from '../validate';
import {
  applyUpdate,
  assertUniqueExternalId,
  auditCreate,
  auditDelete,
  byCreatedAt,
  countCustomerCreate,
  noContent,
  referencedRecord,
  single,
  stamp,
} from './helpers';
import {
  getByExternalIdRoute,
  getOneRoute,
  listRoute,
  putAndPatchRoutes,
  recordAt,
  recordKind,
  whereQuery,
} from './record-routes';

export const STATUSES: readonly ConversationStatus[] = ['open', 'snoozed', 'done'];

function readUserIds(store: SandboxStore, body: Body, field: string): string[] | undefined {
  const ids = readStringArray(body, field, 10);
  const unknown = ids?.find((id) => !store.users.has(id));
  if (unknown) throw invalidAttribute(field, 'invalid_reference', `user ${unknown} does not exist`);
  return ids;
}

/** Attributes a create or update may set (customer only on create). Exported for bulk jobs. */
export function readConversationFields(store: SandboxStore, body: Body): Partial<Conversation> {
  const subStatus = readNullableString(body, 'subStatus', 24);
  if (subStatus) {
    const found = store.subStatuses.get(subStatus);
    if (found?.resourceType !== 'conversation') {
      throw invalidAttribute(
        'subStatus',
        'invalid_reference',
        `sub-status ${subStatus} does not exist for conversations`,
      );
    }
  }
  // The spec's bodies say when a snooze ends as `snooze: { status, time }` (there is no `snoozedUntil` field).
  const snooze = body.snooze as { status?: unknown; time?: unknown } | undefined;
  let snoozedUntil: string | null | undefined;
  if (snooze !== undefined) {
    if (typeof snooze !== 'object' || snooze === null)
      throw invalidAttribute('snooze', 'invalid_value', 'snooze must be an object');
    const time = snooze.time;
    if (time !== undefined && (typeof time !== 'string' || Number.isNaN(Date.parse(time)))) {
      throw invalidAttribute('snooze', 'invalid_value', 'snooze.time must be an ISO 8601 date-time');
    }
    snoozedUntil = snooze.status === 'scheduled' && typeof time === 'string' ? new Date(time).toISOString() : null;
  }
  return {
    name: readString(body, 'name', { max: 256 }),
    status: readEnum(body, 'status', STATUSES),
    subStatus,
    priority: readInt(body, 'priority', 1, 5) as Conversation['priority'] | undefined,
    direction: readEnum(body, 'direction', ['in', 'out'] as const),
    assignedUsers: readUserIds(store, body, 'assignedUsers'),
    assignedTeams: readStringArray(body, 'assignedTeams', 10),
    tags: readStringArray(body, 'tags'),
    externalId: readExternalId(body),
    snoozedUntil,
  };
}

/** Builds and stores a conversation from a create body (shared with bulk jobs). */
export function createConversation(ctx: RouteContext, body: Body): Conversation {
  const { store } = ctx.state;
  const customer = readString(body, 'customer', { required: true, max: 24 });
  referencedRecord(store.customers, 'customer', 'customer', customer);
  const fields = readConversationFields(store, body);
  assertUniqueExternalId(store.conversations.values(), fields.externalId, 'conversation');
  countCustomerCreate(ctx, customer);
  const status = fields.status ?? 'open';
  const at = new Date(ctx.now).toISOString();
  const conversation: Conversation = {
    id: newId(ctx.state, ctx.now),
    customer,
    name: fields.name ?? '',
    externalId: fields.externalId ?? null,
    status,
    subStatus: fields.subStatus ?? null,
    priority: fields.priority ?? 1,
    direction: fields.direction ?? 'in',
    assignedUsers: fields.assignedUsers ?? [],
    assignedTeams: fields.assignedTeams ?? [],
    tags: fields.tags ?? [],
    ...newConversationTimeline(),
    lastActivityAt: at,
    snoozedUntil: fields.snoozedUntil ?? null,
    closedAt: status === 'done' ? at : null,
    ...stamp(ctx),
  };
  store.conversations.set(conversation.id, conversation);
  auditCreate(ctx, 'conversation', conversation);
  return conversation;
}

/** Applies an update body to a conversation (shared with bulk jobs). */
export function updateConversation(ctx: RouteContext, conversation: Conversation, body: Body): Conversation {
  const fields = readConversationFields(ctx.state.store, body);
  assertUniqueExternalId(ctx.state.store.conversations.values(), fields.externalId, 'conversation', conversation.id);
  if (fields.status && fields.status !== conversation.status) {
    fields.closedAt = fields.status === 'done' ? new Date(ctx.now).toISOString() : null;
    if (fields.status !== 'snoozed' && fields.snoozedUntil === undefined) fields.snoozedUntil = null;
  }
  return applyUpdate(ctx, 'conversation', conversation, fields);
}

/** Removes a conversation with its messages and notes (shared with bulk jobs). */
export function deleteConversation(ctx: RouteContext, conversation: Conversation): void {
  const { store } = ctx.state;
  store.conversations.delete(conversation.id);
  for (const [id, message] of store.messages) if (message.conversation === conversation.id) store.messages.delete(id);
  for (const [id, note] of store.notes) if (note.conversation === conversation.id) store.notes.delete(id);
  auditDelete(ctx, 'conversation', conversation);
}

export const conversationKind = recordKind('conversation', (store) => store.conversations, conversationResource);

const update = (ctx: RouteContext) => {
  const conversation = recordAt(ctx, conversationKind);
  return single(conversationResource(updateConversation(ctx, conversation, asBody(ctx.body))));
};

export const conversationRoutes: Route[] = [
  listRoute('/v1/conversations', conversationKind, (ctx) => {
    const found = whereQuery([...ctx.state.store.conversations.values()], ctx.query, [
      'status',
      'customer',
      'externalId',
    ]);
    return byCreatedAt(found, ctx.query, 'desc');
  }),
  // Not in actions.json: lookup by externalId so that a retried create can be checked (see docs/sandbox.md).
  getByExternalIdRoute('/v1/conversations/externalId=:externalId', conversationKind),
  getOneRoute('/v1/conversations/:id', conversationKind),
  {
    method: 'POST',
    pattern: '/v1/conversations',
    role: { object: 'conversation', verb: 'create' },
    handler: (ctx) => single(conversationResource(createConversation(ctx, asBody(ctx.body))), 201),
  },
  ...putAndPatchRoutes('/v1/conversations/:id', 'conversation', update),
  {
    method: 'DELETE',
    pattern: '/v1/conversations/:id',
    role: { object: 'conversation', verb: 'delete' },
    handler: (ctx) => {
      deleteConversation(ctx, recordAt(ctx, conversationKind));
      return noContent;
    },
  },
];
