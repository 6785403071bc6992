import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { evaluateExpected, prepare, simulate } from '../src/run.js';
import { bandOf, periodLabels, periodSums } from '../src/results/bands.js';
import { comparisonOf } from '../src/results/comparison.js';
import { dashboardOf, evaluatedOf } from '../src/results/dashboard.js';
import { LiveEvaluator, behaviourKey } from '../src/results/live.js';
import { metricsOf, summarize, longRows } from '../src/results/summary.js';
import { scenarioOrThrow, validateScenario } from '../src/scenario/index.js';
import type { Scenario } from '../src/scenario/types.js';

async function fixture(): Promise<Scenario> {
  return scenarioOrThrow(validateScenario(JSON.parse(await readFile('test/fixtures/minimal-scenario.json', 'utf8'))));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at any field
type Json = any;

function edit(s: Scenario, change: (json: Json) => void): Scenario {
  const json = structuredClone(s);
  change(json);
  return json;
}

describe('LiveEvaluator', () => {
  it('gives the same metrics as a fresh prepare and evaluation, whatever it reuses', async () => {
    const base = await fixture();
    const live = new LiveEvaluator();
    const steps: [string, (j: Json) => void, string][] = [
      ['first', () => {}, 'nothing'],
      ['a price', (j) => (j.payment.components[3].price = 41000), 'settlement'],
      ['a cap', (j) => (j.payment.components[2].cap = 1000), 'settlement'],
      ['a goal amount', (j) => (j.payment.components[4].amount = 900000), 'settlement'],
      ['a weight formula', (j) => (j.payment.components[0].weight = 'acg'), 'activity'],
      ['a stop-loss', (j) => (j.payment.components[3].stopLoss = { threshold: 200000, share: 0.5 }), 'model'],
      ['a component removed', (j) => j.payment.components.pop(), 'activity'],
      ['the care coordination', (j) => (j.care = { coordination: { sjukhus: 0.5 } }), 'population'],
      ['the population size', (j) => (j.population.size = 2500), 'nothing'],
    ];
    let current = base;
    for (const [what, change, reuse] of steps) {
      current = edit(current, change);
      const result = live.evaluate(current);
      expect(result.reuse, what).toBe(reuse);
      const fresh = prepare(current);
      const expected = metricsOf(fresh, evaluateExpected(fresh));
      expect(metricsOf(result.prepared, result.outcome), what).toEqual(expected);
    }
  });

  it('evaluates with a given behaviour, and keeps reusing while that behaviour stays the same', async () => {
    const base = await fixture();
    const live = new LiveEvaluator();
    const prepared = prepare(base);
    const effort = prepared.model.behaviour.effort.map((e) => e.map(() => 0.6));
    const behaviour = { id: 'solved-1', value: { effort, intensity: prepared.model.behaviour.intensity } };
    expect(live.evaluate(base, behaviour).reuse).toBe('nothing');
    const cheaper = edit(base, (j) => (j.payment.components[3].price = 20000));
    const result = live.evaluate(cheaper, behaviour);
    expect(result.reuse).toBe('settlement');
    const fresh = prepare(cheaper);
    expect(metricsOf(result.prepared, result.outcome)).toEqual(metricsOf(fresh, evaluateExpected(fresh, behaviour.value)));
    // Another behaviour: evaluated afresh (the population kept).
    expect(live.evaluate(cheaper).reuse).toBe('population');
    expect(behaviourKey(base)).toBe(behaviourKey(cheaper));
  });
});

describe('bands', () => {
  it('sums months into periods and labels them from the start month', () => {
    expect(Array.from(periodSums([1, 2, 3, 4, 5], 'quarter'))).toEqual([6, 9]);
    expect(periodLabels('2026-11', 5, 'quarter')).toEqual(['2026 Q4', '2027 Q1']);
    expect(periodLabels('2026-01', 24, 'year')).toEqual(['2026', '2027']);
  });

  it('gives the mean and the same percentiles as the summary, per period', () => {
    const reps = [[10, 1], [20, 2], [30, 3], [40, 4], [50, 5]].map((a) => Float64Array.from(a));
    const band = bandOf(reps);
    expect(band.mean[0]).toBe(30);
    expect(band.lower[0]).toBeCloseTo(11, 12);
    expect(band.upper[0]).toBeCloseTo(49, 12);
    expect(band.n).toBe(5);
  });
});

describe('dashboard and comparison', () => {
  it('shows the summary the CLI prints, and bands whose totals match it', async () => {
    const scenario = await fixture();
    const prepared = prepare(scenario);
    const { expected, replications } = simulate(prepared, { replications: 2 });
    const d = dashboardOf(prepared, { expected, replications, seed: 42 });
    const cli = summarize(replications.map((o, r) => longRows(prepared, o, r, scenario.id)));
    const spending = cli.find((s) => s.entity === 'region' && s.metric === 'spendingKr' && s.period === 'all')!;
    expect(d.spendingKr.region.mean).toBe(spending.mean);
    expect(d.engine).toBe('micro');
    const monthly = d.series.month.spendingKr.region.mean.reduce((a, b) => a + b, 0);
    expect(monthly).toBeCloseTo(spending.mean, 3);
    expect(d.series.year.labels).toEqual(['2026']);
    expect(d.outcomes.byGroup.length).toBeGreaterThan(0);
    expect(d.outcomes.all.values.daysAtHomePerPersonYear.mean).toBeGreaterThan(300);
    const sipIncluded = d.providers.find((p) => p.id === 'sjukhus')!.revenueByComponentKr.map((c) => c.component);
    expect(sipIncluded).toContain('hospital-drg');
  });

  it('pairs replications of two designs and aligns their series', async () => {
    const a = await fixture();
    const b = edit(a, (j) => (j.payment.components[3].price = 40000));
    const run = (s: Scenario) => {
      const prepared = prepare(s);
      const { expected, replications } = simulate(prepared, { replications: 3 });
      const input = { expected, replications, seed: 42 };
      const evaluated = evaluatedOf(prepared, input);
      return { dashboard: dashboardOf(prepared, input, evaluated), evaluated };
    };
    const [ra, rb] = [run(a), run(b)];
    const c = comparisonOf([ra.dashboard, rb.dashboard], [ra.evaluated, rb.evaluated]);
    const hospital = c.differences[0].find((r) => r.entity === 'sjukhus' && r.metric === 'revenueKr')!;
    expect(hospital.mean).toBeGreaterThan(0);
    // Common random numbers: the same people fall ill, so activity does not differ at all.
    const ed = c.differences[0].find((r) => r.entity === 'population' && r.metric === 'edVisitsPerThousandPersonYears')!;
    expect(ed.mean).toBe(0);
    expect(c.aligned.month.labels.length).toBe(12);
    expect(c.aligned.month.spendingRange[1]).toBeGreaterThan(0);
  });
});
