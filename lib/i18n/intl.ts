import { browser } from '@wxt-dev/browser';

/**
 * Dates and numbers in the agent's locale: the browser's UI language, the one `i18n.getMessage` picks strings in,
 * so "3 Stunden" never sits next to "ago". Times are shown in the agent's own time zone (Intl's default), whatever
 * the customer's. Formatters are made on first use: they are costly to build and the language never changes while
 * a page lives. `@wxt-dev/browser` (the browser's own object, not the polyfill) keeps the side panel's boot script,
 * which sets the page's `lang` and `dir`, small.
 */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
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
