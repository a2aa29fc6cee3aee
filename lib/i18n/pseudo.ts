/**
 * Pseudo-locales for tests (issue 20), built into the test flavour only (wxt.config.ts), never shipped:
 * - `en_XA`: every letter accented and each message ~40% longer, in ⟦ ⟧: a hard-coded string shows up as plain
 *   ASCII, a truncated one loses its closing bracket, and a layout sized for English has to make room.
 * - `ar_XB`: the English words written right to left (each run of letters inside RLO … PDF) in an `rtl` catalogue:
 *   the page mirrors as for Arabic or Hebrew, and the words show reversed, so a string that is not mirrored stands out.
 * Chromium loads both under `--lang=en-XA` / `--lang=ar-XB`. `{placeholders}` are kept as they are.
 */
export type ChromeMessages = Record<string, { message: string; description?: string }>;

const ACCENTS: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, index) => [
    letter,
    [...'áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][index] ?? letter,
  ]),
);

/** Text and `{placeholder}` pieces of a message, so the placeholders pass through untouched. */
function mapText(message: string, transform: (text: string) => string): string {
  return message
    .split(/(\{\w+\})/)
    .map((piece, index) => (index % 2 === 1 ? piece : transform(piece)))
    .join('');
}

/** "Cancel" → "⟦Çáñçéļ·öñé·⟧": accented, 40% longer (at least 2 characters more), bracketed. */
export function accented(message: string): string {
  if (message.trim() === '') return message;
  const accent = (text: string) => text.replace(/[A-Za-z]/g, (letter) => ACCENTS[letter] ?? letter);
  const extra = Math.max(2, Math.ceil(message.length * 0.4));
  const padding = ' one two three four five six seven eight nine ten'.repeat(Math.ceil(extra / 48)).slice(0, extra);
  return `⟦${mapText(message, accent)}${accent(padding).replace(/ /g, '·')}⟧`;
}

/** "Open note" → each run of letters between RLO and PDF: shown as "nepO eton", laid out right to left. */
export function rightToLeft(message: string): string {
  return mapText(message, (text) => text.replace(/[\p{L}\p{N}']+/gu, (word) => `\u202E${word}\u202C`));
}

/** A pseudo-locale's messages from the English ones; `locale.code` and `locale.dir` name the pseudo-locale. */
export function pseudoCatalogue(
  english: ChromeMessages,
  transform: (message: string) => string,
  locale: { code: string; dir: 'ltr' | 'rtl' },
): ChromeMessages {
  const messages: ChromeMessages = {};
  for (const [name, { message }] of Object.entries(english)) messages[name] = { message: transform(message) };
  messages.locale_code = { message: locale.code };
  messages.locale_dir = { message: locale.dir };
  return messages;
}

export const PSEUDO_LOCALES = [
  { folder: 'en_XA', code: 'en-XA', dir: 'ltr', transform: accented },
  { folder: 'ar_XB', code: 'ar-XB', dir: 'rtl', transform: rightToLeft },
] as const;
