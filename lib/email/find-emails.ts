import { ALPHA, CLASSES, COMPOSE, classAt, DOMAIN, FOLD, LOCAL, SPACED, START, UNSPACED } from './char-classes';
import { FILE_EXTENSIONS, isDensityDescriptor } from './look-alikes';

/** One address found in a text: `email` lower-cased (NFC) for lookups, `start`/`end` its span in the text. */
export interface EmailMatch {
  email: string;
  start: number;
  end: number;
}

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_ADDRESS = 254;
const MAX_LABEL = 63;
/** Leading punctuation (`"`, `*`, `'`…) is stripped after the scan, so allow a little more than 64. */
const LEFT_SCAN_LIMIT = MAX_LOCAL + 16;
const PUNYCODE = /xn--[a-z\d-]+/iy;

/** Every class seen while expanding the current candidate: FOLD and COMPOSE say how to normalise it. */
let seen = 0;

/**
 * Finds email addresses in plain text in linear time: it jumps from `@` to `@` with indexOf and expands
 * around each over bounded character runs (≤ 254 right, ≤ 80 left) that never cross another `@`, so no
 * input can cause backtracking. Code units below 256 are classified by a table; only other characters
 * reach Unicode property tests.
 */
export function findEmails(text: string): EmailMatch[] {
  const found: EmailMatch[] = [];
  let floor = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    // The domain first: most `@` that are not addresses (`logo@2x.png`, `pkg@1.2.3`, `@handle`) fail there
    // cheaply.
    if (isDensityDescriptor(text, at + 1)) continue;
    const end = domainEnd(text, at + 1);
    if (end < 0) continue;
    const start = localPartStart(text, at, floor);
    if (start < 0 || end - start > MAX_ADDRESS) continue;
    let email = text.slice(start, end);
    if (seen & FOLD) email = email.toLowerCase();
    if (seen & COMPOSE) email = email.normalize('NFC');
    found.push({ email, start, end });
    floor = end;
    at = end - 1;
  }
  return found;
}

/**
 * Index just after the domain that starts at `from`, or -1 when there is no valid one: two or more labels
 * of 1–63 characters without a leading or trailing hyphen, then a top-level label. Trailing dots, hyphens
 * and joiners are not part of it (`ada@x.com.`, `ada@x.com-`).
 */
function domainEnd(text: string, from: number): number {
  const stop = Math.min(text.length, from + MAX_DOMAIN + 1);
  let index = from;
  let end = from;
  let label = from;
  let topLevel = from;
  // Beyond any end: no bad dot yet.
  let badDot = stop;
  let found = 0;
  while (index < stop) {
    const code = text.charCodeAt(index);
    let classes: number;
    if (code < 256) {
      // Latin-1: one table lookup; no unspaced letters, no surrogate pairs.
      classes = CLASSES[code] as number;
      if (!(classes & DOMAIN)) break;
      if (code === 46) {
        const bad = index === label || index - label > MAX_LABEL || text.charCodeAt(index - 1) === 45;
        if (bad || text.charCodeAt(label) === 45) badDot = Math.min(badDot, index);
        label = index + 1;
      }
      index++;
    } else {
      classes = wideClasses(text, index, from, false);
      if (!(classes & DOMAIN)) break;
      // The character's width: PAIR (256) is the only class bit above 255.
      index += 1 + (classes >> 8);
    }
    found |= classes;
    if (classes & (START | ALPHA)) {
      end = index;
      topLevel = label;
    }
  }
  if (index - from > MAX_DOMAIN) return -1;
  seen = found;
  if (text.charCodeAt(index) === 64 || topLevel === from || badDot < end) return -1;
  if (text.charCodeAt(topLevel) === 45 || end - topLevel > MAX_LABEL) return -1;
  return isTopLevel(text, topLevel, end) ? end : -1;
}

/** Index where the local part before `at` begins, or -1 when there is none. */
function localPartStart(text: string, at: number, floor: number): number {
  if (text.charCodeAt(at - 1) === 46) return -1;
  const stop = Math.max(floor, at - LEFT_SCAN_LIMIT - 1);
  let index = at;
  let start = at;
  let doubledDot = -1;
  let found = seen;
  while (index > stop) {
    const code = text.charCodeAt(index - 1);
    let classes: number;
    if (code < 256) {
      classes = CLASSES[code] as number;
      if (!(classes & LOCAL)) break;
      index--;
    } else {
      classes = wideClasses(text, index, at, true);
      if (!(classes & LOCAL)) break;
      index -= 1 + (classes >> 8);
    }
    found |= classes;
    // Leading punctuation is surrounding text (`'ada@x.com'`, `**ada@x.com**`): start at the first letter,
    // digit or `_`.
    if (classes & START) start = index;
    else if (code === 46 && text.charCodeAt(index + 1) === 46 && doubledDot < 0) doubledDot = index + 1;
  }
  if (at - index > LEFT_SCAN_LIMIT) return -1;
  seen = found;
  if (text.charCodeAt(index - 1) === 64 || isUrlUserInfo(text, index)) return -1;
  return start === at || at - start > MAX_LOCAL || doubledDot >= start ? -1 : start;
}

/**
 * Classes of the character from U+0100 on that starts at `index` (`backward`: that ends there, as the local
 * part is read), or 0 when it ends the scan that started at `origin` (an unspaced letter, see below).
 */
function wideClasses(text: string, index: number, origin: number, backward: boolean): number {
  const classes = classAt(text, index, backward);
  return classes & UNSPACED && nextToSpaced(text, index, origin, backward) ? 0 : classes;
}

/**
 * Where a script written without spaces (Han, Kana, Thai…) meets a letter of another script, a word ends
 * (UAX #29). Prose in such a script runs straight into an address on its left (`联系ada@…`) and its right
 * (`…@x.com电话`), so an unspaced letter ends the scan when the nearest letter already scanned (from `index`
 * towards `stop`, over digits and marks, stopped by punctuation) is of a spaced script.
 */
function nextToSpaced(text: string, index: number, stop: number, forward: boolean): boolean {
  while (index !== stop) {
    const classes = classAt(text, index, !forward);
    if (classes & (SPACED | UNSPACED) || !(classes & (START | ALPHA))) return (classes & SPACED) > 0;
    index += (forward ? 1 : -1) * (1 + (classes >> 8));
  }
  return false;
}

/** `https://user@host` and `ftp://user:pass@host` are URL credentials, not mailboxes. */
function isUrlUserInfo(text: string, localStart: number): boolean {
  let index = localStart - 1;
  if (text.charCodeAt(index) === 58) {
    const stop = index - LEFT_SCAN_LIMIT;
    do index--;
    while (index > stop && (CLASSES[text.charCodeAt(index)] as number) & LOCAL);
  }
  return text.charCodeAt(index) === 47 && text.charCodeAt(index - 1) === 47;
}

/**
 * Two or more letters of any script (`.de`, `.рф`, `.中国`) that are not a file extension (`.png`), or a
 * punycode label (`.xn--p1ai`).
 */
function isTopLevel(text: string, from: number, end: number): boolean {
  PUNYCODE.lastIndex = from;
  if ((text.charCodeAt(from) | 32) === 120 && PUNYCODE.test(text) && PUNYCODE.lastIndex === end) return true;
  let letters = 0;
  let key = 0;
  for (let index = from; index < end; letters++) {
    const code = text.charCodeAt(index);
    const classes = code < 256 ? (CLASSES[code] as number) : classAt(text, index);
    if (!(classes & ALPHA)) return false;
    // The label's key for the extension list: lower-cased codes in base 256; NaN (no extension) from U+0100.
    key = key * 256 + (code < 256 ? code | 32 : NaN);
    index += 1 + (classes >> 8);
  }
  return letters > 1 && !FILE_EXTENSIONS.has(key);
}
