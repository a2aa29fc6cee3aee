/** Bit flags describing what a character may be in an address. */
export const LOCAL = 1;
export const DOMAIN = 2;
/** Letters and digits of any script, and `_`: what an address may start with. */
export const START = 4;
/** Letters and combining marks: what a top-level label is made of. */
export const ALPHA = 8;
/** A letter of a script written without spaces between words (Han, Kana, Thai, Lao, Khmer, Myanmar). */
export const UNSPACED = 16;
/** A letter of any other script. */
export const SPACED = 32;
/** A character that lower-casing changes: the address needs `toLowerCase()`. */
export const FOLD = 64;
/** A character from U+0300 on (combining marks, most scripts): the address needs NFC. */
export const COMPOSE = 128;

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const MARK = /\p{M}/u;
const UNSPACED_SCRIPT = /[\p{scx=Hani}\p{scx=Hira}\p{scx=Kana}\p{scx=Thai}\p{scx=Laoo}\p{scx=Khmr}\p{scx=Mymr}]/u;

/** Classes of one character (one code unit, or a surrogate pair); see the flags above. */
export function classOf(char: string): number {
  const code = char.charCodeAt(0);
  const flags = (char.toLowerCase() === char ? 0 : FOLD) | (code < 0x300 ? 0 : COMPOSE);
  // Only letters from U+0E00 (Thai) on can be unspaced: the big script regex is not compiled for others.
  if (LETTER.test(char))
    return LOCAL | DOMAIN | START | ALPHA | flags | (code > 0xdff && UNSPACED_SCRIPT.test(char) ? UNSPACED : SPACED);
  if (DIGIT.test(char)) return LOCAL | DOMAIN | START | flags;
  if (MARK.test(char)) return LOCAL | DOMAIN | ALPHA | flags;
  if (char === '_') return LOCAL | START;
  // Zero-width (non-)joiners sit inside words of Persian, Indic scripts and emoji sequences.
  if ('-.\u200c\u200d'.includes(char)) return LOCAL | DOMAIN;
  // RFC 5322 atext minus `/ = ? & # | { }`: those delimit URLs, query strings and templates far more often
  // than they appear in real mailboxes, so they end the local part instead. Plus a typographic apostrophe.
  return "!$%'*+^`~\u2019".includes(char) ? LOCAL : 0;
}

/** Classes of the first 256 code units (ASCII and Latin-1), read directly in the scanner's hot loops. */
export const CLASSES = new Uint8Array(256).map((_, code) => classOf(String.fromCharCode(code)));

/**
 * Set on what `classAt` returns when the character is a surrogate pair (two code units). The only bit above
 * 255, so `1 + (classes >> 8)` is the character's width in code units.
 */
export const PAIR = 256;

/**
 * Classes of the character that starts at `index` (with `before`: that ends there), with `PAIR` when it
 * is two code units wide.
 */
export function classAt(text: string, index: number, before?: boolean): number {
  let at = before ? index - 1 : index;
  const code = text.charCodeAt(at);
  if (code < 256) return CLASSES[code] as number;
  if (before && (code & 0xfc00) === 0xdc00 && (text.charCodeAt(at - 1) & 0xfc00) === 0xd800) at--;
  const point = text.codePointAt(at) as number;
  return classOf(String.fromCodePoint(point)) | (point > 0xffff ? PAIR : 0);
}
