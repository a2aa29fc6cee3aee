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

test('the card paints the customer after one Kustomer call and fills the conversations in after', async ({
  extension,
  sidePanel,
  pages,
}) => {
  expect((await connectWithKey(sidePanel, sandbox)).ok).toBe(true);
  await sidePanel.reload();
  await expect(sidePanel.getByRole('heading', { name: 'Find a customer' })).toBeVisible();
  const mail = await extension.context.newPage();
  await mail.goto(`${pages.origin}/detection/mailto.html`);
  sandbox.setFaults({ latencyMs: 800 });
  sandbox.requests.length = 0;
  await clickContextMenu(extension.serviceWorker, mail, {
    menuItemId: 'kustomer-lookup-mailto',
    linkUrl: `mailto:${ADA.email}`,
    pageUrl: mail.url(),
  });
  await sidePanel.bringToFront();
  await expect(sidePanel.getByRole('heading', { name: ADA.name })).toBeVisible();
  // The customer is on screen while the second part is still on its way, its place held.
  const recent = sidePanel.getByRole('region', { name: 'Recent conversations' });
  await expect(recent).toHaveAttribute('aria-busy', 'true');
  await expect(sidePanel.getByRole('button', { name: 'Conversations (2 open)' })).toBeVisible();
  await expect(recent).toHaveAttribute('aria-busy', 'false');
  // One lookup, then one read of the conversations (the background's, which the panel's request took).
  const lookupAt = sandbox.requests.find((request) => request.path === LOOKUP_PATH)?.at ?? Number.NaN;
  const conversations = sandbox.requests.filter((request) => request.path === `/v1/customers/${ADA.id}/conversations`);
  expect(conversations).toHaveLength(1);
  expect(conversations[0]?.at).toBeGreaterThan(lookupAt);
  expect(lookupsOfAda()).toBe(1);
});

test('conversations that fail show an error with Retry in their section, under the customer', async ({
  extension,
  sidePanel,
}) => {
  expect((await connectWithKey(sidePanel, sandbox)).ok).toBe(true);
  // The card is cached by a first lookup; the conversations are asked for when the screen opens.
  await sidePanel.evaluate((email) => chrome.runtime.sendMessage({ type: 'lookupEmail', input: { email } }), ADA.email);
  sandbox.setFaults({ errorRate: 1 });
  await extension.serviceWorker.evaluate(
    (email) =>
      (
        globalThis as unknown as { __ksTest: { contextMenuClick(click: unknown, tab: unknown): Promise<void> } }
      ).__ksTest.contextMenuClick(
        { menuItemId: 'kustomer-lookup-mailto', linkUrl: `mailto:${email}`, pageUrl: 'https://mail.example/' },
        { id: 1, url: 'https://mail.example/' },
      ),
    ADA.email,
  );
  // The open panel follows the pushed intent, and takes it: it is shown once (issue 17, bug 1).
  await expect(sidePanel.getByRole('heading', { name: ADA.name })).toBeVisible();
  const recent = sidePanel.getByRole('region', { name: 'Recent conversations' });
  await expect(recent.getByRole('alert')).toContainText('Conversations could not be loaded.', { timeout: 15_000 });
  sandbox.setFaults({ errorRate: 0 });
  await recent.getByRole('button', { name: 'Retry' }).click();
  await expect(sidePanel.getByRole('button', { name: 'Conversations (2 open)' })).toBeVisible();
  await expect(recent.getByRole('listitem').first()).toBeVisible();
});
