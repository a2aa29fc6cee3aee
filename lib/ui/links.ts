/**
 * Web addresses in Kustomer text (messages, notes) as safe links (issue 17). The text is never parsed as HTML: it is
 * cut into plain-text pieces and link pieces, and a component renders each piece as text or as an `<a>` whose
 * `href` is the parsed URL. Only `http:`/`https:` addresses written out with their scheme become links.
 */

import { parseHttpUrl } from '../url';

export type TextPiece = { text: string; href?: undefined } | { text: string; href: string };

/**
 * A candidate address: the scheme, then anything up to white space, quotes, angle brackets, control characters,
 * zero-width characters or a bidi control (Unicode `Cc`, `Cf`) (which could make the shown address differ from the one opened).
 */
const CANDIDATE = /\bhttps?:\/\/[^\s"'<>`\p{Cc}\p{Cf}]+/giu;
/** Punctuation that ends a sentence rather than the address. */
const TRAILING = /[.,;:!?*_~]+$/;
/** The most links made in one text; the rest stays text (a hostile message cannot fill the page with links). */
export const MAX_LINKS = 50;

/**
 * The URL a written address opens, or null when it must stay text: not http(s), a user name or password before the
 * host ("https://bank.example@evil.example" reads as the bank but opens evil.example), or no host at all.
 */
export function linkTarget(written: string): string | null {
  const url = parseHttpUrl(written);
  if (!url || url.username || url.password || !url.hostname) return null;
  return url.href;
}

/** Drops a closing bracket the address does not open: "(see https://x.example/a)" ends before ")". */
function trimUnbalanced(candidate: string): string {
  let text = candidate.replace(TRAILING, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
  ] as const) {
    while (text.endsWith(close) && text.split(open).length < text.split(close).length) {
      text = text.slice(0, -1).replace(TRAILING, '');
    }
  }
  return text;
}

/**
 * The text cut into plain pieces and link pieces, in order. Joined, the pieces' `text` is the input, except that a
 * link to an internationalised host shows its punycode form.
 */
export function linkPieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  let links = 0;
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null && links < MAX_LINKS; match = CANDIDATE.exec(text)) {
    const written = trimUnbalanced(match[0]);
    const href = linkTarget(written);
    if (!href) continue;
    if (match.index > last) pieces.push({ text: text.slice(last, match.index) });
    // A host written in another script may imitate a known one ("раураl.com"): the link shows what it opens.
    pieces.push({ text: new URL(href).hostname.includes('xn--') ? href : written, href });
    links += 1;
    last = match.index + written.length;
    CANDIDATE.lastIndex = last;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
