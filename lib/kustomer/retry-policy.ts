/**
 * When to repeat a request and how long to wait first. Pure functions; the clock and randomness are
 * arguments so tests can pin them.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the rate-limit headers of one response said. */
export interface RateLimitHeaders {
  limit?: number;
  remaining?: number;
  /** Epoch ms at which the window resets. */
  resetAt?: number;
}

export interface HeaderReader {
  get(name: string): string | null;
}

function nonNegativeNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** `Retry-After` as milliseconds to wait: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  const seconds = nonNegativeNumber(value);
  if (seconds !== undefined) return Math.round(seconds * 1000);
  if (value === null || !/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

// Values below this are read as "seconds from now", above it as epoch seconds: Kustomer documents
// epoch seconds for x-ratelimit-reset, but some proxies send a delta.
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

/** `x-ratelimit-reset` as an absolute epoch-ms time. */
export function parseRateLimitReset(value: string | null, nowMs: number): number | undefined {
  const number = nonNegativeNumber(value);
  if (number === undefined) return undefined;
  return number >= EPOCH_SECONDS_THRESHOLD ? number * 1000 : nowMs + number * 1000;
}

/** Reads `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset`. */
export function readRateLimitHeaders(headers: HeaderReader, nowMs: number): RateLimitHeaders {
  return {
    limit: nonNegativeNumber(headers.get('x-ratelimit-limit')),
    remaining: nonNegativeNumber(headers.get('x-ratelimit-remaining')),
    resetAt: parseRateLimitReset(headers.get('x-ratelimit-reset'), nowMs),
  };
}

/**
 * How long to wait after a 429: `Retry-After` when present (not documented by Kustomer, honoured anyway),
 * else until `x-ratelimit-reset`, else `undefined` (the caller backs off).
 */
export function rateLimitWait(headers: HeaderReader, nowMs: number): number | undefined {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), nowMs);
  if (retryAfter !== undefined) return retryAfter;
  const resetAt = parseRateLimitReset(headers.get('x-ratelimit-reset'), nowMs);
  return resetAt === undefined ? undefined : Math.max(0, resetAt - nowMs);
}

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
}

/** Exponential backoff with "equal jitter": half the step fixed, half random. `attempt` counts from 0. */
export function backoffDelay(
  attempt: number,
  random: () => number,
  { baseMs = 500, capMs = 30_000 }: BackoffOptions = {},
): number {
  const step = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Whether a request may be sent again after a 5xx, a network error or a timeout, where it may already
 * have been applied. GET, PUT, DELETE and PATCH (of attributes: setting the same values twice lands in
 * the same state) are; POST creates a new record each time, so it is repeated only when the caller
 * marks it `idempotent` (e.g. it carries an externalId Kustomer keeps unique, or the caller de-duplicates).
 */
export function isRepeatable(method: HttpMethod, idempotent = false): boolean {
  return method !== 'POST' || idempotent;
}
