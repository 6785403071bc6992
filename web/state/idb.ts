/**
 * A tiny key–value store on IndexedDB (what idb-keyval does, in forty lines): one database, one
 * object store, string keys, structured-clone values.
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
  });
  return opening;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

async function store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await open()).transaction(STORE, mode).objectStore(STORE);
}

/** @example await idbGet<SavedScenario>('scenario:abc') */
export async function idbGet<T>(key: string): Promise<T | undefined> {
  return (await done((await store('readonly')).get(key))) as T | undefined;
}

/** @example await idbSet('scenario:abc', record) */
export async function idbSet(key: string, value: unknown): Promise<void> {
  await done((await store('readwrite')).put(value, key));
}

/** @example await idbDelete('scenario:abc') */
export async function idbDelete(key: string): Promise<void> {
  await done((await store('readwrite')).delete(key));
}

/**
 * Every value whose key starts with `prefix`.
 * @example const all = await idbValues<SavedScenario>('scenario:')
 */
export async function idbValues<T>(prefix: string): Promise<T[]> {
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  return (await done((await store('readonly')).getAll(range))) as T[];
}
