import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { settingsPatchSchema, writeRequestSchema } from '../../../lib/messaging/schemas';

const attributeWrite = (changes: unknown) => ({ kind: 'updateCustomerAttributes', customerId: 'cust-ada', changes });

describe('the attribute-changes write', () => {
  it.each([
    ['a text value', { loyaltyTierStr: 'gold' }],
    ['a number, a flag and a cleared value', { visitsNum: 3, vipBool: true, noteStr: null }],
    ['fifty fields', Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`field${index}Str`, 'x']))],
    ['text of exactly 10,000 characters', { bioTxt: 'x'.repeat(10_000) }],
  ])('accepts %s', (_, changes) => {
    expect(v.safeParse(writeRequestSchema, attributeWrite(changes)).success).toBe(true);
  });

  it.each([
    ['no change at all', {}],
    ['fifty-one fields', Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`field${index}Str`, 'x']))],
    ['a name that is not an attribute name', { 'loyalty tier': 'gold' }],
    ['a name starting with a digit', { '1tierStr': 'gold' }],
    ['text over 10,000 characters', { bioTxt: 'x'.repeat(10_001) }],
    ['a nested object', { addressStr: { city: 'London' } }],
    ['a list', { tagsStr: ['a'] }],
    ['a number that is not finite', { visitsNum: Number.POSITIVE_INFINITY }],
    ['an array instead of an object', [['tierStr', 'gold']]],
    ['nothing', null],
  ])('refuses %s', (_, changes) => {
    expect(v.safeParse(writeRequestSchema, attributeWrite(changes)).success).toBe(false);
  });
});

describe('the settings patch', () => {
  it('takes any subset of the known settings, normalising domains', () => {
    const parsed = v.safeParse(settingsPatchSchema, { neverLookUpDomains: [' Example.COM '] });
    expect(parsed.success && parsed.output).toEqual({ neverLookUpDomains: ['example.com'] });
    expect(v.safeParse(settingsPatchSchema, {}).success).toBe(true);
  });

  it('refuses a setting it does not know, so a page cannot smuggle one in', () => {
    expect(v.safeParse(settingsPatchSchema, { paused: true, enabledSites: ['https://evil.example'] }).success).toBe(
      false,
    );
  });
});
