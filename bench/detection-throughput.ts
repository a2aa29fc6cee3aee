import { LinkifyIt } from 'linkify-it';
import { type EmailMatch, findEmails } from '../lib/email';
import { CLASSES } from '../lib/email/char-classes';

/** The contenders, each timed on the same text in the same rounds. */
export const CONTENDERS = ['findEmails', 'linkify', 'regex', 'sweep', 'floor'] as const;
export type Contender = (typeof CONTENDERS)[number];

/** Milliseconds per run of each contender (one sample per repetition), and what each found. */
export type ThroughputSamples = Record<Contender, number[]> & {
  found: Record<Contender, number>;
  /** Runs timed together per sample: fast contenders repeat so that a sample outlasts the clock's grain. */
  runsPerSample: Record<Contender, number>;
  /** The smallest step of `performance.now()` seen, in ms. */
  clockGrainMs: number;
};

/**
 * A sample lasts about this many ticks of the clock, and at least MIN_SAMPLE_MS. Short samples are rarely
 * preempted, which matters more than anything else on a shared machine: with 5–10 runnable processes per
 * core, a 5 ms sample is nearly always cut by the scheduler and its median measures the load, not the code.
 * Node's clock and a cross-origin-isolated page's tick in microseconds; Chromium coarsens
 * `performance.now()` to 100 µs in other pages, where samples then last 5 ms.
 */
const SAMPLE_TICKS = 50;
const MIN_SAMPLE_MS = 0.25;
const MAX_RUNS = 65_536;
const WARM_UP_MS = 150;

/** The lower bound in expressiveness: one plain ASCII regular expression, no validation, no Unicode. */
const BARE_EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

function countBare(text: string): number {
  BARE_EMAIL.lastIndex = 0;
  let count = 0;
  while (BARE_EMAIL.exec(text)) count++;
  return count;
}

function countLinkify(linkify: LinkifyIt, text: string): number {
  return (linkify.match(text) ?? []).filter((match) => match.schema === 'mailto:').length;
}

/** The memory-bound floor of any detector: find every `@` with indexOf, and nothing else. */
function countAtSigns(text: string): number {
  let count = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) count++;
  return count;
}

/**
 * The floor of any detector that reports what findEmails reports, measured with one that is given the
 * answers: it finds every `@` with indexOf, reads the character on each side of it, reads each character
 * of every reported address once (charCodeAt and a table lookup, as findEmails does) and builds the same
 * results (the address sliced out of the text, its span). It applies no rule, reads nothing outside an
 * address and allocates nothing else. Whatever findEmails costs beyond it is its rules.
 */
function answerFloor(text: string, spans: Int32Array): number {
  const found: EmailMatch[] = [];
  let next = 0;
  let classes = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    classes |= (CLASSES[text.charCodeAt(at - 1) & 255] as number) & (CLASSES[text.charCodeAt(at + 1) & 255] as number);
    if (next < spans.length && (spans[next] as number) < at) {
      const start = spans[next] as number;
      const end = spans[next + 1] as number;
      for (let index = start; index < end; index++) classes |= CLASSES[text.charCodeAt(index) & 255] as number;
      found.push({ email: text.slice(start, end), start, end });
      next += 2;
      at = end - 1;
    }
  }
  return found.length + (classes & 256);
}

/** Milliseconds for `runs` runs of `work`; `sink` keeps the results alive so nothing is optimised away. */
function time(work: () => number, runs: number, sink: { value: number }): number {
  const started = performance.now();
  for (let run = 0; run < runs; run++) sink.value += work();
  return performance.now() - started;
}

/** The smallest step of `performance.now()`, in ms. */
function clockGrain(): number {
  let grain = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 20; attempt++) {
    const started = performance.now();
    let now = started;
    while (now === started) now = performance.now();
    grain = Math.min(grain, now - started);
  }
  return grain;
}

/**
 * Runs per sample so that one sample lasts about `sampleMs`. The time of one run is the smallest of three
 * estimates, each doubling the runs until they last 20 ticks of the clock: a preempted estimate is
 * discarded rather than shrinking every later sample.
 */
function calibrate(work: () => number, sink: { value: number }, sampleMs: number, grainMs: number): number {
  let perRun = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3; attempt++) {
    let runs = 1;
    let ms = time(work, runs, sink);
    while (ms < grainMs * 20 && runs < MAX_RUNS) {
      runs *= 2;
      ms = time(work, runs, sink);
    }
    perRun = Math.min(perRun, ms / runs);
  }
  return Math.max(1, Math.min(MAX_RUNS, Math.ceil(sampleMs / perRun)));
}

/**
 * Times every contender `repetitions` times, interleaved round by round so that a burst of load on the
 * machine hits all of them alike; report medians of the samples.
 */
export function measureThroughput(text: string, repetitions: number): ThroughputSamples {
  const linkify = new LinkifyIt();
  const spans = new Int32Array(findEmails(text).flatMap((match) => [match.start, match.end]));
  const work: Record<Contender, () => number> = {
    findEmails: () => findEmails(text).length,
    linkify: () => countLinkify(linkify, text),
    regex: () => countBare(text),
    sweep: () => countAtSigns(text),
    floor: () => answerFloor(text, spans),
  };
  const sink = { value: 0 };
  // Every contender runs for WARM_UP_MS first, so that each is timed in optimised code and not while the
  // JIT is still compiling it (a 1 MB findEmails run is about 0.15 ms: a few calibration runs are not enough).
  for (const name of CONTENDERS) {
    const started = performance.now();
    while (performance.now() - started < WARM_UP_MS) sink.value += work[name]();
  }
  const samples = Object.fromEntries(CONTENDERS.map((name) => [name, [] as number[]])) as Record<Contender, number[]>;
  const found = Object.fromEntries(CONTENDERS.map((name) => [name, work[name]()])) as Record<Contender, number>;
  const clockGrainMs = clockGrain();
  const sampleMs = Math.max(MIN_SAMPLE_MS, clockGrainMs * SAMPLE_TICKS);
  const runsPerSample = Object.fromEntries(
    CONTENDERS.map((name) => [name, calibrate(work[name], sink, sampleMs, clockGrainMs)]),
  ) as Record<Contender, number>;
  for (let round = 0; round < repetitions; round++) {
    for (const name of CONTENDERS) {
      samples[name].push(time(work[name], runsPerSample[name], sink) / runsPerSample[name]);
    }
  }
  if (sink.value < 0) throw new Error('unreachable: counts are never negative');
  return { ...samples, found, runsPerSample, clockGrainMs };
}
