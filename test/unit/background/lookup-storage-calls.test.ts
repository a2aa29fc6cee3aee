import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLookupService } from '../../../lib/background/lookup';
import { createLookupCache } from '../../../lib/background/lookup-cache';
import { createSettingsService } from '../../../lib/background/settings';
import { DEFAULT_SETTINGS, lookupCacheItem, settingsItem } from '../../../lib/background/storage-items';

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

  it('keeps the 500 expiring last', async () => {
    const cache = createLookupCache(() => 1_000);
    await Promise.all(Array.from({ length: 600 }, (_, i) => cache.set(`p${i}@example.com`, null, 60_000 + i)));
    const kept = Object.keys(await lookupCacheItem.getValue());
    expect(kept).toHaveLength(500);
    expect(kept).not.toContain('p99@example.com');
    expect(kept).toContain('p100@example.com');
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
  it('is looked up with task boundaries in between, so the agent’s messages get in', async () => {
    const lookup = createLookupService({
      connectionId: 'org-0',
      client: () => Promise.reject(new Error('not called: every address is on the never-look-up list')),
      appUrl: async () => 'https://app.example',
      settings: async () => ({ ...DEFAULT_SETTINGS, neverLookUpDomains: ['flood.example'] }),
      cache: createLookupCache(() => 1_000),
    });
    const emails = Array.from({ length: 2_000 }, (_, i) => `p${i}@flood.example`);
    let answered = false;
    let agentRanFirst = false;
    const looked = lookup.lookupMany(emails, { tab: 1, site: 'https://flood.example' }).then((results) => {
      answered = true;
      return results;
    });
    // A message that arrives meanwhile (a task, like the agent's lookup) runs before the page's lookups end.
    setTimeout(() => {
      agentRanFirst = !answered;
    }, 0);
    const results = await looked;
    expect(results).toHaveLength(2_000);
    expect(results.every((entry) => entry.status === 'ignored')).toBe(true);
    expect(agentRanFirst).toBe(true);
  });
});
