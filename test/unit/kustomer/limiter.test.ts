import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../lib/kustomer/limiter';

function fakeClock(start = 1_000_000) {
  const clock = {
    now: start,
    sleeps: [] as number[],
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      clock.sleeps.push(ms);
      clock.now += ms;
    },
  };
  return clock;
}

/** A fixed-window server model: counts calls per window and answers with Kustomer's headers. */
function fixedWindowServer(clock: { now: number }, limit: number, windowMs: number, sendReset: boolean) {
  const counts = new Map<number, number>();
  let rejected = 0;
  return {
    counts,
    get rejected() {
      return rejected;
    },
    answer() {
      const window = Math.floor(clock.now / windowMs);
      const used = (counts.get(window) ?? 0) + 1;
      counts.set(window, used);
      if (used > limit) rejected += 1;
      const resetAt = (window + 1) * windowMs;
      return {
        limit,
        remaining: Math.max(0, limit - used),
        resetAt: sendReset ? resetAt : undefined,
        status: used > limit ? 429 : 200,
        retryAfterMs: resetAt - clock.now,
      };
    },
  };
}

async function burst(calls: number, sendReset: boolean) {
  const clock = fakeClock();
  const limiter = createRateLimiter({ now: () => clock.now, sleep: clock.sleep, windowMs: 60_000 });
  const server = fixedWindowServer(clock, 300, 60_000, sendReset);
  await Promise.all(
    Array.from({ length: calls }, async () => {
      const release = await limiter.acquire();
      clock.now += 5; // the round trip
      const answer = server.answer();
      limiter.observe(answer);
      if (answer.status === 429) limiter.pause(clock.now + answer.retryAfterMs);
      release();
    }),
  );
  return { clock, server, limiter };
}

describe('rate limiter', () => {
  it('lets calls through at full speed while the budget is ample', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ now: () => clock.now, sleep: clock.sleep });
    limiter.observe({ limit: 300, remaining: 250 });
    for (let i = 0; i < 10; i++) (await limiter.acquire())();
    expect(clock.sleeps).toEqual([]);
    expect(limiter.snapshot()).toMatchObject({ limit: 300, remaining: 240 });
  });

  it('keeps a burst of 500 calls under a 300-per-minute limit without a single 429 when the reset is known', async () => {
    const { server, clock } = await burst(500, true);
    expect(server.rejected).toBe(0);
    expect([...server.counts.values()].every((count) => count <= 300)).toBe(true);
    expect(clock.now - 1_000_000).toBeLessThan(2 * 60_000 + 5_000);
  });

  it('keeps the same burst to at most a handful of 429s when only limit and remaining are sent', async () => {
    const { server } = await burst(500, false);
    expect(server.rejected).toBeLessThanOrEqual(3);
  });

  it('spaces calls out to limit per window once the budget falls into the reserve', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ now: () => clock.now, sleep: clock.sleep, windowMs: 60_000 });
    limiter.observe({ limit: 100, remaining: 5, resetAt: clock.now + 10_000 });
    const starts: number[] = [];
    for (let i = 0; i < 4; i++) {
      (await limiter.acquire())();
      starts.push(clock.now);
    }
    const gaps = starts.slice(1).map((start, i) => start - (starts[i] as number));
    expect(gaps).toEqual([600, 600, 600]);
  });

  it('pauses every caller until the reset when the budget is spent', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ now: () => clock.now, sleep: clock.sleep });
    limiter.observe({ limit: 300, remaining: 0, resetAt: clock.now + 7_000 });
    const start = clock.now;
    (await limiter.acquire())();
    expect(clock.now - start).toBeGreaterThanOrEqual(7_000);
    expect(clock.now - start).toBeLessThan(7_500);
  });

  it('holds calls until a 429 pause is over', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ now: () => clock.now, sleep: clock.sleep });
    limiter.pause(clock.now + 3_000);
    expect(limiter.snapshot().pausedUntil).toBe(clock.now + 3_000);
    const start = clock.now;
    (await limiter.acquire())();
    expect(clock.now - start).toBe(3_000);
  });

  it('never has more than maxConcurrent calls in flight', async () => {
    const limiter = createRateLimiter({ maxConcurrent: 3 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await limiter.acquire();
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        release();
      }),
    );
    expect(peak).toBe(3);
  });

  it('rejects a queued caller as soon as its signal aborts, and frees nothing twice', async () => {
    const limiter = createRateLimiter({ maxConcurrent: 1 });
    const first = await limiter.acquire();
    const controller = new AbortController();
    const queued = limiter.acquire(controller.signal);
    controller.abort(new Error('gave up'));
    await expect(queued).rejects.toThrow('gave up');
    first();
    first();
    const next = await limiter.acquire();
    next();
  });

  it('does not trust a reset time further away than one window', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ now: () => clock.now, sleep: clock.sleep, windowMs: 60_000 });
    limiter.observe({ limit: 300, remaining: 0, resetAt: clock.now + 3_600_000 });
    const start = clock.now;
    (await limiter.acquire())();
    expect(clock.now - start).toBeLessThanOrEqual(60_200);
  });

  describe('page-driven calls (issue 21, finding 2)', () => {
    it('serves a waiting agent call before every queued page call', async () => {
      const limiter = createRateLimiter({ maxConcurrent: 3 });
      const order: string[] = [];
      const holders = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
      const pageCalls = Array.from({ length: 5 }, (_, i) =>
        limiter.acquire(undefined, true).then((release) => {
          order.push(`page${i}`);
          release();
        }),
      );
      const agent = limiter.acquire().then((release) => {
        order.push('agent');
        release();
      });
      for (const release of holders) release();
      await Promise.all([...pageCalls, agent]);
      expect(order[0]).toBe('agent');
    });

    it('keeps two slots free of page calls', async () => {
      const limiter = createRateLimiter({ maxConcurrent: 6 });
      const held = [];
      for (let i = 0; i < 4; i++) held.push(await limiter.acquire(undefined, true));
      let fifth = false;
      const pending = limiter.acquire(undefined, true).then((release) => {
        fifth = true;
        return release;
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(fifth).toBe(false);
      const agent = await limiter.acquire();
      agent();
      held[0]?.();
      (await pending)();
      expect(fifth).toBe(true);
    });

    it('spends only the upper half of the budget on page calls; the agent still has the rest', async () => {
      const clock = fakeClock();
      const limiter = createRateLimiter({ now: () => clock.now, sleep: clock.sleep, initialLimit: 100 });
      // 100 a minute, a reserve of 10: page calls go at full speed down to 61 left, then at the renewal rate.
      for (let i = 0; i < 40; i++) (await limiter.acquire(undefined, true))();
      expect(clock.sleeps).toEqual([]);
      for (let i = 0; i < 10; i++) (await limiter.acquire(undefined, true))();
      const started = clock.now;
      (await limiter.acquire())();
      expect(clock.now).toBe(started);
      (await limiter.acquire(undefined, true))();
      expect(clock.now).toBeGreaterThan(started);
    });
  });
});
