import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { MAX_NOTE_LENGTH } from '../../lib/messaging/limits';
import { ADA } from '../sandbox/fixtures';
import { connectAndOpenPage, quickNoteFromSelection } from '../support/agent-flows';
import { expect, test } from './fixtures';
import { sandboxForFile } from './sandbox-for-file';

/**
 * A quick note pasted past Kustomer's limit: the agent sees by how much, nothing is cut, and it saves once
 * short enough.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

const PASTED_LENGTH = 10_300;
const DELETED = 100;
/** Letters only, so trimming on save cannot change what reaches Kustomer. */
const pasted = Array.from({ length: PASTED_LENGTH }, (_, index) => String.fromCharCode(97 + (index % 26))).join('');

/** Contrast findings for the counter in the light and the dark scheme (axe on the counter only: a full audit is slow). */
async function counterContrast(panel: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page: panel })
      .include('#quick-note-length')
      .withRules(['color-contrast'])
      .analyze();
    if (results.passes.length + results.violations.length === 0) found.push(`${colorScheme}: counter not checked`);
    found.push(...results.violations.map((violation) => `${colorScheme}: ${violation.id}`));
  }
  await panel.emulateMedia({ colorScheme: 'light' });
  return found;
}

test('a quick note pasted over the limit says by how much and cannot be saved until it is short enough', async ({
  extension,
  sidePanel: panel,
  pages,
}) => {
  const order = await connectAndOpenPage(extension, panel, sandbox, `${pages.origin}/demo/order.html`);
  await quickNoteFromSelection(extension.serviceWorker, order, panel, 'She asked for a replacement shipment');
  await panel.getByLabel('Customer email').fill(ADA.email);
  await panel.getByRole('button', { name: 'Find' }).click();
  await expect(panel.getByLabel('Add to')).toHaveValue(ADA.openConversationId);
  // The check is about the agent's text: without the source line the numbers are the pasted text's own.
  await panel.getByLabel(/Include the source/).uncheck();

  const note = panel.getByLabel('Note', { exact: true });
  await note.selectText();
  await panel.keyboard.insertText(pasted);
  const save = panel.getByRole('button', { name: 'Save note' });
  const over = PASTED_LENGTH - MAX_NOTE_LENGTH;
  await expect(panel.getByText(`${over} characters over the limit`)).toBeVisible();
  await expect(save).toBeDisabled();
  await expect(note).toHaveAttribute('aria-invalid', 'true');
  await expect(note).toHaveValue(pasted);
  // The error style stays readable in the light and the dark scheme.
  expect(await counterContrast(panel)).toEqual([]);
  await note.press('Control+Enter');

  // Select the last 100 characters and delete them with one keystroke.
  await note.evaluate((field: HTMLTextAreaElement, count) => {
    field.setSelectionRange(field.value.length - count, field.value.length);
  }, DELETED);
  await note.press('Backspace');
  const left = MAX_NOTE_LENGTH - (PASTED_LENGTH - DELETED);
  await expect(panel.getByText(`${left} characters left`)).toBeVisible();
  await expect(note).not.toHaveAttribute('aria-invalid', 'true');
  await expect(save).toBeEnabled();
  // Ctrl+Enter while too long neither sent anything nor ran into the outbox's refusal ("Note is too long").
  expect(sandbox.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/notes'))).toEqual(
    [],
  );
  await expect(panel.getByText(/too long/)).toHaveCount(0);

  await save.click();
  await expect(panel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();
  await expect
    .poll(() => [...sandbox.store.notes.values()].find((stored) => stored.body.startsWith('abcdef')))
    .toMatchObject({ conversation: ADA.openConversationId, body: pasted.slice(0, PASTED_LENGTH - DELETED) });
});
