import type { Page } from '@playwright/test';
import { ADA } from '../sandbox/fixtures';
import type { LaunchedExtension } from '../support/launch-extension';
import { expect, test } from './fixtures';
import { connectWithKey, currentWorker, openWithDetection, send } from './hardening-helpers';
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
/** Per agent lookup, where the worker's time went (from the test build's performance marks), in ms. */
const stages: Record<string, number>[] = [];

/** The worker's `ks:agent:*` marks since the last call, as epoch ms (then cleared). */
async function agentMarks(extension: LaunchedExtension): Promise<[string, number][]> {
  const worker = await currentWorker(extension);
  return worker.evaluate(() => {
    const marks = performance
      .getEntriesByType('mark')
      .filter((mark) => mark.name.startsWith('ks:agent:'))
      .map(
        (mark) => [mark.name.slice('ks:agent:'.length), performance.timeOrigin + mark.startTime] as [string, number],
      );
    performance.clearMarks();
    return marks;
  });
}

/** One agent lookup that must reach Kustomer (refresh), in ms; capped at 15 s. */
async function timedLookup(extension: LaunchedExtension, panel: Page): Promise<number> {
  await agentMarks(extension);
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
  // Stages: panel → worker (start), settings read, connection + credentials read (client), limiter slot, token
  // read and fetch until the sandbox saw it (left).
  const marks = await agentMarks(extension);
  const at = (name: string) => marks.find(([mark]) => mark === name)?.[1];
  const points: [string, number | undefined][] = [
    ['toWorker', at('start')],
    ['settings', at('settings')],
    ['client', at('client')],
    ['slot', at('slot')],
    ['left', arrived || undefined],
  ];
  const stage: Record<string, number> = {};
  let previous = started;
  for (const [name, time] of points) {
    if (time === undefined) continue;
    stage[name] = Math.round(time - previous);
    previous = time;
  }
  stages.push(stage);
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
  for (let i = 0; i < 5; i++) normal.push(await timedLookup(extension, panel));
  const normalToKustomer = toKustomer.splice(0);
  const normalStages = stages.splice(0);

  const { page, tabId } = await openWithDetection(extension, panel, `${pages.origin}/hostile/flood.html`);
  const floodStart = Date.now();
  const before = sandbox.requests.length;
  // How late the worker's timers fire during the attack: how long its tasks hold the agent's messages back.
  await (await currentWorker(extension)).evaluate(() => {
    const scope = globalThis as unknown as { __lag?: number[]; __lagTimer?: ReturnType<typeof setInterval> };
    scope.__lag = [];
    let last = performance.now();
    scope.__lagTimer = setInterval(() => {
      const now = performance.now();
      scope.__lag?.push(now - last - 20);
      last = now;
    }, 20);
    performance.clearMarks();
  });
  await page.evaluate(() => (window as unknown as { startFlood: () => void }).startFlood());
  const underAttack: number[] = [];
  for (const at of [4_000, 6_000, 8_000, 10_000, 12_000]) {
    await page.waitForTimeout(Math.max(0, floodStart + at - Date.now()));
    underAttack.push(await timedLookup(extension, panel));
  }
  await page.waitForTimeout(Math.max(0, floodStart + FLOOD_MS - Date.now()));
  const pageList = await send(panel, 'getPageCustomers', { tabId });
  const worker = await currentWorker(extension);
  const { lag, reportSteps } = await worker.evaluate(() => {
    const scope = globalThis as unknown as { __lag?: number[]; __lagTimer?: number };
    clearInterval(scope.__lagTimer);
    // Each report's steps, from the test build's marks: start → read → stored → looked-up → told.
    const marks = performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('ks:report:'));
    const steps: Record<string, number[]> = {};
    for (let i = 1; i < marks.length; i++) {
      const [previous, mark] = [marks[i - 1], marks[i]] as [PerformanceEntry, PerformanceEntry];
      if (mark.name === 'ks:report:start') continue;
      const name = mark.name.slice('ks:report:'.length);
      steps[name] = [...(steps[name] ?? []), mark.startTime - previous.startTime];
    }
    return { lag: scope.__lag ?? [], reportSteps: steps };
  });
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
  const medianStages = (list: Record<string, number>[]) =>
    Object.keys(list[0] ?? {})
      .map((name) => `${name} ${median(list.map((stage) => stage[name] ?? 0))}`)
      .join(', ');
  console.info(
    `[lookup flood] median stages, normally: ${medianStages(normalStages)}; under attack: ${medianStages(stages)} (ms); ` +
      `each under attack: ${stages.map((stage) => Object.values(stage).join('/')).join(', ')}`,
  );
  const percentile = (values: number[], p: number) =>
    Math.round([...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)] ?? 0);
  console.info(
    `[lookup flood] worker timer lag under attack: median ${percentile(lag, 0.5)}, p90 ${percentile(lag, 0.9)}, max ${percentile(lag, 1)} ms over ${lag.length} ticks; ` +
      `report steps (median/max ms): ${Object.entries(reportSteps)
        .map(([name, values]) => `${name} ${percentile(values, 0.5)}/${percentile(values, 1)} (${values.length})`)
        .join(', ')}`,
  );
  expect(pageDriven.length).toBeLessThanOrEqual(budget);
  // On a shared machine at a load of 20+ on 2 cores, single timings move by seconds whatever the code does:
  // the ratio is asserted below 4 per core, and printed always.
  if (loadPerCore < 4) expect(median(underAttack)).toBeLessThanOrEqual(2 * median(normal));
  else test.info().annotations.push({ type: 'timing not asserted', description: `load ${load}` });
  // The panel's list says lookups are paused on this page.
  expect(pageList).toMatchObject({ ok: true, value: { paused: true } });
});
