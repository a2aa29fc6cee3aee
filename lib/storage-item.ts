import { browser } from 'wxt/browser';

/** Where an item lives: `local` survives restarts, `session` ends with the browser. */
export type StorageAreaName = 'local' | 'session';

/** One typed value in `chrome.storage`, read with its fallback when absent. */
export interface StorageItem<T> {
  /** `area:name`, e.g. `local:settings`. */
  readonly key: `${StorageAreaName}:${string}`;
  /** What storage holds now: a write of this context still queued is not in it yet (see `settled`). */
  getValue(): Promise<T>;
  /** Writing `null` or `undefined` removes the value, so the next read returns the fallback. Queued like `update`. */
  setValue(value: T | null | undefined): Promise<void>;
  removeValue(): Promise<void>;
  /**
   * Reads the value, hands it to `change` and writes what it answers, as one step. The steps and writes of
   * one context (the worker, a page) run one at a time, so two changes never overwrite each other. `written`
   * runs after the write and before the next step, to tell others in the order the values were written; it
   * must not wait for another step of the same item. Resolves with the value written; a failed step rejects
   * for its caller only, and the next one runs.
   */
  update(change: (current: T) => T, written?: (next: T, previous: T) => Promise<void> | void): Promise<T>;
  /** Resolves once the writes this context queued so far have landed (read after it to see them). */
  settled(): Promise<void>;
  /** Calls back on every change made by any context; returns a function that stops watching. */
  watch(callback: (value: T, previous: T) => void): () => void;
}

/** The last queued step of each key in this context; every write of the key joins the end. */
const queues = new Map<string, Promise<unknown>>();

function enqueue<R>(key: string, step: () => Promise<R>): Promise<R> {
  const next = (queues.get(key) ?? Promise.resolve()).then(step);
  // The queue only orders the steps: its caller gets the rejection, the next step runs anyway.
  queues.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Declares a typed storage item. A few lines over `browser.storage` instead of @wxt-dev/storage: the
 * extension uses none of its versioning, metadata or bulk features, and they cost the background 2.5 KB gzip.
 */
export function defineItem<T>(key: `${StorageAreaName}:${string}`, options: { fallback: T }): StorageItem<T> {
  const separator = key.indexOf(':');
  const areaName = key.slice(0, separator) as StorageAreaName;
  const name = key.slice(separator + 1);
  const area = () => browser.storage[areaName];
  const orFallback = (value: unknown): T => (value ?? options.fallback) as T;
  const read = async () => orFallback((await area().get(name))[name]);
  const write = (value: T | null | undefined) => (value == null ? area().remove(name) : area().set({ [name]: value }));
  return {
    key,
    getValue: read,
    setValue: (value) => enqueue(key, () => write(value)),
    removeValue: () => enqueue(key, () => write(null)),
    update: (change, written) =>
      enqueue(key, async () => {
        const previous = await read();
        const next = change(previous);
        await write(next);
        await written?.(next, previous);
        return next;
      }),
    settled: async () => {
      await queues.get(key);
    },
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) => {
        const change = changes[name];
        if (!change || JSON.stringify(change.newValue) === JSON.stringify(change.oldValue)) return;
        callback(orFallback(change.newValue), orFallback(change.oldValue));
      };
      area().onChanged.addListener(listener);
      return () => area().onChanged.removeListener(listener);
    },
  };
}
