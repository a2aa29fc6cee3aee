import { describe, expect, it } from 'vitest';
import { emailsFromMailto } from '../../../lib/email';

describe('emailsFromMailto', () => {
  it.each([
    ['a single recipient', 'mailto:ada@example.com', ['ada@example.com']],
    ['an upper-case scheme', 'MAILTO:Ada@Example.com', ['ada@example.com']],
    ['surrounding whitespace', '  mailto:ada@example.com  ', ['ada@example.com']],
    ['several recipients', 'mailto:ada@x.com,bob@y.org', ['ada@x.com', 'bob@y.org']],
    ['an encoded comma between recipients', 'mailto:ada@x.com%2Cbob@y.org', ['ada@x.com', 'bob@y.org']],
    ['an encoded at sign', 'mailto:ada%40x.com', ['ada@x.com']],
    ['a to field', 'mailto:?to=ada@x.com', ['ada@x.com']],
    ['cc and bcc fields', 'mailto:ada@x.com?cc=bob@y.org&bcc=eve@z.net', ['ada@x.com', 'bob@y.org', 'eve@z.net']],
    ['upper-case field names', 'mailto:?CC=bob@y.org&Bcc=eve@z.net', ['bob@y.org', 'eve@z.net']],
    ['several addresses in one field', 'mailto:?cc=a@x.com,b@x.com', ['a@x.com', 'b@x.com']],
    ['a display name', 'mailto:Ada%20Lovelace%20%3Cada@x.com%3E', ['ada@x.com']],
    ['a plus tag kept as a plus', 'mailto:ada+news@x.com', ['ada+news@x.com']],
    ['duplicates', 'mailto:ada@x.com?cc=ADA@x.com', ['ada@x.com']],
    ['a subject that is ignored', 'mailto:ada@x.com?subject=write%20bob@y.org', ['ada@x.com']],
    ['a body that is ignored', 'mailto:ada@x.com?body=eve@z.net', ['ada@x.com']],
    ['a fragment', 'mailto:ada@x.com#top', ['ada@x.com']],
    ['malformed percent-encoding', 'mailto:ada@x.com%E0%A4%A?cc=bob%40y.org', ['ada@x.com', 'bob@y.org']],
    ['an encoded Unicode address', 'mailto:j%C3%BCrgen@example.de', ['jürgen@example.de']],
    ['an empty mailto', 'mailto:', []],
    ['junk', 'mailto:not an address', []],
    ['an image name', 'mailto:logo@2x.png', []],
    ['an http link', 'https://example.com/?to=ada@x.com', []],
    ['a javascript link', 'javascript:alert("ada@x.com")', []],
    ['a field without a value', 'mailto:ada@x.com?cc', ['ada@x.com']],
  ])('reads %s', (_name, href, expected) => {
    expect(emailsFromMailto(href)).toEqual(expected);
  });
});
