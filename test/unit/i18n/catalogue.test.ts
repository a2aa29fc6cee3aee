import { describe, expect, it } from 'vitest';
import { accented, rightToLeft } from '../../../lib/i18n/pseudo';
import { type ChromeMessages, chromeMessages, localeNames } from '../../support/i18n-catalogue';

/** The languages the store listing and the extension ship in (issue 20). */
const SHIPPED = ['de', 'en', 'es', 'fr', 'ja', 'pt_BR'];
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur']);
const CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const bcp47 = (locale: string) => locale.replace('_', '-');

/** Message names grouped: plain ones, and plural groups (`x_one`, `x_other` → `x` with its categories). */
function shape(messages: ChromeMessages) {
  const plain = new Map<string, string>();
  const plurals = new Map<string, Map<string, string>>();
  for (const [name, { message }] of Object.entries(messages)) {
    const category = name.slice(name.lastIndexOf('_') + 1);
    const group = name.slice(0, name.lastIndexOf('_'));
    if (CATEGORIES.has(category)) {
      if (!plurals.has(group)) plurals.set(group, new Map());
      plurals.get(group)?.set(category, message);
    } else plain.set(name, message);
  }
  return { plain, plurals };
}

const english = await chromeMessages('en');
const englishShape = shape(english);

describe('the catalogues', () => {
  it('ship English and the five other languages', () => {
    expect(localeNames()).toEqual(expect.arrayContaining(SHIPPED));
  });

  it('name no two messages alike but for case (Chrome reads names case-insensitively)', async () => {
    for (const locale of localeNames()) {
      const names = Object.keys(await chromeMessages(locale)).map((name) => name.toLowerCase());
      expect(new Set(names).size, locale).toBe(names.length);
    }
  });

  it('keep the store listing within Chrome Web Store limits', async () => {
    for (const locale of localeNames()) {
      const messages = await chromeMessages(locale);
      expect(messages.extension_name?.message.length, locale).toBeLessThanOrEqual(75);
      expect(messages.extension_description?.message.length, locale).toBeLessThanOrEqual(132);
    }
  });

  it('write plural forms only as groups with an "other" form', () => {
    for (const [group, forms] of englishShape.plurals) expect(forms.has('other'), group).toBe(true);
  });

  describe.each(localeNames().filter((locale) => locale !== 'en'))('%s', async (locale) => {
    const messages = await chromeMessages(locale);
    const { plain, plurals } = shape(messages);

    it('names its own language and direction', () => {
      expect(messages.locale_code?.message).toBe(bcp47(locale));
      expect(messages.locale_dir?.message).toBe(RIGHT_TO_LEFT.has(locale.split('_')[0] ?? '') ? 'rtl' : 'ltr');
    });

    it('has every message of English and no other', () => {
      expect([...plain.keys()].sort()).toEqual([...englishShape.plain.keys()].sort());
      expect([...plurals.keys()].sort()).toEqual([...englishShape.plurals.keys()].sort());
    });

    it('keeps the placeholders of each English message, no more and no fewer', () => {
      for (const [name, message] of plain) {
        expect(placeholders(message), `${locale} ${name}`).toEqual(placeholders(englishShape.plain.get(name) ?? ''));
      }
    });

    it('gives each plural the forms its language uses, each with the placeholders of English', () => {
      const rules = new Intl.PluralRules(bcp47(locale)).resolvedOptions().pluralCategories as string[];
      for (const [group, forms] of plurals) {
        const englishOther = englishShape.plurals.get(group)?.get('other') ?? '';
        expect(forms.has('other'), `${locale} ${group}: other`).toBe(true);
        // "many" is for numbers like 1,000,000 in French and Spanish: `other` covers it when it is not written.
        for (const needed of rules.filter((category) => category !== 'many')) {
          expect(forms.has(needed), `${locale} ${group}: ${needed}`).toBe(true);
        }
        for (const [category, message] of forms) {
          expect(rules, `${locale} ${group}: ${category} is not a form of ${locale}`).toContain(category);
          const allowed = new Set([...placeholders(englishOther), 'count']);
          for (const name of placeholders(message)) expect(allowed, `${locale} ${group}.${category}`).toContain(name);
        }
        expect(placeholders(forms.get('other') ?? ''), `${locale} ${group}.other`).toEqual(placeholders(englishOther));
      }
    });

    it('writes no "$": Chrome would read it as a substitution', () => {
      for (const [name, { message }] of Object.entries(messages)) expect(message, name).not.toMatch(/\$/);
    });
  });
});

describe('the pseudo-locales', () => {
  it('accent every letter, keep placeholders, and grow each message by at least 40%', () => {
    const message = 'Turn on for {origin} anyway';
    const pseudo = accented(message);
    expect(pseudo).toContain('{origin}');
    expect(pseudo.replace('{origin}', '')).not.toMatch(/[A-Za-z]/);
    expect(pseudo.length).toBeGreaterThanOrEqual(message.length * 1.4);
  });

  it('write each word right to left and keep placeholders', () => {
    expect(rightToLeft('Hi {name}!')).toBe('\u202EHi\u202C {name}!');
  });
});
