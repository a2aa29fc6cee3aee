import { describe, expect, it } from 'vitest';
import { kustomerBaseUrl, normaliseOrgName, resolveApiLink } from '../../../lib/kustomer/base-url';
import { KustomerError } from '../../../lib/kustomer/errors';

describe('kustomerBaseUrl', () => {
  it.each([
    [{ region: 'us' as const }, 'https://api.kustomerapp.com'],
    [{ region: 'eu' as const }, 'https://api.prod2.kustomerapp.com'],
    [{ region: 'in' as const }, 'https://api.prod4.kustomerapp.com'],
    [{ org: 'acme' }, 'https://acme.api.kustomerapp.com'],
    [{ org: '  Acme-Support ' }, 'https://acme-support.api.kustomerapp.com'],
    [{ org: 'https://acme.kustomerapp.com/app' }, 'https://acme.api.kustomerapp.com'],
    [{ custom: 'http://127.0.0.1:4010/' }, 'http://127.0.0.1:4010'],
    [{ custom: 'http://localhost:4010/v1' }, 'http://localhost:4010'],
    [{ custom: 'https://kustomer-proxy.example.com/api/' }, 'https://kustomer-proxy.example.com/api'],
  ])('builds %o as %s', (host, expected) => {
    expect(kustomerBaseUrl(host)).toBe(expected);
  });

  it.each([
    [{ custom: 'not a url' }],
    [{ custom: 'ftp://example.com' }],
    [{ custom: 'http://example.com' }],
    [{ custom: 'https://user:secret@example.com' }],
    [{ custom: 'https://example.com/?token=x' }],
    [{ org: 'acme corp' }],
    [{ org: '' }],
    [{ region: 'mars' as 'us' }],
  ])('refuses %o with a validation error', (host) => {
    expect(() => kustomerBaseUrl(host)).toThrow(KustomerError);
    try {
      kustomerBaseUrl(host);
    } catch (error) {
      expect((error as KustomerError).kind).toBe('validation');
    }
  });
});

describe('normaliseOrgName', () => {
  it('strips the api host suffix', () => {
    expect(normaliseOrgName('acme.api.kustomerapp.com')).toBe('acme');
  });
});

describe('resolveApiLink', () => {
  it('resolves a relative link against the API origin', () => {
    expect(resolveApiLink('http://127.0.0.1:4010', '/v1/customers?page=3&pageSize=100')).toBe(
      'http://127.0.0.1:4010/v1/customers?page=3&pageSize=100',
    );
  });

  it('refuses a link to another host so the token never leaves the API origin', () => {
    expect(() => resolveApiLink('https://api.kustomerapp.com', 'https://evil.example/v1/customers')).toThrow(
      /another host/,
    );
  });
});
