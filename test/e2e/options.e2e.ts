import { startSandbox } from '../sandbox/index';
import { expect, test } from './fixtures';

test('the options page connects, shows the connection and its settings', async ({ extension }) => {
  const sandbox = await startSandbox();
  try {
    const page = await extension.openExtensionPage('options.html');
    await page.setViewportSize({ width: 400, height: 900 });
    await page.getByLabel('Where is your Kustomer?').selectOption('custom');
    await page.getByLabel('API base URL').fill(sandbox.url);
    await page.getByLabel('API key', { exact: true }).fill(sandbox.apiKey);
    await page.getByRole('button', { name: 'Connect to Kustomer' }).click();
    await expect(page.getByText(/Connected to/)).toBeVisible();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText('The connection works.')).toBeVisible();
    await page.getByLabel('Domains (one per line)').fill('sandbox-support.example');
    await page.getByRole('button', { name: 'Save domains' }).click();
    await expect(page.getByText('Domains saved.')).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({
        path: new URL(`./screenshots/options-${colorScheme}.png`, import.meta.url).pathname,
        fullPage: true,
      });
    }
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('Not connected to Kustomer.')).toBeVisible();
  } finally {
    await sandbox.close();
  }
});
