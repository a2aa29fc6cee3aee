import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from '../../../lib/ui/drafts';
import { createDraftStore, type DraftsStorage } from '../../../lib/ui/drafts';

function memoryStorage(initial: Record<string, Draft> = {}) {
  let value = initial;
  const watchers = new Set<(value: Record<string, Draft>) => void>();
  const storage: DraftsStorage & { writes: number } = {
    writes: 0,
    getValue: async () => value,
    setValue: async (next) => {
      storage.writes += 1;
      value = next;
    },
    watch(callback) {
      watchers.add(callback);
      return () => watchers.delete(callback);
    },
  };
  /** Another page writes. */
  const writeElsewhere = (next: Record<string, Draft>) => {
    value = next;
    for (const watcher of watchers) watcher(next);
  };
  return { storage, read: () => value, writeElsewhere };
}

describe('draft store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('restores the saved drafts', async () => {
    const { storage } = memoryStorage({ 'note:c1': { text: 'half a thought', updatedAt: 1 } });
    const store = createDraftStore(storage);
    await store.ready;
    expect(store.loaded).toBe(true);
    expect(store.get('note:c1')).toBe('half a thought');
    expect(store.get('note:c2')).toBe('');
  });

  it('remembers that the agent emptied a field, so its prefill does not come back', async () => {
    const { storage } = memoryStorage();
    const store = createDraftStore(storage);
    await store.ready;
    expect(store.has('customer:new:name')).toBe(false);
    store.set('customer:new:name', '');
    expect(store.has('customer:new:name')).toBe(true);
    expect(store.get('customer:new:name')).toBe('');
    await store.clear('customer:new:name');
    expect(store.has('customer:new:name')).toBe(false);
  });

  it('saves once after the agent pauses typing for 300 ms', async () => {
    const { storage, read } = memoryStorage();
    const store = createDraftStore(storage, 300, () => 42);
    await store.ready;
    store.set('note:c1', 'H');
    store.set('note:c1', 'He');
    store.set('note:c1', 'Hello');
    expect(store.get('note:c1')).toBe('Hello');
    await vi.advanceTimersByTimeAsync(299);
    expect(storage.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(storage.writes).toBe(1);
    expect(read()).toEqual({ 'note:c1': { text: 'Hello', updatedAt: 42 } });
  });

  it('starts the write synchronously when flushed (the panel is closing)', async () => {
    const { storage, read } = memoryStorage();
    const store = createDraftStore(storage);
    await store.ready;
    store.set('quicknote', 'typed just before closing');
    void store.flush();
    expect(storage.writes).toBe(1);
    expect(read().quicknote?.text).toBe('typed just before closing');
  });

  it('keeps drafts another page saved meanwhile', async () => {
    const { storage, read, writeElsewhere } = memoryStorage();
    const store = createDraftStore(storage);
    await store.ready;
    writeElsewhere({ 'note:other': { text: 'from another panel', updatedAt: 1 } });
    expect(store.get('note:other')).toBe('from another panel');
    store.set('note:mine', 'mine');
    await store.flush();
    expect(Object.keys(read()).sort()).toEqual(['note:mine', 'note:other']);
  });

  it('forgets a cleared draft, and keeps an emptied field as empty (its prefill must not return)', async () => {
    const { storage, read } = memoryStorage({
      a: { text: 'sent', updatedAt: 1 },
      b: { text: 'erased', updatedAt: 1 },
    });
    const store = createDraftStore(storage, 300, () => 7);
    await store.ready;
    await store.clear('a');
    store.set('b', '   ');
    await store.flush();
    expect(read()).toEqual({ b: { text: '   ', updatedAt: 7 } });
  });

  it('does not let typing before the drafts load erase other saved drafts', async () => {
    const { storage, read } = memoryStorage({ old: { text: 'keep me', updatedAt: 1 } });
    const store = createDraftStore(storage);
    store.set('new', 'early');
    await store.ready;
    await store.flush();
    expect(read().old?.text).toBe('keep me');
    expect(store.get('new')).toBe('early');
  });
});
