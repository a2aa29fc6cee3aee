import type { Page } from '@playwright/test';
import { ADA, GRACE } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { connectThroughPanel, openWithDetection, send } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * A hostile page with detection on must not drive the agent's panel: only the agent's own click on a
 * highlighted address may switch the panel to that customer. Otherwise a page could swap the customer
 * under the agent's eyes, and the next note would land on someone else.
 */

const sandbox = sandboxForFile({ resetBeforeEach: false });

/** Centre of the first occurrence of `text` in the element `selector`, in viewport pixels. */
function pointOf(page: Page, selector: string, text: string) {
  return page.evaluate(
    ({ selector, text }) => {
      const node = document.querySelector(selector)?.firstChild as Text;
      const start = node.data.indexOf(text);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + text.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    },
    { selector, text },
  );
}

test('a click the page script fakes on a highlighted address does not switch the panel; the agent’s does', async ({
  extension,
  pages,
  sidePanel: panel,
}) => {
  // lib/page-scan/highlighter.ts acts only on trusted pointer events (`isAgentEvent`).
  pages.setPage(
    '/hostile/spoof.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Spoof</title></head><body>
      <p id="target">Escalate to ${GRACE.email} today.</p></body></html>`,
  );
  await connectThroughPanel(panel, sandbox);
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill(ADA.email);
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await panel.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  await expect(panel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();

  const { page, tabId } = await openWithDetection(extension, panel, `${pages.origin}/hostile/spoof.html`);
  await expect
    .poll(async () => {
      const answer = await send(panel, 'getPageCustomers', { tabId });
      return answer.ok ? (answer.value as { emails: { status: string }[] }).emails.map((entry) => entry.status) : [];
    })
    .toEqual(['known']);
  await page.waitForTimeout(500);
  const point = await pointOf(page, '#target', GRACE.email);

  // The page's script clicks (and hovers) its own planted address.
  await page.evaluate(({ x, y }) => {
    const target = document.elementFromPoint(x, y) ?? document.body;
    for (const type of ['mousemove', 'click']) {
      target.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, composed: true }));
    }
  }, point);
  await panel.waitForTimeout(2_500);
  await expect(panel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();

  // The agent's real click does switch the panel (the mechanism works).
  await page.mouse.click(point.x, point.y);
  await expect(panel.getByRole('heading', { level: 2, name: GRACE.name })).toBeVisible();
});
