import { describe, expect, it } from 'vitest';
import { findPhoneCandidates, findPhones } from '../../../lib/phone';
import { NEGATIVES, type PhoneCase, POSITIVES } from './corpus';

const GOAL = 0.98;

/** Counts found numbers against expected ones (by E.164, per case). */
function score(cases: readonly PhoneCase[]) {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const misses: string[] = [];
  for (const [text, country, expected] of cases) {
    const found = findPhones(text, country).map((match) => match.e164);
    const wanted = [...expected];
    for (const e164 of found) {
      const at = wanted.indexOf(e164);
      if (at >= 0) {
        truePositives++;
        wanted.splice(at, 1);
      } else {
        falsePositives++;
        misses.push(`false positive ${e164} in ${JSON.stringify(text)} (${country})`);
      }
    }
    falseNegatives += wanted.length;
    for (const e164 of wanted) misses.push(`missed ${e164} in ${JSON.stringify(text)} (${country})`);
  }
  const precision = truePositives / (truePositives + falsePositives);
  const recall = truePositives / (truePositives + falseNegatives);
  return { truePositives, falsePositives, falseNegatives, precision, recall, misses };
}

describe('phone corpus', () => {
  const all = [...POSITIVES, ...NEGATIVES];
  const countries = new Set(POSITIVES.map(([, country]) => country));

  it('holds at least 150 cases over at least 12 countries', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(countries.size).toBeGreaterThanOrEqual(12);
  });

  it(`finds phone numbers with precision and recall of at least ${GOAL}`, () => {
    const result = score(all);
    console.log(
      `phone corpus: ${all.length} cases, ${countries.size} countries; precision ${result.precision.toFixed(3)}, ` +
        `recall ${result.recall.toFixed(3)} (${result.truePositives} found, ${result.falsePositives} false, ` +
        `${result.falseNegatives} missed)${result.misses.map((miss) => `\n  ${miss}`).join('')}`,
    );
    // The content script's cheap pass alone (no library): how many look-alikes reach the background at all.
    const negativeCandidates = NEGATIVES.filter(([text]) => findPhoneCandidates(text).length > 0).length;
    console.log(`candidates (no library): ${negativeCandidates} of ${NEGATIVES.length} look-alike cases give one`);
    expect(result.precision).toBeGreaterThanOrEqual(GOAL);
    expect(result.recall).toBeGreaterThanOrEqual(GOAL);
  });
});
