/**
 * The working copy of the scenario being edited, kept in local storage on every change
 * (synchronously, so a reload right after typing loses nothing).
 */
import type { JsonObject } from './library.js';

export interface Draft {
  /** Random id; the URL names it (`d=`) so a reload of that page finds it. */
  id: string;
  /** Where it came from ('builtin:…', 'saved:…'), if anywhere. */
  origin?: string;
  name: string;
  json: JsonObject;
  /** The JSON as last opened or saved, to tell unsaved changes. */
  savedText: string;
  updatedAt: number;
}

const KEY = 'reimburse:draft';

/** @example const draft = loadDraft() */
export function loadDraft(): Draft | undefined {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as Draft) : undefined;
  } catch {
    return undefined;
  }
}

/** @example storeDraft({ ...draft, json, updatedAt: Date.now() }) */
export function storeDraft(draft: Draft): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the URL still carries the scenario.
  }
}

export function clearDraft(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}

/** True when the draft differs from what was last opened or saved. */
export function isDirty(draft: Draft): boolean {
  return JSON.stringify(draft.json) !== draft.savedText;
}
