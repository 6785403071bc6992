/**
 * The group-wise steady evaluator against the full one: the same scores for every built-in
 * scenario, and the same equilibria and optimum when the solvers use it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decisions, SteadyContext } from '../src/behaviour/index.js';
import { decisionsOf, evaluateSteady, solveEquilibrium, solveOptimum, startingDecisions, steadyContext } from '../src/behaviour/index.js';
import { groupwiseEvaluator, welfareEvaluator, type GroupwiseEvaluator } from '../src/behaviour/groupwise.js';
import { prepare } from '../src/run.js';
import type { Prepared } from '../src/run.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { scaledScenario } from '../scripts/refresh-baseline.js';
import { regionScenario } from '../bench/region.js';
import { tiny } from './support/tiny.js';

const DIR = join(import.meta.dirname, '..', 'scenarios');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const small = async (file: string, size: number) => prepare(scaledScenario(await loadScenarioFile(join(DIR, file)), size, 2));
/** A shipped scenario of 3,000 people, or the bench's region ('bench region'), over two years. */
const twoYears = async (file: string) => (file === 'bench region' ? prepare(regionScenario(3000, 2)) : await small(file, 3000));

/** Decisions spread over the whole range, the same on every run. */
function spread(ctx: SteadyContext, seed: number): Decisions {
  let state = seed;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const x = startingDecisions(ctx, 0);
  for (let i = 0; i < x.effort.length; i++) {
    if (ctx.effortActive[i]) x.effort[i] = next();
    x.intensity[i] = 0.5 + next();
  }
  return x;
}

/** Group-wise scores equal the full evaluation's, each provider's utility and the welfare, to 1e-9 relative. */
function expectSameScores(ctx: SteadyContext, groupwise: GroupwiseEvaluator, seeds: number[]): void {
  for (const seed of seeds) {
    const x = spread(ctx, seed);
    const full = evaluateSteady(ctx, x);
    const fast = groupwise.score(x);
    const scale = Math.max(1, ...Array.from(full.utility, Math.abs));
    full.utility.forEach((u, p) => expect(Math.abs(fast.utility[p] - u) / scale).toBeLessThan(1e-9));
    expect(Math.abs(fast.welfare - full.welfare) / Math.max(1, Math.abs(full.welfare))).toBeLessThan(1e-9);
  }
}

/**
 * Moves each decision of x in turn and scores it with an evaluator that keeps parts, which then
 * derives from the closest: `same` holds its score against a fresh evaluator's, and a primary-care
 * centre's moves recompute the catchments of its own listed people only (the region's centres list
 * a fifth of its catchments each).
 */
function expectDerivedAsFresh<E>(ctx: SteadyContext, x: Decisions, kept: { score: (x: Decisions) => E; computed: () => number }, fresh: (x: Decisions) => E, same: (derived: E, fresh: E) => void): void {
  kept.score(x);
  const pc = ctx.view.model.providerIds.indexOf('pc1');
  let pcCatchments = 0;
  for (const d of decisionsOf(ctx)) {
    const values = d.kind === 'effort' ? x.effort : x.intensity;
    const was = values[d.index];
    values[d.index] = was + (was > 0.5 ? -0.07 : 0.07);
    const before = kept.computed();
    const derived = kept.score(x);
    if (d.provider === pc) pcCatchments = Math.max(pcCatchments, kept.computed() - before);
    same(derived, fresh(x));
    values[d.index] = was;
  }
  expect(pcCatchments).toBeGreaterThan(0);
  expect(pcCatchments).toBeLessThanOrEqual(ctx.view.model.catchments.length / 5);
}

describe('group-wise steady evaluation', () => {
  it.each([...FILES, 'bench region'])('scores %s as the full evaluation does, in both years', async (file) => {
    const prepared = await twoYears(file);
    for (const year of [0, 1]) {
      const ctx = steadyContext(prepared, year);
      const groupwise = groupwiseEvaluator(ctx);
      // A stop-loss or a corridor needs each person's yearly cost or the year's margins: full evaluation.
      if (prepared.plan.components.some((c) => c.spec.stopLoss !== undefined || c.spec.riskCorridor !== undefined)) {
        expect(groupwise, `${file}: has a stop-loss or a corridor`).toBeNull();
        continue;
      }
      expect(groupwise, `${file}: needs the full evaluation`).not.toBeNull();
      expectSameScores(ctx, groupwise!, [1, 2, 3]);
    }
  });

  it('scores weighted counts (case-mix weighted fees) as the full evaluation does', () => {
    // Weighted drawn services add weighted extra columns, readmissions among them; no built-in scenario has one.
    const scenario = regionScenario(3000, 1);
    scenario.payment.components = scenario.payment.components.map((c) => ('kind' in c && c.kind === 'variable' && (c.id === 'drg' || c.id === 'ed') ? { ...c, weight: 'acg' } : c));
    const prepared = prepare(scenario);
    expect(prepared.plan.extras.filter((x) => x.kind === 'weighted').length).toBe(2);
    const ctx = steadyContext(prepared);
    const groupwise = groupwiseEvaluator(ctx)!;
    expectSameScores(ctx, groupwise, [1, 2]);
  });

  it('settles from one row per catchment, the sum of its bands, only where every component accrues the same from it', async () => {
    // Fees, DRG, goals and episodes without person weights read no band.
    expect(groupwiseEvaluator(steadyContext(prepare(regionScenario(2000, 1))))!.summedRows).toBe(true);
    // So do a withhold's quality terms and target prices without person weights.
    for (const file of ['withhold-coordination.json', 'skane-stroke-target-price.json']) expect(groupwiseEvaluator(steadyContext(await small(file, 1000)))!.summedRows, file).toBe(true);
    // A risk-adjusted shared-savings benchmark weighs each band's people, and so does a case-mix weighted fee.
    expect(groupwiseEvaluator(steadyContext(await small('shared-savings-1-one-sided.json', 1000)))!.summedRows).toBe(false);
    const weighted = regionScenario(2000, 1);
    weighted.payment.components = weighted.payment.components.map((c) => ('kind' in c && c.kind === 'variable' && c.id === 'drg' ? { ...c, weight: 'acg' } : c));
    expect(groupwiseEvaluator(steadyContext(prepare(weighted)))!.summedRows).toBe(false);
  });

  it('recomputes only the need group a decision moves', () => {
    const ctx = steadyContext(prepare(regionScenario(5000, 1)));
    const groupwise = groupwiseEvaluator(ctx)!;
    const x = spread(ctx, 7);
    groupwise.score(x);
    const before = groupwise.partsComputed;
    x.effort[ctx.effortActive.indexOf(1)] *= 0.9;
    groupwise.score(x);
    expect(groupwise.partsComputed - before).toBe(1);
  });

  it('derives a part from a kept one, recomputing only the catchments a decision moves, to the same scores as from scratch', () => {
    const ctx = steadyContext(prepare(regionScenario(5000, 1)));
    const groupwise = groupwiseEvaluator(ctx)!;
    expectDerivedAsFresh(ctx, spread(ctx, 11), { score: (x) => groupwise.score(x), computed: () => groupwise.catchmentsComputed }, (x) => groupwiseEvaluator(ctx)!.score(x), (derived, fresh) => {
      fresh.utility.forEach((u, p) => expect(derived.utility[p]).toBe(u));
      expect(derived.welfare).toBe(fresh.welfare);
    });
  });

  it('leaves designs with a stop-loss to the full evaluation', () => {
    const prepared = tiny([{ id: 'fee', kind: 'variable', service: 'admission', pricing: 'drg', price: 40_000, payer: 'region', payee: 'hospital', stopLoss: { threshold: 100_000, share: 0.8 } }], [{ count: 200 }]);
    expect(groupwiseEvaluator(steadyContext(prepared))).toBeNull();
  });

  it('scores cost-based pay for home-health visits (its price follows each catchment\'s coordination) as the full evaluation does', () => {
    const prepared = tiny([{ id: 'hh', kind: 'variable', service: 'homeHealthVisit', pricing: 'cost', price: 1, payer: 'town', payee: 'home-health' }], [{ count: 200 }]);
    const ctx = steadyContext(prepared);
    const groupwise = groupwiseEvaluator(ctx)!;
    expect(groupwise).not.toBeNull();
    expectSameScores(ctx, groupwise, [1, 2]);
  });
});

describe('welfare alone, for the optimum', () => {
  it.each([...FILES, 'bench region'])('gives the full evaluation\'s welfare for %s, in both years, whatever the design', async (file) => {
    // Stop-loss and corridor designs included: payments cancel in welfare, so nothing is settled.
    const prepared = await twoYears(file);
    for (const year of [0, 1]) {
      const ctx = steadyContext(prepared, year);
      const welfare = welfareEvaluator(ctx);
      for (const seed of [1, 2, 3]) {
        const x = spread(ctx, seed);
        const full = evaluateSteady(ctx, x).welfare;
        expect(Math.abs(welfare.welfare(x) - full) / Math.max(1, Math.abs(full)), `${file}, year ${year}, seed ${seed}`).toBeLessThan(1e-9);
      }
    }
  });

  it('counts setup costs where an effort is taken up', () => {
    const scenario = regionScenario(3000, 1);
    scenario.providers = scenario.providers.map((p) => (p.id === 'pc1' ? { ...p, behaviour: { setupCost: 250_000 } } : p));
    const ctx = steadyContext(prepare(scenario));
    const x = spread(ctx, 5);
    expect(Math.abs(welfareEvaluator(ctx).welfare(x) - evaluateSteady(ctx, x).welfare)).toBeLessThan(1e-6 * Math.abs(evaluateSteady(ctx, x).welfare));
    const pc = ctx.view.model.providerIds.indexOf('pc1');
    const groups = [0, 1, 2, 3, 4].filter((g) => ctx.effortActive[pc * 5 + g] === 1);
    expect(groups.length).toBeGreaterThan(0);
    // With every effort of pc1 at zero its setup costs (one per group taken up) are saved: the same welfare as the full evaluation there too.
    const none = { effort: Float64Array.from(x.effort), intensity: x.intensity };
    for (const g of groups) none.effort[pc * 5 + g] = 0;
    const full = evaluateSteady(ctx, none).welfare;
    expect(Math.abs(welfareEvaluator(ctx).welfare(none) - full)).toBeLessThan(1e-6 * Math.abs(full));
  });

  it('derives welfare from a kept part, recomputing only the catchments a decision moves, to the same number as from scratch', () => {
    const ctx = steadyContext(prepare(regionScenario(5000, 1)));
    const welfare = welfareEvaluator(ctx);
    expectDerivedAsFresh(ctx, spread(ctx, 13), { score: (x) => welfare.welfare(x), computed: () => welfare.catchmentsComputed }, (x) => welfareEvaluator(ctx).welfare(x), (derived, fresh) => expect(derived).toBe(fresh));
  });
});

describe('solvers with the group-wise evaluation', () => {
  // Small populations keep the full-evaluation solves to a few seconds; the scores above cover every scenario.
  const cases: [string, () => Promise<Prepared>][] = [
    ['halsostaden-angelholm (pool shared by cost)', () => small('halsostaden-angelholm.json', 1500)],
    ['teaching-wrong-pocket', () => small('teaching-wrong-pocket.json', 1000)],
  ];
  it.each(cases)('find the equilibria and optimum of the full evaluation: %s', async (_, make) => {
    const ctx = steadyContext(await make());
    const fast = solveEquilibrium(ctx);
    const exact = solveEquilibrium(ctx, { exact: true });
    expect(fast.equilibria.length).toBe(exact.equilibria.length);
    fast.runs.forEach((run, r) => expectSame(run, exact.runs[r]));
    expectSame(solveOptimum(ctx), solveOptimum(ctx, { exact: true }));
  }, 60_000);
});

function expectSame(a: { decisions: Decisions; evaluation: { welfare: number }; converged: boolean }, b: typeof a): void {
  expect(a.converged).toBe(b.converged);
  a.decisions.effort.forEach((v, i) => expect(Math.abs(v - b.decisions.effort[i])).toBeLessThan(1e-3));
  a.decisions.intensity.forEach((v, i) => expect(Math.abs(v - b.decisions.intensity[i])).toBeLessThan(1e-3));
  expect(Math.abs(a.evaluation.welfare - b.evaluation.welfare) / Math.abs(b.evaluation.welfare)).toBeLessThan(1e-6);
}
