import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addConnection, removeConnection } from '../../../lib/background/connections';
import { createCredentialStore } from '../../../lib/background/connections-credentials';
import { lookupEmailEverywhere } from '../../../lib/background/connections-fan-out';
import { createOrgLookupFactory } from '../../../lib/background/connections-lookup';
import { createOrgRegistry } from '../../../lib/background/connections-registry';
import { browserKeyValueStorage, createConnectionsStore } from '../../../lib/background/connections-store';
import type { ConnectionDetails, ConnectionId } from '../../../lib/background/connections-types';
import { createKustomerPort } from '../../../lib/background/kustomer-port';
import { DEFAULT_SETTINGS } from '../../../lib/background/storage-items';

/**
 * Three organisations, two of them behind the same region host (so the API origin alone cannot tell them apart),
 * each with its own key. A fake Kustomer answers every lookup with a customer named after the token it received,
 * in a shuffled order, so that answers of one organisation arrive between requests of another.
 */
const REGION = 'https://api.kustomerapp.com';
const ORGS: { id: ConnectionId; details: ConnectionDetails; token: string }[] = [
  {
    id: 'org-acme',
    token: 'token-acme',
    details: { method: 'apiKey', target: { kind: 'region', region: 'us' }, baseUrl: REGION, orgId: 'acme' },
  },
  {
    id: 'org-bright',
    token: 'token-bright',
    details: { method: 'apiKey', target: { kind: 'region', region: 'us' }, baseUrl: REGION, orgId: 'bright' },
  },
  {
    id: 'org-nord',
    token: 'token-nord',
    details: {
      method: 'apiKey',
      target: { kind: 'org', org: 'nord' },
      baseUrl: 'https://nord.api.kustomerapp.com',
      orgId: 'nord',
    },
  },
];

interface Seen {
  url: string;
  token: string;
}

/** A Kustomer stand-in: answers after a pseudo-random delay; the customer's name is the token it was asked with. */
function fakeKustomer() {
  const seen: Seen[] = [];
  let seed = 7;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    const token = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
    seen.push({ url, token });
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    await new Promise((resolve) => setTimeout(resolve, seed % 7));
    const email = decodeURIComponent(url.split('email=')[1] ?? '');
    if (email.startsWith('nobody')) return new Response(JSON.stringify({ errors: [] }), { status: 404 });
    const customer = {
      type: 'customer',
      id: `${token}-${email}`,
      attributes: { name: `customer of ${token}`, emails: [{ email }], createdAt: '', updatedAt: '' },
      relationships: {},
    };
    return new Response(JSON.stringify({ data: customer }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

const storage = () => browserKeyValueStorage();

async function connectAll(): Promise<void> {
  const credentials = createCredentialStore(storage(), null);
  const store = createConnectionsStore(storage());
  for (const org of ORGS) {
    await credentials.set(org.id, { method: 'apiKey', apiKey: org.token });
    await store.change((state) => ({
      state: addConnection(state, org.details, { id: org.id, now: 1 }).state,
      result: 0,
    }));
  }
}

/** What a worker builds at start: every piece from storage, nothing from a previous worker's memory. */
function startWorker(kustomer: ReturnType<typeof fakeKustomer>) {
  return createOrgRegistry({
    store: createConnectionsStore(storage()),
    credentials: createCredentialStore(storage(), null),
    createPort: (baseUrl, auth) => createKustomerPort({ baseUrl, ...auth, fetch: kustomer.fetch, maxRetries: 0 }),
    createLookup: createOrgLookupFactory({ settings: async () => DEFAULT_SETTINGS, now: () => 1_000 }),
  });
}

const tokenOf = (id: ConnectionId) => ORGS.find((org) => org.id === id)?.token;
const emails = Array.from({ length: 30 }, (_, index) => `person${index}@example.com`);

/** Every answer came with its own organisation's token, and every request carried a token of a connected org. */
function expectIsolated(
  answers: Awaited<ReturnType<typeof lookupEmailEverywhere>>[],
  seen: Seen[],
  connected: ConnectionId[],
) {
  for (const answer of answers) {
    expect(answer.answers.map((one) => one.connectionId)).toEqual(connected);
    for (const one of answer.answers) {
      expect(one.status).toBe('known');
      if (one.status === 'known') expect(one.card.customer.name).toBe(`customer of ${tokenOf(one.connectionId)}`);
    }
  }
  const allowed = new Set(connected.map(tokenOf));
  expect(seen.filter((request) => !allowed.has(request.token))).toEqual([]);
  for (const request of seen.filter((request) => request.url.startsWith('https://nord.'))) {
    expect(request.token).toBe('token-nord');
  }
}

beforeEach(() => fakeBrowser.reset());

describe('isolation between connected organisations', () => {
  it('sends no request of one organisation with another one’s token, under concurrency', async () => {
    await connectAll();
    const kustomer = fakeKustomer();
    const registry = startWorker(kustomer);
    const orgs = await registry.all();
    const answers = await Promise.all(emails.map((email) => lookupEmailEverywhere(orgs, email)));
    expect(kustomer.seen).toHaveLength(emails.length * ORGS.length);
    expectIsolated(answers, kustomer.seen, ['org-acme', 'org-bright', 'org-nord']);
    const perToken = ORGS.map((org) => kustomer.seen.filter((request) => request.token === org.token).length);
    expect(perToken).toEqual([30, 30, 30]);
  });

  it('keeps each organisation’s cache apart, also after the worker is restarted', async () => {
    await connectAll();
    const first = fakeKustomer();
    const before = await startWorker(first).all();
    await Promise.all(emails.slice(0, 10).map((email) => lookupEmailEverywhere(before, email)));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the cache's session writes settle
    // A new worker: new registry, clients and caches, built from storage alone.
    const second = fakeKustomer();
    const after = await startWorker(second).all();
    const cached = await Promise.all(emails.slice(0, 10).map((email) => lookupEmailEverywhere(after, email)));
    expect(second.seen).toEqual([]);
    expectIsolated(cached, [], ['org-acme', 'org-bright', 'org-nord']);
    const fresh = await Promise.all(emails.slice(10).map((email) => lookupEmailEverywhere(after, email)));
    expectIsolated(fresh, second.seen, ['org-acme', 'org-bright', 'org-nord']);
  });

  it('stops using an organisation the moment it is signed out, and the others go on', async () => {
    await connectAll();
    const kustomer = fakeKustomer();
    const registry = startWorker(kustomer);
    const orgs = await registry.all();
    const running = emails.slice(0, 10).map((email) => lookupEmailEverywhere(orgs, email));
    // Sign out of bright while its lookups are on their way: its secret and data go, the list forgets it.
    const store = createConnectionsStore(storage());
    const keys = await store.change((state) => {
      const removal = removeConnection(state, 'org-bright');
      return { state: removal.state, result: removal.keys };
    });
    await createCredentialStore(storage(), null).remove('org-bright');
    await store.removeData(keys);
    const sentBefore = kustomer.seen.length;
    await Promise.all(running);
    const later = await Promise.all(emails.slice(10, 20).map((email) => lookupEmailEverywhere(orgs, email)));
    // The old runtimes still in hand refuse before sending (the client reads "no credentials" as unauthorized):
    // bright has no credential any more, and no other one is used instead.
    for (const answer of later) {
      const bright = answer.answers.find((one) => one.connectionId === 'org-bright');
      expect(bright).toMatchObject({ status: 'error', error: { kind: 'unauthorized' } });
      expect(answer.status).toBe('known');
    }
    const afterSignOut = kustomer.seen.slice(sentBefore);
    expect(afterSignOut.filter((request) => request.token === 'token-bright')).toEqual([]);
    const current = await registry.all();
    expect(current.map((org) => org.connection.id)).toEqual(['org-acme', 'org-nord']);
    expectIsolated(
      await Promise.all(emails.slice(20).map((email) => lookupEmailEverywhere(current, email))),
      kustomer.seen.slice(sentBefore),
      ['org-acme', 'org-nord'],
    );
  });

  it('uses a refreshed token of one organisation without touching another', async () => {
    await connectAll();
    const kustomer = fakeKustomer();
    const orgs = await startWorker(kustomer).all();
    await createCredentialStore(storage(), null).set('org-acme', { method: 'apiKey', apiKey: 'token-acme-2' });
    const answer = await lookupEmailEverywhere(orgs, 'someone@example.com');
    const names = answer.answers.map((one) => (one.status === 'known' ? one.card.customer.name : one.status));
    expect(names).toEqual(['customer of token-acme-2', 'customer of token-bright', 'customer of token-nord']);
  });

  it('answers unknown only when every organisation says so', async () => {
    await connectAll();
    const orgs = await startWorker(fakeKustomer()).all();
    const answer = await lookupEmailEverywhere(orgs, 'nobody@unknown.example');
    expect(answer.status).toBe('unknown');
    expect(answer.answers.map((one) => one.status)).toEqual(['unknown', 'unknown', 'unknown']);
  });
});
