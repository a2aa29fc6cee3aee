/**
 * `npm run demo`: launches Chromium with the test build, opens the side panel and the options page,
 * and saves screenshots to demo-output/. `--keep-open` leaves the browser running.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchExtension } from '../test/support/launch-extension';

const OUTPUT_DIR = fileURLToPath(new URL('../demo-output/', import.meta.url));
const EXTENSION_DIR = fileURLToPath(new URL('../.output/chrome-mv3-test', import.meta.url));
const keepOpen = process.argv.includes('--keep-open');
const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--headless');

async function main(): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const extension = await launchExtension({ extensionDir: EXTENSION_DIR, headed });
  console.log(`Extension loaded: ${extension.extensionId}`);
  const sidePanel = await extension.openExtensionPage('sidepanel.html');
  await sidePanel.setViewportSize({ width: 400, height: 700 });
  await sidePanel.screenshot({ path: `${OUTPUT_DIR}sidepanel.png` });
  const options = await extension.openExtensionPage('options.html');
  await options.screenshot({ path: `${OUTPUT_DIR}options.png` });
  console.log(`Screenshots saved to ${OUTPUT_DIR}`);
  if (keepOpen) {
    console.log('Browser left open; press Ctrl+C to quit.');
    return;
  }
  await extension.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
