/**
 * Runs work later, when the page is idle, telling it how many ms of the idle period are left (none when it
 * runs because the timeout passed, or where idle periods are unknown). Returns a function that cancels it.
 */
export type ScheduleIdle = (work: (idleMs?: number) => void) => () => void;

/** Idle callbacks wait at most this long, so that a busy page still gets scanned. */
const IDLE_TIMEOUT_MS = 500;

/** `requestIdleCallback` where the window has it (Chrome), a zero-delay timeout otherwise. */
export function idleSchedulerFor(win: Window): ScheduleIdle {
  if (typeof win.requestIdleCallback === 'function') {
    return (work) => {
      const handle = win.requestIdleCallback(
        (deadline) => work(deadline.didTimeout ? undefined : deadline.timeRemaining()),
        { timeout: IDLE_TIMEOUT_MS },
      );
      return () => win.cancelIdleCallback(handle);
    };
  }
  return (work) => {
    const handle = win.setTimeout(() => work(), 0);
    return () => win.clearTimeout(handle);
  };
}
