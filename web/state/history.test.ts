import { describe, expect, it } from 'vitest';
import { EditHistory, MERGE_MS } from './history.js';

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
