import { describe, expect, it } from 'vitest';
import { ADA, AGENT, GRACE } from '../sandbox/fixtures';
import { rejection, requestsTo, useSandbox } from './support';

const MISSING_ID = '5f1a0ada00000000000ffff1';
const kustomer = useSandbox();

describe('list_conversations', () => {
  it('lists conversations filtered by status', async () => {
    const page = await kustomer.client().listConversations({ status: 'snoozed', pageSize: 50 });
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.every((conversation) => conversation.attributes.status === 'snoozed')).toBe(true);
    expect(page.data.map((conversation) => conversation.id)).toContain(GRACE.snoozedConversationId);
  });

  it('fails with validation for a malformed page number', async () => {
    const error = await rejection(kustomer.client().listConversations({ page: 0 }), 'validation', 400);
    expect(error.field).toBe('page');
  });
});

describe('get_conversation', () => {
  it('returns one conversation with its typed attributes', async () => {
    const conversation = await kustomer.client().getConversation(ADA.openConversationId);
    expect(conversation.attributes).toMatchObject({ status: 'open', priority: 4 });
    expect(conversation.attributes.assignedUsers).toContain(AGENT.id);
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().getConversation(MISSING_ID), 'not_found', 404);
  });
});

describe('create_conversation', () => {
  it('creates a conversation for an existing customer', async () => {
    const created = await kustomer
      .client()
      .createConversation({ customer: ADA.id, name: 'Refund', priority: 3, tags: ['refund'] });
    expect(created.attributes).toMatchObject({ name: 'Refund', status: 'open', priority: 3 });
    expect(kustomer.sandbox.store.conversations.get(created.id)).toMatchObject({ customer: ADA.id, tags: ['refund'] });
  });

  it('fails with validation pointing at customer when it is missing', async () => {
    const error = await rejection(
      kustomer.client().createConversation({ name: 'No customer' } as unknown as { customer: string }),
      'validation',
      400,
    );
    expect(error).toMatchObject({ pointer: '/data/attributes/customer', field: 'customer' });
  });

  it('is refused with 403 for a read-only key', async () => {
    await rejection(
      kustomer.client(kustomer.sandbox.keys.readOnly).createConversation({ customer: ADA.id }),
      'forbidden',
      403,
    );
  });
});

describe('update_conversation', () => {
  it('replaces attributes with PUT', async () => {
    const { id } = await kustomer.client().createConversation({ customer: ADA.id, name: 'Old' });
    const updated = await kustomer.client().updateConversation(id, { name: 'New', status: 'done' });
    expect(updated.attributes).toMatchObject({ name: 'New', status: 'done' });
    expect(kustomer.sandbox.store.conversations.get(id)?.closedAt).not.toBeNull();
  });

  it('fails with validation for a priority outside 1..5', async () => {
    const error = await rejection(
      kustomer.client().updateConversation(ADA.openConversationId, { priority: 9 as 5 }),
      'validation',
      400,
    );
    expect(error.field).toBe('priority');
  });
});

describe('update_conversation_attributes', () => {
  it('sends a PATCH that changes status and tags', async () => {
    const { id } = await kustomer.client().createConversation({ customer: GRACE.id, tags: ['a'] });
    const from = kustomer.sandbox.requests.length;
    const updated = await kustomer.client().updateConversationAttributes(id, { status: 'snoozed', tags: ['b'] });
    expect(updated.attributes.status).toBe('snoozed');
    expect(requestsTo(kustomer.sandbox, 'PATCH', `/v1/conversations/${id}`, from)[0]?.body).toEqual({
      status: 'snoozed',
      tags: ['b'],
    });
    expect(kustomer.sandbox.store.conversations.get(id)?.tags).toEqual(['b']);
  });

  it('fails with validation for an unknown status', async () => {
    await rejection(
      kustomer.client().updateConversationAttributes(ADA.openConversationId, { status: 'closed' as 'done' }),
      'validation',
      400,
    );
  });
});

describe('delete_conversation', () => {
  it('deletes the conversation', async () => {
    const { id } = await kustomer.client().createConversation({ customer: GRACE.id });
    await kustomer.client().deleteConversation(id);
    expect(kustomer.sandbox.store.conversations.has(id)).toBe(false);
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().deleteConversation(MISSING_ID), 'not_found', 404);
  });
});
