import { describe, expect, it } from 'vitest';
import { insertMention, matchUsers, mentionedIds, mentionQueryAt } from '../../../lib/ui/mentions';

const USERS = [
  { id: 'u1', name: 'Sam Rivera', email: 'sam@example.com' },
  { id: 'u2', name: 'Ada Byron', email: 'countess@example.com' },
  { id: 'u3', name: 'Samira Khan', email: 'skhan@example.com' },
];

describe('mentionQueryAt', () => {
  it.each([
    ['@', 1, { start: 0, query: '' }],
    ['hi @sa', 6, { start: 3, query: 'sa' }],
    ['hi @sa more', 6, { start: 3, query: 'sa' }],
    ['mail me at ada@example.com', 26, null],
    ['no mention', 10, null],
    ['@sam rivera', 11, null],
  ])('in "%s" with the caret at %i finds %o', (text, caret, expected) => {
    expect(mentionQueryAt(text, caret)).toEqual(expected);
  });
});

describe('matchUsers', () => {
  it('ranks names starting with the query before later words and emails', () => {
    expect(matchUsers(USERS, 'sam').map((user) => user.id)).toEqual(['u1', 'u3']);
    expect(matchUsers(USERS, 'byr').map((user) => user.id)).toEqual(['u2']);
    expect(matchUsers(USERS, 'countess').map((user) => user.id)).toEqual(['u2']);
  });

  it('offers everyone, alphabetically, for a bare @', () => {
    expect(matchUsers(USERS, '').map((user) => user.name)).toEqual(['Ada Byron', 'Sam Rivera', 'Samira Khan']);
  });
});

it('replaces the typed query with the full name and puts the caret after it', () => {
  const result = insertMention('ping @sa about it', { start: 5, query: 'sa' }, USERS[0] as (typeof USERS)[0]);
  expect(result.text).toBe('ping @Sam Rivera about it');
  expect(result.caret).toBe('ping @Sam Rivera '.length);
});

it('mentions only users whose @Name is still in the text, once each', () => {
  expect(mentionedIds('@Sam Rivera and @Ada Byron, @Sam Rivera', USERS)).toEqual(['u1', 'u2']);
  expect(mentionedIds('Sam Rivera without at', USERS)).toEqual([]);
});
