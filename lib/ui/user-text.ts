/**
 * Text that comes from Kustomer (or a page) made safe to show: bounded in length, with the bidi
 * controls of names and addresses made visible, and URLs in Kustomer's own words defanged.
 * Issue 21, finding 8; the components that use these are in components/user-text.tsx.
 */

/** How many characters of a one-line value (name, address, subject, attribute) are shown. */
export const LINE_CAP = 200;
/** How many characters of a preview are shown. */
export const PREVIEW_CAP = 300;
/** How many characters of a note or message body are shown before "Show more". */
export const BODY_CAP = 2_000;
/** A timeline entry (message, note) longer than this, or than `ENTRY_LINES` lines, is collapsed (issue 17). */
export const ENTRY_CAP = 600;
export const ENTRY_LINES = 8;
/** The most "Show more" reveals: beyond this the panel says how much it left out. */
export const BODY_CEILING = 50_000;
/** The most a tooltip (`title`) holds of a shortened value. */
export const TITLE_CAP = 2_000;
/** The most of Kustomer's error text that is quoted. */
export const QUOTE_CAP = 300;

/** The bidi controls: embeddings and overrides, isolates, and the three marks. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

const BIDI_NAMES: Record<string, string> = {
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u061C': 'ALM',
};

/** Whether the text holds a bidi control character. */
export function hasBidiControl(text: string): boolean {
  BIDI_CONTROL.lastIndex = 0;
  return BIDI_CONTROL.test(text);
}

/**
 * Each bidi control as a visible mark, "⟨RLO⟩": in a name or address it can only mislead (reorder the
 * letters the agent reads), so the agent sees that it is there and the text keeps its stored order.
 */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROL, (control) => `⟨${BIDI_NAMES[control] ?? 'BIDI'}⟩`);
}

/** The first `limit` characters, never splitting a surrogate pair. */
function head(text: string, limit: number): string {
  const code = text.charCodeAt(limit - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
  return text.slice(0, end);
}

/** A value shortened to `limit` characters with an ellipsis, and whether it was. */
export function capText(text: string, limit: number): { text: string; capped: boolean } {
  if (text.length <= limit) return { text, capped: false };
  return { text: `${head(text, limit - 1)}…`, capped: true };
}

/**
 * URLs and host names written so that nothing turns them into links and a copy does not open them:
 * "https://evil.example/x" → "hxxps[:]//evil[.]example/x".
 */
export function defangUrls(text: string): string {
  return text
    .replace(/\b(h)(?:tt|xx)(ps?):\/\//gi, (_, h: string, rest: string) => `${h}xx${rest}[:]//`)
    .replace(/\b([a-z0-9-]+)\.(?=[a-z0-9-]+\b)/gi, (match, label: string) =>
      /^\d+$/.test(label) ? match : `${label}[.]`,
    );
}

/** Kustomer's own words, ready to quote: one line, defanged, bounded. */
export function quotableText(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return capText(defangUrls(showBidiControls(oneLine)), QUOTE_CAP).text;
}

/**
 * Where an address or host may wrap (issue 17, bug 4): after its `@` first, then before a dot, never in the
 * middle of a word unless one word is wider than the panel. "ada.lovelace@example.com" → [["ada", ".lovelace@"],
 * ["example", ".com"]]. Text with spaces (a name) wraps between its words as usual: one part, one piece.
 */
export function wrapParts(text: string): string[][] {
  if (/\s/.test(text)) return [[text]];
  const at = text.lastIndexOf('@');
  const parts = at > 0 ? [text.slice(0, at + 1), text.slice(at + 1)] : [text];
  return parts.map((part) => part.split(/(?=\.[^.])/));
}

/** The first `lines` lines of a text, at most `limit` characters, with an ellipsis when it was cut. */
export function collapseText(
  text: string,
  limit: number,
  lines = Number.POSITIVE_INFINITY,
): { text: string; capped: boolean } {
  let end = -1;
  for (let line = 0; line < lines; line += 1) {
    end = text.indexOf('\n', end + 1);
    if (end === -1) break;
  }
  if (end !== -1 && end < limit) return { text: `${head(text, end)}…`, capped: true };
  return capText(text, limit);
}
