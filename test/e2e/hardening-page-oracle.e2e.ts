import { type Sandbox, startSandbox } from '../sandbox';
import { ADA, GRACE, UNKNOWN_EMAIL } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { connectWithKey, openWithDetection, send } from './hardening-helpers';

/**
 * A hostile page where detection runs plants addresses and watches how the extension marks them.
 * If the marks it can read from its own world differ for known and unknown addresses, the page learns
 * which people are customers of the agent's company: a membership oracle over Kustomer.
 */

let sandbox: Sandbox;
test.beforeAll(async () => {
  sandbox = await startSandbox();
});
test.afterAll(() => sandbox.close());

test('a page cannot tell from its own world which planted addresses are Kustomer customers', async ({
  extension,
  pages,
}) => {
  // Known defect: lib/page-scan/highlighter.ts registers two document-wide highlights,
  // `kustomer-known` and `kustomer-unknown` (lib/page-scan/highlight-styles.ts); CSS.highlights is shared
  // with the page's main world, so the page reads which of its addresses Kustomer knows.
  test.fail();
  const planted = [ADA.email, GRACE.email, UNKNOWN_EMAIL];
  pages.setPage(
    '/hostile/oracle.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Oracle</title></head><body>
      ${planted.map((email) => `<p>${email}</p>`).join('')}</body></html>`,
  );
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithKey(options, sandbox)).toMatchObject({ ok: true });
  const { page, tabId } = await openWithDetection(extension, options, `${pages.origin}/hostile/oracle.html`);
  // The background has looked every address up (status known/unknown) …
  await expect
    .poll(async () => {
      const answer = await send(options, 'getPageCustomers', { tabId });
      const emails = answer.ok ? (answer.value as { emails: { email: string; status: string }[] }).emails : [];
      return emails.map((entry) => `${entry.email}:${entry.status}`).sort();
    })
    .toEqual([`${ADA.email}:known`, `${GRACE.email}:known`, `${UNKNOWN_EMAIL}:unknown`]);
  // … and has told the content script (pushed knownEmails); give the highlighter time to repaint.
  await page.waitForTimeout(1_500);

  // What the page's own script can read: every registered highlight and the text under it.
  const groups = await page.evaluate(() =>
    [...CSS.highlights.entries()].map(([name, highlight]) => ({
      name,
      texts: [...highlight].map((range) => {
        const copy = document.createRange();
        copy.setStart(range.startContainer, range.startOffset);
        copy.setEnd(range.endContainer, range.endOffset);
        return copy.toString().toLowerCase();
      }),
    })),
  );
  expect(groups.length).toBeGreaterThan(0);
  // No mark the page can read may separate customers from the unknown address.
  for (const group of groups) {
    const marksCustomer = group.texts.includes(ADA.email) || group.texts.includes(GRACE.email);
    const marksUnknown = group.texts.includes(UNKNOWN_EMAIL);
    expect(marksCustomer, `highlight "${group.name}": ${group.texts.join(', ')}`).toBe(marksUnknown);
  }
});
