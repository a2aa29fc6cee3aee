import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox';
import { ADA, AGENT, MACHINE_USER } from '../../sandbox/fixtures';
import { api, JSON_PATCH, many, one } from './api';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const auditFor = (objectId: string) => sandbox.store.auditLogs.filter((event) => event.objectId === objectId);

describe('customers', () => {
  it('creates a customer with custom attributes and records who did it', async () => {
    const response = await api(sandbox, 'POST', '/v1/customers', {
      body: {
        name: 'Mary Jackson',
        emails: [{ email: 'mary.jackson@example.com', type: 'work' }],
        externalId: 'crm-mary',
        custom: { tierStr: 'gold', ordersNum: 3, vipBool: true, joinedAt: '2024-01-02T03:04:05.000Z' },
      },
    });
    expect(response.status).toBe(201);
    const created = one(response);
    expect(created.attributes).toMatchObject({
      name: 'Mary Jackson',
      displayName: 'Mary Jackson',
      externalId: 'crm-mary',
    });
    const lookup = await api(sandbox, 'GET', '/v1/customers/email=mary.jackson%40example.com');
    expect(one(lookup).id).toBe(created.id);
    expect(auditFor(created.id)).toEqual([
      expect.objectContaining({
        eventVerb: 'create',
        eventName: 'kustomer.customer.create',
        objectType: 'customer',
        userId: MACHINE_USER.id,
      }),
    ]);
  });

  it.each([
    [{ custom: { colour: 'red' } }, '/data/attributes/custom/colour'],
    [{ custom: { ordersNum: 'three' } }, '/data/attributes/custom/ordersNum'],
    [{ emails: [{ email: 'not-an-email' }] }, '/data/attributes/emails/0/email'],
  ])('rejects %j pointing at %s', async (body, pointer) => {
    const response = await api(sandbox, 'POST', '/v1/customers', { body });
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.source?.pointer).toBe(pointer);
  });

  it('refuses a second customer with the same externalId with 409', async () => {
    const response = await api(sandbox, 'POST', '/v1/customers', {
      body: { name: 'Copy', externalId: ADA.externalId },
    });
    expect(response.status).toBe(409);
    expect(response.json.errors?.[0]).toMatchObject({ status: '409', code: 'duplicate_external_id' });
  });

  it('updates with PATCH, merging custom attributes, and audits the change', async () => {
    const response = await api(sandbox, 'PATCH', `/v1/customers/${ADA.id}`, { body: { custom: { noteTxt: 'hello' } } });
    expect(response.status).toBe(200);
    expect(one(response).attributes.custom).toMatchObject({ noteTxt: 'hello', loyaltyTierStr: 'platinum' });
    const [event] = auditFor(ADA.id);
    expect(event).toMatchObject({ eventVerb: 'update', objectType: 'customer' });
    expect(Object.keys(event?.changes ?? {})).toContain('custom');
  });

  it('deletes a customer and their conversations', async () => {
    expect((await api(sandbox, 'DELETE', `/v1/customers/${ADA.id}`)).status).toBe(204);
    expect((await api(sandbox, 'GET', `/v1/customers/${ADA.id}`)).status).toBe(404);
    expect(sandbox.store.conversations.has(ADA.openConversationId)).toBe(false);
  });
});

describe('conversations', () => {
  it('requires a customer', async () => {
    const response = await api(sandbox, 'POST', '/v1/conversations', { body: { name: 'No customer' } });
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.source?.pointer).toBe('/data/attributes/customer');
  });

  it('creates one for a customer and finds it by externalId', async () => {
    const response = await api(sandbox, 'POST', '/v1/conversations', {
      body: { customer: ADA.id, name: 'From the sidebar', externalId: 'outbox-1', priority: 3 },
    });
    expect(response.status).toBe(201);
    expect(one(response).attributes).toMatchObject({ status: 'open', priority: 3, messageCount: 0 });
    expect(one(response).relationships.customer?.data).toEqual({ type: 'customer', id: ADA.id });
    const again = await api(sandbox, 'POST', '/v1/conversations', {
      body: { customer: ADA.id, externalId: 'outbox-1' },
    });
    expect(again.status).toBe(409);
    const found = await api(sandbox, 'GET', '/v1/conversations/externalId=outbox-1');
    expect(one(found).id).toBe(one(response).id);
  });

  it('closes one with PATCH sent as application/json-patch+json (a flat partial object)', async () => {
    const response = await api(sandbox, 'PATCH', `/v1/conversations/${ADA.openConversationId}`, {
      body: { status: 'done' },
      contentType: JSON_PATCH,
    });
    expect(response.status).toBe(200);
    expect(one(response).attributes).toMatchObject({ status: 'done', closedAt: expect.any(String) });
    expect(auditFor(ADA.openConversationId)[0]?.changes.status).toEqual({ before: 'open', after: 'done' });
  });

  it('refuses a PATCH sent as application/json, as the spec allows only JSON Patch', async () => {
    const response = await api(sandbox, 'PATCH', `/v1/conversations/${ADA.openConversationId}`, {
      body: { status: 'done' },
    });
    expect(response.status).toBe(400);
  });

  it('replaces tags and assignees with PUT', async () => {
    const response = await api(sandbox, 'PUT', `/v1/conversations/${ADA.secondOpenConversationId}`, {
      body: { tags: ['billing'], assignedUsers: [AGENT.id] },
    });
    expect(one(response).attributes).toMatchObject({ tags: ['billing'], assignedUsers: [AGENT.id] });
  });

  it.each([
    [{ status: 'closed' }, 'status'],
    [{ priority: 6 }, 'priority'],
    [{ assignedUsers: ['5f1a0ada00000000000fffff'] }, 'assignedUsers'],
  ])('rejects %j', async (body, attribute) => {
    const response = await api(sandbox, 'PATCH', `/v1/conversations/${ADA.openConversationId}`, {
      body,
      contentType: JSON_PATCH,
    });
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.source?.pointer).toContain(attribute);
  });
});

describe('messages and notes', () => {
  const conversationPath = `/v1/conversations/${ADA.openConversationId}`;

  it('lists a conversation timeline oldest first', async () => {
    const response = await api(sandbox, 'GET', `${conversationPath}/messages`);
    const times = many(response).map((item) => item.attributes.createdAt as string);
    expect(times.length).toBe(3);
    expect(times).toEqual([...times].sort());
  });

  it('adds an outbound message by default and updates the conversation', async () => {
    const response = await api(sandbox, 'POST', `${conversationPath}/messages`, {
      body: { channel: 'email', app: 'gmail', preview: 'We are on it' },
    });
    expect(response.status).toBe(201);
    expect(one(response).attributes).toMatchObject({ direction: 'out', channel: 'email', preview: 'We are on it' });
    const conversation = await api(sandbox, 'GET', conversationPath);
    expect(one(conversation).attributes).toMatchObject({ messageCount: 4, preview: 'We are on it' });
  });

  it.each([
    [{ app: 'gmail' }, 'channel'],
    [{ channel: 'email' }, 'app'],
  ])('refuses a message without %s', async (body, missing) => {
    const response = await api(sandbox, 'POST', `${conversationPath}/messages`, { body });
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.source?.pointer).toBe(`/data/attributes/${missing}`);
  });

  it('requires direction on POST /v1/messages', async () => {
    const response = await api(sandbox, 'POST', '/v1/messages', {
      body: { channel: 'sms', app: 'twilio', conversation: ADA.openConversationId },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.source?.pointer).toBe('/data/attributes/direction');
  });

  it('adds a note with a user and a team mention and lists it on the conversation', async () => {
    const team = '5f1a0c0de0000000000000f1';
    const created = await api(sandbox, 'POST', `${conversationPath}/notes`, {
      body: { body: 'Called the customer', userMentions: [{ user: AGENT.id }, { team }] },
    });
    expect(created.status).toBe(201);
    expect(one(created).attributes).toMatchObject({ body: 'Called the customer' });
    expect(one(created).attributes).not.toHaveProperty('userMentions');
    expect(one(created).relationships.userMentions).toEqual({
      data: [
        { type: 'user', id: AGENT.id },
        { type: 'team', id: team },
      ],
    });
    const list = await api(sandbox, 'GET', `${conversationPath}/notes`);
    expect(many(list).at(-1)?.id).toBe(one(created).id);
    expect(auditFor(one(created).id)[0]).toMatchObject({ eventVerb: 'create', objectType: 'note' });
  });

  it("refuses more than 20 mentions on a note (the spec's maxItems)", async () => {
    const response = await api(sandbox, 'POST', `${conversationPath}/notes`, {
      body: { body: 'Everyone', userMentions: Array.from({ length: 21 }, () => ({ user: AGENT.id })) },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]).toMatchObject({
      code: 'max_items',
      source: { pointer: '/data/attributes/userMentions' },
    });
  });

  it('edits and deletes a note', async () => {
    const created = one(await api(sandbox, 'POST', `${conversationPath}/notes`, { body: { body: 'draft' } }));
    const edited = await api(sandbox, 'PUT', `/v1/notes/${created.id}`, {
      body: { body: 'final', conversation: ADA.openConversationId },
    });
    expect(one(edited).attributes.body).toBe('final');
    expect((await api(sandbox, 'DELETE', `/v1/notes/${created.id}`)).status).toBe(204);
    expect(auditFor(created.id).map((event) => event.eventVerb)).toEqual(['create', 'update', 'delete']);
  });
});
