import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineItem } from '../../lib/storage-item';

beforeEach(() => fakeBrowser.reset());

describe('defineItem', () => {
  it('reads the fallback until a value is written, then the value', async () => {
    const item = defineItem<string[]>('local:names', { fallback: [] });
    expect(await item.getValue()).toEqual([]);
    await item.setValue(['Ada']);
    expect(await item.getValue()).toEqual(['Ada']);
    expect(await fakeBrowser.storage.local.get('names')).toEqual({ names: ['Ada'] });
  });

  it('keeps each area apart: a session item is not in local storage', async () => {
    const item = defineItem<number>('session:count', { fallback: 0 });
    await item.setValue(3);
    expect(await fakeBrowser.storage.session.get('count')).toEqual({ count: 3 });
    expect(await fakeBrowser.storage.local.get('count')).toEqual({});
  });

  it.each([null, undefined])('removes the value when %s is written, so the fallback returns', async (empty) => {
    const item = defineItem<string | null>('local:draft', { fallback: null });
    await item.setValue('typed');
    await item.setValue(empty);
    expect(await fakeBrowser.storage.local.get('draft')).toEqual({});
    expect(await item.getValue()).toBeNull();
  });

  it('tells a watcher about changes with fallbacks for absent values, and stops when asked', async () => {
    const item = defineItem<string>('local:mode', { fallback: 'light' });
    const seen = vi.fn();
    const stop = item.watch(seen);
    await item.setValue('dark');
    await vi.waitFor(() => expect(seen).toHaveBeenCalledWith('dark', 'light'));
    await item.removeValue();
    await vi.waitFor(() => expect(seen).toHaveBeenLastCalledWith('light', 'dark'));
    stop();
    await item.setValue('dark');
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('does not call a watcher for other keys or for a write of an equal value', async () => {
    const item = defineItem<{ paused: boolean }>('local:settings', { fallback: { paused: false } });
    await item.setValue({ paused: true });
    const seen = vi.fn();
    item.watch(seen);
    await item.setValue({ paused: true });
    await fakeBrowser.storage.local.set({ other: 1 });
    expect(seen).not.toHaveBeenCalled();
  });
});

describe('update: one serialised read-modify-write', () => {
  it('runs parallel changes one after the other, so none overwrites another', async () => {
    const item = defineItem<string[]>('session:seen', { fallback: [] });
    await Promise.all(Array.from({ length: 20 }, (_, n) => item.update((names) => [...names, `tab ${n}`])));
    expect(await item.getValue()).toEqual(Array.from({ length: 20 }, (_, n) => `tab ${n}`));
  });

  it('resolves with the value written and tells `written` the change before the next step runs', async () => {
    const item = defineItem<number>('local:count', { fallback: 0 });
    const told: string[] = [];
    const written = async (next: number, previous: number) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      told.push(`${previous}→${next}`);
    };
    const answers = await Promise.all([item.update((n) => n + 1, written), item.update((n) => n + 10, written)]);
    expect(answers).toEqual([1, 11]);
    expect(told).toEqual(['0→1', '1→11']);
  });

  it('orders plain writes with the changes, and `settled` waits for them all', async () => {
    const item = defineItem<string | null>('session:intent', { fallback: null });
    void item.setValue('first');
    void item.update((value) => `${value} then second`);
    void item.removeValue();
    void item.update((value) => value ?? 'empty again');
    await item.settled();
    expect(await item.getValue()).toBe('empty again');
  });

  it('sends a plain write at once, so a read made right after it sees it, as chrome.storage orders them', async () => {
    const item = defineItem<string[]>('local:recent', { fallback: [] });
    for (let n = 0; n < 5; n++) void item.setValue([`customer ${n}`]);
    expect(await item.getValue()).toEqual(['customer 4']);
  });

  it('rejects a failed change for its caller only: the next change runs', async () => {
    const item = defineItem<number>('local:total', { fallback: 1 });
    const failed = item.update(() => {
      throw new Error('bad change');
    });
    const next = item.update((n) => n + 1);
    await expect(failed).rejects.toThrow('bad change');
    expect(await next).toBe(2);
  });
});
