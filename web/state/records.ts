/**
 * Saved-scenario records as stored in IndexedDB: checked one by one when read, so one unreadable
 * record (an older app's, a newer app's, a half-written or hand-edited one) is listed as damaged
 * while every other one still opens. Each record carries `formatVersion`; older ones are
 * migrated on read.
 */

export type JsonObject = Record<string, unknown>;

/** The record format this app writes. 1: the first, without `formatVersion`; 2: with it. */
export const FORMAT_VERSION = 2;

export interface SavedScenario {
  formatVersion: number;
  id: string;
  name: string;
  json: JsonObject;
  /** The group that proposed this design (a workshop with several groups), if any. */
  group?: string;
  createdAt: number;
  savedAt: number;
}

/** Why a record cannot be opened (the library says it in the page's language). */
export type DamageReason = 'notObject' | 'noId' | 'noName' | 'noScenario' | 'noDate' | 'newer' | 'unreadable';

export interface DamagedRecord {
  /** The key in the store (`scenario:<id>`), to delete it. */
  key: string;
  reason: DamageReason;
  /** What was stored, for export as it is. */
  raw: unknown;
  /** A name to list it by: the record's own if it has one, else its key. */
  label: string;
}

export type ReadRecord = { ok: true; record: SavedScenario; migrated: boolean } | { ok: false; damaged: DamagedRecord };

function isObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Each step takes a record of version n to n + 1. */
const MIGRATIONS: Record<number, (r: JsonObject) => JsonObject> = {
  1: (r) => ({ ...r, formatVersion: 2, createdAt: typeof r.createdAt === 'number' ? r.createdAt : r.savedAt }),
};

/**
 * A stored value as a saved scenario (migrated to the current format), or why it is damaged.
 * @example readRecord('scenario:a', { id: 'a', name: 'A', json: {}, savedAt: 1 }) // ok, migrated from version 1
 */
export function readRecord(key: string, raw: unknown): ReadRecord {
  const damaged = (reason: DamageReason): ReadRecord => {
    const name = isObject(raw) && typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name.slice(0, 120) : key.replace(/^scenario:/, '');
    return { ok: false, damaged: { key, reason, raw, label: name } };
  };
  if (!isObject(raw)) return damaged('notObject');
  let record: JsonObject = raw;
  let version = record.formatVersion === undefined ? 1 : record.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return damaged('unreadable');
  if (version > FORMAT_VERSION) return damaged('newer');
  const migrated = version < FORMAT_VERSION;
  while (version < FORMAT_VERSION) {
    record = MIGRATIONS[version](record);
    version += 1;
  }
  if (typeof record.id !== 'string' || record.id === '' || `scenario:${record.id}` !== key) return damaged('noId');
  if (typeof record.name !== 'string') return damaged('noName');
  if (!isObject(record.json)) return damaged('noScenario');
  if (typeof record.savedAt !== 'number' || !Number.isFinite(record.savedAt) || typeof record.createdAt !== 'number' || !Number.isFinite(record.createdAt)) return damaged('noDate');
  if (record.group !== undefined && typeof record.group !== 'string') return damaged('unreadable');
  return { ok: true, record: record as unknown as SavedScenario, migrated };
}

/**
 * Whatever was stored, as JSON text for a file: never throws (cycles, BigInt, Maps and the
 * like are written as best they can be), so a damaged record can always be exported.
 * @example rawText({ a: 1n }) // '{\n  "a": "1"\n}'
 */
export function rawText(raw: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(
      raw,
      (_key, value: unknown) => {
        if (typeof value === 'bigint') return value.toString();
        if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), v]));
        if (value instanceof Set) return [...value];
        if (typeof value === 'object' && value !== null) {
          if (seen.has(value)) return '[circular]';
          seen.add(value);
        }
        return value;
      },
      2,
    ) ?? 'null';
  } catch {
    return JSON.stringify(String(raw));
  }
}
