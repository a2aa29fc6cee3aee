import type { Page } from '@playwright/test';
import { ADA } from '../sandbox/fixtures';
import { connectThroughPanel, searchAndOpen } from '../support/agent-flows';
import { expect, test } from './fixtures';
import { sandboxForFile } from './sandbox-for-file';

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
          getComputedStyle(element).textOverflow !== 'ellipsis' && !element.classList.contains('visually-hidden'),
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
