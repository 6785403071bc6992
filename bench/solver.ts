/**
 * The behaviour solver's figures, measured through its public functions as they are: the region's
 * solve (equilibrium from low and high effort, and the social optimum), 7 against 45 providers, a
 * lever move re-solved from the previous equilibrium, and every shipped scenario's iterations.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decisionsOf, optimumRuns, solveEquilibrium, solveFrom, steadyContext } from '../src/behaviour/index.js';
import { loadPopulationForScenario } from '../src/population/load-csv.js';
import { prepare } from '../src/run.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { regionScenario } from './region.js';
import { median, round3 } from './stats.js';

interface Solve {
  ms: number;
  decisions: number;
  iterations: { equilibriumLow: number; equilibriumHigh: number; optimum: number };
  /** Scores computed, over the four runs (equilibrium and optimum, each from low and high effort): unlike milliseconds, the same on a loaded machine. */
  evaluations: number;
  converged: boolean;
}

function solveOnce(scenario: Scenario, population?: Awaited<ReturnType<typeof loadPopulationForScenario>>): Solve {
  const prepared = prepare(scenario, population);
  const t0 = performance.now();
  const ctx = steadyContext(prepared);
  const eq = solveEquilibrium(ctx);
  const { optimum: opt, runs } = optimumRuns(ctx);
  const ms = performance.now() - t0;
  const [low, high] = eq.runs;
  return {
    ms,
    decisions: decisionsOf(ctx).length,
    iterations: { equilibriumLow: low.iterations, equilibriumHigh: high.iterations, optimum: opt.iterations },
    evaluations: [...eq.runs, ...runs].reduce((n, r) => n + r.evaluations, 0),
    converged: eq.runs.every((r) => r.converged) && opt.converged,
  };
}

/**
 * The median of `runs` solves after `warmups` more: the solver's speed once its code is compiled,
 * as in a PSA, a sweep or a lever moved again and again. The first solve of a process runs
 * much of that code before the compiler has optimised it, and is reported on its own (`first`).
 */
function solveMedian(scenario: Scenario, runs: number, warmups: number): Solve & { first: number; fastest: number } {
  // The population is drawn once, as when a lever moves or a PSA draws: each solve prepares the design afresh.
  const population = prepare(scenario).population;
  const first = solveOnce(scenario, population).ms;
  for (let i = 1; i < warmups; i++) solveOnce(scenario, population);
  const all = Array.from({ length: runs }, () => solveOnce(scenario, population));
  return { ...all[0], ms: median(all.map((s) => s.ms)), first, fastest: Math.min(...all.map((s) => s.ms)) };
}

/** A design with a behavioural response (equilibrium), so a lever move has something to re-solve. */
function responsive(scenario: Scenario, drgPrice: number): Scenario {
  const components = scenario.payment.components.map((c) => (c.id === 'drg' ? { ...c, price: drgPrice } : c));
  return { ...scenario, payment: { ...scenario.payment, components }, simulation: { ...scenario.simulation, behaviour: 'equilibrium' } } as Scenario;
}

/**
 * @example await solverFigures(false)
 */
export async function solverFigures(quick: boolean) {
  // Medians of many solves: one solve is tens of milliseconds, and a shared machine's pauses are as long.
  const runs = quick ? 3 : 21;
  const warmups = quick ? 4 : 8;
  const region = solveMedian(regionScenario(100_000, 5), runs, warmups);
  const seven = solveMedian(regionScenario(100_000, 5, 7), runs, warmups);
  // Long enough that its code is compiled within the first solve; two warm-ups all the same.
  const fortyFive = solveMedian(regionScenario(100_000, 5, 45), quick ? 1 : 5, 2);

  // A lever move: the DRG price up 1 %; re-solved from the equilibrium before the move.
  const before = prepare(responsive(regionScenario(100_000, 5), 45_000));
  // The solution, not only its decisions: a warm start reuses its curvatures.
  const start = solveEquilibrium(steadyContext(before)).runs[0];
  const moved = prepare(responsive(regionScenario(100_000, 5), 45_450), before.population);
  const warm: number[] = [];
  let warmIterations = 0;
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const s = solveFrom(steadyContext(moved), start);
    warm.push(performance.now() - t0);
    warmIterations = s.iterations;
  }

  const shipped = [];
  for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.json')).sort()) {
    const path = join('scenarios', file);
    const scenario = await loadScenarioFile(path);
    const s = solveOnce(scenario, await loadPopulationForScenario(scenario, path));
    shipped.push({ scenario: file, ms: round3(s.ms), decisions: s.decisions, iterations: s.iterations, evaluations: s.evaluations, converged: s.converged });
  }
  return {
    region: { providers: 10, decisions: region.decisions, ms: round3(region.ms), fastestMs: round3(region.fastest), firstSolveMs: round3(region.first), iterations: region.iterations, evaluations: region.evaluations, converged: region.converged },
    providers7: { ms: round3(seven.ms), decisions: seven.decisions, iterations: seven.iterations, evaluations: seven.evaluations },
    providers45: { ms: round3(fortyFive.ms), decisions: fortyFive.decisions, iterations: fortyFive.iterations, evaluations: fortyFive.evaluations },
    ratio45to7: round3(fortyFive.ms / seven.ms),
    // What the ratio is made of: how much more there is to decide, and what each score costs.
    decisionsRatio45to7: round3(fortyFive.decisions / seven.decisions),
    evaluationsRatio45to7: round3(fortyFive.evaluations / seven.evaluations),
    perEvaluationRatio45to7: round3(fortyFive.ms / fortyFive.evaluations / (seven.ms / seven.evaluations)),
    leverMoveWarmStart: { ms: round3(median(warm.slice(1))), iterations: warmIterations },
    shipped,
  };
}
