import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { FIREFOX_PATH, FIREFOX_TEST_BUILD, runFirefoxSmoke } from './smoke';

/**
 * `npm run test:firefox`: the Firefox smoke (smoke.ts) after `npm run build:firefox:test`. Exits non-zero on a
 * failure, and after SMOKE_TIMEOUT_MS in any case (a hung browser cannot hold CI).
 */
const SMOKE_TIMEOUT_MS = 180_000;

if (!existsSync(FIREFOX_PATH)) {
  console.error(`No Firefox at ${FIREFOX_PATH}: apt-get install firefox-esr (or set FIREFOX_PATH).`);
  process.exit(1);
}
if (!existsSync(FIREFOX_TEST_BUILD)) {
  console.error(`No Firefox test build at ${FIREFOX_TEST_BUILD}: npm run build:firefox:test first.`);
  process.exit(1);
}

const watchdog = setTimeout(() => {
  console.error(`Firefox smoke: no result after ${SMOKE_TIMEOUT_MS / 1000} s, stopping.`);
  process.exit(1);
}, SMOKE_TIMEOUT_MS);

const started = Date.now();
console.info('Firefox smoke (firefox-esr over WebDriver BiDi, test build, sandbox)');
runFirefoxSmoke({ log: (line) => console.info(line) }).then(
  ({ firefoxVersion }) => {
    const load = loadavg()[0]?.toFixed(1);
    console.info(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s (${firefoxVersion}; load ${load})`);
    clearTimeout(watchdog);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`Firefox smoke failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
