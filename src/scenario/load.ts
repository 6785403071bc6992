/**
 * Node-only: read scenario and model files from disk. Everything that does not touch the file
 * system lives in validate.ts and models.ts so the browser can use it.
 */
import { access, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Issue, ScenarioError, issueOf } from './issues.js';
import { jsonProblem, parseJson } from './json-text.js';
import { msg } from '../messages/index.js';
import { validateModel } from './models.js';
import type { PaymentModel, Scenario } from './types.js';
import { parseScenario } from './validate.js';

/** The repository's `models/` directory. */
export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

export interface LoadOptions {
  /** Where payment models are read from; default: the repository's `models/`. */
  modelsDir?: string;
  /** Called with each warning (a municipality without a hospital, a migrated file…). */
  onWarning?: (issue: Issue) => void;
}

/** A short name for messages: relative to the working directory when that is shorter. */
function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
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
  const result = parseScenario(await readFile(path, 'utf8'), { models });
  for (const warning of result.warnings) options.onWarning?.(warning);
  if (!result.ok) throw new ScenarioError(result.errors, name);
  const csv = result.scenario.population.csv;
  if (csv !== undefined) {
    // The CSV is named relative to the scenario file, so the pair can be moved together.
    const csvPath = resolve(dirname(path), csv);
    try {
      await access(csvPath);
    } catch {
      throw new ScenarioError([issueOf('population.csv', msg('fileNotFound', { file: displayName(csvPath) }))], name);
    }
  }
  return result.scenario;
}
