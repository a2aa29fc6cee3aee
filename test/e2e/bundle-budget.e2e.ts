import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { measureBundles } from '../../bench/bundle-sizes';
import { PRODUCTION_EXTENSION_DIR } from './paths';

test.describe('bundle budgets of the production build (gzip)', () => {
  for (const bundle of measureBundles(PRODUCTION_EXTENSION_DIR)) {
    if (bundle.budgetBytes === undefined) continue;
    test(`${bundle.entrypoint} stays within ${bundle.budgetBytes / 1024} KB`, () => {
      expect(bundle.files.length).toBeGreaterThan(0);
      expect(bundle.gzipBytes, `${bundle.entrypoint}: ${bundle.files.join(', ')}`).toBeLessThanOrEqual(
        bundle.budgetBytes ?? 0,
      );
    });
  }
});

test('production code depends only on released versions (issue 14: no pre-release to make a budget)', () => {
  const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
  const manifest = read('package.json') as { dependencies: Record<string, string> };
  const lock = read('package-lock.json') as { packages: Record<string, { version?: string; dev?: boolean }> };
  const installed = Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true)
    .map(([path, entry]) => `${path.slice('node_modules/'.length)}@${entry.version ?? ''}`);
  expect(installed.length).toBeGreaterThanOrEqual(Object.keys(manifest.dependencies).length);
  // A semver pre-release has a hyphen after the patch number (2.0.0-alpha.3).
  expect(installed.filter((name) => /@\d+\.\d+\.\d+-/.test(name))).toEqual([]);
  expect(Object.values(manifest.dependencies).filter((range) => /\d+\.\d+\.\d+-/.test(range))).toEqual([]);
});
