import type { Page } from '@playwright/test';
import { ADA, UNKNOWN_EMAIL } from '../sandbox/fixtures';
import type { LaunchedExtension } from '../support/launch-extension';
import { CONTENT_SCRIPT_REQUESTS, REQUEST_TYPES } from '../support/request-types';
import { expect, test } from './fixtures';
import {
  type Answer,
  collectConsole,
  connectWithKey,
  connectWithOAuthConsent,
  currentWorker,
  inContentScript,
  openWithDetection,
  send,
} from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Token isolation, proven by attacks: a hostile web page (pages/hostile/) and code running with the
 * content script's privileges try to obtain the API key or the OAuth tokens, and get nothing.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

/** A well-formed input per request type, so a refusal is about the sender and not the payload. */
function plausibleInput(type: string, tabId: number, url: string): unknown {
  const inputs: Record<string, unknown> = {
    connectWithApiKey: { target: { kind: 'custom', baseUrl: 'http://127.0.0.1:9/' }, apiKey: 'stolen?' },
    connectWithOAuth: { target: { kind: 'region', region: 'us' }, clientId: 'evil' },
    lookupEmail: { email: ADA.email },
    searchCustomers: { query: 'Ada' },
    getCustomer: { customerId: ADA.id },
    getCustomerActivity: { customerId: ADA.id, companyId: ADA.companyId },
    getCompany: { companyId: ADA.companyId },
    listConversations: { customerId: ADA.id, filter: 'all' },
    getConversation: { conversationId: ADA.openConversationId },
    listKObjects: { customerId: ADA.id },
    getPageCustomers: { tabId },
    runDetectionOnTab: { tabId },
    enableSite: { origin: 'https://evil.example' },
    disableSite: { origin: new URL(url).origin },
    enqueueWrite: { write: { kind: 'createNote', customerId: ADA.id, body: 'injected by a page' } },
    retryWrite: { id: 'x' },
    discardWrite: { id: 'x' },
    updateSettings: { patch: { paused: true } },
    pageEmailsDetected: { emails: [ADA.email, UNKNOWN_EMAIL], url },
    showCustomerFromPage: { email: ADA.email, how: 'click' },
  };
  return inputs[type] ?? {};
}

interface ContentAttack {
  storage: string[];
  answers: Record<string, unknown>;
  port: string[];
}

/** Code in the content script's isolated world asks for everything it can. */
function attackFromContentScript(extension: LaunchedExtension, tabId: number, url: string): Promise<ContentAttack> {
  const requests = REQUEST_TYPES.map((type) => ({ type, input: plausibleInput(type, tabId, url) }));
  return inContentScript(
    extension,
    tabId,
    async (messages: { type: string; input: unknown }[]) => {
      const storage: string[] = [];
      for (const area of [chrome.storage.local, chrome.storage.session]) {
        try {
          storage.push(`readable: ${JSON.stringify(await area.get(null))}`);
        } catch (error) {
          storage.push(`failed: ${String(error)}`);
        }
      }
      const answers: Record<string, unknown> = {};
      for (const message of messages) {
        answers[message.type] = await chrome.runtime
          .sendMessage(message)
          .catch((error: unknown) => `failed: ${String(error)}`);
      }
      // A long-lived port: the background has no onConnect listener, so nothing answers on it.
      const port: string[] = [];
      await new Promise<void>((resolve) => {
        const connection = chrome.runtime.connect({ name: 'steal' });
        connection.onMessage.addListener((reply) => port.push(JSON.stringify(reply)));
        connection.onDisconnect.addListener(() => {
          port.push('disconnected');
          resolve();
        });
        connection.postMessage({ type: 'getConnections', input: {} });
        setTimeout(resolve, 1000);
      });
      return { storage, answers, port };
    },
    requests,
  );
}

interface PageAttack {
  runtime: string;
  sendMessage: string;
  storage: string;
  fetches: Record<string, string>;
  scripts: Record<string, string>;
  frames: Record<string, string>;
  received: { origin: string; data: string }[];
  done?: boolean;
}

async function attackFromPage(page: Page): Promise<PageAttack> {
  await page.evaluate(() => (window as unknown as { __runAttack(): Promise<void> }).__runAttack());
  return page.evaluate(() => (window as unknown as { __attack: PageAttack }).__attack);
}

/** Every secret string must be absent from everything an attacker or a log could see. */
async function expectNoSecretAnywhere(
  extension: LaunchedExtension,
  secrets: string[],
  seen: { label: string; text: string }[],
  consoleLines: string[],
): Promise<void> {
  for (const page of extension.context.pages()) {
    // The DOM of every tab (hostile page, side panel, options) — what page scripts or a screenshot see.
    const html = await page.content().catch(() => '');
    seen.push({ label: `DOM of ${page.url()}`, text: html });
  }
  seen.push({ label: 'console of every context', text: consoleLines.join('\n') });
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(20);
    for (const { label, text } of seen) expect(text.includes(secret), `secret found in ${label}`).toBe(false);
  }
}

async function runAttacks(
  extension: LaunchedExtension,
  extensionPage: Page,
  secrets: string[],
  consoleLines: string[],
) {
  const url = `${pagesOrigin}/hostile/attacker.html#${extension.extensionId}`;
  const { page, tabId } = await openWithDetection(extension, extensionPage, url);
  // The content script is running: the page's addresses were reported (so its sender is allowed).
  await expect
    .poll(async () => (await send(extensionPage, 'getPageCustomers', { tabId })) as Answer)
    .toMatchObject({ ok: true, value: { detectionActive: true, emails: expect.arrayContaining([expect.anything()]) } });

  // 1. The content script's world.
  const content = await attackFromContentScript(extension, tabId, url);
  expect(content.storage).toHaveLength(2);
  for (const outcome of content.storage) expect(outcome).toMatch(/^failed: .*Access to storage is not allowed/);
  for (const type of REQUEST_TYPES) {
    if (CONTENT_SCRIPT_REQUESTS.includes(type)) continue;
    expect(content.answers[type], type).toMatchObject({ ok: false, error: { kind: 'refused' } });
  }
  expect(content.answers.pageEmailsDetected).toMatchObject({ ok: true, value: { known: [ADA.email] } });
  expect(content.answers.showCustomerFromPage).toEqual({ ok: true });
  expect(content.port.filter((line) => line !== 'disconnected')).toEqual([]);

  // 2. The page's own world.
  const attack = await attackFromPage(page);
  expect(attack.done).toBe(true);
  expect(attack.runtime).toBe('undefined');
  expect(attack.sendMessage).toMatch(/^failed: /);
  expect(attack.storage).toMatch(/^failed: /);
  for (const [path, outcome] of Object.entries(attack.fetches)) expect(outcome, path).toMatch(/^failed: /);
  for (const [path, outcome] of Object.entries(attack.scripts)) expect(outcome, path).toBe('error');
  // A blocked extension frame is left empty (same-origin blank) or is a cross-origin error page: no panel in it.
  for (const [path, outcome] of Object.entries(attack.frames))
    expect(outcome, path).toMatch(/^(not readable|readable: $)/);
  expect(attack.received).toEqual([]);
  // No extension document ever loaded inside the hostile tab (no web_accessible_resources).
  const worker = await currentWorker(extension);
  const contextsInTab = await worker.evaluate(
    async (id) => (await chrome.runtime.getContexts({})).filter((context) => context.tabId === id).length,
    tabId,
  );
  expect(contextsInTab).toBe(0);

  // 3. The extension pages themselves ask for everything that takes no input: no answer carries a secret.
  const pageAnswers: Answer[] = [];
  for (const type of ['getConnections', 'getSettings', 'getOutbox', 'takePanelIntent']) {
    pageAnswers.push(await send(extensionPage, type));
  }
  pageAnswers.push(await send(extensionPage, 'testConnection', { connectionId: 'org-0' }));
  expect(pageAnswers[0]).toMatchObject({ ok: true, value: [{ id: 'org-0', state: 'connected' }] });
  expect(pageAnswers.at(-1)).toMatchObject({ ok: true, value: { id: 'org-0', state: 'connected' } });

  await expectNoSecretAnywhere(
    extension,
    secrets,
    [
      { label: 'content-script answers', text: JSON.stringify(content) },
      { label: 'page attack results', text: JSON.stringify(attack) },
      { label: 'extension-page answers', text: JSON.stringify(pageAnswers) },
    ],
    consoleLines,
  );
}

let pagesOrigin = '';

test('a hostile page and the content script cannot obtain the API key', async ({ extension, pages }) => {
  pagesOrigin = pages.origin;
  const consoleLines = collectConsole(extension);
  const options = await extension.openExtensionPage('options.html');
  const panel = await extension.openExtensionPage('sidepanel.html');
  // The collector hears every context: a canary from the worker and the panel shows up.
  await (await currentWorker(extension)).evaluate(() => console.log('canary-worker'));
  await panel.evaluate(() => console.log('canary-panel'));
  expect(await connectWithKey(options, sandbox)).toMatchObject({ ok: true, value: { state: 'connected' } });
  await runAttacks(extension, options, [sandbox.apiKey], consoleLines);
  expect(consoleLines.some((line) => line.includes('canary-worker'))).toBe(true);
  expect(consoleLines.some((line) => line.includes('canary-panel'))).toBe(true);
  // Kustomer saw the key; nothing asked by the attackers wrote or changed anything.
  expect(sandbox.requests.some((request) => request.headers.authorization === `Bearer ${sandbox.apiKey}`)).toBe(true);
  expect([...sandbox.store.notes.values()].filter((note) => note.body === 'injected by a page')).toEqual([]);
  expect(await send(options, 'getSettings')).toMatchObject({ ok: true, value: { paused: false } });
});

test('a hostile page and the content script cannot obtain the OAuth access or refresh token', async ({
  extension,
  pages,
}) => {
  pagesOrigin = pages.origin;
  const consoleLines = collectConsole(extension);
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithOAuthConsent(extension, options, sandbox)).toMatchObject({
    ok: true,
    value: { state: 'connected', method: 'oauth' },
  });
  // The test (not an attacker) reads the stored tokens through the worker, to know what to look for.
  const stored = (await (await currentWorker(extension)).evaluate(() => chrome.storage.local.get('credentials'))) as {
    credentials?: { accessToken?: string; refreshToken?: string };
  };
  const secrets = [stored.credentials?.accessToken ?? '', stored.credentials?.refreshToken ?? ''];
  await runAttacks(extension, options, secrets, consoleLines);
});
