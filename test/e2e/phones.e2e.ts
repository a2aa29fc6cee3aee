import type { Page } from '@playwright/test';
import { ADA, GRACE, MARGARET } from '../sandbox/fixtures';
import { clickContextMenu, connectAndOpenPage, selectText } from '../support/agent-flows';
import { expect, test } from './fixtures';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Phone numbers as a second key (issue 15), in Chromium against the sandbox: an order page that shows phones
 * and no email address.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

const pageList = (panel: Page) => panel.getByRole('list', { name: 'Addresses on this page' });
const UNKNOWN = '+442079460999';

/** National numbers on the page are US numbers: the agent's country is set, not left to the runner's locale. */
async function setCountry(panel: Page, country: string): Promise<void> {
  await panel.evaluate(
    (phoneCountry) => chrome.runtime.sendMessage({ type: 'updateSettings', input: { patch: { phoneCountry } } }),
    country,
  );
}

/** The centre of the first occurrence of `text` on the page (to click a mark as the agent would). */
async function centreOf(page: Page, text: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((needle) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(needle) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 2);
      range.setEnd(node, at + 3);
      const rect = range.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    return null;
  }, text);
}

test('phones on an order page are found, marked known or unknown, and open the customer', async ({
  extension,
  sidePanel: panel,
  pages,
}) => {
  const order = await connectAndOpenPage(extension, panel, sandbox, `${pages.origin}/demo/phone-order.html`);
  await setCountry(panel, 'US');
  await panel.bringToFront();
  await panel.getByRole('button', { name: 'Turn on for this site' }).click();
  await order.reload();
  await panel.bringToFront();

  const list = pageList(panel);
  // Ada by phone= (stored "+44 20 7946 0018"), Grace by the typed-search fallback (stored "(212) 555-0142"),
  // Margaret from a tel: link, and a number nobody has.
  await expect(list.getByRole('listitem').filter({ hasText: ADA.name })).toContainText(/known/i);
  await expect(list.getByRole('listitem').filter({ hasText: GRACE.name })).toContainText(/known/i);
  await expect(list.getByRole('listitem').filter({ hasText: MARGARET.name })).toContainText(/known/i);
  await expect(list.getByRole('listitem').filter({ hasText: UNKNOWN })).toContainText(/not in Kustomer/i);
  // The look-alikes on the page (date, price, tracking, invoice number) are not listed.
  await expect(list.getByRole('listitem')).toHaveCount(4);
  expect(sandbox.requests.some((request) => request.path === `/v1/customers/phone=${ADA.phoneE164.slice(1)}`)).toBe(
    true,
  );
  expect(sandbox.requests.some((request) => request.path.includes('4500123456'))).toBe(false);

  // Clicking the marked number on the page opens its customer.
  await order.bringToFront();
  const box = await centreOf(order, '(212) 555-0142');
  expect(box).not.toBeNull();
  await order.mouse.click(box?.x ?? 0, box?.y ?? 0);
  await panel.bringToFront();
  await expect(panel.getByRole('heading', { level: 2, name: GRACE.name })).toBeVisible();
});

test('right-click lookup of a selected phone number, and "Log a call" from an unknown one', async ({
  extension,
  sidePanel: panel,
  pages,
}) => {
  const order = await connectAndOpenPage(extension, panel, sandbox, `${pages.origin}/demo/phone-order.html`);
  await setCountry(panel, 'US');
  await selectText(order, '(212) 555-0142');
  await clickContextMenu(extension.serviceWorker, order, {
    menuItemId: 'kustomer-lookup-selection',
    selectionText: await order.evaluate(() => getSelection()?.toString() ?? ''),
    pageUrl: order.url(),
  });
  await panel.bringToFront();
  await expect(panel.getByRole('heading', { level: 2, name: GRACE.name })).toBeVisible();

  await selectText(order, '+44 20 7946 0999');
  await clickContextMenu(extension.serviceWorker, order, {
    menuItemId: 'kustomer-lookup-selection',
    selectionText: await order.evaluate(() => getSelection()?.toString() ?? ''),
    pageUrl: order.url(),
  });
  await expect(panel.getByText('No customer in Kustomer has this number.')).toBeVisible();
  await panel.getByRole('button', { name: 'Log a call' }).click();
  await expect(panel.getByLabel('Number', { exact: true })).toHaveValue('+44 20 7946 0999');
  await panel.getByLabel(/Customer name/).fill('Delivery contact');
  await panel.getByLabel('Incoming').check();
  await panel.getByLabel('Call notes').fill('Asked to be called back about the late parcel.');
  await panel.getByRole('button', { name: 'Log call' }).click();

  // What Kustomer received: a customer with the number, and a voice message from it.
  const NOTES = 'Asked to be called back about the late parcel.';
  await expect
    .poll(() => [...sandbox.store.messages.values()].filter((message) => message.preview === NOTES).length)
    .toBe(1);
  const call = [...sandbox.store.messages.values()].find((message) => message.preview === NOTES);
  expect(call).toMatchObject({ channel: 'voice', direction: 'in' });
  const caller = sandbox.store.customers.get(call?.customer ?? '');
  expect(caller?.name).toBe('Delivery contact');
  expect(caller?.phones.map((entry) => entry.phone)).toEqual([UNKNOWN]);
  await expect(panel.getByRole('heading', { level: 2, name: 'Delivery contact' })).toBeVisible();
});
