import type { Page } from '@playwright/test';
import { ADA, ALAN, GRACE } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { type Answer, connectWithKey, connectWithOAuthConsent, outbox, send } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Fault injection through the sandbox: 500s, 429 storms, dropped connections, latency spikes and an
 * OAuth token that expires mid-session. What counts is the sandbox's store afterwards: every note,
 * message, conversation, customer and update landed exactly once.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

async function enqueue(page: Page, write: Record<string, unknown>): Promise<string> {
  const answer = (await send(page, 'enqueueWrite', { connectionId: 'org-0', write })) as Answer;
  expect(answer, JSON.stringify(write)).toMatchObject({ ok: true, value: { state: 'queued' } });
  return (answer as { value: { id: string } }).value.id;
}

/** Queues a note on Ada's open conversation and waits until the outbox says it was sent. */
async function sendNoteOnAdasConversation(page: Page, body: string): Promise<void> {
  const id = await enqueue(page, {
    kind: 'createNote',
    customerId: ADA.id,
    conversationId: ADA.openConversationId,
    body,
  });
  await expect.poll(async () => (await outbox(page)).find((item) => item.id === id)?.state).toBe('sent');
}

const refreshRequests = () =>
  sandbox.requests.filter(
    (request) =>
      request.path === '/oauth/token' && (request.body as { grant_type?: string })?.grant_type === 'refresh_token',
  );

const count = <T>(items: Iterable<T>, match: (item: T) => boolean) => [...items].filter(match).length;

test('writes queued through 500s, a 429 storm, dropped connections and latency land exactly once', async ({
  extension,
}) => {
  test.setTimeout(75_000);
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithKey(options, sandbox)).toMatchObject({ ok: true });
  const run = Date.now().toString(36);
  const grace = sandbox.store.customers.get(GRACE.id);
  const graceConversationsBefore = count(sandbox.store.conversations.values(), (c) => c.customer === GRACE.id);

  // The storm: every fault at once, from the first write on.
  sandbox.setFaults({ errorRate: 0.35, dropRate: 0.25, force429: 6, latencyMs: 400 });
  const notes = [1, 2, 3, 4].map((n) => `Fault note ${n} ${run}`);
  const ids: Record<string, string> = {};
  for (const body of notes) {
    ids[body] = await enqueue(options, {
      kind: 'createNote',
      customerId: ADA.id,
      conversationId: ADA.openConversationId,
      body,
    });
  }
  const quickNote = `Fault quick note into a new conversation ${run}`;
  ids.quick = await enqueue(options, { kind: 'createNote', customerId: GRACE.id, body: quickNote });
  const messages = [1, 2].map((n) => `Fault message ${n} ${run}`);
  for (const preview of messages) {
    ids[preview] = await enqueue(options, {
      kind: 'createMessage',
      conversationId: ADA.openConversationId,
      customerId: ADA.id,
      channel: 'voice',
      app: 'kustomer-sidebar',
      direction: 'in',
      preview,
    });
  }
  const subject = `Fault conversation ${run}`;
  ids.conversation = await enqueue(options, { kind: 'createConversation', customerId: ALAN.id, subject, priority: 2 });
  ids.update = await enqueue(options, {
    kind: 'updateConversation',
    conversationId: ADA.secondOpenConversationId,
    changes: { status: 'snoozed', priority: 5 },
  });
  ids.attributes = await enqueue(options, {
    kind: 'updateCustomerAttributes',
    customerId: GRACE.id,
    changes: { faultRunStr: run },
  });
  const newcomer = `fault-${run}@newcomer.example`;
  ids.customer = await enqueue(options, { kind: 'createCustomer', name: `Fault Newcomer ${run}`, email: newcomer });

  // Let the storm hit several attempts, then calm the network down.
  await expect
    .poll(async () => (await outbox(options)).filter((item) => item.lastError !== undefined).length, {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(3);
  sandbox.setFaults({ errorRate: 0, dropRate: 0, force429: 0, latencyMs: 0 });
  // The agent presses "Retry" on whatever still waits for its backoff (the alarm would do it later).
  for (const item of await outbox(options)) {
    if (item.state === 'queued' || item.state === 'failed') await send(options, 'retryWrite', { id: item.id });
  }
  await expect
    .poll(async () => (await outbox(options)).filter((item) => item.state !== 'sent').map((item) => item.state), {
      timeout: 40_000,
      intervals: [500],
    })
    .toEqual([]);

  // The faults really happened.
  const statuses = sandbox.requests.map((request) => request.status);
  expect(statuses).toContain(500);
  expect(statuses).toContain(429);
  expect(statuses).toContain(0);

  // Exactly once each, counted in the store.
  const store = sandbox.store;
  for (const body of notes)
    expect(
      count(store.notes.values(), (note) => note.body === body),
      body,
    ).toBe(1);
  expect(count(store.notes.values(), (note) => note.body === quickNote)).toBe(1);
  expect(count(store.conversations.values(), (c) => c.customer === GRACE.id)).toBe(graceConversationsBefore + 1);
  for (const preview of messages) {
    expect(
      count(store.messages.values(), (message) => message.preview === preview),
      preview,
    ).toBe(1);
    expect(count(store.messages.values(), (message) => message.externalId === ids[preview])).toBe(1);
  }
  expect(count(store.conversations.values(), (c) => c.name === subject)).toBe(1);
  expect(count(store.conversations.values(), (c) => c.externalId === ids.conversation)).toBe(1);
  expect(store.conversations.get(ADA.secondOpenConversationId)).toMatchObject({ status: 'snoozed', priority: 5 });
  expect(grace?.custom.faultRunStr ?? store.customers.get(GRACE.id)?.custom.faultRunStr).toBe(run);
  expect(count(store.customers.values(), (c) => c.emails.some((e) => e.email === newcomer))).toBe(1);
  // No write was repeated after Kustomer had accepted it.
  const accepted = sandbox.requests.filter(
    (request) =>
      request.method === 'POST' &&
      request.status >= 200 &&
      request.status < 300 &&
      typeof request.body === 'object' &&
      request.body !== null &&
      notes.includes((request.body as { body?: string }).body ?? ''),
  );
  expect(accepted).toHaveLength(notes.length);
});

test('an OAuth access token that expires mid-session is refreshed once and nothing is lost', async ({ extension }) => {
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithOAuthConsent(extension, options, sandbox)).toMatchObject({
    ok: true,
    value: { state: 'connected', method: 'oauth' },
  });

  const before = `Before expiry ${Date.now()}`;
  await sendNoteOnAdasConversation(options, before);

  // Kustomer expires every access token (as if it outlived its TTL) through the admin endpoint.
  const expired = (await (await fetch(`${sandbox.url}/__sandbox/expire-tokens`, { method: 'POST' })).json()) as {
    expired: number;
  };
  expect(expired.expired).toBeGreaterThanOrEqual(1);
  const refreshesBefore = refreshRequests().length;

  const after = `After expiry ${Date.now()}`;
  await sendNoteOnAdasConversation(options, after);
  expect(await send(options, 'lookupEmail', { email: GRACE.email, refresh: true })).toMatchObject({
    ok: true,
    value: { status: 'known', answers: [{ card: { customer: { id: GRACE.id } } }] },
  });

  const refreshes = refreshRequests();
  expect(refreshes.length - refreshesBefore).toBe(1);
  // The write that met the expired token got one 401, then went through once with the new token.
  const notePosts = sandbox.requests.filter(
    (request) => request.method === 'POST' && (request.body as { body?: string } | null)?.body === after,
  );
  expect(notePosts.map((request) => request.status)).toEqual([401, 201]);
  expect(count(sandbox.store.notes.values(), (note) => note.body === before)).toBe(1);
  expect(count(sandbox.store.notes.values(), (note) => note.body === after)).toBe(1);
  expect(await send(options, 'getConnections')).toMatchObject({
    ok: true,
    value: [{ state: 'connected', method: 'oauth' }],
  });
});
