/**
 * Service-worker cold start in Chromium (issue 14): from a stopped worker to the first answered request,
 * for the built extension (test build, against the sandbox) and, as the baseline measured in the same run,
 * a tiny extension whose background only answers messages.
 * - stopped worker → first answered `lookupEmail` (an address not looked up before, so one Kustomer call),
 *   against the empty worker's start plus one API round trip;
 * - stopped worker → first answered `getSettings` (the worker's own start), against the empty worker's start.
 * Run alone: `npx tsx bench/worker-start.ts` (needs `npm run build:test`; `KS_OUT_DIR` picks another build).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { startSandbox } from '../test/sandbox/index';
import { type LaunchedExtension, launchExtension } from '../test/support/launch-extension';
import { apiRoundTrip } from './api-round-trip';
import { type BenchRow, summarize } from './report';

const EXTENSION_DIR = fileURLToPath(
  new URL(`../${process.env.KS_OUT_DIR ?? '.output'}/chrome-mv3-test`, import.meta.url),
);
const REPETITIONS = Math.max(3, (Number(process.env.KS_BENCH_REPETITIONS) || 5) * 2);
/** Time given to Chromium to tear a stopped worker down before the next message wakes it. */
const SETTLE_MS = 300;

/** An MV3 extension with nothing in its worker but a message listener: the floor of any worker's start. */
function writeEmptyExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ks-empty-worker-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'empty worker (bench baseline)',
      version: '1.0.0',
      background: { service_worker: 'background.js' },
    }),
  );
  writeFileSync(
    join(dir, 'background.js'),
    'chrome.runtime.onMessage.addListener((message, sender, sendResponse) => { sendResponse({ ok: true }); });\n',
  );
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>page</title>\n');
  return dir;
}

async function stopWorkers(extension: LaunchedExtension, page: Page): Promise<void> {
  const cdp = await extension.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.waitForTimeout(SETTLE_MS);
}

/** Stops the worker, then times one message from the page until its answer (the message wakes the worker). */
async function coldRequest(extension: LaunchedExtension, page: Page, message: unknown): Promise<number> {
  await stopWorkers(extension, page);
  const { ms, answer } = await page.evaluate(async (sent) => {
    const started = performance.now();
    const reply = await chrome.runtime.sendMessage(sent);
    return { ms: performance.now() - started, answer: reply as { ok?: boolean } };
  }, message);
  if (answer?.ok !== true) throw new Error(`cold request failed: ${JSON.stringify(answer)}`);
  return ms;
}

export async function benchWorkerStart(): Promise<BenchRow[]> {
  const emptyDir = writeEmptyExtension();
  const sandbox = await startSandbox({ rateLimitPerMinute: 100_000 });
  const empty = await launchExtension({ extensionDir: emptyDir });
  const ours = await launchExtension({ extensionDir: EXTENSION_DIR });
  const loads: number[] = [];
  try {
    const emptyPage = await empty.openExtensionPage('page.html');
    const control = await ours.openExtensionPage('options.html');
    const connected = (await control.evaluate((message) => chrome.runtime.sendMessage(message), {
      type: 'connectWithApiKey',
      input: { target: { kind: 'custom', baseUrl: sandbox.url }, apiKey: sandbox.apiKey },
    })) as { ok: boolean };
    if (!connected.ok) throw new Error('Could not connect the extension to the sandbox');
    const emails = [...sandbox.store.customers.values()]
      .flatMap((customer) => customer.emails.map((entry) => entry.email))
      .slice(0, REPETITIONS);

    const emptyStart: number[] = [];
    const ownStart: number[] = [];
    const coldLookup: number[] = [];
    const roundTrip: number[] = [];
    // Interleaved, so a burst of load from elsewhere on the machine hits both sides alike.
    for (let repetition = 0; repetition < REPETITIONS; repetition++) {
      loads.push(loadavg()[0] ?? 0);
      emptyStart.push(await coldRequest(empty, emptyPage, { ping: true }));
      ownStart.push(await coldRequest(ours, control, { type: 'getSettings', input: {} }));
      coldLookup.push(
        await coldRequest(ours, control, { type: 'lookupEmail', input: { email: emails[repetition] ?? '' } }),
      );
      roundTrip.push(await apiRoundTrip(control, sandbox, `warmup-${repetition}@example.com`));
    }
    const load = summarize(loads).median.toFixed(1);
    const emptyStats = summarize(emptyStart);
    const ownStats = summarize(ownStart);
    const lookupStats = summarize(coldLookup);
    const tripStats = summarize(roundTrip);
    const lookupBaseline = emptyStats.median + tripStats.median;
    return [
      {
        section: 'service worker (Chromium)',
        name: `stopped worker → first answered lookup, 1 Kustomer call (load ${load})`,
        value: lookupStats.median,
        spread: lookupStats.spread,
        unit: 'ms',
        baselineName: 'empty worker start + 1 round trip',
        baseline: lookupBaseline,
        ratio: lookupStats.median / lookupBaseline,
      },
      {
        section: 'service worker (Chromium)',
        name: `stopped worker → answered getSettings (load ${load})`,
        value: ownStats.median,
        spread: ownStats.spread,
        unit: 'ms',
        baselineName: 'empty worker start',
        baseline: emptyStats.median,
        ratio: ownStats.median / emptyStats.median,
      },
    ];
  } finally {
    await ours.close();
    await empty.close();
    await sandbox.close();
    rmSync(emptyDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { renderTable } = await import('./report');
  console.log(renderTable(await benchWorkerStart()));
}
