import { describe, expect, it } from 'vitest';
import { agentMessage } from '../../lib/kustomer/agent-message';
import { ADA } from '../sandbox/fixtures';
import { rejection, requestsTo, useSandbox } from './support';

const MISSING_ID = '5f1a0ada00000000000ffff3';
const kustomer = useSandbox();

describe('list_notes', () => {
  it('lists notes', async () => {
    await kustomer.client().createConversationNote(ADA.openConversationId, { body: 'seen' });
    const page = await kustomer.client().listNotes({ pageSize: 10, sort: 'desc' });
    expect(page.data.some((note) => note.attributes.body === 'seen')).toBe(true);
  });

  it('is refused naming the pod for a key of another region', async () => {
    const error = await rejection(kustomer.client(kustomer.sandbox.keys.otherPod).listNotes(), 'unauthorized', 401);
    expect(agentMessage(error)).toMatch(/^This key belongs to the EU region \(prod2\)/);
  });
});

describe('get_note', () => {
  it('returns one note', async () => {
    const created = await kustomer.client().createConversationNote(ADA.openConversationId, { body: 'fetch me' });
    const note = await kustomer.client().getNote(created.id);
    expect(note.attributes.body).toBe('fetch me');
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().getNote(MISSING_ID), 'not_found', 404);
  });
});

describe('create_note', () => {
  it('creates a note', async () => {
    const created = await kustomer.client().createNote({ body: 'loose note', conversation: ADA.openConversationId });
    expect(kustomer.sandbox.store.notes.get(created.id)?.body).toBe('loose note');
  });

  it('fails with validation pointing at body when it is empty', async () => {
    const error = await rejection(
      kustomer.client().createNote({ body: '', conversation: ADA.openConversationId }),
      'validation',
      400,
    );
    expect(error.field).toBe('body');
  });
});

describe('update_note', () => {
  it('replaces the body with PUT, sending the conversation and body the spec requires', async () => {
    const created = await kustomer.client().createConversationNote(ADA.openConversationId, { body: 'v1' });
    const from = kustomer.sandbox.requests.length;
    await kustomer.client().updateNote(created.id, { conversation: ADA.openConversationId, body: 'v2' });
    expect(kustomer.sandbox.store.notes.get(created.id)?.body).toBe('v2');
    const [sent] = requestsTo(kustomer.sandbox, 'PUT', `/v1/notes/${created.id}`, from);
    expect(sent?.body).toEqual({ conversation: ADA.openConversationId, body: 'v2' });
  });

  it('fails with validation for a body over 10,240 characters', async () => {
    const created = await kustomer.client().createConversationNote(ADA.openConversationId, { body: 'v1' });
    const error = await rejection(
      kustomer.client().updateNote(created.id, { conversation: ADA.openConversationId, body: 'x'.repeat(10_241) }),
      'validation',
      400,
    );
    expect(error.field).toBe('body');
  });
});

describe('update_note_attributes', () => {
  it('patches the body', async () => {
    const created = await kustomer.client().createConversationNote(ADA.openConversationId, { body: 'draft' });
    const updated = await kustomer.client().updateNoteAttributes(created.id, { body: 'final' });
    expect(updated.attributes.body).toBe('final');
  });

  it('is refused with 403 for a key without note roles', async () => {
    const created = await kustomer.client().createConversationNote(ADA.openConversationId, { body: 'draft' });
    await rejection(
      kustomer.client(kustomer.sandbox.keys.noNotes).updateNoteAttributes(created.id, { body: 'x' }),
      'forbidden',
      403,
    );
  });
});

describe('delete_note', () => {
  it('deletes the note', async () => {
    const created = await kustomer.client().createConversationNote(ADA.openConversationId, { body: 'bye' });
    await kustomer.client().deleteNote(created.id);
    expect(kustomer.sandbox.store.notes.has(created.id)).toBe(false);
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().deleteNote(MISSING_ID), 'not_found', 404);
  });
});

describe('list_conversation_notes', () => {
  it("lists a conversation's notes", async () => {
    const created = await kustomer.client().createConversationNote(ADA.doneConversationId, { body: 'on done' });
    const page = await kustomer.client().listConversationNotes(ADA.doneConversationId);
    expect(page.data.map((note) => note.id)).toContain(created.id);
  });

  it('fails with not_found for an unknown conversation', async () => {
    await rejection(kustomer.client().listConversationNotes(MISSING_ID), 'not_found', 404);
  });
});

describe('create_conversation_note', () => {
  it('adds a note to the conversation in the path', async () => {
    const created = await kustomer
      .client()
      .createConversationNote(ADA.openConversationId, { body: 'Called the customer back.' });
    expect(kustomer.sandbox.store.notes.get(created.id)).toMatchObject({
      conversation: ADA.openConversationId,
      body: 'Called the customer back.',
    });
  });

  it('is refused for a key without note.create, and tells the agent which role is missing', async () => {
    const error = await rejection(
      kustomer.client(kustomer.sandbox.keys.noNotes).createConversationNote(ADA.openConversationId, { body: 'x' }),
      'forbidden',
      403,
    );
    expect(agentMessage(error)).toMatch(/^Your key lacks the role org\.permission\.note\.create/);
  });

  it('fails with validation when the body is missing', async () => {
    await rejection(
      kustomer.client().createConversationNote(ADA.openConversationId, {} as { body: string }),
      'validation',
      400,
    );
  });
});
