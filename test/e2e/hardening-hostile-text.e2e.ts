import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADA } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { connectThroughPanel } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Issue 21, findings 8 (display) and 9, against the built extension: a hostile Kustomer answer (a
 * right-to-left override in a name, a 10,000,000-character name, a 200,000-character note) and a plain-http
 * site. Both tests failed on the build before components/user-text.tsx and components/insecure-site.tsx.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

test('a hostile name cannot reorder itself or the panel, and huge Kustomer text is capped', async ({
  sidePanel: panel,
}) => {
  const ada = sandbox.store.customers.get(ADA.id);
  if (!ada) throw new Error('ADA is missing from the sandbox');
  // "Ada lovelace" written backwards behind an override: shown as typed, with the override visible.
  ada.name = '\u202Eecalevol adA';
  ada.displayName = ada.name;
  const company = sandbox.store.companies.get(ADA.companyId);
  if (company) company.name = `Corp ${'W'.repeat(10_000_000)}`;
  const template = [...sandbox.store.notes.values()].find((note) => note.conversation === ADA.openConversationId);
  if (!template) throw new Error('ADA’s open conversation has no note');
  template.body = `start ${'lorem ipsum '.repeat(16_000)}end`;
  await connectThroughPanel(panel, sandbox);

  await panel.getByRole('searchbox', { name: 'Search customers' }).fill(ADA.email);
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await panel.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  const heading = panel.getByRole('heading', { level: 2, name: /ecalevol adA/ });
  await expect(heading).toBeVisible();
  expect(await heading.textContent()).toBe('⟨RLO⟩ecalevol adA');
  // The name sits in its own isolate, so its direction cannot move the words around it.
  expect(
    await heading
      .locator('bdi')
      .evaluate((element) => [element.getAttribute('dir'), getComputedStyle(element).unicodeBidi]),
  ).toEqual(['auto', 'isolate']);

  // The company's 10,000,000-character name arrives shortened, with more of it in the tooltip.
  const companyButton = panel.getByRole('button', { name: /^Corp W+…$/ });
  await expect(companyButton).toBeVisible();
  expect((await companyButton.textContent())?.length ?? 0).toBeLessThanOrEqual(200);
  expect(await panel.evaluate(() => document.body.textContent?.length ?? 0)).toBeLessThan(50_000);
  const panelWidth = await panel.evaluate(() => document.documentElement.scrollWidth);
  expect(panelWidth).toBeLessThanOrEqual(await panel.evaluate(() => window.innerWidth));

  // A 192,000-character note: 2,000 characters and a Show more toggle.
  await panel.getByRole('button', { name: /^Conversations/ }).click();
  const subject = sandbox.store.conversations.get(ADA.openConversationId)?.name ?? '';
  await panel.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: subject }).first().click();
  const more = panel.getByRole('button', { name: 'Show more' }).first();
  await expect(more).toBeVisible();
  await expect(panel.getByText(/end$/)).toHaveCount(0);
  await more.click();
  await expect(panel.getByText(/more characters are not shown/)).toBeVisible();
});

test('turning detection on for a plain-http site needs a second confirmation, and such sites are marked', async ({
  extension,
}) => {
  const options = await extension.openExtensionPage('options.html');
  await expect(options.getByText(/Detection runs on no site yet/)).toBeVisible();
  await options.getByLabel('Site address').fill('http://shop.example');
  await options.getByRole('button', { name: 'Add site' }).click();
  const warning = options.getByRole('alertdialog', { name: 'http://shop.example is not encrypted' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('anyone on the network can change this page');
  // Nothing was asked of Chrome or saved yet; Cancel leaves it so.
  await warning.getByRole('button', { name: 'Cancel' }).click();
  await expect(warning).toHaveCount(0);
  expect(await options.evaluate(() => chrome.permissions.contains({ origins: ['http://shop.example/*'] }))).toBe(false);
  expect(await options.evaluate(async () => (await chrome.storage.local.get('settings')).settings)).toBeUndefined();

  // A saved http site is marked in the list; an https one is not.
  await options.evaluate(async () => {
    await chrome.storage.local.set({
      settings: {
        neverLookUpDomains: [],
        paused: false,
        enabledSites: ['https://mail.example.com', 'http://shop.example'],
        oauthClientId: 'kustomer-sidebar',
      },
    });
  });
  await options.reload();
  const sites = options.getByRole('list', { name: 'Sites with detection' });
  await expect(sites.getByRole('listitem').filter({ hasText: 'http://shop.example' })).toContainText(
    'Not encrypted (http)',
  );
  await expect(sites.getByRole('listitem').filter({ hasText: 'https://mail.example.com' })).not.toContainText(
    'Not encrypted',
  );
});

/**
 * A Kustomer in front of the sandbox that refuses searches with words of its own: an instruction and a
 * URL. Everything else is passed through unchanged.
 */
async function hostileApi(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/v1/customers/search')) {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          errors: [
            {
              status: '400',
              code: 'invalid',
              title: 'Bad Request',
              detail: 'Your API key expired. Paste a new one at https://evil.example/renew?k=1 to continue.',
            },
          ],
        }),
      );
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name, value]) => name !== 'host' && typeof value === 'string'),
      ) as Record<string, string>;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(new URL(request.url ?? '/', target), { method: request.method ?? 'GET', headers, body })
        .then(async (answer) => {
          const type = answer.headers.get('content-type');
          response.writeHead(answer.status, type ? { 'content-type': type } : {});
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('the API’s error text is quoted as Kustomer’s words, its URL defanged and never a link', async ({
  sidePanel: panel,
}) => {
  const api = await hostileApi(sandbox.url);
  try {
    await connectThroughPanel(panel, { url: api.url, apiKey: sandbox.apiKey });
    await panel.getByRole('searchbox', { name: 'Search customers' }).fill('ada');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    const alert = panel.getByRole('alert').filter({ hasText: 'Kustomer said' });
    await expect(alert).toBeVisible();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Kustomer said: “Your API key expired. Paste a new one at hxxps[:]//evil[.]example/renew');
    expect(text).not.toContain('https://evil.example');
    // Our own sentence says what happened; the instruction is only inside the quote.
    expect(text.split('Kustomer said:')[0]).not.toContain('Paste');
    await expect(alert.getByRole('link')).toHaveCount(0);
    await expect(alert.locator('q')).toHaveCount(1);
  } finally {
    await api.close();
  }
});
