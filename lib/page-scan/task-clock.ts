/**
 * Test builds only: how long each of the content script's callbacks ran on the page's thread. Chromium's Long
 * Animation Frames list no content-script (isolated world) entries in `scripts[]`, so the heavy-pages bench and
 * the hardening guard read these instead, from the isolated world (`globalThis.__ksTasks`), where the page's
 * scripts cannot: `performance.mark` would put them on the page's own timeline. Production builds compile
 * `timed` to the identity.
 */

/** One callback: when it started (`performance.now()`, the page's clock too) and how long it ran, in ms. */
export type TaskRecord = [start: number, duration: number, name: string];

/** The newest records kept (a bench run makes a few thousand). */
const KEPT = 20_000;

type TaskWindow = { __ksTasks?: TaskRecord[] };

/** `work`, timed into `__ksTasks` in test builds. */
export function timed<A extends unknown[]>(name: string, work: (...args: A) => void): (...args: A) => void {
  if (typeof __KS_FLAVOUR__ === 'undefined' || __KS_FLAVOUR__ !== 'test') return work;
  return (...args) => {
    const start = performance.now();
    try {
      work(...args);
    } finally {
      const scope = globalThis as TaskWindow;
      scope.__ksTasks ??= [];
      const tasks = scope.__ksTasks;
      if (tasks.length >= KEPT) tasks.splice(0, KEPT / 2);
      tasks.push([start, performance.now() - start, name]);
    }
  };
}

/** True in test builds (`npm run build:test`); production builds drop every branch it guards. */
export const TEST_BUILD = typeof __KS_FLAVOUR__ !== 'undefined' && __KS_FLAVOUR__ === 'test';
