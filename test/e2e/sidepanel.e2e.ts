import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ADA, AGENT, ALAN, UNKNOWN_EMAIL } from '../sandbox/fixtures';
import { connectThroughPanel, openPanelWithIntent, searchAndOpen } from '../support/agent-flows';
import { expect, test } from './fixtures';
import { sandboxForFile } from './sandbox-for-file';

const SCREENSHOTS = new URL('./screenshots/', import.meta.url);

const sandbox = sandboxForFile({ resetBeforeEach: true });

/** Saves the page at 400 px wide in the light and the dark scheme. */
async function shoot(page: Page, view: string): Promise<void> {
  await page.setViewportSize({ width: 400, height: 760 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: new URL(`${view}-${colorScheme}.png`, SCREENSHOTS).pathname, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Whether the page fits `width` px without a horizontal scroll bar. */
async function fitsWidth(page: Page, width: number): Promise<boolean> {
  await page.setViewportSize({ width, height: 760 });
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await page.setViewportSize({ width: 400, height: 760 });
  return fits;
}

/** Serious accessibility problems axe finds on the page now (labels, contrast, roles, landmarks). */
async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('connect, look up, read a conversation, write a note and a message, change status and assignee', async ({
  sidePanel: page,
}) => {
  await page.setViewportSize({ width: 400, height: 760 });
  await connectThroughPanel(page, sandbox, { beforeConnect: (panel) => shoot(panel, 'connect') });
  await shoot(page, 'lookup');
  expect(await seriousAxeViolations(page)).toEqual([]);

  await searchAndOpen(page, 'Ada', ADA.name);
  await expect(page.getByText(ADA.secondEmail)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open in Kustomer' })).toHaveAttribute('rel', 'noopener noreferrer');
  await shoot(page, 'customer');
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await fitsWidth(page, 320)).toBe(true);

  await page.getByRole('button', { name: /^Conversations \(\d+ open\)$/ }).click();
  await expect(page.getByRole('heading', { name: `Conversations with ${ADA.name}` })).toBeVisible();
  const subject = sandbox.store.conversations.get(ADA.openConversationId)?.name ?? '';
  await expect(page.getByRole('list', { name: 'Conversations' })).toBeVisible();
  await shoot(page, 'conversations');
  await page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('button', { name: new RegExp(subject) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 2, name: subject })).toBeVisible();
  const firstMessage = [...sandbox.store.messages.values()].find((m) => m.conversation === ADA.openConversationId);
  if (firstMessage) await expect(page.getByText(firstMessage.preview).first()).toBeVisible();
  await shoot(page, 'conversation');
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await fitsWidth(page, 320)).toBe(true);

  // Note with an @mention picked from the typeahead.
  const note = page.getByLabel('Note', { exact: true });
  await note.fill('Checked the refund with ');
  await note.pressSequentially('@sam');
  await expect(
    page.getByRole('listbox', { name: 'Mention a teammate' }).getByRole('option', { name: new RegExp(AGENT.name) }),
  ).toBeVisible();
  await note.press('Enter');
  await note.pressSequentially('today.');
  await note.press('Control+Enter');
  await expect
    .poll(() => [...sandbox.store.notes.values()].find((n) => n.body.startsWith('Checked the refund'))?.body)
    .toBe(`Checked the refund with @${AGENT.name} today.`);
  const created = [...sandbox.store.notes.values()].find((n) => n.body.startsWith('Checked the refund'));
  expect(created?.conversation).toBe(ADA.openConversationId);
  expect(created?.userMentions).toEqual([{ user: AGENT.id }]);
  // On the wire as the spec has it: mentions as [{ user }], the outbox item id as externalId.
  const sentNote = sandbox.requests.find(
    (request) => request.method === 'POST' && request.path === `/v1/conversations/${ADA.openConversationId}/notes`,
  );
  expect(sentNote?.body).toMatchObject({ userMentions: [{ user: AGENT.id }], externalId: expect.any(String) });
  expect(created?.externalId).toBe((sentNote?.body as { externalId?: string } | undefined)?.externalId);
  await expect(page.getByText(`Checked the refund with @${AGENT.name} today.`)).toBeVisible();
  await expect(note).toHaveValue('');

  // Log an inbound call.
  await page.getByText('Log a message').click();
  await page.getByLabel('Channel').selectOption('voice');
  await page.getByLabel('Inbound (from the customer)').check();
  await page.getByLabel('Message', { exact: true }).fill('Called about the refund, happy now.');
  await page.getByRole('button', { name: 'Log message' }).click();
  await expect
    .poll(() => [...sandbox.store.messages.values()].find((m) => m.preview === 'Called about the refund, happy now.'))
    .toMatchObject({ conversation: ADA.openConversationId, channel: 'voice', direction: 'in' });

  // Status and assignee.
  const other = [...sandbox.store.users.values()].find((u) => u.userType === 'user' && u.id !== AGENT.id && !u.deleted);
  await page.getByLabel('Status', { exact: true }).selectOption('snoozed');
  if (other) await page.getByLabel('Assignee').selectOption({ label: other.name });
  await page.getByRole('button', { name: 'Apply changes' }).click();
  await expect.poll(() => sandbox.store.conversations.get(ADA.openConversationId)?.status).toBe('snoozed');
  expect(sandbox.store.conversations.get(ADA.openConversationId)?.assignedUsers).toEqual(other ? [other.id] : []);
  const patch = sandbox.requests.find(
    (request) => request.method === 'PATCH' && request.path === `/v1/conversations/${ADA.openConversationId}`,
  );
  expect(patch?.headers['content-type']).toMatch(/^application\/json-patch\+json/);
  expect(patch?.body).not.toHaveProperty('subStatus');

  // Outbox after the writes.
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByRole('heading', { name: 'Outbox' })).toBeVisible();
  await shoot(page, 'outbox');
});

test('create a conversation, open the company and custom objects, create a customer from an unknown address', async ({
  sidePanel: page,
}) => {
  await connectThroughPanel(page, sandbox);
  await searchAndOpen(page, ALAN.email, ALAN.name);
  await page.getByRole('button', { name: 'New conversation' }).first().click();
  await page.getByLabel('Subject').fill('Enigma follow-up');
  await page.getByLabel('Tags').fill('follow-up');
  await shoot(page, 'new-conversation');
  await page.getByRole('button', { name: 'Create conversation' }).click();
  await expect
    .poll(() => [...sandbox.store.conversations.values()].find((c) => c.name === 'Enigma follow-up'))
    .toMatchObject({ customer: ALAN.id, status: 'open', tags: ['follow-up'] });

  await page.getByRole('button', { name: 'Search', exact: true }).first().click();
  await searchAndOpen(page, 'Ada', ADA.name);
  await page.getByRole('button', { name: 'Custom objects' }).click();
  await expect(page.getByRole('heading', { name: `Custom objects of ${ADA.name}` })).toBeVisible();
  await expect(page.locator('.card').first()).toBeVisible();
  await shoot(page, 'kobjects');
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: ADA.companyName }).click();
  await expect(page.getByRole('heading', { name: ADA.companyName })).toBeVisible();
  await shoot(page, 'company');

  await page.getByRole('button', { name: 'Search', exact: true }).first().click();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(UNKNOWN_EMAIL);
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await page.getByRole('button', { name: `Create customer ${UNKNOWN_EMAIL}` }).click();
  await page.getByLabel('Name').fill('Nora Body');
  await shoot(page, 'create-customer');
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Nora Body' })).toBeVisible();
  const customer = [...sandbox.store.customers.values()].find((c) => c.name === 'Nora Body');
  expect(customer?.emails.map((e) => e.email)).toEqual([UNKNOWN_EMAIL]);
});

test('a quick note opens prefilled from a selection, and drafts survive closing the panel', async ({
  extension,
  sidePanel: page,
}) => {
  await connectThroughPanel(page, sandbox);
  await page.close();
  let panel = await openPanelWithIntent(extension, {
    kind: 'quickNote',
    text: 'The second engine rattles at speed.',
    sourceUrl: 'https://mail.example.com/thread/42',
    sourceTitle: 'Re: engine noise',
    email: ADA.email,
  });
  await expect(panel.getByRole('heading', { name: 'Quick note' })).toBeVisible();
  await expect(panel.getByLabel('Note', { exact: true })).toHaveValue('The second engine rattles at speed.');
  await expect(panel.getByLabel('Add to')).not.toHaveValue('');
  await panel.getByLabel('Note', { exact: true }).press('End');
  await panel.getByLabel('Note', { exact: true }).pressSequentially(' Asked for a visit.');
  await shoot(panel, 'quick-note');

  // Close the panel mid-typing; the draft comes back.
  await panel.close();
  panel = await extension.openExtensionPage('sidepanel.html');
  await panel.getByRole('button', { name: 'Resume your quick note' }).click();
  const text = panel.getByLabel('Note', { exact: true });
  await expect(text).toHaveValue('The second engine rattles at speed. Asked for a visit.');
  await panel.getByLabel('Customer email').fill(ADA.email);
  await panel.getByRole('button', { name: 'Find' }).click();
  await expect(panel.getByLabel('Add to')).toHaveValue(/.+/);
  const target = await panel.getByLabel('Add to').inputValue();
  await text.press('Control+Enter');
  await expect
    .poll(() => [...sandbox.store.notes.values()].find((n) => n.body.startsWith('The second engine rattles')))
    .toMatchObject({
      conversation: target,
      body: 'The second engine rattles at speed. Asked for a visit.\n\nSource: https://mail.example.com/thread/42',
    });
  await expect(panel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();

  // A note draft on a conversation also survives.
  await panel.getByRole('button', { name: /^Conversations/ }).click();
  await panel.getByRole('list', { name: 'Conversations' }).getByRole('button').first().click();
  await panel.getByLabel('Note', { exact: true }).fill('Half-written thought');
  await panel.close();
  panel = await extension.openExtensionPage('sidepanel.html');
  // The panel reopens on the last screen used (issue 17): that conversation, with the draft in its note box.
  await expect(panel.getByLabel('Note', { exact: true })).toHaveValue('Half-written thought');
});
