/**
 * Bundled by bench/detection.ts and run in a Chromium page (main world): the scanner and highlighter are
 * the same code the content script runs in its isolated world.
 */
import { createHighlighter, createOccurrenceIndex, type OccurrenceIndex, startPageScan } from '../lib/page-scan';
import type { ScheduleIdle } from '../lib/page-scan/idle-scheduler';
import { measureThroughput, type ThroughputSamples } from './detection-throughput';

/** What one measured scan did. */
export interface ScanMeasure {
  /** Longest slice of scanner work (one idle callback), in ms. */
  longestTaskMs: number;
  /** 95th percentile of slice durations, in ms (less sensitive to the machine's other load). */
  p95TaskMs: number;
  /** Sum of all slices: the scanner's main-thread time. */
  workMs: number;
  slices: number;
  /** Tasks of 50 ms or more reported by PerformanceObserver('longtask') while scanning. */
  longTasks: number;
  textNodesScanned: number;
  emails: number;
}

export interface BrowserBench {
  throughput(text: string, repetitions: number): ThroughputSamples;
  /** Starts a scan with highlights on this page and waits until it is done. */
  scan(): Promise<ScanMeasure>;
  /** Adds `rows` rows of 5 nodes to the scanned page and measures the incremental work. */
  addRows(rows: number): Promise<ScanMeasure>;
  /** Stops the current scan (removes highlights). */
  stop(): void;
}

declare global {
  interface Window {
    detectionBench: BrowserBench;
  }
}

let current: {
  controller: AbortController;
  whenIdle: () => Promise<void>;
  stats: { textNodesScanned: number };
  index: OccurrenceIndex;
} | null = null;
const work = { longest: 0, total: 0, slices: 0, durations: [] as number[] };

const measuredIdle: ScheduleIdle = (task) => {
  const handle = requestIdleCallback(
    () => {
      const started = performance.now();
      task();
      const elapsed = performance.now() - started;
      work.longest = Math.max(work.longest, elapsed);
      work.total += elapsed;
      work.slices++;
      work.durations.push(elapsed);
    },
    { timeout: 500 },
  );
  return () => cancelIdleCallback(handle);
};

async function measure(run: () => Promise<void>): Promise<ScanMeasure> {
  work.longest = 0;
  work.total = 0;
  work.slices = 0;
  work.durations = [];
  let longTasks = 0;
  const observer = new PerformanceObserver((list) => {
    longTasks += list.getEntries().length;
  });
  observer.observe({ type: 'longtask' });
  const textBefore = current?.stats.textNodesScanned ?? 0;
  await run();
  // Long-task entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const sorted = [...work.durations].sort((a, b) => a - b);
  return {
    longestTaskMs: work.longest,
    p95TaskMs: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0,
    workMs: work.total,
    slices: work.slices,
    longTasks,
    textNodesScanned: (current?.stats.textNodesScanned ?? 0) - textBefore,
    emails: current?.index.size ?? 0,
  };
}

window.detectionBench = {
  throughput: measureThroughput,
  scan: () =>
    measure(async () => {
      current?.controller.abort();
      const controller = new AbortController();
      const index = createOccurrenceIndex();
      const highlighter = createHighlighter(document, { index, signal: controller.signal, onActivate: () => {} });
      const scan = startPageScan({
        document,
        signal: controller.signal,
        index,
        scheduleIdle: measuredIdle,
        onOccurrencesChanged: highlighter.apply,
      });
      current = { controller, whenIdle: scan.whenIdle, stats: scan.stats, index };
      await scan.whenIdle();
    }),
  addRows: (rows) =>
    measure(async () => {
      const section = document.createElement('section');
      for (let i = 0; i < rows; i++) {
        const row = document.createElement('div');
        const name = document.createElement('span');
        name.textContent = `Added ${i}`;
        const detail = document.createElement('span');
        detail.textContent = i === 0 ? `added-${Date.now()}@example.com` : `status ${i}`;
        row.append(name, detail);
        section.append(row);
      }
      document.body.append(section);
      // Let the MutationObserver deliver, then wait for the scanner to drain its queue.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await current?.whenIdle();
    }),
  stop: () => {
    current?.controller.abort();
    current = null;
  },
};
