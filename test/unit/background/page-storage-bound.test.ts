import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  boundFrames,
  boundTabs,
  MAX_PAGE_DATA_CHARS,
  MAX_SANDBOXED_FRAME_ADDRESSES,
  MAX_TAB_ADDRESS_CHARS,
  MAX_TAB_ADDRESSES,
} from '../../../lib/background/page-detections';
import { writeWithRoom } from '../../../lib/background/session-room';
import { lookupCacheItem, type TabDetection, tabDetectionsItem } from '../../../lib/background/storage-items';

/** 2,000 addresses of about 250 characters, as the attack's frames reported (issue 21, finding 4). */
const longAddresses = (frame: number) =>
  Array.from(
    { length: 2000 },
    (_, i) => `${'a'.repeat(60)}${frame}x${i}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example`,
  );

describe('what one tab may store (issue 21, finding 4)', () => {
  it('keeps twelve sandboxed frames of 2,000 long addresses within the tab’s room, top frame first', () => {
    let frames: Record<string, string[]> = { 0: ['ada@example.com'] };
    for (let frame = 1; frame <= 12; frame++) {
      frames = boundFrames({ ...frames, [frame]: longAddresses(frame) }, String(frame));
    }
    const all = Object.values(frames).flat();
    expect(frames[0]).toEqual(['ada@example.com']);
    for (let frame = 1; frame <= 12; frame++) {
      expect(frames[frame]?.length ?? 0).toBeLessThanOrEqual(MAX_SANDBOXED_FRAME_ADDRESSES);
    }
    expect(all.join('').length).toBeLessThanOrEqual(MAX_TAB_ADDRESS_CHARS);
    // Stored once (no union beside the frames): about 160 KB of JSON at most, against 10 MB before.
    expect(JSON.stringify(frames).length).toBeLessThan(160 * 1024);
  });

  it('bounds ordinary frames by count and characters', () => {
    const frames = boundFrames({ 0: longAddresses(0), 1: longAddresses(1) });
    const all = Object.values(frames).flat();
    expect(all.length).toBeLessThanOrEqual(MAX_TAB_ADDRESSES);
    expect(all.join('').length).toBeLessThanOrEqual(MAX_TAB_ADDRESS_CHARS);
    expect(frames[1]).toEqual([]);
    const short = boundFrames({ 0: Array.from({ length: 3000 }, (_, i) => `u${i}@example.com`) });
    expect(short[0]).toHaveLength(MAX_TAB_ADDRESSES);
  });
});

describe('what all tabs together may store (issue 21, finding 4)', () => {
  /** A tab stuffed to its own bound, as many tabs of a hostile site (or its popups) would be. */
  const stuffedTab = (tab: number): TabDetection => ({
    url: `https://hostile.example/${tab}`,
    frames: boundFrames({ 0: longAddresses(tab) }),
  });

  it('keeps all tabs within the global room, the reporting tab whole, every tab’s URL (run-once grants live apart, in site access)', () => {
    const entries: Record<string, TabDetection> = {};
    for (let tab = 1; tab <= 60; tab++) entries[tab] = stuffedTab(tab);
    const before = JSON.stringify(entries).length;
    boundTabs(entries, '60');
    const chars = Object.values(entries)
      .flatMap((entry) => Object.values(entry.frames).flat())
      .join('').length;
    // About 8 MB of page data before: 60 tabs each at its own bound.
    expect(before).toBeGreaterThan(7_000_000);
    expect(chars).toBeLessThanOrEqual(MAX_PAGE_DATA_CHARS);
    expect(entries[60]).toEqual(stuffedTab(60));
    for (let tab = 1; tab <= 60; tab++) {
      expect(entries[tab]?.url).toBe(`https://hostile.example/${tab}`);
    }
  });

  it('leaves tabs alone while they fit', () => {
    const entries = { 1: stuffedTab(1), 2: stuffedTab(2) };
    const copy = structuredClone(entries);
    boundTabs(entries, '1');
    expect(entries).toEqual(copy);
  });

  it('writes sign-in state and intents even when session storage is full of page data', async () => {
    fakeBrowser.reset();
    await tabDetectionsItem.setValue({ 7: stuffedTab(7) });
    await lookupCacheItem.setValue({ 'ada@example.com': { value: null, expiresAt: Date.now() + 60_000 } });
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    // The first write finds the area full; the page data goes and the write is tried once more.
    set.mockRejectedValueOnce(new Error('Resource::kQuotaBytes quota exceeded'));
    const write = vi.fn(() => fakeBrowser.storage.session.set({ panelIntent: { kind: 'showCustomer' } }));
    await writeWithRoom(write);
    expect(write).toHaveBeenCalledTimes(2);
    expect((await fakeBrowser.storage.session.get('panelIntent')).panelIntent).toEqual({ kind: 'showCustomer' });
    expect((await tabDetectionsItem.getValue())[7]).toEqual({ ...stuffedTab(7), frames: {} });
    expect(await lookupCacheItem.getValue()).toEqual({});
    // Any other failure is the caller's.
    const broken = vi.fn(() => Promise.reject(new Error('disk on fire')));
    await expect(writeWithRoom(broken)).rejects.toThrow('disk on fire');
    expect(broken).toHaveBeenCalledTimes(1);
    set.mockRestore();
  });
});
