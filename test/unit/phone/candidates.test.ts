import { describe, expect, it } from 'vitest';
import { findPhoneCandidates, findPhones, phoneKey, toE164 } from '../../../lib/phone';

const spans = (text: string) => findPhoneCandidates(text).map(({ start, end }) => text.slice(start, end));

describe('findPhoneCandidates', () => {
  it.each([
    ['Call (212) 555-0142 today', ['(212) 555-0142']],
    ['(020 7946 0018).', ['020 7946 0018']],
    ['+1-800-555-0199 ext. 12', ['+1-800-555-0199']],
    ['+49 (0)30 1234567', ['+49 (0)30 1234567']],
    ['a 020 7946 0018, b 06 12 34 56 78', ['020 7946 0018', '06 12 34 56 78']],
    ['Tel:+44 20 7946 0018', ['+44 20 7946 0018']],
  ])('finds the span of %j', (text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  it('takes a run glued to a word as a whole and rejects it (a tracking number is not cut into a phone)', () => {
    expect(spans('1Z 999 AA1 01 2345 6784')).toEqual([]);
  });

  it('stays linear on adversarial input', () => {
    const inputs = ['1 ', '1-', '(1', '+1', '1.', '12 (3) ', '0'].map((unit) => unit.repeat(20_000));
    // Best of 5 for each: the machine is shared, and one descheduled run must not fail the test.
    const best = (run: () => void) =>
      Math.min(
        ...[0, 1, 2, 3, 4].map(() => {
          const started = performance.now();
          run();
          return performance.now() - started;
        }),
      );
    for (const input of inputs) {
      const small = input.slice(0, input.length / 8);
      const smallTime = best(() => {
        for (let i = 0; i < 8; i++) findPhoneCandidates(small);
      });
      const bigTime = best(() => findPhoneCandidates(input));
      // A quadratic scan of 40,000 characters takes seconds; a linear one about what 8 scans of an eighth
      // cost (quadratic: 8× that). 3× slack and 20 ms for a loaded machine.
      expect(bigTime).toBeLessThan(300);
      expect(bigTime).toBeLessThan(3 * smallTime + 20);
    }
  });
});

describe('phoneKey and toE164', () => {
  it.each([
    ['+49 (0)30 1234567', '+49301234567'],
    ['(212) 555-0142', '2125550142'],
    ['+44 20 7946 0018', '+442079460018'],
    ['0044 20 7946 0018', '00442079460018'],
  ])('keys %j as %j', (raw, key) => {
    expect(phoneKey(raw)).toBe(key);
  });

  it('reads national numbers in the default country and international ones whatever it is', () => {
    expect(toE164('020 7946 0018', 'GB')).toBe('+442079460018');
    expect(toE164('020 7946 0018', 'FR')).toBeNull();
    expect(toE164('+44 20 7946 0018', 'US')).toBe('+442079460018');
    expect(toE164('not a number', 'US')).toBeNull();
  });

  it('gives spans, raw text and E.164', () => {
    expect(findPhones('Ring 020 7946 0018 now', 'GB')).toEqual([
      { start: 5, end: 18, raw: '020 7946 0018', e164: '+442079460018' },
    ]);
  });
});
