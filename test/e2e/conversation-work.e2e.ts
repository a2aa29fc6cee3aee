import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createKustomerClient } from '../../lib/kustomer/client';
import { ADA, MACHINE_USER, RETURN_KLASS } from '../sandbox/fixtures';
import { connectThroughPanel, searchAndOpen } from '../support/agent-flows';
import { expect, test } from './fixtures';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Issue 17: a long conversation an agent can work in (order, sticky bar, Show more, links, Open in Kustomer, snooze,
 * note edit and delete with undo) and the connector's actions in the panel (bulk update, company attributes, a new
 * KObject, History), in Chromium against the sandbox, which refuses any off-spec request.
 */

const SCREENSHOTS = new URL('./screenshots/', import.meta.url);
const sandbox = sandboxForFile({ resetBeforeEach: true });
// Each test walks several screens and waits for the outbox; on a shared, loaded machine that takes over a minute.
test.setTimeout(180_000);
const LINK = 'https://help.example.com/returns';

/** Ada's open conversation grows to 42 messages and notes; two notes are the API key's (the panel's own). */
function makeLongConversation(): { mineId: string; otherMineId: string } {
  const { store } = sandbox;
  const template = [...store.messages.values()].find((message) => message.conversation === ADA.openConversationId);
  const noteTemplate = [...store.notes.values()].find((note) => note.conversation === ADA.openConversationId);
  if (!template || !noteTemplate) throw new Error('Ada’s open conversation has no message or note');
  const start = Date.now() - 40 * 3600_000;
  const existing = [...store.messages.values(), ...store.notes.values()].filter(
    (entry) => entry.conversation === ADA.openConversationId,
  ).length;
  for (let index = 0; existing + index < 40; index += 1) {
    const id = `5f1a0c00000000000002${index.toString(16).padStart(4, '0')}`;
    const at = new Date(start + index * 3600_000).toISOString();
    const preview =
      index % 7 === 3
        ? `Here is everything about the parcel.\n${'It was left at the wrong door, again.\n'.repeat(14)}Thanks.`
        : `Message ${index + 1} about order 1042.`;
    store.messages.set(id, {
      ...template,
      id,
      direction: index % 2 ? 'out' : 'in',
      preview,
      createdAt: at,
      updatedAt: at,
      sentAt: at,
    });
  }
  const note = (suffix: string, body: string, hoursAgo: number) => {
    const id = `5f1a0c0000000000000300${suffix}`;
    const at = new Date(Date.now() - hoursAgo * 3600_000).toISOString();
    store.notes.set(id, { ...noteTemplate, id, body, createdBy: MACHINE_USER.id, createdAt: at, updatedAt: at });
    return id;
  };
  return {
    mineId: note('01', `Customer asked about returns, see ${LINK} for the policy.`, 3),
    otherMineId: note('02', 'Called back, no answer.', 2),
  };
}

async function openAdasConversation(page: Page): Promise<void> {
  await searchAndOpen(page, 'Ada', ADA.name);
  await page.getByRole('button', { name: /^Conversations \(\d+ open\)$/ }).click();
  const subject = sandbox.store.conversations.get(ADA.openConversationId)?.name ?? '';
  await page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('button', { name: new RegExp(subject) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 2, name: subject })).toBeVisible();
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
  );
}

test('a 42-entry conversation: order remembered, sticky bar, Show more, safe links, screenshots', async ({
  sidePanel: page,
}) => {
  makeLongConversation();
  await page.setViewportSize({ width: 400, height: 760 });
  await connectThroughPanel(page, sandbox);
  await openAdasConversation(page);

  // Newest first by default: the composer is on top, the newest entry first.
  await expect(page.getByRole('heading', { name: /^Timeline \(newest first\)/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open in Kustomer' })).toHaveAttribute(
    'href',
    new RegExp(`/app/customers/${ADA.id}/event/${ADA.openConversationId}$`),
  );
  const link = page.getByRole('link', { name: LINK });
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(page.getByRole('button', { name: 'Show more' }).first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Oldest first, remembered across a panel reload; the bar stays in view at the bottom of the page.
  await page.getByLabel('Timeline order').selectOption('oldest');
  await page.reload();
  // The panel reopens on the last screen used (issue 17): the same conversation.
  const subject = sandbox.store.conversations.get(ADA.openConversationId)?.name ?? '';
  await expect(page.getByRole('heading', { level: 2, name: subject })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Timeline \(oldest first\)/ })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  // The bar sticks right under the app header, which sticks too.
  const header = await page.locator('.app-header').boundingBox();
  const bar = await page.locator('.conversation-bar').boundingBox();
  expect(header?.y).toBe(0);
  const gap = (header?.height ?? 0) - (bar?.y ?? -100);
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThanOrEqual(6);
  await page.getByRole('button', { name: 'Add a note' }).click();
  await expect(page.getByLabel('Note', { exact: true })).toBeFocused();

  for (const width of [320, 480]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: new URL(`conversation-long-${width}-${colorScheme}.png`, SCREENSHOTS).pathname });
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

test('edit a note, delete one with undo, snooze until tomorrow', async ({ sidePanel: page }) => {
  const { mineId, otherMineId } = makeLongConversation();
  await page.setViewportSize({ width: 400, height: 760 });
  await connectThroughPanel(page, sandbox);
  await openAdasConversation(page);

  const mine = page.locator('.timeline-entry.note', { hasText: 'Customer asked about returns' });
  await mine.getByRole('button', { name: 'Edit note' }).click();
  await page.getByLabel('Note text').fill('Customer asked about returns: policy sent.');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect.poll(() => sandbox.store.notes.get(mineId)?.body).toBe('Customer asked about returns: policy sent.');

  // Delete, undo: nothing is sent. Delete again: sent once the undo time is over.
  const other = page.locator('.timeline-entry.note', { hasText: 'Called back, no answer.' });
  await other.getByRole('button', { name: 'Delete note' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(other).toBeVisible();
  await other.getByRole('button', { name: 'Delete note' }).click();
  await expect(other).toHaveCount(0);
  expect(sandbox.store.notes.has(otherMineId)).toBe(true);
  await expect.poll(() => sandbox.store.notes.has(otherMineId), { timeout: 15_000 }).toBe(false);
  const deletes = sandbox.requests.filter((r) => r.method === 'DELETE' && r.path === `/v1/notes/${otherMineId}`);
  expect(deletes).toHaveLength(1);

  await page.getByLabel('Status', { exact: true }).selectOption('snoozed');
  await page.getByLabel('Snooze until', { exact: true }).selectOption('tomorrow');
  await page.getByRole('button', { name: 'Apply changes' }).click();
  await expect
    .poll(() => sandbox.store.conversations.get(ADA.openConversationId)?.status, { timeout: 15_000 })
    .toBe('snoozed');
  const until = Date.parse(sandbox.store.conversations.get(ADA.openConversationId)?.snoozedUntil ?? '');
  expect(new Date(until).getHours()).toBe(9);
  expect(until).toBeGreaterThan(Date.now());
});

test('bulk update, company attributes, a new KObject and History', async ({ sidePanel: page }) => {
  await page.setViewportSize({ width: 400, height: 760 });
  const client = createKustomerClient({ baseUrl: sandbox.url, getToken: async () => sandbox.apiKey });
  await client.updateCustomerAttributes(ADA.id, { custom: { loyaltyTierStr: 'diamond' } });
  await connectThroughPanel(page, sandbox);
  await searchAndOpen(page, 'Ada', ADA.name);

  // History: who changed what, in words.
  await page.getByRole('button', { name: 'History' }).click();
  const changes = page.getByRole('list', { name: 'Changes' });
  await expect(changes.getByText(`${MACHINE_USER.name} changed the customer`).first()).toBeVisible();
  await expect(changes.getByText(/Loyalty tier: .* → diamond/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Back' }).click();

  // Bulk: two conversations to Urgent in one job, followed to its end.
  await page.getByRole('button', { name: /^Conversations \(\d+ open\)$/ }).click();
  await page.getByLabel('All').check();
  await page.getByRole('button', { name: 'Select several' }).click();
  const picked = [ADA.openConversationId, ADA.doneConversationId];
  for (const id of picked) {
    const subject = sandbox.store.conversations.get(id)?.name ?? '';
    await page
      .getByRole('checkbox', { name: new RegExp(subject) })
      .first()
      .check();
  }
  await page.getByLabel('Priority').selectOption('5');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Apply to 2 conversations' }).click();
  await expect(page.getByText('Done: every selected conversation was updated.')).toBeVisible({ timeout: 20_000 });
  for (const id of picked) expect(sandbox.store.conversations.get(id)?.priority).toBe(5);
  expect(sandbox.requests.filter((r) => r.method === 'PUT' && r.path === '/v1/conversations/bulk')).toHaveLength(1);
  await page.getByRole('button', { name: 'Done selecting' }).click();
  await page.getByRole('button', { name: 'Back' }).click();

  // Company attribute.
  await page.getByRole('button', { name: ADA.companyName, exact: true }).click();
  await page.getByRole('button', { name: 'Edit Industry' }).click();
  await page.getByLabel('Industry').fill('Looms');
  await page.getByRole('button', { name: 'Save Industry' }).click();
  await expect.poll(() => sandbox.store.companies.get(ADA.companyId)?.custom.industryStr).toBe('Looms');
  await page.getByRole('button', { name: 'Back' }).click();

  // A return, from the klass's attribute definitions.
  await page.getByRole('button', { name: 'Custom objects' }).click();
  await page.getByRole('button', { name: 'New custom object' }).click();
  await page.getByLabel('Type').selectOption(RETURN_KLASS.name);
  await page.getByLabel('Title (required)').fill('Return of order 1042');
  await page.getByLabel('Reason (required)').fill('Too small');
  await page.getByLabel('Items').fill('2');
  await page.getByLabel('Refund').selectOption('true');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Create Return' }).click();
  await expect
    .poll(() => [...sandbox.store.kobjects.values()].find((kobject) => kobject.title === 'Return of order 1042')?.data)
    .toEqual({ reasonStr: 'Too small', itemsNum: 2, refundBool: true });

  // The outbox names the bulk job's end.
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await expect(page.getByText('Done: every selected conversation was updated.')).toBeVisible();
});
