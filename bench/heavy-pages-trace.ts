/**
 * Where a heavy page's frame time goes, from Chromium's own trace (CDP `Tracing`, categories
 * `devtools.timeline`, `blink`, `cc`, `viz`): the main-thread rendering steps (style, layout, pre-paint,
 * paint, layerize, commit, hit tests), scripts and raster, summed over a scroll and divided by the frames the
 * page drew in it. The heavy-pages bench traces the same scroll without and with the extension, so a ratio
 * names the step the extension makes expensive.
 */
import type { Page } from 'playwright-core';

const CATEGORIES = [
  'devtools.timeline',
  'blink',
  'blink.user_timing',
  'cc',
  'viz',
  'disabled-by-default-devtools.timeline',
];

/** Trace event names summed per step (the renderer's main thread, except raster). */
export const STEPS = {
  style: ['UpdateLayoutTree'],
  layout: ['Layout'],
  prePaint: ['PrePaint'],
  paint: ['Paint'],
  layerize: ['Layerize'],
  commit: ['Commit'],
  hitTest: ['HitTest'],
  script: ['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame'],
  raster: ['RasterTask'],
} as const;

export type Step = keyof typeof STEPS;

/** Milliseconds per drawn frame for each step, plus the frames and the compositing layers seen. */
export interface FrameCost {
  frames: number;
  perFrame: Record<Step, number>;
  /** Largest number of composited layers a Layerize reported, if the trace says (0 when unknown). */
  layers: number;
}

/** One event of a Chromium trace (the fields the heavy-pages tools read). */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs. */
  tdur?: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> };
}

/** Runs `work` under a Chromium trace of `categories` (CDP `Tracing`) and answers the trace's events. */
export async function recordTrace(
  page: Page,
  categories: readonly string[],
  work: () => Promise<unknown>,
): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const event of value as unknown as TraceEvent[]) events.push(event);
  });
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: [...categories], recordMode: 'recordContinuously' },
  });
  await work();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return events;
}

/**
 * Traces `scroll` (which resolves with the frames the page counted) and sums each step's time on the page's
 * renderer. The renderer is the process that recorded the `heavy-trace` user-timing mark the page makes first.
 */
export async function traceFrameCost(page: Page, scroll: () => Promise<number>): Promise<FrameCost> {
  let frames = 0;
  const events = await recordTrace(page, CATEGORIES, async () => {
    await page.evaluate(() => performance.mark('heavy-trace'));
    frames = await scroll();
  });
  return summarize(events, frames);
}

function summarize(events: TraceEvent[], frames: number): FrameCost {
  const mark = events.find((event) => event.name === 'heavy-trace');
  const pid = mark?.pid;
  const mainThread = events.find(
    (event) =>
      event.pid === pid && event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  )?.tid;
  const totals = Object.fromEntries(Object.keys(STEPS).map((step) => [step, 0])) as Record<Step, number>;
  const stepOf = new Map<string, Step>();
  for (const [step, names] of Object.entries(STEPS)) for (const name of names) stepOf.set(name, step as Step);
  const open = new Map<string, number[]>();
  let layers = 0;
  for (const event of events) {
    if (event.pid !== pid) continue;
    const step = stepOf.get(event.name);
    if (!step) continue;
    if (step !== 'raster' && event.tid !== mainThread) continue;
    if (event.name === 'Layerize') {
      const count = Number((event.args?.data as { layerCount?: number } | undefined)?.layerCount ?? 0);
      layers = Math.max(layers, count);
    }
    if (event.ph === 'X') totals[step] += (event.dur ?? 0) / 1000;
    else if (event.ph === 'B') {
      const key = `${event.tid}:${event.name}`;
      open.set(key, [...(open.get(key) ?? []), event.ts]);
    } else if (event.ph === 'E') {
      const started = open.get(`${event.tid}:${event.name}`)?.pop();
      if (started !== undefined) totals[step] += (event.ts - started) / 1000;
    }
  }
  const perFrame = Object.fromEntries(
    Object.entries(totals).map(([step, ms]) => [step, frames > 0 ? ms / frames : 0]),
  ) as Record<Step, number>;
  return { frames, perFrame, layers };
}
