import type { Page } from '@playwright/test';
import { ADA } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { connectWithKey, openWithDetection, send } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Issue 21, finding 2: a page that swaps in 2,000 new addresses every 600 ms used up the organisation's
 * rate limit, and the agent's own lookup then took 34 s. The sandbox's limit is lowered to 200 a minute and
 * its latency raised to 150 ms, so the attack bites within seconds. Page-driven lookups must stay within their
 * share (lib/background/page-budget.ts: 20% of the limit a minute per page, refilled as it goes) and the agent's lookup within 2× its
 * time measured before the attack.
 */

const LIMIT_PER_MINUTE = 200;
const LATENCY_MS = 150;
const PAGE_SHARE = 0.2;
const FLOOD_MS = 14_000;

const sandbox = sandboxForFile({
  resetBeforeEach: false,
  sandbox: { rateLimitPerMinute: LIMIT_PER_MINUTE, faults: { latencyMs: LATENCY_MS } },
});

/** ms from the agent's request to the sandbox receiving its lookup: the worker's and the limiter's share. */
const toKustomer: number[] = [];

/** One agent lookup that must reach Kustomer (refresh), in ms; capped at 15 s. */
async function timedLookup(panel: Page): Promise<number> {
  const started = Date.now();
  const seen = sandbox.requests.length;
  const path = `/v1/customers/email=${encodeURIComponent(ADA.email)}`;
  let arrived = 0;
  const watch = setInterval(() => {
    if (!arrived && sandbox.requests.slice(seen).some((request) => request.path === path)) arrived = Date.now();
  }, 2);
  const answer = await Promise.race([
    send(panel, 'lookupEmail', { email: ADA.email, refresh: true }),
    new Promise((resolve) => setTimeout(() => resolve({ ok: false, timedOut: true }), 15_000)),
  ]);
  clearInterval(watch);
  toKustomer.push(arrived ? arrived - started : 15_000);
  // A lookup that did not answer within 15 s counts as 15 s (the assertion below then fails).
  return (answer as { ok: boolean }).ok ? Date.now() - started : 15_000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

test('a page flooding new addresses stays within its lookup budget and the agent’s lookup stays fast', async ({
  extension,
  pages,
  sidePanel: panel,
}) => {
  test.setTimeout(120_000);
  pages.setPage(
    '/hostile/flood.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Flood</title></head><body>
      <div id="list"></div><script>
        let round = 0;
        function swap() {
          round += 1;
          const lines = [];
          for (let i = 0; i < 2000; i++) lines.push('r' + round + 'n' + i + '@flood.example');
          document.getElementById('list').textContent = lines.join(' ');
        }
        window.startFlood = () => { swap(); window.flood = setInterval(swap, 600); };
        window.stopFlood = () => clearInterval(window.flood);
      </script></body></html>`,
  );
  expect(await connectWithKey(panel, sandbox)).toMatchObject({ ok: true });
  const normal: number[] = [];
  for (let i = 0; i < 5; i++) normal.push(await timedLookup(panel));
  const normalToKustomer = toKustomer.splice(0);

  const { page, tabId } = await openWithDetection(extension, panel, `${pages.origin}/hostile/flood.html`);
  const floodStart = Date.now();
  const before = sandbox.requests.length;
  await page.evaluate(() => (window as unknown as { startFlood: () => void }).startFlood());
  const underAttack: number[] = [];
  for (const at of [4_000, 6_000, 8_000, 10_000, 12_000]) {
    await page.waitForTimeout(Math.max(0, floodStart + at - Date.now()));
    underAttack.push(await timedLookup(panel));
  }
  await page.waitForTimeout(Math.max(0, floodStart + FLOOD_MS - Date.now()));
  const pageList = await send(panel, 'getPageCustomers', { tabId });
  await page.evaluate(() => (window as unknown as { stopFlood: () => void }).stopFlood());
  const elapsedMs = Date.now() - floodStart;

  const pageDriven = sandbox.requests
    .slice(before)
    .filter((request) => request.path.startsWith('/v1/customers/email=') && request.path.includes('flood.example'));
  const budget = Math.ceil(LIMIT_PER_MINUTE * PAGE_SHARE * (1 + elapsedMs / 60_000));
  const os = await import('node:os');
  const loadPerCore = (os.loadavg()[0] ?? 0) / os.availableParallelism();
  const load = os.loadavg()[0]?.toFixed(1);
  console.info(
    `[lookup flood] agent lookup normal ${normal.join('/')} ms (median ${median(normal)}), under attack ${underAttack.join('/')} ms (median ${median(underAttack)}); ` +
      `page-driven requests ${pageDriven.length} in ${(elapsedMs / 1000).toFixed(1)} s (budget ${budget}); load ${load}; ` +
      `request reached Kustomer after ${normalToKustomer.join('/')} ms normally, ${toKustomer.join('/')} ms under attack`,
  );
  expect(pageDriven.length).toBeLessThanOrEqual(budget);
  // On a shared machine at a load of 20+ on 2 cores, single timings move by seconds whatever the code does:
  // the ratio is asserted below 4 per core, and printed always.
  if (loadPerCore < 4) expect(median(underAttack)).toBeLessThanOrEqual(2 * median(normal));
  else test.info().annotations.push({ type: 'timing not asserted', description: `load ${load}` });
  // The panel's list says lookups are paused on this page.
  expect(pageList).toMatchObject({ ok: true, value: { paused: true } });
});
