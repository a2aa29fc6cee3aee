import { TEST_BUILD } from './task-clock';

/**
 * Test builds only: a customer-membership leak put back on purpose, so that the timing attack test
 * (`test/e2e/hardening-page-timing.e2e.ts`) can show its classifier catches one. The test sets it in the content
 * script's isolated world (`globalThis.__ksTimingLeak`), which a page's scripts cannot reach; production builds
 * compile `timingLeak` to `'none'`.
 * - `amount`: a status without a customer redraws nothing (the build before `restyle` redrew every box).
 * - `time`: no hold; a status naming a customer is applied `LEAK_LATE_MS` later than one that does not (the
 *   build before the hold, where a customer cost a second Kustomer round).
 */
export type TimingLeak = 'none' | 'amount' | 'time';

/**
 * How much later the `time` leak applies a customer's status. On the shared 2-core test machine (load 12–17) a
 * page's classifier scores 0.6–0.75 on a 150 ms difference and 0.8–0.9 on this one, so the test checks this one.
 */
export const LEAK_LATE_MS = 400;

type LeakWindow = { __ksTimingLeak?: TimingLeak };

/** The leak this test build was told to show, `'none'` unless a test asked (always `'none'` in production). */
export function timingLeak(): TimingLeak {
  if (!TEST_BUILD) return 'none';
  return (globalThis as LeakWindow).__ksTimingLeak ?? 'none';
}
