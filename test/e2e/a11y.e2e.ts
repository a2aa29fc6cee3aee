import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { type Sandbox, startSandbox } from '../sandbox';
import { ADA, UNKNOWN_EMAIL } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { connectThroughPanel, openWithDetection, send } from './hardening-helpers';

/**
 * axe-core inside Chromium on every side panel and options view, in the light and the dark scheme:
 * no serious or critical violation. Moderate and minor ones are listed in the test's annotations.
 */

let sandbox: Sandbox;
test.beforeAll(async () => {
  sandbox = await startSandbox();
});
test.afterAll(() => sandbox.close());
test.beforeEach(() => sandbox.reset());

/** Runs axe in both schemes; returns serious/critical findings and records the milder ones. */
async function audit(page: Page, view: string): Promise<string[]> {
  const serious: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const results = await new AxeBuilder({ page }).analyze();
    for (const violation of results.violations) {
      const where = violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ');
      const line = `${view} (${colorScheme}) ${violation.impact} ${violation.id}: ${where}`;
      if (violation.impact === 'serious' || violation.impact === 'critical') serious.push(line);
      else test.info().annotations.push({ type: 'axe', description: line });
    }
    // A real audit: axe checked this view's controls (labels, names, contrast).
    expect(results.passes.length, `${view} ${colorScheme}`).toBeGreaterThan(5);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return serious;
}

test('connect, options, lookup with the page list, customer, conversations and timeline', async ({
  extension,
  pages,
}) => {
  test.setTimeout(90_000);
  const found: string[] = [];
  const options = await extension.openExtensionPage('options.html');
  await options.setViewportSize({ width: 400, height: 900 });
  await expect(options.getByRole('button', { name: 'Connect to Kustomer' })).toBeVisible();
  found.push(...(await audit(options, 'options, not connected')));

  const panel = await extension.openExtensionPage('sidepanel.html');
  await panel.setViewportSize({ width: 360, height: 760 });
  found.push(...(await audit(panel, 'connect')));
  await connectThroughPanel(panel, sandbox);
  await options.reload();
  await expect(options.getByText(/Connected to/)).toBeVisible();
  found.push(...(await audit(options, 'options, connected')));

  // The page list needs a page with detection as the window's active tab.
  const { page } = await openWithDetection(extension, options, `${pages.origin}/hostile/attacker.html`);
  await page.bringToFront();
  await panel.reload();
  await expect(
    panel.getByRole('list', { name: 'Addresses on this page' }).getByText('Known customer').first(),
  ).toBeVisible();
  found.push(...(await audit(panel, 'lookup with page list')));

  await panel.getByRole('searchbox', { name: 'Search customers' }).fill('Ada');
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(panel.getByRole('list', { name: 'Search results' })).toBeVisible();
  found.push(...(await audit(panel, 'search results')));
  await panel
    .getByRole('list', { name: 'Search results' })
    .getByRole('button', { name: /Ada Lovelace/ })
    .click();
  await expect(panel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();
  found.push(...(await audit(panel, 'customer')));

  await panel.getByRole('button', { name: /^Conversations/ }).click();
  await expect(panel.getByRole('list', { name: 'Conversations' })).toBeVisible();
  found.push(...(await audit(panel, 'conversations')));
  await panel.getByRole('list', { name: 'Conversations' }).getByRole('button').first().click();
  await expect(panel.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await panel.getByText('Log a message').click();
  found.push(...(await audit(panel, 'conversation timeline')));
  expect(found).toEqual([]);
});

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
    write: { kind: 'createNote', customerId: ADA.id, conversationId: ADA.openConversationId, body: 'Sent note' },
  });
  await send(panel, 'enqueueWrite', {
    write: { kind: 'createNote', customerId: ADA.id, conversationId: '5f1a0ada00000000000000ff', body: 'Lost note' },
  });
  await panel.getByRole('button', { name: /^Outbox/ }).click();
  await expect(panel.getByRole('button', { name: /^Retry: / })).toBeVisible({ timeout: 15_000 });
  found.push(...(await audit(panel, 'outbox')));

  await panel.getByRole('button', { name: 'Search', exact: true }).first().click();
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill(UNKNOWN_EMAIL);
  await panel.getByRole('button', { name: 'Search', exact: true }).last().click();
  await expect(panel.getByRole('button', { name: `Create customer ${UNKNOWN_EMAIL}` })).toBeVisible();
  found.push(...(await audit(panel, 'no search result')));
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
