/**
 * One value kept in the extension origin's IndexedDB instead of `storage.local`. Firefox has no
 * `storage.local.setAccessLevel`, so there every content script of the add-on may read `storage.local`; the
 * IndexedDB of `moz-extension://<uuid>` is out of their reach (a content script opens the page's databases).
 * The Firefox build keeps the credentials here (`credentials.ts`); docs/browsers.md.
 */
export interface VaultItem<T> {
  getValue(): Promise<T>;
  /** `null` or `undefined` deletes the value. */
  setValue(value: T | null | undefined): Promise<void>;
}

const DATABASE = 'kustomer-sidebar-vault';
const STORE = 'items';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs one request in its own transaction and closes the database when it completes. */
async function run<R>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<R>): Promise<R> {
  const database = await open();
  try {
    return await new Promise<R>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = act(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

export function defineVaultItem<T>(name: string, fallback: T): VaultItem<T> {
  return {
    getValue: async () => ((await run('readonly', (store) => store.get(name))) ?? fallback) as T,
    setValue: async (value) => {
      if (value == null) await run('readwrite', (store) => store.delete(name));
      else await run('readwrite', (store) => store.put(value, name));
    },
  };
}
