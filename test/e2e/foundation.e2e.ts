import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { PRODUCTION_EXTENSION_DIR } from './paths';

const REQUIRED_PERMISSIONS = ['sidePanel', 'storage', 'contextMenus', 'alarms', 'identity', 'scripting', 'activeTab'];
const BROAD_PATTERNS = ['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*'];

test('the service worker starts and is the extension background', async ({ extension }) => {
  expect(extension.extensionId).toMatch(/^[a-p]{32}$/);
  const manifestName = await extension.serviceWorker.evaluate(() => chrome.runtime.getManifest().name);
  expect(manifestName).toContain('Kustomer Sidebar');
});

test('the side panel page renders its header and the not-connected state', async ({ sidePanel }) => {
  await expect(sidePanel.getByRole('heading', { level: 1, name: 'Kustomer Sidebar' })).toBeVisible();
  await expect(sidePanel.getByRole('heading', { name: 'Not connected to Kustomer' })).toBeVisible();
  await expect(sidePanel.getByRole('button', { name: 'Connect to Kustomer' })).toBeVisible();
});

test('the options page renders', async ({ extension }) => {
  const options = await extension.openExtensionPage('options.html');
  await expect(options.getByRole('heading', { level: 1, name: 'Kustomer Sidebar options' })).toBeVisible();
});

test('the toolbar button is set to open the side panel', async ({ extension }) => {
  const behavior = await extension.serviceWorker.evaluate(async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = await chrome.sidePanel.getPanelBehavior();
      if (current.openPanelOnActionClick) return current;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return chrome.sidePanel.getPanelBehavior();
  });
  expect(behavior.openPanelOnActionClick).toBe(true);
});

test('the production manifest asks for the named permissions and no broad host access', () => {
  const manifest = JSON.parse(readFileSync(join(PRODUCTION_EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect([...manifest.permissions].sort()).toEqual([...REQUIRED_PERMISSIONS].sort());
  expect(manifest.host_permissions).toEqual(['https://*.kustomerapp.com/*']);
  for (const pattern of BROAD_PATTERNS) expect(manifest.host_permissions).not.toContain(pattern);
  expect(manifest.content_scripts ?? []).toEqual([]);
  expect(JSON.stringify(manifest)).not.toContain('127.0.0.1');
  expect(manifest.key).toBeUndefined();
});

test('the test build may reach the local sandbox and has a pinned id', async ({ extension }) => {
  const manifest = await extension.serviceWorker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.host_permissions).toContain('http://127.0.0.1/*');
  expect(extension.extensionId).toBe('jndjnofdpedebllphnccggnmpbpmmije');
});

test('a local test page is served on 127.0.0.1', async ({ extension, pages }) => {
  const page = await extension.context.newPage();
  await page.goto(`${pages.origin}/index.html`);
  await expect(page.getByText('ada@example.com')).toBeVisible();
});
