import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentMessage } from '../../lib/kustomer/agent-message';
import { createKustomerClient } from '../../lib/kustomer/client';
import { createRateLimiter } from '../../lib/kustomer/limiter';
import { ADA } from '../sandbox/fixtures';
import { type FixedWindowServer, startFixedWindowServer } from './fixed-window-server';
import { rejection, useSandbox } from './support';

const kustomer = useSandbox({ rateLimitPerMinute: 3 });

describe('a spent rate-limit budget (sandbox, 3 per minute)', () => {
  it('holds a call once the headers say the budget is spent, instead of sending it', async () => {
    // No reserve: with 3 calls a minute, pacing the last one would take 20 s.
    const client = kustomer.client(undefined, { limiter: createRateLimiter({ reserveFraction: 0 }) });
    for (let i = 0; i < 3; i++) await client.getCustomer(ADA.id);
    expect(client.rateLimit).toMatchObject({ limit: 3, remaining: 0 });
    const from = kustomer.sandbox.requests.length;
    await rejection(client.getCustomer(ADA.id, { signal: AbortSignal.timeout(100) }), 'aborted');
    expect(kustomer.sandbox.requests.length).toBe(from);
  });

  it('fails at once with the wait when Retry-After is longer than the client may wait, then holds its next call', async () => {
    // A fresh client (another extension instance sharing the org budget) has not seen the headers yet.
    const client = kustomer.client(undefined, { maxTotalWaitMs: 2_000 });
    const from = kustomer.sandbox.requests.length;
    const error = await rejection(client.getCustomer(ADA.id), 'rate_limited', 429);
    expect(error.retryAfterMs).toBeGreaterThan(2_000);
    expect(agentMessage(error)).toMatch(/^Kustomer is rate limiting; try again in \d+ s\.$/);
    expect(client.rateLimit.pausedUntil).toBeGreaterThan(Date.now());
    await rejection(client.getCustomer(ADA.id, { signal: AbortSignal.timeout(100) }), 'aborted');
    expect(kustomer.sandbox.requests.slice(from).map((request) => request.status)).toEqual([429]);
  });
});

// 500 calls against 300 per minute is the deterministic fake-clock case in test/unit/kustomer/limiter.test.ts; here
// the same ratio and more (200 calls, 50 per 1 s window) runs for real, over HTTP, in about 4 s.
describe('a burst of 200 calls against 50 per window (in-process fixed-window server, 1 s windows)', () => {
  let server: FixedWindowServer;
  beforeAll(async () => {
    server = await startFixedWindowServer(50, 1_000);
  });
  afterAll(async () => {
    await server.close();
  });

  it('gets every answer with next to no 429s and never more than the limit in a window', async () => {
    const client = createKustomerClient({
      baseUrl: server.url,
      getToken: async () => 'key',
      limiter: createRateLimiter({ windowMs: 1_000 }),
    });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => client.getCustomer(`c${i}`)));
    const elapsed = Date.now() - started;
    expect(results).toHaveLength(200);
    expect(server.statuses.get(200)).toBe(200);
    expect(server.statuses.get(429) ?? 0).toBeLessThanOrEqual(2);
    expect(Math.max(...server.perWindow.values())).toBeLessThanOrEqual(50);
    expect(elapsed).toBeLessThan(12_000);
    console.info(
      `burst: 200 calls in ${elapsed} ms, 429s: ${server.statuses.get(429) ?? 0}, per window: ${[...server.perWindow.values()].join(', ')}`,
    );
  });
});
