import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type ChromeMessages, chromeMessages, getMessageFrom } from '../../support/i18n-catalogue';

const i18n = fakeBrowser.i18n as unknown as { getMessage: unknown; getUILanguage: unknown };
const english = i18n.getMessage;

/**
 * The catalogue of `language` (it names itself in `locale.code`) in a browser whose UI is `browserLanguage`. lib/i18n
 * caches its Intl objects per page (the language never changes in one), so each case loads it afresh.
 */
async function inLanguage(language: string, messages: ChromeMessages, browserLanguage = language) {
  const named = language === 'en' ? messages : { locale_code: { message: language }, ...messages };
  i18n.getMessage = getMessageFrom(named, await chromeMessages('en'));
  i18n.getUILanguage = () => browserLanguage;
  vi.resetModules();
  return { ...(await import('../../../lib/i18n/t')), ...(await import('../../../lib/i18n/intl')) };
}

afterEach(() => {
  i18n.getMessage = english;
  i18n.getUILanguage = () => 'en';
});

describe('t', () => {
  it('reads the message of the UI language and fills its named placeholders', async () => {
    const { t } = await inLanguage('en', await chromeMessages('en'));
    expect(t('common.cancel')).toBe('Cancel');
    expect(t('site.confirmTurnOn', { origin: 'http://shop.example' })).toBe('Turn on for http://shop.example anyway');
  });

  it('fills a value once: braces inside a value are not placeholders', async () => {
    const { t } = await inLanguage('en', await chromeMessages('en'));
    expect(t('site.confirmTitle', { origin: '{origin} $1' })).toBe('{origin} $1 is not encrypted');
  });

  it('falls back to English for a key the language lacks, as Chrome does', async () => {
    const { t } = await inLanguage('de', { common_cancel: { message: 'Abbrechen' } });
    expect(t('common.cancel')).toBe('Abbrechen');
    expect(t('common.yes')).toBe('Yes');
  });
});

describe('plural', () => {
  it('picks the English form by count and writes the count in the locale', async () => {
    const { plural } = await inLanguage('en', await chromeMessages('en'));
    expect(plural('panel.lookup.unsentDrafts', 1)).toBe('1 unsent draft');
    expect(plural('panel.lookup.unsentDrafts', 0)).toBe('0 unsent drafts');
    expect(plural('panel.lookup.unsentDrafts', 1234)).toBe('1,234 unsent drafts');
  });

  it('uses the language’s own rules: French says 0 in the singular, German groups with a dot', async () => {
    const french = {
      panel_lookup_unsentDrafts_one: { message: '{count} brouillon non envoyé' },
      panel_lookup_unsentDrafts_other: { message: '{count} brouillons non envoyés' },
    };
    const fr = await inLanguage('fr', french);
    expect(fr.plural('panel.lookup.unsentDrafts', 0)).toBe('0 brouillon non envoyé');
    expect(fr.plural('panel.lookup.unsentDrafts', 2)).toBe('2 brouillons non envoyés');
    const de = await inLanguage('de', {});
    expect(de.formatNumber(1234)).toBe('1.234');
  });

  it('falls back to the "other" form when the language has no message for its category', async () => {
    const { plural } = await inLanguage('ja', {
      panel_lookup_unsentDrafts_other: { message: '未送信の下書き {count} 件' },
    });
    expect(plural('panel.lookup.unsentDrafts', 1)).toBe('未送信の下書き 1 件');
  });
});

describe('the language of dates and numbers', () => {
  it('is the catalogue’s, refined by the browser’s region when the languages agree', async () => {
    expect((await inLanguage('en', await chromeMessages('en'), 'en-GB')).uiLanguage()).toBe('en-GB');
    // Headless Chromium under --lang=de reads the German catalogue but reports an en-US UI.
    expect((await inLanguage('de', {}, 'en-US')).uiLanguage()).toBe('de');
    // A browser in Portuguese from Portugal gets the English catalogue (only pt_BR ships): English it is.
    expect((await inLanguage('en', await chromeMessages('en'), 'pt-PT')).uiLanguage()).toBe('en');
  });

  it('formats relative and exact times in the UI language', async () => {
    const { formatRelative, formatDate } = await inLanguage('de', {});
    expect(formatRelative(-3, 'hour')).toBe('vor 3 Stunden');
    expect(formatDate(Date.UTC(2026, 11, 1, 12))).toBe('01.12.2026');
  });
});
