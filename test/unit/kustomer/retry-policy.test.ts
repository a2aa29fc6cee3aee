import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isRepeatable,
  parseRateLimitReset,
  parseRetryAfter,
  rateLimitWait,
  readRateLimitHeaders,
} from '../../../lib/kustomer/retry-policy';

const NOW = Date.UTC(2026, 10, 25, 15, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['12', 12_000],
    ['0', 0],
    ['1.5', 1_500],
    ['Wed, 25 Nov 2026 15:00:30 GMT', 30_000],
    ['Wed, 25 Nov 2026 14:59:00 GMT', 0],
    ['soon', undefined],
    ['-3', undefined],
    ['', undefined],
    [null, undefined],
  ])('reads %o as %o ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('parseRateLimitReset', () => {
  it.each([
    [String(NOW / 1000 + 20), NOW + 20_000],
    ['7', NOW + 7_000],
    ['nope', undefined],
    [null, undefined],
  ])('reads %o as epoch ms %o', (value, expected) => {
    expect(parseRateLimitReset(value, NOW)).toBe(expected);
  });
});

describe('rateLimitWait', () => {
  it('prefers Retry-After over the reset header', () => {
    const headers = new Headers({ 'retry-after': '3', 'x-ratelimit-reset': String(NOW / 1000 + 20) });
    expect(rateLimitWait(headers, NOW)).toBe(3_000);
  });

  it('waits until x-ratelimit-reset without Retry-After', () => {
    expect(rateLimitWait(new Headers({ 'x-ratelimit-reset': String(NOW / 1000 + 20) }), NOW)).toBe(20_000);
  });

  it('says nothing when neither header is there', () => {
    expect(rateLimitWait(new Headers(), NOW)).toBeUndefined();
  });
});

describe('readRateLimitHeaders', () => {
  it('reads limit, remaining and reset', () => {
    const headers = new Headers({
      'x-ratelimit-limit': '300',
      'x-ratelimit-remaining': '17',
      'x-ratelimit-reset': String(NOW / 1000 + 5),
    });
    expect(readRateLimitHeaders(headers, NOW)).toEqual({ limit: 300, remaining: 17, resetAt: NOW + 5_000 });
  });
});

describe('backoffDelay', () => {
  it.each([
    [0, 0, 250],
    [0, 1, 500],
    [3, 0.5, 3_000],
    [10, 1, 30_000],
  ])('attempt %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, () => random)).toBe(expected);
  });
});

describe('isRepeatable', () => {
  it.each([
    ['GET', false, true],
    ['PUT', false, true],
    ['PATCH', false, true],
    ['DELETE', false, true],
    ['POST', false, false],
    ['POST', true, true],
  ] as const)('%s (idempotent: %s) → %s', (method, idempotent, expected) => {
    expect(isRepeatable(method, idempotent)).toBe(expected);
  });
});
