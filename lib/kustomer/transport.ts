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
  /** Content-Type of a body (default `application/json`; JSON Patch is `application/json-patch+json`). */
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
  /** A lookup a web page caused: the limiter serves the agent's calls first (`RateLimiter.acquire`). */
  page?: boolean;
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

function urlWithQuery(url: string, query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const search = params.toString();
  if (search === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${search}`;
}

const JSON_TYPE = /^application\/(?:[\w!#$%&*.^`~-]*\+)?json\s*(?:;|$)/i;

/** Kustomer answers JSON; a body of another type (an HTML error page) is kept as text for the error. */
function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  if (contentType && !JSON_TYPE.test(contentType)) return text;
  return JSON.parse(text);
}

/** One attempt's answer: status, headers and the parsed body, all read before the deadline. */
interface RawResponse {
  ok: boolean;
  status: number;
  headers: Headers;
  data: unknown;
}

/** The HTTP layer: token, limiter, deadline, error normalisation and the retry policy, on plain `fetch`. */
export function createTransport(config: TransportConfig): Transport {
  const fetch = config.fetch ?? ((...args: Parameters<typeof globalThis.fetch>) => globalThis.fetch(...args));
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

  /**
   * One HTTP exchange under one deadline that covers the headers and the whole body: a server that
   * trickles its answer fails at the deadline like one that never answers. `headersArrived` tells the
   * caller which of the two it was (a trickling answer is not worth repeating).
   */
  async function attempt(spec: RequestSpec, options: CallOptions, progress: { headersArrived: boolean }) {
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
      if (spec.body !== undefined) headers['content-type'] = spec.contentType ?? 'application/json';
      const url = spec.path.startsWith('http') ? spec.path : `${config.baseUrl}${spec.path}`;
      const response = await fetch(urlWithQuery(url, spec.query), {
        method: spec.method,
        headers,
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        signal: controller.signal,
        // Never follow a redirect: the next hop would get the request (and, on older Chrome, the token).
        // 'manual' rather than 'error' so the answer can name the cause instead of a bare network failure.
        redirect: 'manual',
        credentials: 'omit',
      });
      progress.headersArrived = true;
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        controller.abort();
        throw new KustomerError({
          kind: 'network',
          reason: 'redirected',
          message: 'Kustomer answered with a redirect, which is never followed',
          ...(response.status ? { status: response.status } : {}),
          host,
        });
      }
      const text = await response.text();
      let data: unknown;
      try {
        data = parseBody(text, response.headers.get('content-type'));
      } catch (cause) {
        if (response.ok) throw cause;
        data = text;
      }
      return { ok: response.ok, status: response.status, headers: response.headers, data } satisfies RawResponse;
    } catch (thrown) {
      if (thrown instanceof KustomerError) throw thrown;
      const cause = thrown;
      if (caller?.aborted) throw aborted(cause);
      if (timedOut) {
        throw new KustomerError({
          kind: 'timeout',
          message: progress.headersArrived
            ? `The answer did not arrive in full within ${timeoutMs} ms`
            : `No answer within ${timeoutMs} ms`,
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
        release = await limiter.acquire(options.signal, options.page);
      } catch (cause) {
        throw aborted(cause);
      }
      let error: KustomerError;
      let serverWaitMs: number | undefined;
      const progress = { headersArrived: false };
      try {
        const response = await attempt(spec, options, progress);
        const rateLimit = readRateLimitHeaders(response.headers, config.now());
        limiter.observe(rateLimit);
        if (response.ok) return { status: response.status, data: response.data as T, rateLimit };
        // x-ratelimit-reset rides on every answer; only a 429 means "wait for it". Other statuses may say Retry-After.
        serverWaitMs =
          response.status === 429
            ? rateLimitWait(response.headers, config.now())
            : parseRetryAfter(response.headers.get('retry-after'), config.now());
        error = errorFromResponse({ status: response.status, body: response.data, retryAfterMs: serverWaitMs, host });
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
      // A redirect is an answer, not a failure to reach Kustomer; a trickling answer already used its deadline.
      const trickled = error.kind === 'timeout' && progress.headersArrived;
      const transient =
        error.kind === 'server' ||
        (error.kind === 'network' && error.reason !== 'redirected') ||
        error.kind === 'timeout';
      if (trickled) throw error;
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
