import type { Page } from '@playwright/test';
import { ADA } from '../sandbox/fixtures';
import { clickContextMenu, connectThroughPanel, quickNoteFromSelection, searchAndOpen } from '../support/agent-flows';
import { expect, test } from './fixtures';
import { sandboxForFile } from './sandbox-for-file';
import { shootWidths } from './shoot';

const sandbox = sandboxForFile({ resetBeforeEach: true });

const LONG_NAME = 'Augusta Ada King-Noel, Countess of Lovelace and Baroness Wentworth of Nettlestead';
const LONG_EMAIL = 'augusta.ada.king-noel.countess.of.lovelace@analytical-engine-society.example.com';

/** Elements whose content is wider than their box and hidden or cut (what an agent sees as cut off). */
function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main *')]
      .filter((element) => element.getClientRects().length > 0)
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.right > document.documentElement.clientWidth + 0.5 || element.scrollWidth > element.clientWidth + 1;
      })
      .filter(
        (element) =>
          getComputedStyle(element).textOverflow !== 'ellipsis' &&
          !element.classList.contains('visually-hidden') &&
          // Text for screen readers only (the exact time of a relative one) is clipped to nothing on purpose.
          getComputedStyle(element).clip !== 'rect(0px, 0px, 0px, 0px)',
      )
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 40)}`),
  );
}

/** The text of each line an address is laid out on, in the customer's facts. */
function lineEnds(page: Page, address: string): Promise<string[]> {
  return page.evaluate((text) => {
    const holder = [...document.querySelectorAll('dd bdi')].find(
      (element) => element.querySelector('.visually-hidden')?.textContent === text,
    );
    if (!holder) return [];
    const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
    const lines = new Map<number, string>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.visually-hidden')) continue;
      const value = node.textContent ?? '';
      for (let index = 0; index < value.length; index += 1) {
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        lines.set(top, (lines.get(top) ?? '') + value[index]);
      }
    }
    return [...lines.entries()].sort(([a], [b]) => a - b).map(([, line]) => line);
  }, address);
}

test('bug 4: long names and addresses wrap at sensible points at 320 and 400 px', async ({ sidePanel: page }) => {
  const ada = sandbox.store.customers.get(ADA.id);
  if (!ada) throw new Error('no Ada');
  ada.name = LONG_NAME;
  ada.displayName = LONG_NAME;
  ada.emails = [{ type: 'home', email: LONG_EMAIL }, ...ada.emails];
  await page.setViewportSize({ width: 400, height: 760 });
  await connectThroughPanel(page, sandbox);
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('Augusta');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Search results' })).toBeVisible();
  for (const width of [320, 400]) {
    await page.setViewportSize({ width, height: 760 });
    expect(await cutOff(page)).toEqual([]);
  }
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  await expect(page.getByRole('heading', { level: 2, name: LONG_NAME })).toBeVisible();
  for (const width of [320, 400]) {
    await page.setViewportSize({ width, height: 760 });
    expect(await cutOff(page)).toEqual([]);
    // Each line of an address ends after its @ or before a dot, never inside a host name ("example.co / m").
    expect(await lineEnds(page, 'ada.lovelace@example.com')).toEqual(
      width === 320 ? ['ada.lovelace@', 'example.com'] : ['ada.lovelace@example.com'],
    );
    for (const line of await lineEnds(page, LONG_EMAIL)) expect(line).toMatch(/(@|[a-z-]+)$/);
    expect((await lineEnds(page, LONG_EMAIL)).join('')).toBe(LONG_EMAIL);
  }
  await expect(page.getByTitle(LONG_EMAIL)).toHaveCount(1);
});

test('bug 1: a quick note pushed to the open panel does not come back after the panel is reopened', async ({
  extension,
  sidePanel,
  pages,
}) => {
  await connectThroughPanel(sidePanel, sandbox);
  const mail = await extension.context.newPage();
  await mail.goto(`${pages.origin}/detection/mailto.html`);
  await clickContextMenu(extension.serviceWorker, mail, {
    menuItemId: 'kustomer-add-note',
    selectionText: 'Refund approved for the broken engine',
    pageUrl: mail.url(),
  });
  await sidePanel.bringToFront();
  await expect(sidePanel.getByRole('heading', { name: 'Quick note' })).toBeVisible();
  await sidePanel.close();
  const reopened = await extension.openExtensionPage('sidepanel.html');
  await expect(reopened.getByRole('heading', { name: 'Find a customer' })).toBeVisible();
  await reopened.waitForTimeout(500);
  await expect(reopened.getByRole('heading', { name: 'Quick note' })).toHaveCount(0);
});

test('bug 6 and the outbox: a write waiting while Kustomer is down names its customer, retries now', async ({
  sidePanel: page,
}) => {
  await page.setViewportSize({ width: 400, height: 760 });
  await connectThroughPanel(page, sandbox);
  await searchAndOpen(page, 'Ada', ADA.name);
  await page.getByRole('button', { name: /^Conversations \(\d+ open\)$/ }).click();
  const subject = sandbox.store.conversations.get(ADA.openConversationId)?.name ?? '';
  await page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('button', { name: new RegExp(subject) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 2, name: subject })).toBeVisible();
  sandbox.setFaults({ down: true });
  const note = page.getByLabel('Note', { exact: true });
  await note.fill('Called back about the refund.');
  await note.press('Control+Enter');
  // Named as soon as the outbox's first attempt fails, before any read does.
  await expect(page.getByText(/^Kustomer cannot be reached\. What you write is kept/)).toBeVisible();
  await expect(page.getByText(/offline|No network/)).toHaveCount(0);
  await page.getByRole('button', { name: /^Outbox/ }).click();
  const item = page.getByRole('list', { name: 'Writes' }).getByRole('listitem').first();
  await expect(item).toContainText(`For ${ADA.name}`);
  await expect(item).toContainText(subject);
  await expect(item).toContainText(/next try (in \d+ s|in \d+ min \d+ s|now)/);
  await shootWidths(page, 'outbox-names');
  sandbox.setFaults({ down: false });
  await item.getByRole('button', { name: /^Retry now/ }).click();
  await expect(item).toContainText('Sent');
  expect(
    [...sandbox.store.notes.values()].filter((entry) => entry.body === 'Called back about the refund.'),
  ).toHaveLength(1);
});

test('recent customers: the panel lists who was opened and reopens on the last screen', async ({
  extension,
  sidePanel: page,
}) => {
  await connectThroughPanel(page, sandbox);
  await searchAndOpen(page, 'Grace', 'Grace Hopper');
  await page.getByRole('button', { name: 'Search' }).click();
  await searchAndOpen(page, 'Ada', ADA.name);
  await page.close();
  const reopened = await extension.openExtensionPage('sidepanel.html');
  await expect(reopened.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();
  await reopened.getByRole('button', { name: 'Search' }).click();
  const recent = reopened.getByRole('list', { name: 'Recent customers' });
  await expect(recent.getByRole('button')).toHaveText([new RegExp(ADA.name), /Grace Hopper/]);
  await reopened.getByRole('searchbox', { name: 'Search customers' }).fill('half typed');
  await shootWidths(reopened, 'recent-customers');
});

test('connect: a pasted Kustomer address becomes the organisation; Open options is a link', async ({
  sidePanel: page,
}) => {
  await expect(page.getByRole('heading', { name: 'Not connected to Kustomer' })).toBeVisible();
  await page.getByLabel('Where is your Kustomer?').selectOption('org');
  await page.getByLabel('Organisation').fill('https://acme.kustomerapp.com/app/customers');
  await expect(page.getByLabel('Organisation')).toHaveValue('acme');
  await expect(page.getByRole('link', { name: 'options' })).toHaveAttribute('href', '/options.html');
  await shootWidths(page, 'connect-pasted-url');
  await page.getByLabel('Organisation').fill('https://acme.api.kustomerapp.com');
  await expect(page.getByLabel('Organisation')).toHaveValue('acme');
});

test('bug 5: search results show the company and why each matched; ids and orders are found', async ({
  sidePanel: page,
}) => {
  await connectThroughPanel(page, sandbox);
  const search = async (text: string) => {
    await page.getByRole('searchbox', { name: 'Search customers' }).fill(text);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    return page.getByRole('list', { name: 'Search results' });
  };
  const results = await search('analytical');
  const ada = results.getByRole('button', { name: new RegExp(ADA.name) });
  await expect(ada).toContainText(ADA.companyName);
  await expect(ada).toContainText(`Matched on email: ${ADA.secondEmail}`);
  await shootWidths(page, 'search-company');

  await expect((await search(ADA.externalId)).getByRole('button').first()).toContainText(
    `Matched on external id: ${ADA.externalId}`,
  );
  const [orderId] = ADA.orderExternalIds;
  const order = (await search(orderId)).getByRole('button').first();
  await expect(order).toContainText(`Matched on Order ${orderId}`);
  await order.click();
  await expect(page.getByRole('heading', { level: 2, name: `Custom objects of ${ADA.name}` })).toBeVisible();
  const found = page.locator('li.card[aria-current="true"]');
  await expect(found).toContainText('Found by its external id');
  await expect(found).toBeInViewport();
});

test('bug 7: a quick note names the visible address nearest the selection and says where it came from', async ({
  extension,
  sidePanel: panel,
  pages,
}) => {
  await connectThroughPanel(panel, sandbox);
  const page = await extension.context.newPage();
  await page.goto(`${pages.origin}/index.html`);
  await page.setContent(`<main><article><p>From: Ada Lovelace &lt;${ADA.email}&gt;</p>
    <p id="body">The second engine arrived with a cracked gear.</p></article></main>`);
  await quickNoteFromSelection(extension.serviceWorker, page, panel, 'The second engine arrived with a cracked gear.');
  await expect(panel.getByLabel(/Customer email/)).toHaveValue(ADA.email);
  await expect(panel.getByText('(nearest address on the page)')).toBeVisible();
  await expect(panel.getByLabel('Add to')).toHaveValue(ADA.openConversationId);
  // The source link (a long URL when the page has no title) wraps at the narrowest width instead of running off.
  await panel.setViewportSize({ width: 320, height: 760 });
  expect(await cutOff(panel)).toEqual([]);
  await shootWidths(panel, 'quick-note-target');
});
