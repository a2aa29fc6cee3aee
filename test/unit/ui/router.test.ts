import { expect, it } from 'vitest';
import { createRouter } from '../../../lib/ui/router';

it('goes forward and back through screens', () => {
  const router = createRouter();
  expect(router.canGoBack).toBe(false);
  router.navigate({ name: 'customer', email: 'ada@example.com' });
  router.navigate({ name: 'outbox' });
  expect(router.current).toEqual({ name: 'outbox' });
  expect(router.back()).toBe(true);
  expect(router.current).toEqual({ name: 'customer', email: 'ada@example.com' });
  expect(router.back()).toBe(true);
  expect(router.back()).toBe(false);
  expect(router.current).toEqual({ name: 'lookup' });
});

it('replaces the current screen without a Back entry, and resets to one screen', () => {
  const router = createRouter();
  router.navigate({ name: 'createCustomer', email: 'new@example.com' });
  router.replace({ name: 'customer', email: 'new@example.com' });
  router.back();
  expect(router.current).toEqual({ name: 'lookup' });
  router.navigate({ name: 'outbox' });
  router.reset({ name: 'lookup' });
  expect(router.canGoBack).toBe(false);
});
