import { ADA } from '../sandbox/fixtures';
import { clickContextMenu } from '../support/agent-flows';
import { expect, test } from './fixtures';
import { connectWithKey } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * The right-click lookup starts in the background at the click, while Chrome opens the panel; the
 * panel's own request for the card must join it, so Kustomer is asked once per right-click.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

const LOOKUP_PATH = `/v1/customers/email=${encodeURIComponent(ADA.email)}`;
const lookupsOfAda = () => sandbox.requests.filter((request) => request.path === LOOKUP_PATH).length;

test('a panel opened by a right-click shows the card with the one Kustomer lookup the click started', async ({
  extension,
  sidePanel,
  pages,
}) => {
  expect((await connectWithKey(sidePanel, sandbox)).ok).toBe(true);
  await sidePanel.close();
  const mail = await extension.context.newPage();
  await mail.goto(`${pages.origin}/detection/mailto.html`);
  // Slow enough that the panel asks while the click's lookup is still on its way.
  sandbox.setFaults({ latencyMs: 400 });
  await clickContextMenu(extension.serviceWorker, mail, {
    menuItemId: 'kustomer-lookup-mailto',
    linkUrl: `mailto:${ADA.email}`,
    pageUrl: mail.url(),
  });
  const panel = await extension.openExtensionPage('sidepanel.html');
  await expect(panel.getByRole('heading', { name: ADA.name })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Conversations (2 open)' })).toBeVisible();
  expect(lookupsOfAda()).toBe(1);
});

test('an open panel follows the next right-click with one Kustomer lookup', async ({ extension, sidePanel, pages }) => {
  expect((await connectWithKey(sidePanel, sandbox)).ok).toBe(true);
  await sidePanel.reload();
  await expect(sidePanel.getByRole('heading', { name: 'Find a customer' })).toBeVisible();
  const mail = await extension.context.newPage();
  await mail.goto(`${pages.origin}/detection/mailto.html`);
  sandbox.setFaults({ latencyMs: 400 });
  await clickContextMenu(extension.serviceWorker, mail, {
    menuItemId: 'kustomer-lookup-selection',
    selectionText: `write to ${ADA.email} today`,
    pageUrl: mail.url(),
  });
  await sidePanel.bringToFront();
  await expect(sidePanel.getByRole('heading', { name: ADA.name })).toBeVisible();
  expect(lookupsOfAda()).toBe(1);
});
