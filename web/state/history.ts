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
