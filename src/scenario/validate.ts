/**
 * Untrusted scenario JSON in, a typed Scenario or every problem with its path out.
 * Order: version (and migrations) → model expansion → each section → rules across sections.
 * Runs in the browser too: no file access here (see load.ts).
 */
import { type Issue, IssueList, ScenarioError, issueOf } from './issues.js';
import { jsonLimitProblems, jsonProblem, parseJson } from './json-text.js';
import { msg } from '../messages/index.js';
import { MAX_REPLICATIONS, MAX_SCENARIO_BYTES, MAX_YEARS } from '../limits.js';
import { MigrationError, migrateScenario } from './migrate.js';
import { SCHEMA_VERSION, type PaymentModel, type Scenario } from './types.js';
import { validateCare } from './validate-care.js';
import { validateResponse } from './validate-response.js';
import { validatePayment, type SimulationWindow } from './validate-components.js';
import { isObject, type JsonObject, Reader, typeName, validateTranslations } from './validate-core.js';
import { buildIndex, validateParties } from './validate-parties.js';
import { validatePopulation } from './validate-population.js';
import { validateUncertainty } from './validate-uncertainty.js';

export { formatIssue, ScenarioError, type Issue } from './issues.js';

export type ValidationResult = { ok: true; scenario: Scenario; warnings: Issue[] } | { ok: false; errors: Issue[]; warnings: Issue[] };

export interface ValidationOptions {
  /** Payment models by id, for `{ model, id, parameters }` entries in `payment.components`. */
  models?: Record<string, PaymentModel>;
}

const SCENARIO_KEYS = {
  // schemaVersion is checked first, on its own, with its own message.
  required: ['id', 'title', 'description', 'sources', 'population', 'payers', 'providers', 'payment', 'simulation'],
  optional: ['schemaVersion', 'question', 'lookAt', 'pools', 'care', 'response', 'translations', 'uncertainty'],
} as const;
const SOURCE_KEYS = { required: ['id', 'citation'], optional: ['note'] } as const;
const SIMULATION_KEYS = { required: ['start', 'years', 'stepsPerYear', 'replications', 'seed'], optional: ['behaviour'] } as const;
export { MAX_REPLICATIONS, MAX_YEARS } from '../limits.js';

/** The scenario at the current version, or undefined when it cannot be read as one. */
function currentVersion(json: JsonObject, issues: IssueList): JsonObject | undefined {
  const version = json.schemaVersion;
  if (version === undefined) {
    issues.error('schemaVersion', 'versionRequired', { current: SCHEMA_VERSION });
    return structuredClone(json);
  }
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    issues.error('schemaVersion', 'notInteger', { got: typeof version === 'number' ? version : typeName(version) });
    return undefined;
  }
  if (version > SCHEMA_VERSION) {
    issues.error('schemaVersion', 'versionNewer', { version, current: SCHEMA_VERSION });
    return undefined;
  }
  if (version === SCHEMA_VERSION) return structuredClone(json);
  try {
    const { json: migrated, steps } = migrateScenario(json);
    for (const step of steps) issues.warn('schemaVersion', 'migrated', { step });
    return migrated as JsonObject;
  } catch (err) {
    if (!(err instanceof MigrationError)) throw err;
    issues.errorMessage('schemaVersion', err.detail);
    return undefined;
  }
}

function validateSimulation(r: Reader, value: unknown): SimulationWindow | undefined {
  const simulation = r.object(value, 'simulation', SIMULATION_KEYS);
  if (simulation === undefined) return undefined;
  const start = r.month(simulation.start, 'simulation.start');
  const years = r.number(simulation.years, 'simulation.years', { min: 1, max: MAX_YEARS, integer: true });
  r.number(simulation.stepsPerYear, 'simulation.stepsPerYear', {
    min: 12,
    max: 12,
    rangeMessage: (v) => msg('stepsPerYear', { got: v }),
  });
  r.number(simulation.replications, 'simulation.replications', { min: 1, max: MAX_REPLICATIONS, integer: true });
  r.number(simulation.seed, 'simulation.seed', { min: 0, max: 2 ** 32 - 1, integer: true });
  if (simulation.behaviour !== undefined) r.oneOf(simulation.behaviour, 'simulation.behaviour', ['fixed', 'equilibrium', 'adaptive']);
  return start === undefined || years === undefined ? undefined : { start, end: start + years * 12 };
}

const TEXT_KEYS = ['title', 'description', 'question', 'lookAt'] as const;


function validateSources(r: Reader, value: unknown): void {
  const seen: string[] = [];
  r.array(value, 'sources')?.forEach((item, i) => {
    const path = `sources[${i}]`;
    const source = r.object(item, path, SOURCE_KEYS);
    if (source === undefined) return;
    const id = r.id(source.id, `${path}.id`);
    if (id !== undefined && seen.includes(id)) r.issues.error(`${path}.id`, 'duplicateSource', { id });
    if (id !== undefined) seen.push(id);
    r.string(source.citation, `${path}.citation`);
    r.string(source.note, `${path}.note`);
  });
}

/**
 * Check scenario JSON against schema version 1, migrating older files and expanding model
 * references; on success the scenario's components are the expanded ones.
 * @example validateScenario(JSON.parse(text), { models }).ok // true
 */
export function validateScenario(json: unknown, options: ValidationOptions = {}): ValidationResult {
  // Size and shape first, without recursion: every check after this one walks the value recursively.
  const limits = jsonLimitProblems(json);
  if (limits.length > 0) return { ok: false, errors: limits.map((p) => issueOf(p.path === '' ? 'scenario' : p.path, p.detail)), warnings: [] };
  const issues = new IssueList();
  const r = new Reader(issues);
  if (!isObject(json)) {
    issues.error('scenario', 'notObject', { got: typeName(json) });
    return { ok: false, errors: issues.errors, warnings: issues.warnings };
  }
  const doc = currentVersion(json, issues);
  if (doc === undefined) return { ok: false, errors: issues.errors, warnings: issues.warnings };
  r.keys(doc, '', SCENARIO_KEYS);
  for (const key of ['id', 'title', 'description', 'question', 'lookAt']) r.string(doc[key], key);
  if (typeof doc.id === 'string') r.id(doc.id, 'id');
  validateSources(r, doc.sources);
  validateTranslations(r, doc.translations, 'translations', TEXT_KEYS);
  const index = buildIndex(doc);
  validateParties(r, doc, index);
  validatePopulation(r, doc, index);
  validateCare(r, doc, index);
  validateResponse(r, doc.response);
  const window = validateSimulation(r, doc.simulation);
  const components = validatePayment(r, doc.payment, index, options.models ?? {}, window);
  validateUncertainty(r, doc, options.models ?? {});
  if (issues.errors.length > 0) return { ok: false, errors: issues.errors, warnings: issues.warnings };
  const scenario = { ...doc, payment: { ...(doc.payment as JsonObject), components } } as unknown as Scenario;
  return { ok: true, scenario, warnings: issues.warnings };
}

/**
 * Parse scenario text and validate it; text that is not JSON gives one error with line and column.
 * @example parseScenario('{ "schemaVersion": 1 ').errors[0].message // 'not valid JSON at line 1, column 21: unexpected end of input'
 */
export function parseScenario(text: string, options: ValidationOptions = {}): ValidationResult {
  // A UTF-16 length past the limit means at least as many UTF-8 bytes.
  if (text.length > MAX_SCENARIO_BYTES) {
    return { ok: false, errors: [issueOf('scenario', msg('fileTooLarge', { bytes: text.length, limit: MAX_SCENARIO_BYTES }))], warnings: [] };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return { ok: false, errors: [issueOf('scenario', jsonProblem(parsed))], warnings: [] };
  }
  return validateScenario(parsed.value, options);
}

/**
 * The scenario of a successful result, or a ScenarioError listing every error.
 * @example const scenario = scenarioOrThrow(parseScenario(text, { models }), 'scenarios/a.json')
 */
export function scenarioOrThrow(result: ValidationResult, source?: string): Scenario {
  if (result.ok) return result.scenario;
  throw new ScenarioError(result.errors, source);
}
