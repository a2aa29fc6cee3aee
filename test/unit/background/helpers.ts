import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type ConnectionDeps, createConnectionService } from '../../../lib/background/connection';
import { notConnected } from '../../../lib/background/connections';
import { createCredentialStore } from '../../../lib/background/connections-credentials';
import { createOrgLookupFactory } from '../../../lib/background/connections-lookup';
import { createOrgRegistry } from '../../../lib/background/connections-registry';
import { browserKeyValueStorage, createConnectionsStore } from '../../../lib/background/connections-store';
import type { ConnectionId } from '../../../lib/background/connections-types';
import type { IdentityApi, Platform } from '../../../lib/background/platform';
import { DEFAULT_SETTINGS } from '../../../lib/background/storage-items';
import { createKustomerClient } from '../../../lib/kustomer/client';
import { type Sandbox, startSandbox } from '../../sandbox';

/**
 * One sandbox for the test file, started before its tests and closed after them; before each test the
 * fake browser and the sandbox's data start afresh. The sandbox exists only once `beforeAll` has run, so
 * this returns a stand-in that forwards to it, and tests keep writing `sandbox.url`.
 */
export function sandboxForFile(): Sandbox {
  let started: Sandbox | undefined;
  beforeAll(async () => {
    started = await startSandbox();
  });
  afterAll(() => started?.close());
  beforeEach(() => {
    fakeBrowser.reset();
    started?.reset();
  });
  return new Proxy({} as Sandbox, {
    get: (_standIn, key) => {
      if (!started) throw new Error('The sandbox starts in beforeAll: use it inside tests and hooks');
      return Reflect.get(started, key);
    },
  });
}

/** A stand-in for `scripting` (registered content scripts and executeScript) that does nothing. */
export function idleScripting() {
  return {
    getRegisteredContentScripts: vi.fn().mockResolvedValue([]),
    registerContentScripts: vi.fn(),
    updateContentScripts: vi.fn(),
    unregisterContentScripts: vi.fn(),
    executeScript: vi.fn(),
  };
}

/** The redirect URI the sandbox's default OAuth client knows (the test build's pinned id). */
export const REDIRECT_URI = 'https://jndjnofdpedebllphnccggnmpbpmmije.chromiumapp.org/';

/**
 * A stand-in for `identity.launchWebAuthFlow` that plays the agent: it opens the sandbox's consent
 * page, clicks Allow (or Deny), and returns the URL the sandbox redirects to.
 */
export function consentingIdentity(
  sandbox: Sandbox,
  options: { decision?: 'allow' | 'deny'; tamper?: (redirect: URL) => void } = {},
): IdentityApi & { launchWebAuthFlow: ReturnType<typeof vi.fn> } {
  return {
    getRedirectURL: () => REDIRECT_URI,
    launchWebAuthFlow: vi.fn(async ({ url }: { url: string }) => {
      const authorize = new URL(url);
      const consent = await fetch(authorize);
      if (!consent.ok) throw new Error(`consent page answered ${consent.status}`);
      const form = new URLSearchParams(authorize.searchParams);
      form.set('decision', options.decision ?? 'allow');
      const answer = await fetch(new URL('/oauth/authorize', sandbox.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        redirect: 'manual',
      });
      const location = new URL(answer.headers.get('location') ?? '');
      options.tamper?.(location);
      return location.toString();
    }),
  };
}

/** A fake `alarms` that records what was scheduled. */
export function fakeAlarms() {
  const scheduled = new Map<string, number>();
  return {
    scheduled,
    create: vi.fn((name: string, info: { when: number }) => {
      scheduled.set(name, info.when);
    }),
    clear: vi.fn(async (name: string) => {
      scheduled.delete(name);
      return true;
    }),
  };
}

/**
 * The connection service over the real Kustomer client and the sandbox (no retries: tests stay fast), with the
 * registry that builds each connection's client as the worker does (services.ts). `single` is the first
 * connection as a test of one connection sees it: its client, status and stored credential.
 */
export function sandboxConnection(sandbox: Sandbox, overrides: Partial<ConnectionDeps> = {}) {
  const alarms = fakeAlarms();
  const onChange = vi.fn();
  const storage = browserKeyValueStorage();
  const credentials = createCredentialStore(storage, null);
  const createClient: ConnectionDeps['createClient'] =
    overrides.createClient ??
    ((baseUrl, auth) => createKustomerClient({ baseUrl, ...auth, maxRetries: 0, timeoutMs: 3_000 }));
  const service = createConnectionService({
    flavour: 'test',
    createClient,
    identity: consentingIdentity(sandbox),
    fetch: (input, init) => fetch(input, init),
    alarms,
    now: Date.now,
    randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
    store: createConnectionsStore(storage),
    credentials,
    storage,
    onChange,
    ...overrides,
  });
  const registry = createOrgRegistry({
    store: { read: service.state },
    credentials: { get: service.credentialsOf },
    createPort: createClient,
    createLookup: createOrgLookupFactory({ settings: async () => DEFAULT_SETTINGS, now: Date.now }),
    onUnauthorized: service.onUnauthorized,
  });
  service.onForget(registry.forget);
  let last: ConnectionId | undefined;
  const id = async (): Promise<ConnectionId> => {
    last = (await service.state()).connections[0]?.id ?? last;
    if (!last) throw notConnected('org-none');
    return last;
  };
  const single = {
    id,
    client: async () => (await registry.runtime(await id())).port,
    appUrl: async () => {
      const { connection } = await registry.runtime(await id());
      return connection.appUrl ?? connection.baseUrl;
    },
    status: async () => (await service.list())[0] ?? { state: 'disconnected' as const },
    credentials: async () => (last || (await service.state()).connections[0] ? credentials.get(await id()) : null),
    getToken: async () => {
      const saved = await service.credentialsOf(await id());
      if (!saved) throw notConnected(await id());
      return saved.method === 'apiKey' ? saved.apiKey : saved.accessToken;
    },
  };
  return { service, alarms, onChange, registry, credentials, storage, single };
}

/** Every browser API the background's services use, faked around the sandbox: the platform of a panel test. */
export function sandboxPlatform(sandbox: Sandbox, overrides: Partial<Platform> = {}): Platform {
  return {
    flavour: 'test',
    alarms: fakeAlarms(),
    identity: consentingIdentity(sandbox),
    badge: { setBadgeText: vi.fn() },
    siteApis: {
      scripting: idleScripting(),
      permissions: { contains: vi.fn().mockResolvedValue(true), remove: vi.fn() },
      tabs: { query: vi.fn().mockResolvedValue([]), get: vi.fn() },
    },
    fetch: (input, init) => fetch(input, init),
    pushToPages: async () => undefined,
    pushToTab: vi.fn(),
    openPanel: vi.fn(),
    ...overrides,
  };
}
