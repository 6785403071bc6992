/**
 * `reimburse calibrate`: the calibration facts of the sources (or of the user's own targets file)
 * next to the model's values, each checked only on the population it is about.
 */
import type { Population } from '../../population/population.js';
import type { CalibrationTarget } from '../../calibration/calibration.js';
import { calibrationReport, elderlyPersonYearCosts, formatCalibrationReport, formatTarget } from '../../calibration/calibration.js';
import { effectTargets } from '../../calibration/effect-targets.js';
import { caseMix } from '../../engine/case-mix.js';
import type { FitResult, UserTarget } from '../../calibration/fit.js';
import { RATE_MEASURES, SHARE_MEASURES, expectedMeasure, fitBaseRates, isExpectedMeasure, parseTargetsCsv } from '../../calibration/fit.js';
import { ratesFor, runScenario } from '../../run.js';
import type { Prepared } from '../../run.js';
import type { Scenario } from '../../scenario/types.js';
import { toJson } from '../../results/summary.js';
import type { CliOptions } from '../args.js';
import { UsageError, outputFormat } from '../args.js';
import { formatHeading } from '../../format.js';
import { progress } from '../progress.js';

/** What the command needs from the CLI around it (loading files the way every command does). */
export interface CalibrateContext {
  load(file: string): Promise<Scenario>;
  /** Read a targets file (a usage error names it when it cannot be read). */
  readText(file: string): Promise<string>;
  populationOf(scenario: Scenario, file: string): Promise<Population>;
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** A target as JSON: `measure` and `group` are the ids a targets file uses. */
function targetJson(t: CalibrationTarget) {
  return { measure: t.id, group: t.population, label: t.label, value: t.simulated, target: t.target, tolerance: t.tolerance, status: t.status, role: t.role, source: t.source, method: t.method, ...(t.note ? { note: t.note } : {}) };
}

/** Groups the expected-value measures are listed for in JSON (any need group id works in a targets file too). */
const LISTED_GROUPS = ['everyone', '65+', '75+'] as const;

/** A user target compared with the model: its value, and whether it is within tolerance. */
interface UserRow {
  target: UserTarget;
  value: number;
  within: boolean;
}

function compareTargets(prepared: Prepared, targets: readonly UserTarget[], reported: readonly CalibrationTarget[]): UserRow[] {
  const rates = ratesFor(prepared.model, prepared.model.behaviour)[0];
  return targets.map((t) => {
    const value = isExpectedMeasure(t.measure, t.group)
      ? expectedMeasure(prepared.population, rates, t.measure, t.group)
      : (reported.find((r) => r.id === t.measure && r.population === t.group)?.simulated ?? NaN);
    return { target: t, value, within: Math.abs(value - t.value) <= t.tolerance + 1e-12 };
  });
}

const num = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3)) : '—');

function userTable(rows: readonly UserRow[]): string {
  return rows
    .map((r) => `${(r.within ? 'ok' : 'OFF').padEnd(5)} ${r.target.measure} [${r.target.group}]: ${num(r.value)} (target ${num(r.target.value)} ± ${num(r.target.tolerance)}) — ${r.target.source} (line ${r.target.line})`)
    .join('\n');
}

function fitTable(fit: FitResult): string {
  const rows = fit.rows.map((r) =>
    r.fitted
      ? `${(r.within ? 'ok' : 'OFF').padEnd(5)} ${r.target.measure} [${r.target.group}]: ${num(r.before)} → ${num(r.after)} (target ${num(r.target.value)} ± ${num(r.target.tolerance)})`
      : `n/a   ${r.target.measure} [${r.target.group}]: not fitted (needs the microsimulation; compare with --targets)`,
  );
  const moved = fit.moved.map((m) => `  ${m.service}: base rate × ${m.multiplier.toFixed(3)} in every need group${m.atBound ? ' (at its bound)' : ''}`);
  return [...rows, '', 'What moved (bounded 0.25–4 × the scenario\'s base rates):', ...(moved.length > 0 ? moved : ['  nothing: no target measures a rate']), '', 'care.rates to put in the scenario:', JSON.stringify(fit.rates, null, 2)].join('\n');
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
  const mix = caseMix(prepared.model, prepared.population, scenario.population.riskWeightR2);
  const riskWeight =
    mix.source === 'imported'
      ? { source: mix.source, text: 'case-mix weight (acg): the population file\'s own scores, the mean score per cell' }
      : {
          source: mix.source,
          r2: mix.r2,
          perfectR2: mix.perfectR2,
          text: `case-mix weight (acg): synthetic grouper, person-level R² ${mix.r2.toFixed(2)} against yearly cost (population.riskWeightR2; Engström et al. 2006: ACG 0.14 prospective, 0.38 concurrent); a perfect predictor would reach ${mix.perfectR2.toFixed(2)} on this population`,
        };
  const reported = [...report.targets, ...effects];
  if (options.fit && options.targets === undefined) throw new UsageError('--fit needs --targets FILE (the targets to fit to)');
  let userTargets: UserTarget[] | undefined;
  if (options.targets !== undefined) {
    const text = await context.readText(options.targets);
    try {
      userTargets = parseTargetsCsv(text, reported.map((t) => ({ measure: t.id, group: t.population })));
    } catch (error) {
      throw new Error(`${options.targets}: ${(error as Error).message}`, { cause: error });
    }
  }
  const user = userTargets ? compareTargets(prepared, userTargets, reported) : undefined;
  const fit = options.fit && userTargets ? fitBaseRates(scenario, prepared.population, userTargets) : undefined;
  if (outputFormat(options) === 'json') {
    const rates = ratesFor(prepared.model, prepared.model.behaviour)[0];
    const measures = [...Object.keys(RATE_MEASURES), ...SHARE_MEASURES].flatMap((measure) => LISTED_GROUPS.map((group) => ({ measure, group, value: expectedMeasure(prepared.population, rates, measure, group) })));
    return `${toJson(
      {
        scenario: { id: scenario.id, title: scenario.title },
        scope: report.scope,
        riskWeight,
        meanCost: report.meanCost,
        personYears: report.personYears,
        targets: reported.map(targetJson),
        measures,
        ...(user ? { userTargets: user.map((r) => ({ ...r.target, model: r.value, within: r.within })) } : {}),
        ...(fit ? { fit: { rows: fit.rows.map((r) => ({ ...r.target, before: r.before, after: r.after, within: r.within, fitted: r.fitted })), moved: fit.moved, rates: fit.rates } } : {}),
      },
      2,
    )}\n`;
  }
  const parts = [`${formatHeading(`${scenario.title} (${scenario.id}): calibration`)}`, `${formatCalibrationReport(report)}\n${riskWeight.text}`, formatHeading('Effects of coordination'), effects.map(formatTarget).join('\n')];
  if (user) parts.push(formatHeading(`Your targets (${options.targets})`), userTable(user));
  if (fit) parts.push(formatHeading('Fit of the base rates to your targets'), fitTable(fit));
  return `${parts.join('\n\n')}\n`;
}
