import { cpus, loadavg } from 'node:os';
import { expect, test } from './fixtures';
import { connectWithKey, inContentScript, openWithDetection, send } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Issue 21, finding 7: a page of 300 addresses in narrow columns froze the tab for 11–15 s on one redraw (a
 * hit test and a box per line box, for every line of every address). This guard plants that page (each
 * address broken into one line box per character or two; 30 distinct addresses, half of them sandbox
 * customers), lets detection scan,
 * look up, mark and tint it, scrolls and resizes it, and requires that no task of the extension's lasts over
 * 50 ms, and that no long animation frame is the extension's doing.
 *
 * Attribution: Chromium's Long Animation Frames list no content-script entries, so the test build times each
 * of the content script's callbacks on the page's clock (`lib/page-scan/task-clock.ts`, read here from the
 * isolated world). A long frame is the extension's when its tasks inside the frame account for the frame's
 * length (without them it would have stayed under 50 ms): the machine's other load, which stretches every
 * frame, is not.
 */

const sandbox = sandboxForFile({ resetBeforeEach: false });
/** Columns, each holding one address; they cycle through `DISTINCT` addresses, half of them customers. */
const ADDRESSES = 300;
/** Few enough that the sandbox answers every lookup within seconds (lookups go 4 at a time). */
const DISTINCT = 30;
const LONG_MS = 50;
/**
 * On a machine busier than twice its cores (the shared 2-core test machine often runs at load 15–25), the OS
 * preempts Chromium's main thread mid-task and a 10 ms task reads 60–100 ms of wall time; there the guard
 * still catches a freeze like the one it was written for (11–15 s), with a wider limit, and says so.
 */
const busy = (loadavg()[0] ?? 0) > cpus().length * 2;
const LIMIT_MS = busy ? 250 : LONG_MS;

/** The page records its long animation frames from the start, and scrolls itself on request. */
const PROBE = `
  window.longFrames = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.longFrames.push([entry.startTime, entry.duration]);
  }).observe({ type: 'long-animation-frame', buffered: true });
  window.scrollFor = (ms) => new Promise((resolve) => {
    const started = performance.now();
    const tick = (now) => {
      if (now - started >= ms) return resolve();
      const bottom = document.documentElement.scrollHeight - innerHeight;
      if (scrollY + 30 > bottom) scrollTo(0, 0); else scrollBy(0, 30);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
`;

function guardPage(addresses: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Narrow columns</title>
    <style>#grid{display:flex;flex-wrap:wrap;gap:3px}.col{width:1px;word-break:break-all;font:13px monospace;margin:0}</style>
    <script>${PROBE}</script></head>
    <body><div id="grid">${addresses.map((email) => `<p class="col">${email}</p>`).join('')}</div></body></html>`;
}

test('300 addresses in narrow columns: no extension task over 50 ms while it scans, marks, scrolls and resizes', async ({
  extension,
  pages,
}) => {
  test.setTimeout(90_000);
  const customers = [...sandbox.store.customers.values()].flatMap((customer) => customer.emails[0]?.email ?? []);
  const distinct = Array.from({ length: DISTINCT }, (_, i) =>
    i % 2 === 0 && customers[i / 2] ? (customers[i / 2] as string) : `narrow${i}@columns.example`,
  );
  const addresses = Array.from({ length: ADDRESSES }, (_, i) => distinct[i % DISTINCT] as string);
  pages.setPage('/hostile/narrow-columns.html', guardPage(addresses));
  const options = await extension.openExtensionPage('options.html');
  expect(await connectWithKey(options, sandbox)).toMatchObject({ ok: true });
  const { page, tabId } = await openWithDetection(extension, options, `${pages.origin}/hostile/narrow-columns.html`);
  await page.bringToFront();
  // Every address looked up, and its status applied (statuses are held 1 s from their report).
  await expect
    .poll(
      async () => {
        const answer = await send(options, 'getPageCustomers', { tabId });
        const emails = answer.ok ? (answer.value as { emails: { status: string }[] }).emails : [];
        return emails.filter((entry) => entry.status !== 'pending').length;
      },
      { timeout: 30_000 },
    )
    .toBe(new Set(addresses).size);
  await page.waitForTimeout(1_500);
  await page.evaluate(() => (window as unknown as { scrollFor(ms: number): Promise<void> }).scrollFor(2_000));
  for (const width of [900, 1280]) {
    await page.setViewportSize({ width, height: 720 });
    await page.waitForTimeout(300);
  }

  const tasks = await inContentScript(
    extension,
    tabId,
    () => (globalThis as { __ksTasks?: [number, number, string][] }).__ksTasks ?? [],
    null,
  );
  // The extension did work here: it scanned, and drew marks, some of them tinted.
  expect(tasks.some(([, , name]) => name === 'slice')).toBe(true);
  expect(tasks.filter(([, , name]) => name === 'draw').length).toBeGreaterThan(3);
  const tinted = await inContentScript(
    extension,
    tabId,
    () => {
      const host = document.querySelector('[data-kustomer-sidebar]') as HTMLElement | null;
      return host ? (chrome.dom.openOrClosedShadowRoot(host)?.querySelectorAll('.k').length ?? 0) : 0;
    },
    null,
  );
  expect(tinted).toBeGreaterThan(0);

  const overLong = tasks.filter(([, duration]) => duration > LIMIT_MS);
  const frames = await page.evaluate(() => (window as unknown as { longFrames: [number, number][] }).longFrames);
  const extensionFrames = frames.filter(([start, duration]) => {
    const ours = tasks
      .filter(([taskStart]) => taskStart >= start && taskStart < start + duration)
      .reduce((sum, [, taskMs]) => sum + taskMs, 0);
    return ours > 0 && duration - ours < LONG_MS && duration > LIMIT_MS;
  });
  const longest = [...tasks].sort((a, b) => b[1] - a[1]).slice(0, 3);
  console.log(
    `guard (load ${loadavg()[0]?.toFixed(1)}, limit ${LIMIT_MS} ms): ${tasks.length} extension tasks, longest ` +
      `${longest.map(([, ms, name]) => `${name} ${ms.toFixed(1)} ms`).join(', ')}; ` +
      `${frames.length} long frames, ${extensionFrames.length} the extension's`,
  );
  expect(overLong, `extension tasks over ${LIMIT_MS} ms`).toEqual([]);
  expect(extensionFrames, `long animation frames over ${LIMIT_MS} ms the extension accounts for`).toEqual([]);
});
