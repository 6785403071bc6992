/**
 * `reimburse calibrate`: the calibration facts of the sources (or of the user's own targets file)
 * next to the model's values, each checked only on the population it is about.
 */
import type { Population } from '../../population/population.js';
import type { CalibrationTarget } from '../../population/calibration.js';
import { calibrationReport, elderlyPersonYearCosts, formatCalibrationReport, formatTarget } from '../../population/calibration.js';
import { effectTargets } from '../../population/effect-targets.js';
import { runScenario } from '../../run.js';
import type { Scenario } from '../../scenario/types.js';
import { toJson } from '../../results/summary.js';
import type { CliOptions } from '../args.js';
import { outputFormat } from '../args.js';
import { formatHeading } from '../format.js';
import { progress } from '../progress.js';

/** What the command needs from the CLI around it (loading files the way every command does). */
export interface CalibrateContext {
  load(file: string): Promise<Scenario>;
  populationOf(scenario: Scenario, file: string): Promise<Population>;
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** A target as JSON: `measure` and `group` are the ids a targets file uses. */
function targetJson(t: CalibrationTarget) {
  return { measure: t.id, group: t.population, label: t.label, value: t.simulated, target: t.target, tolerance: t.tolerance, status: t.status, role: t.role, source: t.source, method: t.method, ...(t.note ? { note: t.note } : {}) };
}

/**
 * Run the calibrate command and return its text (table or JSON).
 * @example await calibrateCommand('scenarios/teaching-wrong-pocket.json', options, context)
 */
export async function calibrateCommand(file: string, options: CliOptions, context: CalibrateContext): Promise<string> {
  const loaded = await context.load(file);
  const scenario: Scenario = {
    ...loaded,
    simulation: { ...loaded.simulation, seed: options.seed ?? loaded.simulation.seed, replications: options.reps ?? Math.min(loaded.simulation.replications, 3) },
  };
  const bar = progress(`simulating ${scenario.id}`, context.stderr, options.quiet);
  // Calibration is of the population and the care model: providers behave as the file gives.
  const population = await context.populationOf(scenario, file);
  const { prepared, expected, replications } = runScenario(scenario, { population, mode: 'fixed', engine: 'micro', trackPersonCost: true, onProgress: bar.update });
  bar.done();
  const report = calibrationReport(prepared, replications.map((r) => r.personYearCosts!), expected, { elderlyPersonYearCosts: elderlyPersonYearCosts(prepared) });
  const effects = effectTargets(prepared);
  if (outputFormat(options) === 'json') {
    return `${toJson({ scenario: { id: scenario.id, title: scenario.title }, scope: report.scope, meanCost: report.meanCost, personYears: report.personYears, targets: [...report.targets, ...effects].map(targetJson) }, 2)}\n`;
  }
  return `${formatHeading(`${scenario.title} (${scenario.id}): calibration`)}\n\n${formatCalibrationReport(report)}\n\n${formatHeading('Effects of coordination')}\n\n${effects.map(formatTarget).join('\n')}\n`;
}
