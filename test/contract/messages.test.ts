import { describe, expect, it } from 'vitest';
import { relatedId } from '../../lib/kustomer/relationships';
import { ADA } from '../sandbox/fixtures';
import { rejection, useSandbox } from './support';

const MISSING_ID = '5f1a0ada00000000000ffff2';
const kustomer = useSandbox();

describe('list_messages', () => {
  it('lists messages', async () => {
    const page = await kustomer.client().listMessages({ pageSize: 5 });
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data[0]?.type).toBe('message');
    expect(page.meta.pageSize).toBe(5);
  });

  it('is refused with 401 for an expired key', async () => {
    const error = await rejection(kustomer.client(kustomer.sandbox.keys.expired).listMessages(), 'unauthorized', 401);
    expect(error.reason).toBe('expired');
  });
});

describe('get_message', () => {
  it('returns one message', async () => {
    const [first] = (await kustomer.client().listConversationMessages(ADA.openConversationId)).data;
    const message = await kustomer.client().getMessage(first?.id ?? '');
    expect(relatedId(message, 'conversation')).toBe(ADA.openConversationId);
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().getMessage(MISSING_ID), 'not_found', 404);
  });
});

describe('create_message', () => {
  it('records a message on a conversation', async () => {
    const created = await kustomer.client().createMessage({
      channel: 'email',
      app: 'postmark',
      direction: 'in',
      conversation: ADA.openConversationId,
      preview: 'Where is my order?',
      subject: 'Order',
    });
    expect(created.attributes).toMatchObject({ channel: 'email', direction: 'in' });
    expect(kustomer.sandbox.store.messages.get(created.id)).toMatchObject({
      app: 'postmark',
      preview: 'Where is my order?',
    });
  });

  it('fails with validation when direction is missing', async () => {
    const error = await rejection(
      kustomer
        .client()
        .createMessage({ channel: 'email', app: 'postmark', conversation: ADA.openConversationId } as never),
      'validation',
      400,
    );
    expect(error.field).toBe('direction');
  });
});

describe('update_message', () => {
  it('replaces attributes with PUT', async () => {
    const created = await kustomer
      .client()
      .createConversationMessage(ADA.openConversationId, { channel: 'chat', app: 'chat' });
    const updated = await kustomer.client().updateMessage(created.id, { preview: 'edited' });
    expect(updated.attributes.preview).toBe('edited');
    expect(kustomer.sandbox.store.messages.get(created.id)?.preview).toBe('edited');
  });

  it('fails with not_found for an unknown id', async () => {
    await rejection(kustomer.client().updateMessage(MISSING_ID, { preview: 'x' }), 'not_found', 404);
  });
});

describe('update_message_attributes', () => {
  it('patches one attribute', async () => {
    const created = await kustomer
      .client()
      .createConversationMessage(ADA.openConversationId, { channel: 'sms', app: 'twilio' });
    await kustomer.client().updateMessageAttributes(created.id, { subject: 'Patched' });
    expect(kustomer.sandbox.store.messages.get(created.id)?.subject).toBe('Patched');
  });

  it('is refused with 403 for a read-only key', async () => {
    const created = await kustomer
      .client()
      .createConversationMessage(ADA.openConversationId, { channel: 'sms', app: 'twilio' });
    await rejection(
      kustomer.client(kustomer.sandbox.keys.readOnly).updateMessageAttributes(created.id, { subject: 'x' }),
      'forbidden',
      403,
    );
  });
});

describe('list_conversation_messages', () => {
  it("lists a conversation's messages", async () => {
    const page = await kustomer.client().listConversationMessages(ADA.openConversationId);
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.every((message) => relatedId(message, 'conversation') === ADA.openConversationId)).toBe(true);
  });

  it('fails with not_found for an unknown conversation', async () => {
    await rejection(kustomer.client().listConversationMessages(MISSING_ID), 'not_found', 404);
  });
});

describe('create_conversation_message', () => {
  it('records a message on the conversation in the path', async () => {
    const created = await kustomer.client().createConversationMessage(ADA.secondOpenConversationId, {
      channel: 'email',
      app: 'postmark',
      direction: 'out',
      preview: 'Hi',
    });
    expect(kustomer.sandbox.store.messages.get(created.id)).toMatchObject({
      conversation: ADA.secondOpenConversationId,
      customer: ADA.id,
      direction: 'out',
    });
  });

  it('fails with validation when app is missing', async () => {
    const error = await rejection(
      kustomer.client().createConversationMessage(ADA.openConversationId, { channel: 'email' } as never),
      'validation',
      400,
    );
    expect(error.field).toBe('app');
  });
});
