/**
 * Older scenario files brought up to the current `schemaVersion`, one version at a time.
 * A new version adds one entry to MIGRATIONS (keyed by the version it migrates from); nothing else
 * changes. Migrations are lenient: they rewrite what they recognise and leave the rest for the
 * validator to report against the current format.
 */
import { SCHEMA_VERSION } from './types.js';
import { isObject, type JsonObject } from './validate-core.js';

export interface Migration {
  /** Rewrites a scenario of version `from` (a private copy, changed in place) to `from + 1`; returns what it changed. */
  migrate(json: JsonObject): string[];
}

/** A key renamed where it stands, so a migrated file keeps the order its author wrote. */
function renameKey(json: JsonObject, from: string, to: string): void {
  const entries = Object.entries(json).map(([k, v]): [string, unknown] => [k === from ? to : k, v]);
  for (const key of Object.keys(json)) delete json[key];
  Object.assign(json, Object.fromEntries(entries));
}

/** The draft format: `principals` for payers, and `simulation.months` instead of years and steps. */
function draftToV1(json: JsonObject): string[] {
  const changes: string[] = [];
  if ('principals' in json && !('payers' in json)) {
    renameKey(json, 'principals', 'payers');
    changes.push("renamed 'principals' to 'payers'");
  }
  const simulation = json.simulation;
  if (isObject(simulation) && typeof simulation.months === 'number' && simulation.years === undefined) {
    const months = simulation.months;
    const years = Math.max(1, Math.ceil(months / 12));
    renameKey(simulation, 'months', 'years');
    simulation.years = years;
    simulation.stepsPerYear ??= 12;
    const rounded = years * 12 === months ? '' : ' (rounded up to whole years)';
    changes.push(`simulation.months ${months} → simulation.years ${years}${rounded}, stepsPerYear 12`);
  }
  return changes;
}

/** Migrations keyed by the version they read; each produces the next version. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  0: { migrate: draftToV1 },
};

/** A file whose version no migration path leads from. */
export class MigrationError extends Error {
  /** @example throw new MigrationError("version -1 cannot be migrated") */
  constructor(readonly reason: string) {
    super(`schemaVersion: ${reason}`);
    this.name = 'MigrationError';
  }
}

/**
 * Bring scenario JSON up to the current schema version, without changing the input.
 * `applied` says what each migration did, one line per version step.
 * @example migrateScenario({ schemaVersion: 0, principals: [] }).applied // ["version 0 → 1: renamed 'principals' to 'payers'"]
 */
export function migrateScenario(json: unknown): { json: unknown; applied: string[] } {
  if (!isObject(json) || typeof json.schemaVersion !== 'number' || json.schemaVersion >= SCHEMA_VERSION) return { json, applied: [] };
  const migrated = structuredClone(json);
  const applied: string[] = [];
  for (let version = json.schemaVersion; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (step === undefined) {
      const known = Object.keys(MIGRATIONS).join(', ');
      throw new MigrationError(`version ${version} cannot be migrated (migrations exist from version ${known})`);
    }
    const changes = step.migrate(migrated);
    migrated.schemaVersion = version + 1;
    applied.push(`version ${version} → ${version + 1}: ${changes.length === 0 ? 'no changes needed' : changes.join('; ')}`);
  }
  return { json: migrated, applied };
}
