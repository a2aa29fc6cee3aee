import type { Page } from '@playwright/test';
import { ADA, GRACE, KATHERINE, UNKNOWN_EMAIL } from '../sandbox/fixtures';
import { clickContextMenu, connectAndOpenPage, quickNoteFromSelection, selectText } from '../support/agent-flows';
import { expect, test } from './fixtures';
import { sandboxForFile } from './sandbox-for-file';

/**
 * The three jobs agents use the extension for, end to end in Chromium against the sandbox:
 * asserting what the agent sees and what Kustomer (the sandbox) received.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

const pageList = (panel: Page) => panel.getByRole('list', { name: 'Addresses on this page' });

test('page lookup: addresses on a webmail page are found, marked known or unknown, and open the customer', async ({
  extension,
  sidePanel: panel,
  pages,
}) => {
  const inbox = await connectAndOpenPage(extension, panel, sandbox, `${pages.origin}/demo/inbox.html`);

  await panel.bringToFront();
  await panel.getByRole('button', { name: 'Turn on for this site' }).click();
  await inbox.reload();
  await panel.bringToFront();

  const list = pageList(panel);
  await expect(list.getByText(ADA.email)).toBeVisible();
  await expect(list.getByText(GRACE.email)).toBeVisible();
  await expect(list.getByText(UNKNOWN_EMAIL)).toBeVisible();
  // Arrives one second after load, in mixed case; the seeded customer is found all the same.
  await expect(list.getByText(KATHERINE.email)).toBeVisible();
  await expect(list.getByRole('listitem').filter({ hasText: ADA.email })).toContainText(/known|Ada Lovelace/i);
  await expect(list.getByRole('listitem').filter({ hasText: UNKNOWN_EMAIL })).toContainText(/not in Kustomer|unknown/i);
  // What Kustomer received: one lookup per distinct address, none for the own-UI or the textarea.
  const lookups = sandbox.requests.filter((request) => request.path.startsWith('/v1/customers/email='));
  expect(lookups.some((request) => decodeURIComponent(request.path).includes(ADA.email))).toBe(true);
  expect(lookups.some((request) => request.path.includes('someone%40example.com'))).toBe(false);

  await list.getByRole('listitem').filter({ hasText: GRACE.email }).getByRole('button').first().click();
  await expect(panel.getByRole('heading', { level: 2, name: GRACE.name })).toBeVisible();

  // Clicking a highlighted address on the page shows that customer in the panel.
  await inbox.bringToFront();
  const box = await inbox.evaluate((email) => {
    const walker = document.createTreeWalker(document.querySelector('article') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(email) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 2);
      range.setEnd(node, at + 3);
      const rect = range.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    return null;
  }, ADA.email);
  expect(box).not.toBeNull();
  await inbox.mouse.click(box?.x ?? 0, box?.y ?? 0);
  await panel.bringToFront();
  await expect(panel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();
});

test('right-click lookup: a selected address and a mailto link open that customer in the panel', async ({
  extension,
  sidePanel: panel,
  pages,
}) => {
  const order = await connectAndOpenPage(extension, panel, sandbox, `${pages.origin}/demo/order.html`);
  await selectText(order, GRACE.email);

  await clickContextMenu(extension.serviceWorker, order, {
    menuItemId: 'kustomer-lookup-selection',
    selectionText: await order.evaluate(() => getSelection()?.toString() ?? ''),
    pageUrl: order.url(),
  });
  await panel.bringToFront();
  await expect(panel.getByRole('heading', { level: 2, name: GRACE.name })).toBeVisible();
  await expect(panel.getByText(GRACE.companyName).first()).toBeVisible();

  await clickContextMenu(extension.serviceWorker, order, {
    menuItemId: 'kustomer-lookup-mailto',
    linkUrl: `mailto:${ADA.email}`,
    pageUrl: order.url(),
  });
  await expect(panel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();
  expect(sandbox.requests.some((request) => decodeURIComponent(request.path).endsWith(`email=${ADA.email}`))).toBe(
    true,
  );
});

test('quick note: selected text becomes a note on the customer’s open conversation, with its source', async ({
  extension,
  sidePanel: panel,
  pages,
}) => {
  const order = await connectAndOpenPage(extension, panel, sandbox, `${pages.origin}/demo/order.html`);
  const selected = 'She asked for a replacement shipment and a partial refund of the shipping costs.';
  await quickNoteFromSelection(extension.serviceWorker, order, panel, selected);
  const note = panel.getByLabel('Note', { exact: true });
  await expect(note).toHaveValue(selected);
  await panel.getByLabel('Customer email').fill(ADA.email);
  await panel.getByRole('button', { name: 'Find' }).click();
  await expect(panel.getByLabel('Add to')).toHaveValue(ADA.openConversationId);
  await note.press('Control+Enter');

  await expect
    .poll(() => [...sandbox.store.notes.values()].filter((stored) => stored.body.startsWith(selected)).length)
    .toBe(1);
  const created = [...sandbox.store.notes.values()].find((stored) => stored.body.startsWith(selected));
  expect(created?.conversation).toBe(ADA.openConversationId);
  expect(created?.body).toContain(`Source: ${order.url()}`);
  await expect(panel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();
});
