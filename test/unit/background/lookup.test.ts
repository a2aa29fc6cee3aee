import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { KustomerPort } from '../../../lib/background/kustomer-port';
import { createLookupService, isNeverLookUp } from '../../../lib/background/lookup';
import { createLookupCache, type LookupCache } from '../../../lib/background/lookup-cache';
import { DEFAULT_SETTINGS, lookupCacheItem } from '../../../lib/background/storage-items';
import type { Settings } from '../../../lib/messaging/model';
import type { ServiceError } from '../../../lib/service-error';
import { type Sandbox, startSandbox } from '../../sandbox';
import { ADA, GRACE, UNKNOWN_EMAIL } from '../../sandbox/fixtures';
import { sandboxConnection } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

let clock = 1_000_000;
const never = () => new Promise<never>(() => undefined);
let settings: Settings;

async function setup(options: { concurrency?: number } = {}) {
  const { service: connection } = sandboxConnection(sandbox);
  await connection.connectWithApiKey({ target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.apiKey });
  sandbox.requests.length = 0;
  const now = () => clock;
  const lookup = createLookupService({
    connectionId: 'org-0',
    client: connection.client,
    appUrl: connection.appUrl,
    settings: async () => settings,
    cache: createLookupCache(now),
    concurrency: options.concurrency,
  });
  return { lookup, connection };
}

const lookupsOf = (email: string) =>
  sandbox.requests.filter((request) => request.path === `/v1/customers/email=${encodeURIComponent(email)}`).length;

beforeEach(() => {
  fakeBrowser.reset();
  sandbox.reset();
  clock = 1_000_000;
  settings = { ...DEFAULT_SETTINGS };
});

describe('looking up an email', () => {
  it('builds the card from the one lookup: customer, company id, link to Kustomer', async () => {
    const { lookup } = await setup();
    const card = await lookup.lookup(ADA.email);
    expect(card?.customer).toMatchObject({ id: ADA.id, name: ADA.name, email: ADA.email, companyId: ADA.companyId });
    expect(card?.kustomerUrl).toBe(`${sandbox.url}/app/customers/${ADA.id}`);
  });

  it('calls Kustomer the same number of times, in the same order, for a customer and a stranger', async () => {
    const { lookup } = await setup();
    const callsFor = async (email: string) => {
      sandbox.requests.length = 0;
      await lookup.lookupMany([email]);
      return sandbox.requests.map(
        (request) => `${request.method} ${request.path.replace(encodeURIComponent(email), '{email}')}`,
      );
    };
    const known = await callsFor(ADA.email);
    const unknown = await callsFor(UNKNOWN_EMAIL);
    expect(known).toEqual(['GET /v1/customers/email={email}']);
    expect(unknown).toEqual(known);
  });

  it('answers null for an address no customer has', async () => {
    const { lookup } = await setup();
    expect(await lookup.lookup(UNKNOWN_EMAIL)).toBeNull();
  });

  it('sends one request for simultaneous lookups of the same address', async () => {
    const { lookup } = await setup();
    const cards = await Promise.all([lookup.lookup(ADA.email), lookup.lookup(ADA.email), lookup.lookup(ADA.email)]);
    expect(cards[0]).toEqual(cards[2]);
    expect(lookupsOf(ADA.email)).toBe(1);
  });

  it('serves a found customer from the cache for five minutes, then asks again', async () => {
    const { lookup } = await setup();
    await lookup.lookup(ADA.email);
    clock += 4 * 60_000;
    await lookup.lookup(ADA.email);
    expect(lookupsOf(ADA.email)).toBe(1);
    clock += 2 * 60_000;
    await lookup.lookup(ADA.email);
    expect(lookupsOf(ADA.email)).toBe(2);
  });

  it('remembers "no such customer" for only a minute', async () => {
    const { lookup } = await setup();
    await lookup.lookup(UNKNOWN_EMAIL);
    clock += 30_000;
    await lookup.lookup(UNKNOWN_EMAIL);
    expect(lookupsOf(UNKNOWN_EMAIL)).toBe(1);
    clock += 31_000;
    await lookup.lookup(UNKNOWN_EMAIL);
    expect(lookupsOf(UNKNOWN_EMAIL)).toBe(2);
  });

  it('keeps the cache in session storage, so a restarted worker does not ask again', async () => {
    const first = await setup();
    await first.lookup.lookup(ADA.email);
    // The copy in session storage is written after the answer went out.
    await vi.waitFor(async () => expect(Object.keys(await lookupCacheItem.getValue())).toContain(ADA.email));
    const restarted = await setup();
    expect((await restarted.lookup.lookup(ADA.email))?.customer.id).toBe(ADA.id);
    expect(lookupsOf(ADA.email)).toBe(0);
  });

  it('answers without waiting for the session-storage copy of the card', async () => {
    const { connection } = await setup();
    const memory = createLookupCache(() => clock);
    const slowStorage: LookupCache = {
      ...memory,
      set: (email, value, ttl) => memory.set(email, value, ttl).then(never),
    };
    const lookup = createLookupService({
      connectionId: 'org-0',
      client: connection.client,
      appUrl: connection.appUrl,
      settings: async () => settings,
      cache: slowStorage,
    });
    expect((await lookup.lookup(ADA.email))?.customer.id).toBe(ADA.id);
    expect((await lookup.lookup(ADA.email))?.customer.id).toBe(ADA.id);
    expect(lookupsOf(ADA.email)).toBe(1);
  });

  it('joins a lookup in flight without reading the cache again', async () => {
    const { connection } = await setup();
    const cache = createLookupCache(() => clock);
    const reads = vi.spyOn(cache, 'get');
    const lookup = createLookupService({
      connectionId: 'org-0',
      client: connection.client,
      appUrl: connection.appUrl,
      settings: async () => settings,
      cache,
    });
    sandbox.setFaults({ latencyMs: 300 });
    const first = lookup.lookup(ADA.email);
    await vi.waitFor(() => expect(lookupsOf(ADA.email)).toBe(1), { interval: 5 });
    const second = lookup.lookup(ADA.email);
    expect(await second).toEqual(await first);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(lookupsOf(ADA.email)).toBe(1);
  });

  it('asks Kustomer again when the agent refreshes', async () => {
    const { lookup } = await setup();
    await lookup.lookup(ADA.email);
    await lookup.lookup(ADA.email, { refresh: true });
    expect(lookupsOf(ADA.email)).toBe(2);
  });

  it('refuses addresses of a never-look-up domain without calling Kustomer', async () => {
    const { lookup } = await setup();
    settings = { ...settings, neverLookUpDomains: ['example.com'] };
    const error = await lookup.lookup(ADA.email).catch((caught: unknown) => caught);
    expect((error as ServiceError).info.kind).toBe('refused');
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe('never-look-up domains', () => {
  it.each([
    ['ada@acme.com', ['acme.com'], true],
    ['ada@eu.acme.com', ['acme.com'], true],
    ['ada@notacme.com', ['acme.com'], false],
    ['ada@acme.com.evil.io', ['acme.com'], false],
    ['ada@example.org', [], false],
  ])('%s with %j → %s', (email, domains, ignored) => {
    expect(isNeverLookUp(email, { neverLookUpDomains: domains })).toBe(ignored);
  });
});

describe('looking up a page of addresses', () => {
  it('marks each address known, unknown or ignored', async () => {
    const { lookup } = await setup();
    settings = { ...settings, neverLookUpDomains: ['ourcompany.example'] };
    const results = await lookup.lookupMany([ADA.email, UNKNOWN_EMAIL, 'me@ourcompany.example']);
    expect(results.map((result) => [result.email, result.status])).toEqual([
      [ADA.email, 'known'],
      [UNKNOWN_EMAIL, 'unknown'],
      ['me@ourcompany.example', 'ignored'],
    ]);
  });

  it('never runs more than the allowed number of lookups at once', async () => {
    let running = 0;
    let most = 0;
    const client = {
      getCustomerByEmail: vi.fn(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return null;
      }),
    } as unknown as KustomerPort;
    const lookup = createLookupService({
      connectionId: 'org-0',
      client: async () => client,
      appUrl: async () => 'https://acme.kustomerapp.com',
      settings: async () => settings,
      cache: createLookupCache(() => clock),
      concurrency: 4,
    });
    const emails = Array.from({ length: 20 }, (_, index) => `person${index}@example.net`);
    const results = await lookup.lookupMany(emails);
    expect(results.every((result) => result.status === 'unknown')).toBe(true);
    expect(client.getCustomerByEmail).toHaveBeenCalledTimes(20);
    expect(most).toBe(4);
  });

  it('reports a failing lookup as an error entry instead of failing the page', async () => {
    const { lookup } = await setup();
    sandbox.setFaults({ down: true });
    const [result] = await lookup.lookupMany([ADA.email]);
    expect(result?.status).toBe('error');
    expect(result?.error?.message).toMatch(/Kustomer/);
  });
});

describe('looking up phone numbers (issue 15)', () => {
  it('reads page keys in the default country: known, unknown, and invalid numbers ignored without a call', async () => {
    settings = { ...DEFAULT_SETTINGS, phoneCountry: 'US' };
    const { lookup } = await setup();
    const results = await lookup.lookupMany([
      'tel:+442079460018',
      'tel:2125550142',
      'tel:+442079460999',
      'tel:0000000',
    ]);
    expect(results).toEqual([
      expect.objectContaining({ email: 'tel:+442079460018', phone: ADA.phoneE164, status: 'known' }),
      expect.objectContaining({ email: 'tel:2125550142', phone: GRACE.phoneE164, status: 'known' }),
      { email: 'tel:+442079460999', phone: '+442079460999', status: 'unknown' },
      { email: 'tel:0000000', status: 'ignored' },
    ]);
    expect(results[1]?.customer?.id).toBe(GRACE.id);
    expect(sandbox.requests.some((request) => request.path.includes('0000000'))).toBe(false);
  });

  it('caches by E.164, so another written form of the same number asks Kustomer nothing', async () => {
    settings = { ...DEFAULT_SETTINGS, phoneCountry: 'GB' };
    const { lookup } = await setup();
    await lookup.lookupPhone('+44 20 7946 0018');
    sandbox.requests.length = 0;
    const card = await lookup.lookupPhone('020 7946 0018');
    expect(card?.customer.id).toBe(ADA.id);
    expect(sandbox.requests).toHaveLength(0);
  });

  it('refuses a number on the never-look-up list, in any written form', async () => {
    settings = { ...DEFAULT_SETTINGS, phoneCountry: 'GB', neverLookUpPhones: ['+44 20 7946 0018'] };
    const { lookup } = await setup();
    await expect(lookup.lookupPhone('020 7946 0018')).rejects.toMatchObject({ kind: 'refused' });
    expect(await lookup.lookupMany(['tel:02079460018'])).toEqual([{ email: 'tel:02079460018', status: 'ignored' }]);
  });
});

describe('lookups a page causes (issue 21, finding 2)', () => {
  it('spend at most the page’s share of the organisation’s limit; the rest wait as pending', async () => {
    const { lookup } = await setup();
    // The sandbox's limit is 1,000 a minute; one page may spend 20% of it.
    await lookup.lookup(ADA.email);
    const flood = Array.from({ length: 2000 }, (_, i) => `n${i}@flood.example`);
    const started = Date.now();
    const results = await lookup.lookupMany(flood, { tab: 7, site: 'https://flood.example' });
    const refilled = (share: number) => Math.ceil((1000 * share * (Date.now() - started)) / 60_000);
    const sent = sandbox.requests.filter((request) => request.path.includes('flood.example')).length;
    // 200 at once, plus what refills (200 a minute) while they run.
    expect(sent).toBeGreaterThanOrEqual(200);
    expect(sent).toBeLessThanOrEqual(200 + refilled(0.2));
    expect(results.filter((entry) => entry.status === 'pending')).toHaveLength(2000 - sent);
    // Another tab of the same site gets what is left of the site's 30%.
    const second = await lookup.lookupMany(
      flood.map((email) => `b${email}`),
      { tab: 8, site: 'https://flood.example' },
    );
    const secondSent = second.filter((entry) => entry.status !== 'pending').length;
    expect(secondSent + sent).toBeLessThanOrEqual(300 + refilled(0.3));
    expect(secondSent).toBeGreaterThan(50);
    // The agent's own lookup is not budgeted.
    expect(await lookup.lookup('n1999@flood.example')).toBeNull();
  });

  it('budget phone numbers like addresses: a page swapping in numbers spends the same share', async () => {
    settings = { ...DEFAULT_SETTINGS, phoneCountry: 'GB' };
    // Kustomer knows none of the numbers: each costs the E.164 read and the typed search for national forms.
    const calls: { path: string; page: boolean | undefined }[] = [];
    const port = {
      getCustomerByPhone: async (e164: string, options?: { page?: boolean }) => {
        calls.push({ path: `phone=${e164}`, page: options?.page });
        return null;
      },
      searchCustomers: async (_body: unknown, _params: unknown, options?: { page?: boolean }) => {
        calls.push({ path: 'search', page: options?.page });
        return { data: [] };
      },
    } as unknown as KustomerPort;
    const lookup = createLookupService({
      connectionId: 'org-0',
      client: async () => port,
      appUrl: async () => 'https://acme.kustomerapp.com',
      settings: async () => settings,
      cache: createLookupCache(() => clock),
    });
    const flood = Array.from({ length: 2000 }, (_, i) => `tel:+4420794${String(i).padStart(5, '0')}`);
    const started = Date.now();
    const results = await lookup.lookupMany(flood, { tab: 9, site: 'https://numbers.example' });
    const refilled = Math.ceil((1000 * 0.2 * (Date.now() - started)) / 60_000);
    expect(calls.length).toBeGreaterThan(100);
    expect(calls.length).toBeLessThanOrEqual(200 + refilled);
    // Served after the agent's calls in the limiter, as a page's addresses are.
    expect(calls.every((call) => call.page === true)).toBe(true);
    expect(results.filter((entry) => entry.status === 'pending').length).toBeGreaterThan(1500);
    expect(results.find((entry) => entry.status === 'pending')).toMatchObject({
      phone: expect.stringMatching(/^\+44/),
    });
    // The agent's own lookup of a number is neither budgeted nor put behind a page's.
    calls.length = 0;
    expect(await lookup.lookupPhone('+44 20 7940 1999')).toBeNull();
    expect(calls).toEqual([
      { path: 'phone=+442079401999', page: false },
      { path: 'search', page: false },
    ]);
  });
});
