import { expect, type Page, type Worker } from '@playwright/test';
import type { PanelIntent } from '../../lib/messaging/model';
import type { LaunchedExtension } from './launch-extension';

/** What the flows need from a running sandbox. */
export interface SandboxAccess {
  url: string;
  apiKey: string;
}

export interface ConnectOptions {
  /** Runs on the filled-in Connect view just before the agent connects (e.g. to take a screenshot of it). */
  beforeConnect?: (panel: Page) => Promise<void>;
}

/** Connects the side panel to the sandbox through the Connect view, as an agent would. */
export async function connectThroughPanel(
  panel: Page,
  sandbox: SandboxAccess,
  options: ConnectOptions = {},
): Promise<void> {
  await expect(panel.getByRole('heading', { name: 'Not connected to Kustomer' })).toBeVisible();
  await panel.getByLabel('Where is your Kustomer?').selectOption('custom');
  await panel.getByLabel('API base URL').fill(sandbox.url);
  await panel.getByLabel('API key', { exact: true }).fill(sandbox.apiKey);
  await options.beforeConnect?.(panel);
  await panel.getByRole('button', { name: 'Connect to Kustomer' }).click();
  await expect(panel.getByRole('heading', { name: 'Find a customer' })).toBeVisible();
}

/**
 * Opens the side panel on an intent the background left in session storage, as it does for a context-menu
 * click or the keyboard command while the panel is closed.
 */
export async function openPanelWithIntent(extension: LaunchedExtension, intent: PanelIntent): Promise<Page> {
  await extension.serviceWorker.evaluate((stored) => chrome.storage.session.set({ panelIntent: stored }), intent);
  return extension.openExtensionPage('sidepanel.html');
}

/** Searches the panel for `query` and opens the result named `name`. */
export async function searchAndOpen(panel: Page, query: string, name: string): Promise<void> {
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill(query);
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await panel
    .getByRole('list', { name: 'Search results' })
    .getByRole('button', { name: new RegExp(name) })
    .click();
  await expect(panel.getByRole('heading', { level: 2, name })).toBeVisible();
}

/** Brings the panel tab to the front again (it follows the web page used most recently). */
export async function focusPanel(panel: Page): Promise<void> {
  await panel.bringToFront();
}

/** The id Chrome gave the tab showing `url`. */
export function tabIdOf(worker: Worker, url: string): Promise<number> {
  return worker.evaluate(async (pageUrl) => {
    const [tab] = await chrome.tabs.query({ url: pageUrl.split('#')[0] });
    if (tab?.id === undefined) throw new Error(`No tab shows ${pageUrl}`);
    return tab.id;
  }, url);
}

export interface MenuClickInput {
  menuItemId: 'kustomer-lookup-selection' | 'kustomer-lookup-mailto' | 'kustomer-add-note';
  selectionText?: string;
  linkUrl?: string;
  pageUrl: string;
}

/**
 * Fires the context-menu handler as Chrome would after a right-click. Native menus are out of
 * Playwright's reach, so the test build exposes the same handler the real listener calls.
 */
export async function clickContextMenu(worker: Worker, page: Page, click: MenuClickInput): Promise<void> {
  const tabId = await tabIdOf(worker, page.url());
  const title = await page.title();
  await worker.evaluate(
    async ({ click, tab }) => {
      const hooks = (
        globalThis as unknown as { __ksTest?: { contextMenuClick(c: unknown, t: unknown): Promise<void> } }
      ).__ksTest;
      if (!hooks) throw new Error('Not a test build: no __ksTest hooks');
      await hooks.contextMenuClick(click, tab);
    },
    { click, tab: { id: tabId, url: page.url(), title } },
  );
}

/** Selects the first occurrence of `text` on the page, like an agent dragging over it. */
export async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((needle) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(needle) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      return;
    }
    throw new Error(`"${needle}" is not on the page`);
  }, text);
}

/** Connects the panel, then opens `url` in a new tab of the same browser: how each of the agent's jobs starts. */
export async function connectAndOpenPage(
  extension: LaunchedExtension,
  panel: Page,
  sandbox: SandboxAccess,
  url: string,
): Promise<Page> {
  await connectThroughPanel(panel, sandbox);
  const page = await extension.context.newPage();
  await page.goto(url);
  return page;
}

/** Selects `text` on the page and picks "Add note" from its context menu; resolves once the panel shows the quick note. */
export async function quickNoteFromSelection(worker: Worker, page: Page, panel: Page, text: string): Promise<void> {
  await selectText(page, text);
  await clickContextMenu(worker, page, { menuItemId: 'kustomer-add-note', selectionText: text, pageUrl: page.url() });
  await panel.bringToFront();
  await expect(panel.getByRole('heading', { name: 'Quick note' })).toBeVisible();
}
