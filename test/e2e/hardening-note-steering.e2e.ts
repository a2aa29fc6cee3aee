import type { BrowserContext, Page } from '@playwright/test';
import { ADA, GRACE } from '../sandbox/fixtures';
import { clickContextMenu, connectThroughPanel, searchAndOpen } from '../support/agent-flows';
import { expect, test } from './fixtures';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Issue 21, finding 5: text the agent cannot see must not pick a quick note's customer. The panel shows GRACE;
 * the agent selects a sentence that carries ADA's address hidden in one of the ways below and picks
 * "Add selection as note…". The note must stay with the customer on screen (GRACE, "last customer viewed"),
 * never switch to ADA. Only an address the agent can see in the selection may name the customer, and when it
 * differs from the one on screen the form asks (lib/background/selection-context.ts, quick-note-view.tsx).
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

const HIDDEN: Record<string, string> = {
  'font-size: 0': `<span style="font-size: 0">${ADA.email}</span>`,
  'transparent text': `<span style="color: transparent">${ADA.email}</span>`,
  'clipped to 1 px (sr-only)': `<span style="position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap">${ADA.email}</span>`,
  'clipped by an overflow: hidden box': `<span style="display: inline-block; width: 1px; height: 1px;
    overflow: hidden; vertical-align: bottom"><span style="white-space: nowrap">${ADA.email}</span></span>`,
  'moved off the page': `<span style="position: absolute; left: -10000px">${ADA.email}</span>`,
  'opacity: 0': `<span style="opacity: 0">${ADA.email}</span>`,
};
/** Right-clicks the selection on `page` and picks "Add selection as note…" (what Chrome passes: its text). */
async function addAsNote(worker: Parameters<typeof clickContextMenu>[0], page: Page, panel: Page, text: string) {
  await clickContextMenu(worker, page, { menuItemId: 'kustomer-add-note', selectionText: text, pageUrl: page.url() });
  await panel.bringToFront();
  await expect(panel.getByRole('heading', { name: 'Quick note' })).toBeVisible();
}

const SENTENCE = (hidden: string) =>
  `<main><p id="note" style="font: 16px sans-serif">Refund approved ${hidden} for the broken gear.</p></main>`;

/** With GRACE on screen, opens a page with the sentence around `inner`, selects it and returns the selected text. */
async function selectSentenceWithGraceOnScreen(
  context: BrowserContext,
  panel: Page,
  origin: string,
  inner: string,
): Promise<{ page: Page; selected: string }> {
  await connectThroughPanel(panel, sandbox);
  await searchAndOpen(panel, 'Grace', GRACE.name);
  const page = await context.newPage();
  await page.goto(`${origin}/index.html`);
  await page.setContent(SENTENCE(inner));
  const selected = await page.evaluate(() => {
    getSelection()?.selectAllChildren(document.getElementById('note') as HTMLElement);
    return getSelection()?.toString() ?? '';
  });
  return { page, selected };
}

for (const [name, hidden] of Object.entries(HIDDEN)) {
  test(`an address hidden by ${name} in the selection does not pick the note's customer`, async ({
    extension,
    sidePanel: panel,
    pages,
  }) => {
    const { page, selected } = await selectSentenceWithGraceOnScreen(extension.context, panel, pages.origin, hidden);
    expect(selected).toContain(ADA.email);
    await addAsNote(extension.serviceWorker, page, panel, selected);
    await expect(panel.getByLabel(/Customer email/)).toHaveValue(GRACE.email);
    await expect(panel.getByText('(last customer viewed)')).toBeVisible();
    await expect(panel.getByLabel('Add to')).toBeVisible();
    await expect(panel.getByRole('group', { name: /Which customer/ })).toHaveCount(0);
  });
}

test('a visible address of another customer than the one on screen makes the form ask', async ({
  extension,
  sidePanel: panel,
  pages,
}) => {
  const { page, selected } = await selectSentenceWithGraceOnScreen(
    extension.context,
    panel,
    pages.origin,
    `<span>${ADA.email}</span>`,
  );
  await addAsNote(extension.serviceWorker, page, panel, selected);
  const question = panel.getByRole('group', { name: /Which customer is this note for/ });
  await expect(question).toContainText(`The page names ${ADA.name}`);
  await expect(question).toContainText(`the panel showed ${GRACE.name}`);
  await expect(panel.getByRole('button', { name: 'Save note' })).toBeDisabled();
  await panel.getByRole('button', { name: `${ADA.name} (on the page)` }).click();
  await expect(panel.getByLabel('Add to')).toBeVisible();
  await expect(panel.getByText('(from the selection)')).toBeVisible();
});
