import { type AddressStatus, createHighlighter, type Highlighter, type HighlighterOptions } from './highlighter';
import { createOccurrenceIndex } from './occurrence-index';
import { type PageScan, startPageScan } from './page-scanner';
import type { ScanReporter } from './reporter';
import { statusApplyTime } from './status-cadence';
import { LEAK_LATE_MS, timingLeak } from './timing-leak';

/** Most addresses one report carries (the protocol's MAX_EMAILS_PER_REPORT). */
const MAX_REPORTED = 2000;
/** Longest page URL the protocol accepts. */
const MAX_URL_LENGTH = 8192;

export interface PageDetectionOptions {
  document: Document;
  /** Aborting (extension reload, detection turned off) removes every trace from the page. */
  signal: AbortSignal;
  reporter: ScanReporter;
  /** Called when the background asks to stop; the caller aborts `signal`. */
  onStopRequested: () => void;
  /** Phone numbers are detected too (keys `tel:<digits>` in reports and activations). */
  phones?: boolean;
  /** Which pointer events count (see {@link HighlighterOptions.isAgentEvent}); trusted ones by default. */
  isAgentEvent?: (event: Event) => boolean;
}

export interface PageDetection {
  scan: PageScan;
  highlighter: Highlighter;
}

/** Scans the page, highlights what it finds, reports addresses and forwards clicks and hovers. */
export function startPageDetection(options: PageDetectionOptions): PageDetection {
  const { document, signal, reporter } = options;
  let reportVersion = 0;
  /** When the last report was sent (pushed statuses are held from it too). */
  let lastSentAt = performance.now();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** Applies a status at the time `statusApplyTime` fixes, whatever the lookup's latency. */
  const applyLater = (sentAt: number, status: AddressStatus, apply: () => void) => {
    const leaky = timingLeak() === 'time';
    const delay = leaky
      ? status.known.size > 0
        ? LEAK_LATE_MS
        : 0
      : statusApplyTime(sentAt, performance.now()) - performance.now();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!signal.aborted) apply();
    }, delay);
    timers.add(timer);
  };
  const index = createOccurrenceIndex();
  const highlighter = createHighlighter(document, {
    index,
    signal,
    onActivate: (email, how) => reporter.activate(email, how),
    ...(options.isAgentEvent ? { isAgentEvent: options.isAgentEvent } : {}),
  });
  const scan = startPageScan({
    document,
    signal,
    index,
    phones: options.phones === true,
    onOccurrencesChanged: (delta) => highlighter.apply(delta),
    onMutations: () => highlighter.relayout(),
    onEmailsChanged: ({ emails }) => {
      const version = ++reportVersion;
      const sentAt = performance.now();
      lastSentAt = sentAt;
      reporter
        .detected(emails.slice(0, MAX_REPORTED), document.location.href.slice(0, MAX_URL_LENGTH))
        .then((status) => {
          // An older answer must not overwrite the colours of a newer report.
          if (status)
            applyLater(sentAt, status, () => {
              if (version === reportVersion) highlighter.setStatus(status);
            });
        })
        .catch(() => undefined);
    },
  });
  const unsubscribeStatus = reporter.onStatus((status) =>
    applyLater(lastSentAt, status, () => highlighter.setStatus(status)),
  );
  const unsubscribeStop = reporter.onStop(() => options.onStopRequested());
  signal.addEventListener(
    'abort',
    () => {
      unsubscribeStatus();
      unsubscribeStop();
    },
    { once: true },
  );
  return { scan, highlighter };
}
