import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

export interface LaunchOptions {
  /** Unpacked extension folder to load. */
  extensionDir: string;
  /** Chromium executable; Debian's by default. */
  executablePath?: string;
  /** Show a window (needs a display). */
  headed?: boolean;
  /** Reuse a profile folder (to test browser restarts); a fresh temporary one otherwise. */
  userDataDir?: string;
  /** Extra Chromium switches. */
  args?: string[];
}

export interface LaunchedExtension {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  userDataDir: string;
  /** Opens an extension page (e.g. `sidepanel.html`) in a normal tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Closes the browser; removes the profile unless it was given by the caller. */
  close(): Promise<void>;
}

/** Launches Chromium with the unpacked extension loaded and waits for its service worker. */
export async function launchExtension(options: LaunchOptions): Promise<LaunchedExtension> {
  if (!existsSync(join(options.extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${options.extensionDir}: run "npm run build:test" first.`);
  }
  const ownsProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'ks-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: options.executablePath ?? '/usr/bin/chromium',
    headless: !options.headed,
    args: [
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
  });
  const serviceWorker =
    context.serviceWorkers().find((worker) => worker.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    serviceWorker,
    extensionId,
    userDataDir,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      if (ownsProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
