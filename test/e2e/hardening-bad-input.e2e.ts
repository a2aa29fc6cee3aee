import type { Page } from '@playwright/test';
import { ADA, UNKNOWN_EMAIL } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { connectThroughPanel } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Bad input through the UI: each mistake gets a clear message, and nothing the agent typed is lost.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

/** Kustomer's limit on a note body (lib/messaging/schemas.ts MAX_NOTE_LENGTH). */
const NOTE_LIMIT = 10_240;

async function tryConnect(page: Page, baseUrl: string, apiKey: string) {
  await page.getByLabel('Where is your Kustomer?').selectOption('custom');
  await page.getByLabel('API base URL').fill(baseUrl);
  await page.getByLabel('API key', { exact: true }).fill(apiKey);
  await page.getByRole('button', { name: 'Connect to Kustomer' }).click();
}

test('connecting: an invalid key, another region’s key, a malformed address and no key each say what is wrong', async ({
  sidePanel: page,
}) => {
  const alert = page.locator('#connect-error');
  const cases: { baseUrl: string; apiKey: string; message: RegExp }[] = [
    { baseUrl: sandbox.url, apiKey: 'not-a-real-key', message: /Could not connect[\s\S]*rejected the API key/ },
    { baseUrl: sandbox.url, apiKey: sandbox.keys.otherPod, message: /EU region \(prod2\)/ },
    { baseUrl: sandbox.url, apiKey: sandbox.keys.expired, message: /expired/i },
    { baseUrl: 'htp:/kustomer', apiKey: sandbox.apiKey, message: /Enter the API address, starting with https:\/\// },
    { baseUrl: 'https://exa mple.com', apiKey: sandbox.apiKey, message: /address|valid|URL/i },
    { baseUrl: sandbox.url, apiKey: '   ', message: /Enter an API key/ },
  ];
  for (const { baseUrl, apiKey, message } of cases) {
    await tryConnect(page, baseUrl, apiKey);
    await expect(alert, `${baseUrl} / ${apiKey.slice(0, 12)}`).toContainText(message);
    // What was typed stays in the form.
    await expect(page.getByLabel('API base URL')).toHaveValue(baseUrl);
    await expect(page.getByLabel('API key', { exact: true })).toHaveValue(apiKey);
    await expect(page.getByRole('heading', { name: 'Not connected to Kustomer' })).toBeVisible();
  }
  // The agent fixes the key and gets in.
  await page.getByLabel('API base URL').fill(sandbox.url);
  await page.getByLabel('API key', { exact: true }).fill(sandbox.apiKey);
  await page.getByRole('button', { name: 'Connect to Kustomer' }).click();
  await expect(page.getByRole('heading', { name: 'Find a customer' })).toBeVisible();
});

test('writing: an over-long note, empty fields, emoji, right-to-left text and very long names', async ({
  sidePanel: page,
}) => {
  test.setTimeout(60_000);
  await connectThroughPanel(page, sandbox);
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(ADA.email);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  await page.getByRole('button', { name: /^Conversations/ }).click();
  const subject = sandbox.store.conversations.get(ADA.openConversationId)?.name ?? '';
  await page.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: subject }).first().click();
  const note = page.getByLabel('Note', { exact: true });
  const notesBefore = sandbox.store.notes.size;

  // Empty and blank notes cannot be sent.
  await note.fill('   \n  ');
  await expect(page.getByRole('button', { name: 'Add note' })).toBeDisabled();
  await note.press('Control+Enter');

  // One character over Kustomer's limit: the counter says so, saving is blocked before anything is sent, and
  // the text stays. No spaces: the protocol trims a note, and a trailing space would bring it under the limit.
  const tooLong = 'Long_note.'.repeat(Math.ceil((NOTE_LIMIT + 1) / 10)).slice(0, NOTE_LIMIT + 1);
  await note.fill(tooLong);
  await note.press('Control+Enter');
  await expect(page.getByText('1 character over the limit')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add note' })).toBeDisabled();
  await expect(note).toHaveAttribute('aria-invalid', 'true');
  await expect(note).toHaveValue(tooLong);
  expect(sandbox.store.notes.size).toBe(notesBefore);
  expect(sandbox.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/notes'))).toEqual(
    [],
  );
  // It survives closing the panel (a draft), and fits once shortened to the limit.
  // The panel reopens on the last screen used (issue 17), the conversation, with the draft in its note box.
  await page.reload();
  await expect(note).toHaveValue(tooLong);
  const atLimit = tooLong.slice(0, NOTE_LIMIT);
  await note.fill(atLimit);
  await note.press('Control+Enter');
  await expect.poll(() => [...sandbox.store.notes.values()].filter((n) => n.body === atLimit).length).toBe(1);

  // Emoji (with modifiers and ZWJ sequences) and right-to-left text round-trip unchanged.
  const international = 'Kundin schreibt: مرحبا، الطلب رقم ٤٢ لم يصل 👋🏽 — שלום 👨‍👩‍👧‍👦 ✔︎ naïve café';
  await note.fill(international);
  await note.press('Control+Enter');
  await expect
    .poll(() => [...sandbox.store.notes.values()].find((n) => n.body === international)?.body)
    .toBe(international);
  await expect(page.getByText(international, { exact: true }).first()).toBeVisible();

  // A new conversation without a subject cannot be created.
  // The reopened conversation sits on the search screen: back there, then to Ada.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(ADA.email);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  await page.getByRole('button', { name: 'New conversation' }).first().click();
  await page.getByLabel('Subject').fill('  ');
  await expect(page.getByRole('button', { name: 'Create conversation' })).toBeDisabled();
  const rtlSubject = 'שאלה על החשבונית 🧾';
  await page.getByLabel('Subject').fill(rtlSubject);
  await page.getByRole('button', { name: 'Create conversation' }).click();
  await expect
    .poll(() => [...sandbox.store.conversations.values()].find((c) => c.name === rtlSubject)?.customer)
    .toBe(ADA.id);

  // Create customer: a very long name gets a message and is kept.
  await openCreateCustomer(page);
  const name = page.getByLabel('Name');
  const veryLong = `Maria ${'de los Ángeles '.repeat(20)}محمد 🎉`;
  expect(veryLong.length).toBeGreaterThan(255);
  await name.fill(veryLong);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /too long/i })).toBeVisible();
  await expect(name).toHaveValue(veryLong);
  const fitting = veryLong.slice(0, 200);
  await name.fill(fitting);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { level: 2, name: fitting.trim() })).toBeVisible();
  expect([...sandbox.store.customers.values()].filter((c) => c.name === fitting.trim())).toHaveLength(1);
});

async function openCreateCustomer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Search', exact: true }).first().click();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(UNKNOWN_EMAIL);
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await page.getByRole('button', { name: `Create customer ${UNKNOWN_EMAIL}` }).click();
}

test('create customer: a cleared name stays empty and is stopped by the form', async ({ sidePanel: page }) => {
  // An emptied field keeps an empty draft (lib/ui/drafts.ts `has`), so the prefill does not come back.
  await connectThroughPanel(page, sandbox);
  await openCreateCustomer(page);
  const name = page.getByLabel('Name');
  await expect(name).toHaveValue('Nobody');
  await name.fill('');
  await expect(name).toHaveValue('', { timeout: 2_000 });
  await page.getByRole('button', { name: 'Create customer' }).click();
  expect(await name.evaluate((input: HTMLInputElement) => input.validationMessage)).not.toBe('');
  expect([...sandbox.store.customers.values()].filter((c) => c.emails.some((e) => e.email === UNKNOWN_EMAIL))).toEqual(
    [],
  );
});
