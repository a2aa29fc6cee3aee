import { describe, expect, it } from 'vitest';
import { relatedId, relatedIds } from '../../../lib/kustomer/relationships';

const conversation = {
  relationships: {
    customer: { data: { type: 'customer', id: 'c1' } },
    assignedUsers: {
      data: [
        { type: 'user', id: 'u1' },
        { type: 'user', id: 'u2' },
      ],
    },
    company: { data: null },
  },
};

describe('relatedId', () => {
  it.each([
    ['customer', 'c1'],
    ['company', undefined],
    ['missing', undefined],
    ['assignedUsers', undefined],
  ])('reads the to-one relationship %s as %s', (name, expected) => {
    expect(relatedId(conversation, name)).toBe(expected);
  });
});

describe('relatedIds', () => {
  it('reads every id of a to-many relationship', () => {
    expect(relatedIds(conversation, 'assignedUsers')).toEqual(['u1', 'u2']);
    expect(relatedIds(conversation, 'customer')).toEqual(['c1']);
    expect(relatedIds({}, 'customer')).toEqual([]);
  });
});
