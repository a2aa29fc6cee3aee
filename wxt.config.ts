import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { defineConfig } from 'wxt';
import { type ChromeMessages, PSEUDO_LOCALES, pseudoCatalogue } from './lib/i18n/pseudo';
import { manifestFor } from './manifest';

/**
 * "production" is what ships to the store. "test" (KS_FLAVOUR=test) adds the local Kustomer sandbox
 * host and a pinned extension id (stable OAuth redirect URI); it is built for tests and the demo only.
 */
const flavour = process.env.KS_FLAVOUR === 'test' ? 'test' : 'production';
// `wxt build -b firefox` builds the Firefox add-on from the same entrypoints; manifest.ts says what differs.

export default defineConfig({
  manifestVersion: 3,
  // @wxt-dev/i18n turns locales/*.yml into _locales/*/messages.json and types the keys (lib/i18n/t.ts).
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  outDir: process.env.KS_OUT_DIR ?? '.output',
  // The sources zip AMO review needs (`wxt zip -b firefox`): what `npm ci && npm run build:firefox` reads, without
  // tests, benchmarks, screenshots or local output (the 4 MB spec copy is a test fixture).
  zip: {
    excludeSources: [
      'test/**',
      'test-results/**',
      'playwright-report/**',
      'bench/**',
      'demo-output/**',
      'docs/screenshots/**',
      'scripts/demo.ts',
    ],
  },
  outDirTemplate:
    flavour === 'test' ? '{{browser}}-mv{{manifestVersion}}-test' : '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  hooks: {
    // The test flavour also carries the pseudo-locales (lib/i18n/pseudo.ts) that the locale e2e tests open the panel in.
    'build:publicAssets': async (_, assets) => {
      if (flavour !== 'test') return;
      const english = generateChromeMessages(
        await parseMessagesFile(fileURLToPath(new URL('./locales/en.yml', import.meta.url))),
      ) as ChromeMessages;
      for (const { folder, code, dir, transform } of PSEUDO_LOCALES) {
        const messages = pseudoCatalogue(english, transform, { code, dir });
        assets.push({ relativeDest: `_locales/${folder}/messages.json`, contents: JSON.stringify(messages) });
      }
    },
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
  manifest: ({ browser }) => manifestFor(browser === 'firefox' ? 'firefox' : 'chrome', flavour),
});
