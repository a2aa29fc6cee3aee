/** A fixed 60 s window counted per organisation (all tokens together), like Kustomer's documented limits. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds at which the window restarts. */
  reset: number;
}

export interface RateLimiter {
  /** Counts one request; `allowed` is false once the window's limit is spent. */
  hit(now: number): RateLimitState & { allowed: boolean };
  peek(now: number): RateLimitState;
  clear(): void;
}

export function createRateLimiter(limit: number, windowMs = 60_000): RateLimiter {
  let windowStart = 0;
  let used = 0;
  const roll = (now: number) => {
    if (now - windowStart >= windowMs) {
      windowStart = now;
      used = 0;
    }
  };
  const state = (): RateLimitState => ({
    limit,
    remaining: Math.max(0, limit - used),
    reset: Math.ceil((windowStart + windowMs) / 1000),
  });
  return {
    hit(now) {
      roll(now);
      if (used >= limit) return { ...state(), allowed: false };
      used += 1;
      return { ...state(), allowed: true };
    },
    peek(now) {
      roll(now);
      return state();
    },
    clear() {
      windowStart = 0;
      used = 0;
    },
  };
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': String(state.reset),
  };
}
