import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { refreshAlarm, refreshAlarmConnection } from '../../../lib/background/connection';
import { connectionKeys } from '../../../lib/background/connections';
import { createCredentialStore } from '../../../lib/background/connections-credentials';
import { browserKeyValueStorage } from '../../../lib/background/connections-store';
import type { ConnectionId } from '../../../lib/background/connections-types';
import { describeError } from '../../../lib/background/describe-error';
import { createBackgroundServices } from '../../../lib/background/services';
import type {
  ConnectionTarget,
  ErrorInfo,
  EverywhereAnswer,
  OrgConnectionStatus,
  SearchResults,
} from '../../../lib/messaging/model';
import { handleRawMessage } from '../../../lib/messaging/server';
import type { Sandbox } from '../../sandbox';
import { ADA, ALAN, GRACE, KATHERINE, MARGARET, UNKNOWN_EMAIL } from '../../sandbox/fixtures';
import { type MultiOrgSandbox, startMultiOrgSandbox } from '../../sandbox/multi-org';
import { ADA_ELSEWHERE, fixedIdIn, HEDY, SECOND_ORG_SLUG } from '../../sandbox/orgs';
import { fakeAlarms, sandboxPlatform } from './helpers';

/**
 * Two organisations connected through the WIRED background (createBackgroundServices over the fake browser's
 * storage and the real Kustomer client), against the multi-org sandbox: what the worker does, request by request.
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
/** A fixed id as the second organisation has it. */
const inSecond = (id: string) => {
  const identity = multi.identities[1];
  if (!identity) throw new Error('the sandbox has one organisation');
  return fixedIdIn(identity, id);
};
const second = () => multi.org(SECOND_ORG_SLUG);
const self = { id: 'ourid', origin: 'chrome-extension://ourid' };
const panel = { id: self.id, url: `${self.origin}/sidepanel.html` };
const alarms = fakeAlarms();

/** A worker: the background's services over the storage the fake browser keeps (a restart builds new ones). */
function worker() {
  // Kustomer's host names resolve to the sandbox's gateway; its own hosts are fetched as they are.
  const platform = sandboxPlatform(primary(), { alarms, fetch: (input, init) => multi.fetch(input, init) });
  const built = createBackgroundServices(platform);
  const send = async <T>(type: string, input: unknown = {}): Promise<T> => {
    const answer = (await handleRawMessage({ type, input }, panel, {
      self,
      handlers: built.handlers,
      describeError,
    })) as { ok: true; value: unknown } | { ok: false; error: ErrorInfo };
    if (!answer.ok) throw Object.assign(new Error(answer.error.message || answer.error.kind), { info: answer.error });
    return answer.value as T;
  };
  return { built, send };
}

type How = 'own hosts' | 'region host';
const targetOf = (org: Sandbox, how: How): ConnectionTarget =>
  how === 'own hosts' ? { kind: 'custom', baseUrl: org.url } : { kind: 'region', region: 'us' };

async function connectBoth(how: How) {
  const background = worker();
  const a = await background.send<OrgConnectionStatus>('connectWithApiKey', {
    target: targetOf(primary(), how),
    apiKey: primary().apiKey,
  });
  const b = await background.send<OrgConnectionStatus>('connectWithApiKey', {
    target: targetOf(second(), how),
    apiKey: second().apiKey,
    label: 'Brightwave',
  });
  for (const org of [primary(), second()]) org.requests.length = 0;
  return { ...background, a: a.id, b: b.id };
}

/** Every request an organisation received carried its own key, and each one asked received some. */
function onlyOwnKeys(asked = [primary(), second()]): void {
  for (const org of asked) {
    expect(org.requests.length).toBeGreaterThan(0);
    expect(org.requests.filter((request) => request.headers.authorization !== `Bearer ${org.apiKey}`)).toEqual([]);
  }
  expect(multi.unrouted).toEqual([]);
}

const names = (answer: EverywhereAnswer) =>
  answer.answers.map((one) => (one.status === 'known' ? one.card.customer.name : one.status));

describe.each(['own hosts', 'region host'] as const)('two organisations through their %s', (how) => {
  it('never sends one organisation’s key with a request for the other, under concurrency', async () => {
    const { send, a, b } = await connectBoth(how);
    const emails = [ADA.email, GRACE.email, HEDY.email, ALAN.email, KATHERINE.email, MARGARET.email, UNKNOWN_EMAIL];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        send<EverywhereAnswer>('lookupEmail', { email: emails[index % emails.length], refresh: true }),
      ),
    );
    expect(names(answers[0] as EverywhereAnswer)).toEqual([ADA.name, ADA_ELSEWHERE.name]);
    expect(answers[0]?.answers.map((one) => one.connectionId)).toEqual([a, b]);
    const [inA, inB] = await Promise.all([
      send('getCustomer', { connectionId: a, customerId: ADA.id }),
      send('getCustomer', { connectionId: b, customerId: inSecond(ADA_ELSEWHERE.id) }),
      send('listUsers', { connectionId: a }),
      send('listUsers', { connectionId: b }),
      send('searchCustomers', { query: 'Ada' }),
    ]);
    expect(inA).toMatchObject({ customer: { id: ADA.id }, connectionId: a });
    expect(inB).toMatchObject({ customer: { id: inSecond(ADA_ELSEWHERE.id) }, connectionId: b });
    onlyOwnKeys();
  });

  it('sends a queued note to the organisation it was written for, and only there', async () => {
    const { built, send, b } = await connectBoth(how);
    const write = {
      kind: 'createNote',
      customerId: inSecond(ADA_ELSEWHERE.id),
      conversationId: inSecond(ADA_ELSEWHERE.conversationId),
      body: 'For Brightwave only',
    };
    const queued = await send<{ id: string; about?: { org?: string } }>('enqueueWrite', { connectionId: b, write });
    expect(queued.about?.org).toBe('Brightwave');
    await vi.waitFor(async () => expect((await built.outbox.list())[0]?.state).toBe('sent'), { timeout: 5_000 });
    expect(second().requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(primary().requests).toEqual([]);
    onlyOwnKeys([second()]);
  });
});

describe('two organisations across a worker restart', () => {
  it('a new worker over the same storage sends each organisation its own key', async () => {
    const { a, b } = await connectBoth('region host');
    const restarted = worker();
    const answers = await Promise.all(
      [ADA.email, HEDY.email, GRACE.email, ADA.email].map((email) =>
        restarted.send<EverywhereAnswer>('lookupEmail', { email, refresh: true }),
      ),
    );
    expect(answers.map(names)).toEqual([
      [ADA.name, ADA_ELSEWHERE.name],
      ['unknown', HEDY.name],
      [GRACE.name, 'unknown'],
      [ADA.name, ADA_ELSEWHERE.name],
    ]);
    expect((await restarted.send<OrgConnectionStatus[]>('getConnections')).map((org) => org.id)).toEqual([a, b]);
    onlyOwnKeys();
  });
});

describe('one organisation signed out or refused', () => {
  it('signing out of one removes its secret, data and alarm, and keeps the other working', async () => {
    const { send, a, b } = await connectBoth('own hosts');
    await send('lookupEmail', { email: ADA.email });
    const storage = browserKeyValueStorage();
    const secrets = createCredentialStore(storage, null);
    expect(await storage.get(connectionKeys(a).lookupCache)).toBeDefined();
    const left = await send<OrgConnectionStatus[]>('signOut', { connectionId: a });
    expect(left.map((org) => org.id)).toEqual([b]);
    expect(await secrets.get(a)).toBeNull();
    expect(await storage.get(connectionKeys(a).lookupCache)).toBeUndefined();
    expect(await secrets.get(b)).toEqual({ method: 'apiKey', apiKey: second().apiKey });
    expect(await storage.get(connectionKeys(b).lookupCache)).toBeDefined();
    primary().requests.length = 0;
    const after = await send<EverywhereAnswer>('lookupEmail', { email: ADA.email, refresh: true });
    expect(after.answers.map((one) => one.connectionId)).toEqual([b]);
    expect(primary().requests).toEqual([]);
    await expect(send('getCustomer', { connectionId: a, customerId: ADA.id })).rejects.toMatchObject({
      info: { kind: 'not_connected', connectionId: a },
    });
    expect(await send('getCustomer', { connectionId: b, customerId: inSecond(ADA_ELSEWHERE.id) })).toMatchObject({
      connectionId: b,
    });
  });

  it('a 401 on one organisation marks that one’s problem only', async () => {
    const { send, a, b } = await connectBoth('own hosts');
    await createCredentialStore(browserKeyValueStorage(), null).set(a, { method: 'apiKey', apiKey: 'revoked' });
    const answer = await send<EverywhereAnswer>('lookupEmail', { email: ADA.email, refresh: true });
    expect(answer.answers).toMatchObject([
      { connectionId: a, status: 'error', error: { kind: 'unauthorized' } },
      { connectionId: b, status: 'known' },
    ]);
    const list = await send<OrgConnectionStatus[]>('getConnections');
    expect(list).toMatchObject([
      { id: a, state: 'error', error: { kind: 'unauthorized', connectionId: a } },
      { id: b, state: 'connected' },
    ]);
  });

  it('a search that found nothing while one organisation did not answer is that failure, not "no match"', async () => {
    const { send, b } = await connectBoth('own hosts');
    second().setFaults({ down: true });
    // HEDY is known only to the second organisation: the first answers "none", the second cannot answer.
    const failed = await send('searchCustomers', { query: HEDY.name }).catch(
      (error: { info: ErrorInfo }) => error.info,
    );
    expect(failed).toMatchObject({ kind: 'network', message: expect.stringContaining(new URL(second().url).host) });
    second().setFaults({ down: false });
    const { hits } = await send<SearchResults>('searchCustomers', { query: HEDY.name });
    expect(hits.map((hit) => hit.connectionId)).toEqual([b]);
  });

  it('a search that found customers in one organisation names the one that did not answer', async () => {
    const { send, a, b } = await connectBoth('own hosts');
    second().setFaults({ down: true });
    // ADA is known to both: the first finds her, the second cannot answer, and the agent must know it was not asked.
    const { hits, unanswered } = await send<SearchResults>('searchCustomers', { query: ADA.name });
    expect(hits.map((hit) => hit.connectionId)).toEqual([a]);
    expect(unanswered).toEqual([
      {
        connectionId: b,
        error: expect.objectContaining({
          kind: 'network',
          message: expect.stringContaining(new URL(second().url).host),
        }),
      },
    ]);
    second().setFaults({ down: false });
    expect((await send<SearchResults>('searchCustomers', { query: ADA.name })).unanswered).toEqual([]);
  });

  it('refuses to connect the same organisation twice, and a reconnect with another organisation’s key', async () => {
    const { send, a } = await connectBoth('own hosts');
    await expect(
      send('connectWithApiKey', { target: targetOf(primary(), 'own hosts'), apiKey: primary().apiKey }),
    ).rejects.toMatchObject({ info: { kind: 'validation' } });
    await expect(
      send('connectWithApiKey', {
        target: targetOf(second(), 'own hosts'),
        apiKey: second().apiKey,
        connectionId: a,
      }),
    ).rejects.toMatchObject({ info: { kind: 'validation' } });
    expect(await createCredentialStore(browserKeyValueStorage(), null).get(a)).toEqual({
      method: 'apiKey',
      apiKey: primary().apiKey,
    });
    expect((await send<OrgConnectionStatus[]>('getConnections')).length).toBe(2);
  });
});

describe('renaming and ordering', () => {
  it('renames, recolours and moves one organisation, and pushes the list to pages', async () => {
    const { built, send, a, b } = await connectBoth('own hosts');
    const pushed: unknown[] = [];
    built.connection.onForget(() => pushed.push('forgotten'));
    const renamed = await send<OrgConnectionStatus[]>('updateConnection', {
      connectionId: a,
      label: 'Acme  EU',
      colour: 'purple',
    });
    expect(renamed.map((org) => [org.id, org.label, org.colour])).toEqual([
      [a, 'Acme EU', 'purple'],
      [b, 'Brightwave', expect.any(String)],
    ]);
    await expect(send('updateConnection', { connectionId: b, label: 'acme eu' })).rejects.toMatchObject({
      info: { kind: 'validation' },
    });
    const moved = await send<OrgConnectionStatus[]>('moveConnection', { connectionId: b, index: 0 });
    expect(moved.map((org) => org.id)).toEqual([b, a]);
    // The agent's order is the order every organisation answers in.
    const answer = await send<EverywhereAnswer>('lookupEmail', { email: ADA.email });
    expect(answer.answers.map((one) => one.connectionId)).toEqual([b, a]);
    // Renaming keeps the runtime (no request is made again for it).
    expect(pushed).toEqual([]);
  });
});

describe('the hot path of a record read', () => {
  it('checks the organisation against the list kept in memory, and reads a secret only to send a request', async () => {
    const { send, a } = await connectBoth('own hosts');
    await send('getCustomer', { connectionId: a, customerId: ADA.id });
    const reads: string[] = [];
    const local = fakeBrowser.storage.local as unknown as { get: (keys: string) => Promise<Record<string, unknown>> };
    const get = local.get.bind(local);
    vi.spyOn(local, 'get').mockImplementation(async (keys) => {
      reads.push(String(keys));
      return get(keys);
    });
    primary().requests.length = 0;
    await send('getCustomer', { connectionId: a, customerId: ADA.id });
    await send('listConversations', { connectionId: a, customerId: ADA.id, filter: 'open' });
    // Before: 3 reads to check the id (list, secret, problem) and 2 more for the client, per request.
    expect(reads.filter((key) => key === 'connections')).toEqual([]);
    expect(reads.filter((key) => key.endsWith('.credentials'))).toHaveLength(primary().requests.length);
    await expect(send('getCustomer', { connectionId: 'org-gone', customerId: ADA.id })).rejects.toMatchObject({
      info: { kind: 'not_connected', connectionId: 'org-gone' },
    });
    expect(reads.filter((key) => key === 'connections')).toEqual([]);
  });
});

describe('the list kept in memory', () => {
  it('is read again once another context (the upgrade, an older worker) changed the stored list', async () => {
    const { send, a, b } = await connectBoth('own hosts');
    expect((await send<OrgConnectionStatus[]>('getConnections')).map((org) => org.id)).toEqual([a, b]);
    const stored = (await fakeBrowser.storage.local.get('connections')).connections as {
      connections: { id: string }[];
    };
    await fakeBrowser.storage.local.set({
      connections: { ...stored, connections: stored.connections.filter((org) => org.id !== a) },
    });
    await vi.waitFor(async () =>
      expect((await send<OrgConnectionStatus[]>('getConnections')).map((org) => org.id)).toEqual([b]),
    );
    await expect(send('getCustomer', { connectionId: a, customerId: ADA.id })).rejects.toMatchObject({
      info: { kind: 'not_connected' },
    });
  });
});

describe('OAuth refresh alarms', () => {
  it('name their connection, so an alarm refreshes that connection’s token only', () => {
    const id: ConnectionId = 'org-abc';
    expect(refreshAlarm(id)).toBe('kustomer-oauth-refresh:org-abc');
    expect(refreshAlarmConnection(refreshAlarm(id))).toBe(id);
    expect(refreshAlarmConnection('kustomer-outbox')).toBeNull();
    // The single connection's alarm of before names none: it refreshes nothing (org-0's token is refreshed
    // when it is used near its expiry, or on a 401).
    expect(refreshAlarmConnection('kustomer-oauth-refresh')).toBeNull();
  });
});
