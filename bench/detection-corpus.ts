/**
 * Deterministic "realistic page text" for the detection benchmark and the 1 MB e2e page: prose, signatures,
 * tables, URLs, asset names like logo@2x.png, package@1.2.3, @handles, and a few hundred real addresses per MB.
 */

export interface Corpus {
  text: string;
  /** Every address inserted, lower-cased, in order (with repeats). */
  addresses: string[];
}

export interface CorpusPage {
  html: string;
  addresses: string[];
  /** Elements plus text nodes in the body, roughly. */
  nodes: number;
}

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same corpus on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the customer asked about their order and we replied within the hour please find attached invoice for last month shipping was delayed because of weather thanks for your patience our team will follow up tomorrow with a refund status update ticket escalated to billing account settings password reset link expired'.split(
    ' ',
  );
const FIRST = [
  'ada',
  'grace',
  'alan',
  'linus',
  'margaret',
  'dennis',
  'barbara',
  'ken',
  'radia',
  'tim',
  'frances',
  'edsger',
];
const LAST = [
  'lovelace',
  'hopper',
  'turing',
  'torvalds',
  'hamilton',
  'ritchie',
  'liskov',
  'thompson',
  'perlman',
  'lee',
];
const DOMAINS = [
  'example.com',
  'acme.co.uk',
  'mail.example.org',
  'support.example.io',
  'bücher.de',
  'shop.example.net',
];
const DISTRACTIONS = [
  'https://cdn.example.com/assets/logo@2x.png?v=3',
  'icon@3x.webp',
  'hero-banner@2x.jpg',
  'npm install package@1.2.3',
  'follow @support_team for updates',
  'see https://example.com/docs#section-4',
  '[email protected]',
  'user@localhost',
  'version 2.4.1 released on 2024-05-06',
  'sprite@1.5x.png',
];

/** Text of about `bytes` UTF-16 code units with about `addressesPerMb` addresses per million. */
export function makeCorpus(bytes: number, seed = 1, addressesPerMb = 400): Corpus {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const addresses: string[] = [];
  const address = () => {
    const value = `${pick(FIRST)}${pick(['.', '_', '', '+news.'])}${pick(LAST)}@${pick(DOMAINS)}`;
    addresses.push(value);
    return value;
  };
  const parts: string[] = [];
  let length = 0;
  const addressChance = addressesPerMb / 1_000_000;
  while (length < bytes) {
    const kind = next();
    let piece: string;
    if (kind < 0.7) {
      const words = Array.from({ length: 8 + Math.floor(next() * 20) }, () => pick(WORDS));
      piece = `${words.join(' ')}. `;
    } else if (kind < 0.82) {
      piece = `${pick(DISTRACTIONS)} `;
    } else if (kind < 0.92) {
      piece = `| ${Math.floor(next() * 100000)} | ${pick(FIRST)} ${pick(LAST)} | ${pick(['open', 'snoozed', 'done'])} |\n`;
    } else {
      piece = `\n--\n${pick(FIRST)} ${pick(LAST)}\nSupport | +1 555 0${Math.floor(next() * 1000)} | `;
    }
    parts.push(piece);
    length += piece.length;
    if (next() < addressChance * piece.length) {
      const email = address();
      const wrapped = pick([`${email} `, `<${email}>, `, `(${email}) `, `mailto:${email} `, `"${email}". `]);
      parts.push(wrapped);
      length += wrapped.length;
    }
  }
  return { text: parts.join(''), addresses };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An HTML page of the corpus split into paragraphs of about `charsPerParagraph` (one text node each). */
export function makeCorpusPage(bytes: number, seed = 1, charsPerParagraph = 400): CorpusPage {
  const { text, addresses } = makeCorpus(bytes, seed);
  const paragraphs: string[] = [];
  for (let offset = 0; offset < text.length; ) {
    // Cut at a space so that no address is split between two paragraphs.
    let end = Math.min(text.length, offset + charsPerParagraph);
    while (end < text.length && text[end] !== ' ') end++;
    paragraphs.push(`<p>${escapeHtml(text.slice(offset, end))}</p>`);
    offset = end;
  }
  return {
    html: `<!doctype html><html><head><meta charset="utf-8"><title>Corpus</title></head><body>${paragraphs.join('\n')}</body></html>`,
    addresses,
    nodes: paragraphs.length * 2,
  };
}

/** A page of `nodes` nodes (elements + text) in nested sections, with an address every `addressEvery` rows. */
export function makeNodePage(nodes: number, addressEvery = 500): CorpusPage {
  const rows: string[] = [];
  const addresses: string[] = [];
  // Each row: <div><span>name</span><span>text</span></div> = 3 elements + 2 text nodes.
  const rowCount = Math.ceil(nodes / 5);
  for (let i = 0; i < rowCount; i++) {
    const email = i % addressEvery === 0 ? `customer${i}@example.com` : null;
    if (email) addresses.push(email);
    rows.push(
      `<div class="row"><span>Row ${i}</span><span>${email ? `Contact ${email} today` : `status ${i % 7} updated`}</span></div>`,
    );
    if (i % 100 === 99) rows.push('</section><section>');
  }
  return {
    html: `<!doctype html><html><head><meta charset="utf-8"><title>Nodes</title></head><body><section>${rows.join('')}</section></body></html>`,
    addresses,
    nodes: rowCount * 5,
  };
}
