import { ADA, GRACE } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { connectWithKey, openWithDetection } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Issue 21, finding 1: a hostile page plants one address at a time and watches its own main thread for the
 * extension's work after the background answers. Customers used to cost a second Kustomer round and their
 * answer triggered a redraw at once, so the time of that redraw told customers from strangers (20 of 20 at
 * 150 ms of API latency). The page makes each redraw expensive on purpose: 10,000 siblings make every hit
 * test slow, and 4 copies in 1px-wide columns break the address into one line box per character.
 *
 * Not yet a reliable guard: on the shared 2-core machine (load 11–17) the longest-frame feature is dominated by
 * other processes' preemption, and the test scored 0.57 and 0.67 on the build before the fix and 0.67 after
 * it (one latency at 0.86 with 7 trials a class). It runs only with KS_TIMING_ATTACK=1 until its probe is
 * made robust (see docs/security.md, *Time*).
 *
 * The classifier is the attacker's best simple one: per latency, the threshold half-way between the two
 * classes' median redraw times (in 50 ms steps), scored on the same trials. It must do no better than chance.
 */

const sandbox = sandboxForFile({ resetBeforeEach: false });
const LATENCIES_MS = [0, 60, 150];
/** Trials per latency, half customers and half strangers (KS_TIMING_TRIALS overrides; 42 in all by default). */
const TRIALS = Math.max(4, Number(process.env.KS_TIMING_TRIALS) || 14);
/** How long the page watches after planting: the scan, the report's 250 ms debounce, the answer and a margin. */
const WATCH_MS = 2_500;
/** Narrow columns the page plants the address in, so that one redraw has hundreds of line boxes to place. */
const COLUMNS = 4;
const CHANCE_LIMIT = 0.6;

/** The page's probe: plants an address in every column and returns when (ms after planting) its longest frame began. */
const ATTACKER = `
  const AFTER_SCAN_MS = 200;
  window.trial = (address, watchMs) => new Promise((resolve) => {
    const slots = document.querySelectorAll('.slot');
    const gaps = [];
    let last = performance.now();
    const planted = last;
    for (const slot of slots) slot.textContent = address;
    const tick = (now) => {
      gaps.push([now - last, last - planted]);
      last = now;
      if (now - planted < watchMs) return requestAnimationFrame(tick);
      // The longest frame once the scan's own redraw is over: the extension's redraw after the answer.
      const late = gaps.filter(([, at]) => at >= AFTER_SCAN_MS).sort((a, b) => b[0] - a[0]);
      resolve(late.length ? late[0][1] : -1);
    };
    requestAnimationFrame(tick);
  });
`;

function attackPage(): string {
  const filler = '<i>.</i>'.repeat(10_000);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Timing</title>
    <style>#row{display:flex;gap:4px}.slot{width:1px;word-break:break-all;font:14px monospace;margin:0}
      i{font-style:normal}</style><script>${ATTACKER}</script></head>
    <body><div id="row">${'<p class="slot">nobody</p>'.repeat(COLUMNS)}</div><div>${filler}</div></body></html>`;
}

/** Same length and shape as `email`, but nobody's. */
const strangerLike = (email: string, i: number) => {
  const [local = '', domain = ''] = email.split('@');
  return `q${String(i % 10)}${local.slice(2)}@${domain.replace(/^[a-z]/, 'z')}`;
};

/** Share of trials the half-way-between-medians threshold classifies correctly. */
function classifierScore(trials: { customer: boolean; at: number }[]): number {
  const bin = (ms: number) => Math.round(ms / 50);
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  const customers = median(trials.filter((trial) => trial.customer).map((trial) => bin(trial.at)));
  const strangers = median(trials.filter((trial) => !trial.customer).map((trial) => bin(trial.at)));
  const threshold = (customers + strangers) / 2;
  const later = customers > strangers;
  const correct = trials.filter(
    (trial) => (later ? bin(trial.at) > threshold : bin(trial.at) < threshold) === trial.customer,
  );
  return correct.length / trials.length;
}

test.skip(!process.env.KS_TIMING_ATTACK, 'noise-dominated on a shared machine; run with KS_TIMING_ATTACK=1');

test('a page cannot tell customers from strangers by when the extension works on its thread', async ({
  extension,
  pages,
}) => {
  test.setTimeout(60_000 + LATENCIES_MS.length * TRIALS * (WATCH_MS + 300));
  pages.setPage('/hostile/timing.html', attackPage());
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithKey(options, sandbox)).toMatchObject({ ok: true });
  const { page } = await openWithDetection(extension, options, `${pages.origin}/hostile/timing.html`);
  await page.bringToFront();
  // Fresh addresses every trial: a cached answer would come back at once for both.
  const customers = [...sandbox.store.customers.values()]
    .flatMap((customer) => customer.emails[0]?.email ?? [])
    .filter((email) => email !== ADA.email && email !== GRACE.email && /^[a-z]{2}/.test(email));
  expect(customers.length).toBeGreaterThanOrEqual((LATENCIES_MS.length * TRIALS) / 2);
  // Let the first scan and its report settle.
  await page.waitForTimeout(1_500);

  const scores: Record<string, number> = {};
  const all: { customer: boolean; at: number }[] = [];
  let next = 0;
  for (const latencyMs of LATENCIES_MS) {
    sandbox.setFaults({ latencyMs });
    const trials: { customer: boolean; at: number }[] = [];
    for (let i = 0; i < TRIALS; i++) {
      // Alternating pairs in a varying order, so that drift over time favours neither class.
      const customer = (i + Math.floor(i / 2)) % 2 === 0;
      const email = customers[next + Math.floor(i / 2)] ?? '';
      const address = customer ? email : strangerLike(email, i);
      const at = await page.evaluate(
        ([planted, watch]) =>
          (window as unknown as { trial(a: string, w: number): Promise<number> }).trial(planted, watch),
        [address, WATCH_MS] as const,
      );
      trials.push({ customer, at });
    }
    next += TRIALS / 2;
    scores[`${latencyMs} ms`] = classifierScore(trials);
    all.push(...trials);
    console.log(
      `latency ${latencyMs} ms: ${JSON.stringify(trials.map((trial) => `${trial.customer ? 'C' : 's'}${Math.round(trial.at)}`))}`,
    );
  }
  sandbox.setFaults({ latencyMs: 0 });
  const overall = all.length
    ? LATENCIES_MS.reduce((sum, latency) => sum + (scores[`${latency} ms`] ?? 0), 0) / LATENCIES_MS.length
    : 1;
  console.log(
    `classifier accuracy: ${JSON.stringify(scores)}, overall ${overall.toFixed(2)} over ${all.length} trials`,
  );
  expect(overall).toBeLessThanOrEqual(CHANCE_LIMIT);
});
