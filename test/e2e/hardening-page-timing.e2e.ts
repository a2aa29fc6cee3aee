import os from 'node:os';
import type { Page } from '@playwright/test';
import type { TimingLeak } from '../../lib/page-scan/timing-leak';
import { ADA } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { connectWithKey, inContentScript, send, tabIdOf } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Issue 21, finding 1: a hostile page plants one address and watches its own main thread for the extension's
 * work after the background answers. Customers used to cost a second Kustomer round and their answer was
 * drawn at once, so when (and how much) the content script worked told customers from strangers: 20 of 20 at
 * 150 ms of API latency, 16 of 20 at 60 ms.
 *
 * The page makes the extension's work as visible as it can: 10,000 siblings make every layout slow, and 16
 * copies in 1 px columns break the address into one line box per character. For each trial it records, from
 * planting to 2 s later, everything a page script can watch: every animation frame (when the longest began,
 * how long it was, the jank over 20 ms), the work after its own frame callback (where the content script's
 * redraw runs), Long Animation Frames and long tasks (count, total, when the longest began), MutationObserver
 * records on the whole document, layout shifts, and changes of every `getClientRects()` of the document
 * element's children and the slots.
 *
 * The classifier is the strongest simple one: for every feature, the threshold and direction that classify the
 * training half best; the feature that does best on the training half is scored on the other half, and the
 * halves swap (two-fold cross-validation), so every trial is scored by a rule that did not see it. Trials run in
 * eight parallel pages (each its own renderer process: a 600 ms busy loop in one moves another's frames by
 * under 50 ms), half planting customers and half strangers in every round, so that the machine's load in a
 * round favours neither class. A latency that scores over 60% gets another set of trials and is scored over all
 * of them, up to four sets (160 trials): a real leak stays over (the leaky build scores 0.90–1.00), a chance
 * excursion does not. With at most two sets, 2 of 9 runs in December 2026 scored 0.6125 over 80 trials at one
 * latency, with a change this page cannot reach (it saw no scroll event in 160 trials).
 */

const sandbox = sandboxForFile({ resetBeforeEach: false });
const LATENCIES_MS = [0, 60, 150];
/** Pages planting at once (a multiple of 4, for the class and fold order below). */
const PAGES = Number(process.env.KS_TIMING_PAGES) || 4;
/** Rounds per set: PAGES × ROUNDS trials per latency (40). */
const ROUNDS = Math.max(1, Number(process.env.KS_TIMING_ROUNDS) || 10);
/** How long the page watches after planting: the scan, the report's 250 ms debounce, the 1 s hold, a margin. */
const WATCH_MS = 2_000;
/** Columns the address is planted in: each character is a line box, so one redraw places hundreds of boxes. */
const COLUMNS = 16;
const CHANCE_LIMIT = 0.6;
/** Sets of trials a latency may take while it scores over the limit. */
const MAX_SETS = 4;
/** What the same classifier must score against a build with a leak put back, or it could not fail. */
const LEAK_FLOOR = 0.7;
const LEAK_LATENCY_MS = 150;
/** The leaks checked (`amount` scores 0.65–0.72 here under load 14, below the floor: run it by hand). */
const LEAKS = (process.env.KS_TIMING_LEAKS ?? 'time').split(',') as TimingLeak[];
const DOMAIN = 'timing-probe.example';

/** The page's probe: plants an address in every column and returns what it saw, feature by feature. */
const ATTACKER = `
  const AFTER_SCAN_MS = 200;
  /** The first frame after planting carries the page's own layout of the planted text. */
  const FIRST_FRAME_MS = 20;
  /** The scan has found the address and the extension drawn it by then (under load too). */
  const FOUND_BY_MS = 450;
  /** The report waits 250 ms for more changes: nothing answers it sooner. */
  const REPORT_GAP_MS = 150;
  /** An answer held from the report (1 s) comes later than this after the first draw. */
  const HELD_FROM_MS = 600;
  const rectsOf = () => [...document.documentElement.children, ...document.querySelectorAll('.slot')]
    .map((element) => [...element.getClientRects()].map((r) => [r.x, r.y, r.width, r.height].join()).join(';'))
    .join('|');
  window.trial = (address, watchMs) => new Promise((resolve) => {
    const slots = document.querySelectorAll('.slot');
    const frames = [];
    const loafs = [];
    const tasks = [];
    let mutations = 0;
    let shifts = 0;
    let rectChanges = 0;
    const mutationObserver = new MutationObserver((records) => { mutations += records.length; });
    mutationObserver.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const observers = [['long-animation-frame', loafs], ['longtask', tasks], ['layout-shift', null]].map(([type, list]) => {
      const observer = new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries()) list ? list.push(entry) : (shifts += 1);
      });
      try { observer.observe({ type }); } catch {}
      return observer;
    });
    let last = performance.now();
    const planted = last;
    for (const slot of slots) slot.textContent = address;
    let rects = rectsOf();
    // The rest of each frame after the page's own callback: other callbacks (the content script's redraw runs
    // in one), style, layout and paint, timed by a message posted from the callback. Only preemption inside
    // these few ms adds noise, where a frame's whole length carries every scheduling delay of a loaded machine.
    const after = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => after.push([data[0], performance.now() - data[1]]);
    const tick = (now) => {
      frames.push([last - planted, now - last]);
      channel.port2.postMessage([now - planted, performance.now()]);
      last = now;
      const next = rectsOf();
      if (next !== rects && now - planted >= AFTER_SCAN_MS) rectChanges += 1;
      rects = next;
      if (now - planted < watchMs) return requestAnimationFrame(tick);
      setTimeout(() => {
        mutationObserver.disconnect();
        for (const observer of observers) observer.disconnect();
        const late = frames.filter(([at]) => at >= AFTER_SCAN_MS);
        const longest = late.reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0]);
        const lateEntries = (list) => list.filter((entry) => entry.startTime - planted >= AFTER_SCAN_MS);
        const summary = (list) => {
          const entries = lateEntries(list);
          const top = entries.reduce((a, b) => (b.duration > a.duration ? b : a), { duration: 0, startTime: planted });
          return [entries.length, entries.reduce((sum, entry) => sum + entry.duration, 0), top.startTime - planted,
            entries.reduce((sum, entry) => sum + (entry.blockingDuration ?? 0), 0)];
        };
        const lateAfter = after.filter(([at]) => at >= AFTER_SCAN_MS);
        // The extension's first draw (the planted address found) is the busiest frame early on; the redraw its
        // answer causes is the busiest one after it. Timing the answer from the first draw takes out how long
        // the scan took to start, which varies far more on a loaded machine than a lookup's rounds.
        const busiestOf = (list) => list.reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0]);
        const [foundAt] = busiestOf(after.filter(([at]) => at >= FIRST_FRAME_MS && at <= FOUND_BY_MS));
        const answered = busiestOf(after.filter(([at]) => at > foundAt + REPORT_GAP_MS));
        const settled = after.filter(([at]) => at > foundAt + HELD_FROM_MS);
        const busiest = lateAfter.reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0]);
        const [loafCount, loafTotal, loafAt, loafBlocking] = summary(loafs);
        const [taskCount, taskTotal, taskAt] = summary(tasks);
        resolve({
          visible: document.visibilityState === 'visible',
          features: {
            longestFrameAt: longest[0], longestFrameMs: longest[1],
            jankMs: late.reduce((sum, [, ms]) => sum + Math.max(0, ms - 20), 0), frames: late.length,
            afterAt: busiest[0], afterMs: busiest[1],
            afterOver4: lateAfter.filter(([, ms]) => ms > 4).length,
            // When the last busy frame was: the status redraw is the extension's last work of a trial.
            lastOver2At: lateAfter.filter(([, ms]) => ms > 2).at(-1)?.[0] ?? 0,
            lastOver4At: lateAfter.filter(([, ms]) => ms > 4).at(-1)?.[0] ?? 0,
            lastOver8At: lateAfter.filter(([, ms]) => ms > 8).at(-1)?.[0] ?? 0,
            answerAfterFoundMs: answered[0] - foundAt, answerWorkMs: answered[1],
            settledBusiestMs: busiestOf(settled)[1],
            settledOver8Ms: settled.reduce((sum, [, ms]) => sum + (ms > 8 ? ms : 0), 0),
            loafCount, loafTotal, loafAt, loafBlocking, taskCount, taskTotal, taskAt,
            mutations, shifts, rectChanges,
          },
        });
      }, 50);
    };
    requestAnimationFrame(tick);
  });
`;

function attackPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Timing</title>
    <style>#row{display:flex;gap:4px}.slot{width:1px;word-break:break-all;font:14px monospace;margin:0}
      </style><script>${ATTACKER}</script></head>
    <body><div id="row">${'<p class="slot">nobody</p>'.repeat(COLUMNS)}</div></body></html>`;
}

type Features = Record<string, number>;
type Trial = { customer: boolean; fold: number; features: Features };

/** The threshold rule (feature, cut, direction) that classifies `trials` best, and its accuracy on them. */
function fitRule(trials: Trial[]) {
  let best = { feature: '', cut: 0, above: true, accuracy: 0 };
  for (const feature of Object.keys(trials[0]?.features ?? {})) {
    const values = [...new Set(trials.map((trial) => trial.features[feature] ?? 0))].sort((a, b) => a - b);
    const cuts = [(values[0] ?? 0) - 1, ...values.slice(1).map((value, i) => (value + (values[i] ?? 0)) / 2)];
    for (const cut of cuts) {
      for (const above of [true, false]) {
        const accuracy = score(trials, { feature, cut, above });
        if (accuracy > best.accuracy) best = { feature, cut, above, accuracy };
      }
    }
  }
  return best;
}

/** Share of `trials` the rule "customer when the feature is above (or below) the cut" gets right. */
function score(trials: Trial[], rule: { feature: string; cut: number; above: boolean }): number {
  const right = trials.filter(
    (trial) => ((trial.features[rule.feature] ?? 0) > rule.cut === rule.above) === trial.customer,
  ).length;
  return trials.length ? right / trials.length : 0;
}

/** Two-fold cross-validated accuracy: each fold scored by the rule fitted on the other. */
function crossValidated(trials: Trial[]): { accuracy: number; rules: string[] } {
  let right = 0;
  const rules: string[] = [];
  for (const fold of [0, 1]) {
    const rule = fitRule(trials.filter((trial) => trial.fold !== fold));
    const tested = trials.filter((trial) => trial.fold === fold);
    right += score(tested, rule) * tested.length;
    rules.push(`${rule.feature}${rule.above ? '>' : '<='}${Math.round(rule.cut)} (train ${rule.accuracy.toFixed(2)})`);
  }
  return { accuracy: trials.length ? right / trials.length : 0, rules };
}

test('a page cannot tell customers from strangers by the extension’s work on its thread', async ({
  extension,
  pages,
  sidePanel: panel,
}) => {
  // About 90 s; each extra set of a latency over the limit adds about 25 s.
  test.setTimeout(420_000);
  pages.setPage('/hostile/timing.html', attackPage());
  expect(await connectWithKey(panel, sandbox)).toMatchObject({ ok: true });
  expect(await send(panel, 'enableSite', { origin: pages.origin })).toMatchObject({ ok: true });
  // Each page in a window of its own: Chromium draws frames only for a window's front tab, and a probe whose
  // page gets no frames sees nothing (one frame a second in a background tab).
  const cdp = await extension.context.newCDPSession(panel);
  const tabs: Page[] = [];
  const tabIds: number[] = [];
  for (let i = 0; i < PAGES; i++) {
    const opened = extension.context.waitForEvent('page');
    const url = `${pages.origin}/hostile/timing.html?page=${i}`;
    await cdp.send('Target.createTarget', { url, newWindow: true });
    const page = await opened;
    await page.waitForLoadState();
    tabs.push(page);
    tabIds.push(await tabIdOf(extension, url));
  }
  /** Puts a leak back in every page's content script (test build only), or takes it out. */
  const setLeak = async (leak: TimingLeak) => {
    for (const tabId of tabIds)
      await inContentScript(
        extension,
        tabId,
        (value) => {
          (globalThis as { __ksTimingLeak?: string }).__ksTimingLeak = value;
        },
        leak,
      );
  };
  await cdp.detach();
  // Let the first scans and their reports settle.
  await tabs[0]?.waitForTimeout(2_000);

  // Fresh addresses every trial (a cached answer would come back at once for both classes): customers are
  // added to the sandbox as copies of Ada with one new address, strangers have the same shape and length.
  const template = [...sandbox.store.customers.values()].find((customer) => customer.id === ADA.id);
  if (!template) throw new Error('Ada is not in the sandbox');
  let serial = 0;
  const fresh = (customer: boolean) => {
    serial += 1;
    const email = `p${String(serial).padStart(5, '0')}${customer ? 'c' : 's'}@${DOMAIN}`;
    if (customer) {
      const id = (0xf00000000000000000000000n + BigInt(serial)).toString(16);
      sandbox.store.customers.set(id, { ...template, id, emails: [{ email, type: 'home' }] });
    }
    return email;
  };

  async function runSet(): Promise<Trial[]> {
    const trials: Trial[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Half the pages plant a customer, half a stranger, swapping every round; each fold (pairs of pages)
      // holds both classes of every round, so what a round shares (the machine's load) favours neither.
      const classes = tabs.map((_, i) => (i + round) % 2 === 0);
      const seen = await Promise.all(
        tabs.map((tab, i) =>
          tab.evaluate(
            ([planted, watch]) =>
              (
                window as unknown as {
                  trial(a: string, w: number): Promise<{ visible: boolean; features: Features }>;
                }
              ).trial(planted, watch),
            [fresh(classes[i] === true), WATCH_MS] as const,
          ),
        ),
      );
      seen.forEach(({ visible, features }, i) => {
        expect(visible, 'every probing page is visible, so its frames run').toBe(true);
        trials.push({ customer: classes[i] === true, fold: Math.floor(i / 2) % 2, features });
      });
    }
    return trials;
  }

  const started = Date.now();
  const leaks: Record<string, number> = {};
  for (const leak of LEAKS) {
    await setLeak(leak);
    sandbox.setFaults({ latencyMs: LEAK_LATENCY_MS });
    const trials = await runSet();
    const result = crossValidated(trials);
    leaks[leak] = result.accuracy;
    console.info(
      `[page timing] leaky build (${leak}) at ${LEAK_LATENCY_MS} ms: accuracy ${result.accuracy.toFixed(2)} over ${trials.length} trials; rules ${result.rules.join(', ')}; ${Math.round((Date.now() - started) / 1000)} s`,
    );
  }
  await setLeak('none');
  const results: Record<string, { accuracy: number; trials: number; rules: string[] }> = {};
  const all: Trial[] = [];
  for (const latencyMs of LATENCIES_MS) {
    sandbox.setFaults({ latencyMs });
    let trials = await runSet();
    let result = crossValidated(trials);
    // Over the limit: as many trials again, scored over all sets, while it stays over.
    for (let sets = 1; result.accuracy > CHANCE_LIMIT && sets < MAX_SETS; sets++) {
      trials = [...trials, ...(await runSet())];
      result = crossValidated(trials);
    }
    results[`${latencyMs} ms`] = { accuracy: result.accuracy, trials: trials.length, rules: result.rules };
    all.push(...trials);
    const mean = (customer: boolean, feature: string) => {
      const values = trials.filter((trial) => trial.customer === customer).map((trial) => trial.features[feature] ?? 0);
      return Math.round(values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length));
    };
    console.info(
      `[page timing] latency ${latencyMs} ms: accuracy ${result.accuracy.toFixed(2)} over ${trials.length} trials; rules ${result.rules.join(', ')}; ` +
        `means customer/stranger: lastOver4At ${mean(true, 'lastOver4At')}/${mean(false, 'lastOver4At')}, afterAt ${mean(true, 'afterAt')}/${mean(false, 'afterAt')}, loafAt ${mean(true, 'loafAt')}/${mean(false, 'loafAt')}, longestFrameAt ${mean(true, 'longestFrameAt')}/${mean(false, 'longestFrameAt')}, ` +
        `jank ${mean(true, 'jankMs')}/${mean(false, 'jankMs')} ms, loafTotal ${mean(true, 'loafTotal')}/${mean(false, 'loafTotal')} ms`,
    );
  }
  sandbox.setFaults({ latencyMs: 0 });
  const overall = crossValidated(all);
  console.info(
    `[page timing] overall accuracy ${overall.accuracy.toFixed(2)} over ${all.length} trials in ${PAGES} parallel pages; ${Math.round((Date.now() - started) / 1000)} s; load ${os.loadavg()[0]?.toFixed(1)}`,
  );
  for (const [leak, accuracy] of Object.entries(leaks)) {
    expect(accuracy, `classifier accuracy against the leaky build (${leak})`).toBeGreaterThanOrEqual(LEAK_FLOOR);
  }
  for (const [latency, result] of Object.entries(results)) {
    expect(result.accuracy, `classifier accuracy at ${latency}`).toBeLessThanOrEqual(CHANCE_LIMIT);
  }
  expect(overall.accuracy).toBeLessThanOrEqual(CHANCE_LIMIT);
});
