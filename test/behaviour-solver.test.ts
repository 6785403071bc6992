/**
 * The solvers' convergence on the designs that once defeated them: a small best response under a
 * CES team product (ρ = ½), where a provider's effort lifts coordination like √effort, and the
 * weakest link's optimum, where tied team members must move together.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionsOf, evaluateSteady, optimumRuns, solveEquilibrium, solveFrom, solveOptimum, steadyContext } from '../src/behaviour/index.js';
import { groupwiseEvaluator } from '../src/behaviour/groupwise.js';
import { prepare } from '../src/run.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { scaledScenario } from '../scripts/refresh-baseline.js';
import { regionScenario } from '../bench/region.js';

const DIR = join(import.meta.dirname, '..', 'scenarios');

describe('equilibrium under a CES team product', () => {
  it.each(['teaching-wrong-pocket-2-shared-budget.json', 'tiohundra-norrtalje.json', 'narvard-vastra-skaraborg.json'])(
    '%s: both runs converge to a point where every decision is its own best response',
    async (file) => {
      const ctx = steadyContext(prepare(scaledScenario(await loadScenarioFile(join(DIR, file)), 3000, 1)));
      const report = solveEquilibrium(ctx);
      for (const run of report.runs) {
        expect(run.converged, `${file} from ${run.start}: largest move ${run.residual}`).toBe(true);
        expect(run.iterations).toBeLessThan(50);
        // No value near a decision does better for its provider (a scan, independent of the solver's model).
        const score = groupwiseEvaluator(ctx)!;
        const x = { effort: Float64Array.from(run.decisions.effort), intensity: Float64Array.from(run.decisions.intensity) };
        for (const d of decisionsOf(ctx)) {
          const values = d.kind === 'effort' ? x.effort : x.intensity;
          const current = values[d.index];
          const here = score.score(x).utility[d.provider];
          for (let j = -20; j <= 20; j++) {
            values[d.index] = Math.min(d.upper, Math.max(d.lower, current + 0.01 * (j / 20) ** 3));
            const gain = score.score(x).utility[d.provider] - here;
            expect(gain, `${d.kind} of provider ${d.provider} for group ${d.group} at ${current}, to ${values[d.index]}`).toBeLessThan(1e-9 * Math.abs(here));
          }
          values[d.index] = current;
        }
      }
    },
    120_000,
  );
});

describe('optimum under the weakest link', () => {
  it('converges, and no tied team moving together does better', () => {
    const ctx = steadyContext(prepare(regionScenario(100_000, 1)));
    const optimum = solveOptimum(ctx);
    expect(optimum.converged).toBe(true);
    expect(optimum.iterations).toBeLessThan(50);
    // Every team's efforts a step up or down together: welfare no higher.
    const welfare = optimum.evaluation.welfare;
    for (const step of [-0.01, 0.01]) {
      const x = { effort: optimum.decisions.effort.map((v, i) => (ctx.effortActive[i] ? Math.min(1, Math.max(0, v + step)) : v)), intensity: optimum.decisions.intensity };
      expect(evaluateSteady(ctx, x).welfare).toBeLessThanOrEqual(welfare * (1 + 1e-12));
    }
  }, 120_000);
});

describe('optimum under the weakest link, from high effort', () => {
  it('reaches the optimum found from low effort: members above their teams\' least come down together', () => {
    const ctx = steadyContext(prepare(regionScenario(100_000, 1)));
    const { runs } = optimumRuns(ctx);
    const [low, high] = runs;
    expect(low.converged && high.converged).toBe(true);
    // Two members of one team above the rest held each other up: the run from high effort stopped
    // at a kink, every team's effort near 0.64 where the optimum has 0.47, welfare 1.2e-5 lower.
    const welfare = (x: typeof low) => evaluateSteady(ctx, x.decisions).welfare;
    expect(Math.abs(welfare(high) - welfare(low))).toBeLessThan(1e-9 * Math.abs(welfare(low)));
    high.decisions.effort.forEach((v, i) => expect(Math.abs(v - low.decisions.effort[i]), `effort ${i}`).toBeLessThan(1e-4));
    expect(high.iterations).toBeLessThan(8);
  }, 120_000);
});

describe('warm start after a lever move', () => {
  it('from the previous solution reaches the equilibrium its decisions alone reach, with one trial per settled decision', () => {
    const withDrg = (price: number) => {
      const scenario = regionScenario(3000, 1);
      scenario.payment.components = scenario.payment.components.map((c) => (c.id === 'drg' ? { ...c, price } : c));
      return scenario;
    };
    const before = prepare(withDrg(45_000));
    const previous = solveEquilibrium(steadyContext(before)).runs[0];
    const ctx = steadyContext(prepare(withDrg(45_450), before.population));
    const warm = solveFrom(ctx, previous);
    const cold = solveFrom(ctx, previous.decisions);
    expect(warm.converged && cold.converged).toBe(true);
    warm.decisions.effort.forEach((v, i) => expect(Math.abs(v - cold.decisions.effort[i])).toBeLessThan(1e-5));
    warm.decisions.intensity.forEach((v, i) => expect(Math.abs(v - cold.decisions.intensity[i])).toBeLessThan(1e-5));
    // A cold sweep takes two trials per decision; a warm one, one per decision that stood still.
    expect(cold.evaluations).toBeGreaterThan(2 * decisionsOf(ctx).length);
    expect(warm.evaluations).toBeLessThan(1.5 * decisionsOf(ctx).length);
  });
});
