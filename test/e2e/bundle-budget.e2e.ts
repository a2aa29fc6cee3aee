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
