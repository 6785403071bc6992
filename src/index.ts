/**
 * reimburse as a library: validate a scenario, run it, read its results. Browser-safe (no Node
 * modules): read files with `src/scenario/load.ts` in Node, or fetch them in a browser.
 *
 * @example
 * const checked = validateScenario(JSON.parse(text), { models });
 * if (checked.ok) {
 *   const run = runScenario(checked.scenario, { engine: 'micro', replications: 20 });
 *   const metrics = metricsOf(run.prepared, run.expected);
 * }
 */
export { runScenario, prepare, evaluateExpected, simulate, replicationSeed, RunCancelled } from './run.js';
export type { RunOptions, ScenarioRun, Prepared, Outcome, SimulateOptions } from './run.js';
export { validateScenario, parseJson, formatIssue, ScenarioError, expandModels, validateModel } from './scenario/index.js';
export type { Issue, ValidationResult, ValidationOptions, Scenario, PaymentComponent, PaymentModel } from './scenario/index.js';
export { analyzeIncentives, behaviourPath, solveEquilibrium, solveOptimum, steadyContext, incentiveTable } from './behaviour/index.js';
export type { IncentiveReport, IncentiveRow, Decisions } from './behaviour/index.js';
export { metricsOf, longRows, metricRows, summarize, differences, toCsv, toJson } from './results/summary.js';
export type { Metrics, LongRow, SummaryRow, DifferenceRow } from './results/summary.js';
