import { ADA } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { audit, connectThroughPanel, openWithDetection } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * axe-core inside Chromium on every side panel and options view, in the light and the dark scheme:
 * no serious or critical violation. Moderate and minor ones are listed in the test's annotations.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

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
