import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox';
import { ADA, GRACE } from '../../sandbox/fixtures';
import { api, firstError, JSON_PATCH, many, one } from './api';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('bulk jobs', () => {
  it('move from queued to running to complete over polls and then apply the items', async () => {
    const started = await api(sandbox, 'POST', '/v1/conversations/bulk', {
      body: [
        { customer: ADA.id, name: 'Bulk one', _clientRef: 'ref-1' },
        { customer: '5f1a0ada00000000000fffff', name: 'Bad customer', _clientRef: 'ref-2' },
      ],
    });
    expect(started.status).toBe(201);
    const job = one(started);
    expect(job).toMatchObject({ type: 'bulk', attributes: { status: 'queued', count: 2 } });
    const before = sandbox.store.conversations.size;
    expect(one(await api(sandbox, 'GET', `/v1/bulk/${job.id}`)).attributes.status).toBe('running');
    expect(sandbox.store.conversations.size).toBe(before);
    const done = one(await api(sandbox, 'GET', `/v1/bulk/${job.id}`));
    expect(done.attributes).toMatchObject({ status: 'complete', successCount: 1, failureCount: 1 });
    expect(sandbox.store.conversations.size).toBe(before + 1);
    const [batch] = many(await api(sandbox, 'GET', `/v1/bulk/${job.id}/batches`));
    expect(batch?.attributes.results).toEqual([
      expect.objectContaining({ _clientRef: 'ref-1', status: 'success', statusCode: 201 }),
      expect.objectContaining({ _clientRef: 'ref-2', status: 'failure', statusCode: 400 }),
    ]);
  });

  it('applies one object to ?ids= on PUT', async () => {
    const ids = [ADA.openConversationId, GRACE.snoozedConversationId];
    const job = one(
      await api(sandbox, 'PUT', `/v1/conversations/bulk?ids=${ids.join(',')}`, { body: { status: 'done' } }),
    );
    await api(sandbox, 'GET', `/v1/bulk/${job.id}`);
    await api(sandbox, 'GET', `/v1/bulk/${job.id}`);
    expect(ids.map((id) => sandbox.store.conversations.get(id)?.status)).toEqual(['done', 'done']);
  });

  it('deletes by id', async () => {
    const job = one(await api(sandbox, 'DELETE', '/v1/conversations/bulk', { body: [{ id: ADA.doneConversationId }] }));
    await api(sandbox, 'GET', `/v1/bulk/${job.id}`);
    await api(sandbox, 'GET', `/v1/bulk/${job.id}`);
    expect(sandbox.store.conversations.has(ADA.doneConversationId)).toBe(false);
  });

  it.each([
    ['more than 100 items', Array.from({ length: 101 }, () => ({ customer: ADA.id }))],
    ['no items', []],
    ['an object without ?ids=', { customer: ADA.id }],
  ])('refuses %s with 400', async (_, body) => {
    const response = await api(sandbox, 'POST', '/v1/conversations/bulk', { body });
    expect(response.status).toBe(400);
    expect(firstError(response).code).toBe('bad_request');
  });

  it('costs one rate-limit unit for 100 items', async () => {
    const first = await api(sandbox, 'GET', '/v1/users/current');
    const body = Array.from({ length: 100 }, (_, index) => ({ customer: ADA.id, name: `Item ${index}` }));
    const bulk = await api(sandbox, 'POST', '/v1/conversations/bulk', { body });
    expect(Number(first.headers.get('x-ratelimit-remaining')) - Number(bulk.headers.get('x-ratelimit-remaining'))).toBe(
      1,
    );
  });
});

describe('audit log', () => {
  it('records every write with verb, object, user and changes', async () => {
    await api(sandbox, 'PATCH', `/v1/conversations/${ADA.openConversationId}`, {
      body: { priority: 5 },
      contentType: JSON_PATCH,
    });
    await api(sandbox, 'POST', `/v1/conversations/${ADA.openConversationId}/notes`, { body: { body: 'Audited' } });
    const response = await api(sandbox, 'GET', '/v1/audit-logs?count=10');
    expect(many(response).map((event) => [event.attributes.eventVerb, event.attributes.objectType])).toEqual([
      ['create', 'note'],
      ['update', 'conversation'],
    ]);
    expect(many(response)[1]?.attributes).toMatchObject({
      objectId: ADA.openConversationId,
      changes: { priority: { before: 4, after: 5 } },
      eventName: 'kustomer.conversation.update',
      userId: expect.any(String),
      createdAt: expect.any(String),
    });
    const self = many(response)[0]?.links.self ?? '';
    expect(one(await api(sandbox, 'GET', self)).attributes.objectType).toBe('note');
  });

  it('pages with count and the before cursor, and filters by object', async () => {
    for (const priority of [1, 2, 3]) {
      await api(sandbox, 'PATCH', `/v1/conversations/${ADA.openConversationId}`, {
        body: { priority },
        contentType: JSON_PATCH,
      });
    }
    await api(sandbox, 'PATCH', `/v1/customers/${ADA.id}`, { body: { tags: ['x'] } });
    const filter = `filter[objectType]=conversation&filter[objectId]=${ADA.openConversationId}`;
    const page1 = await api(sandbox, 'GET', `/v1/audit-logs?count=2&${filter}`);
    expect(many(page1)).toHaveLength(2);
    expect(page1.json.links?.next).toContain('before=');
    const page2 = await api(sandbox, 'GET', page1.json.links?.next ?? '');
    expect(
      many(page2).map((event) => (event.attributes.changes as { priority: { after: number } }).priority.after),
    ).toEqual([1]);
    expect(page2.json.links?.next).toBeNull();
    const newer = await api(sandbox, 'GET', `/v1/audit-logs?after=${many(page2)[0]?.id}&${filter}`);
    expect(many(newer)).toHaveLength(2);
  });

  it('refuses a count above 1000', async () => {
    expect((await api(sandbox, 'GET', '/v1/audit-logs?count=1001')).status).toBe(400);
  });
});
