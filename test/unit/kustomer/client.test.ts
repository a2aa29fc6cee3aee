import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { agentMessage, toErrorInfo } from '../../../lib/kustomer/agent-message';
import { createKustomerClient, type KustomerClientOptions } from '../../../lib/kustomer/client';
import { KustomerError } from '../../../lib/kustomer/errors';
import { failure, fakeFetch, type Handler, hang, json } from './fake-fetch';

const TOKEN = 'sk-test-very-secret-token';
const BASE = 'https://acme.api.kustomerapp.com';
const customer = { type: 'customer', id: 'c1', attributes: { name: 'Ada', emails: [{ email: 'ada@example.com' }] } };

function setup(handler: Handler, options: Partial<KustomerClientOptions> = {}) {
  const { fetch, calls } = fakeFetch(handler);
  const clock = { now: 1_764_000_000_000 };
  const sleeps: number[] = [];
  const client = createKustomerClient({
    baseUrl: BASE,
    getToken: async () => TOKEN,
    fetch,
    now: () => clock.now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      clock.now += ms;
    },
    random: () => 0.5,
    ...options,
  });
  return { client, calls, sleeps, clock };
}

describe('Kustomer client requests', () => {
  it('sends the bearer token and unwraps a single record', async () => {
    const { client, calls } = setup(() => json(200, { data: customer }));
    const result = await client.getCustomer('c1');
    expect(result.attributes.name).toBe('Ada');
    expect(calls[0]?.url.href).toBe(`${BASE}/v1/customers/c1`);
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(calls[0]?.headers.get('accept')).toBe('application/json');
  });

  it('encodes the email into the lookup path and answers null for an unknown address', async () => {
    const { client, calls } = setup(() =>
      json(404, { errors: [{ status: 404, code: 'not_found', title: 'Not Found' }] }),
    );
    await expect(client.getCustomerByEmail('a+b/c@example.com')).resolves.toBeNull();
    expect(calls[0]?.url.pathname).toBe('/v1/customers/email=a%2Bb%2Fc%40example.com');
  });

  it('refuses an empty id before calling Kustomer (it would list every customer)', async () => {
    const { client, calls } = setup(() => json(200, { data: [] }));
    await expect(client.getCustomer('')).rejects.toThrow(KustomerError);
    await expect(client.getUsersByIds([])).rejects.toThrow(KustomerError);
    expect(calls).toHaveLength(0);
  });

  it('sends list filters and page options as query parameters', async () => {
    const { client, calls } = setup(() => json(200, { data: [], meta: {}, links: {} }));
    await client.listSubStatuses({ resource: 'conversation', page: 2, pageSize: 50 });
    await client.queryAuditLogEvents({ count: 10, before: 'a9', objectType: 'customer' });
    expect(Object.fromEntries(calls[0]?.url.searchParams ?? [])).toEqual({
      resource: 'conversation',
      page: '2',
      pageSize: '50',
    });
    expect(Object.fromEntries(calls[1]?.url.searchParams ?? [])).toEqual({
      count: '10',
      before: 'a9',
      'filter[objectType]': 'customer',
    });
  });

  it('sends a bulk update of one change to several ids with ?ids=', async () => {
    const { client, calls } = setup(() =>
      json(201, { data: { type: 'bulk', id: 'b1', attributes: { status: 'queued' } } }),
    );
    const job = await client.bulkUpdateConversations({ ids: ['x1', 'x2'], update: { status: 'done' } });
    expect(job.attributes.status).toBe('queued');
    expect(calls[0]?.method).toBe('PUT');
    expect(calls[0]?.url.searchParams.get('ids')).toBe('x1,x2');
    expect(calls[0]?.body).toEqual({ status: 'done' });
  });

  it('returns an array from getUsersByIds even when one record comes back', async () => {
    const { client, calls } = setup(() => json(200, { data: { type: 'user', id: 'u1', attributes: {} } }));
    await expect(client.getUsersByIds(['u1'])).resolves.toHaveLength(1);
    expect(calls[0]?.url.pathname).toBe('/v1/users/u1');
  });

  it('follows relative next links through iterate', async () => {
    const { client, calls } = setup((request) =>
      json(200, {
        data: [customer],
        meta: {},
        links: {
          self: request.url.pathname,
          next: request.url.search.includes('page=2') ? null : '/v1/customers?page=2&pageSize=1',
        },
      }),
    );
    const pages = [];
    for await (const page of client.iterate((page) => client.listCustomers({ page, pageSize: 1 }), { maxPages: 5 }))
      pages.push(page);
    expect(pages).toHaveLength(2);
    expect(calls[1]?.url.href).toBe(`${BASE}/v1/customers?page=2&pageSize=1`);
  });
});

describe('Kustomer client retries', () => {
  it('repeats a GET after a 503 and succeeds', async () => {
    const { client, calls, sleeps } = setup((_r, n) => (n === 1 ? json(503, {}) : json(200, { data: customer })));
    await expect(client.getCustomer('c1')).resolves.toMatchObject({ id: 'c1' });
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([375]);
  });

  it('backs off after a 5xx that carries rate-limit headers instead of waiting for the window reset', async () => {
    const { client, sleeps, clock } = setup((_r, n) =>
      n === 1
        ? json(500, {}, { 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': String((clock.now + 50_000) / 1000) })
        : json(200, { data: customer }),
    );
    await client.getCustomer('c1');
    expect(sleeps).toEqual([375]);
  });

  it.each([
    ['PUT', (c: ReturnType<typeof setup>['client']) => c.updateCustomer('c1', { name: 'A' })],
    ['PATCH', (c: ReturnType<typeof setup>['client']) => c.updateCustomerAttributes('c1', { name: 'A' })],
    ['DELETE', (c: ReturnType<typeof setup>['client']) => c.deleteNote('n1')],
  ])('repeats a %s after a 502', async (_method, run) => {
    const { client, calls } = setup((_r, n) => (n === 1 ? json(502, {}) : json(200, { data: customer })));
    await run(client);
    expect(calls).toHaveLength(2);
  });

  it('never repeats a POST after a 5xx', async () => {
    const { client, calls } = setup(() => json(500, { errors: [{ code: 'internal', message: 'oops' }] }));
    const error = await failure(client.createConversationNote('v1', { body: 'hello' }));
    expect(error.kind).toBe('server');
    expect(calls).toHaveLength(1);
  });

  it('never repeats a POST after a network error', async () => {
    const { client, calls } = setup(() => Promise.reject(new TypeError('fetch failed')));
    const error = await failure(client.createCustomer({ name: 'A' }));
    expect(error.kind).toBe('network');
    expect(calls).toHaveLength(1);
  });

  it('repeats a POST the caller marks idempotent', async () => {
    const { client, calls } = setup((_r, n) => (n === 1 ? json(503, {}) : json(201, { data: customer })));
    await client.createCustomer({ externalId: 'crm-1' }, { idempotent: true });
    expect(calls).toHaveLength(2);
  });

  it('repeats a customer search (a read sent as POST)', async () => {
    const { client, calls } = setup((_r, n) =>
      n === 1 ? json(503, {}) : json(200, { data: [customer], meta: {}, links: {} }),
    );
    const query = { queryContext: 'customer', and: [{ customer_email: { equals: 'ada@example.com' } }] };
    await client.searchCustomers(query, { pageSize: 10 });
    expect(calls).toHaveLength(2);
    expect(calls[1]?.body).toEqual(query);
    expect(calls[1]?.url.searchParams.get('pageSize')).toBe('10');
  });

  it('waits Retry-After after a 429, even for a POST, then succeeds', async () => {
    const { client, calls, sleeps } = setup((_r, n) =>
      n === 1 ? json(429, {}, { 'retry-after': '2' }) : json(201, { data: customer }),
    );
    await client.createCustomer({ name: 'A' });
    expect(calls).toHaveLength(2);
    expect(sleeps[0]).toBe(2_000);
  });

  it('waits until x-ratelimit-reset when there is no Retry-After', async () => {
    const { client, sleeps, clock } = setup((_r, n) =>
      n === 1
        ? json(429, {}, { 'x-ratelimit-reset': String((clock.now + 7_000) / 1000) })
        : json(200, { data: customer }),
    );
    await client.getCustomer('c1');
    expect(sleeps[0]).toBe(7_000);
  });

  it('backs off exponentially when a 429 says nothing about when', async () => {
    const { client, sleeps } = setup(() => json(429, {}), { maxRetries: 3 });
    const error = await failure(client.getCustomer('c1'));
    expect(sleeps.slice(0, 3)).toEqual([375, 750, 1_500]);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_000 });
  });

  it('gives up after maxRetries with a rate_limited error that says how long to wait', async () => {
    const { client, calls } = setup(() => json(429, {}, { 'retry-after': '1' }), { maxRetries: 2 });
    const error = await failure(client.getCustomer('c1'));
    expect(calls).toHaveLength(3);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1_000 });
    expect(agentMessage(error)).toBe('Kustomer is rate limiting; try again in 1 s.');
  });

  it('does not wait longer than maxTotalWaitMs: a 2-minute Retry-After fails at once', async () => {
    const { client, calls, sleeps } = setup(() => json(429, {}, { 'retry-after': '120' }));
    const error = await failure(client.getCustomer('c1'));
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(error.retryAfterMs).toBe(120_000);
  });

  it('tells onRetry how long it will wait, in words for the agent', async () => {
    const onRetry = vi.fn();
    const { client } = setup(
      (_r, n) => (n === 1 ? json(429, {}, { 'retry-after': '12' }) : json(200, { data: customer })),
      { onRetry },
    );
    await client.getCustomer('c1');
    const event = onRetry.mock.calls[0]?.[0];
    expect(event).toMatchObject({ attempt: 1, delayMs: 12_000 });
    expect(agentMessage(event.error, { retrying: true })).toBe('Kustomer is rate limiting; retrying in 12 s');
  });

  it('exposes the rate-limit budget the headers reported', async () => {
    const { client } = setup(() =>
      json(200, { data: customer }, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '120' }),
    );
    await client.getCustomer('c1');
    expect(client.rateLimit).toMatchObject({ limit: 300, remaining: 120 });
  });
});

describe('Kustomer client authentication', () => {
  it('asks for a fresh token once on a 401 and retries with it', async () => {
    let token = 'old';
    const onUnauthorized = vi.fn(async () => {
      token = 'new';
      return true;
    });
    const { client, calls } = setup(
      (request) =>
        request.headers.get('authorization') === 'Bearer new' ? json(200, { data: customer }) : json(401, {}),
      { getToken: async () => token, onUnauthorized },
    );
    await client.createConversationNote('v1', { body: 'hi' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(2);
  });

  it('fails with unauthorized when the refresh does not help, without looping', async () => {
    const onUnauthorized = vi.fn(async () => true);
    const { client, calls } = setup(() => json(401, { errors: [{ code: 'unauthorized' }] }), { onUnauthorized });
    const error = await failure(client.getCurrentUser());
    expect(error.kind).toBe('unauthorized');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(2);
  });

  it('does not try to refresh when the key belongs to another region', async () => {
    const onUnauthorized = vi.fn(async () => true);
    const { client } = setup(() => json(401, { errors: [{ message: 'token associated with pod prod4' }] }), {
      onUnauthorized,
    });
    const error = await failure(client.getCurrentToken());
    expect(error).toMatchObject({ reason: 'wrong_region', pod: 'prod4' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('turns a failing getToken into an unauthorized error', async () => {
    const { client, calls } = setup(() => json(200, {}), {
      getToken: async () => {
        throw new Error('no key stored');
      },
    });
    expect((await failure(client.getCurrentUser())).kind).toBe('unauthorized');
    expect(calls).toHaveLength(0);
  });

  it('keeps no request headers (so no token) anywhere inside a network error', async () => {
    const { client } = setup(() => Promise.reject(new TypeError('fetch failed')), { maxRetries: 0 });
    const error = await failure(client.getCustomer('c1'));
    expect(error.kind).toBe('network');
    expect(inspect(error, { depth: 20 })).not.toContain(TOKEN);
    // The cause is fetch's own error, never a wrapper that keeps the request options (headers included).
    expect((error.cause as { options?: unknown }).options).toBeUndefined();
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('never puts the token into an error or its plain form', async () => {
    const { client } = setup(() => json(403, { errors: [{ detail: 'missing org.permission.customer.read' }] }));
    const error = await failure(client.getCustomer('c1'));
    expect(`${error.message} ${JSON.stringify(toErrorInfo(error))} ${agentMessage(error)}`).not.toContain(TOKEN);
  });
});

describe('Kustomer client timeouts and cancellation', () => {
  it('fails with timeout when Kustomer does not answer in time, and retries a GET first', async () => {
    const { client, calls } = setup((_r, _n, signal) => hang(signal), { timeoutMs: 20, maxRetries: 1 });
    const error = await failure(client.getCustomer('c1'));
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 20 });
    expect(calls).toHaveLength(2);
  });

  it('fails with aborted, without retrying, when the caller aborts', async () => {
    const controller = new AbortController();
    const { client, calls } = setup((_r, _n, signal) => {
      setTimeout(() => controller.abort(), 5);
      return hang(signal);
    });
    const error = await failure(client.getCustomer('c1', { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(calls).toHaveLength(1);
  });

  it('does not call Kustomer at all with an already aborted signal', async () => {
    const { client, calls } = setup(() => json(200, { data: customer }));
    const error = await failure(client.getCustomer('c1', { signal: AbortSignal.abort() }));
    expect(error.kind).toBe('aborted');
    expect(calls).toHaveLength(0);
  });

  it('reports offline when the browser says so', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const { client } = setup(() => Promise.reject(new TypeError('Failed to fetch')), { maxRetries: 0 });
    const error = await failure(client.getCustomer('c1'));
    vi.unstubAllGlobals();
    expect(agentMessage(error)).toBe("Can't reach Kustomer: you appear to be offline.");
  });
});
