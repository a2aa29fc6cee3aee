import { LinkifyIt } from 'linkify-it';
import { findEmails } from '../lib/email';

/** Milliseconds per repetition for each contender, and how many addresses each found. */
export interface ThroughputSamples {
  findEmails: number[];
  linkify: number[];
  regex: number[];
  found: { findEmails: number; linkify: number; regex: number };
}

/** The lower bound: one plain ASCII regular expression, no validation, no Unicode, no look-alike rules. */
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

function time(work: () => number): { ms: number; found: number } {
  const started = performance.now();
  const found = work();
  return { ms: performance.now() - started, found };
}

/** Runs the three contenders interleaved, `repetitions` times each, after one warm-up round. */
export function measureThroughput(text: string, repetitions: number): ThroughputSamples {
  const linkify = new LinkifyIt();
  const samples: ThroughputSamples = {
    findEmails: [],
    linkify: [],
    regex: [],
    found: { findEmails: 0, linkify: 0, regex: 0 },
  };
  for (let round = -1; round < repetitions; round++) {
    const ours = time(() => findEmails(text).length);
    const peer = time(() => countLinkify(linkify, text));
    const bare = time(() => countBare(text));
    if (round < 0) continue;
    samples.findEmails.push(ours.ms);
    samples.linkify.push(peer.ms);
    samples.regex.push(bare.ms);
    samples.found = { findEmails: ours.found, linkify: peer.found, regex: bare.found };
  }
  return samples;
}
