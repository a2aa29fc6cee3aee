import { ADA, UNKNOWN_EMAIL } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { audit, connectThroughPanel, send } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * axe-core on the remaining side panel views (see a11y.e2e.ts for the first ones), light and dark:
 * no serious or critical violation. Moderate and minor ones are listed in the test's annotations.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

test('new conversation, custom objects, company, outbox, create customer and quick note', async ({
  extension,
  sidePanel: panel,
}) => {
  test.setTimeout(90_000);
  const found: string[] = [];
  await panel.setViewportSize({ width: 360, height: 760 });
  await connectThroughPanel(panel, sandbox);
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill(ADA.email);
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await panel.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  await expect(panel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();

  await panel.getByRole('button', { name: 'New conversation' }).first().click();
  await expect(panel.getByLabel('Subject')).toBeVisible();
  found.push(...(await audit(panel, 'new conversation')));
  await panel.getByRole('button', { name: 'Back' }).click();

  await panel.getByRole('button', { name: 'Custom objects' }).click();
  await expect(panel.locator('.card').first()).toBeVisible();
  found.push(...(await audit(panel, 'custom objects')));
  await panel.getByRole('button', { name: 'Back' }).click();

  await panel.getByRole('button', { name: ADA.companyName }).click();
  await expect(panel.getByRole('heading', { name: ADA.companyName })).toBeVisible();
  found.push(...(await audit(panel, 'company')));

  // An outbox with one sent and one failed write (a note on a conversation that does not exist).
  await send(panel, 'enqueueWrite', {
    connectionId: 'org-0',
    write: { kind: 'createNote', customerId: ADA.id, conversationId: ADA.openConversationId, body: 'Sent note' },
  });
  await send(panel, 'enqueueWrite', {
    connectionId: 'org-0',
    write: { kind: 'createNote', customerId: ADA.id, conversationId: '5f1a0ada00000000000000ff', body: 'Lost note' },
  });
  await panel.getByRole('button', { name: /^Outbox/ }).click();
  await expect(panel.getByRole('button', { name: /^Retry now: / })).toBeVisible({ timeout: 15_000 });
  found.push(...(await audit(panel, 'outbox')));

  await panel.getByRole('button', { name: 'Search', exact: true }).first().click();
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill(UNKNOWN_EMAIL);
  await panel.getByRole('button', { name: 'Search', exact: true }).last().click();
  await panel.getByRole('button', { name: `Create customer ${UNKNOWN_EMAIL}` }).click();
  await expect(panel.getByLabel('Name')).toBeVisible();
  found.push(...(await audit(panel, 'create customer')));

  // Quick note, as the context menu opens it.
  await panel.close();
  await extension.serviceWorker.evaluate((intent) => chrome.storage.session.set({ panelIntent: intent }), {
    kind: 'quickNote',
    text: 'Parcel arrived damaged.',
    sourceUrl: 'https://mail.example.com/thread/7',
    sourceTitle: 'Re: parcel',
    email: ADA.email,
  });
  const quick = await extension.openExtensionPage('sidepanel.html');
  await quick.setViewportSize({ width: 360, height: 760 });
  await expect(quick.getByRole('heading', { name: 'Quick note' })).toBeVisible();
  await expect(quick.getByLabel('Add to')).toBeVisible();
  found.push(...(await audit(quick, 'quick note')));
  expect(found).toEqual([]);
});
