import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLookupCache } from '../../../lib/background/lookup-cache';
import { createPageDetections } from '../../../lib/background/page-detections';
import { createSettingsService } from '../../../lib/background/settings';
import { DEFAULT_SETTINGS, lookupCacheItem, settingsItem } from '../../../lib/background/storage-items';
import type { PageEmail } from '../../../lib/messaging/model';

/**
 * Issue 21, finding 2: under a page's flood the agent's lookup waited for storage calls queued behind the
 * page's writes. Lookups read the settings from memory, and the cache's writes made at once share one step.
 */

beforeEach(() => {
  fakeBrowser.reset();
});

describe('settings in memory', () => {
  it('reads storage once for many lookups', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, neverLookUpDomains: ['acme.com'] });
    const settings = createSettingsService();
    const reads = vi.spyOn(fakeBrowser.storage.local, 'get');
    const answers = await Promise.all(Array.from({ length: 20 }, () => settings.get()));
    await settings.get();
    expect(reads).toHaveBeenCalledTimes(1);
    expect(answers.every((answer) => answer.neverLookUpDomains[0] === 'acme.com')).toBe(true);
  });

  it('answers its own change at once, and a change made elsewhere once storage tells', async () => {
    const settings = createSettingsService();
    await settings.get();
    await settings.update({ neverLookUpDomains: ['a.example'] });
    expect((await settings.get()).neverLookUpDomains).toEqual(['a.example']);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, neverLookUpDomains: ['b.example'] });
    await vi.waitFor(async () => expect((await settings.get()).neverLookUpDomains).toEqual(['b.example']));
  });
});

describe('lookup cache writes', () => {
  it('writes twenty answers made at once in at most two storage steps, all of them', async () => {
    const cache = createLookupCache(() => 1_000);
    const writes = vi.spyOn(fakeBrowser.storage.session, 'set');
    await Promise.all(Array.from({ length: 20 }, (_, i) => cache.set(`p${i}@example.com`, null, 60_000)));
    expect(writes.mock.calls.length).toBeLessThanOrEqual(2);
    expect(Object.keys(await lookupCacheItem.getValue())).toHaveLength(20);
  });

  it('keeps the order of a write, a delete and a clear', async () => {
    const cache = createLookupCache(() => 1_000);
    const first = cache.set('a@example.com', null, 60_000);
    const second = cache.set('b@example.com', null, 60_000);
    await cache.delete('a@example.com');
    await Promise.all([first, second]);
    expect(Object.keys(await lookupCacheItem.getValue())).toEqual(['b@example.com']);
    void cache.set('c@example.com', null, 60_000);
    await cache.clear();
    expect(await lookupCacheItem.getValue()).toEqual({});
    expect(await cache.get('c@example.com')).toBeUndefined();
  });
});

describe('a page report of 2,000 addresses', () => {
  it('is looked up in chunks with a task boundary between, so the agent’s messages get in', async () => {
    const calls: number[] = [];
    let agentRanAt = -1;
    const lookupMany = vi.fn(async (emails: readonly string[]) => {
      calls.push(emails.length);
      return emails.map((email): PageEmail => ({ email, status: 'unknown' }));
    });
    const detections = createPageDetections({
      lookup: { lookupMany },
      badge: { setBadgeText: vi.fn() },
      pageChanged: async () => undefined,
      knownEmails: async () => undefined,
      detectionActive: async () => true,
    });
    const emails = Array.from({ length: 2_000 }, (_, i) => `p${i}@flood.example`);
    const reported = detections.report(1, 0, 'https://flood.example/', emails);
    // A message that arrives while the report is being looked up (a task, like the agent's lookup).
    setTimeout(() => {
      agentRanAt = calls.length;
    }, 0);
    await reported;
    expect(calls.every((count) => count <= 250)).toBe(true);
    expect(calls.reduce((sum, count) => sum + count, 0)).toBe(2_000);
    expect(agentRanAt).toBeGreaterThan(0);
    expect(agentRanAt).toBeLessThan(calls.length);
  });
});
