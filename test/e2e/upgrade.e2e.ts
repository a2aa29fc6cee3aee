import { resolveTarget } from '../../lib/kustomer/connection-target';
import { ADA } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { currentWorker, send, stopServiceWorker } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Issue 18, "Upgrade": a profile saved by the single-connection version (one connection, its key, a draft, a
 * note queued in the outbox, recent customers) becomes the first organisation when the new worker starts,
 * without the agent doing anything: the panel shows the draft and the recent customer, and the queued note
 * reaches Kustomer once.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

test('a profile of the single-connection version keeps its connection, draft, recent customer and queued note', async ({
  extension,
}) => {
  test.setTimeout(60_000);
  const run = Date.now().toString(36);
  const draft = `Draft typed before the update ${run}`;
  const queued = `Note queued before the update ${run}`;
  const { baseUrl, appUrl } = resolveTarget({ kind: 'custom', baseUrl: sandbox.url }, 'test');
  // The items exactly as the single-connection version stored them (lib/background/storage-items.ts,
  // lib/background/credentials.ts, lib/storage.ts and lib/ui/app-drafts.ts of that version).
  const profile = {
    connection: {
      method: 'apiKey',
      target: { kind: 'custom', baseUrl: sandbox.url },
      baseUrl,
      appUrl,
      userName: 'Sam Rivera',
    },
    credentials: { method: 'apiKey', apiKey: sandbox.apiKey },
    drafts: { [`note:${ADA.openConversationId}`]: { text: draft, updatedAt: Date.now() } },
    panelMemory: { recent: [{ id: ADA.id, name: ADA.name, email: ADA.email, viewedAt: Date.now() }] },
    outbox: [
      {
        id: `legacy-${run}`,
        request: { kind: 'createNote', customerId: ADA.id, conversationId: ADA.openConversationId, body: queued },
        state: 'queued',
        attempts: 0,
        createdAt: Date.now(),
        destination: baseUrl,
      },
    ],
  };
  const options = await extension.openExtensionPage('options.html');
  // The new worker already started once on this fresh profile (and listed no connection): write the old
  // profile in its place, as an update of the extension finds it, then stop the worker.
  await extension.serviceWorker.evaluate(async (items) => {
    await chrome.storage.local.clear();
    await chrome.storage.local.set(items);
  }, profile);
  await stopServiceWorker(extension, options);

  // The next request starts a new worker, which upgrades before it answers.
  const connections = await send(options, 'getConnections');
  expect(connections).toMatchObject({ ok: true, value: [{ id: 'org-0', state: 'connected', baseUrl }] });

  const panel = await extension.openExtensionPage('sidepanel.html');
  const recent = panel.getByRole('list', { name: 'Recent customers' });
  await expect(recent.getByRole('button', { name: new RegExp(ADA.name) })).toBeVisible();
  await expect(panel.getByText('1 unsent draft')).toBeVisible();
  await recent.getByRole('button', { name: new RegExp(ADA.name) }).click();
  await expect(panel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();
  await panel.getByRole('button', { name: /^Conversations \(\d+ open\)$/ }).click();
  const subject = sandbox.store.conversations.get(ADA.openConversationId)?.name ?? '';
  await panel
    .getByRole('list', { name: 'Conversations' })
    .getByRole('button', { name: new RegExp(subject) })
    .first()
    .click();
  await expect(panel.getByLabel('Note', { exact: true })).toHaveValue(draft);

  // The queued note was sent by the upgraded connection, once.
  const sent = () => [...sandbox.store.notes.values()].filter((note) => note.body === queued).length;
  await expect.poll(sent, { timeout: 20_000 }).toBe(1);
  await expect
    .poll(async () => {
      const answer = await send(options, 'getOutbox');
      return answer.ok ? (answer.value as { state: string }[]).map((item) => item.state) : ['?'];
    })
    .toEqual(['sent']);

  // A later start (the worker stopped again) finds nothing more to move and sends nothing again.
  await stopServiceWorker(extension, options);
  expect(await send(options, 'getConnections')).toMatchObject({ ok: true, value: [{ id: 'org-0' }] });
  // The panel reopens where the agent left it, in its organisation, with the draft.
  await panel.reload();
  await expect(panel.getByRole('heading', { level: 2, name: subject })).toBeVisible();
  await expect(panel.getByLabel('Note', { exact: true })).toHaveValue(draft);
  expect(sent()).toBe(1);
  const stored = await (await currentWorker(extension)).evaluate(() => chrome.storage.local.get(null));
  expect(Object.keys(stored).filter((key) => ['connection', 'credentials', 'panelMemory'].includes(key))).toEqual([]);
});
