/**
 * Node-only: the population of a scenario file, read from the CSV it names or synthesized.
 * Everything that does not touch the file system lives in csv.ts so the browser can use it.
 */
import { relative } from 'node:path';
import { MAX_CSV_BYTES } from '../limits.js';
import { readBoundedText, scenarioFilePath } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { importPopulationCsv } from './csv.js';
import type { Population } from './population.js';
import { synthesizePopulation } from './population.js';

/**
 * The population a scenario asks for: `population.csv` read relative to the scenario file (so the
 * pair can be moved together), else a synthetic one; both drawn from `simulation.seed`.
 * Throws PopulationCsvError listing every problem in the file, ScenarioError when the path is
 * outside the scenario's folder (and `allowDir`), a folder, missing or too large.
 * @example const population = await loadPopulationForScenario(scenario, 'scenarios/region.json')
 */
export async function loadPopulationForScenario(scenario: Scenario, scenarioPath: string, options: { allowDir?: string } = {}): Promise<Population> {
  const csv = scenario.population.csv;
  if (csv === undefined) return synthesizePopulation(scenario, scenario.simulation.seed);
  // Only inside the scenario's folder (or one the user named), and never a folder or a huge file.
  const path = await scenarioFilePath(scenarioPath, csv, 'population.csv', options.allowDir);
  const text = await readBoundedText(path, MAX_CSV_BYTES, 'population.csv', scenarioPath);
  // Name the file as the user would type it: relative to the working directory when inside it.
  const shown = relative(process.cwd(), path);
  const source = shown !== '' && !shown.startsWith('..') ? shown : path;
  return importPopulationCsv(text, scenario, scenario.simulation.seed, source);
}
