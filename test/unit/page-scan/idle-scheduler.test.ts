import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleSchedulerFor } from '../../../lib/page-scan/idle-scheduler';

/**
 * A window with a hand-driven `requestIdleCallback`: `idle(ms)` hands the pending callback an idle period,
 * `timeOut()` runs it as timed out. Scroll events and the clock are real (`EventTarget`, fake timers).
 */
function fakeWindow() {
  const target = new EventTarget();
  let pending: { run: (deadline: IdleDeadline) => void; timeout: number } | undefined;
  let cancelled = 0;
  const win = Object.assign(target, {
    performance: { now: () => Date.now() },
    requestIdleCallback(run: (deadline: IdleDeadline) => void, options?: IdleRequestOptions) {
      pending = { run, timeout: options?.timeout ?? Number.POSITIVE_INFINITY };
      return 1;
    },
    cancelIdleCallback() {
      cancelled++;
      pending = undefined;
    },
    setTimeout,
    clearTimeout,
  });
  const take = () => {
    const next = pending;
    pending = undefined;
    if (!next) throw new Error('no idle callback requested');
    return next;
  };
  return {
    win: win as unknown as Window,
    scroll: () => target.dispatchEvent(new Event('scroll')),
    idle: (ms: number) => take().run({ didTimeout: false, timeRemaining: () => ms }),
    timeOut: () => take().run({ didTimeout: true, timeRemaining: () => 0 }),
    requestedTimeout: () => pending?.timeout,
    isPending: () => pending !== undefined,
    cancelled: () => cancelled,
  };
}

describe('idleSchedulerFor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000);
  });
  afterEach(() => vi.useRealTimers());

  it('runs the work in an idle period, with the time left in it', () => {
    const page = fakeWindow();
    const work = vi.fn();
    idleSchedulerFor(page.win)(work);
    expect(page.requestedTimeout()).toBe(500);
    page.idle(12);
    expect(work).toHaveBeenCalledWith(12);
  });

  it('runs the work without an idle period once the timeout passed (a busy page still gets scanned)', () => {
    const page = fakeWindow();
    const work = vi.fn();
    idleSchedulerFor(page.win)(work);
    page.timeOut();
    expect(work).toHaveBeenCalledOnce();
    expect(work.mock.calls[0]?.[0]).toBeUndefined();
  });

  it('leaves the idle periods of a scrolling page to its frames, and runs once the scroll stopped', () => {
    const page = fakeWindow();
    const work = vi.fn();
    idleSchedulerFor(page.win)(work);
    page.scroll();
    vi.advanceTimersByTime(16);
    page.idle(10);
    expect(work).not.toHaveBeenCalled();
    // Asked again, within what is left of the first request's timeout.
    expect(page.requestedTimeout()).toBe(500 - 16);
    vi.advanceTimersByTime(100);
    page.scroll();
    vi.advanceTimersByTime(100);
    page.idle(10);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    page.idle(9);
    expect(work).toHaveBeenCalledExactlyOnceWith(9);
  });

  it('still runs the work when the page scrolls for longer than the timeout', () => {
    const page = fakeWindow();
    const work = vi.fn();
    idleSchedulerFor(page.win)(work);
    for (let frame = 0; frame < 10; frame++) {
      vi.advanceTimersByTime(16);
      page.scroll();
      page.idle(8);
    }
    expect(work).not.toHaveBeenCalled();
    page.timeOut();
    expect(work).toHaveBeenCalledOnce();
    expect(work.mock.calls[0]?.[0]).toBeUndefined();
  });

  it('cancels the request it holds, also after asking again', () => {
    const page = fakeWindow();
    const work = vi.fn();
    const cancel = idleSchedulerFor(page.win)(work);
    page.scroll();
    page.idle(10);
    expect(page.isPending()).toBe(true);
    cancel();
    expect(page.isPending()).toBe(false);
    expect(work).not.toHaveBeenCalled();
  });

  it('stops listening to scrolls when its signal aborts', () => {
    const page = fakeWindow();
    const controller = new AbortController();
    const work = vi.fn();
    idleSchedulerFor(page.win, controller.signal)(work);
    controller.abort();
    page.scroll();
    page.idle(10);
    // No listener is left to hear the scroll: the idle period is used.
    expect(work).toHaveBeenCalledWith(10);
  });
});
