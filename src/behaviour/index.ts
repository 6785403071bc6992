/**
 * Provider behaviour and coordination incentives: equilibrium, social optimum, incentive table,
 * coordination gap, selection, attribution and dynamics.
 */
import type { Prepared } from '../payment/evaluation.js';
import { steadyContext } from './evaluate.js';
import type { IncentiveReport } from './incentives.js';
import { attribution, coordinationGap, incentiveTable, selectionEfforts } from './incentives.js';
import type { SolveOptions } from './solve.js';
import { solveEquilibrium, solveOptimum } from './solve.js';

export * from './evaluate.js';
export * from './solve.js';
export * from './incentives.js';
export * from './dynamics.js';
export * from './parameters.js';

/**
 * Everything about coordination incentives under a scenario's design in one year: equilibria,
 * the social optimum, the incentive table at the best equilibrium (highest welfare: under the
 * weakest link, no coordination is always an equilibrium too, and says nothing about the design),
 * the gap, selection and attribution. When no run converges, the last iterate is used and
 * `equilibria.equilibria` is empty.
 * @example const report = analyzeIncentives(prepare(scenario)); report.gap.difference.welfare
 */
export function analyzeIncentives(prepared: Prepared, year = 0, options: SolveOptions = {}): IncentiveReport {
  const ctx = steadyContext(prepared, year);
  const equilibria = solveEquilibrium(ctx, options);
  const optimum = solveOptimum(ctx, options);
  const candidates = equilibria.equilibria.length > 0 ? equilibria.equilibria : equilibria.runs;
  const chosen = candidates.reduce((a, b) => (b.evaluation.welfare > a.evaluation.welfare ? b : a));
  return {
    year,
    equilibria,
    optimum,
    incentives: incentiveTable(ctx, chosen.decisions),
    gap: coordinationGap(ctx, chosen, optimum),
    selection: selectionEfforts(ctx, chosen.evaluation),
    attribution: attribution(ctx, chosen.evaluation),
  };
}
