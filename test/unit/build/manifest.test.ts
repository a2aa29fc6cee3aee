import { describe, expect, it } from 'vitest';
import { FIREFOX_ADDON_ID, FIREFOX_MIN_VERSION, type Flavour, manifestFor } from '../../../manifest';

/**
 * Keys (and permission or command names) only one browser understands. Firefox ignores Chrome's with a
 * warning that AMO's linter reports; Chrome refuses `browser_specific_settings` on upload to the Web Store,
 * and so does Edge's store for the same build. The built manifests (with the keys WXT adds from the
 * entrypoints: `side_panel` / `sidebar_action`, `background`) are audited in test/e2e/manifest-audit.e2e.ts.
 */
const CHROME_ONLY = { keys: ['side_panel', 'minimum_chrome_version', 'key'], permissions: ['sidePanel'] };
const FIREFOX_ONLY = {
  keys: ['browser_specific_settings', 'sidebar_action'],
  commands: ['_execute_sidebar_action'],
};
const FLAVOURS: Flavour[] = ['production', 'test'];

describe.each(FLAVOURS)('manifests of the %s flavour', (flavour) => {
  const chrome = manifestFor('chrome', flavour);
  const firefox = manifestFor('firefox', flavour);

  it('gives Firefox no Chrome-only key, permission or command', () => {
    for (const key of CHROME_ONLY.keys) expect(firefox, key).not.toHaveProperty(key);
    expect(firefox.permissions).not.toEqual(expect.arrayContaining(CHROME_ONLY.permissions));
    expect(Object.keys(firefox.commands ?? {})).not.toContain('_execute_action');
  });

  it('gives Chrome no Firefox-only key or command', () => {
    for (const key of FIREFOX_ONLY.keys) expect(chrome, key).not.toHaveProperty(key);
    for (const command of FIREFOX_ONLY.commands) expect(Object.keys(chrome.commands ?? {})).not.toContain(command);
  });

  it('asks both browsers for the same permissions, apart from the panel', () => {
    expect(chrome.permissions?.filter((permission) => permission !== 'sidePanel')).toEqual(firefox.permissions);
    expect(chrome.host_permissions).toEqual(firefox.host_permissions);
    expect(chrome.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(firefox.optional_host_permissions).toEqual(chrome.optional_host_permissions);
  });

  it('has the same shortcuts in both browsers: one opens the panel, one makes a quick note', () => {
    const shortcuts = (manifest: typeof chrome) =>
      Object.values(manifest.commands ?? {}).map((command) => {
        const key = command.suggested_key;
        return typeof key === 'string' ? key : key?.default;
      });
    expect(shortcuts(chrome)).toEqual(['Alt+Shift+K', 'Alt+Shift+N']);
    expect(shortcuts(firefox)).toEqual(shortcuts(chrome));
  });

  it('pins the Firefox add-on id and the version that has every API the add-on uses', () => {
    const gecko = firefox.browser_specific_settings?.gecko;
    expect(gecko?.id).toBe(FIREFOX_ADDON_ID);
    expect(gecko?.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    expect(gecko?.strict_min_version).toBe(FIREFOX_MIN_VERSION);
    // data_collection_permissions (required by AMO for new add-ons) is an error before Firefox 140.
    expect(Number.parseFloat(FIREFOX_MIN_VERSION)).toBeGreaterThanOrEqual(140);
    expect(gecko?.data_collection_permissions?.required).not.toContain('none');
  });
});

describe('test-flavour exposure', () => {
  it('exposes the panel to 127.0.0.1 only in the Firefox test build, for the smoke (docs/browsers.md)', () => {
    expect(manifestFor('firefox', 'test').web_accessible_resources).toEqual([
      { resources: ['sidepanel.html'], matches: ['http://127.0.0.1/*'] },
    ]);
    expect(manifestFor('firefox', 'production')).not.toHaveProperty('web_accessible_resources');
    expect(manifestFor('chrome', 'production')).not.toHaveProperty('web_accessible_resources');
    expect(manifestFor('chrome', 'test')).not.toHaveProperty('web_accessible_resources');
  });

  it('keeps the sandbox host and the development key out of production manifests', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      expect(JSON.stringify(manifestFor(browser, 'production'))).not.toMatch(/127\.0\.0\.1|localhost/);
      expect(manifestFor(browser, 'production')).not.toHaveProperty('key');
    }
  });
});
