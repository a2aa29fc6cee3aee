import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PRODUCTION_EXTENSION_DIR } from './paths';

/** Patterns that would grant access to every site. */
const BROAD_HOST_PATTERNS = ['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*', '*://*/', 'file:///*'];

interface Manifest {
  host_permissions?: string[];
  optional_host_permissions?: string[];
  permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  content_security_policy?: { extension_pages?: string };
  externally_connectable?: unknown;
  web_accessible_resources?: unknown[];
  key?: string;
}

const manifest = JSON.parse(readFileSync(join(PRODUCTION_EXTENSION_DIR, 'manifest.json'), 'utf8')) as Manifest;

test.describe('production manifest audit', () => {
  test('no broad host permission is required', () => {
    for (const pattern of manifest.host_permissions ?? []) {
      expect(BROAD_HOST_PATTERNS, `host permission ${pattern}`).not.toContain(pattern);
      expect(pattern).toMatch(/^https:\/\/\*\.kustomerapp\.com\/\*$/);
    }
    expect(manifest.permissions ?? []).not.toContain('<all_urls>');
    expect(manifest.permissions ?? []).not.toContain('tabs');
  });

  test('no content script is injected statically', () => {
    expect(manifest.content_scripts ?? []).toEqual([]);
  });

  test('site access is only optional, asked for one site at a time', () => {
    expect(manifest.optional_host_permissions ?? []).toEqual(['https://*/*', 'http://*/*']);
  });

  test('the extension pages CSP allows neither eval nor inline or remote script', () => {
    const csp = manifest.content_security_policy?.extension_pages ?? '';
    expect(csp).toContain("script-src 'self'");
    for (const forbidden of ["'unsafe-eval'", "'unsafe-inline'", 'http:', 'https:', "'wasm-unsafe-eval'", 'data:']) {
      expect(csp).not.toContain(forbidden);
    }
  });

  test('no web page or other extension can connect to the extension', () => {
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });

  test('the production build carries no development key or sandbox host', () => {
    expect(manifest.key).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toMatch(/127\.0\.0\.1|localhost/);
  });
});
