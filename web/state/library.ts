/**
 * The scenario library: built-in scenarios (the repository's `scenarios/*.json`, bundled) and the
 * user's saved scenarios (IndexedDB). Saved scenarios keep the JSON as written — model references
 * stay references — so an export gives back what was imported. Every record is checked when read
 * (records.ts): a damaged one is listed apart and never hides the others.
 */
import { errorText, t } from '../i18n/index.js';
import { isDirty, listDrafts, loadDraft } from './draft.js';
import { idbDelete, idbEntries, idbGet, idbSet } from './idb.js';
import type { DamagedRecord, JsonObject, SavedScenario } from './records.js';
import { FORMAT_VERSION, readRecord } from './records.js';

export type { DamagedRecord, JsonObject, SavedScenario };
export { FORMAT_VERSION };

export interface BuiltinScenario {
  ref: string;
  id: string;
  title: string;
  description: string;
  question?: string;
  file: string;
  json: JsonObject;
}

/**
 * The built-in scenarios are data, not code: the build copies each file next to the app
 * (vite.config.ts keeps them out of the JavaScript) and the library fetches them when first asked.
 */
const files = import.meta.glob<string>('../../scenarios/*.json', { query: '?url', import: 'default', eager: true });

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

async function fetchBuiltin(path: string, url: string): Promise<BuiltinScenario | undefined> {
  const file = path.split('/').pop()!;
  try {
    const response = await fetch(url);
    if (!response.ok) return undefined;
    const json = (await response.json()) as JsonObject;
    const id = text(json.id, file.replace(/\.json$/, ''));
    return {
      ref: `builtin:${file.replace(/\.json$/, '')}`,
      id,
      title: text(json.title, id),
      description: text(json.description, ''),
      question: typeof json.question === 'string' ? json.question : undefined,
      file,
      json,
    };
  } catch {
    return undefined;
  }
}

let builtins: Promise<BuiltinScenario[]> | undefined;

/**
 * The built-in scenarios, sorted by title (fetched once).
 * @example (await loadBuiltins()).map((b) => b.title)
 */
export function loadBuiltins(): Promise<BuiltinScenario[]> {
  builtins ??= Promise.all(Object.entries(files).map(([path, url]) => fetchBuiltin(path, url))).then((list) =>
    list.filter((b): b is BuiltinScenario => b !== undefined).sort((a, b) => a.title.localeCompare(b.title)),
  );
  return builtins;
}

const PREFIX = 'scenario:';

/** A fresh id from the platform's cryptographic random source: an id, never a model draw. */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

/** The saved scenarios that open, most recently saved first, and the damaged records apart. */
export interface Library {
  saved: SavedScenario[];
  damaged: DamagedRecord[];
}

/**
 * Every saved record, each checked on its own; records of an older format are migrated (and
 * written back when the store lets us: if not, they are migrated again next time).
 * @example const { saved, damaged } = await readLibrary()
 */
export async function readLibrary(): Promise<Library> {
  const saved: SavedScenario[] = [];
  const damaged: DamagedRecord[] = [];
  for (const [key, raw] of await idbEntries(PREFIX)) {
    const read = readRecord(key, raw);
    if (!read.ok) {
      damaged.push(read.damaged);
      continue;
    }
    saved.push(read.record);
    if (read.migrated) void idbSet(key, read.record).catch(() => undefined);
  }
  saved.sort((a, b) => b.savedAt - a.savedAt || a.name.localeCompare(b.name));
  damaged.sort((a, b) => a.key.localeCompare(b.key));
  return { saved, damaged };
}

/** Saved scenarios that open, most recently saved first (damaged records left out). */
export async function listSaved(): Promise<SavedScenario[]> {
  return (await readLibrary()).saved;
}

/** A saved scenario, or undefined when there is none or it is damaged. */
export async function getSaved(id: string): Promise<SavedScenario | undefined> {
  const read = readRecord(PREFIX + id, await idbGet<unknown>(PREFIX + id));
  return read.ok ? read.record : undefined;
}

/** Resolves once the record is committed; rejects when the browser refused it (storage full). */
export async function putSaved(record: Omit<SavedScenario, 'formatVersion'> & { formatVersion?: number }): Promise<void> {
  await idbSet(PREFIX + record.id, { ...record, formatVersion: FORMAT_VERSION });
}

export async function deleteSaved(id: string): Promise<void> {
  await idbDelete(PREFIX + id);
}

/** Remove a damaged record by its key (after the user exported it, or chose not to). */
export async function deleteRecord(key: string): Promise<void> {
  await idbDelete(key);
}

/**
 * The JSON of a library reference ('builtin:<file>', 'saved:<id>' or an unsaved 'draft:<id>'), or undefined.
 * @example const entry = await resolveRef('builtin:teaching-wrong-pocket')
 */
export async function resolveRef(ref: string): Promise<{ name: string; json: JsonObject } | undefined> {
  if (ref.startsWith('builtin:')) {
    const b = (await loadBuiltins()).find((x) => x.ref === ref);
    return b ? { name: b.title, json: structuredClone(b.json) } : undefined;
  }
  if (ref.startsWith('saved:')) {
    const s = await getSaved(ref.slice('saved:'.length));
    return s ? { name: s.name, json: s.json } : undefined;
  }
  if (ref.startsWith('draft:')) {
    const d = loadDraft(ref.slice('draft:'.length));
    return d ? { name: t('library.unsavedName', { name: d.name }), json: d.json } : undefined;
  }
  return undefined;
}

/** A scenario that can be compared; a built-in one carries its JSON, to be named in the page's language. */
export interface RefEntry {
  ref: string;
  name: string;
  builtin?: JsonObject;
}

/** Every scenario that can be compared: drafts with unsaved changes, saved ones, then the built-ins. */
export async function allRefs(): Promise<RefEntry[]> {
  const [saved, builtins] = await Promise.all([listSaved().catch(() => []), loadBuiltins()]);
  const drafts = listDrafts().filter(isDirty);
  return [
    ...drafts.map((d): RefEntry => ({ ref: `draft:${d.id}`, name: t('library.unsavedName', { name: d.name }) })),
    ...saved.map((s): RefEntry => ({ ref: `saved:${s.id}`, name: s.name })),
    ...builtins.map((b): RefEntry => ({ ref: b.ref, name: b.title, builtin: b.json })),
  ];
}

/**
 * What went wrong with the browser's storage, for a person: a full disk says so and what to do.
 * @example storageErrorText(new DOMException('', 'QuotaExceededError')) // "this browser's storage … is full …"
 */
export function storageErrorText(error: unknown): string {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return t('app.storageFull');
  return errorText(error);
}
