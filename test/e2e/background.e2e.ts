import type { Page } from '@playwright/test';
import { ADA, DEFAULT_OAUTH_CLIENT, KATHERINE } from '../sandbox/fixtures';
import { CONTENT_SCRIPT_REQUESTS, REQUEST_TYPES } from '../support/request-types';
import { expect, test } from './fixtures';
import { currentWorker, firstConnectionId, send, stopServiceWorker } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * The background service worker in Chromium against the sandbox. Requests go through the real
 * protocol (chrome.runtime.sendMessage from an extension page), exactly as the side panel sends them.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

const target = () => ({ kind: 'custom', baseUrl: sandbox.url });

async function connectWithKey(page: Page, apiKey = sandbox.apiKey) {
  return send(page, 'connectWithApiKey', { target: target(), apiKey });
}

test('saves an API key after Kustomer accepted it, and never shows it to pages', async ({ extension }) => {
  const options = await extension.openExtensionPage('options.html');
  const answer = await connectWithKey(options);
  expect(answer).toMatchObject({ ok: true, value: { state: 'connected', method: 'apiKey', baseUrl: sandbox.url } });
  expect(JSON.stringify(answer)).not.toContain(sandbox.apiKey);
  expect(sandbox.requests.map((request) => request.path)).toContain('/v1/auth/tokens/current');
  const status = await send(options, 'getConnections');
  expect(status).toMatchObject({
    ok: true,
    value: [{ id: expect.stringMatching(/^org-[a-z0-9]{10}$/), state: 'connected' }],
  });
  expect(JSON.stringify(status)).not.toContain(sandbox.apiKey);
});

test('a wrong key and a key of another region are refused with their own messages', async ({ extension }) => {
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithKey(options, 'wrong-key')).toMatchObject({
    ok: false,
    error: { kind: 'unauthorized', message: expect.stringMatching(/rejected the API key/) },
  });
  expect(await connectWithKey(options, sandbox.keys.otherPod)).toMatchObject({
    ok: false,
    error: { kind: 'unauthorized', message: expect.stringMatching(/EU region \(prod2\)/) },
  });
  expect(await send(options, 'getConnections')).toEqual({ ok: true, value: [] });
});

test('the side panel shows a refused key’s error, then connects with a good one', async ({ sidePanel }) => {
  await sidePanel.getByLabel('Where is your Kustomer?').selectOption('custom');
  await sidePanel.getByLabel('API base URL').fill(sandbox.url);
  await sidePanel.getByLabel('API key', { exact: true }).fill(sandbox.keys.expired);
  await sidePanel.getByRole('button', { name: 'Connect to Kustomer' }).click();
  await expect(sidePanel.getByRole('alert')).toContainText('Your Kustomer key has expired');
  await sidePanel.getByLabel('API key', { exact: true }).fill(sandbox.apiKey);
  await sidePanel.getByRole('button', { name: 'Connect to Kustomer' }).click();
  await expect(sidePanel.getByRole('heading', { name: 'Not connected to Kustomer' })).toBeHidden();
  expect(await send(sidePanel, 'getConnections')).toMatchObject({ ok: true, value: [{ state: 'connected' }] });
});

test('signs in with OAuth through launchWebAuthFlow against the sandbox', async ({ extension }) => {
  const options = await extension.openExtensionPage('options.html');
  // launchWebAuthFlow opens the sandbox's consent page in its own window; the agent clicks Allow.
  const consentWindow = extension.context.waitForEvent('page', {
    predicate: (page) => page.url().startsWith(`${sandbox.url}/oauth/authorize`),
  });
  const signIn = send(options, 'connectWithOAuth', { target: target(), clientId: DEFAULT_OAUTH_CLIENT.clientId });
  const consent = await consentWindow;
  const authorizeUrl = new URL(consent.url());
  expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(DEFAULT_OAUTH_CLIENT.redirectUris[0]);
  // A scope is asked for: the roles the extension needs and offline_access for a refresh token (unverified strings).
  expect(authorizeUrl.searchParams.get('scope')?.split(' ')).toEqual(
    expect.arrayContaining(['org.permission.customer.read', 'org.permission.search.create', 'offline_access']),
  );
  await consent.getByRole('button', { name: 'Allow' }).click();
  const answer = await signIn;
  expect(answer).toMatchObject({ ok: true, value: { state: 'connected', method: 'oauth', userName: 'Sam Rivera' } });
  const exchange = sandbox.requests.find((request) => request.path === '/oauth/token');
  expect(exchange?.body).toMatchObject({ grant_type: 'authorization_code', code_verifier: expect.any(String) });
  // The access token works for lookups.
  expect(await send(options, 'lookupEmail', { email: ADA.email })).toMatchObject({
    ok: true,
    value: { status: 'known', answers: [{ card: { customer: { id: ADA.id } } }] },
  });
});

test('context-menu lookups open the side panel on the right customer', async ({ extension, sidePanel, pages }) => {
  await connectWithKey(sidePanel);
  const tab = await extension.context.newPage();
  await tab.goto(`${pages.origin}/index.html`);
  const worker = await currentWorker(extension);
  const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, `${pages.origin}/*`);
  // Native context menus can't be clicked from Playwright: the test build exposes the click handler.
  const click = (data: Record<string, string>) =>
    worker.evaluate(
      ({ data, tabId, url }) =>
        (
          globalThis as unknown as { __ksTest: { contextMenuClick(c: unknown, t: unknown): Promise<void> } }
        ).__ksTest.contextMenuClick(data, { id: tabId, url, title: 'Test page' }),
      { data, tabId, url: tab.url() },
    );

  await click({ menuItemId: 'kustomer-lookup-selection', selectionText: `Contact: ${ADA.email.toUpperCase()}` });
  await expect(sidePanel.getByRole('heading', { level: 2, name: ADA.name })).toBeVisible();

  await click({ menuItemId: 'kustomer-lookup-mailto', linkUrl: `mailto:${KATHERINE.email}?subject=Hello` });
  await expect(sidePanel.getByRole('heading', { level: 2, name: KATHERINE.name })).toBeVisible();

  await click({ menuItemId: 'kustomer-add-note', selectionText: 'Parcel arrived damaged', pageUrl: tab.url() });
  await expect(sidePanel.getByRole('heading', { level: 2, name: 'Quick note' })).toBeVisible();
  await expect(sidePanel.getByLabel('Note', { exact: true })).toHaveValue(/Parcel arrived damaged/);
});

test('a note queued while Kustomer is down is delivered exactly once, after it is back and the worker restarted', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const options = await extension.openExtensionPage('options.html');
  await connectWithKey(options);
  sandbox.setFaults({ down: true });
  const body = `Queued while Kustomer was down ${Date.now()}`;
  const queued = await send(options, 'enqueueWrite', {
    connectionId: await firstConnectionId(options),
    write: { kind: 'createNote', customerId: ADA.id, conversationId: ADA.openConversationId, body },
  });
  expect(queued).toMatchObject({ ok: true, value: { state: 'queued' } });
  const id = (queued as { value: { id: string } }).value.id;
  const itemState = async () => {
    const outbox = (await send(options, 'getOutbox')) as { value: { id: string; state: string; attempts: number }[] };
    return outbox.value.find((item) => item.id === id);
  };
  await expect.poll(itemState).toMatchObject({ state: 'queued', attempts: 1, lastError: { kind: 'network' } });

  // Stop the worker (as Chrome does when it is idle): its memory is gone, storage and alarms stay.
  const before = await currentWorker(extension);
  await before.evaluate(() => Object.assign(globalThis, { __marker: 'old worker' }));
  await stopServiceWorker(extension, options);
  sandbox.setFaults({ down: false });

  // Any message (or the retry alarm) starts a new worker, which resumes the outbox.
  await expect.poll(itemState, { timeout: 45_000, intervals: [500] }).toMatchObject({ state: 'sent' });
  const after = await currentWorker(extension);
  expect(await after.evaluate(() => (globalThis as { __marker?: string }).__marker)).toBeUndefined();
  const notes = [...sandbox.store.notes.values()].filter((note) => note.body === body);
  expect(notes).toHaveLength(1);
  const posts = sandbox.requests.filter(
    (request) => request.method === 'POST' && request.path === `/v1/conversations/${ADA.openConversationId}/notes`,
  );
  expect(posts.filter((request) => request.status >= 200 && request.status < 300)).toHaveLength(1);
});

test('a content script and a web page cannot obtain the token', async ({ extension, pages }) => {
  const options = await extension.openExtensionPage('options.html');
  await connectWithKey(options);
  const web = await extension.context.newPage();
  await web.goto(`${pages.origin}/index.html`);

  // A web page has no extension messaging at all (no externally_connectable).
  expect(
    await web.evaluate(
      () => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage,
    ),
  ).toBe('undefined');

  // Run detection once, so the content script of this tab is an allowed sender.
  const worker = await currentWorker(extension);
  const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, `${pages.origin}/*`);
  expect(await send(options, 'runDetectionOnTab', { tabId })).toMatchObject({ ok: true });

  const requestTypes = [...REQUEST_TYPES];
  // Code in the content script's isolated world, as the page's content script runs it.
  const [injected] = await worker.evaluate(
    ({ tabId, requestTypes }) =>
      chrome.scripting.executeScript({
        target: { tabId: tabId as number },
        world: 'ISOLATED',
        args: [requestTypes],
        func: async (types: string[]) => {
          const storageErrors: string[] = [];
          for (const area of [chrome.storage.local, chrome.storage.session]) {
            try {
              await area.get(null);
              storageErrors.push('readable');
            } catch (error) {
              storageErrors.push(String(error));
            }
          }
          const answers: Record<string, unknown> = {};
          for (const type of types) {
            const input =
              type === 'pageEmailsDetected'
                ? { emails: ['ada.lovelace@example.com'], url: location.href }
                : type === 'showCustomerFromPage'
                  ? { email: 'ada.lovelace@example.com', how: 'hover' }
                  : {};
            answers[type] = await chrome.runtime.sendMessage({ type, input }).catch((error: unknown) => String(error));
          }
          return { storageErrors, answers };
        },
      }),
    { tabId, requestTypes },
  );
  const result = injected?.result as {
    storageErrors: string[];
    answers: Record<string, { ok: boolean; error?: { kind: string } }>;
  };
  expect(result.storageErrors).toHaveLength(2);
  for (const message of result.storageErrors)
    expect(message).toMatch(/Access to storage is not allowed from this context/);
  expect(JSON.stringify(result.answers)).not.toContain(sandbox.apiKey);
  for (const type of requestTypes.filter((name) => !CONTENT_SCRIPT_REQUESTS.includes(name))) {
    expect(result.answers[type], type).toMatchObject({ ok: false, error: { kind: 'refused' } });
  }
  expect(result.answers.pageEmailsDetected).toEqual({ ok: true, value: { known: [ADA.email], ignored: [] } });
});

test('turning detection on for a site: the page’s known customers reach the panel and the badge', async ({
  extension,
  pages,
}) => {
  const options = await extension.openExtensionPage('options.html');
  await connectWithKey(options);
  // The test build holds http://127.0.0.1/* already; in the store build the panel requests it first.
  const enabled = await send(options, 'enableSite', { origin: pages.origin });
  expect(enabled).toMatchObject({ ok: true, value: { enabledSites: [pages.origin] } });
  const worker = await currentWorker(extension);
  expect(await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toMatchObject([
    {
      id: 'kustomer-detect',
      matches: [`${pages.origin}/*`],
      persistAcrossSessions: true,
      allFrames: true,
      runAt: 'document_start',
    },
  ]);

  const inbox = await extension.context.newPage();
  await inbox.goto(`${pages.origin}/demo/inbox.html`);
  const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, `${pages.origin}/*`);
  type PageAnswer = { value: { detectionActive: boolean; emails: { email: string; status: string }[] } };
  const known = async () => {
    const answer = (await send(options, 'getPageCustomers', { tabId })) as PageAnswer;
    return answer.value.emails
      .filter((entry) => entry.status === 'known')
      .map((entry) => entry.email)
      .sort();
  };
  await expect
    .poll(known, { timeout: 20_000 })
    .toEqual(expect.arrayContaining([ADA.email, 'grace.hopper@example.org']));
  const page = (await send(options, 'getPageCustomers', { tabId })) as PageAnswer;
  expect(page.value.detectionActive).toBe(true);
  expect(page.value.emails).toContainEqual(
    expect.objectContaining({ email: 'nobody@unknown.example', status: 'unknown' }),
  );
  // The overlay's host went in before the page's first layout, after <body> (issue 14), and is the only one.
  expect(
    await inbox.evaluate(() => ({
      hosts: document.querySelectorAll('[data-kustomer-sidebar]').length,
      last: document.documentElement.lastElementChild?.hasAttribute('data-kustomer-sidebar'),
    })),
  ).toEqual({ hosts: 1, last: true });
  const badge = await worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id as number }), tabId);
  expect(badge).toBe(String((await known()).length));

  const disabled = await send(options, 'disableSite', { origin: pages.origin });
  expect(disabled).toMatchObject({ ok: true, value: { enabledSites: [] } });
  expect(await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
});

test('the quick-note command opens a note prefilled with the page’s selection', async ({
  extension,
  sidePanel,
  pages,
}) => {
  await connectWithKey(sidePanel);
  const order = await extension.context.newPage();
  await order.goto(`${pages.origin}/demo/order.html`);
  const selected = await order.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('h1') ?? document.body);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    return getSelection()?.toString().trim() ?? '';
  });
  expect(selected).not.toBe('');
  const worker = await currentWorker(extension);
  // Keyboard shortcuts can't be pressed on the browser UI from Playwright: the test build exposes the handler.
  await worker.evaluate(
    async ({ url, title }) => {
      const [tab] = await chrome.tabs.query({ url });
      await (
        globalThis as unknown as { __ksTest: { command(name: string, tab: unknown): Promise<void> } }
      ).__ksTest.command('quick-note', { id: tab?.id, url: tab?.url, title });
    },
    { url: `${pages.origin}/demo/order.html`, title: await order.title() },
  );
  await expect(sidePanel.getByRole('heading', { level: 2, name: 'Quick note' })).toBeVisible();
  await expect(sidePanel.getByLabel('Note', { exact: true })).toHaveValue(
    new RegExp(selected.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  );
});
