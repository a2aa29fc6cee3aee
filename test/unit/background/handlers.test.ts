import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { describeError } from '../../../lib/background/describe-error';
import type { KustomerPort } from '../../../lib/background/kustomer-port';
import { createBackgroundServices } from '../../../lib/background/services';
import type { KustomerClient } from '../../../lib/kustomer/client';
import type { CustomerActivity } from '../../../lib/messaging/model';
import { REQUESTS } from '../../../lib/messaging/protocol';
import { handleRawMessage } from '../../../lib/messaging/server';
import { connectionPanelMemoryItem } from '../../../lib/storage';
import { ADA, AGENT } from '../../sandbox/fixtures';
import { sandboxForFile, sandboxPlatform } from './helpers';

const sandbox = sandboxForFile();

const self = { id: 'ourid', origin: 'chrome-extension://ourid' };
/** The id a connection gets when the platform's random bytes are all zero (`newConnectionId`). */
const ORG = 'org-0000000000';
const panel = { id: self.id, url: `${self.origin}/sidepanel.html` };

function services() {
  const pushed: unknown[] = [];
  const platform = sandboxPlatform(sandbox, {
    pushToPages: async (event) => {
      pushed.push(event);
    },
    randomBytes: (length) => new Uint8Array(length),
  });
  const built = createBackgroundServices(platform);
  const send = (type: string, input: unknown = {}, sender: { id: string; url: string } = panel) =>
    handleRawMessage({ type, input }, sender, { self, handlers: built.handlers, describeError });
  return { built, send, pushed, platform };
}

describe('request handlers', () => {
  it('the real Kustomer client provides every method the background calls', () => {
    expectTypeOf<KustomerClient>().toExtend<KustomerPort>();
  });

  it('implement every request of the protocol', () => {
    const { built } = services();
    expect(Object.keys(built.handlers).sort()).toEqual(Object.keys(REQUESTS).sort());
  });

  it.each([
    ['lookupEmail', { email: ADA.email }],
    ['getCustomer', { connectionId: ORG, customerId: ADA.id }],
    ['listUsers', { connectionId: ORG }],
    ['enqueueWrite', { connectionId: ORG, write: { kind: 'createNote', customerId: ADA.id, body: 'x' } }],
  ])('answer %s with not_connected before a connection exists', async (type, input) => {
    const { send } = services();
    const answer = await send(type, input);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
  });

  it('tell a key that can read customers but not search which role search needs', async () => {
    const { send } = services();
    await send('connectWithApiKey', {
      target: { kind: 'custom', baseUrl: sandbox.url },
      apiKey: sandbox.keys.readOnly,
    });
    expect(await send('lookupEmail', { email: ADA.email })).toMatchObject({ ok: true });
    const search = await send('searchCustomers', { query: 'lovelace' });
    expect(search).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: expect.stringContaining('org.permission.search.create') },
    });
  });

  it('connect with a key, push the new status, and then look customers up', async () => {
    const { send, pushed } = services();
    const connected = await send('connectWithApiKey', {
      target: { kind: 'custom', baseUrl: sandbox.url },
      apiKey: sandbox.apiKey,
    });
    expect(connected).toMatchObject({ ok: true, value: { state: 'connected' } });
    expect(pushed).toContainEqual({
      event: 'connectionChanged',
      connections: [expect.objectContaining({ id: ORG, state: 'connected' })],
    });
    const card = await send('lookupEmail', { email: ADA.email.toUpperCase() });
    expect(card).toMatchObject({
      ok: true,
      value: { status: 'known', answers: [{ connectionId: ORG, card: { customer: { id: ADA.id } } }] },
    });
    const conversation = await send('getConversation', {
      connectionId: ORG,
      conversationId: ADA.openConversationId,
    });
    expect(conversation).toMatchObject({ ok: true, value: { conversation: { id: ADA.openConversationId } } });
    const kobjects = await send('listKObjects', {
      connectionId: ORG,
      customerId: ADA.id,
      companyId: ADA.companyId,
    });
    expect(kobjects).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ klassName: 'order' })]),
    });
    const search = await send('searchCustomers', { query: 'lovelace' });
    expect(search).toMatchObject({
      ok: true,
      value: { hits: [expect.objectContaining({ id: ADA.id })], unanswered: [] },
    });
    const company = await send('getCompany', { connectionId: ORG, companyId: ADA.companyId });
    expect(company).toMatchObject({
      ok: true,
      value: { customers: expect.arrayContaining([expect.objectContaining({ id: ADA.id })]) },
    });
  });

  it('refuse a read or a write that names an organisation that is not connected', async () => {
    const { send, built } = services();
    await send('connectWithApiKey', { target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.apiKey });
    sandbox.requests.length = 0;
    const write = { kind: 'createNote', customerId: ADA.id, conversationId: ADA.openConversationId, body: 'x' };
    for (const [type, input] of [
      ['getCustomer', { connectionId: 'org-other', customerId: ADA.id }],
      ['listUsers', { connectionId: 'org-other' }],
      ['enqueueWrite', { connectionId: 'org-other', write }],
    ] as const) {
      expect(await send(type, input)).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
    }
    expect(await built.outbox.list()).toEqual([]);
    expect(sandbox.requests).toEqual([]);
    const queued = await send('enqueueWrite', { connectionId: ORG, write });
    expect(queued).toMatchObject({
      ok: true,
      value: { connectionId: ORG, about: { org: new URL(sandbox.url).host } },
    });
  });

  it('turn a Kustomer error into its kind and the agent message', async () => {
    const { send } = services();
    const answer = await send('connectWithApiKey', {
      target: { kind: 'custom', baseUrl: sandbox.url },
      apiKey: sandbox.keys.expired,
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { kind: 'unauthorized', message: expect.stringMatching(/expired/) },
    });
  });

  it('hand the panel its pending intent once, at once, while the lookup the click started goes on', async () => {
    const { built, send } = services();
    await send('connectWithApiKey', { target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.apiKey });
    sandbox.setFaults({ latencyMs: 400 });
    sandbox.requests.length = 0;
    await built.intents.set({ kind: 'showCustomer', email: ADA.email, source: 'contextMenu' });
    const started = Date.now();
    expect(await send('takePanelIntent')).toEqual({
      ok: true,
      value: { intent: { kind: 'showCustomer', email: ADA.email, source: 'contextMenu' } },
    });
    expect(Date.now() - started).toBeLessThan(200);
    expect(await send('takePanelIntent')).toEqual({ ok: true, value: null });
    // The panel's own lookup joins the click's: Kustomer is asked once.
    expect(await send('lookupEmail', { email: ADA.email })).toMatchObject({
      ok: true,
      value: { status: 'known', answers: [{ card: { customer: { id: ADA.id } } }] },
    });
    expect(sandbox.requests.filter((request) => request.path.startsWith('/v1/customers/email='))).toHaveLength(1);
  });

  it('read the conversations of an intent’s customer before the panel asks, and hand that answer out once', async () => {
    const { built, send } = services();
    await send('connectWithApiKey', { target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.apiKey });
    sandbox.requests.length = 0;
    const conversationReads = () =>
      sandbox.requests.filter((request) => request.path === `/v1/customers/${ADA.id}/conversations`).length;
    await built.intents.set({ kind: 'showCustomer', email: ADA.email, source: 'page' });
    await vi.waitFor(() => expect(conversationReads()).toBe(1));
    const lookupAt = sandbox.requests.find((request) => request.path.startsWith('/v1/customers/email='))?.at ?? 0;
    expect(sandbox.requests.find((request) => request.path.endsWith('/conversations'))?.at).toBeGreaterThanOrEqual(
      lookupAt,
    );
    const first = await send('getCustomerActivity', {
      connectionId: ORG,
      customerId: ADA.id,
      companyId: ADA.companyId,
    });
    expect(first).toMatchObject({ ok: true, value: { openConversationCount: 2 } });
    expect(conversationReads()).toBe(1);
    // A Retry or a reload after a write reads afresh.
    await send('getCustomerActivity', { connectionId: ORG, customerId: ADA.id, companyId: ADA.companyId });
    expect(conversationReads()).toBe(2);
  });

  it('hand over a quick-note intent as it was set', async () => {
    const { built, send } = services();
    await built.intents.set({ kind: 'quickNote', text: 'Parcel arrived damaged' });
    expect(await send('takePanelIntent')).toEqual({
      ok: true,
      value: { intent: { kind: 'quickNote', text: 'Parcel arrived damaged' } },
    });
  });

  it('fill a card in with its company and conversations, newest first, open ones counted', async () => {
    const { send } = services();
    await send('connectWithApiKey', { target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.apiKey });
    const answer = await send('getCustomerActivity', {
      connectionId: ORG,
      customerId: ADA.id,
      companyId: ADA.companyId,
    });
    expect(answer).toMatchObject({
      ok: true,
      value: { company: { id: ADA.companyId, name: ADA.companyName }, openConversationCount: 2 },
    });
    const activity = (answer as { value: CustomerActivity }).value;
    expect(activity.recentConversations.find((item) => item.id === ADA.openConversationId)).toMatchObject({
      status: 'open',
      assigneeNames: [AGENT.name],
    });
    const none = await send('getCustomerActivity', { connectionId: ORG, customerId: ADA.id });
    expect(none).toMatchObject({ ok: true, value: { company: null, openConversationCount: 2 } });
  });

  it('save settings and push them to pages', async () => {
    const { send, pushed } = services();
    const answer = await send('updateSettings', { patch: { neverLookUpDomains: ['Acme.com', 'acme.com'] } });
    expect(answer).toMatchObject({ ok: true, value: { neverLookUpDomains: ['acme.com'] } });
    expect(pushed).toContainEqual({
      event: 'settingsChanged',
      settings: expect.objectContaining({ neverLookUpDomains: ['acme.com'] }),
    });
  });
});

describe('the panel memory of an organisation (issue 18)', () => {
  it('signing out forgets the signed-out organisation’s recent customers only', async () => {
    const { send } = services();
    await send('connectWithApiKey', { target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.keys.full });
    const id = ORG;
    const memory = { recent: [{ id: ADA.id, name: 'Ada', viewedAt: 1 }] };
    await connectionPanelMemoryItem(id).setValue(memory);
    // Another organisation's memory: not touched.
    await connectionPanelMemoryItem('org-bright').setValue(memory);
    expect(await send('signOut', { connectionId: id })).toMatchObject({ ok: true, value: [] });
    expect(await connectionPanelMemoryItem(id).getValue()).toEqual({ recent: [] });
    expect(await connectionPanelMemoryItem('org-bright').getValue()).toEqual(memory);
  });
});

describe('the diagnostics log through the protocol', () => {
  const options = { id: self.id, url: `${self.origin}/options.html` };

  it('records a page lookup that failed and a side panel that would not open, for the options page only', async () => {
    const { built, send, platform } = services();
    vi.mocked(platform.badge.setBadgeText).mockRejectedValue(new Error('No tab with id: 7.'));
    await send('connectWithApiKey', { target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.apiKey });
    sandbox.setFaults({ errorRate: 1 });
    await built.detections.report(7, 0, 'https://mail.example.com/', [ADA.email]);
    sandbox.setFaults({ errorRate: 0 });
    const answer = await send('getDiagnostics', {}, options);
    expect(answer).toMatchObject({
      ok: true,
      value: [
        { area: 'lookup', operation: 'page lookup', kind: 'server', status: 500 },
        { area: 'detections', operation: 'badge', kind: 'exception', message: 'Error: No tab with id: 7.' },
      ],
    });
    expect(JSON.stringify(answer)).not.toContain(sandbox.apiKey);
    expect(await send('getDiagnostics')).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await send('clearDiagnostics')).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await send('clearDiagnostics', {}, options)).toEqual({ ok: true, value: undefined });
    expect(await send('getDiagnostics', {}, options)).toEqual({ ok: true, value: [] });
  });
});

describe('addresses activated on a page', () => {
  const contentScript = {
    id: self.id,
    url: 'https://mail.example.com/inbox',
    tab: { id: 9, index: 0, highlighted: true, active: true, pinned: false, incognito: false },
    frameId: 0,
  };

  async function connectedServices() {
    const built = services();
    await built.send('connectWithApiKey', { target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.apiKey });
    sandbox.requests.length = 0;
    const fromPage = (input: unknown) =>
      handleRawMessage({ type: 'showCustomerFromPage', input }, contentScript, {
        self,
        handlers: built.built.handlers,
        describeError,
      });
    return { ...built, fromPage };
  }

  const lookedUp = (email: string) =>
    sandbox.requests.some((request) => decodeURIComponent(request.path) === `/v1/customers/email=${email}`);

  it('a click shows the customer in the panel and starts the lookup at once', async () => {
    const { fromPage, pushed, built } = await connectedServices();
    await fromPage({ email: ADA.email, how: 'click' });
    expect(pushed).toContainEqual({
      event: 'panelIntent',
      intent: { kind: 'showCustomer', email: ADA.email, source: 'page' },
    });
    await vi.waitFor(() => expect(lookedUp(ADA.email)).toBe(true));
    await vi.waitFor(async () =>
      expect(await (await built.registry.runtime(ORG)).lookup.peek(ADA.email)).toMatchObject({
        customer: { id: ADA.id },
      }),
    );
  });

  it('a hover only warms the cache and leaves the panel where the agent is', async () => {
    const { fromPage, pushed, built } = await connectedServices();
    await fromPage({ email: ADA.email, how: 'hover' });
    expect(pushed.filter((event) => (event as { event: string }).event === 'panelIntent')).toEqual([]);
    await vi.waitFor(async () =>
      expect(await (await built.registry.runtime(ORG)).lookup.peek(ADA.email)).toMatchObject({
        customer: { id: ADA.id },
      }),
    );
  });
});
