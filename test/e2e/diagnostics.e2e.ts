import { ADA } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { audit, connectWithKey, currentWorker, outbox, send } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * The diagnostics log in the built extension: a note that Kustomer refuses to take (the sandbox answers 500)
 * shows in the options page's Diagnostics, and neither the log, the copied report nor anything else in
 * storage.session holds the API key or the note's text.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

test('a failed send appears in Diagnostics without the key or the note', async ({ extension }) => {
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithKey(options, sandbox)).toMatchObject({ ok: true });
  const body = `Diagnostics note ${Date.now().toString(36)}: refund approved for the crushed parcel`;

  sandbox.setFaults({ errorRate: 1 });
  const queued = await send(options, 'enqueueWrite', {
    connectionId: 'org-0',
    write: { kind: 'createNote', customerId: ADA.id, conversationId: ADA.openConversationId, body },
  });
  expect(queued).toMatchObject({ ok: true });
  await expect.poll(async () => (await outbox(options))[0]?.lastError?.kind, { timeout: 15_000 }).toBe('server');
  sandbox.setFaults({ errorRate: 0 });

  // The options page shows it.
  await options.getByRole('button', { name: 'Refresh' }).click();
  const failures = options.getByRole('list', { name: 'Recent failures' });
  const sendFailure = failures.getByRole('listitem').filter({ hasText: 'outbox · send createNote' });
  await expect(sendFailure).toBeVisible();
  await expect(sendFailure).toContainText('server');
  await expect(sendFailure).toContainText('HTTP 500');
  await expect(sendFailure).toContainText('Kustomer had a problem (500).');

  // Accessible in both schemes, and usable from the keyboard: Refresh, then Copy report, in tab order.
  expect(await audit(options, 'options with diagnostics')).toEqual([]);
  await options.getByRole('button', { name: 'Refresh' }).focus();
  await options.keyboard.press('Tab');
  await expect(options.getByRole('button', { name: 'Copy report' })).toBeFocused();

  // The report holds the versions and the failure, and no secret.
  await options.keyboard.press('Enter');
  const report = await options.getByLabel('Report').inputValue();
  expect(report).toMatch(/^Kustomer Sidebar diagnostics/);
  expect(report).toMatch(/Extension: \d+\.\d+\.\d+/);
  expect(report).toMatch(/Browser: (Headless)?Chrom(e|ium) \d+/);
  expect(report).toContain('Connection: connected, apiKey, custom host');
  expect(report).toMatch(/\| outbox \| send createNote \| server \| 500 \|/);
  for (const secret of [sandbox.apiKey, body, 'refund approved']) expect(report).not.toContain(secret);

  // Nothing in session storage holds them either (the log lives there).
  const worker = await currentWorker(extension);
  const session = await worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
  expect(session).toContain('send createNote');
  for (const secret of [sandbox.apiKey, body, 'refund approved']) expect(session).not.toContain(secret);
  for (const part of sandbox.apiKey.split('.')) expect(session).not.toContain(part);

  // Only the options page may read it: the side panel is refused (a content script is refused for every
  // page request; hardening-token-isolation.e2e.ts sends it every type).
  const panel = await extension.openExtensionPage('sidepanel.html');
  expect(await send(panel, 'getDiagnostics')).toMatchObject({ ok: false, error: { kind: 'refused' } });
  expect(await send(panel, 'clearDiagnostics')).toMatchObject({ ok: false, error: { kind: 'refused' } });

  // Clear empties it.
  await options.getByRole('button', { name: 'Clear diagnostics' }).click();
  await expect(options.getByText('No failures recorded.')).toBeVisible();
  expect(await send(options, 'getDiagnostics')).toEqual({ ok: true, value: [] });
});
