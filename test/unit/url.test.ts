import { describe, expect, it } from 'vitest';
import { isHttpUrl, originOf, parseHttpUrl, parseUrl, safeHttpUrl, siteOriginOf } from '../../lib/url';

describe('parseUrl', () => {
  it.each([
    ['https://mail.example.com/inbox?q=1', 'https://mail.example.com/inbox?q=1'],
    ['chrome-extension://abc/sidepanel.html', 'chrome-extension://abc/sidepanel.html'],
    ['HTTPS://Example.COM', 'https://example.com/'],
    ['not a url', null],
    ['/relative/path', null],
    ['', null],
    ['http://', null],
    [undefined, null],
  ])('reads %s as %s', (value, href) => {
    expect(parseUrl(value)?.href ?? null).toBe(href);
  });

  it('resolves against a base when one is given', () => {
    expect(parseUrl('/v1/customers?page=2', 'https://api.example.com/')?.href).toBe(
      'https://api.example.com/v1/customers?page=2',
    );
  });
});

describe('web pages', () => {
  it.each([
    ['https://a.example', true],
    ['http://a.example', true],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['file:///etc/passwd', false],
    ['chrome://extensions', false],
  ])('%s is a web page: %s', (value, web) => {
    const url = parseUrl(value);
    expect(url && isHttpUrl(url)).toBe(web);
    expect(parseHttpUrl(value) !== null).toBe(web);
  });
});

describe('origins', () => {
  it.each([
    ['https://mail.example.com/inbox', 'https://mail.example.com', 'https://mail.example.com'],
    ['http://127.0.0.1:4010/page.html', 'http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example', 'https://xn--bcher-kva.example'],
    ['ftp://files.example/a', 'ftp://files.example', null],
    ['about:blank', 'null', null],
    ['not a url', null, null],
    [undefined, null, null],
  ])('%s: origin %s, site %s', (value, origin, site) => {
    expect(originOf(value)).toBe(origin);
    expect(siteOriginOf(value)).toBe(site);
  });
});

describe('safeHttpUrl', () => {
  it.each([
    ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
    ['http://example.com', 'http://example.com/'],
    ['  https://example.com/x  ', 'https://example.com/x'],
    ['javascript:alert(1)', null],
    ['data:text/html,<b>x</b>', null],
    ['not a url', null],
    [42, null],
    [undefined, null],
  ])('turns %s into %s', (value, expected) => {
    expect(safeHttpUrl(value)).toBe(expected);
  });
});
