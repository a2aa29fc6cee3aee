// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AddressStatus, type ScanReporter, startPageDetection } from '../../../lib/page-scan';
import { setBody, settle } from './scan-helpers';

function fakeReporter(answer: AddressStatus | undefined = undefined) {
  let statusListener: ((status: AddressStatus) => void) | null = null;
  let stopListener: (() => void) | null = null;
  const reporter = {
    detected: vi.fn<ScanReporter['detected']>().mockResolvedValue(answer),
    activate: vi.fn<ScanReporter['activate']>(),
    onStatus: vi.fn((listener: (status: AddressStatus) => void) => {
      statusListener = listener;
      return () => {
        statusListener = null;
      };
    }),
    onStop: vi.fn((listener: () => void) => {
      stopListener = listener;
      return () => {
        stopListener = null;
      };
    }),
  } satisfies ScanReporter;
  return { reporter, push: (status: AddressStatus) => statusListener?.(status), stop: () => stopListener?.() };
}

afterEach(() => setBody(''));

describe('page detection', () => {
  it('reports the page’s addresses with its URL', async () => {
    setBody('<p>ada@x.com</p><a href="mailto:bob@y.org">Bob</a>');
    const { reporter } = fakeReporter();
    const controller = new AbortController();
    startPageDetection({ document, signal: controller.signal, reporter, onStopRequested: () => controller.abort() });
    await vi.waitFor(() => expect(reporter.detected).toHaveBeenCalled(), { timeout: 2000 });
    expect(reporter.detected).toHaveBeenCalledWith(['ada@x.com', 'bob@y.org'], document.location.href);
    controller.abort();
  });

  it('reports again when the page changes', async () => {
    setBody('<p>ada@x.com</p>');
    const { reporter } = fakeReporter();
    const controller = new AbortController();
    const { scan } = startPageDetection({
      document,
      signal: controller.signal,
      reporter,
      onStopRequested: vi.fn(),
      isAgentEvent: () => true,
    });
    await vi.waitFor(() => expect(reporter.detected).toHaveBeenCalledTimes(1), { timeout: 2000 });
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'late@x.com' }));
    await settle(scan);
    await vi.waitFor(() => expect(reporter.detected).toHaveBeenCalledTimes(2), { timeout: 2000 });
    expect(reporter.detected).toHaveBeenLastCalledWith(['ada@x.com', 'late@x.com'], document.location.href);
    controller.abort();
  });

  it('has the highlighter move its marks when the page changes, even without new addresses', async () => {
    setBody('<p>ada@x.com</p><div id="feed"></div>');
    const { reporter } = fakeReporter();
    const controller = new AbortController();
    const { scan, highlighter } = startPageDetection({
      document,
      signal: controller.signal,
      reporter,
      onStopRequested: vi.fn(),
    });
    await settle(scan);
    const relayout = vi.spyOn(highlighter, 'relayout');
    (document.getElementById('feed') as HTMLElement).append('News without any address');
    await settle(scan);
    expect(relayout).toHaveBeenCalledTimes(1);
    controller.abort();
  });

  it('forwards clicks on an address to the reporter', async () => {
    setBody('<span id="chip" email="ada@x.com">Ada</span>');
    const { reporter } = fakeReporter();
    const controller = new AbortController();
    const { scan } = startPageDetection({
      document,
      signal: controller.signal,
      reporter,
      onStopRequested: vi.fn(),
      isAgentEvent: () => true,
    });
    await settle(scan);
    (document.getElementById('chip') as HTMLElement).click();
    expect(reporter.activate).toHaveBeenCalledWith('ada@x.com', 'click');
    controller.abort();
  });

  it('does not forward clicks on addresses the agent chose never to look up', async () => {
    setBody('<span id="chip" email="ada@x.com">Ada</span>');
    const { reporter, push } = fakeReporter();
    const controller = new AbortController();
    const { scan } = startPageDetection({
      document,
      signal: controller.signal,
      reporter,
      onStopRequested: vi.fn(),
      isAgentEvent: () => true,
    });
    await settle(scan);
    push({ known: new Set(), ignored: new Set(['ada@x.com']) });
    (document.getElementById('chip') as HTMLElement).click();
    expect(reporter.activate).not.toHaveBeenCalled();
    controller.abort();
  });

  it('asks its owner to stop when the background says so, and unsubscribes once stopped', async () => {
    setBody('<p>ada@x.com</p>');
    const { reporter, stop } = fakeReporter();
    const controller = new AbortController();
    const onStopRequested = vi.fn(() => controller.abort());
    startPageDetection({ document, signal: controller.signal, reporter, onStopRequested });
    stop();
    expect(onStopRequested).toHaveBeenCalledOnce();
    stop();
    expect(onStopRequested).toHaveBeenCalledOnce();
  });
});
