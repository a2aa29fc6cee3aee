import { browser } from '@wxt-dev/browser';
import { getMessage } from './message';

let language: string | undefined;

/**
 * Dates and numbers in the agent's locale, in the language `i18n.getMessage` picks strings in, so "3 Stunden" never
 * sits next to "ago": the catalogue names its language (`locale.code`), and the browser's UI language refines it
 * when they agree (en-GB dates for an en-GB browser reading the English catalogue). Times are shown in the agent's
 * own time zone (Intl's default), whatever the customer's. Formatters are made on first use: they are costly to
 * build and the language never changes while a page lives.
 */
export function uiLanguage(): string {
  if (language) return language;
  const catalogue = getMessage('locale_code') || 'en';
  const browserLanguage = browser?.i18n?.getUILanguage() ?? catalogue;
  const sameLanguage = browserLanguage.split('-')[0]?.toLowerCase() === catalogue.split('-')[0]?.toLowerCase();
  language = sameLanguage && browserLanguage.length > catalogue.length ? browserLanguage : catalogue;
  return language;
}

let numbers: Intl.NumberFormat | undefined;
let relative: Intl.RelativeTimeFormat | undefined;
let dateAndTime: Intl.DateTimeFormat | undefined;
let dateOnly: Intl.DateTimeFormat | undefined;

/** "1,234" in English, "1.234" in German. */
export function formatNumber(value: number): string {
  numbers ??= new Intl.NumberFormat(uiLanguage());
  return numbers.format(value);
}

/** "3 hours ago", "in 2 days", "yesterday". */
export function formatRelative(value: number, unit: Intl.RelativeTimeFormatUnit): string {
  relative ??= new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' });
  return relative.format(value, unit);
}

/** "Dec 1, 2026, 9:00 AM": date and time, for hover, focus and screen readers. */
export function formatDateTime(time: number): string {
  dateAndTime ??= new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  return dateAndTime.format(time);
}

/** "Dec 1, 2026". */
export function formatDate(time: number): string {
  dateOnly ??= new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' });
  return dateOnly.format(time);
}
