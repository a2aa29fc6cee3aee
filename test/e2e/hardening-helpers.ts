import AxeBuilder from '@axe-core/playwright';
import type { ConsoleMessage, Page, Worker } from '@playwright/test';
import type { Sandbox } from '../sandbox';
import { DEFAULT_OAUTH_CLIENT } from '../sandbox/fixtures';
import type { LaunchedExtension } from '../support/launch-extension';
import { expect, test } from './fixtures';

/**
 * Shared steps of the hardening e2e tests (copied in spirit from background.e2e.ts and sidepanel.e2e.ts,
 * which keep theirs private): the file's sandbox, protocol requests, connecting, the outbox, content-script
 * code, console capture.
 */

export type Answer = { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string } };

/** Sends one protocol request from an extension page (options or side panel) and returns the answer. */
export function send(page: Page, type: string, input: unknown = {}): Promise<Answer> {
  return page.evaluate((message) => chrome.runtime.sendMessage(message), { type, input });
}

/** The id of the first connected organisation (a connection's id is random: `org-` and 10 characters). */
export async function firstConnectionId(page: Page): Promise<string> {
  const answer = await send(page, 'getConnections');
  const [first] = answer.ok ? (answer.value as { id: string }[]) : [];
  if (!first) throw new Error(`no connection: ${JSON.stringify(answer)}`);
  return first.id;
}

/** Connects through the protocol with an API key against the sandbox (custom base URL). */
export async function connectWithKey(page: Page, sandbox: Sandbox, apiKey = sandbox.apiKey): Promise<Answer> {
  return send(page, 'connectWithApiKey', { target: { kind: 'custom', baseUrl: sandbox.url }, apiKey });
}

/**
 * Signs in with OAuth through the protocol against the sandbox: waits for its consent page, clicks
 * Allow, and returns the answer to `connectWithOAuth`.
 */
export async function connectWithOAuthConsent(extension: LaunchedExtension, page: Page, sandbox: Sandbox) {
  const consent = extension.context.waitForEvent('page', {
    predicate: (opened) => opened.url().startsWith(`${sandbox.url}/oauth/authorize`),
  });
  const signIn = send(page, 'connectWithOAuth', {
    target: { kind: 'custom', baseUrl: sandbox.url },
    clientId: DEFAULT_OAUTH_CLIENT.clientId,
  });
  // A sign-in that fails before its auth window opens answers at once (it used to, with "quota exceeded").
  consent.catch(() => undefined);
  const first = await Promise.race([consent, signIn]);
  if (!('getByRole' in first)) return first;
  await first.getByRole('button', { name: 'Allow' }).click();
  return signIn;
}

/** Connects the side panel through its Connect form and waits for the lookup view. */
export { connectThroughPanel } from '../support/agent-flows';

/** The extension's service worker as it is now (a stopped worker comes back as a new one). */
export async function currentWorker(extension: LaunchedExtension): Promise<Worker> {
  const live = extension.context.serviceWorkers().filter((worker) => worker.url().startsWith('chrome-extension://'));
  return live.at(-1) ?? extension.context.waitForEvent('serviceworker');
}

export interface OutboxEntry {
  id: string;
  state: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError?: { kind: string };
}

/** The outbox as `getOutbox` answers it (empty when the request fails). */
export async function outbox(page: Page): Promise<OutboxEntry[]> {
  const answer = await send(page, 'getOutbox');
  return answer.ok ? (answer.value as OutboxEntry[]) : [];
}

/** Id of the tab showing `url` (exact match). */
export async function tabIdOf(extension: LaunchedExtension, url: string): Promise<number> {
  const worker = await currentWorker(extension);
  const id = await worker.evaluate(
    async (target) => (await chrome.tabs.query({})).find((tab) => tab.url === target)?.id,
    url,
  );
  if (id === undefined) throw new Error(`No tab shows ${url}`);
  return id;
}

/** Opens `url` in a new tab and runs detection on it once, as "Scan this page once" does. */
export async function openWithDetection(extension: LaunchedExtension, extensionPage: Page, url: string) {
  const page = await extension.context.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(extension, url);
  expect(await send(extensionPage, 'runDetectionOnTab', { tabId })).toMatchObject({ ok: true });
  return { page, tabId };
}

/**
 * Runs `func` in the tab's ISOLATED world, the content script's own world: it has the content
 * script's privileges (chrome.runtime, chrome.storage) and its messages come from a content script.
 */
export async function inContentScript<A, R>(
  extension: LaunchedExtension,
  tabId: number,
  func: (arg: A) => Promise<R> | R,
  arg: A,
): Promise<R> {
  const worker = await currentWorker(extension);
  // One expression string, so `func` reaches executeScript as source (the worker's CSP forbids eval).
  const expression = `chrome.scripting
    .executeScript({ target: { tabId: ${tabId} }, world: 'ISOLATED', args: [${JSON.stringify(arg) ?? 'undefined'}], func: ${func.toString()} })
    .then((results) => results[0]?.result)`;
  return (await worker.evaluate(expression)) as R;
}

/** Every console line of every page, frame and service worker of the browser, from now on. */
export function collectConsole(extension: LaunchedExtension): string[] {
  const lines: string[] = [];
  const record = (where: string) => (message: ConsoleMessage) =>
    lines.push(`${where} ${message.type()}: ${message.text()}`);
  extension.context.on('console', record('page'));
  const watchWorker = (worker: Worker) => worker.on('console', record(`worker ${worker.url()}`));
  for (const worker of extension.context.serviceWorkers()) watchWorker(worker);
  extension.context.on('serviceworker', watchWorker);
  return lines;
}

/** Stops every service worker, as Chrome does when one is idle; storage and alarms stay. */
export async function stopServiceWorker(extension: LaunchedExtension, anyPage: Page): Promise<void> {
  const cdp = await extension.context.newCDPSession(anyPage);
  // stopAllWorkers answers before the worker has stopped: wait for the browser to say it has, so that the next
  // request starts a new worker instead of reaching the old one.
  // `chrome-extension://<id>` (URL.origin is "null" for that scheme).
  const extensionOrigin = anyPage.url().split('/').slice(0, 3).join('/');
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const ours = versions.filter((version) => version.scriptURL.startsWith(extensionOrigin));
      if (ours.length > 0 && ours.every((version) => version.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

/** Runs axe in the light and the dark scheme; returns serious/critical findings, records milder ones as annotations. */
export async function audit(page: Page, view: string): Promise<string[]> {
  const serious: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const results = await new AxeBuilder({ page }).analyze();
    for (const violation of results.violations) {
      const where = violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ');
      const line = `${view} (${colorScheme}) ${violation.impact} ${violation.id}: ${where}`;
      if (violation.impact === 'serious' || violation.impact === 'critical') serious.push(line);
      else test.info().annotations.push({ type: 'axe', description: line });
    }
    // A real audit: axe checked this view's controls (labels, names, contrast).
    expect(results.passes.length, `${view} ${colorScheme}`).toBeGreaterThan(5);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return serious;
}
