import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox';
import { ADA, AGENT, GRACE } from '../../sandbox/fixtures';
import { api, firstError, JSON_PATCH } from './api';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimitPerMinute: 1000 });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const notePath = `/v1/conversations/${ADA.openConversationId}/notes`;

describe('authentication', () => {
  it.each([
    ['no Authorization header', null, /missing/i],
    ['an unknown token', 'not-a-real-token', /invalid token/i],
  ])('answers 401 for %s', async (_, key, message) => {
    const response = await api(sandbox, 'GET', '/v1/customers', { key });
    expect(response.status).toBe(401);
    expect(firstError(response)).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(message) });
  });

  it('says an expired key is expired', async () => {
    const response = await api(sandbox, 'GET', '/v1/customers', { key: sandbox.keys.expired });
    expect(response.status).toBe(401);
    expect(firstError(response).message).toMatch(/expired/i);
  });

  it('names the pod of a key from another region', async () => {
    const response = await api(sandbox, 'GET', '/v1/users/current', { key: sandbox.keys.otherPod });
    expect(response.status).toBe(401);
    expect(firstError(response).message).toBe(
      'Auth token associated with pod prod2 but request is being handled by prod1',
    );
  });

  it('still sends rate-limit headers on a 401', async () => {
    const response = await api(sandbox, 'GET', '/v1/customers', { key: null });
    expect(response.headers.get('x-ratelimit-limit')).toBe('1000');
  });
});

describe('roles', () => {
  it('refuses a write to a read-only key with 403 naming the role', async () => {
    const response = await api(sandbox, 'POST', notePath, { key: sandbox.keys.readOnly, body: { body: 'hi' } });
    expect(response.status).toBe(403);
    expect(firstError(response)).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('org.permission.note.create'),
    });
  });

  it('lets the no-notes key read notes but not write them', async () => {
    expect((await api(sandbox, 'GET', notePath, { key: sandbox.keys.noNotes })).status).toBe(200);
    expect((await api(sandbox, 'POST', notePath, { key: sandbox.keys.noNotes, body: { body: 'hi' } })).status).toBe(
      403,
    );
    const patch = await api(sandbox, 'PATCH', `/v1/conversations/${ADA.openConversationId}`, {
      key: sandbox.keys.noNotes,
      body: { priority: 5 },
      contentType: JSON_PATCH,
    });
    expect(patch.status).toBe(200);
  });

  it('accepts legacy org.user.<object>.write roles', async () => {
    const response = await api(sandbox, 'POST', notePath, { key: sandbox.keys.legacy, body: { body: 'legacy' } });
    expect(response.status).toBe(201);
  });
});

describe('request errors', () => {
  it('answers a missing note body with a JSON:API error pointing at the attribute', async () => {
    const response = await api(sandbox, 'POST', notePath, { body: {} });
    expect(response.status).toBe(400);
    expect(firstError(response)).toEqual({
      status: '400',
      code: 'required',
      title: 'Bad Request',
      detail: 'body is required',
      source: { pointer: '/data/attributes/body' },
    });
  });

  it.each([
    [10_240, 201],
    [10_241, 400],
  ])('answers a note of %i characters with %i', async (length, status) => {
    const response = await api(sandbox, 'POST', notePath, { body: { body: 'x'.repeat(length) } });
    expect(response.status).toBe(status);
  });

  it('answers a search without queryContext with the { code, message, meta } shape', async () => {
    const response = await api(sandbox, 'POST', '/v1/customers/search', { body: { and: [] } });
    expect(response.status).toBe(400);
    expect(firstError(response)).toEqual({
      code: 'bad_request',
      message: 'queryContext is required',
      meta: { parameter: 'queryContext' },
    });
  });

  it('answers malformed JSON with 400', async () => {
    const response = await fetch(`${sandbox.url}/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(response.status).toBe(400);
  });

  it.each([
    ['GET', '/v1/customers/5f1a0ada00000000000fffff', 404],
    ['GET', '/v1/not-a-resource', 404],
    ['DELETE', `/v1/users/${AGENT.id}`, 405],
  ])('answers %s %s with %i', async (method, path, status) => {
    const response = await api(sandbox, method, path);
    expect(response.status).toBe(status);
    expect(firstError(response).status).toBe(String(status));
  });
});

describe('rate limit', () => {
  it('counts every token of the org together and answers 429 with Retry-After once spent', async () => {
    const limited = await startSandbox({ rateLimitPerMinute: 3 });
    try {
      const statuses = [];
      for (const key of [limited.keys.full, limited.keys.readOnly, limited.keys.noNotes]) {
        const response = await api(limited, 'GET', '/v1/users/current', { key });
        statuses.push(response.status);
      }
      const over = await api(limited, 'GET', '/v1/customers');
      expect(statuses).toEqual([200, 200, 200]);
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(over.headers.get('x-ratelimit-limit')).toBe('3');
      expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(over.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      expect(firstError(over).code).toBe('too_many_requests');
    } finally {
      await limited.close();
    }
  });

  it('gives customer search its own lower limit', async () => {
    const limited = await startSandbox({ searchRateLimitPerMinute: 2 });
    try {
      const body = { queryContext: 'customer', and: [{ customer_email: { equals: ADA.email } }] };
      const statuses = [];
      for (let index = 0; index < 3; index++)
        statuses.push((await api(limited, 'POST', '/v1/customers/search', { body })).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect((await api(limited, 'GET', '/v1/customers')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('caps creates per customer (conversations, messages and notes together)', async () => {
    const limited = await startSandbox({ createLimitPerCustomerPerMinute: 2 });
    try {
      const note = (conversation: string) =>
        api(limited, 'POST', `/v1/conversations/${conversation}/notes`, { body: { body: 'n' } });
      expect((await note(ADA.openConversationId)).status).toBe(201);
      const message = await api(limited, 'POST', `/v1/conversations/${ADA.secondOpenConversationId}/messages`, {
        body: { channel: 'email', app: 'gmail' },
      });
      expect(message.status).toBe(201);
      const over = await note(ADA.openConversationId);
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(firstError(over).message).toContain(ADA.id);
      expect((await note(GRACE.snoozedConversationId)).status).toBe(201);
    } finally {
      await limited.close();
    }
  });

  it('counts down x-ratelimit-remaining', async () => {
    const first = await api(sandbox, 'GET', '/v1/customers');
    const second = await api(sandbox, 'GET', '/v1/customers');
    expect(
      Number(first.headers.get('x-ratelimit-remaining')) - Number(second.headers.get('x-ratelimit-remaining')),
    ).toBe(1);
  });
});
