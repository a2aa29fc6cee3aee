import { describe, expect, it } from 'vitest';
import { makeCorpus } from '../../../bench/detection-corpus';
import { findEmails } from '../../../lib/email';

describe('findEmails on the benchmark corpus', () => {
  it.each([1, 2, 3])('finds exactly the addresses inserted among look-alikes (seed %i)', (seed) => {
    const corpus = makeCorpus(300_000, seed);
    expect(corpus.addresses.length).toBeGreaterThan(50);
    // Precision and recall of 1: every inserted address, in order, and nothing else (no logo@2x.png,
    // package@1.2.3, user@localhost, @handles or URL credentials).
    expect(findEmails(corpus.text).map((match) => match.email)).toEqual(corpus.addresses);
  });
});
