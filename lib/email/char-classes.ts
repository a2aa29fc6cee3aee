/** Bit flags describing what a character may be in an address. */
export const LOCAL = 1;
export const DOMAIN = 2;
export const LETTER = 4;
/** Letters, digits and `_`: what an address may start with (anything else before it is punctuation). */
export const WORD = 8;
/** Han, Hiragana, Katakana: scripts written without spaces, so an address ends where the script changes. */
export const CJK = 16;

/** Classes of the 128 ASCII characters, read directly in the scanner's hot loops. */
export const ASCII_CLASSES = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  if (/[A-Za-z]/.test(char)) ASCII_CLASSES[code] = LOCAL | DOMAIN | LETTER | WORD;
  else if (/[0-9]/.test(char)) ASCII_CLASSES[code] = LOCAL | DOMAIN | WORD;
  else if (char === '-' || char === '.') ASCII_CLASSES[code] = LOCAL | DOMAIN;
  else if (char === '_') ASCII_CLASSES[code] = LOCAL | WORD;
  // RFC 5322 atext minus `/ = ? & # | { }`: those delimit URLs, query strings and templates far more often
  // than they appear in real mailboxes, so they end the local part instead.
  else if ("!$%'*+^`~".includes(char)) ASCII_CLASSES[code] = LOCAL;
}

const UNICODE_LETTER = /^[\p{L}\p{M}]$/u;
const UNICODE_DIGIT = /^\p{N}$/u;
const CJK_SCRIPT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;

/** Classes of one code point (see the flags above). */
export function classOf(codePoint: number): number {
  if (codePoint < 128) return ASCII_CLASSES[codePoint] ?? 0;
  const char = String.fromCodePoint(codePoint);
  if (UNICODE_LETTER.test(char)) return LOCAL | DOMAIN | LETTER | WORD | (CJK_SCRIPT.test(char) ? CJK : 0);
  if (UNICODE_DIGIT.test(char)) return LOCAL | DOMAIN | WORD;
  return 0;
}

/** The code point ending just before `index` (surrogate pairs read as one) and its length in UTF-16 units. */
export function codePointBefore(text: string, index: number): { codePoint: number; width: number } {
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff)
      return { codePoint: (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000, width: 2 };
  }
  return { codePoint: low, width: 1 };
}
