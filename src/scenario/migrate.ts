/**
 * Older scenario files brought up to the current `schemaVersion`, one version at a time.
 * A new version adds one entry to MIGRATIONS (keyed by the version it migrates from); nothing else
 * changes. Migrations are lenient: they rewrite what they recognise and leave the rest for the
 * validator to report against the current format.
 */
import { SCHEMA_VERSION } from './types.js';
import { isObject, type JsonObject } from './validate-core.js';
import { english, msg, type Message } from '../messages/index.js';

export interface Migration {
  /** Rewrites a scenario of version `from` (a private copy, changed in place) to `from + 1`; returns what it changed. */
  migrate(json: JsonObject): Message[];
}

/** A key renamed where it stands, so a migrated file keeps the order its author wrote. */
function renameKey(json: JsonObject, from: string, to: string): void {
  const entries = Object.entries(json).map(([k, v]): [string, unknown] => [k === from ? to : k, v]);
  for (const key of Object.keys(json)) delete json[key];
  Object.assign(json, Object.fromEntries(entries));
}

/** The draft format: `principals` for payers, and `simulation.months` instead of years and steps. */
function draftToV1(json: JsonObject): Message[] {
  const changes: Message[] = [];
  if ('principals' in json && !('payers' in json)) {
    renameKey(json, 'principals', 'payers');
    changes.push(msg('renamedKey', { from: 'principals', to: 'payers' }));
  }
  const simulation = json.simulation;
  if (isObject(simulation) && typeof simulation.months === 'number' && simulation.years === undefined) {
    const months = simulation.months;
    const years = Math.max(1, Math.ceil(months / 12));
    renameKey(simulation, 'months', 'years');
    simulation.years = years;
    simulation.stepsPerYear ??= 12;
    changes.push(msg('monthsToYears', { months, years, rounded: years * 12 !== months }));
  }
  return changes;
}

/** Migrations keyed by the version they read; each produces the next version. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  0: { migrate: draftToV1 },
};

/** A file whose version no migration path leads from. */
export class MigrationError extends Error {
  /** @example throw new MigrationError(msg('migrationMissing', { version: -1, known: '0' })) */
  constructor(readonly detail: Message) {
    super(`schemaVersion: ${english(detail)}`);
    this.name = 'MigrationError';
  }
}

/**
 * Bring scenario JSON up to the current schema version, without changing the input.
 * `steps` says what each migration did, one message per version step; `applied` is the same in English.
 * @example migrateScenario({ schemaVersion: 0, principals: [] }).applied // ["version 0 → 1: renamed 'principals' to 'payers'"]
 */
export function migrateScenario(json: unknown): { json: unknown; steps: Message[]; applied: string[] } {
  if (!isObject(json) || typeof json.schemaVersion !== 'number' || json.schemaVersion >= SCHEMA_VERSION) return { json, steps: [], applied: [] };
  const migrated = structuredClone(json);
  const steps: Message[] = [];
  for (let version = json.schemaVersion; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (step === undefined) {
      const known = Object.keys(MIGRATIONS).join(', ');
      throw new MigrationError(msg('migrationMissing', { version, known }));
    }
    const changes = step.migrate(migrated);
    migrated.schemaVersion = version + 1;
    steps.push(msg('migrationStep', { from: version, to: version + 1, changes }));
  }
  return { json: migrated, steps, applied: steps.map(english) };
}
