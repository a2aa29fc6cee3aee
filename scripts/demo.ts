/**
 * `npm run demo`: starts the Kustomer sandbox with seeded data, serves the sample pages, opens Chromium
 * with the extension (test build, which may reach 127.0.0.1), connects it to the sandbox through the
 * Connect view, and walks through the three jobs: page lookup, right-click lookup, quick note.
 * Screenshots go to demo-output/ (and to docs/screenshots/ with --update-docs). `--keep-open` leaves
 * the browser and the sandbox running for a person to explore; `--headless` forces headless.
 * `--browser firefox` builds the Firefox test build and walks the same jobs in firefox-esr (the Firefox smoke,
 * test/firefox/smoke.ts), saving a screenshot of the panel and of the page after each step to
 * demo-output/firefox/.
 */
import { execSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { runFirefoxSmoke } from '../test/firefox/smoke';
import { ADA, GRACE } from '../test/sandbox/fixtures';
import { startSandbox } from '../test/sandbox/index';
import { clickContextMenu, connectThroughPanel, selectText } from '../test/support/agent-flows';
import { launchExtension } from '../test/support/launch-extension';
import { startStaticServer } from '../test/support/static-server';

const OUTPUT_DIR = fileURLToPath(new URL('../demo-output/', import.meta.url));
const DOCS_DIR = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const PAGES_DIR = fileURLToPath(new URL('../test/e2e/pages/', import.meta.url));
const EXTENSION_DIR = fileURLToPath(new URL('../.output/chrome-mv3-test', import.meta.url));
const keepOpen = process.argv.includes('--keep-open');
const updateDocs = process.argv.includes('--update-docs');
const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--headless');
const PANEL = { width: 400, height: 820 };
const PAGE = { width: 980, height: 820 };

/** Saves the web page and the side panel side by side, as the agent sees them. */
async function shootSideBySide(name: string, web: Page, panel: Page, scratch: Page): Promise<string> {
  const [left, right] = await Promise.all([web.screenshot(), panel.screenshot()]);
  await scratch.setViewportSize({ width: PAGE.width + PANEL.width + 1, height: PAGE.height });
  await scratch.setContent(
    `<body style="margin:0;display:flex;background:#8892a6;gap:1px">
      <img alt="" src="data:image/png;base64,${left.toString('base64')}">
      <img alt="" src="data:image/png;base64,${right.toString('base64')}">
    </body>`,
  );
  const path = `${OUTPUT_DIR}${name}.png`;
  await scratch.screenshot({ path });
  if (updateDocs) copyFileSync(path, `${DOCS_DIR}${name}.png`);
  return path;
}

async function main(): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  if (updateDocs) mkdirSync(DOCS_DIR, { recursive: true });
  const sandbox = await startSandbox();
  const site = await startStaticServer(PAGES_DIR);
  const extension = await launchExtension({ extensionDir: EXTENSION_DIR, headed });
  console.log(`Sandbox:   ${sandbox.url}  (API key: ${sandbox.apiKey.slice(0, 12)}…)`);
  console.log(
    `Pages:     ${site.origin}/demo/inbox.html, ${site.origin}/demo/order.html, ${site.origin}/demo/phone-order.html`,
  );
  console.log(`Extension: ${extension.extensionId}`);

  const scratch = await extension.context.newPage();
  const panel = await extension.openExtensionPage('sidepanel.html');
  await panel.setViewportSize(PANEL);
  const shots: string[] = [];

  // 0. Connect, as on first run.
  await connectThroughPanel(panel, sandbox);

  // 1. Page lookup: the webmail inbox, detection turned on for the site.
  const inbox = await extension.context.newPage();
  await inbox.setViewportSize(PAGE);
  await inbox.goto(`${site.origin}/demo/inbox.html`);
  await panel.bringToFront();
  await panel.getByRole('button', { name: 'Turn on for this site' }).click();
  await inbox.reload();
  await inbox.waitForTimeout(1500);
  await panel.bringToFront();
  const list = panel.getByRole('list', { name: 'Addresses on this page' });
  await list.getByText('katherine.johnson@example.com').waitFor();
  await panel.waitForTimeout(500);
  const found = await list.getByRole('listitem').allInnerTexts();
  shots.push(await shootSideBySide('1-page-lookup', inbox, panel, scratch));
  await list.getByRole('listitem').filter({ hasText: ADA.email }).getByRole('button').first().click();
  await panel.getByRole('heading', { level: 2, name: ADA.name }).waitFor();
  shots.push(await shootSideBySide('2-customer', inbox, panel, scratch));

  // 2. Right-click lookup of a selected address on the shop's order page.
  const order = await extension.context.newPage();
  await order.setViewportSize(PAGE);
  await order.goto(`${site.origin}/demo/order.html`);
  await selectText(order, GRACE.email);
  await clickContextMenu(extension.serviceWorker, order, {
    menuItemId: 'kustomer-lookup-selection',
    selectionText: GRACE.email,
    pageUrl: order.url(),
  });
  await panel.bringToFront();
  await panel.getByRole('heading', { level: 2, name: GRACE.name }).waitFor();
  shots.push(await shootSideBySide('3-right-click-lookup', order, panel, scratch));

  // 3. Quick note from a selection, saved on Ada's open conversation.
  const selected = 'She asked for a replacement shipment and a partial refund of the shipping costs.';
  await selectText(order, selected);
  await clickContextMenu(extension.serviceWorker, order, {
    menuItemId: 'kustomer-add-note',
    selectionText: selected,
    pageUrl: order.url(),
  });
  await panel.bringToFront();
  await panel.getByRole('heading', { name: 'Quick note' }).waitFor();
  await panel.getByLabel('Customer email').fill(ADA.email);
  await panel.getByRole('button', { name: 'Find' }).click();
  await panel.waitForFunction(() => (document.querySelector('select') as HTMLSelectElement | null)?.value !== '');
  shots.push(await shootSideBySide('4-quick-note', order, panel, scratch));
  await panel.getByLabel('Note', { exact: true }).press('Control+Enter');
  const deadline = Date.now() + 15_000;
  let note = [...sandbox.store.notes.values()].find((stored) => stored.body.startsWith(selected));
  while (!note && Date.now() < deadline) {
    await panel.waitForTimeout(200);
    note = [...sandbox.store.notes.values()].find((stored) => stored.body.startsWith(selected));
  }
  if (!note) throw new Error('The quick note did not reach the sandbox within 15 s.');
  await panel.getByRole('heading', { level: 2, name: ADA.name }).waitFor();
  shots.push(await shootSideBySide('5-note-saved', order, panel, scratch));

  // 4. A customer found by phone alone (issue 15): an order page that shows numbers and no address. Its
  // national numbers are US ones; the agent's country is set as the options would.
  await panel.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'updateSettings', input: { patch: { phoneCountry: 'US' } } }),
  );
  const phoneOrder = await extension.context.newPage();
  await phoneOrder.setViewportSize(PAGE);
  await phoneOrder.goto(`${site.origin}/demo/phone-order.html`);
  await phoneOrder.waitForTimeout(1500);
  await phoneOrder.bringToFront();
  // The lookup screen ("Search" in the header) lists what is on the tab in front.
  await panel.bringToFront();
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  const phoneList = panel.getByRole('list', { name: 'Addresses on this page' });
  await phoneList.getByRole('listitem').filter({ hasText: ADA.name }).waitFor();
  await panel.waitForTimeout(500);
  await phoneList.getByRole('listitem').filter({ hasText: ADA.name }).getByRole('button').first().click();
  await panel.getByRole('heading', { level: 2, name: ADA.name }).waitFor();
  await panel.waitForTimeout(500);
  shots.push(await shootSideBySide('6-phone-lookup', phoneOrder, panel, scratch));

  const known = found.filter((text) => !/not in kustomer|unknown/i.test(text)).length;
  console.log('\nWhat happened');
  console.log(
    `- Page lookup: ${found.length} addresses on the inbox page, ${known} known customers, ${found.length - known} unknown.`,
  );
  console.log(`- Right-click lookup: ${GRACE.email} → ${GRACE.name}.`);
  console.log(`- Quick note: created note ${note.id} on conversation ${note.conversation}.`);
  console.log(`- Phone lookup: ${ADA.phone} on an order page with no address → ${ADA.name}.`);
  console.log(`- Screenshots:\n${shots.map((shot) => `    ${shot}`).join('\n')}`);

  if (keepOpen) {
    console.log('\nBrowser and sandbox left running; press Ctrl+C to quit.');
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  }
  await extension.close();
  await site.close();
  await sandbox.close();
}

/** `--browser firefox`: the Firefox build in firefox-esr, headless (BiDi drives it), screenshots per step. */
async function firefoxDemo(): Promise<void> {
  execSync('npm run build:firefox:test', { stdio: 'inherit' });
  const dir = `${OUTPUT_DIR}firefox/`;
  const { steps, firefoxVersion } = await runFirefoxSmoke({
    screenshotsDir: dir,
    log: (line) => console.log(line),
  });
  console.log(`\nFirefox demo done in ${firefoxVersion}: ${steps.length} steps.`);
  console.log(
    `- Screenshots:\n${readdirSync(dir)
      .map((file) => `    ${dir}${file}`)
      .join('\n')}`,
  );
}

const browserFlag = process.argv.indexOf('--browser');
const browserName = browserFlag >= 0 ? process.argv[browserFlag + 1] : 'chrome';
(browserName === 'firefox' ? firefoxDemo() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
