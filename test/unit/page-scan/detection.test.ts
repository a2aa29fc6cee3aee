// @vitest-environment happy-dom

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type AddressStatus,
  type PageDetectionOptions,
  type ScanReporter,
  startPageDetection,
} from '../../../lib/page-scan';
import { STATUS_HOLD_MS } from '../../../lib/page-scan/status-cadence';
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

const running = new Set<AbortController>();

/**
 * Starts detection on a page with `html`, reporting to a fake background; the agent's events are trusted
 * unless `options` says otherwise. Stopped after each test.
 */
function detect(html: string, options: Partial<PageDetectionOptions> = {}) {
  setBody(html);
  const fake = fakeReporter();
  const controller = new AbortController();
  running.add(controller);
  const detection = startPageDetection({
    document,
    signal: controller.signal,
    reporter: fake.reporter,
    onStopRequested: vi.fn(),
    isAgentEvent: () => true,
    ...options,
  });
  return { ...fake, ...detection, controller };
}

afterEach(() => {
  for (const controller of running) controller.abort();
  running.clear();
  setBody('');
});

describe('page detection', () => {
  it('reports the page’s addresses with its URL', async () => {
    const { reporter } = detect('<p>ada@x.com</p><a href="mailto:bob@y.org">Bob</a>');
    await vi.waitFor(() => expect(reporter.detected).toHaveBeenCalled(), { timeout: 2000 });
    expect(reporter.detected).toHaveBeenCalledWith(['ada@x.com', 'bob@y.org'], document.location.href);
  });

  it('reports again when the page changes', async () => {
    const { reporter, scan } = detect('<p>ada@x.com</p>');
    await vi.waitFor(() => expect(reporter.detected).toHaveBeenCalledTimes(1), { timeout: 2000 });
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'late@x.com' }));
    await settle(scan);
    await vi.waitFor(() => expect(reporter.detected).toHaveBeenCalledTimes(2), { timeout: 2000 });
    expect(reporter.detected).toHaveBeenLastCalledWith(['ada@x.com', 'late@x.com'], document.location.href);
  });

  it('has the highlighter move its marks when the page changes, even without new addresses', async () => {
    const { scan, highlighter } = detect('<p>ada@x.com</p><div id="feed"></div>');
    await settle(scan);
    const relayout = vi.spyOn(highlighter, 'relayout');
    (document.getElementById('feed') as HTMLElement).append('News without any address');
    await settle(scan);
    expect(relayout).toHaveBeenCalledTimes(1);
  });

  it('forwards clicks on an address to the reporter', async () => {
    const { reporter, scan } = detect('<a id="chip" href="mailto:ada@x.com">Ada</a>');
    await settle(scan);
    (document.getElementById('chip') as HTMLElement).click();
    expect(reporter.activate).toHaveBeenCalledWith('ada@x.com', 'click');
  });

  it('does not forward clicks on addresses the agent chose never to look up', async () => {
    const { reporter, push, scan } = detect('<a id="chip" href="mailto:ada@x.com">Ada</a>');
    await settle(scan);
    push({ known: new Set(), ignored: new Set(['ada@x.com']) });
    // Statuses apply a fixed time after the report, whatever the lookup's latency (status-cadence.ts).
    await new Promise((resolve) => setTimeout(resolve, STATUS_HOLD_MS + 20));
    (document.getElementById('chip') as HTMLElement).click();
    expect(reporter.activate).not.toHaveBeenCalled();
  });

  it('asks its owner to stop when the background says so, and unsubscribes once stopped', () => {
    const onStopRequested = vi.fn();
    const { stop, controller } = detect('<p>ada@x.com</p>', { onStopRequested });
    onStopRequested.mockImplementation(() => controller.abort());
    stop();
    expect(onStopRequested).toHaveBeenCalledOnce();
    stop();
    expect(onStopRequested).toHaveBeenCalledOnce();
  });
});
