import { describe, expect, it } from 'vitest';
import { EditHistory, KEPT, loadHistory, MERGE_MS, storeHistory } from './history.js';
import type { HistoryStore } from './history.js';

describe('EditHistory', () => {
  it('undoes and redoes step by step, and a new edit forgets what was undone', () => {
    const h = new EditHistory<string>();
    h.record('a', 0);
    h.record('b', 10);
    expect(h.undo('c')).toBe('b');
    expect(h.undo('b')).toBe('a');
    expect(h.undo('a')).toBeUndefined();
    expect(h.redo('a')).toBe('b');
    expect(h.redo('b')).toBe('c');
    expect(h.canRedo).toBe(false);
    h.undo('c');
    h.record('b', 20);
    expect(h.canRedo).toBe(false);
  });

  it('merges keystrokes in one field in quick succession, not in two fields or after a pause', () => {
    const h = new EditHistory<string>();
    h.record('', 0, 'title');
    h.record('T', 100, 'title');
    h.record('Ti', 200, 'title');
    h.record('Tim', 200 + MERGE_MS, 'title');
    h.record('x', 200 + MERGE_MS + 10, 'amount');
    expect(h.undo('y')).toBe('x');
    expect(h.undo('x')).toBe('Tim');
    expect(h.undo('Tim')).toBe('');
    expect(h.canUndo).toBe(false);
  });

  it('keeps a removal as a step of its own', () => {
    const h = new EditHistory<string[]>();
    h.record(['a'], 0);
    h.record(['a', 'b'], 5);
    expect(h.undo(['a'])).toEqual(['a', 'b']);
  });
});

/** A sessionStorage in memory; `quota` (characters) makes it refuse writes as a full one does. */
function memoryStore(quota = Infinity): HistoryStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  const size = () => [...items].reduce((a, [k, v]) => a + k.length + v.length, 0);
  return {
    items,
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      const old = items.get(k);
      items.set(k, v);
      if (size() > quota) {
        if (old === undefined) items.delete(k);
        else items.set(k, old);
        throw new DOMException('full', 'QuotaExceededError');
      }
    },
    removeItem: (k: string) => void items.delete(k),
  };
}

describe('the undo history across a reload', () => {
  type S = { v: number };
  it('reads back what was stored: undo after the reload gives the state before the last edit, redo the one after', () => {
    const store = memoryStore();
    const h = new EditHistory<S>();
    h.record({ v: 1 }, 0);
    storeHistory(store, 'd1', h);
    h.record({ v: 2 }, 10_000);
    storeHistory(store, 'd1', h);
    expect(h.undo({ v: 3 })).toEqual({ v: 2 });
    storeHistory(store, 'd1', h);
    const again = loadHistory<S>(store, 'd1');
    expect(again.undo({ v: 2 })).toEqual({ v: 1 });
    expect(again.redo({ v: 1 })).toEqual({ v: 2 });
    expect(again.redo({ v: 2 })).toEqual({ v: 3 });
    expect(loadHistory<S>(store, 'another draft').canUndo).toBe(false);
  });

  it('keeps the last KEPT steps, writing each state once and removing the ones no step needs', () => {
    const store = memoryStore();
    const h = new EditHistory<S>();
    let writes = 0;
    const setItem = store.setItem;
    store.setItem = (k, v) => {
      writes += 1;
      setItem(k, v);
    };
    for (let v = 0; v < KEPT + 20; v++) {
      h.record({ v }, v * 10_000);
      storeHistory(store, 'd', h);
    }
    // Each edit: its state and the index.
    expect(writes).toBe(2 * (KEPT + 20));
    expect(store.items.size).toBe(KEPT + 1);
    const again = loadHistory<S>(store, 'd');
    expect(again.stacks.past.map((s) => s.v)).toEqual(Array.from({ length: KEPT }, (_, i) => i + 20));
  });

  it('drops an unreadable history and starts an empty one', () => {
    for (const index of ['{not json', '{"past":"x","future":[],"next":1}', '{"past":[7],"future":[],"next":8}']) {
      const store = memoryStore();
      store.setItem('reimburse:history:d', index);
      store.setItem('reimburse:history:d:0', '{"v":0}');
      store.setItem('reimburse:history:other', '{"past":[],"future":[],"next":0}');
      const h = loadHistory<S>(store, 'd');
      expect(h.canUndo, index).toBe(false);
      expect([...store.items.keys()], index).toEqual(['reimburse:history:other']);
    }
  });

  it('when storage is full, lets other drafts\' histories go first, then its own oldest steps', () => {
    const store = memoryStore(2500);
    store.setItem('reimburse:history:old', '{"past":[0],"future":[],"next":1}');
    store.setItem('reimburse:history:old:0', JSON.stringify({ v: 'x'.repeat(1000) }));
    const h = new EditHistory<{ v: string }>();
    for (let i = 0; i < 30; i++) {
      h.record({ v: `${i}`.repeat(40) }, i * 10_000);
      storeHistory(store, 'd', h);
    }
    expect([...store.items.keys()].some((k) => k.startsWith('reimburse:history:old'))).toBe(false);
    const again = loadHistory<{ v: string }>(store, 'd');
    expect(again.canUndo).toBe(true);
    expect(again.stacks.past.at(-1)).toEqual({ v: '29'.repeat(40) });
  });
});
