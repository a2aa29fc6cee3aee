/**
 * Runs work later, when the page is idle, telling it how many ms of the idle period are left (none when it
 * runs because the timeout passed, or where idle periods are unknown). Returns a function that cancels it.
 */
export type ScheduleIdle = (work: (idleMs?: number) => void) => () => void;

/** Idle callbacks wait at most this long, so that a busy page still gets scanned. */
const IDLE_TIMEOUT_MS = 500;
/** The page counts as scrolling until this long after its last scroll event. */
const SCROLL_QUIET_MS = 150;

/**
 * `requestIdleCallback` where the window has it (Chrome), a zero-delay timeout otherwise. While the page (or
 * any element in it) scrolls, its idle periods are left to its frames: a scan step there may run into a pause
 * no budget bounds (the isolated world's wrapper table growing, 16–53 ms on the bench table), and the scan is
 * in document order, not in view order, so nothing in view waits on it. The timeout still bounds the wait
 * from the first request, so a page that never stops scrolling is scanned too. `signal` ends the listening.
 */
export function idleSchedulerFor(win: Window, signal?: AbortSignal): ScheduleIdle {
  if (typeof win.requestIdleCallback === 'function') {
    const now = () => win.performance.now();
    let scrolledAt = Number.NEGATIVE_INFINITY;
    // Capture: scroll events of elements do not bubble, but pass the window on their way down. (Not
    // `passive`: scroll events cannot be cancelled, so they never wait for a listener anyway.)
    const scrolled = () => {
      scrolledAt = now();
    };
    win.addEventListener('scroll', scrolled, { capture: true, signal });
    return (work) => {
      const asked = now();
      let handle = 0;
      const request = () => {
        handle = win.requestIdleCallback(
          (deadline) => {
            if (deadline.didTimeout) return work();
            if (now() - scrolledAt < SCROLL_QUIET_MS) return request();
            work(deadline.timeRemaining());
          },
          { timeout: Math.max(1, IDLE_TIMEOUT_MS - (now() - asked)) },
        );
      };
      request();
      return () => win.cancelIdleCallback(handle);
    };
  }
  return (work) => {
    const handle = win.setTimeout(() => work(), 0);
    return () => win.clearTimeout(handle);
  };
}
