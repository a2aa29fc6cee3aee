import { type PageScan, type PageScanOptions, startPageScan } from '../../../lib/page-scan';

/** Runs slices on zero-delay timers so that tests can wait for them. */
export const timerScheduler: NonNullable<PageScanOptions['scheduleIdle']> = (work) => {
  const handle = setTimeout(work, 0);
  return () => clearTimeout(handle);
};

/** Lets MutationObserver callbacks run, then waits until the scanner's queue is empty. */
export async function settle(scan: PageScan): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await scan.whenIdle();
}

/** Starts a scan of the current document with test-friendly timing. */
export function scanDocument(overrides: Partial<PageScanOptions> = {}) {
  const controller = new AbortController();
  const scan = startPageScan({
    document,
    signal: controller.signal,
    scheduleIdle: timerScheduler,
    reportDelayMs: 5,
    ...overrides,
  });
  return { scan, controller, emails: () => scan.index.emails().sort() };
}

/** Replaces the body with trusted test markup. */
export function setBody(html: string): void {
  document.body.innerHTML = html;
}
