import { describe, expect, it } from 'vitest';
import { findEmails } from '../../../lib/email';

/** Invisible characters written out, so that the tables below show where they are. */
const LRM = '\u200e';
const RLM = '\u200f';
const ALM = '\u061c';
const LRE = '\u202a';
const RLE = '\u202b';
const PDF = '\u202c';
const RLO = '\u202e';
const LRI = '\u2066';
const RLI = '\u2067';
const PDI = '\u2069';
const ZWNJ = '\u200c';
const ZWSP = '\u200b';

const emailsIn = (text: string) => findEmails(text).map((match) => match.email);

/** A letter, mark or digit: what a match may never have directly before or after it within one word. */
const WORD_CHARACTER = /[\p{L}\p{M}\p{Nd}]/u;

describe('findEmails in every script (RFC 6531 local parts, IDNA domains)', () => {
  it.each([
    ['Chinese', '张伟@例子.中国', '张伟@例子.中国'],
    ['Chinese with a Latin domain', '王芳@example.com', '王芳@example.com'],
    ['Chinese after Latin letters', 'zhang张伟@example.com', 'zhang张伟@example.com'],
    ['Chinese beyond the Basic Multilingual Plane', '𠀋𡈽@example.jp', '𠀋𡈽@example.jp'],
    ['Japanese Katakana with a prolonged sound mark', 'メールアドレス@例え.jp', 'メールアドレス@例え.jp'],
    ['Japanese Hiragana and Han', 'やまだ.太郎@例え.jp', 'やまだ.太郎@例え.jp'],
    ['Japanese after Latin letters', 'taroメール@example.jp', 'taroメール@example.jp'],
    ['Japanese and Latin joined by a dot', '山田.taro@例え.jp', '山田.taro@例え.jp'],
    ['Korean', '사용자@예시.한국', '사용자@예시.한국'],
    ['Cyrillic', 'иван.петров@почта.рф', 'иван.петров@почта.рф'],
    ['Cyrillic in capitals', 'Иван@Пример.РФ', 'иван@пример.рф'],
    ['Greek', 'χρήστης@παράδειγμα.ελ', 'χρήστης@παράδειγμα.ελ'],
    ['Arabic', 'مستخدم@مثال.مصر', 'مستخدم@مثال.مصر'],
    ['Arabic-Indic digits', 'دعم٢٤@مثال.مصر', 'دعم٢٤@مثال.مصر'],
    ['Persian with a zero-width non-joiner inside a word', `علی${ZWNJ}رضا@example.com`, `علی${ZWNJ}رضا@example.com`],
    ['a Persian domain label with a zero-width non-joiner', `user@نمونه${ZWNJ}ای.ir`, `user@نمونه${ZWNJ}ای.ir`],
    ['Hebrew', 'משתמש@דוגמה.ישראל', 'משתמש@דוגמה.ישראל'],
    ['Devanagari with combining marks', 'संपर्क@उदाहरण.भारत', 'संपर्क@उदाहरण.भारत'],
    ['Devanagari with a nukta and a virama', 'ज़्यादा@उदाहरण.भारत', 'ज़्यादा@उदाहरण.भारत'],
    ['Thai with combining vowels', 'สมชาย@ตัวอย่าง.ไทย', 'สมชาย@ตัวอย่าง.ไทย'],
    ['Latin with diacritics', 'françois.élise@société.fr', 'françois.élise@société.fr'],
    ['Latin with diacritics in capitals', 'ÉLISE@SOCIÉTÉ.FR', 'élise@société.fr'],
    ['a typographic apostrophe', 'o’brien@example.ie', 'o’brien@example.ie'],
    ['an IDNA domain in Japanese', 'user@例え.jp', 'user@例え.jp'],
    ['an IDNA domain with an umlaut', 'info@bücher.example', 'info@bücher.example'],
    ['a punycode domain', 'user@xn--r8jz45g.jp', 'user@xn--r8jz45g.jp'],
    ['a punycode top-level domain', 'user@example.xn--wgbh1c', 'user@example.xn--wgbh1c'],
  ])('finds an address in %s', (_name, text, expected) => {
    expect(emailsIn(text)).toEqual([expected]);
  });

  it.each([
    ['a decomposed ü', 'Ju\u0308rgen@bu\u0308cher.de', 'jürgen@bücher.de'],
    ['a decomposed é at the end of the local part', 'rene\u0301@example.fr', 'rené@example.fr'],
    ['a decomposed Devanagari nukta', 'ज\u093c@उदाहरण.भारत', 'ज़@उदाहरण.भारत'],
  ])('reports %s in composed form (NFC) and spans every code unit', (_name, text, expected) => {
    const [match] = findEmails(text);
    expect(match?.email).toBe(expected);
    expect(match).toMatchObject({ start: 0, end: text.length });
  });

  it.each([
    ['a Cyrillic sentence', 'Пишите на ada@example.com сегодня', 'ada@example.com'],
    ['a Cyrillic sentence around a Cyrillic address', 'Пишите: иван@пример.рф, спасибо', 'иван@пример.рф'],
    ['a Greek sentence', 'Γράψτε στο ada@example.com σήμερα.', 'ada@example.com'],
    ['Chinese prose without spaces', '请联系ada@example.com获取帮助', 'ada@example.com'],
    ['Chinese prose before a mixed local part', '请联系zhang张伟@example.com获取', 'zhang张伟@example.com'],
    ['Chinese fullwidth punctuation', '邮箱：张伟@例子.中国。电话', '张伟@例子.中国'],
    ['Chinese fullwidth parentheses', '（张伟@例子.中国）', '张伟@例子.中国'],
    ['a Chinese enumeration comma', '张伟@例子.中国、王芳@例子.中国', '张伟@例子.中国'],
    ['Japanese prose without spaces', 'メールはtaro@例え.jpまで', 'taro@例え.jp'],
    ['Japanese corner brackets', '「メール@例え.jp」', 'メール@例え.jp'],
    ['Thai prose without spaces', 'ติดต่อsomchai@example.comครับ', 'somchai@example.com'],
    ['Thai text separated by a zero-width space', `ติดต่อ${ZWSP}สมชาย@ตัวอย่าง.ไทย`, 'สมชาย@ตัวอย่าง.ไทย'],
    ['a Korean sentence', '문의는 사용자@예시.한국 으로', '사용자@예시.한국'],
    ['an Arabic sentence', 'راسلنا على ada@example.com شكرا', 'ada@example.com'],
    ['a Devanagari sentence', 'ईमेल: संपर्क@उदाहरण.भारत।', 'संपर्क@उदाहरण.भारत'],
  ])('finds only the address in %s', (_name, text, expected) => {
    expect(emailsIn(text)).toEqual(expect.arrayContaining([expected]));
    expect(emailsIn(text)[0]).toBe(expected);
  });

  it.each([
    ['right-to-left marks', `${RLM}משתמש@דוגמה.ישראל${RLM}`, 'משתמש@דוגמה.ישראל'],
    ['left-to-right marks in Hebrew text', `כתבו ל ${LRM}ada@example.com${LRM} תודה`, 'ada@example.com'],
    ['Arabic letter marks', `${ALM}مستخدم@مثال.مصر${ALM}`, 'مستخدم@مثال.مصر'],
    ['an embedding in a right-to-left embedding', `${RLE}שלום ${LRE}ada@example.com${PDF}${PDF}`, 'ada@example.com'],
    ['isolates', `${RLI}ada@example.com${PDI}`, 'ada@example.com'],
    ['a left-to-right isolate in Arabic text', `مرحبا ${LRI}ada@example.com${PDI} شكرا`, 'ada@example.com'],
    ['an override', `${RLO}ada@example.com${PDF}`, 'ada@example.com'],
    ['marks directly against Hebrew letters', `שלום${LRM}ada@example.com${LRM}שלום`, 'ada@example.com'],
    ['marks directly against Arabic letters', `مرحبا${RLM}مستخدم@مثال.مصر${RLM}شكرا`, 'مستخدم@مثال.مصر'],
  ])('leaves %s out of the address and its span', (_name, text, expected) => {
    const [match] = findEmails(text);
    expect(match?.email).toBe(expected);
    expect(text.slice(match?.start, match?.end)).toBe(expected);
  });

  it.each([
    ['Latin', 'ada.lovelace@example.com'],
    ['Cyrillic', 'иван@пример.рф'],
    ['Greek', 'χρήστης@παράδειγμα.ελ'],
    ['Hebrew', 'משתמש@דוגמה.ישראל'],
    ['Devanagari', 'संपर्क@उदाहरण.भारत'],
    ['Latin with diacritics', 'jürgen@bücher.de'],
  ])('never reports a %s address from inside a word', (_name, address) => {
    const [local = '', domain = ''] = address.split('@');
    // Every way of gluing a letter of the same word onto either side: either the whole run is the
    // address or there is none, but never a tail or a head of the word.
    for (const glued of [`x${address}`, `${local.slice(-1)}${address}`, `${address}${domain.slice(-1)}`]) {
      for (const match of findEmails(`${glued} `)) {
        const text = `${glued} `;
        expect(WORD_CHARACTER.test(text[match.start - 1] ?? ' '), `${glued} → ${match.email}`).toBe(false);
        expect(WORD_CHARACTER.test(text[match.end] ?? ' '), `${glued} → ${match.email}`).toBe(false);
      }
    }
  });

  it.each([
    ['a Katakana word', 'メールアドレス@例え.jp'],
    ['a Latin word followed by Katakana', 'taroメール@example.jp'],
    ['a Persian word with a non-joiner', `علی${ZWNJ}رضا@example.com`],
    ['a name with a typographic apostrophe', 'o’brien@example.ie'],
    ['Latin followed by Han', 'zhang张伟@example.com'],
  ])('starts %s at its first letter', (_name, text) => {
    expect(findEmails(text)[0]?.start).toBe(0);
  });

  it.each([
    ['a mark with nothing to combine with', '\u0301ada@example.com', 'ada@example.com'],
    ['a leading non-joiner', `${ZWNJ}ada@example.com`, 'ada@example.com'],
    ['a leading typographic apostrophe', '’ada@example.com’', 'ada@example.com'],
    ['typographic quotes', '‘ada@example.com’ and “bob@example.org”', 'ada@example.com'],
  ])('does not start an address with %s', (_name, text, expected) => {
    expect(emailsIn(text)[0]).toBe(expected);
  });

  it.each([
    ['an ideographic full stop as a domain dot', 'x@例子。中国'],
    ['a fullwidth at sign', 'ada＠example.com'],
    ['superscript digits as a top-level domain', 'ada@example.²³'],
    ['a top-level domain of one Han letter', 'x@例子.中'],
  ])('rejects %s', (_name, text) => {
    expect(emailsIn(text)).toEqual([]);
  });
});
