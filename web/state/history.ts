/**
 * Undo and redo of the working scenario: the states before each edit, and the ones undone.
 * Keystrokes in one field, or one lever's drag, in quick succession are one step; adding or
 * removing something is always a step of its own.
 */

/** Edits of the same field closer together than this (ms) are one step. */
export const MERGE_MS = 1000;
const LIMIT = 200;

/**
 * The undo and redo stacks of one working scenario.
 * @example const h = new EditHistory<Json>(); h.record(before, Date.now(), 'title'); h.undo(current)
 */
export class EditHistory<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastAt = -Infinity;
  private lastGroup: string | undefined;

  /**
   * A history with these stacks (e.g. read back after a reload): `past` oldest first, `future`
   * with the next redo last.
   * @example EditHistory.from(['a'], []).undo('b') // 'a'
   */
  static from<T>(past: readonly T[], future: readonly T[]): EditHistory<T> {
    const h = new EditHistory<T>();
    h.past = past.slice(-LIMIT);
    h.future = future.slice(-LIMIT);
    return h;
  }

  /** The states to undo to (oldest first) and to redo (next last), to keep them across a reload. */
  get stacks(): { past: readonly T[]; future: readonly T[] } {
    return { past: this.past, future: this.future };
  }

  /**
   * `before` is about to be replaced at time `now` (ms). `group` names what is edited (a field's
   * path); an edit without one (a list grown or shrunk) is never merged with another.
   */
  record(before: T, now: number, group?: string): void {
    const merge = group !== undefined && group === this.lastGroup && now - this.lastAt < MERGE_MS && this.past.length > 0;
    if (!merge) {
      this.past.push(before);
      if (this.past.length > LIMIT) this.past.shift();
    }
    this.future = [];
    this.lastAt = now;
    this.lastGroup = group;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** The state before the last step (and `current` kept for redo), or undefined when there is none. */
  undo(current: T): T | undefined {
    const previous = this.past.pop();
    if (previous === undefined) return undefined;
    this.future.push(current);
    this.lastGroup = undefined;
    return previous;
  }

  /** The state the last undo left (and `current` kept for undo), or undefined. */
  redo(current: T): T | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push(current);
    this.lastGroup = undefined;
    return next;
  }
}

/** The storage a history is kept in across reloads (sessionStorage in the page). */
export type HistoryStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'reimburse:history:';
/** Steps kept across a reload, each way: enough to take back an afternoon's edits, small enough for sessionStorage. */
export const KEPT = 50;

interface Index {
  past: number[];
  future: number[];
  next: number;
}

const isIndex = (x: unknown): x is Index => {
  const i = x as Index;
  const ints = (a: unknown) => Array.isArray(a) && a.every((n) => Number.isInteger(n) && n >= 0);
  return typeof x === 'object' && x !== null && ints(i.past) && ints(i.future) && Number.isInteger(i.next);
};
const isState = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Which stored entry holds which state (by identity), per history, so only new states are written. */
const written = new WeakMap<object, Map<object, number>>();

/**
 * Forget a draft's stored history (every entry of it).
 * @example dropHistory(sessionStorage, draft.id)
 */
export function dropHistory(store: HistoryStore, draftId: string): void {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key === PREFIX + draftId || key?.startsWith(`${PREFIX}${draftId}:`)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}

/**
 * A draft's undo history as it was before a reload; an empty one when there is none, and when
 * what is stored is unreadable (then it is dropped, so it cannot break the page again).
 * @example const h = loadHistory(sessionStorage, draft.id)
 */
export function loadHistory<T extends Record<string, unknown>>(store: HistoryStore | undefined, draftId: string): EditHistory<T> {
  if (!store) return new EditHistory<T>();
  try {
    const text = store.getItem(PREFIX + draftId);
    if (text === null) return new EditHistory<T>();
    const index: unknown = JSON.parse(text);
    if (!isIndex(index)) throw new Error('not a history index');
    const read = (n: number): T => {
      const state: unknown = JSON.parse(store.getItem(`${PREFIX}${draftId}:${n}`) ?? 'null');
      if (!isState(state)) throw new Error(`history entry ${n} is missing`);
      return state as T;
    };
    const past = index.past.map(read);
    const future = index.future.map(read);
    const h = EditHistory.from(past, future);
    written.set(h, new Map<object, number>([...past.map((s, i) => [s, index.past[i]] as const), ...future.map((s, i) => [s, index.future[i]] as const)]));
    return h;
  } catch {
    dropHistory(store, draftId);
    return new EditHistory<T>();
  }
}

/**
 * Keep a draft's undo history across a reload: the last `KEPT` steps each way, each state written
 * once (an edit writes one entry and the index, not the whole history). When storage is full the
 * other drafts' histories go first, then this one's oldest steps, then the whole of it.
 * @example storeHistory(sessionStorage, draft.id, h)
 */
export function storeHistory<T extends object>(store: HistoryStore | undefined, draftId: string, h: EditHistory<T>): void {
  if (!store) return;
  let ids = written.get(h);
  if (!ids) written.set(h, (ids = new Map()));
  const previous = (() => {
    try {
      const i: unknown = JSON.parse(store.getItem(PREFIX + draftId) ?? 'null');
      return isIndex(i) ? i : undefined;
    } catch {
      return undefined;
    }
  })();
  /** Remove the entries that neither `live` nor (while it stands) the stored index refers to. */
  const sweep = (live: ReadonlySet<number>) => {
    for (const [state, n] of ids) {
      if (live.has(n)) continue;
      store.removeItem(`${PREFIX}${draftId}:${n}`);
      ids.delete(state);
    }
  };
  const attempt = (keep: number): boolean => {
    try {
      const past = h.stacks.past.slice(-keep);
      const future = h.stacks.future.slice(-keep);
      let next = Math.max(previous?.next ?? 0, ...[...ids.values()].map((n) => n + 1));
      const numberOf = (state: T): number => {
        let n = ids.get(state);
        if (n === undefined) {
          n = next++;
          store.setItem(`${PREFIX}${draftId}:${n}`, JSON.stringify(state));
          ids.set(state, n);
        }
        return n;
      };
      const index: Index = { past: past.map(numberOf), future: future.map(numberOf), next };
      store.setItem(PREFIX + draftId, JSON.stringify(index));
      // Entries no step refers to any more (undone and overwritten, or older than KEPT) go.
      sweep(new Set([...index.past, ...index.future]));
      return true;
    } catch {
      // What this attempt wrote goes, so the next one has the room; the stored index still stands.
      sweep(new Set(previous ? [...previous.past, ...previous.future] : []));
      return false;
    }
  };
  if (attempt(KEPT)) return;
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX) && key !== PREFIX + draftId && !key.startsWith(`${PREFIX}${draftId}:`)) store.removeItem(key);
  }
  if (attempt(KEPT) || attempt(Math.ceil(KEPT / 5))) return;
  dropHistory(store, draftId);
  ids.clear();
}
