import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_ADDON_ID } from '../../manifest';
import { startSandbox } from '../sandbox';
import { ADA, UNKNOWN_EMAIL } from '../sandbox/fixtures';
import { startStaticServer } from '../support/static-server';

/**
 * The Firefox smoke: the Firefox test build in Debian's firefox-esr, driven by puppeteer-core over WebDriver
 * BiDi, against the sandbox (docs/browsers.md).
 *
 * BiDi refuses to navigate to `moz-extension://` and does not list tabs the add-on opens. What works: a page on
 * 127.0.0.1 sends ITSELF to the panel's address, which the Firefox test build (only) lists as web-accessible to
 * 127.0.0.1. The tab then is the real panel page, with every extension API, and BiDi keeps driving it: the test
 * reads it and clicks and types into it with real input. (Framing the panel instead gives it only the APIs of a
 * content script: no `tabs`, no `permissions`, no pushes.) The agent's web page is a second tab, as in the
 * Chromium e2e tests, where the panel is also opened as a tab.
 */

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_TEST_BUILD = fileURLToPath(
  new URL(`../../${process.env.KS_OUT_DIR ?? '.output'}/firefox-mv3-test`, import.meta.url),
);
/** Pins the add-on's `moz-extension://<uuid>/` host, so the framing page knows the panel's address. */
const PANEL_UUID = '4b1d7c2e-5a6f-4e3d-9c8b-7a6f5e4d3c2b';
const PANEL_URL = `moz-extension://${PANEL_UUID}/sidepanel.html`;
const FAILURE_DIR = fileURLToPath(new URL('../../test-results/firefox-smoke', import.meta.url));
/** Every wait is bounded: the smoke stops by itself on a slow or broken build. */
const STEP_TIMEOUT_MS = 20_000;

export interface SmokeOptions {
  /** Saves a screenshot after each step (the demo's `--browser firefox`). */
  screenshotsDir?: string;
  log?: (line: string) => void;
}

export interface SmokeResult {
  /** Milliseconds per step, in order. */
  steps: [string, number][];
  firefoxVersion: string;
}

/** The agent's web page: one known customer, one stranger, and a paragraph to quote in a note. */
function agentPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Order 1042</title></head>
<body style="font:16px/1.5 sans-serif;margin:24px"><h1>Order 1042</h1>
<p>Customer: ${ADA.email}</p>
<p id="request">She asked for a replacement shipment and a partial refund of the shipping costs.</p>
<p>Forwarded by ${UNKNOWN_EMAIL}.</p></body></html>`;
}

/** A page on 127.0.0.1 that sends its own tab to the panel (web-accessible to 127.0.0.1 in the test build only). */
function panelDoor(): string {
  return '<!doctype html><title>Opening the panel</title><p>The test sends this tab to the panel.</p>';
}

/** A control of the panel as the test finds it: accessible name, value, place in the viewport. */
interface PanelControl {
  name: string;
  value?: string;
  rect: { x: number; y: number; width: number; height: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something other than undefined; fails after {@link STEP_TIMEOUT_MS}. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(150);
  }
  throw new Error(`Timed out after ${STEP_TIMEOUT_MS} ms waiting for ${what}${last ? ` (${String(last)})` : ''}`);
}

/**
 * What the panel shows: its text and each visible control's accessible name, value and place. A string, because
 * tsx would wrap a named function inside an `evaluate` callback in a helper the page does not have.
 */
const SNAPSHOT_SCRIPT = `(() => {
  const nameOf = (element) =>
    (element.getAttribute('aria-label') ?? element.labels?.[0]?.textContent ??
      (element.textContent || element.getAttribute('placeholder') || element.title || '')).trim();
  const controls = [...document.querySelectorAll('button, a[href], input, select, textarea')]
    .map((element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      const value = typeof element.value === 'string' ? { value: element.value } : {};
      return { name: nameOf(element), ...value, rect: { x, y, width, height } };
    })
    .filter((control) => control.rect.width > 0 && control.rect.height > 0);
  return { text: document.body.innerText, controls };
})()`;

const DIAGNOSTICS_SCRIPT = `(async () => ({
  diagnostics: (await browser.storage.session.get('diagnostics')).diagnostics,
  registered: await browser.scripting.getRegisteredContentScripts(),
}))()`;

/** The panel's tab, read with `evaluate` and driven with real mouse and keyboard input. */
class PanelTab {
  constructor(readonly page: Page) {}

  snapshot(): Promise<{ text: string; controls: PanelControl[] }> {
    return this.page.evaluate(SNAPSHOT_SCRIPT) as Promise<{ text: string; controls: PanelControl[] }>;
  }

  waitForText(pattern: RegExp | string): Promise<string> {
    return waitFor(`the panel to show ${pattern}`, async () => {
      const { text } = await this.snapshot();
      return (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) ? text : undefined;
    });
  }

  control(name: RegExp | string): Promise<PanelControl> {
    return waitFor(`the control ${name}`, async () => {
      const { controls } = await this.snapshot();
      return controls.find((control) => (typeof name === 'string' ? control.name === name : name.test(control.name)));
    });
  }

  async click(name: RegExp | string): Promise<void> {
    // Where the control stays put for two snapshots in a row: a view still settling moves it.
    const rect = await waitFor(`${name} to hold still`, async () => {
      const first = (await this.control(name)).rect;
      await sleep(100);
      const second = (await this.control(name)).rect;
      return JSON.stringify(first) === JSON.stringify(second) ? second : undefined;
    });
    await this.page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
  }

  async fill(name: RegExp | string, value: string): Promise<void> {
    await this.click(name);
    await this.page.keyboard.down('Control');
    await this.page.keyboard.press('a');
    await this.page.keyboard.up('Control');
    await this.page.keyboard.type(value);
    await waitFor(`${name} to hold what was typed`, async () =>
      (await this.control(name)).value === value ? true : undefined,
    );
  }

  /** A `<select>` takes its value the way the agent's choice sets it (its native drop-down is out of reach). */
  async select(name: string, value: string): Promise<void> {
    await this.control(name);
    await this.page.evaluate(
      (label, chosen) => {
        const select = [...document.querySelectorAll('select')].find(
          (element) => element.labels[0]?.textContent?.trim() === label,
        );
        if (!select) throw new Error(`No select named ${label}`);
        select.value = chosen;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      },
      name,
      value,
    );
  }

  /**
   * Fires the background's context-menu handler, as Firefox would after a right-click (native menus are out of
   * reach in every browser; the Chromium tests call the same test-build hook, `__ksTest`).
   */
  contextMenuClick(click: { menuItemId: string; selectionText?: string; pageUrl: string }): Promise<void> {
    return this.page.evaluate(async (sent) => {
      const api = (
        globalThis as unknown as { browser: typeof chrome & { runtime: { getBackgroundPage(): Promise<Window> } } }
      ).browser;
      // Firefox's URL patterns cannot name a port: look through the tabs.
      const tab = (await api.tabs.query({})).find((candidate) => candidate.url === sent.pageUrl);
      const background = (await api.runtime.getBackgroundPage()) as unknown as {
        __ksTest?: { contextMenuClick(click: unknown, tab: unknown): Promise<void> };
      };
      if (tab?.id === undefined || !background.__ksTest) throw new Error('No tab, or not a test build');
      await background.__ksTest.contextMenuClick(sent, { id: tab.id, url: tab.url, title: tab.title });
    }, click);
  }
}

/** Runs the smoke once; throws on the first failed step. */
export async function runFirefoxSmoke(options: SmokeOptions = {}): Promise<SmokeResult> {
  const log = options.log ?? (() => undefined);
  const steps: [string, number][] = [];
  let browser: Browser | undefined;
  let panelPage: Page | undefined;
  let agentTab: Page | undefined;
  const sandbox = await startSandbox();
  const server = await startStaticServer(fileURLToPath(new URL('../e2e/pages', import.meta.url)));
  server.setPage('/order.html', agentPage());
  server.setPage('/panel.html', panelDoor());
  if (options.screenshotsDir) mkdirSync(options.screenshotsDir, { recursive: true });
  const screenshot = async (name: string) => {
    if (!options.screenshotsDir) return;
    const prefix = `${steps.length}-${name.replace(/\W+/g, '-')}`;
    await panelPage?.screenshot({ path: join(options.screenshotsDir, `${prefix}-panel.png`) });
    await agentTab?.screenshot({ path: join(options.screenshotsDir, `${prefix}-page.png`) });
  };
  const step = async (name: string, body: () => Promise<void>) => {
    const started = Date.now();
    try {
      await body();
    } catch (error) {
      // What the panel and the page showed when the step failed (test-results/ is ignored by git).
      mkdirSync(FAILURE_DIR, { recursive: true });
      await panelPage?.screenshot({ path: join(FAILURE_DIR, 'panel.png') }).catch(() => undefined);
      await agentTab?.screenshot({ path: join(FAILURE_DIR, 'page.png') }).catch(() => undefined);
      const shown = panelPage ? await new PanelTab(panelPage).snapshot().catch(() => undefined) : undefined;
      // The background's own account of what it swallowed (the options page's Diagnostics), and its registration.
      const background = await panelPage
        ?.evaluate(DIAGNOSTICS_SCRIPT)
        .catch((error: unknown) => `(unreadable: ${String(error)})`);
      log(`  background: ${JSON.stringify(background)}`);
      log(
        `  ✗ ${name}; the panel showed:\n${shown?.text ?? '(nothing)'}\n  the sandbox received: ${sandbox.requests
          .map((request) => `${request.method} ${request.path}`)
          .join(', ')}`,
      );
      throw error;
    }
    steps.push([name, Date.now() - started]);
    log(`  ✓ ${name} (${Date.now() - started} ms)`);
    await screenshot(name);
  };
  try {
    await step('launch firefox-esr and install the add-on', async () => {
      browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: FIREFOX_PATH,
        headless: true,
        protocolTimeout: 60_000,
        extraPrefsFirefox: {
          'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: PANEL_UUID }),
          // Headless Firefox cannot show the "allow this site" prompt: accept it, as the agent would.
          'extensions.webextOptionalPermissionPrompts': false,
        },
      });
      await browser.installExtension(FIREFOX_TEST_BUILD);
    });
    const firefox = browser;
    if (!firefox) throw new Error('Firefox did not start');

    const page = await firefox.newPage();
    agentTab = page;
    await page.setViewport({ width: 900, height: 600 });
    await page.goto(`${server.origin}/order.html`);
    const panelTab = await firefox.newPage();
    panelPage = panelTab;
    await panelTab.setViewport({ width: 420, height: 800 });
    await panelTab.goto(`${server.origin}/panel.html`);
    // The page navigates itself: BiDi may not, and would wait for a load it is not allowed to see.
    await panelTab.evaluate((url) => location.replace(url), PANEL_URL);
    const panel = new PanelTab(panelTab);

    await step('connect with an API key', async () => {
      // Puppeteer's page.url() does not follow this navigation; the page itself knows where it is.
      await waitFor('the panel page', async () =>
        (await panelTab.evaluate(() => location.protocol)) === 'moz-extension:' ? true : undefined,
      );
      await panel.waitForText('Not connected to Kustomer');
      await panel.select('Where is your Kustomer?', 'custom');
      await panel.fill('API base URL', sandbox.url);
      await panel.fill('API key', sandbox.apiKey);
      await panel.click('Connect to Kustomer');
      await panel.waitForText('Find a customer');
      if (!sandbox.requests.some((request) => request.path === '/v1/users/current')) {
        throw new Error('The sandbox saw no /v1/users/current: the key was not checked');
      }
      // Firefox lets content scripts read storage.local: the key must be in the extension origin's IndexedDB instead.
      const inLocal = await panelTab.evaluate(
        `browser.storage.local.get(['credentials', 'conn.org-0.credentials']).then((got) => Object.keys(got).length > 0)`,
      );
      if (inLocal !== false) throw new Error('The API key is in storage.local, which content scripts can read');
      // OAuth sign-in goes through identity.launchWebAuthFlow, to Firefox's redirect URL for this add-on id.
      const redirect = String(await panelTab.evaluate('browser.identity.getRedirectURL()'));
      if (!/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/.test(redirect)) {
        throw new Error(`Unexpected OAuth redirect URL ${redirect}`);
      }
      log(`    OAuth redirect URL: ${redirect}`);
    });

    await step('turn detection on and see the addresses with their mark', async () => {
      await waitFor('the site to be turned on', async () => {
        const { controls } = await panel.snapshot();
        if (!controls.some((control) => control.name === 'Turn on for this site')) return true;
        // A click that landed while the view was still reading the page did nothing: click again.
        await panel.click('Turn on for this site');
        await sleep(1000);
        return undefined;
      });
      await page.reload();
      await panelTab.bringToFront();
      // The extension's own state: the background's detections for the page, as the panel lists them.
      const list = await panel.waitForText(UNKNOWN_EMAIL);
      if (!list.includes(ADA.email)) throw new Error('The known customer is not listed');
      // The mark on the page: the closed overlay's host, the one element the content script adds (after
      // <body>, docs/detection.md); what it draws is closed to the page, and so to this test.
      await waitFor('a mark on the detected addresses', () =>
        page.evaluate(() =>
          document.documentElement.querySelectorAll(':scope > :not(head, body)').length > 0 ? true : undefined,
        ),
      );
      const lookups = sandbox.requests.filter((request) => request.path.startsWith('/v1/customers/email='));
      if (!lookups.some((request) => decodeURIComponent(request.path).includes(ADA.email))) {
        throw new Error('No lookup of the detected address reached the sandbox');
      }
    });

    await step('look up a customer and see the card', async () => {
      await panel.click(new RegExp(ADA.email.replaceAll('.', '\\.')));
      await panel.waitForText(ADA.companyName);
      const { text } = await panel.snapshot();
      if (!text.includes(ADA.name)) throw new Error(`The card does not name ${ADA.name}`);
    });

    await step('add a quick note that lands in the sandbox', async () => {
      const selected = await page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.getElementById('request') as Node);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
        return getSelection()?.toString() ?? '';
      });
      await panel.contextMenuClick({ menuItemId: 'kustomer-add-note', selectionText: selected, pageUrl: page.url() });
      await waitFor('the quick note prefilled', async () =>
        (await panel.control('Note')).value?.startsWith(selected) ? true : undefined,
      );
      // The label also says where the panel's guess came from ("Customer email (last customer viewed)").
      await panel.fill(/^Customer email/, ADA.email);
      await panel.click('Find');
      await waitFor('the open conversation as target', async () =>
        (await panel.control('Add to')).value === ADA.openConversationId ? true : undefined,
      );
      await panel.click('Save note');
      const note = await waitFor('the note in the sandbox', async () =>
        [...sandbox.store.notes.values()].find((stored) => stored.body.startsWith(selected)),
      );
      if (note.conversation !== ADA.openConversationId || !note.body.includes(`Source: ${page.url()}`)) {
        throw new Error(`The note landed on ${note.conversation} without its source`);
      }
    });

    const report = sandbox.conformance();
    if (report.offSpecRequests.length > 0 || report.offSpecAnswers.length > 0) {
      throw new Error(`Off-spec traffic: ${JSON.stringify([...report.offSpecRequests, ...report.offSpecAnswers])}`);
    }
    log(`  conformance: ${report.requestsChecked} requests, ${report.answersChecked} answers checked, none off-spec`);
    return { steps, firefoxVersion: await firefox.version() };
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
    await sandbox.close();
  }
}
