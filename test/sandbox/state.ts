import { apiKeyTokens, type TokenInfo } from './auth';
import { type ConformanceLog, createConformanceLog } from './conformance';
import type { OrgIdentity } from './orgs';
import { createRandom, type Random } from './random';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import type { Route } from './router';
import { emptyStore, seedStore } from './seed';
import { seedSecondaryOrg } from './seed-secondary';
import type { AuditLogEvent, SandboxStore } from './types';

export interface SandboxFaults {
  latencyMs: number;
  errorRate: number;
  dropRate: number;
  force429: number;
  down: boolean;
}

export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  installed?: boolean;
}

/** An app definition registered on the apps platform (test/sandbox/routes/apps.ts). */
export interface RegisteredApp {
  app: string;
  version: string;
  title: string;
  visibility: 'private' | 'public';
  redirectUris: string[];
  /** The same for every version of one app. */
  clientId: string;
  /** Installed in the sandbox's org (one version of an app at a time). */
  installed: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  /** 0 when the socket was destroyed without an answer. */
  status: number;
  at: number;
}

export interface ResolvedOptions {
  /** Which organisation this state is: its ids, keys, pod (DEFAULT_ORG unless a multi-org sandbox says). */
  org: OrgIdentity;
  seed: number;
  rateLimitPerMinute: number;
  searchRateLimitPerMinute: number;
  createLimitPerCustomerPerMinute: number;
  accessTokenTtlSeconds: number;
  faults: SandboxFaults;
  oauthClients: OAuthClient[];
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userId: string;
  scope: string;
  expiresAt: number;
  used: boolean;
  /** The access token issued for it, revoked if the code is replayed. */
  issuedAccessToken: string | null;
}

export interface OAuthState {
  codes: Map<string, AuthorizationCode>;
  /** refresh token → the client and user it was issued to, and the access token it pairs with. */
  refreshTokens: Map<string, { clientId: string; userId: string; accessToken: string }>;
}

export interface SandboxState {
  options: ResolvedOptions;
  store: SandboxStore;
  /** Ids and values of new records: the same seed and the same requests give the same ids. */
  random: Random;
  /** Decides which requests errorRate/dropRate hit. */
  faultRandom: Random;
  tokens: Map<string, TokenInfo>;
  limiter: RateLimiter;
  searchLimiter: RateLimiter;
  /** Creates of conversations, messages and notes per customer (API.md: 120 per minute). */
  customerCreateLimiters: Map<string, RateLimiter>;
  faults: SandboxFaults;
  requests: RecordedRequest[];
  oauth: OAuthState;
  /** Registered app versions by `<app>-<version>`; reset() clears them. */
  apps: Map<string, RegisteredApp>;
  routes: Route[];
  /** Spec checks of every /v1 request and answer since start (not cleared by reset()). */
  conformance: ConformanceLog;
}

export const NO_FAULTS: SandboxFaults = { latencyMs: 0, errorRate: 0, dropRate: 0, force429: 0, down: false };

export function createState(options: ResolvedOptions, routes: Route[]): SandboxState {
  const state: SandboxState = {
    options,
    store: emptyStore(),
    random: createRandom(options.seed),
    faultRandom: createRandom(options.seed ^ 0x5eed),
    tokens: new Map(),
    limiter: createRateLimiter(options.rateLimitPerMinute),
    searchLimiter: createRateLimiter(options.searchRateLimitPerMinute),
    customerCreateLimiters: new Map(),
    faults: { ...options.faults },
    requests: [],
    oauth: { codes: new Map(), refreshTokens: new Map() },
    apps: new Map(),
    routes,
    conformance: createConformanceLog(),
  };
  resetState(state);
  return state;
}

/** Seeding takes tens of milliseconds; tests reset often, so each seed's result is kept and cloned. */
const seeded = new Map<string, { store: SandboxStore; random: Random }>();

function seededCopy(seed: number, org: OrgIdentity): { store: SandboxStore; random: Random } {
  const key = org.profile === 'primary' ? `${seed}` : `${seed}:${org.idPrefix}`;
  let original = seeded.get(key);
  if (!original) {
    const store = emptyStore();
    const random = createRandom(seed);
    seedStore(store, random);
    if (org.profile === 'secondary') seedSecondaryOrg(store, org);
    original = { store, random };
    seeded.set(key, original);
  }
  return { store: structuredClone(original.store), random: original.random.clone() };
}

/**
 * Reseeds the data, drops recorded requests, OAuth grants, registered apps and rate-limit windows, restores the
 * start-up faults.
 */
export function resetState(state: SandboxState): void {
  const fresh = seededCopy(state.options.seed, state.options.org);
  state.random = fresh.random;
  // Keep the same object so that references handed out (sandbox.store) stay valid.
  Object.assign(state.store, fresh.store);
  state.faultRandom = createRandom(state.options.seed ^ 0x5eed);
  state.tokens = apiKeyTokens(Date.now(), state.options.org);
  state.limiter.clear();
  state.searchLimiter.clear();
  state.customerCreateLimiters.clear();
  state.faults = { ...state.options.faults };
  state.requests.length = 0;
  state.oauth.codes.clear();
  state.oauth.refreshTokens.clear();
  state.apps.clear();
}

/** A new Kustomer-like id. */
export function newId(state: SandboxState, now: number): string {
  return state.random.objectId(now);
}

/** Appends an audit-log event for a write. */
export function audit(
  state: SandboxState,
  event: Omit<AuditLogEvent, 'id' | 'eventName' | 'createdAt'> & { at: number },
): void {
  const { at, ...rest } = event;
  state.store.auditLogs.push({
    id: newId(state, at),
    eventName: `kustomer.${rest.objectType}.${rest.eventVerb}`,
    ...rest,
    createdAt: new Date(at).toISOString(),
  });
}

/** before/after pairs for the attributes an update changed. */
export function diff(before: object, after: object): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  for (const key of Object.keys(is)) {
    if (key === 'updatedAt' || key === 'modifiedBy') continue;
    if (JSON.stringify(was[key]) !== JSON.stringify(is[key]))
      changes[key] = { before: was[key] ?? null, after: is[key] };
  }
  return changes;
}
