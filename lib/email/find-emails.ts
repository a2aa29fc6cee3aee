import { ASCII_CLASSES, CJK, classOf, codePointBefore, DOMAIN, LETTER, LOCAL, WORD } from './char-classes';
import { isLookAlike } from './look-alikes';

/** One address found in a text: `email` lower-cased for lookups, `start`/`end` its span in the text. */
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
const PUNYCODE_TLD = /^xn--[a-z0-9-]+$/i;

/**
 * Finds email addresses in plain text in linear time: it jumps from `@` to `@` with indexOf and expands
 * around each over bounded character runs (≤ 80 left, ≤ 254 right), so no input can cause backtracking.
 */
export function findEmails(text: string): EmailMatch[] {
  const found: EmailMatch[] = [];
  let floor = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    const match = matchAround(text, at, floor);
    if (match) {
      found.push(match);
      floor = match.end;
      at = text.indexOf('@', match.end);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
  return found;
}

function matchAround(text: string, at: number, floor: number): EmailMatch | null {
  const start = localPartStart(text, at, floor);
  if (start < 0) return null;
  const end = domainEnd(text, at + 1);
  if (end < 0) return null;
  const local = text.slice(start, at);
  if (local.length > MAX_LOCAL || local.endsWith('.') || local.includes('..')) return null;
  const domain = text.slice(at + 1, end);
  if (!isValidDomain(domain)) return null;
  if (end - start > MAX_ADDRESS) return null;
  return { email: text.slice(start, end).toLowerCase(), start, end };
}

/** Index where the local part before `at` begins, or -1 when there is none. */
function localPartStart(text: string, at: number, floor: number): number {
  let index = at;
  let steps = 0;
  let previousScript = 0;
  while (index > floor) {
    const code = text.charCodeAt(index - 1);
    let classes: number;
    let width = 1;
    if (code < 128) {
      classes = ASCII_CLASSES[code] ?? 0;
    } else {
      const before = codePointBefore(text, index);
      classes = classOf(before.codePoint);
      width = before.width;
    }
    if (!(classes & LOCAL)) break;
    if (changesScript(previousScript, classes)) break;
    if (classes & LETTER) previousScript = classes & CJK ? CJK : LETTER;
    index -= width;
    if (++steps > LEFT_SCAN_LIMIT) return -1;
  }
  const before = text[index - 1];
  if (before === '@') return -1;
  if (isUrlUserInfo(text, index)) return -1;
  while (index < at) {
    const codePoint = text.codePointAt(index) ?? 0;
    if (classOf(codePoint) & WORD) break;
    index += codePoint > 0xffff ? 2 : 1;
  }
  return index < at ? index : -1;
}

/** Index just after the domain that starts at `from`, or -1 when it is too long or runs into another `@`. */
function domainEnd(text: string, from: number): number {
  let index = from;
  let previousScript = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const codePoint = code < 128 ? code : (text.codePointAt(index) ?? 0);
    const classes = code < 128 ? (ASCII_CLASSES[code] ?? 0) : classOf(codePoint);
    if (!(classes & DOMAIN)) break;
    if (changesScript(previousScript, classes)) break;
    previousScript = classes & LETTER ? (classes & CJK ? CJK : LETTER) : classes & WORD ? previousScript : 0;
    index += codePoint > 0xffff ? 2 : 1;
    if (index - from > MAX_DOMAIN + 1) return -1;
  }
  if (text[index] === '@') return -1;
  while (index > from && (text[index - 1] === '.' || text[index - 1] === '-')) index--;
  return index;
}

/** A letter directly next to a letter of another script group (Latin vs CJK) ends the address. */
function changesScript(previousScript: number, classes: number): boolean {
  if (!previousScript || !(classes & LETTER)) return false;
  return (classes & CJK ? CJK : LETTER) !== previousScript;
}

/** `https://user@host` and `ftp://user:pass@host` are URL credentials, not mailboxes. */
function isUrlUserInfo(text: string, localStart: number): boolean {
  let index = localStart - 1;
  if (text[index] === ':') {
    let steps = 0;
    index--;
    while (index >= 0 && steps++ < LEFT_SCAN_LIMIT && classOf(text.charCodeAt(index)) & LOCAL) index--;
  }
  return text[index] === '/' && text[index - 1] === '/';
}

function isValidDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > MAX_LABEL) return false;
    if (label.startsWith('-') || label.endsWith('-')) return false;
  }
  const tld = labels[labels.length - 1] ?? '';
  if (!PUNYCODE_TLD.test(tld) && !isLetters(tld)) return false;
  return !isLookAlike(labels);
}

function isLetters(label: string): boolean {
  let count = 0;
  for (const char of label) {
    if (!(classOf(char.codePointAt(0) ?? 0) & LETTER)) return false;
    count++;
  }
  return count >= 2;
}
