import { fileURLToPath } from 'node:url';
import { test as base, type Page } from '@playwright/test';
import { type LaunchedExtension, launchExtension } from '../support/launch-extension';
import { type StaticServer, startStaticServer } from '../support/static-server';
import { CHROMIUM_PATH, TEST_EXTENSION_DIR } from './paths';

export interface ExtensionFixtures {
  /** Chromium with the test build loaded; a fresh profile per test. */
  extension: LaunchedExtension;
  /** The side panel page opened in a normal tab (sidePanel.open needs a user gesture). */
  sidePanel: Page;
  /** Local test pages from test/e2e/pages on 127.0.0.1. */
  pages: StaticServer;
}

export const test = base.extend<ExtensionFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
  extension: async ({}, use) => {
    const launched = await launchExtension({ extensionDir: TEST_EXTENSION_DIR, executablePath: CHROMIUM_PATH });
    await use(launched);
    await launched.close();
  },
  sidePanel: async ({ extension }, use) => {
    const page = await extension.openExtensionPage('sidepanel.html');
    await use(page);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
  pages: async ({}, use) => {
    const server = await startStaticServer(fileURLToPath(new URL('./pages', import.meta.url)));
    await use(server);
    await server.close();
  },
});

export const expect = test.expect;
