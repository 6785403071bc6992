/**
 * A tiny key–value store on IndexedDB (what idb-keyval does, in sixty lines): one database, one
 * object store, string keys, structured-clone values. A write resolves only once its transaction
 * has committed, so "saved" is never said of something a reload could still lose; a write the
 * browser refuses (storage full) rejects with the browser's error.
 */
const DATABASE = 'reimburse';
const STORE = 'kv';

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  }).catch((error: unknown) => {
    // The next call tries again (a private window may refuse once, a full disk may free up).
    opening = undefined;
    throw error;
  });
  return opening;
}

/**
 * Run `work` in one transaction and resolve with its result once the transaction has committed
 * (read-only ones too: they then saw a consistent store). The transaction's own error — a
 * QuotaExceededError when storage is full — beats the request's AbortError.
 */
async function transact<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const tx = (await open()).transaction(STORE, mode);
  return new Promise<T>((resolve, reject) => {
    let result: T;
    let request: IDBRequest<T>;
    try {
      request = work(tx.objectStore(STORE));
    } catch (error) {
      reject(error);
      return;
    }
    request.onsuccess = () => (result = request.result);
    tx.oncomplete = () => resolve(result);
    const fail = () => reject(tx.error ?? request.error ?? new DOMException('The transaction was aborted', 'AbortError'));
    tx.onabort = fail;
    tx.onerror = (e) => {
      // Handled here; the abort that follows reports it.
      e.preventDefault();
      fail();
    };
  });
}

/** @example await idbGet<unknown>('scenario:abc') */
export async function idbGet<T>(key: string): Promise<T | undefined> {
  return (await transact('readonly', (s) => s.get(key))) as T | undefined;
}

/** Resolves after the write has committed; rejects (QuotaExceededError, …) when it did not. @example await idbSet('scenario:abc', record) */
export async function idbSet(key: string, value: unknown): Promise<void> {
  await transact('readwrite', (s) => s.put(value, key));
}

/** @example await idbDelete('scenario:abc') */
export async function idbDelete(key: string): Promise<void> {
  await transact('readwrite', (s) => s.delete(key));
}

/**
 * Every key and value whose key starts with `prefix`, as stored (nothing checked).
 * @example const all = await idbEntries('scenario:')
 */
export async function idbEntries(prefix: string): Promise<[string, unknown][]> {
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  const tx = (await open()).transaction(STORE, 'readonly');
  const store = tx.objectStore(STORE);
  const keys = store.getAllKeys(range);
  const values = store.getAll(range);
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(keys.result.map((k, i) => [String(k), values.result[i]]));
    tx.onabort = () => reject(tx.error ?? new DOMException('The transaction was aborted', 'AbortError'));
  });
}
