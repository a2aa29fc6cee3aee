import { describe, expect, it } from 'vitest';
import {
  attributeText,
  initials,
  parseAttributeInput,
  readableText,
  relativeTime,
  secondsLeft,
} from '../../../lib/ui/format';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('relativeTime', () => {
  it.each([
    ['2026-03-10T11:59:40Z', 'just now'],
    ['2026-03-10T11:55:00Z', '5 minutes ago'],
    ['2026-03-10T09:00:00Z', '3 hours ago'],
    ['2026-03-09T12:00:00Z', 'yesterday'],
    ['2026-02-24T12:00:00Z', '2 weeks ago'],
    ['2025-03-10T12:00:00Z', 'last year'],
    ['2026-03-12T12:00:00Z', 'in 2 days'],
    ['not a date', ''],
    ['', ''],
  ])('describes %s as "%s"', (iso, expected) => {
    expect(relativeTime(iso, NOW)).toBe(expected);
  });
});

describe('initials', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['Grace Brewster Murray Hopper', 'GH'],
    ['ada.lovelace@example.com', 'AL'],
    ['cher', 'C'],
    ['émile zola', 'ÉZ'],
    ['   ', '?'],
  ])('gives %s the initials %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});

describe('attribute values', () => {
  it.each([
    [{ type: 'Bool', value: true }, 'Yes'],
    [{ type: 'Bool', value: false }, 'No'],
    [{ type: 'Num', value: 12500 }, '12,500'],
    [{ type: 'Str', value: null }, '—'],
    [{ type: 'Str', value: 'Gold' }, 'Gold'],
  ] as const)('shows %o as %s', (partial, expected) => {
    expect(attributeText({ key: 'k', label: 'K', ...partial })).toBe(expected);
  });

  it.each([
    ['Num', ' 42.5 ', 42.5],
    ['Num', '', null],
    ['Bool', 'true', true],
    ['Bool', 'false', false],
    ['Str', '  Gold ', 'Gold'],
    ['Url', 'https://example.com', 'https://example.com'],
  ] as const)('parses a %s typed as "%s" into %o', (type, raw, expected) => {
    expect(parseAttributeInput(type, raw)).toBe(expected);
  });

  it.each([
    ['Num', 'twelve'],
    ['Url', 'javascript:alert(1)'],
    ['At', 'someday'],
  ] as const)('refuses a %s typed as "%s"', (type, raw) => {
    expect(() => parseAttributeInput(type, raw)).toThrow();
  });

  it('stores a date attribute as an ISO date', () => {
    expect(parseAttributeInput('At', '2026-03-10T12:00:00Z')).toBe('2026-03-10T12:00:00.000Z');
  });
});

it('counts rate-limit seconds up and never below zero', () => {
  expect(secondsLeft(NOW + 1200, NOW)).toBe(2);
  expect(secondsLeft(NOW - 5000, NOW)).toBe(0);
});

it.each([
  ['true', 'Yes'],
  ['false', 'No'],
  ['476.44', '476.44'],
  ['2026-13-99T99:99:00Z', '2026-13-99T99:99:00Z'],
])('shows the field value %s as %s', (value, expected) => {
  expect(readableText(value)).toBe(expected);
});

it('shows an ISO date field as a date', () => {
  expect(readableText('2026-10-22T12:00:00.000Z')).toMatch(/Oct 22, 2026/);
});
