import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KustomerPort } from '../../../lib/background/kustomer-port';
import { createOutbox, MAX_ATTEMPTS, OUTBOX_ALARM, type OutboxDeps, retryDelay } from '../../../lib/background/outbox';
import { sendWrite } from '../../../lib/background/outbox-send';
import { outboxItem } from '../../../lib/background/storage-items';
import { KustomerError } from '../../../lib/kustomer/errors';
import type { OutboxItem, WriteRequest } from '../../../lib/messaging/model';
import { ADA, ALAN } from '../../sandbox/fixtures';
import { fakeAlarms, sandboxConnection, sandboxForFile } from './helpers';

const sandbox = sandboxForFile();

let clock = 0;
let ids = 0;

async function connect(apiKey = sandbox.apiKey) {
  const { service } = sandboxConnection(sandbox);
  await service.connectWithApiKey({ target: { kind: 'custom', baseUrl: sandbox.url }, apiKey });
  return service;
}

/** A fresh outbox over the same storage: what a restarted service worker builds. */
function startOutbox(client: OutboxDeps['client'], overrides: Partial<OutboxDeps> = {}) {
  const alarms = fakeAlarms();
  const onChange = vi.fn();
  const outbox = createOutbox({
    client,
    alarms,
    now: () => clock,
    newId: () => `client-${++ids}`,
    random: () => 0.5,
    onChange,
    ...overrides,
  });
  return { outbox, alarms, onChange };
}

const noteOnAdasConversation = (body: string): WriteRequest => ({
  kind: 'createNote',
  customerId: ADA.id,
  conversationId: ADA.openConversationId,
  body,
});

const notesWithBody = (body: string) => [...sandbox.store.notes.values()].filter((note) => note.body === body);
const conversationsWith = (externalId: string) =>
  [...sandbox.store.conversations.values()].filter((conversation) => conversation.externalId === externalId);

async function stored(id: string): Promise<OutboxItem | undefined> {
  return (await outboxItem.getValue()).find((item) => item.id === id);
}

beforeEach(() => {
  clock = Date.now();
});

describe('the outbox', () => {
  it('never delivers a write to another Kustomer than the one the agent wrote it for', async () => {
    const connection = await connect();
    let destination = sandbox.url;
    const { outbox } = startOutbox(connection.client, { destination: async () => destination });
    const body = 'Refund approved for order 1042';
    const queued = await outbox.enqueue(noteOnAdasConversation(body), undefined, 'org-0');
    expect(queued.destination).toBe(sandbox.url);
    destination = 'https://other-org.api.kustomerapp.com';
    await outbox.processDue();
    expect(await stored(queued.id)).toMatchObject({
      state: 'failed',
      lastError: { kind: 'refused', message: expect.stringContaining(sandbox.url) },
    });
    expect(notesWithBody(body)).toEqual([]);
    destination = sandbox.url;
    await outbox.retry(queued.id);
    await outbox.processDue();
    expect(await stored(queued.id)).toMatchObject({ state: 'sent' });
    expect(notesWithBody(body)).toHaveLength(1);
  });

  it('sends each write with its own organisation’s client only, and holds one whose organisation is gone', async () => {
    const connection = await connect();
    const connected = new Set(['org-a', 'org-b']);
    const asked: (string | undefined)[] = [];
    const { outbox } = startOutbox(
      async (connectionId) => {
        asked.push(connectionId);
        return connection.client();
      },
      { isConnected: async (id) => connected.has(id) },
    );
    const forA = await outbox.enqueue(noteOnAdasConversation('Note for A'), { org: 'Acme' }, 'org-a');
    const forB = await outbox.enqueue(noteOnAdasConversation('Note for B'), { org: 'Brightwave' }, 'org-b');
    expect(forA.connectionId).toBe('org-a');
    connected.delete('org-b');
    await outbox.processDue();
    expect(await stored(forA.id)).toMatchObject({ state: 'sent' });
    expect(await stored(forB.id)).toMatchObject({
      state: 'failed',
      connectionId: 'org-b',
      lastError: { kind: 'refused', message: 'Connect Brightwave again to send, or discard.' },
    });
    expect(asked).toEqual(['org-a']);
    expect(notesWithBody('Note for B')).toEqual([]);
    connected.add('org-b');
    await outbox.retry(forB.id);
    await outbox.processDue();
    expect(await stored(forB.id)).toMatchObject({ state: 'sent', connectionId: 'org-b' });
    expect(asked).toEqual(['org-a', 'org-b']);
  });

  it('stores a write before sending it, then marks it sent with the new record id', async () => {
    const connection = await connect();
    const { outbox, onChange } = startOutbox(connection.client);
    const body = 'Called back about the refund';
    const queued = await outbox.enqueue(noteOnAdasConversation(body), undefined, 'org-0');
    expect(queued.state).toBe('queued');
    await outbox.processDue();
    const item = await stored(queued.id);
    expect(item).toMatchObject({ state: 'sent', attempts: 1 });
    expect(notesWithBody(body).map((note) => note.id)).toEqual([item?.resultId]);
    expect(onChange.mock.calls.map(([items]) => (items as OutboxItem[])[0]?.state)).toEqual([
      'queued',
      'sending',
      'sent',
    ]);
  });

  it('keeps a write that failed for a transient reason and retries it when the alarm fires', async () => {
    const connection = await connect();
    const { outbox, alarms } = startOutbox(connection.client);
    sandbox.setFaults({ down: true });
    const body = 'Queued while Kustomer was down';
    const queued = await outbox.enqueue(noteOnAdasConversation(body), undefined, 'org-0');
    await outbox.processDue();
    const waiting = await stored(queued.id);
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, lastError: { kind: 'network' } });
    expect(waiting?.nextAttemptAt).toBe(clock + retryDelay(1, () => 0.5));
    expect(alarms.scheduled.get(OUTBOX_ALARM)).toBe(waiting?.nextAttemptAt);

    sandbox.setFaults({ down: false });
    await outbox.processDue();
    expect((await stored(queued.id))?.state).toBe('queued');
    clock = waiting?.nextAttemptAt ?? clock;
    await outbox.processDue();
    expect(await stored(queued.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(notesWithBody(body)).toHaveLength(1);
    expect(alarms.scheduled.has(OUTBOX_ALARM)).toBe(false);
  });

  it('shows a permanent failure with its error until the agent retries or discards it', async () => {
    const connection = await connect(sandbox.keys.noNotes);
    const { outbox } = startOutbox(connection.client);
    const queued = await outbox.enqueue(noteOnAdasConversation('Not allowed'), undefined, 'org-0');
    await outbox.processDue();
    const failed = await stored(queued.id);
    expect(failed).toMatchObject({ state: 'failed', lastError: { kind: 'forbidden', status: 403 } });
    expect(failed?.lastError?.message).toMatch(/org\.permission\.note\.create/);
    expect(await outbox.discard(queued.id)).toEqual([]);
  });

  it('gives up retrying by itself after the last allowed attempt', async () => {
    const createConversationNote = vi
      .fn()
      .mockRejectedValue(new KustomerError({ kind: 'server', message: '503', status: 503 }));
    const listConversationNotes = vi.fn().mockResolvedValue({ data: [], meta: {}, links: {} });
    const client = async () => ({ createConversationNote, listConversationNotes }) as unknown as KustomerPort;
    const { outbox } = startOutbox(client);
    const queued = await outbox.enqueue(
      { kind: 'createNote', customerId: 'c', conversationId: 'v', body: 'x' },
      undefined,
      'org-0',
    );
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      clock += 60 * 60_000;
      await outbox.processDue();
    }
    expect(await stored(queued.id)).toMatchObject({
      state: 'failed',
      attempts: MAX_ATTEMPTS,
      lastError: { kind: 'server' },
    });
    expect(createConversationNote).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    // The agent's retry gets one more attempt, not a fresh series.
    await outbox.retry(queued.id);
    await outbox.processDue();
    expect(createConversationNote).toHaveBeenCalledTimes(MAX_ATTEMPTS + 1);
    expect(await stored(queued.id)).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
  });
});

describe('sending after a worker restart', () => {
  it('does not duplicate a note that reached Kustomer before the worker stopped', async () => {
    const connection = await connect();
    const body = 'Sent just before the worker was stopped';
    const first = startOutbox(connection.client, { send: async () => new Promise<never>(() => undefined) });
    const queued = await first.outbox.enqueue(noteOnAdasConversation(body), undefined, 'org-0');
    await vi.waitFor(async () => expect((await stored(queued.id))?.state).toBe('sending'));
    // The first attempt landed, but the worker stopped before it could record the answer.
    const client = await connection.client();
    const landed = await client.createConversationNote(ADA.openConversationId, { body, externalId: queued.id });

    const restarted = startOutbox(connection.client);
    await restarted.outbox.resume();
    expect(await stored(queued.id)).toMatchObject({ state: 'sent', resultId: landed.id, attempts: 2 });
    expect(notesWithBody(body)).toHaveLength(1);
  });

  it('finds an earlier attempt’s note by its externalId, not by a note that only has the same body', async () => {
    const connection = await connect();
    const body = 'Same words, written by someone else';
    const first = startOutbox(connection.client, { send: async () => new Promise<never>(() => undefined) });
    const queued = await first.outbox.enqueue(noteOnAdasConversation(body), undefined, 'org-0');
    await vi.waitFor(async () => expect((await stored(queued.id))?.state).toBe('sending'));
    // Another agent added a note with the same text; the worker's own attempt never reached Kustomer.
    const client = await connection.client();
    const other = await client.createConversationNote(ADA.openConversationId, { body });

    const restarted = startOutbox(connection.client);
    await restarted.outbox.resume();
    const sent = await stored(queued.id);
    expect(sent).toMatchObject({ state: 'sent', attempts: 2 });
    expect(sent?.resultId).not.toBe(other.id);
    expect(notesWithBody(body)).toHaveLength(2);
    expect(sandbox.store.notes.get(sent?.resultId ?? '')?.externalId).toBe(queued.id);
  });

  it('creates the conversation and then the note of a quick note once, across a restart between the steps', async () => {
    const connection = await connect();
    const body = 'Customer asked about invoice 7\nMore details follow.';
    let failNote = true;
    const flaky = async (): Promise<KustomerPort> => {
      const client = await connection.client();
      return {
        ...client,
        createConversationNote: async (...args: Parameters<KustomerPort['createConversationNote']>) => {
          if (failNote) throw new KustomerError({ kind: 'network', message: 'offline' });
          return client.createConversationNote(...args);
        },
      };
    };
    const first = startOutbox(flaky);
    const queued = await first.outbox.enqueue({ kind: 'createNote', customerId: ALAN.id, body }, undefined, 'org-0');
    await first.outbox.processDue();
    const between = await stored(queued.id);
    expect(between?.state).toBe('queued');
    expect(between?.request).toMatchObject({ conversationId: expect.any(String) });

    failNote = false;
    clock += 60 * 60_000;
    const restarted = startOutbox(flaky);
    await restarted.outbox.resume();
    const created = conversationsWith(queued.id);
    expect(created).toHaveLength(1);
    expect(created[0]?.name).toBe('Customer asked about invoice 7');
    expect(notesWithBody(body)).toHaveLength(1);
    expect(await stored(queued.id)).toMatchObject({ state: 'sent' });
  });

  it('finds a conversation an unrecorded first attempt created, by its externalId', async () => {
    const connection = await connect();
    const client = await connection.client();
    const item: OutboxItem = {
      id: 'client-lost-answer',
      request: { kind: 'createConversation', customerId: ADA.id, subject: 'Lost answer' },
      state: 'sending',
      attempts: 1,
      createdAt: clock,
    };
    await outboxItem.setValue([item]);
    const landed = await client.createConversation({ customer: ADA.id, name: 'Lost answer', externalId: item.id });
    await startOutbox(connection.client).outbox.resume();
    expect(await stored(item.id)).toMatchObject({ state: 'sent', resultId: landed.id });
    expect(conversationsWith(item.id)).toHaveLength(1);
  });
});

describe('each kind of write', () => {
  const cases: [string, () => WriteRequest, (resultId: string) => void][] = [
    [
      'a message, with the client id as externalId',
      () => ({
        kind: 'createMessage',
        conversationId: ADA.openConversationId,
        channel: 'email',
        app: 'postmark',
        direction: 'out',
        preview: 'Your refund is on its way',
      }),
      (id) => expect(sandbox.store.messages.get(id)?.externalId).toBe('client-1'),
    ],
    [
      'a conversation update',
      () => ({
        kind: 'updateConversation',
        conversationId: ADA.openConversationId,
        changes: { status: 'done', priority: 5 },
      }),
      (id) => expect(sandbox.store.conversations.get(id)).toMatchObject({ status: 'done', priority: 5 }),
    ],
    [
      'a custom attribute update',
      () => ({ kind: 'updateCustomerAttributes', customerId: ADA.id, changes: { loyaltyTierStr: 'gold' } }),
      (id) => expect(sandbox.store.customers.get(id)?.custom).toMatchObject({ loyaltyTierStr: 'gold' }),
    ],
    [
      'a new customer, with the client id as externalId',
      () => ({ kind: 'createCustomer', name: 'Mary Somerville', email: 'mary@example.org' }),
      (id) =>
        expect(sandbox.store.customers.get(id)).toMatchObject({ name: 'Mary Somerville', externalId: 'client-1' }),
    ],
  ];

  it.each(cases)('sends %s', async (_name, request, check) => {
    ids = 0;
    const connection = await connect();
    const { outbox } = startOutbox(connection.client);
    const queued = await outbox.enqueue(request(), undefined, 'org-0');
    await outbox.processDue();
    const item = await stored(queued.id);
    expect(item?.state, JSON.stringify(item?.lastError)).toBe('sent');
    check(item?.resultId ?? '');
  });

  it('looks for its earlier message before resending one', async () => {
    const connection = await connect();
    const client = await connection.client();
    const existing = await client.createConversationMessage(ADA.openConversationId, {
      channel: 'email',
      app: 'postmark',
      direction: 'out',
      preview: 'Hello',
      externalId: 'client-9',
    });
    const outcome = await sendWrite({
      client,
      item: {
        id: 'client-9',
        request: {
          kind: 'createMessage',
          conversationId: ADA.openConversationId,
          channel: 'email',
          app: 'postmark',
          direction: 'out',
          preview: 'Hello',
        },
        state: 'sending',
        attempts: 2,
        createdAt: clock,
      },
      saveProgress: async () => undefined,
    });
    expect(outcome.resultId).toBe(existing.id);
  });
});

describe('retry timing', () => {
  it('waits longer after each failure, and at least as long as Kustomer asked', () => {
    expect(retryDelay(1, () => 1)).toBe(5_000);
    expect(retryDelay(3, () => 1)).toBe(20_000);
    expect(retryDelay(30, () => 1)).toBe(15 * 60_000);
    expect(retryDelay(1, () => 0, 42_000)).toBe(42_000);
  });
});

describe('a bulk job in the outbox (issue 17)', () => {
  it('follows the job to complete: queued again while Kustomer runs it, never counted as a failed attempt', async () => {
    const connection = await connect();
    const { outbox } = startOutbox(connection.client);
    const queued = await outbox.enqueue(
      {
        kind: 'bulkUpdateConversations',
        customerId: ADA.id,
        conversationIds: [ADA.openConversationId, ADA.secondOpenConversationId],
        changes: { priority: 3 },
      },
      undefined,
      'org-0',
    );
    await outbox.processDue();
    const following = await stored(queued.id);
    expect(following).toMatchObject({ state: 'queued', attempts: 0, progress: expect.any(String) });
    expect(following?.request).toMatchObject({ jobId: expect.any(String) });
    const bulkPuts = () => sandbox.requests.filter((r) => r.method === 'PUT' && r.path === '/v1/conversations/bulk');
    const jobs = bulkPuts().length;
    for (let look = 0; look < 5 && (await stored(queued.id))?.state === 'queued'; look += 1) {
      clock += 2_000;
      await outbox.processDue();
    }
    expect(await stored(queued.id)).toMatchObject({
      state: 'sent',
      resultId: following && 'jobId' in following.request ? following.request.jobId : 'no job id',
    });
    expect((await stored(queued.id))?.progress).toBeUndefined();
    expect(bulkPuts().length).toBe(jobs);
    expect(sandbox.store.conversations.get(ADA.secondOpenConversationId)?.priority).toBe(3);
  });
});
