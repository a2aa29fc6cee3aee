import { describe, expect, it } from 'vitest';
import { linkPieces, linkTarget, MAX_LINKS } from '../../../lib/ui/links';

const links = (text: string) => linkPieces(text).filter((piece) => piece.href !== undefined);

describe('linkPieces', () => {
  it('makes http and https addresses links and keeps every character of the text', () => {
    const text = 'See https://help.example.com/a?b=1#c and http://shop.example/orders/42.';
    const pieces = linkPieces(text);
    expect(pieces.map((piece) => piece.text).join('')).toBe(text);
    expect(links(text)).toEqual([
      { text: 'https://help.example.com/a?b=1#c', href: 'https://help.example.com/a?b=1#c' },
      { text: 'http://shop.example/orders/42', href: 'http://shop.example/orders/42' },
    ]);
  });

  it('never links javascript:, data:, vbscript:, file: or a bare host', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'www.example.com',
      'hxxps://evil.example',
      '<a href="javascript:alert(1)">click</a>',
    ]) {
      expect(links(text), text).toEqual([]);
      expect(
        linkPieces(text)
          .map((piece) => piece.text)
          .join(''),
      ).toBe(text);
    }
  });

  it('links only the https part of "javascript:https://…", whose href is https', () => {
    expect(links('javascript:https://ok.example/x')).toEqual([
      { text: 'https://ok.example/x', href: 'https://ok.example/x' },
    ]);
  });

  it('refuses an address with a user name that reads as another host', () => {
    expect(links('Log in at https://bank.example.com@evil.example/login')).toEqual([]);
    expect(links('https://user:pass@example.com/')).toEqual([]);
  });

  it('shows a look-alike (IDN) host as the punycode it opens, in the link text and the href', () => {
    const [link] = links('Pay at https://раураl.com/login now');
    expect(link?.href).toMatch(/^https:\/\/xn--[a-z0-9-]+\.com\/login$/);
    expect(link?.text).toBe(link?.href);
  });

  it('ends an address at a bidi control or zero-width character, so the shown text is what opens', () => {
    const rlo = 'https://example.com/\u202Egnp.exe';
    expect(links(rlo)).toEqual([{ text: 'https://example.com/', href: 'https://example.com/' }]);
    const zeroWidth = 'https://exa\u200Bmple.com';
    expect(links(zeroWidth)).toEqual([{ text: 'https://exa', href: 'https://exa/' }]);
    expect(links('https://\u2066evil.example')).toEqual([]);
  });

  it('leaves out sentence punctuation and a closing bracket the address does not open', () => {
    expect(links('(see https://x.example/a).')[0]?.text).toBe('https://x.example/a');
    expect(links('https://en.example/wiki/Foo_(bar)')[0]?.text).toBe('https://en.example/wiki/Foo_(bar)');
    expect(links('"https://q.example/"')[0]?.text).toBe('https://q.example/');
  });

  it('stops quotes and angle brackets from extending an address into markup', () => {
    const [link] = links('https://a.example/"><img src=x onerror=alert(1)>');
    expect(link?.href).toBe('https://a.example/');
  });

  it(`makes at most ${MAX_LINKS} links`, () => {
    const text = Array.from({ length: MAX_LINKS + 10 }, (_, index) => `https://e${index}.example`).join(' ');
    expect(links(text)).toHaveLength(MAX_LINKS);
    expect(
      linkPieces(text)
        .map((piece) => piece.text)
        .join(''),
    ).toBe(text);
  });
});

describe('linkTarget', () => {
  it('answers the parsed href for http(s) and null otherwise', () => {
    expect(linkTarget('https://Example.COM/a b')).toBe('https://example.com/a%20b');
    expect(linkTarget('https://')).toBeNull();
    expect(linkTarget('ftp://example.com')).toBeNull();
  });
});
