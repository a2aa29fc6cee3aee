/**
 * Where the extension's longest tasks and the long frames on a heavy page go, from Chromium's own trace with
 * thread CPU time (`tdur`), garbage collections and V8's sampling profiler. Not part of `npm run bench`: a tool
 * to attribute what `bench/heavy-pages.ts` reports. It loads one bench page (`KS_BENCH_HEAVY_ONLY`, e.g.
 * `rows` or `300,000`), traces from the injection of the test build through a 5 s scroll, and prints:
 * - the extension's calls with the most CPU (named from the test build's task clock), then its longest tasks (a
 *   main-thread task that runs a content-script function): wall and CPU time,
 *   and inside them garbage collection, style, layout, and the sampled functions that took the most self time
 *   (minified names, with their column in the test build's content.js);
 * - every main-thread task over 50 ms in the window (a frame's rendering runs in one): its rendering steps (CPU),
 *   the extension's calls inside it and the sampled functions.
 * Run: `npm run build:test && KS_BENCH_HEAVY_ONLY=rows npx tsx bench/heavy-pages-attribution.ts`.
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startSandbox } from '../test/sandbox/index';
import { launchExtension } from '../test/support/launch-extension';
import { startStaticServer } from '../test/support/static-server';
import { makeFlatPage, makeTablePage } from './heavy-pages-corpus';
import { STEPS as RENDER_STEPS, recordTrace, type TraceEvent } from './heavy-pages-trace';

const EXTENSION_DIR = fileURLToPath(
  new URL(`../${process.env.KS_OUT_DIR ?? '.output'}/chrome-mv3-test`, import.meta.url),
);
const SCROLL_MS = Number(process.env.KS_BENCH_SCROLL_MS) || 5_000;
const TOP_TASKS = Number(process.env.KS_TOP_TASKS) || 6;
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
  'v8',
  'disabled-by-default-v8.gc',
  'toplevel',
  // The sampling profiler slows the page down: only when asked (KS_PROFILE=1).
  ...(process.env.KS_PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : []),
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber?: number; columnNumber?: number };
  parent?: number;
}

/** Rendering and runtime steps summed inside a task or a frame (CPU ms where the trace gives it). */
const { style, layout, prePaint, paint, layerize, commit, hitTest } = RENDER_STEPS;
const STEPS: Record<string, readonly string[]> = {
  gc: ['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR', 'V8.GCFinalizeMC', 'BlinkGC.AtomicPhase'],
  style,
  layout,
  prePaint,
  paint,
  layerize,
  commit,
  hitTest,
};

/** The page's clock (performance.now()) when the trace's mark was made. */
let markStart = 0;
/** The content script's own task records (test build's task clock): start on the page's clock, duration, name. */
let clockTasks: [number, number, string][] = [];

function traced(page: Page, work: () => Promise<void>): Promise<TraceEvent[]> {
  return recordTrace(page, CATEGORIES, async () => {
    markStart = await page.evaluate(() => performance.mark('heavy-trace').startTime);
    await work();
  });
}

/** Self-time samples per function between two trace timestamps (µs), from the sampling profiler's chunks. */
function sampler(events: TraceEvent[], pid: number, tid: number) {
  const nodes = new Map<number, ProfileNode>();
  const samples: [ts: number, node: number][] = [];
  const chunks = events.filter((event) => event.pid === pid && event.name === 'ProfileChunk');
  const start = events.find((event) => event.pid === pid && event.name === 'Profile' && event.tid === tid);
  let ts = Number((start?.args?.data as { startTime?: number } | undefined)?.startTime ?? 0);
  for (const chunk of chunks) {
    const data = chunk.args?.data as
      | { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] }
      | undefined;
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const ids = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    ids.forEach((id, i) => {
      ts += deltas[i] ?? 0;
      samples.push([ts, id]);
    });
  }
  return (from: number, to: number): string => {
    const self = new Map<string, number>();
    let total = 0;
    for (const [at, id] of samples) {
      if (at < from || at > to) continue;
      const node = nodes.get(id);
      if (!node) continue;
      const frame = node.callFrame;
      const where = (frame.url ?? '').includes('chrome-extension://')
        ? `ext:${frame.lineNumber}:${frame.columnNumber}`
        : '';
      const key = `${frame.functionName || '(anon)'}${where ? ` ${where}` : ''}`;
      self.set(key, (self.get(key) ?? 0) + 1);
      total++;
    }
    return [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, count]) => `${name} ${((100 * count) / Math.max(1, total)).toFixed(0)}%`)
      .join(', ');
  };
}

function analyse(events: TraceEvent[]): void {
  const mark = events.find((event) => event.name === 'heavy-trace');
  const pid = mark?.pid;
  const tid = events.find(
    (event) =>
      event.pid === pid && event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  )?.tid;
  if (pid === undefined || tid === undefined) throw new Error('No renderer main thread in the trace');
  const main = events.filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X');
  main.sort((a, b) => a.ts - b.ts);
  const inside = (outer: TraceEvent, event: TraceEvent) =>
    event.ts >= outer.ts && event.ts + (event.dur ?? 0) <= outer.ts + (outer.dur ?? 0);
  // Top-level tasks only (a RunTask may sit inside another task event).
  const tasks: TraceEvent[] = [];
  for (const event of main) {
    if (event.name !== 'RunTask' && event.name !== 'ThreadControllerImpl::RunTask') continue;
    const last = tasks[tasks.length - 1];
    if (last && inside(last, event)) continue;
    tasks.push(event);
  }
  const isExtensionCall = (event: TraceEvent) =>
    (event.name === 'FunctionCall' || event.name === 'EvaluateScript' || event.name === 'v8.callFunction') &&
    String(
      (event.args?.data as { url?: string } | undefined)?.url ??
        (event.args?.data as { scriptName?: string })?.scriptName ??
        '',
    ).startsWith('chrome-extension://');
  const extensionCalls = main.filter(isExtensionCall);
  const profile = sampler(events, pid, tid);
  const steps = (outer: TraceEvent) => {
    const sums: Record<string, number> = {};
    for (const [step, names] of Object.entries(STEPS)) {
      sums[step] = main
        .filter((event) => names.includes(event.name) && inside(outer, event))
        .reduce((sum, event) => sum + (event.tdur ?? event.dur ?? 0) / 1000, 0);
    }
    return Object.entries(sums)
      .filter(([, ms]) => ms >= 0.05)
      .map(([step, ms]) => `${step} ${ms.toFixed(1)}`)
      .join(', ');
  };
  // The extension's own calls, named from the task clock (start on the page's clock, aligned through the mark).
  const origin0 = mark?.ts ?? 0;
  const nameOf = (call: TraceEvent) => {
    const at = markStart + (call.ts - origin0) / 1000;
    let best: [number, number, string] | undefined;
    for (const task of clockTasks) if (!best || Math.abs(task[0] - at) < Math.abs(best[0] - at)) best = task;
    return best && Math.abs(best[0] - at) < 1 ? best[2] : '?';
  };
  const byCpu = [...extensionCalls].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0));
  const callCpu = extensionCalls.map((call) => (call.tdur ?? 0) / 1000).sort((a, b) => a - b);
  const perName = new Map<string, number[]>();
  for (const call of extensionCalls) {
    const name = nameOf(call);
    perName.set(name, [...(perName.get(name) ?? []), (call.tdur ?? 0) / 1000]);
  }
  console.log(
    `extension calls: ${extensionCalls.length}; CPU max ${((byCpu[0]?.tdur ?? 0) / 1000).toFixed(1)} ms; over 8 ms CPU ${callCpu.filter((ms) => ms > 8).length}, over 16 ms CPU ${callCpu.filter((ms) => ms > 16).length}; ` +
      [...perName]
        .map(
          ([name, list]) =>
            `${name} ×${list.length} max ${Math.max(...list).toFixed(1)} sum ${list.reduce((a, b) => a + b, 0).toFixed(0)}`,
        )
        .join('; '),
  );
  for (const call of byCpu.slice(0, TOP_TASKS)) {
    console.log(
      `  call ${nameOf(call)} at +${((call.ts - origin0) / 1000).toFixed(0)} ms: wall ${((call.dur ?? 0) / 1000).toFixed(1)} ms, CPU ${((call.tdur ?? 0) / 1000).toFixed(1)} ms; inside: ${steps(call)}`,
    );
    if (process.env.KS_PROFILE) console.log(`    samples: ${profile(call.ts, call.ts + (call.dur ?? 0))}`);
  }
  const extensionTasks = tasks.filter((task) => extensionCalls.some((call) => inside(task, call)));
  const cpu = extensionTasks.map((task) => (task.tdur ?? 0) / 1000);
  cpu.sort((a, b) => a - b);
  const wall = extensionTasks.map((task) => (task.dur ?? 0) / 1000).sort((a, b) => a - b);
  const pct = (list: number[], p: number) => list[Math.min(list.length - 1, Math.floor(p * list.length))] ?? 0;
  console.log(
    `extension tasks: ${extensionTasks.length}; wall p50 ${pct(wall, 0.5).toFixed(1)} p95 ${pct(wall, 0.95).toFixed(1)} max ${pct(wall, 1).toFixed(1)} ms; CPU p50 ${pct(cpu, 0.5).toFixed(1)} p95 ${pct(cpu, 0.95).toFixed(1)} max ${pct(cpu, 1).toFixed(1)} ms; over 16 ms wall ${wall.filter((ms) => ms > 16).length}, CPU ${cpu.filter((ms) => ms > 16).length}`,
  );
  const origin = mark?.ts ?? 0;
  const longest = [...extensionTasks].sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, TOP_TASKS);
  for (const task of longest) {
    const calls = extensionCalls.filter((call) => inside(task, call));
    const callNames = calls
      .map((call) => (call.args?.data as { functionName?: string })?.functionName || '(anon)')
      .join(' ');
    console.log(
      `  task at +${((task.ts - origin) / 1000).toFixed(0)} ms: wall ${((task.dur ?? 0) / 1000).toFixed(1)} ms, CPU ${((task.tdur ?? 0) / 1000).toFixed(1)} ms [${callNames}] ${steps(task)}`,
    );
    console.log(`    samples: ${profile(task.ts, task.ts + (task.dur ?? 0))}`);
  }
  const whole: TraceEvent = { name: 'window', cat: '', ph: 'X', pid, tid, ts: main[0]?.ts ?? 0, dur: Infinity };
  console.log(`rendering in the whole window (CPU ms): ${steps(whole)}`);
  const long = tasks.filter((task) => (task.dur ?? 0) > 50_000);
  console.log(`main-thread tasks over 50 ms: ${long.length}`);
  for (const task of long) {
    const own = extensionCalls.filter((call) => inside(task, call));
    console.log(
      `  task at +${((task.ts - origin) / 1000).toFixed(0)} ms: wall ${((task.dur ?? 0) / 1000).toFixed(1)} ms, CPU ${((task.tdur ?? 0) / 1000).toFixed(1)} ms, extension calls ${own.length}; ${steps(task)}`,
    );
    console.log(`    samples: ${profile(task.ts, task.ts + (task.dur ?? 0))}`);
  }
}

const sandbox = await startSandbox({ rateLimitPerMinute: 100_000 });
const extension = await launchExtension({ extensionDir: EXTENSION_DIR });
const server = await startStaticServer(fileURLToPath(new URL('./pages', import.meta.url)));
try {
  const control = await extension.openExtensionPage('options.html');
  const send = (type: string, input: unknown = {}) =>
    control.evaluate((message) => chrome.runtime.sendMessage(message), { type, input }) as Promise<{ ok: boolean }>;
  const connected = await send('connectWithApiKey', {
    target: { kind: 'custom', baseUrl: sandbox.url },
    apiKey: sandbox.apiKey,
  });
  if (!connected.ok) throw new Error('Could not connect the extension to the sandbox');
  const customers = [...sandbox.store.customers.values()].flatMap((customer) => customer.emails[0]?.email ?? []);
  const pool = Array.from({ length: 300 }, (_, i) =>
    i % 2 === 0 ? (customers[i / 2] ?? `spare${i}@example.com`) : `stranger${i}@example.org`,
  );
  const only = process.env.KS_BENCH_HEAVY_ONLY ?? 'rows';
  const heavy = [
    makeFlatPage(10_000, pool),
    makeFlatPage(100_000, pool),
    makeFlatPage(300_000, pool),
    makeTablePage(60_000, pool),
  ].find((candidate) => candidate.name.includes(only));
  if (!heavy) throw new Error(`No bench page named like ${only}`);
  server.setPage('/heavy.html', heavy.html);
  // KS_ENABLE_SITE=1: detection turned on for the bench's origin (the registered content script, at
  // document_start), and the page reloaded under the trace, instead of run once on the loaded page.
  const enabledSite = Boolean(process.env.KS_ENABLE_SITE);
  if (enabledSite && !(await send('enableSite', { origin: server.origin })).ok) throw new Error('enableSite failed');
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/heavy.html`, { waitUntil: 'load', timeout: 60_000 });
  await page.bringToFront();
  await page.waitForTimeout(500);
  const tabId = await extension.serviceWorker.evaluate(
    async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id ?? 0,
    page.url(),
  );
  console.log(`${heavy.name}; load ${loadavg()[0]?.toFixed(2)}`);
  const originBefore = await page.evaluate(() => performance.timeOrigin);
  const events = await traced(page, async () => {
    // KS_RELOAD=1 without KS_ENABLE_SITE: the same reload with no extension on the page (the baseline).
    if (enabledSite || process.env.KS_RELOAD) await page.reload({ waitUntil: 'load', timeout: 60_000 });
    else await send('runDetectionOnTab', { tabId });
    await page.evaluate(
      ([ms, step]) =>
        (window as unknown as { heavyBench: { scroll(ms: number, step: number): Promise<unknown> } }).heavyBench.scroll(
          ms,
          step,
        ),
      [SCROLL_MS, 40] as const,
    );
  });
  console.log(`load after ${loadavg()[0]?.toFixed(2)}`);
  // A reload starts a new clock: task records are aligned to the trace through both documents' origins.
  markStart += originBefore - (await page.evaluate(() => performance.timeOrigin));
  clockTasks = (await extension.serviceWorker.evaluate(
    `chrome.scripting.executeScript({ target: { tabId: ${tabId} }, world: 'ISOLATED',
      func: () => globalThis.__ksTasks ?? [] }).then((results) => results[0]?.result ?? [])`,
  )) as [number, number, string][];
  analyse(events);
} finally {
  await extension.close();
  await server.close();
  await sandbox.close();
}
