/**
 * Phone-number candidates in text, with no library (the content script's part: see docs/detection.md).
 * A candidate is a maximal run of digits and separators that starts and ends at a word boundary and is not
 * one of the look-alikes (dates, IP addresses, versions, prices, ISBNs, card and tracking numbers, order
 * numbers). Validation against a country's numbering plan is `findPhones`' job, in the background.
 */

export interface PhoneSpan {
  start: number;
  end: number;
}

/** E.164 allows 15 digits after the country code's `+`. */
const MAX_INTERNATIONAL_DIGITS = 15;
/** Without `+`: the longest national number with its trunk prefix, or `00` + an international one. */
const MAX_NATIONAL_DIGITS = 14;
/** The shortest subscriber numbers agents see are 7 digits (`555 0142`). */
const MIN_DIGITS = 7;
/** A run written without any separator and without `+` is a phone only at a phone's usual length. */
const MAX_BARE_DIGITS = 12;
/** Separator characters between digit groups: space, no-break spaces, hyphens and dashes, dot, slash. */
const SPACES = ' \u00a0\u2007\u202f\u2009';
const MARKS = '-\u2010\u2011\u2012\u2013./';
/** At most this many separator characters between two groups (`0800 - 123`). */
const MAX_SEPARATOR_RUN = 3;
/** Characters that make the digits after them something else: a price, an order, a path, a query. */
const BAD_BEFORE = '$€£¥₹#№@/\\=&?%_+*^';
/** Characters that make the digits before them something else. */
const BAD_AFTER = '%€£$¥₹@_';
/** Words that make the number after them an identifier (looked for in the few characters before). */
const IDENTIFIER_LABEL =
  /(?:order|invoice|isbn|sku|tracking|track|ref|reference|account|acct|iban|serial|item|ticket|case|id|po|version|build|barcode|ean|upc|vat|tax|ssn|zip)\s*(?:number|num|no|nr)?\.?\s*[:#]?\s*$/i;
const LABEL_LOOKBACK = 24;

const isDigit = (code: number) => code >= 48 && code <= 57;
const isSpace = (char: string) => SPACES.includes(char);
const isMark = (char: string) => MARKS.includes(char);

/** A letter or digit of any script, or `_`: what a number may not touch. */
function isWordChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code < 128) return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return /[\p{L}\p{N}\p{M}]/u.test(char);
}

/** The spans of text that may be phone numbers: linear in the text's length (each character read at most twice). */
export function findPhoneCandidates(text: string): PhoneSpan[] {
  const found: PhoneSpan[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    const startsHere = isDigit(code) || ((code === 43 || code === 40) && isDigit(text.charCodeAt(i + 1)));
    if (!startsHere) {
      i++;
      continue;
    }
    const run = readRun(text, i);
    if (run.end > run.start && acceptable(text, run)) found.push({ start: run.start, end: run.end });
    i = Math.max(run.scanEnd, i + 1);
  }
  return found;
}

interface Run {
  start: number;
  end: number;
  /** Where scanning resumes (past everything this run swallowed, rejected or not). */
  scanEnd: number;
  plus: boolean;
  digits: number;
  /** Length of each digit group. */
  groups: number[];
  /** The non-space separator (or ' ') between each pair of groups. */
  separators: string[];
  broken: boolean;
}

/** Reads digits and separators from `from` for as long as they form one number. */
function readRun(text: string, from: number): Run {
  const run: Run = {
    start: from,
    end: from,
    scanEnd: from,
    plus: false,
    digits: 0,
    groups: [],
    separators: [],
    broken: false,
  };
  let i = from;
  let openParen = -1;
  if (text[i] === '+') {
    run.plus = true;
    i++;
  } else if (text[i] === '(') {
    openParen = i;
    i++;
  }
  for (;;) {
    let groupLength = 0;
    const groupStart = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) {
      groupLength++;
      i++;
    }
    // A run past any phone's length is only skipped to its end: its groups are not kept (bounded memory).
    if (run.digits <= MAX_INTERNATIONAL_DIGITS) run.groups.push(groupLength);
    run.digits += groupLength;
    run.end = i;
    // A parenthesis holds one group (`(212) 555`); `(020 7946 0018)` is prose around a number.
    if (openParen >= 0 && openParen === groupStart - 1 && text[i] === ')') {
      openParen = -1;
      i++;
      run.end = i;
      // `+49 (0)30 1234567`: the next group may follow the parenthesis directly.
      if (isDigit(text.charCodeAt(i))) {
        if (run.digits <= MAX_INTERNATIONAL_DIGITS) run.separators.push('(');
        continue;
      }
    }
    // A separator: spaces and at most one mark or parenthesis, then a digit (or an opening parenthesis).
    let j = i;
    let mark = '';
    let opens = false;
    while (j < text.length && j - i < MAX_SEPARATOR_RUN) {
      const char = text[j] as string;
      if (isSpace(char)) j++;
      else if (!mark && !opens && isMark(char)) {
        mark = char === '.' || char === '/' ? char : '-';
        j++;
      } else if (!opens && openParen < 0 && char === '(') {
        opens = true;
        j++;
      } else break;
    }
    if (j === i || !isDigit(text.charCodeAt(j))) break;
    if (opens) openParen = j - 1;
    if (run.digits <= MAX_INTERNATIONAL_DIGITS) run.separators.push(mark || (opens ? '(' : ' '));
    i = j;
  }
  run.scanEnd = Math.max(run.end, i);
  if (openParen >= 0) {
    // "(020 7946 0018)" in prose: the opening parenthesis is punctuation, not part of the number.
    if (openParen === from && run.groups.length > 0) run.start = from + 1;
    else run.broken = true;
  }
  return run;
}

/** Whether a run is a phone number's shape in its surroundings (not a date, price, address, identifier…). */
function acceptable(text: string, run: Run): boolean {
  if (run.broken) return false;
  const { digits, groups, separators } = run;
  const limit = run.plus ? MAX_INTERNATIONAL_DIGITS : MAX_NATIONAL_DIGITS;
  if (digits < MIN_DIGITS || digits > limit) return false;
  if (groups.length === 1 && !run.plus && digits > MAX_BARE_DIGITS) return false;
  if (!boundaryBefore(text, run.start) || !boundaryAfter(text, run.end)) return false;
  const marks = new Set(separators.filter((separator) => separator !== ' ' && separator !== '('));
  if (marks.size > 1) return false;
  // A lone trailing digit (`978-3-16-148410-0`, `…-7`) is a check digit, not a subscriber group.
  if (groups.length > 2 && groups[groups.length - 1] === 1) return false;
  if (marks.has('.') && !dottedPhone(run)) return false;
  if (marks.has('/') && separators.filter((separator) => separator === '/').length > 1) return false;
  if (looksLikeDate(groups, marks)) return false;
  if (!run.plus && groups.length > 1 && groups.every((length) => length === 4) && digits >= 12) return false;
  const labelFrom = Math.max(0, run.start - LABEL_LOOKBACK);
  return !IDENTIFIER_LABEL.test(text.slice(labelFrom, run.start));
}

/** `212.555.0142`, `06.12.34.56.78`, `+1 212.555.0142`, not `192.168.10.200`, `40.712776` or `10.0.19045.3803`. */
function dottedPhone(run: Run): boolean {
  const { groups, separators } = run;
  // The first separator may be a space after the country code; all others are dots.
  const rest = run.plus ? separators.slice(1) : separators;
  if (rest.some((separator) => separator !== '.')) return false;
  const dotted = run.plus ? groups.slice(1) : groups;
  if (dotted.length < 3) return false;
  if (dotted.some((length) => length < 2)) return false;
  return !(dotted.length === 4 && dotted.every((length) => length <= 3));
}

/** `2024-03-15`, `15/03/2024`, `15.03.2024 `: three groups, a 4-digit year at one end. */
function looksLikeDate(groups: number[], marks: Set<string>): boolean {
  if (groups.length !== 3 || marks.size !== 1) return false;
  const [a = 0, b = 0, c = 0] = groups;
  return (a === 4 && b <= 2 && c <= 2) || (a <= 2 && b <= 2 && c === 4);
}

function boundaryBefore(text: string, start: number): boolean {
  const before = text[start - 1];
  if (before === undefined) return true;
  if (isWordChar(before) || BAD_BEFORE.includes(before)) return false;
  const beforeThat = text[start - 2];
  // `ORD-5550142`, `v.2`, `1,234,567`, `12:30`: punctuation glued to a word or number joins them.
  if ((before === '-' || before === '.' || before === ',') && isWordChar(beforeThat)) return false;
  if (before === ':' && beforeThat !== undefined && isDigit(beforeThat.charCodeAt(0))) return false;
  // A currency symbol and a space before: `€ 1 234 567`.
  if (isSpace(before) && beforeThat !== undefined && '$€£¥₹'.includes(beforeThat)) return false;
  return true;
}

function boundaryAfter(text: string, end: number): boolean {
  const after = text[end];
  if (after === undefined) return true;
  if (isWordChar(after) || BAD_AFTER.includes(after)) return false;
  const afterThat = text.charCodeAt(end + 1);
  // A decimal part or a time: `1.234.567,89`, `40.7128`, `2125550142:80`.
  if ((after === '.' || after === ',' || after === ':') && isDigit(afterThat)) return false;
  if (isSpace(after) && BAD_AFTER.includes(text[end + 1] ?? '')) return false;
  return true;
}

/**
 * The number a span holds, as the background looks it up: `+` and digits for an international number,
 * digits alone for a national one. A trunk prefix in parentheses after the country code is dropped
 * (`+49 (0)30 1234567` → `+49301234567`).
 */
export function phoneKey(raw: string): string {
  let key = '';
  let inParens = '';
  let open = false;
  for (const char of raw) {
    if (char === '+' && key === '') key = '+';
    else if (char === '(') open = true;
    else if (char === ')') {
      if (!(key.startsWith('+') && inParens === '0')) key += inParens;
      inParens = '';
      open = false;
    } else if (char >= '0' && char <= '9') {
      if (open) inParens += char;
      else key += char;
    }
  }
  return key + inParens;
}

/** How the page scanner keys a phone occurrence beside addresses (the background reads `tel:` keys). */
export const PHONE_KEY_PREFIX = 'tel:';

/** Phone candidates in text as occurrence keys: `{ start, end, email: 'tel:<digits>' }` (see {@link phoneKey}). */
export function phoneOccurrences(text: string): { start: number; end: number; email: string }[] {
  return findPhoneCandidates(text).map(({ start, end }) => ({
    start,
    end,
    email: PHONE_KEY_PREFIX + phoneKey(text.slice(start, end)),
  }));
}

/** The key of a `tel:` link (`tel:+44-20-7946-0018;ext=12`), or null when it holds no plausible number. */
export function phoneKeyFromTel(href: string): string | null {
  const match = /^\s*tel:([^;?#]*)/i.exec(href);
  if (!match) return null;
  let number = match[1] ?? '';
  try {
    number = decodeURIComponent(number);
  } catch {
    // Kept as written: a malformed escape is not worth a lost number.
  }
  const key = phoneKey(number);
  const digits = key.replace('+', '').length;
  return digits >= MIN_DIGITS && digits <= MAX_INTERNATIONAL_DIGITS ? PHONE_KEY_PREFIX + key : null;
}
