import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addConnection } from '../../lib/background/connections';
import { createCredentialStore } from '../../lib/background/connections-credentials';
import {
  lookupEmailEverywhere,
  lookupPageEverywhere,
  lookupPhoneEverywhere,
  type OrgAnswer,
} from '../../lib/background/connections-fan-out';
import { createOrgLookupFactory } from '../../lib/background/connections-lookup';
import { createOrgRegistry, type OrgRuntime } from '../../lib/background/connections-registry';
import { browserKeyValueStorage, createConnectionsStore } from '../../lib/background/connections-store';
import type { ConnectionDetails, ConnectionId } from '../../lib/background/connections-types';
import { createKustomerPort } from '../../lib/background/kustomer-port';
import { DEFAULT_SETTINGS } from '../../lib/background/storage-items';
import { ADA, GRACE, UNKNOWN_EMAIL } from '../sandbox/fixtures';
import { type MultiOrgSandbox, startMultiOrgSandbox } from '../sandbox/multi-org';
import { ADA_ELSEWHERE, HEDY, SECOND_ORG_SLUG } from '../sandbox/orgs';

/**
 * The connections, the fan-out and the real Kustomer client against a sandbox with two organisations: what the
 * background will run once it is wired (docs/multi-org.md).
 */
let multi: MultiOrgSandbox;
beforeAll(async () => {
  multi = await startMultiOrgSandbox();
});
afterAll(() => multi.close());
beforeEach(() => {
  fakeBrowser.reset();
  multi.reset();
});

const primary = () => multi.org('sandbox');
const second = () => multi.org(SECOND_ORG_SLUG);

/** Connects both organisations, through their own hosts or both through the US region host. */
async function connectBoth(how: 'own hosts' | 'region host'): Promise<OrgRuntime[]> {
  const storage = browserKeyValueStorage();
  const store = createConnectionsStore(storage);
  const credentials = createCredentialStore(storage, null);
  const orgs: [ConnectionId, string, string, string][] = [
    ['org-main', primary().url, primary().apiKey, multi.identities[0]?.id ?? ''],
    ['org-brightwave', second().url, second().apiKey, multi.identities[1]?.id ?? ''],
  ];
  for (const [id, url, apiKey, orgId] of orgs) {
    const details: ConnectionDetails =
      how === 'own hosts'
        ? { method: 'apiKey', target: { kind: 'custom', baseUrl: url }, baseUrl: url, orgId }
        : { method: 'apiKey', target: { kind: 'region', region: 'us' }, baseUrl: 'https://api.kustomerapp.com', orgId };
    await credentials.set(id, { method: 'apiKey', apiKey });
    await store.change((state) => ({ state: addConnection(state, details, { id, now: 1 }).state, result: 0 }));
  }
  return createOrgRegistry({
    store,
    credentials,
    createPort: (baseUrl, auth) =>
      createKustomerPort({ baseUrl, ...auth, fetch: multi.fetch, maxRetries: 2, maxTotalWaitMs: 5_000 }),
    createLookup: createOrgLookupFactory({ settings: async () => DEFAULT_SETTINGS, now: Date.now }),
  }).all();
}

const nameIn = (answer: OrgAnswer | undefined) =>
  answer?.status === 'known' ? answer.card.customer.name : answer?.status;

describe.each(['own hosts', 'region host'] as const)('two organisations connected through their %s', (how) => {
  it('shows a customer known in both with each one’s data, and the others where they are known', async () => {
    const orgs = await connectBoth(how);
    const ada = await lookupEmailEverywhere(orgs, ADA.email);
    expect(ada.status).toBe('known');
    expect(ada.answers.map(nameIn)).toEqual([ADA.name, ADA_ELSEWHERE.name]);
    expect((await lookupEmailEverywhere(orgs, GRACE.email)).answers.map(nameIn)).toEqual([GRACE.name, 'unknown']);
    expect((await lookupEmailEverywhere(orgs, HEDY.email)).answers.map(nameIn)).toEqual(['unknown', HEDY.name]);
    expect((await lookupEmailEverywhere(orgs, UNKNOWN_EMAIL)).status).toBe('unknown');
    const phone = await lookupPhoneEverywhere(orgs, ADA_ELSEWHERE.phoneE164);
    expect(phone.answers.map(nameIn)).toEqual(['unknown', ADA_ELSEWHERE.name]);
  });

  it('sends each organisation only its own key', async () => {
    const orgs = await connectBoth(how);
    await Promise.all(
      [ADA.email, GRACE.email, HEDY.email, UNKNOWN_EMAIL].map((email) => lookupEmailEverywhere(orgs, email)),
    );
    for (const org of [primary(), second()]) {
      expect(org.requests.length).toBe(4);
      expect(org.requests.filter((request) => request.headers.authorization !== `Bearer ${org.apiKey}`)).toEqual([]);
    }
    expect(multi.unrouted).toEqual([]);
  });
});

describe('one organisation in trouble', () => {
  it('does not slow the other: its answer arrives while the limited one still waits', async () => {
    const orgs = await connectBoth('own hosts');
    second().setFaults({ force429: 1 }); // Retry-After: 1 s
    const arrived: [string, number][] = [];
    const started = Date.now();
    const answer = await lookupEmailEverywhere(orgs, ADA.email, {
      onAnswer: (one) => arrived.push([one.connectionId, Date.now() - started]),
    });
    expect(answer.answers.map(nameIn)).toEqual([ADA.name, ADA_ELSEWHERE.name]);
    const [first, last] = arrived;
    expect(first?.[0]).toBe('org-main');
    expect(last?.[0]).toBe('org-brightwave');
    // The limited one waited out Retry-After (1 s); the other did not wait for it.
    expect(last?.[1]).toBeGreaterThanOrEqual(900);
    expect((last?.[1] ?? 0) - (first?.[1] ?? 0)).toBeGreaterThan(500);
  });

  it('keeps what the other knows when one organisation is down', async () => {
    const orgs = await connectBoth('own hosts');
    second().setFaults({ down: true });
    const answer = await lookupEmailEverywhere(orgs, GRACE.email);
    expect(answer.status).toBe('known');
    expect(answer.answers[1]).toMatchObject({ status: 'error', error: { kind: 'network' } });
    const unknown = await lookupEmailEverywhere(orgs, UNKNOWN_EMAIL);
    // Unknown in one, no answer from the other: not "unknown".
    expect(unknown.status).toBe('error');
  });

  it('merges a page’s addresses per organisation', async () => {
    const orgs = await connectBoth('own hosts');
    const page = await lookupPageEverywhere(orgs, [ADA.email, GRACE.email, HEDY.email, UNKNOWN_EMAIL]);
    expect(page.map((key) => [key.email, key.status, key.orgs.map((org) => org.status)])).toEqual([
      [ADA.email, 'known', ['known', 'known']],
      [GRACE.email, 'known', ['known', 'unknown']],
      [HEDY.email, 'known', ['unknown', 'known']],
      [UNKNOWN_EMAIL, 'unknown', ['unknown', 'unknown']],
    ]);
  });
});
