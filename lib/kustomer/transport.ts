import { createFetch } from 'ofetch';
import { errorFromResponse, KustomerError } from './errors';
import type { RateLimiter, Sleep } from './limiter';
import {
  backoffDelay,
  type HttpMethod,
  isRepeatable,
  parseRetryAfter,
  type RateLimitHeaders,
  rateLimitWait,
  readRateLimitHeaders,
} from './retry-policy';

export type QueryValue = string | number | boolean | undefined | null;

/** One HTTP call as the client methods describe it. */
export interface RequestSpec {
  method: HttpMethod;
  /** `/v1/...` with path segments already encoded, or an absolute URL on the API origin. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Which rate-limit budget the call spends (customer searches have their own, lower one). */
  bucket?: 'default' | 'search';
  /** Content-Type of the body when it is not `application/json` (the spec's PATCH /v1/conversations/{id}). */
  contentType?: string;
}

/** Per-call options every client method accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Marks a POST as safe to send again after a 5xx, network error or timeout. Set it only when a repeat
   * cannot create a second record: the body carries an `externalId` Kustomer keeps unique, or the caller
   * checks for the record before resending. Without it a POST is never repeated (except after a 429 or
   * a 401 with a refreshed token, which Kustomer answers before doing anything).
   */
  idempotent?: boolean;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
}

export interface RetryEvent {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: KustomerError;
}

export interface TransportConfig {
  baseUrl: string;
  getToken: () => Promise<string>;
  onUnauthorized?: () => Promise<boolean>;
  timeoutMs: number;
  maxRetries: number;
  maxTotalWaitMs: number;
  fetch?: typeof globalThis.fetch;
  now: () => number;
  sleep: Sleep;
  random: () => number;
  limiters: { default: RateLimiter; search: RateLimiter };
  onRetry?: (event: RetryEvent) => void;
  isOffline: () => boolean;
}

export interface TransportResponse<T> {
  status: number;
  data: T;
  rateLimit: RateLimitHeaders;
}

export type Transport = <T>(spec: RequestSpec, options?: CallOptions) => Promise<TransportResponse<T>>;

// Below this, a 429's wait is too short to trust (clock skew, second-resolution reset): back off instead.
const MIN_RATE_LIMIT_WAIT_MS = 250;

function cleanQuery(query: Record<string, QueryValue> | undefined): Record<string, string> | undefined {
  if (query === undefined) return undefined;
  const entries = Object.entries(query).filter(
    (entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null,
  );
  return entries.length === 0 ? undefined : Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

/** The HTTP layer: token, limiter, timeout, error normalisation and the retry policy, on top of ofetch. */
export function createTransport(config: TransportConfig): Transport {
  const $fetch = createFetch({ fetch: config.fetch ?? ((...args) => globalThis.fetch(...args)) });
  const host = new URL(config.baseUrl).host;

  function aborted(cause: unknown): KustomerError {
    return new KustomerError({ kind: 'aborted', message: 'The request was cancelled', cause, host });
  }

  async function token(): Promise<string> {
    try {
      return await config.getToken();
    } catch (cause) {
      if (cause instanceof KustomerError) throw cause;
      throw new KustomerError({ kind: 'unauthorized', message: 'No Kustomer credentials are available', cause, host });
    }
  }

  async function attempt(spec: RequestSpec, options: CallOptions) {
    const caller = options.signal;
    if (caller?.aborted) throw aborted(caller.reason);
    const timeoutMs = options.timeoutMs ?? config.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const onCallerAbort = () => controller.abort(caller?.reason);
    caller?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: `Bearer ${await token()}`,
      };
      if (spec.contentType) headers['content-type'] = spec.contentType;
      const url = spec.path.startsWith('http') ? spec.path : `${config.baseUrl}${spec.path}`;
      return await $fetch.raw<unknown>(url, {
        method: spec.method,
        headers,
        query: cleanQuery(spec.query),
        body: spec.body as Record<string, unknown> | undefined,
        signal: controller.signal,
        retry: false,
        ignoreResponseError: true,
      });
    } catch (thrown) {
      if (thrown instanceof KustomerError) throw thrown;
      // ofetch's FetchError carries the request options, Authorization header included: keep only what it wraps.
      const cause = thrown instanceof Error && thrown.cause !== undefined ? thrown.cause : thrown;
      if (caller?.aborted) throw aborted(cause);
      if (timedOut) {
        throw new KustomerError({
          kind: 'timeout',
          message: `No answer within ${timeoutMs} ms`,
          timeoutMs,
          cause,
          host,
        });
      }
      throw new KustomerError({
        kind: 'network',
        message: `Could not reach ${host}`,
        offline: config.isOffline(),
        cause,
        host,
      });
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    }
  }

  return async function request<T>(spec: RequestSpec, options: CallOptions = {}): Promise<TransportResponse<T>> {
    const limiter = spec.bucket === 'search' ? config.limiters.search : config.limiters.default;
    const repeatable = isRepeatable(spec.method, options.idempotent === true);
    let retries = 0;
    let waited = 0;
    let refreshed = false;
    for (;;) {
      let release: () => void;
      try {
        release = await limiter.acquire(options.signal);
      } catch (cause) {
        throw aborted(cause);
      }
      let error: KustomerError;
      let serverWaitMs: number | undefined;
      try {
        const response = await attempt(spec, options);
        const rateLimit = readRateLimitHeaders(response.headers, config.now());
        limiter.observe(rateLimit);
        if (response.ok) return { status: response.status, data: response._data as T, rateLimit };
        // x-ratelimit-reset rides on every answer; only a 429 means "wait for it". Other statuses may say Retry-After.
        serverWaitMs =
          response.status === 429
            ? rateLimitWait(response.headers, config.now())
            : parseRetryAfter(response.headers.get('retry-after'), config.now());
        error = errorFromResponse({ status: response.status, body: response._data, retryAfterMs: serverWaitMs, host });
      } catch (cause) {
        if (!(cause instanceof KustomerError)) throw cause;
        error = cause;
      } finally {
        release();
      }

      if (error.kind === 'unauthorized' && error.reason !== 'wrong_region' && !refreshed && config.onUnauthorized) {
        refreshed = true;
        if (await config.onUnauthorized()) continue;
        throw error;
      }

      const rateLimited = error.kind === 'rate_limited';
      const transient = error.kind === 'server' || error.kind === 'network' || error.kind === 'timeout';
      if (!rateLimited && !(transient && repeatable)) throw error;

      let delayMs = serverWaitMs ?? backoffDelay(retries, config.random);
      if (rateLimited && delayMs < MIN_RATE_LIMIT_WAIT_MS) delayMs = backoffDelay(retries, config.random);
      if (rateLimited) limiter.pause(config.now() + delayMs);
      if (retries >= config.maxRetries || waited + delayMs > config.maxTotalWaitMs) {
        throw rateLimited ? withRetryAfter(error, delayMs) : error;
      }
      retries += 1;
      waited += delayMs;
      config.onRetry?.({ attempt: retries, delayMs, error: rateLimited ? withRetryAfter(error, delayMs) : error });
      try {
        await config.sleep(delayMs, options.signal);
      } catch (cause) {
        throw aborted(cause);
      }
    }
  };
}

function withRetryAfter(error: KustomerError, retryAfterMs: number): KustomerError {
  if (error.retryAfterMs === retryAfterMs) return error;
  return new KustomerError({
    ...error,
    message: error.message,
    issues: error.issues,
    retryAfterMs,
    cause: error.cause,
  });
}
