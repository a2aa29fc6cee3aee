import type { Page } from '@playwright/test';
import { ADA } from '../sandbox/fixtures';
import { XSS_EMAIL_PAYLOADS, XSS_PAYLOADS } from '../support/xss-payloads';
import { expect, test } from './fixtures';
import { connectThroughPanel, connectWithKey, inContentScript, openWithDetection, send } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * XSS: every payload of test/support/xss-payloads.ts placed in page text, attributes and email-like
 * strings on a page with detection running, and in Kustomer data the side panel shows. Each would set
 * `window.__xss` or open a dialog if it ever ran; none may, and each must be shown as text.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Traps dialogs (alert/confirm/prompt) of a page: any one is a payload that ran. */
function trapDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return dialogs;
}

const ranXss = (page: Page) => page.evaluate(() => (window as { __xss?: unknown }).__xss);

/** A page whose text, titles, data-email attributes and mailto links carry every payload next to an address. */
function hostilePageHtml(): string {
  const rows = XSS_PAYLOADS.map((payload, index) => {
    const address = `victim${index}@example.com`;
    return `<li id="row-${index}">Reply to ${address} — ${escapeHtml(payload)}
      <span title="${escapeHtml(`${payload} ${address}`)}" data-email="${escapeHtml(`${payload}@evil.example`)}">chip</span>
      <a href="mailto:${escapeHtml(encodeURIComponent(payload))}@evil.example">mail ${index}</a></li>`;
  }).join('\n');
  const emails = XSS_EMAIL_PAYLOADS.map((payload) => `<li class="email-like">${escapeHtml(payload)}</li>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>XSS corpus</title></head>
    <body><h1>Support queue</h1><ul id="rows">${rows}</ul><ul id="emails">${emails}</ul></body></html>`;
}

test('payloads in page text, attributes and email-like strings stay text in the page and in the panel', async ({
  extension,
  pages,
}) => {
  pages.setPage('/hostile/xss.html', hostilePageHtml());
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithKey(options, sandbox)).toMatchObject({ ok: true });
  const url = `${pages.origin}/hostile/xss.html`;
  const { page, tabId } = await openWithDetection(extension, options, url);
  const pageDialogs = trapDialogs(page);
  // Detection ran: all 57 plain addresses (and whatever the email-like payloads yield) are highlighted.
  await expect
    .poll(async () => {
      const answer = await send(options, 'getPageCustomers', { tabId });
      return answer.ok ? (answer.value as { emails: unknown[] }).emails.length : 0;
    })
    .toBeGreaterThanOrEqual(XSS_PAYLOADS.length);
  // The addresses in view are marked (in the closed overlay, read from the content script's world).
  await expect
    .poll(() =>
      inContentScript(
        extension,
        tabId,
        () => (globalThis as { __ksMarked?: Map<Document, () => string[]> }).__ksMarked?.get(document)?.().length ?? 0,
        null,
      ),
    )
    .toBeGreaterThan(0);
  // Marks are boxes over the page's own text: the DOM is exactly what the server sent.
  const rowsHtml = await page.locator('#rows li').first().innerHTML();
  expect(rowsHtml).toContain('&lt;script&gt;');
  expect(await page.locator('#rows script, #rows img, #rows svg, #rows iframe, #emails li *').count()).toBe(0);
  await expect(page.locator('#row-0')).toContainText(XSS_PAYLOADS[0] as string);

  // Hover and click highlighted text and the chips, the way an agent would.
  for (const index of [0, 2, 5, 14, 41]) {
    await page.locator(`#row-${index} span`).hover();
    await page.locator(`#row-${index}`).click({ position: { x: 5, y: 5 } });
  }

  // The side panel lists the page's addresses as text.
  const panel = await extension.openExtensionPage('sidepanel.html');
  const panelDialogs = trapDialogs(panel);
  await page.bringToFront();
  await panel.reload();
  await expect(panel.getByRole('list', { name: 'Addresses on this page' })).toBeVisible();
  const listed = await panel.getByRole('list', { name: 'Addresses on this page' }).textContent();
  expect(listed).toContain('victim0@example.com');
  expect(
    await panel.locator('.page-emails img, .page-emails svg:not([aria-hidden]), .page-emails script').count(),
  ).toBe(0);

  expect(await ranXss(page)).toBeUndefined();
  expect(await ranXss(panel)).toBeUndefined();
  expect(pageDialogs).toEqual([]);
  expect(panelDialogs).toEqual([]);
});

/** Puts the payloads into every text the panel shows for ADA: name, attributes, company, conversations, notes, messages, KObjects. */
function poisonKustomerData(): { used: number } {
  const store = sandbox.store;
  const payloads = [...XSS_PAYLOADS];
  let next = 0;
  const take = () => payloads[next++ % payloads.length] as string;

  const ada = store.customers.get(ADA.id);
  if (!ada) throw new Error('ADA is missing from the sandbox');
  ada.name = take();
  ada.displayName = ada.name;
  ada.tags = [take(), take()];
  const custom: Record<string, string | number | boolean | null> = { homepageUrl: 'javascript:window.__xss=1' };
  custom.profileUrl = 'JaVaScRiPt:window.__xss=1';
  custom.dataUrl = 'data:text/html,<script>window.__xss=1</script>';
  for (let index = 0; index < 12; index += 1) custom[`xss${index}Str`] = take();
  custom.xssNotesTxt = take();
  ada.custom = custom;

  const company = store.companies.get(ADA.companyId);
  if (company) {
    company.name = take();
    company.custom = { ...company.custom, xssCompanyStr: take() };
  }

  const conversations = [...store.conversations.values()].filter((c) => c.customer === ADA.id);
  for (const conversation of conversations) {
    conversation.name = take();
    conversation.preview = take();
  }
  const open = store.conversations.get(ADA.openConversationId);
  if (!open) throw new Error('ADA has no open conversation');
  const template = [...store.notes.values()].find((note) => note.conversation === ADA.openConversationId);
  const messageTemplate = [...store.messages.values()].find(
    (message) => message.conversation === ADA.openConversationId,
  );
  if (!template || !messageTemplate) throw new Error('ADA’s open conversation has no note or message');
  for (let index = 0; index < 10; index += 1) {
    const suffix = index.toString(16).padStart(4, '0');
    const at = new Date(Date.parse(template.createdAt) + index * 60_000).toISOString();
    store.notes.set(`5f1a0bad000000000001${suffix}`, {
      ...template,
      id: `5f1a0bad000000000001${suffix}`,
      body: take(),
      createdAt: at,
      updatedAt: at,
    });
    store.messages.set(`5f1a0bad000000000002${suffix}`, {
      ...messageTemplate,
      id: `5f1a0bad000000000002${suffix}`,
      preview: take(),
      subject: take(),
      createdAt: at,
      updatedAt: at,
      sentAt: at,
    });
  }
  for (const kobject of [...store.kobjects.values()].filter((k) => k.customer === ADA.id)) {
    kobject.title = take();
    kobject.description = take();
    kobject.data = { ...kobject.data, note: take() };
  }
  return { used: next };
}

test('payloads in Kustomer data are shown as text in every panel view and none runs', async ({ sidePanel: panel }) => {
  const { used } = poisonKustomerData();
  expect(used).toBeGreaterThanOrEqual(XSS_PAYLOADS.length);
  const dialogs = trapDialogs(panel);
  await connectThroughPanel(panel, sandbox);

  // Search results, then the customer.
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill(ADA.email);
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await panel.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  const name = XSS_PAYLOADS[0] as string;
  await expect(panel.getByRole('heading', { level: 2, name })).toBeVisible();
  // Every poisoned text of the customer view is on screen, character for character.
  const ada = sandbox.store.customers.get(ADA.id);
  const shownOnCustomer = [
    ...(ada?.tags ?? []),
    ...Object.entries(ada?.custom ?? {})
      .filter(([key]) => /^xss\d+Str$/.test(key))
      .map(([, value]) => String(value)),
    sandbox.store.companies.get(ADA.companyId)?.name ?? '',
    sandbox.store.conversations.get(ADA.openConversationId)?.name ?? '',
  ];
  expect(shownOnCustomer.length).toBeGreaterThanOrEqual(15);
  // The card is progressive: the company and the conversations fill in after the customer is painted.
  await expect(panel.getByText('Loading conversations…')).toHaveCount(0);
  const customerText = await panel.locator('main').textContent();
  for (const text of shownOnCustomer) expect(customerText, text).toContain(text);
  // The javascript:/data: attributes are shown as text, never as links.
  for (const [label, value] of [
    ['Homepage', 'javascript:window.__xss=1'],
    ['Profile', 'JaVaScRiPt:window.__xss=1'],
    ['Data', 'data:text/html,<script>window.__xss=1</script>'],
  ] as const) {
    // The label is Kustomer's text, isolated in its own <bdi> inside the <dt>.
    const shown = panel
      .locator('.attributes dt', { has: panel.locator(`bdi:text-is("${label}")`) })
      .locator('xpath=following-sibling::dd[1]');
    await expect(shown).toContainText(value);
    await expect(shown.getByRole('link')).toHaveCount(0);
  }
  const unsafeLinks = async () =>
    panel.evaluate(() =>
      [...document.querySelectorAll('a[href], [src], [srcdoc], iframe, object, embed, script:not([src^="/"])')]
        .map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? element.tagName)
        // Copy links (issue 17) are made only for a plain address or number: mailto: and tel: of those alone.
        .filter(
          (value) =>
            !/^(https?:|\/|chrome-extension:)/i.test(value) &&
            !/^mailto:[^\s<>"'():;,/\\]+@[^\s<>"'():;,/\\]+$/i.test(value) &&
            !/^tel:\+?\d+$/.test(value),
        ),
    );
  expect(await unsafeLinks()).toEqual([]);

  // Company.
  const companyName = sandbox.store.companies.get(ADA.companyId)?.name ?? '';
  await panel.getByRole('button', { name: companyName, exact: true }).click();
  await expect(panel.getByRole('heading', { name: companyName })).toBeVisible();
  expect(await unsafeLinks()).toEqual([]);
  await panel.getByRole('button', { name: 'Back' }).click();

  // Custom objects.
  await panel.getByRole('button', { name: 'Custom objects' }).click();
  await expect(panel.locator('.card').first()).toBeVisible();
  expect(await unsafeLinks()).toEqual([]);
  await panel.getByRole('button', { name: 'Back' }).click();

  // Conversations list and the open conversation's timeline with the poisoned notes and messages.
  await panel.getByRole('button', { name: /^Conversations/ }).click();
  const subject = sandbox.store.conversations.get(ADA.openConversationId)?.name ?? '';
  await panel.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: subject }).first().click();
  await expect(panel.getByRole('heading', { level: 2, name: subject })).toBeVisible();
  const poisonedNote = sandbox.store.notes.get('5f1a0bad0000000000010000')?.body ?? '';
  await expect(panel.getByText(poisonedNote, { exact: true }).first()).toBeVisible();
  const timelineText = await panel.locator('main').textContent();
  for (const [id, record] of [...sandbox.store.notes].filter(([key]) => key.startsWith('5f1a0bad'))) {
    expect(timelineText, id).toContain(record.body);
  }
  for (const [id, record] of [...sandbox.store.messages].filter(([key]) => key.startsWith('5f1a0bad'))) {
    expect(timelineText, id).toContain(record.preview);
  }
  expect(await unsafeLinks()).toEqual([]);

  // Nothing ran anywhere along the way.
  expect(await ranXss(panel)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
