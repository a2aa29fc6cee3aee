import { invalidAttribute } from '../errors';
import { noteResource } from '../resources';
import type { Route, RouteContext } from '../router';
import { newId } from '../state';
import type { Conversation, Note } from '../types';
import { asBody, type Body, readExternalId, readString } from '../validate';
import { conversationKind } from './conversations';
import { auditCreate, byCreatedAt, countCustomerCreate, findOr404, referencedRecord, single, stamp } from './helpers';
import { deletedReply, getOneRoute, listRoute, recordAt, recordKind, updateRoutes, whereQuery } from './record-routes';

export const NOTE_MAX_LENGTH = 10_240;
const noteKind = recordKind('note', (store) => store.notes, noteResource);

/** Kustomer takes at most 20 mentions per note (the spec's `maxItems`). */
export const NOTE_MAX_MENTIONS = 20;

/**
 * `userMentions` as `[{ user }]` or `[{ team }]` (the spec's shape); each user must exist (teams are not modelled,
 * any team id is kept).
 */
function readMentions(ctx: RouteContext, body: Body): Note['userMentions'] | undefined {
  const value = body.userMentions;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidAttribute('userMentions', 'invalid_type', 'userMentions must be an array');
  return value.map((item, index) => {
    const entry = (item ?? {}) as { user?: unknown; team?: unknown };
    if (typeof entry.team === 'string') return { team: entry.team };
    const user = entry.user;
    if (typeof user !== 'string' || !ctx.state.store.users.has(user)) {
      throw invalidAttribute(
        `userMentions/${index}`,
        'invalid_reference',
        `userMentions[${index}] is not a known user`,
      );
    }
    return { user };
  });
}

function readAttachments(body: Body): Note['attachments'] | undefined {
  const value = body.attachments;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidAttribute('attachments', 'invalid_type', 'attachments must be an array');
  return value.map((item) => {
    const entry = (item ?? {}) as Record<string, unknown>;
    return {
      name: String(entry.name ?? 'attachment'),
      contentType: String(entry.contentType ?? 'application/octet-stream'),
      contentLength: Number(entry.contentLength ?? 0),
    };
  });
}

function createNote(ctx: RouteContext, body: Body, conversation: Conversation): Note {
  const noteBody = readString(body, 'body', { required: true, min: 1, max: NOTE_MAX_LENGTH });
  countCustomerCreate(ctx, conversation.customer);
  const note: Note = {
    id: newId(ctx.state, ctx.now),
    conversation: conversation.id,
    customer: conversation.customer,
    body: noteBody,
    userMentions: readMentions(ctx, body) ?? [],
    attachments: readAttachments(body) ?? [],
    externalId: readExternalId(body) ?? null,
    ...stamp(ctx),
  };
  ctx.state.store.notes.set(note.id, note);
  conversation.noteCount += 1;
  conversation.lastActivityAt = note.createdAt;
  auditCreate(ctx, 'note', note);
  return note;
}

const noteChanges = (ctx: RouteContext, _note: Note, body: Body): Partial<Note> => ({
  body: readString(body, 'body', { min: 1, max: NOTE_MAX_LENGTH }),
  userMentions: readMentions(ctx, body),
  attachments: readAttachments(body),
  externalId: readExternalId(body),
});

export const noteRoutes: Route[] = [
  listRoute('/v1/notes', noteKind, (ctx) =>
    byCreatedAt(
      whereQuery([...ctx.state.store.notes.values()], ctx.query, ['conversation', 'customer']),
      ctx.query,
      'asc',
    ),
  ),
  getOneRoute('/v1/notes/:id', noteKind),
  {
    // A note belongs to exactly one conversation, so POST /v1/notes needs `conversation` as well as `body`.
    method: 'POST',
    pattern: '/v1/notes',
    role: { object: 'note', verb: 'create' },
    handler: (ctx) => {
      const body = asBody(ctx.body);
      readString(body, 'body', { required: true, min: 1, max: NOTE_MAX_LENGTH });
      const conversationId = readString(body, 'conversation', { required: true, max: 24 });
      const conversation = referencedRecord(
        ctx.state.store.conversations,
        'conversation',
        'conversation',
        conversationId,
      );
      return single(noteResource(createNote(ctx, body, conversation)), 201);
    },
  },
  ...updateRoutes('/v1/notes/:id', noteKind, noteChanges),
  {
    method: 'DELETE',
    pattern: '/v1/notes/:id',
    role: { object: 'note', verb: 'delete' },
    handler: (ctx) => {
      const note = recordAt(ctx, noteKind);
      const conversation = ctx.state.store.conversations.get(note.conversation);
      if (conversation) conversation.noteCount = Math.max(0, conversation.noteCount - 1);
      return deletedReply(ctx, noteKind, note);
    },
  },
  listRoute('/v1/conversations/:id/notes', noteKind, (ctx) => {
    const conversation = recordAt(ctx, conversationKind);
    const notes = [...ctx.state.store.notes.values()].filter((note) => note.conversation === conversation.id);
    return byCreatedAt(notes, ctx.query, 'asc');
  }),
  {
    method: 'POST',
    pattern: '/v1/conversations/:id/notes',
    role: { object: 'note', verb: 'create' },
    handler: (ctx) => {
      const conversation = findOr404(ctx.state.store.conversations, ctx.params.id ?? '', 'conversation');
      return single(noteResource(createNote(ctx, asBody(ctx.body), conversation)), 201);
    },
  },
];
