import { browser } from 'wxt/browser';

/** Where an item lives: `local` survives restarts, `session` ends with the browser. */
export type StorageAreaName = 'local' | 'session';

/** One typed value in `chrome.storage`, read with its fallback when absent. */
export interface StorageItem<T> {
  /** `area:name`, e.g. `local:settings`. */
  readonly key: `${StorageAreaName}:${string}`;
  /** What storage holds now: a write of this context still queued is not in it yet (see `settled`). */
  getValue(): Promise<T>;
  /**
   * Writing `null` or `undefined` removes the value, so the next read returns the fallback. It leaves at once,
   * in call order, unless an `update` step of this context is pending: then right after it.
   */
  setValue(value: T | null | undefined): Promise<void>;
  removeValue(): Promise<void>;
  /**
   * Reads the value, hands it to `change` and writes what it answers, as one step. The steps of one context
   * (the worker, a page) run one at a time, after the writes made before them, so two changes never overwrite
   * each other. `written`
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

/** Per key in this context: every write not yet landed, and how many `update` steps are pending. */
interface KeyQueue {
  tail: Promise<unknown>;
  steps: number;
}
const queues = new Map<string, KeyQueue>();

function queueOf(key: string): KeyQueue {
  let queue = queues.get(key);
  if (!queue) {
    queue = { tail: Promise.resolve(), steps: 0 };
    queues.set(key, queue);
  }
  return queue;
}

/** Joins `write` to the key's writes; the queue only orders them: the caller gets the rejection. */
function track<R>(queue: KeyQueue, write: Promise<R>): Promise<R> {
  queue.tail = Promise.all([queue.tail, write.catch(() => undefined)]);
  return write;
}

/**
 * A plain write leaves at once (`chrome.storage` keeps the order of the calls, so a read made after it sees it),
 * unless an `update` step of the key is pending: then it waits for that step, so the step cannot undo it.
 */
function plainWrite(key: string, write: () => Promise<void>): Promise<void> {
  const queue = queueOf(key);
  return track(queue, queue.steps === 0 ? write() : queue.tail.then(write));
}

function step<R>(key: string, run: () => Promise<R>): Promise<R> {
  const queue = queueOf(key);
  queue.steps += 1;
  const done = queue.tail.then(run).finally(() => {
    queue.steps -= 1;
  });
  return track(queue, done);
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
    setValue: (value) => plainWrite(key, () => write(value)),
    removeValue: () => plainWrite(key, () => write(null)),
    update: (change, written) =>
      step(key, async () => {
        const previous = await read();
        const next = change(previous);
        await write(next);
        await written?.(next, previous);
        return next;
      }),
    settled: async () => {
      await queues.get(key)?.tail;
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
