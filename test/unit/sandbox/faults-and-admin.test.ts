import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox';
import { ADA } from '../../sandbox/fixtures';
import { api, firstError } from './api';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('faults', () => {
  it('adds latency to /v1 responses', async () => {
    sandbox.setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await api(sandbox, 'GET', '/v1/users/current')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it.each([{ down: true }, { dropRate: 1 }])('destroys the socket without an answer with %j', async (faults) => {
    sandbox.setFaults(faults);
    await expect(
      fetch(`${sandbox.url}/v1/customers`, { headers: { authorization: `Bearer ${sandbox.apiKey}` } }),
    ).rejects.toThrow();
    expect(sandbox.requests.at(-1)).toMatchObject({ path: '/v1/customers', status: 0 });
  });

  it('answers the next N requests with 429, Retry-After: 1 and rate-limit headers', async () => {
    sandbox.setFaults({ force429: 2 });
    const statuses = [];
    for (let index = 0; index < 3; index++) {
      const response = await api(sandbox, 'GET', '/v1/users/current');
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toBe('1');
        expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
        expect(response.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
      }
    }
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('answers 500 with a Kustomer error body at errorRate 1', async () => {
    sandbox.setFaults({ errorRate: 1 });
    const response = await api(sandbox, 'GET', '/v1/customers');
    expect(response.status).toBe(500);
    expect(firstError(response)).toMatchObject({ code: 'internal_error', meta: { fault: 'errorRate' } });
  });

  it('fails about the configured fraction, deterministically for a seed', async () => {
    sandbox.setFaults({ errorRate: 0.5 });
    const run = async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 20; index++) statuses.push((await api(sandbox, 'GET', '/v1/users/current')).status);
      return statuses;
    };
    const first = await run();
    sandbox.reset();
    sandbox.setFaults({ errorRate: 0.5 });
    expect(await run()).toEqual(first);
    const failures = first.filter((status) => status === 500).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(17);
  });

  it('rejects out-of-range faults', () => {
    expect(() => sandbox.setFaults({ errorRate: 2 })).toThrow(/errorRate/);
  });
});

describe('admin endpoints', () => {
  it('set faults over HTTP', async () => {
    const response = await admin('POST', '/faults', { down: true });
    expect(response.status).toBe(200);
    await expect(fetch(`${sandbox.url}/v1/customers`)).rejects.toThrow();
    await admin('POST', '/faults', { down: false });
    expect((await api(sandbox, 'GET', '/v1/customers')).status).toBe(200);
  });

  it('answer 400 to an unknown fault', async () => {
    expect((await admin('POST', '/faults', { explode: true })).status).toBe(400);
  });

  it('list what the sandbox received, with bodies and statuses', async () => {
    await api(sandbox, 'POST', `/v1/conversations/${ADA.openConversationId}/notes`, {
      body: { body: 'Seen by the test' },
    });
    const { requests } = (await (await admin('GET', '/requests')).json()) as {
      requests: { method: string; path: string; body: unknown; status: number; headers: Record<string, string> }[];
    };
    expect(requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/v1/conversations/${ADA.openConversationId}/notes`,
        body: { body: 'Seen by the test' },
        status: 201,
      }),
    ]);
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${sandbox.apiKey}`);
  });

  it('show a store collection and reset it', async () => {
    await api(sandbox, 'POST', '/v1/customers', { body: { name: 'Temporary' } });
    const before = (await (await admin('GET', '/store/customers')).json()) as { data: { name: string }[] };
    expect(before.data.at(-1)?.name).toBe('Temporary');
    expect((await admin('POST', '/reset')).status).toBe(200);
    const after = (await (await admin('GET', '/store/customers')).json()) as { data: unknown[] };
    expect(after.data).toHaveLength(before.data.length - 1);
    expect((await admin('GET', '/store/nonsense')).status).toBe(404);
  });

  it('answer CORS preflights permissively', async () => {
    const response = await fetch(`${sandbox.url}/v1/customers`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});
