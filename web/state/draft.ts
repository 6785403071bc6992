/**
 * Working copies of scenarios, kept in local storage on every change (synchronously, so a reload
 * right after typing loses nothing): one draft per scenario — opening another scenario or a
 * shared link starts or resumes that scenario's own draft and leaves the others alone.
 */
import type { JsonObject } from './records.js';

export interface Draft {
  /** Random id; the URL names it (`d=`) so a reload of that page finds it. */
  id: string;
  /** Where it came from ('builtin:…', 'saved:…'), if anywhere. */
  origin?: string;
  name: string;
  json: JsonObject;
  /** The JSON as last opened or saved, to tell unsaved changes. */
  savedText: string;
  /**
   * The JSON as it came in a shared link, until it is saved: not in the library, yet not an edit
   * either (`isEdited` is false while the scenario is as the link gave it).
   */
  openedText?: string;
  updatedAt: number;
}

const PREFIX = 'reimburse:draft:';
/** The single slot of earlier versions: read once, then moved to its own key. */
const LEGACY = 'reimburse:draft';
/** Drafts without unsaved changes beyond this many (oldest first) are let go. */
const KEEP_CLEAN = 8;

function isDraft(x: unknown): x is Draft {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Record<string, unknown>;
  return (
    typeof d.id === 'string' &&
    d.id !== '' &&
    (d.origin === undefined || typeof d.origin === 'string') &&
    typeof d.name === 'string' &&
    typeof d.json === 'object' &&
    d.json !== null &&
    !Array.isArray(d.json) &&
    typeof d.savedText === 'string' &&
    (d.openedText === undefined || typeof d.openedText === 'string') &&
    typeof d.updatedAt === 'number'
  );
}

function parse(text: string | null): Draft | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isDraft(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function migrateLegacy(): void {
  try {
    const legacy = parse(localStorage.getItem(LEGACY));
    if (legacy && localStorage.getItem(PREFIX + legacy.id) === null) localStorage.setItem(PREFIX + legacy.id, JSON.stringify(legacy));
    localStorage.removeItem(LEGACY);
  } catch {
    // Storage unavailable: nothing to move.
  }
}

/** @example const draft = loadDraft(location.d) */
export function loadDraft(id: string): Draft | undefined {
  migrateLegacy();
  try {
    return parse(localStorage.getItem(PREFIX + id));
  } catch {
    return undefined;
  }
}

/**
 * Every readable draft, most recently changed first (an unreadable one is skipped, never fatal).
 * @example listDrafts().filter(isDirty)
 */
export function listDrafts(): Draft[] {
  migrateLegacy();
  const out: Draft[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const draft = parse(localStorage.getItem(key));
      if (draft) out.push(draft);
    }
  } catch {
    // Storage unavailable: no drafts.
  }
  return out.sort((a, b) => b.updatedAt - a.updatedAt);
}

/**
 * The draft of a library scenario ('builtin:…' or 'saved:…'), the newest if there are several.
 * @example draftFor('builtin:teaching-wrong-pocket')
 */
export function draftFor(origin: string): Draft | undefined {
  return listDrafts().find((d) => d.origin === origin);
}

/** Let go of the oldest drafts that have nothing unsaved, keeping `keep` of them and `except`. */
function prune(keep: number, except: string): void {
  const clean = listDrafts().filter((d) => d.id !== except && !isDirty(d));
  for (const d of clean.slice(keep)) localStorage.removeItem(PREFIX + d.id);
}

/**
 * Keep a draft; false when the browser refused even after letting go of old unchanged drafts
 * (the draft then lives in the page and the link only).
 * @example storeDraft({ ...draft, json, updatedAt: Date.now() })
 */
export function storeDraft(draft: Draft): boolean {
  const text = JSON.stringify(draft);
  for (const keep of [KEEP_CLEAN, 0]) {
    try {
      prune(keep, draft.id);
      localStorage.setItem(PREFIX + draft.id, text);
      return true;
    } catch {
      // Storage full: try once more with every unchanged draft let go.
    }
  }
  return false;
}

/** @example deleteDraft(draft.id) */
export function deleteDraft(id: string): void {
  try {
    localStorage.removeItem(PREFIX + id);
  } catch {
    // nothing to delete
  }
}

/** True when the draft differs from what was last opened or saved. */
export function isDirty(draft: Draft): boolean {
  return JSON.stringify(draft.json) !== draft.savedText;
}

/**
 * Whether the user changed the scenario since it was opened or saved: a scenario opened from a
 * shared link is unsaved (`isDirty`) but not edited until it differs from what the link gave.
 * @example isEdited({ ...draft, openedText: JSON.stringify(draft.json) }) // false
 */
export function isEdited(draft: Draft): boolean {
  if (!isDirty(draft)) return false;
  return draft.openedText === undefined || JSON.stringify(draft.json) !== draft.openedText;
}

/**
 * Whether the scenario is as a shared link gave it and not saved yet.
 * @example fromLink({ ...draft, savedText: '', openedText: JSON.stringify(draft.json) }) // true
 */
export function fromLink(draft: Draft): boolean {
  return draft.openedText !== undefined && isDirty(draft) && !isEdited(draft);
}
