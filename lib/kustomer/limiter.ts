import type { RateLimitHeaders } from './retry-policy';

/** What is known of the organisation's rate-limit budget (for the UI's countdown). */
export interface RateLimitSnapshot {
  limit?: number;
  /** Calls still available in this window, after the ones already started. */
  remaining?: number;
  /** Epoch ms when the window resets, if Kustomer said. */
  resetAt?: number;
  /** Epoch ms until which every call waits (after a 429). */
  pausedUntil?: number;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RateLimiterOptions {
  now?: () => number;
  sleep?: Sleep;
  /** Calls allowed in flight at once (default 6). */
  maxConcurrent?: number;
  /** Length of Kustomer's rate-limit window (default 60 s, per its docs). */
  windowMs?: number;
  /** Share of the limit kept as a reserve: within it calls go at most at limit / window (default 0.1; 0 = none). */
  reserveFraction?: number;
  /** Budget to assume before any response said (e.g. ~100/min for customer searches by machine users). */
  initialLimit?: number;
}

export interface RateLimiter {
  /**
   * Waits for a slot; resolves with the function that frees it. Rejects if `signal` aborts. A `page` call
   * (a lookup a web page caused) waits behind every other call, never holds the last two slots, and spends
   * only the upper half of the budget, so the agent's own calls go first (issue 21, finding 2).
   */
  acquire(signal?: AbortSignal, page?: boolean): Promise<() => void>;
  /** Learns limit / remaining / reset from a response's headers. */
  observe(headers: RateLimitHeaders): void;
  /** Holds every call until `untilMs` (after a 429), when the budget counts as renewed. */
  pause(untilMs: number): void;
  snapshot(): RateLimitSnapshot;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** `setTimeout` as a promise that rejects when `signal` aborts. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

// Kustomer's reset header has one-second resolution and our clock is not the server's: wait a little past it.
const RESET_MARGIN_MS = 200;

/**
 * Client-side limiter that keeps calls under the budget Kustomer reports: full speed while the budget is
 * ample, spaced out to the renewal rate (limit / window) once it falls into the reserve, paused until the reset
 * when it is spent, and never more than `maxConcurrent` in flight. Calls are served first come, first served.
 * Without a reset time the budget is treated as refilling at limit / window (a leaky bucket).
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const maxConcurrent = Math.max(1, options.maxConcurrent ?? 6);
  const windowMs = options.windowMs ?? 60_000;
  const reserveFraction = options.reserveFraction ?? 0.1;

  let limit = options.initialLimit;
  let remaining = options.initialLimit;
  let resetAt: number | undefined;
  let refilledAt = now();
  let pausedUntil = 0;
  let inFlight = 0;
  let lastStartAt = Number.NEGATIVE_INFINITY;
  // Two queues, each first come, first served: the agent's calls, and calls a page caused.
  const chains: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
  /** Agent calls waiting for a slot: page calls let them go first. */
  let agentWaiting = 0;
  const wakers: (() => void)[] = [];
  const wake = () => {
    for (const waker of wakers.splice(0)) waker();
  };

  function roll(at: number): void {
    if (resetAt !== undefined && at >= resetAt) {
      remaining = limit;
      resetAt = undefined;
    } else if (resetAt === undefined && limit !== undefined && remaining !== undefined) {
      remaining = Math.min(limit, remaining + ((at - refilledAt) * limit) / windowMs);
    }
    refilledAt = at;
  }

  function delay(at: number, page: boolean): number {
    if (at < pausedUntil) return pausedUntil - at;
    if (limit === undefined || remaining === undefined || limit <= 0) return 0;
    // A page's calls see only the upper half of the budget: the lower half is the agent's.
    const left = remaining - (page ? limit / 2 : 0);
    const reserve = Math.floor(limit * reserveFraction);
    if (left >= reserve + 1) return 0;
    // In the reserve, go no faster than the budget renews (limit per window), so a burst drains it gradually.
    if (left >= 1) return Math.max(0, lastStartAt + windowMs / limit - at);
    if (resetAt !== undefined) return resetAt - at;
    return Math.ceil(((1 - left) * windowMs) / limit);
  }

  /** Resolves on the next release, or when an agent call took its slot. */
  function waitForWake(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(abortReason(signal as AbortSignal));
      wakers.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async function waitForSlot(page: boolean, signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const at = now();
      roll(at);
      if (inFlight >= (page ? Math.max(1, maxConcurrent - 2) : maxConcurrent) || (page && agentWaiting > 0)) {
        await waitForWake(signal);
        continue;
      }
      const wait = delay(at, page);
      if (wait > 0) {
        await sleep(wait, signal);
        continue;
      }
      inFlight += 1;
      if (remaining !== undefined) remaining -= 1;
      lastStartAt = at;
      // Test builds: when the agent's call got its slot (hardening-lookup-flood.e2e.ts reads the marks).
      if (typeof __KS_FLAVOUR__ !== 'undefined' && __KS_FLAVOUR__ === 'test' && !page)
        performance.mark('ks:agent:slot');
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight -= 1;
        wake();
      };
    }
  }

  return {
    acquire(signal, page = false) {
      const queue = page ? 1 : 0;
      if (!page) agentWaiting += 1;
      const turn = (chains[queue] as Promise<unknown>)
        .then(() => waitForSlot(page, signal))
        .finally(() => {
          if (page) return;
          agentWaiting -= 1;
          wake();
        });
      chains[queue] = turn.catch(() => undefined);
      if (!signal) return turn;
      // A caller that gives up while queued behind others must not wait for its turn to find out.
      return new Promise((resolve, reject) => {
        const onAbort = () => reject(abortReason(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        turn.then(
          (release) => {
            signal.removeEventListener('abort', onAbort);
            if (signal.aborted) release();
            else resolve(release);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
    },
    observe(headers) {
      const at = now();
      if (headers.limit !== undefined) limit = headers.limit;
      if (headers.remaining !== undefined) {
        // Calls still in flight were started after this answer's count, or counted twice: either way, spent.
        remaining = Math.max(0, headers.remaining - Math.max(0, inFlight - 1));
        if (limit === undefined) limit = headers.remaining + 1;
      }
      if (headers.resetAt !== undefined) {
        // A server clock far ahead of ours must not freeze us for longer than one window.
        resetAt = Math.min(headers.resetAt, at + windowMs) + RESET_MARGIN_MS;
      }
      refilledAt = at;
    },
    pause(untilMs) {
      // The 429's own wait (Retry-After) is the most specific word on when the budget is back.
      pausedUntil = Math.max(pausedUntil, untilMs);
      resetAt = pausedUntil;
      remaining = 0;
    },
    snapshot() {
      const at = now();
      const snapshot: RateLimitSnapshot = {};
      if (limit !== undefined) snapshot.limit = limit;
      if (remaining !== undefined) snapshot.remaining = Math.max(0, Math.floor(remaining));
      if (resetAt !== undefined) snapshot.resetAt = resetAt;
      if (pausedUntil > at) snapshot.pausedUntil = pausedUntil;
      return snapshot;
    },
  };
}
