import { fileURLToPath } from 'node:url';

/** Folder of the test-flavour build that every e2e test loads (`npm run build:test`). */
export const TEST_EXTENSION_DIR = fileURLToPath(
  new URL(`../../${process.env.KS_OUT_DIR ?? '.output'}/chrome-mv3-test`, import.meta.url),
);
/** Folder of the production build, for manifest audits. */
export const PRODUCTION_EXTENSION_DIR = fileURLToPath(
  new URL(`../../${process.env.KS_OUT_DIR ?? '.output'}/chrome-mv3`, import.meta.url),
);
/** Debian's Chromium; Playwright never downloads a browser of its own here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Folders of the Firefox builds (`npm run build:firefox`, `npm run build:firefox:test`). */
export const FIREFOX_PRODUCTION_EXTENSION_DIR = fileURLToPath(
  new URL(`../../${process.env.KS_OUT_DIR ?? '.output'}/firefox-mv3`, import.meta.url),
);
export const FIREFOX_TEST_EXTENSION_DIR = fileURLToPath(
  new URL(`../../${process.env.KS_OUT_DIR ?? '.output'}/firefox-mv3-test`, import.meta.url),
);
