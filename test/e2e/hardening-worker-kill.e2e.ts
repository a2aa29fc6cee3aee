import type { Page } from '@playwright/test';
import { ADA, GRACE } from '../sandbox/fixtures';
import type { LaunchedExtension } from '../support/launch-extension';
import { expect, test } from './fixtures';
import { connectWithKey, currentWorker, outbox, send, stopServiceWorker } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * The service worker is killed after it saved a write and while it is sending it: Kustomer receives
 * the request and applies it, but the worker never hears the answer. The next worker must find that
 * write in Kustomer instead of sending it again, and send everything queued behind it exactly once.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

async function enqueue(page: Page, write: Record<string, unknown>): Promise<string> {
  const answer = await send(page, 'enqueueWrite', { connectionId: 'org-0', write });
  expect(answer).toMatchObject({ ok: true });
  return (answer as { value: { id: string } }).value.id;
}

/**
 * Holds Kustomer's answer for `latencyMs`, waits until the write is stored as 'sending' and its POST
 * reached the sandbox, kills the worker, and waits until the sandbox applied the write it can no longer answer.
 */
async function killWhileSending(
  extension: LaunchedExtension,
  page: Page,
  id: string,
  postPath: RegExp,
  before: () => number,
): Promise<void> {
  await expect.poll(async () => (await outbox(page)).find((item) => item.id === id)?.state).toBe('sending');
  await expect
    .poll(() =>
      sandbox.requests.some(
        (request) => request.method === 'POST' && postPath.test(request.path) && request.status === 0,
      ),
    )
    .toBe(true);
  const worker = await currentWorker(extension);
  await worker.evaluate(() => Object.assign(globalThis, { __killMarker: 'old worker' }));
  await stopServiceWorker(extension, page);
  sandbox.setFaults({ latencyMs: 0 });
  // The sandbox finishes the request the dead worker made (latency elapses, the record is created).
  await expect.poll(before, { timeout: 15_000 }).toBe(1);
}

test('a worker killed mid-send: the write Kustomer applied is not sent again, the queue behind it is sent once', async ({
  extension,
}) => {
  test.setTimeout(60_000);
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithKey(options, sandbox)).toMatchObject({ ok: true });
  const run = Date.now().toString(36);
  const notesWith = (body: string) => [...sandbox.store.notes.values()].filter((note) => note.body === body).length;

  // Round 1: a note is in flight; a message and a conversation wait behind it.
  sandbox.setFaults({ latencyMs: 4_000 });
  const note = `Killed mid-send ${run}`;
  const noteId = await enqueue(options, {
    kind: 'createNote',
    customerId: ADA.id,
    conversationId: ADA.openConversationId,
    body: note,
  });
  const preview = `Queued behind the kill ${run}`;
  const messageId = await enqueue(options, {
    kind: 'createMessage',
    conversationId: ADA.openConversationId,
    channel: 'email',
    app: 'kustomer-sidebar',
    direction: 'out',
    preview,
  });
  const subject = `Conversation behind the kill ${run}`;
  const conversationId = await enqueue(options, { kind: 'createConversation', customerId: ADA.id, subject });
  await killWhileSending(extension, options, noteId, /\/notes$/, () => notesWith(note));

  // Any message starts a new worker, whose resume() re-checks the write and sends the rest.
  await expect
    .poll(
      async () =>
        (await outbox(options))
          .filter((item) => [noteId, messageId, conversationId].includes(item.id))
          .map((item) => item.state),
      {
        timeout: 30_000,
        intervals: [500],
      },
    )
    .toEqual(['sent', 'sent', 'sent']);
  const after = await currentWorker(extension);
  expect(await after.evaluate(() => (globalThis as { __killMarker?: string }).__killMarker)).toBeUndefined();
  expect((await outbox(options)).find((item) => item.id === noteId)?.attempts).toBe(2);
  expect(notesWith(note)).toBe(1);
  expect([...sandbox.store.messages.values()].filter((m) => m.preview === preview)).toHaveLength(1);
  expect([...sandbox.store.conversations.values()].filter((c) => c.name === subject)).toHaveLength(1);

  // Round 2: a quick note into a new conversation (two steps) killed while its conversation is created.
  sandbox.setFaults({ latencyMs: 4_000 });
  const quick = `Quick note killed mid-send ${run}`;
  const conversationsOf = () => [...sandbox.store.conversations.values()].filter((c) => c.customer === GRACE.id);
  const graceBefore = conversationsOf().length;
  const quickId = await enqueue(options, { kind: 'createNote', customerId: GRACE.id, body: quick });
  await killWhileSending(
    extension,
    options,
    quickId,
    /^\/v1\/conversations$/,
    () => conversationsOf().length - graceBefore,
  );
  await expect
    .poll(async () => (await outbox(options)).find((item) => item.id === quickId)?.state, { timeout: 30_000 })
    .toBe('sent');
  expect(conversationsOf()).toHaveLength(graceBefore + 1);
  expect(notesWith(quick)).toBe(1);
  const created = conversationsOf().find((c) => c.externalId === quickId);
  expect([...sandbox.store.notes.values()].find((n) => n.body === quick)?.conversation).toBe(created?.id);
});
