import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * "production" is what ships to the store. "test" (KS_FLAVOUR=test) adds the local Kustomer sandbox
 * host and a pinned extension id (stable OAuth redirect URI); it is built for tests and the demo only.
 */
const flavour = process.env.KS_FLAVOUR === 'test' ? 'test' : 'production';

/** Public half of a development-only key: pins the test build's id to jndjnofdpedebllphnccggnmpbpmmije. */
const TEST_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtxo63YAoxLmkFUAKLBOUXjRTn4LUSsE8nUKBFh5sFUqD9FgekLxfo4LInz0X8dJu8Joxh///246GSJKK8JlJZKEdfjAUuEtnnUkbhGdbBpyXJyh4zkmGRlxuS4uJ5bHs2ddx+I1huewMk1iLnKKhIXf8wTYC7CzY8awj+7qCoc5RiFPGcdJou177I7xf8ORd/Mb5pdeWpkFduvzwwHj8QXf8HH+rQZ1tBjEFZlsF2lQ2g5TIpdHLwMlfOTu5mziWjZEu35NwCR7/QtkPRX4aXP3+dDIiC0KPCf3jHDg6JtrkkJBkJUZJPNc62m0kRse8IBNSwq4dHQcQjqm4NS8qGwIDAQAB';

export const KUSTOMER_HOST_PERMISSIONS = ['https://*.kustomerapp.com/*'];
export const SANDBOX_HOST_PERMISSIONS = ['http://127.0.0.1/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: process.env.KS_OUT_DIR ?? '.output',
  outDirTemplate:
    flavour === 'test' ? '{{browser}}-mv{{manifestVersion}}-test' : '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  hooks: {
    // The content script (8 KB budget, runs on every enabled page) and the background (25 KB budget, starts
    // on every event) use Chrome's native promise-based API (WXT's own `browser`) instead of
    // webextension-polyfill's 3 KB wrapper, which adds nothing on Chrome ≥ 116. Extension pages keep it.
    'vite:build:extendConfig': (entrypoints, config) => {
      const native = new Set(['content-script', 'background']);
      if (!entrypoints.every((entrypoint) => native.has(entrypoint.type))) return;
      const replacements: Record<string, string> = { 'wxt/browser': '@wxt-dev/browser' };
      // The content script gets a context with only the hand-over it uses (lib/content-script/context.ts).
      if (entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) {
        replacements['wxt/utils/content-script-context'] = fileURLToPath(
          new URL('./lib/content-script/context.ts', import.meta.url),
        );
      }
      const alias = config.resolve?.alias;
      if (Array.isArray(alias)) {
        for (const [find, replacement] of Object.entries(replacements)) {
          const entry = alias.find((candidate) => candidate.find === find);
          if (entry) entry.replacement = replacement;
          else alias.unshift({ find, replacement });
        }
      } else if (alias) {
        Object.assign(alias as Record<string, string>, replacements);
      }
    },
  },
  vite: () => ({
    plugins: [preact()],
    define: { __KS_FLAVOUR__: JSON.stringify(flavour) },
  }),
  manifest: {
    name: flavour === 'test' ? 'Kustomer Sidebar (test build)' : 'Kustomer Sidebar',
    description: 'See who a customer is in Kustomer from any page, and act without switching tabs.',
    minimum_chrome_version: '116',
    permissions: ['sidePanel', 'storage', 'contextMenus', 'alarms', 'identity', 'scripting', 'activeTab'],
    host_permissions:
      flavour === 'test' ? [...KUSTOMER_HOST_PERMISSIONS, ...SANDBOX_HOST_PERMISSIONS] : KUSTOMER_HOST_PERMISSIONS,
    // Detection runs only on sites the agent turns on; each is requested at that moment.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Open Kustomer Sidebar' },
    side_panel: { default_path: 'sidepanel.html' },
    // An admin's policy may push orgName, region and clientId (lib/ui/managed-settings.ts, docs/oauth-setup.md).
    storage: { managed_schema: 'managed_schema.json' },
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Open the Kustomer side panel',
      },
      'quick-note': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Add the selected text as a note in Kustomer',
      },
    },
    ...(flavour === 'test' ? { key: TEST_MANIFEST_KEY } : {}),
  },
});
