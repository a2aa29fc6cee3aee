import { LinkifyIt } from 'linkify-it';
import { findEmails } from '../lib/email';
import { CLASSES, DOMAIN, LOCAL } from '../lib/email/char-classes';

/** The contenders, each timed on the same text in the same rounds. */
export const CONTENDERS = ['findEmails', 'linkify', 'regex', 'sweep', 'expand'] as const;
export type Contender = (typeof CONTENDERS)[number];

/** Milliseconds per run of each contender (one sample per repetition), and what each found. */
export type ThroughputSamples = Record<Contender, number[]> & {
  found: Record<Contender, number>;
  /** Runs timed together per sample: fast contenders repeat so that a sample outlasts the clock's grain. */
  runsPerSample: Record<Contender, number>;
};

/**
 * A sample lasts at least this long. Chromium coarsens `performance.now()` to 100 µs in pages that are
 * not cross-origin isolated, and the `@` sweep of 1 MB takes about 20 µs: timed alone it would read 0.
 */
const SAMPLE_MS = 5;
const MAX_RUNS = 65_536;

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
 * The floor of findEmails' own design: the sweep plus reading the characters around each `@` through the
 * same class table (ASCII and Latin-1 only), with no validation and no results. What findEmails costs
 * beyond this is its rules; what this costs beyond the sweep is reading the candidates at all.
 */
function expandOnly(text: string): number {
  let characters = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && ((CLASSES[text.charCodeAt(start - 1)] ?? 0) & LOCAL) !== 0) start--;
    let end = at + 1;
    while (end < text.length && ((CLASSES[text.charCodeAt(end)] ?? 0) & DOMAIN) !== 0) end++;
    characters += end - start;
  }
  return characters;
}

/** Milliseconds for `runs` runs of `work`; `sink` keeps the results alive so nothing is optimised away. */
function time(work: () => number, runs: number, sink: { value: number }): number {
  const started = performance.now();
  for (let run = 0; run < runs; run++) sink.value += work();
  return performance.now() - started;
}

/**
 * Runs per sample so that one sample lasts about SAMPLE_MS. The time of one run is the smallest of three
 * estimates, each doubling the runs until they last 1 ms (ten ticks of Chromium's clock): a preempted
 * estimate is discarded rather than shrinking every later sample. The first estimate also warms the JIT.
 */
function calibrate(work: () => number, sink: { value: number }): number {
  let perRun = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3; attempt++) {
    let runs = 1;
    let ms = time(work, runs, sink);
    while (ms < 1 && runs < MAX_RUNS) {
      runs *= 2;
      ms = time(work, runs, sink);
    }
    perRun = Math.min(perRun, ms / runs);
  }
  return Math.max(1, Math.min(MAX_RUNS, Math.ceil(SAMPLE_MS / perRun)));
}

/**
 * Times every contender `repetitions` times, interleaved round by round so that a burst of load on the
 * machine hits all of them alike; report medians of the samples.
 */
export function measureThroughput(text: string, repetitions: number): ThroughputSamples {
  const linkify = new LinkifyIt();
  const work: Record<Contender, () => number> = {
    findEmails: () => findEmails(text).length,
    linkify: () => countLinkify(linkify, text),
    regex: () => countBare(text),
    sweep: () => countAtSigns(text),
    expand: () => expandOnly(text),
  };
  const sink = { value: 0 };
  const samples = Object.fromEntries(CONTENDERS.map((name) => [name, [] as number[]])) as Record<Contender, number[]>;
  const found = Object.fromEntries(CONTENDERS.map((name) => [name, work[name]()])) as Record<Contender, number>;
  const runsPerSample = Object.fromEntries(CONTENDERS.map((name) => [name, calibrate(work[name], sink)])) as Record<
    Contender,
    number
  >;
  for (let round = 0; round < repetitions; round++) {
    for (const name of CONTENDERS) {
      samples[name].push(time(work[name], runsPerSample[name], sink) / runsPerSample[name]);
    }
  }
  if (sink.value < 0) throw new Error('unreachable: counts are never negative');
  return { ...samples, found, runsPerSample };
}
