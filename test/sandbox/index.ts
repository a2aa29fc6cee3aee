import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSpec } from '../spec/spec';
import { checkFaults, expireOAuthTokens, handleAdmin } from './admin';
import { type ConformanceReport, conformanceReport } from './conformance';
import { DEFAULT_OAUTH_CLIENT, SANDBOX_KEYS } from './fixtures';
import { handleOAuth } from './oauth';
import { ROUTES } from './routes';
import { CORS_HEADERS, handleApi, type IncomingRequest, readRawBody, sendJson, sleep } from './server';
import {
  createState,
  NO_FAULTS,
  type OAuthClient,
  type RecordedRequest,
  resetState,
  type SandboxFaults,
  type SandboxState,
} from './state';
import type { SandboxStore } from './types';

export type { ConformanceReport, OffSpecEntry } from './conformance';
export type { RecordedRequest, SandboxFaults } from './state';
export type * from './types';

export interface SandboxOptions {
  /** 0 (default) = a free port; always binds 127.0.0.1. */
  port?: number;
  /** Deterministic data (default 42). */
  seed?: number;
  /** Per-org window of 60 s, shared by all tokens (default 1000). */
  rateLimitPerMinute?: number;
  /** Lower limit for POST /v1/customers/search (default 100). */
  searchRateLimitPerMinute?: number;
  /** Creates of conversations, messages and notes per customer per minute (default 120, as documented). */
  createLimitPerCustomerPerMinute?: number;
  /** OAuth access tokens (default 86400). */
  accessTokenTtlSeconds?: number;
  faults?: Partial<SandboxFaults>;
  /** Default: the test build of the extension, see DEFAULT_OAUTH_CLIENT in fixtures.ts. */
  oauthClients?: OAuthClient[];
}

export interface Sandbox {
  /** 'http://127.0.0.1:<port>' */
  url: string;
  /** A valid key with every role (= keys.full). */
  apiKey: string;
  keys: {
    full: string;
    readOnly: string;
    expired: string;
    otherPod: string;
    noNotes: string;
    legacy: string;
    appsAdmin: string;
  };
  /** The live in-memory data (see types.ts); reset() refills it in place. */
  store: SandboxStore;
  /** Every /v1 and /oauth request received, oldest first (admin requests are not recorded). */
  requests: RecordedRequest[];
  setFaults(faults: Partial<SandboxFaults>): void;
  /** Expires every OAuth access token now. */
  expireAccessTokens(): void;
  /** Reseeds data, clears requests, faults, OAuth grants and rate-limit windows. */
  reset(): void;
  /**
   * What the spec checks (test/spec) found in every /v1 request and answer since the sandbox started
   * (reset() does not clear it): operations covered, requests and answers checked, off-spec ones.
   */
  conformance(): ConformanceReport;
  close(): Promise<void>;
}

function headerRecord(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function recordedBody(contentType: string | undefined, raw: string): unknown {
  if (raw.length === 0) return null;
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

async function dispatch(state: SandboxState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = (request.method ?? 'GET').toUpperCase();
  if (method === 'OPTIONS') {
    // The extension's background does not need CORS (host permission), but preflights are answered permissively.
    response.writeHead(204, CORS_HEADERS);
    response.end();
    return;
  }
  const headers = headerRecord(request);
  const record: RecordedRequest = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: null,
    status: 0,
    at: Date.now(),
  };
  const isAdmin = url.pathname.startsWith('/__sandbox/');
  // Recorded on arrival, before the body is read, so a request the client aborts early still shows up.
  if (!isAdmin) state.requests.push(record);
  let rawBody: string;
  try {
    rawBody = await readRawBody(request);
  } catch {
    record.status = 413;
    return sendJson(response, 413, { errors: [{ code: 'payload_too_large', message: 'Body over 1 MB', meta: {} }] });
  }
  record.body = recordedBody(headers['content-type'], rawBody);
  const incoming: IncomingRequest = { method, path: url.pathname, query: url.searchParams, headers, rawBody, record };
  if (isAdmin) return handleAdmin(state, incoming, response);
  if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) return handleApi(state, incoming, response);
  if (url.pathname.startsWith('/oauth/')) {
    if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
    return handleOAuth(state, incoming, response);
  }
  record.status = 404;
  sendJson(response, 404, { errors: [{ code: 'not_found', message: `Nothing at ${url.pathname}`, meta: {} }] });
}

/** Starts a Kustomer-compatible server on 127.0.0.1 with seeded data. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  loadSpec();
  const state = createState(
    {
      seed: options.seed ?? 42,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
      searchRateLimitPerMinute: options.searchRateLimitPerMinute ?? 100,
      createLimitPerCustomerPerMinute: options.createLimitPerCustomerPerMinute ?? 120,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 86_400,
      faults: { ...NO_FAULTS, ...checkFaults(options.faults ?? {}) },
      oauthClients: options.oauthClients ?? [
        { ...DEFAULT_OAUTH_CLIENT, redirectUris: [...DEFAULT_OAUTH_CLIENT.redirectUris] },
      ],
    },
    ROUTES,
  );
  const server = createServer((request, response) => {
    dispatch(state, request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, { errors: [{ code: 'internal_error', message: String(error), meta: {} }] });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: SANDBOX_KEYS.full,
    keys: { ...SANDBOX_KEYS },
    store: state.store,
    requests: state.requests,
    setFaults: (faults) => Object.assign(state.faults, checkFaults(faults)),
    expireAccessTokens: () => {
      expireOAuthTokens(state);
    },
    reset: () => resetState(state),
    conformance: () => conformanceReport(state.conformance),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
