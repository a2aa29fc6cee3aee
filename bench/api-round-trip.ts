import type { Page } from 'playwright-core';

/** One Kustomer lookup by email sent from a page straight to the sandbox: the baseline's "one round trip", in ms. */
export function apiRoundTrip(page: Page, sandbox: { url: string; apiKey: string }, address: string): Promise<number> {
  return page.evaluate(
    async ({ url, key, address }) => {
      const started = performance.now();
      await fetch(`${url}/v1/customers/email=${encodeURIComponent(address)}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      return performance.now() - started;
    },
    { url: sandbox.url, key: sandbox.apiKey, address },
  );
}
