import { normaliseBaseUrl } from './base-url';
import { KustomerError } from './errors';
import { abortableSleep, createRateLimiter, type RateLimiter, type Sleep } from './limiter';
import type { HttpMethod } from './retry-policy';
import { type CallOptions, createTransport, type QueryValue, type RetryEvent, type Transport } from './transport';
import type { ListResponse, PageParams, SingleResponse } from './types';

export interface KustomerClientOptions {
  /** API origin, e.g. from {@link kustomerBaseUrl}; validated and normalised. */
  baseUrl: string;
  /** Current bearer token (API key or OAuth access token); called before every attempt. */
  getToken: () => Promise<string>;
  /** Called once on a 401; resolve true after refreshing the token to have the request retried once. */
  onUnauthorized?: () => Promise<boolean>;
  /** Per attempt, default 15 000. */
  timeoutMs?: number;
  /** Retries after 429 / transient failures, default 3. */
  maxRetries?: number;
  /** Cap on the total time spent waiting to retry one call, default 60 000. */
  maxTotalWaitMs?: number;
  /** Shared limiter for the organisation's budget (create one per org and pass it to every client). */
  limiter?: RateLimiter;
  /** Limiter for customer searches (their own, lower budget). */
  searchLimiter?: RateLimiter;
  /** Told before each automatic retry (e.g. to show "retrying in 12 s"). */
  onRetry?: (event: RetryEvent) => void;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export type ListParams = PageParams & Record<string, QueryValue>;

/** How one call is made (signal, retries, timeout) and the query string it carries, if any. */
export interface RequestOptions extends CallOptions {
  query?: Record<string, QueryValue>;
}

/**
 * What every action needs: the normalised base URL, the limiter and the HTTP verbs over the transport.
 * Actions are plain functions of a core (lib/kustomer/actions), so a bundle holds only the ones it calls.
 */
export interface KustomerCore {
  baseUrl: string;
  limiter: RateLimiter;
  transport: Transport;
  // Every verb takes what it sends, then one options object (which holds the query string).
  /** The whole answer. */
  call<T>(method: HttpMethod, path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  /** The `data` of a single-resource answer. */
  one<R>(method: HttpMethod, path: string, body?: unknown, opts?: RequestOptions): Promise<R>;
  /** A page of a list; `params` is its query string. */
  list<R>(path: string, params: object | undefined, opts?: CallOptions): Promise<ListResponse<R>>;
  remove(path: string, opts?: RequestOptions): Promise<void>;
}

// Kustomer documents a customer-search budget of about 100 per minute for machine users (API.md, Rate limits).
const SEARCH_LIMIT_PER_MINUTE = 100;

/** Creates the transport, limiters and verbs every Kustomer action runs on. */
export function createKustomerCore(options: KustomerClientOptions): KustomerCore {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const limiter = options.limiter ?? createRateLimiter({ now, sleep });
  const searchLimiter =
    options.searchLimiter ?? createRateLimiter({ now, sleep, initialLimit: SEARCH_LIMIT_PER_MINUTE, maxConcurrent: 2 });
  const transport = createTransport({
    baseUrl,
    getToken: options.getToken,
    onUnauthorized: options.onUnauthorized,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxRetries: options.maxRetries ?? 3,
    maxTotalWaitMs: options.maxTotalWaitMs ?? 60_000,
    fetch: options.fetch,
    now,
    sleep,
    random: options.random ?? Math.random,
    limiters: { default: limiter, search: searchLimiter },
    onRetry: options.onRetry,
    isOffline: () => typeof navigator !== 'undefined' && navigator.onLine === false,
  });

  const call: KustomerCore['call'] = async (method, path, body, opts) => {
    const { query, ...callOptions } = opts ?? {};
    return (await transport({ method, path, body, query }, callOptions)).data as never;
  };
  return {
    baseUrl,
    limiter,
    transport,
    call,
    one: async <R>(method: HttpMethod, path: string, body?: unknown, opts?: RequestOptions) =>
      (await call<SingleResponse<R>>(method, path, body, opts)).data,
    list: async (path, params, opts) =>
      call('GET', path, undefined, { ...opts, query: params as Record<string, QueryValue> | undefined }),
    remove: async (path, opts) => {
      await call<unknown>('DELETE', path, undefined, opts);
    },
  };
}

/** Encodes one path segment; an empty id would silently turn a "get one" into a "list all". */
export function seg(value: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new KustomerError({ kind: 'validation', message: 'An id is required', detail: 'An id is required' });
  }
  return encodeURIComponent(value);
}

/** Several ids in one path segment, comma-separated. */
export function idList(ids: readonly string[]): string {
  if (ids.length === 0) {
    throw new KustomerError({
      kind: 'validation',
      message: 'At least one id is required',
      detail: 'At least one id is required',
    });
  }
  return ids.map(seg).join(',');
}

/** An action with its core applied: what a client exposes as a method. */
export type BoundActions<M> = {
  [K in keyof M]: M[K] extends (core: KustomerCore, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/** Applies a core to a set of actions (lib/kustomer/actions), keeping their names. */
export function bindActions<M extends Record<string, (core: KustomerCore, ...args: never[]) => unknown>>(
  core: KustomerCore,
  actions: M,
): BoundActions<M> {
  const bound: Record<string, unknown> = {};
  for (const [name, action] of Object.entries(actions)) {
    bound[name] = (...args: never[]) => action(core, ...args);
  }
  return bound as BoundActions<M>;
}
