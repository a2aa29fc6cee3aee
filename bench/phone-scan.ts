/**
 * Phone candidate scanning (issue 15) against the email scan of the same text: the 1 MB and 5 MB detection
 * corpora with phone numbers in a dozen written forms added (about 300 per MB). Both scans run in the same
 * rounds, alternating, so machine load touches both alike; the row is the ratio of their medians.
 * Run alone: `npx tsx bench/phone-scan.ts`.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { findEmails } from '../lib/email';
import { findPhoneCandidates } from '../lib/phone/candidates';
import { makeCorpus } from './detection-corpus';
import { type BenchRow, summarize } from './report';

const PHONE_FORMS = [
  '+44 20 7946 0018',
  '(212) 555-0142',
  '020 7946 0018',
  '+1-800-555-0199 ext. 12',
  '06 12 34 56 78',
  '+49 (0)30 1234567',
  '+81 3-1234-5678',
  '212.555.0142',
  '0412 345 678',
  '+91 98765 43210',
  '+55 11 96123-4567',
  '070-123 45 67',
];
const PHONES_PER_MB = 300;
const REPETITIONS = Math.max(5, Number(process.env.KS_BENCH_REPETITIONS) || 9);

/** The corpus text with phone numbers spliced in at word boundaries (deterministic). */
export function corpusWithPhones(bytes: number): { text: string; phones: number } {
  const { text } = makeCorpus(bytes);
  const count = Math.round((PHONES_PER_MB * bytes) / 1_000_000);
  const step = Math.floor(text.length / (count + 1));
  const parts: string[] = [];
  let from = 0;
  for (let i = 1; i <= count; i++) {
    const at = text.indexOf(' ', i * step);
    if (at < 0) break;
    parts.push(text.slice(from, at), ` Tel: ${PHONE_FORMS[i % PHONE_FORMS.length]},`);
    from = at;
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), phones: count };
}

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export function benchPhoneScan(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const megabytes of [1, 5]) {
    const { text, phones } = corpusWithPhones(megabytes * 1_000_000);
    const found = findPhoneCandidates(text).length;
    const emails = findEmails(text).length;
    const phoneSamples: number[] = [];
    const emailSamples: number[] = [];
    // Warm both up, then alternate.
    findPhoneCandidates(text);
    findEmails(text);
    for (let round = 0; round < REPETITIONS; round++) {
      phoneSamples.push(time(() => findPhoneCandidates(text)));
      emailSamples.push(time(() => findEmails(text)));
    }
    const phone = summarize(phoneSamples);
    const email = summarize(emailSamples);
    const load = loadavg()[0]?.toFixed(1) ?? '?';
    rows.push({
      section: 'detection (Node)',
      name: `findPhoneCandidates ${megabytes} MB time against findEmails on the same text (${phones} phones inserted, ${found} candidates; ${emails} addresses; median of ${REPETITIONS}; load ${load} on 2 cores)`,
      value: phone.median,
      unit: 'ms',
      spread: phone.spread,
      baselineName: 'findEmails',
      baseline: email.median,
      ratio: phone.median / email.median,
    });
    rows.push({
      section: 'detection (Node)',
      name: `findPhoneCandidates ${megabytes} MB throughput`,
      value: text.length / 1e6 / (phone.median / 1000),
      unit: 'MB/s',
      baselineName: 'findEmails',
      baseline: text.length / 1e6 / (email.median / 1000),
    });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of benchPhoneScan()) {
    console.log(
      `${row.name}: ${row.value.toFixed(2)} ${row.unit}` +
        (row.baseline === undefined
          ? ''
          : ` vs ${row.baseline.toFixed(2)} (${(row.ratio ?? row.value / row.baseline).toFixed(2)}×)`),
    );
  }
}
