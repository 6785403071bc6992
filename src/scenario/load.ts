/**
 * Node-only: read scenario and model files from disk. Everything that does not touch the file
 * system lives in validate.ts and models.ts so the browser can use it.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Issue, ScenarioError, issueOf } from './issues.js';
import { jsonProblem, parseJson } from './json-text.js';
import { msg } from '../messages/index.js';
import { validateModel } from './models.js';
import { BYTES_PER_PERSON, MAX_CSV_BYTES, MAX_SCENARIO_BYTES, maxPopulationFor } from '../limits.js';
import { totalmem } from 'node:os';
import type { PaymentModel, Scenario } from './types.js';
import { parseScenario } from './validate.js';

/** The repository's `models/` directory. */
export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

export interface LoadOptions {
  /** Where payment models are read from; default: the repository's `models/`. */
  modelsDir?: string;
  /** Called with each warning (a municipality without a hospital, a migrated file…). */
  onWarning?: (issue: Issue) => void;
  /** A folder besides the scenario's own from which files it names (its population CSV) may be read. */
  allowDir?: string;
}

/** A short name for messages: relative to the working directory when that is shorter. */
function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}

/** The real path (symbolic links followed) when the file exists, else the path as given. */
async function realOrGiven(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * A file named inside a scenario (its population CSV), resolved relative to the scenario file and
 * refused when it lies outside the scenario's folder (or `allowDir`), links followed: a scenario
 * passed around must not make reimburse read, let alone show, a file elsewhere on the machine.
 * Throws ScenarioError at `field`.
 * @example await scenarioFilePath('scenarios/region.json', 'data/people.csv', 'population.csv') // '/…/scenarios/data/people.csv'
 */
export async function scenarioFilePath(scenarioPath: string, named: string, field: string, allowDir?: string): Promise<string> {
  const folder = dirname(resolve(scenarioPath));
  const path = resolve(folder, named);
  const real = await realOrGiven(path);
  const roots = [folder, ...(allowDir === undefined ? [] : [resolve(allowDir)])];
  for (const root of roots) {
    if (inside(path, root) && inside(real, await realOrGiven(root))) return path;
  }
  throw new ScenarioError([issueOf(field, msg('pathOutside', { file: named, folder: displayName(folder) }))], displayName(resolve(scenarioPath)));
}

/**
 * Read a text file within a size limit, refusing a folder or a file past the limit before reading
 * it. Problems are ScenarioErrors at `field` ('' for the file itself), naming `source`.
 * @example const text = await readBoundedText('scenarios/a.json', MAX_SCENARIO_BYTES, '', 'scenarios/a.json')
 */
export async function readBoundedText(path: string, limit: number, field: string, source: string): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ScenarioError([issueOf(field, msg('fileNotFound', { file: displayName(path) }))], source);
    throw error;
  }
  if (info.isDirectory()) throw new ScenarioError([issueOf(field, msg('isDirectory', { file: displayName(path) }))], source);
  if (info.size > limit) throw new ScenarioError([issueOf(field, msg('fileTooLarge', { bytes: info.size, limit }))], source);
  return readFile(path, 'utf8');
}

/**
 * Read and check every `*.json` in a models directory; the model id must match the file name.
 * @example const models = await loadModels('models'); models['drg'].title
 */
export async function loadModels(dir: string = MODELS_DIR): Promise<Record<string, PaymentModel>> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const models: Record<string, PaymentModel> = {};
  const errors: Issue[] = [];
  for (const file of files) {
    const name = displayName(join(dir, file));
    const parsed = parseJson(await readFile(join(dir, file), 'utf8'));
    if (!parsed.ok) {
      errors.push(issueOf(name, jsonProblem(parsed)));
      continue;
    }
    const checked = validateModel(parsed.value, name);
    if (!checked.ok) {
      errors.push(...checked.errors);
      continue;
    }
    const expected = basename(file, '.json');
    if (checked.model.id !== expected) errors.push(issueOf(`${name}: id`, msg('idMatchesFile', { id: checked.model.id, file: expected })));
    else models[checked.model.id] = checked.model;
  }
  if (errors.length > 0) throw new ScenarioError(errors, displayName(dir));
  return models;
}

/**
 * Read, migrate, expand and validate a scenario file; throws ScenarioError listing every problem.
 * @example const scenario = await loadScenarioFile('scenarios/teaching-wrong-pocket.json')
 */
export async function loadScenarioFile(path: string, options: LoadOptions = {}): Promise<Scenario> {
  const models = await loadModels(options.modelsDir ?? MODELS_DIR);
  const name = displayName(resolve(path));
  const result = parseScenario(await readBoundedText(path, MAX_SCENARIO_BYTES, '', name), { models });
  for (const warning of result.warnings) options.onWarning?.(warning);
  if (!result.ok) throw new ScenarioError(result.errors, name);
  // The validator knows the absolute limit; only here is the machine's memory known.
  const size = result.scenario.population.size;
  const fits = maxPopulationFor(totalmem());
  if (size > fits) {
    const gigabytes = Math.round((size * BYTES_PER_PERSON) / 1e8) / 10;
    throw new ScenarioError([issueOf('population.size', msg('populationTooLarge', { size, gigabytes, limit: fits }))], name);
  }
  const csv = result.scenario.population.csv;
  if (csv !== undefined) {
    // The CSV is named relative to the scenario file, so the pair can be moved together.
    const csvPath = await scenarioFilePath(path, csv, 'population.csv', options.allowDir);
    await checkReadable(csvPath, MAX_CSV_BYTES, 'population.csv', name);
  }
  return result.scenario;
}

/** The checks of readBoundedText without reading: the file exists, is a file and is within the limit. */
async function checkReadable(path: string, limit: number, field: string, source: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new ScenarioError([issueOf(field, msg('fileNotFound', { file: displayName(path) }))], source);
  }
  if (info.isDirectory()) throw new ScenarioError([issueOf(field, msg('isDirectory', { file: displayName(path) }))], source);
  if (info.size > limit) throw new ScenarioError([issueOf(field, msg('fileTooLarge', { bytes: info.size, limit }))], source);
}
