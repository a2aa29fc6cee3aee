import { describe, expect, it } from 'vitest';
import { canonicalDomain, isOnDomainList } from '../../../lib/email/domain-list';

describe('canonicalDomain', () => {
  it.each([
    ['an ASCII domain', 'acme.com', 'acme.com'],
    ['capitals', 'ACME.Com', 'acme.com'],
    ['a trailing dot', 'acme.com.', 'acme.com'],
    ['a Unicode domain', 'bücher.example', 'xn--bcher-kva.example'],
    ['its punycode', 'xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['a decomposed umlaut', 'bu\u0308cher.example', 'xn--bcher-kva.example'],
    ['fullwidth letters and dot', 'ａｃｍｅ．ｃｏｍ', 'acme.com'],
    ['an ideographic full stop', 'acme。com', 'acme.com'],
    ['circled letters', 'ⓐⓒⓜⓔ.com', 'acme.com'],
    ['a Kelvin sign', '\u212acme.com', 'kcme.com'],
    ['a dotless ı', 'ıbm.com', 'ibm.com'],
    ['a dotted capital İ', 'İBM.com', 'ibm.com'],
    ['a sharp s', 'straße.de', 'strasse.de'],
    ['a final sigma', 'ς.gr', canonicalDomain('σ.gr')],
    ['zero-width characters', 'ac\u200dme\u200b.com', 'acme.com'],
    ['bidi marks', '\u200eacme.com\u200f', 'acme.com'],
    ['a Japanese domain', '例え.jp', 'xn--r8jz45g.jp'],
  ])('folds %s', (_name, input, expected) => {
    expect(canonicalDomain(input)).toBe(expected);
  });

  it.each([
    ['an empty string', ''],
    ['one label', 'localhost'],
    ['an IPv4 address', '10.0.0.1'],
    ['a hexadecimal IPv4 address', '0x7f.1'],
    ['an IPv6 address', '[::1]'],
    ['a URL', 'https://acme.com'],
    ['a path', 'acme.com/x'],
    ['a port', 'acme.com:80'],
    ['user information', 'bob@acme.com'],
    ['a percent-encoded dot', 'acme%2Ecom'],
    ['an empty label', 'acme..com'],
    ['a leading hyphen', '-acme.com'],
    ['a numeric top-level label', 'acme.123'],
    ['a space', 'ac me.com'],
  ])('rejects %s', (_name, input) => {
    expect(canonicalDomain(input)).toBeNull();
  });
});

describe('isOnDomainList (the list holds canonical forms)', () => {
  it.each([
    ['the domain itself', 'bob@acme.com', ['acme.com'], true],
    ['a subdomain', 'bob@eu.acme.com', ['acme.com'], true],
    ['a fullwidth subdomain', 'bob@ｅｕ．ａｃｍｅ．ｃｏｍ', ['acme.com'], true],
    ['a Unicode address, punycode listed', 'bob@bücher.example', ['xn--bcher-kva.example'], true],
    ['a punycode address', 'bob@xn--bcher-kva.example', ['xn--bcher-kva.example'], true],
    ['a dotless ı', 'bob@mıcrosoft.com', ['microsoft.com'], true],
    ['a domain that only ends alike', 'bob@notacme.com', ['acme.com'], false],
    ['a listed domain inside another', 'bob@acme.com.evil.io', ['acme.com'], false],
    ['an address without a valid domain', 'bob@localhost', ['acme.com'], false],
    ['an empty list', 'bob@acme.com', [], false],
  ])('%s', (_name, email, domains, expected) => {
    expect(isOnDomainList(email, domains)).toBe(expected);
  });
});
