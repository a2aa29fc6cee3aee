import { invalidAttribute } from '../errors';
import { messageResource } from '../resources';
import type { Route, RouteContext } from '../router';
import { recordMessageOnConversation } from '../seed';
import { newId } from '../state';
import type { Conversation, Direction, Message } from '../types';
import { asBody, type Body, readEnum, readExternalId, readString } from '../validate';
import { conversationKind, createConversation } from './conversations';
import { auditCreate, byCreatedAt, countCustomerCreate, findOr404, referencedRecord, single, stamp } from './helpers';
import { getOneRoute, listRoute, recordAt, recordKind, updateRoutes, whereQuery } from './record-routes';

const DIRECTIONS: readonly Direction[] = ['in', 'out'];
const messageKind = recordKind('message', (store) => store.messages, messageResource);

/**
 * Creates a message on `conversation`. Required: channel and app; direction is required on POST /v1/messages
 * (actions.json) and defaults to "out" on POST /v1/conversations/{id}/messages, where an agent-side tool writes.
 */
function createMessage(
  ctx: RouteContext,
  body: Body,
  conversation: Conversation,
  defaultDirection?: Direction,
): Message {
  const channel = readString(body, 'channel', { required: true, max: 64 });
  const app = readString(body, 'app', { required: true, max: 128 });
  const direction =
    readEnum(body, 'direction', DIRECTIONS, defaultDirection === undefined) ?? defaultDirection ?? 'out';
  const sentAt = readString(body, 'sentAt', { max: 64 });
  if (sentAt !== undefined && Number.isNaN(Date.parse(sentAt))) {
    throw invalidAttribute('sentAt', 'invalid_value', 'sentAt must be an ISO 8601 date-time');
  }
  countCustomerCreate(ctx, conversation.customer);
  const stamps = stamp(ctx);
  const message: Message = {
    id: newId(ctx.state, ctx.now),
    conversation: conversation.id,
    customer: conversation.customer,
    channel,
    app,
    direction,
    preview: readString(body, 'preview', { max: 10_240 }) ?? '',
    subject: readString(body, 'subject', { max: 1024 }) ?? null,
    externalId: readExternalId(body) ?? null,
    sentAt: sentAt ?? stamps.createdAt,
    ...stamps,
  };
  ctx.state.store.messages.set(message.id, message);
  recordMessageOnConversation(conversation, message);
  auditCreate(ctx, 'message', message);
  return message;
}

const messageChanges = (_ctx: RouteContext, _message: Message, body: Body): Partial<Message> => ({
  preview: readString(body, 'preview', { max: 10_240 }),
  subject: readString(body, 'subject', { max: 1024 }),
  externalId: readExternalId(body),
  app: readString(body, 'app', { max: 128 }),
});

export const messageRoutes: Route[] = [
  listRoute('/v1/messages', messageKind, (ctx) => {
    const messages = whereQuery([...ctx.state.store.messages.values()], ctx.query, [
      'conversation',
      'customer',
      'channel',
    ]);
    return byCreatedAt(messages, ctx.query, 'desc');
  }),
  getOneRoute('/v1/messages/:id', messageKind),
  {
    // A message needs a conversation: give `conversation`, or `customer` and a new conversation is opened for it.
    method: 'POST',
    pattern: '/v1/messages',
    role: { object: 'message', verb: 'create' },
    handler: (ctx) => {
      const body = asBody(ctx.body);
      readString(body, 'channel', { required: true });
      readString(body, 'app', { required: true });
      readEnum(body, 'direction', DIRECTIONS, true);
      const conversationId = readString(body, 'conversation', { max: 24 });
      let conversation: Conversation;
      if (conversationId) {
        conversation = referencedRecord(ctx.state.store.conversations, 'conversation', 'conversation', conversationId);
      } else if (body.customer !== undefined) {
        conversation = createConversation(ctx, { customer: body.customer, name: body.subject ?? body.preview ?? '' });
      } else {
        throw invalidAttribute('conversation', 'required', 'conversation or customer is required');
      }
      return single(messageResource(createMessage(ctx, body, conversation)), 201);
    },
  },
  ...updateRoutes('/v1/messages/:id', messageKind, messageChanges),
  listRoute('/v1/conversations/:id/messages', messageKind, (ctx) => {
    const conversation = recordAt(ctx, conversationKind);
    const messages = [...ctx.state.store.messages.values()].filter((item) => item.conversation === conversation.id);
    return byCreatedAt(messages, ctx.query, 'asc');
  }),
  {
    method: 'POST',
    pattern: '/v1/conversations/:id/messages',
    role: { object: 'message', verb: 'create' },
    handler: (ctx) => {
      const conversation = findOr404(ctx.state.store.conversations, ctx.params.id ?? '', 'conversation');
      return single(messageResource(createMessage(ctx, asBody(ctx.body), conversation, 'out')), 201);
    },
  },
];
