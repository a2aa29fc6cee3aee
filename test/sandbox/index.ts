import { loadSpec } from '../spec/spec';
import { checkFaults, expireOAuthTokens } from './admin';
import { type ConformanceReport, conformanceReport } from './conformance';
import { DEFAULT_OAUTH_CLIENT, type SandboxKeys } from './fixtures';
import { DEFAULT_ORG, type OrgIdentity } from './orgs';
import { ROUTES } from './routes';
import { dispatch, type Listener, listen } from './serve';
import {
  createState,
  NO_FAULTS,
  type OAuthClient,
  type RecordedRequest,
  type ResolvedOptions,
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
  keys: SandboxKeys;
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

/** The options of one organisation with every default filled in. */
export function resolveOptions(options: SandboxOptions, org: OrgIdentity = DEFAULT_ORG): ResolvedOptions {
  return {
    org,
    seed: options.seed ?? 42,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
    searchRateLimitPerMinute: options.searchRateLimitPerMinute ?? 100,
    createLimitPerCustomerPerMinute: options.createLimitPerCustomerPerMinute ?? 120,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 86_400,
    faults: { ...NO_FAULTS, ...checkFaults(options.faults ?? {}) },
    oauthClients: options.oauthClients ?? [
      { ...DEFAULT_OAUTH_CLIENT, redirectUris: [...DEFAULT_OAUTH_CLIENT.redirectUris] },
    ],
  };
}

/** The test-facing handle on one organisation's state, served at `url`. */
export function sandboxHandle(state: SandboxState, listener: Listener): Sandbox {
  const keys = state.options.org.keys;
  return {
    url: listener.url,
    apiKey: keys.full,
    keys: { ...keys },
    store: state.store,
    requests: state.requests,
    setFaults: (faults) => Object.assign(state.faults, checkFaults(faults)),
    expireAccessTokens: () => {
      expireOAuthTokens(state);
    },
    reset: () => resetState(state),
    conformance: () => conformanceReport(state.conformance),
    close: listener.close,
  };
}

/** Starts a Kustomer-compatible server on 127.0.0.1 with seeded data. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  loadSpec();
  const state = createState(resolveOptions(options), ROUTES);
  return sandboxHandle(state, await listen((request, response) => dispatch(state, request, response), options.port));
}
