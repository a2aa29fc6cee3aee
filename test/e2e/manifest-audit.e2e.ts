import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FIREFOX_PRODUCTION_EXTENSION_DIR, PRODUCTION_EXTENSION_DIR } from './paths';

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

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** The Chrome build (which Edge runs too) and the Firefox build pass the same audit. */
for (const [browser, dir] of [
  ['Chrome', PRODUCTION_EXTENSION_DIR],
  ['Firefox', FIREFOX_PRODUCTION_EXTENSION_DIR],
] as const) {
  const manifest = readManifest(dir);

  test.describe(`production manifest audit (${browser})`, () => {
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
}

/**
 * What each built manifest holds for its browser, including the keys WXT writes from the entrypoints
 * (test/unit/build/manifest.test.ts checks manifest.ts itself).
 */
test.describe('each build carries only its browser’s keys', () => {
  const chrome = readManifest(PRODUCTION_EXTENSION_DIR) as Manifest & Record<string, unknown>;
  const firefox = readManifest(FIREFOX_PRODUCTION_EXTENSION_DIR) as Manifest & Record<string, unknown>;

  test('the Chrome build: side_panel and a service worker, nothing Firefox-only', () => {
    expect(chrome.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.permissions).toContain('sidePanel');
    for (const key of ['browser_specific_settings', 'sidebar_action']) expect(chrome, key).not.toHaveProperty(key);
  });

  test('the Firefox build: sidebar_action, an event page, a fixed id, nothing Chrome-only', () => {
    expect(firefox.sidebar_action).toMatchObject({ default_panel: 'sidepanel.html' });
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings).toMatchObject({
      gecko: { id: expect.stringMatching(/@/), strict_min_version: '140.0' },
    });
    expect(firefox.permissions).not.toContain('sidePanel');
    for (const key of ['side_panel', 'minimum_chrome_version', 'key']) expect(firefox, key).not.toHaveProperty(key);
    expect(Object.keys(firefox.commands as object)).toEqual(['_execute_sidebar_action', 'quick-note']);
  });
});

/**
 * Edge runs the Chrome build unchanged (docs/browsers.md). What Edge Add-ons checks when the package is uploaded
 * is the Chromium manifest: Manifest V3, a name, a description and a version in Chromium's format, a 128 px icon
 * that exists in the package, no `update_url` (the store updates it) and no development `key`. Edge 116+ has
 * every API the build uses (`sidePanel` included), so `minimum_chrome_version` holds for Edge too.
 */
test('the Chrome build has the manifest fields Edge Add-ons requires', () => {
  const edge = readManifest(PRODUCTION_EXTENSION_DIR) as Manifest & {
    manifest_version: number;
    name: string;
    description: string;
    version: string;
    icons: Record<string, string>;
    minimum_chrome_version: string;
    update_url?: string;
  };
  expect(edge.manifest_version).toBe(3);
  expect(edge.name.length).toBeGreaterThan(0);
  expect(edge.name.length).toBeLessThanOrEqual(45);
  expect(edge.description.length).toBeGreaterThan(0);
  expect(edge.description.length).toBeLessThanOrEqual(132);
  expect(edge.version).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
  expect(edge.update_url).toBeUndefined();
  expect(edge.key).toBeUndefined();
  expect(Number(edge.minimum_chrome_version)).toBeGreaterThanOrEqual(116);
  const icon = readFileSync(join(PRODUCTION_EXTENSION_DIR, edge.icons['128'] ?? 'missing'));
  // A PNG's IHDR holds width and height at bytes 16-23.
  expect(icon.subarray(1, 4).toString()).toBe('PNG');
  expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([128, 128]);
});
