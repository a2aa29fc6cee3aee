import { formatDate, formatDateTime, formatNumber, formatRelative } from '../i18n/intl';
import { t } from '../i18n/t';
import type { ConversationStatus, CustomAttribute } from '../messaging/model';
import { safeHttpUrl } from '../url';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "3 hours ago", "in 2 days", "just now"; empty for a missing or invalid date. */
export function relativeTime(iso: string | number | undefined, now: number = Date.now()): string {
  if (iso === undefined || iso === '') return '';
  const time = typeof iso === 'number' ? iso : Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const delta = time - now;
  if (Math.abs(delta) < 45_000) return t('time.justNow');
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size || unit === 'minute') return formatRelative(Math.round(delta / size), unit);
  }
  return '';
}

/** Past this age a time is shown as its date, not as "3 weeks ago" (issue 17). */
export const RELATIVE_FOR_MS = 7 * 24 * 3600_000;

/**
 * How a time is shown, in the agent's locale and time zone (lib/i18n/intl.ts): `text` on screen (relative within a
 * week, the local date past it) and `exact`, the local date and time for hover, focus and screen readers. Null for
 * no date.
 */
export function timeLabel(
  iso: string | number | undefined,
  now: number = Date.now(),
): { text: string; exact: string } | null {
  if (iso === undefined || iso === '') return null;
  const time = typeof iso === 'number' ? iso : Date.parse(iso);
  if (Number.isNaN(time)) return null;
  const exact = formatDateTime(time);
  const text = Math.abs(time - now) < RELATIVE_FOR_MS ? relativeTime(time, now) : formatDate(time);
  return { text, exact };
}

/** Date and time in the agent's words, for a title attribute; empty for a missing or invalid date. */
export function absoluteTime(iso: string | number | undefined): string {
  if (iso === undefined || iso === '') return '';
  const time = typeof iso === 'number' ? iso : Date.parse(iso);
  return Number.isNaN(time) ? '' : formatDateTime(time);
}

/** Up to two initials for an avatar: "Ada Lovelace" → "AL", "ada@x.com" → "A". */
export function initials(name: string): string {
  const words = name
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter((word) => /\p{L}|\p{N}/u.test(word));
  const letters = words.map((word) => Array.from(word.replace(/^[^\p{L}\p{N}]+/u, ''))[0] ?? '');
  const picked = letters.length > 1 ? [letters[0], letters[letters.length - 1]] : letters.slice(0, 1);
  return picked.join('').toUpperCase() || '?';
}

/** A conversation status in the agent's words; read when shown, so always in the UI language. */
export const STATUS_LABELS: Readonly<Record<ConversationStatus, string>> = {
  get open() {
    return t('common.status.open');
  },
  get snoozed() {
    return t('common.status.snoozed');
  },
  get done() {
    return t('common.status.done');
  },
};

/** An attribute value as text for display; Bool as Yes/No, At as a date. */
export function attributeText(attribute: CustomAttribute): string {
  const { value, type } = attribute;
  if (value === null || value === '') return t('common.empty');
  if (type === 'Bool') return value === true || value === 'true' ? t('common.yes') : t('common.no');
  if (type === 'At') return absoluteTime(typeof value === 'number' ? value : String(value)) || String(value);
  if (type === 'Num' && typeof value === 'number') return formatNumber(value);
  return String(value);
}

/** Value of a `datetime-local` input for an ISO date; empty if none. */
export function toDateTimeLocal(value: string | number | boolean | null): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(time)) return '';
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Parses what the agent typed into an attribute editor into the value Kustomer stores. */
export function parseAttributeInput(type: CustomAttribute['type'], raw: string): string | number | boolean | null {
  const text = raw.trim();
  if (type === 'Bool') return raw === 'true';
  if (text === '') return null;
  if (type === 'Num') {
    const number = Number(text);
    if (!Number.isFinite(number)) throw new Error(t('common.valueCheck.number'));
    return number;
  }
  if (type === 'At') {
    const time = Date.parse(text);
    if (Number.isNaN(time)) throw new Error(t('common.valueCheck.dateTime'));
    return new Date(time).toISOString();
  }
  if (type === 'Url' && safeHttpUrl(text) === null) throw new Error(t('common.valueCheck.webAddress'));
  return type === 'Txt' ? raw : text;
}

/** "in 12 s" countdown text for a rate limit. */
export function secondsLeft(untilMs: number, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((untilMs - now) / 1000));
}

/** A field value already turned into text by the background, made readable: ISO dates and booleans. */
export function readableText(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return absoluteTime(value) || value;
  if (value === 'true') return t('common.yes');
  if (value === 'false') return t('common.no');
  return value;
}
