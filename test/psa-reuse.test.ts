/**
 * What a design keeps between draws (the payment plan's sums over the population and its weight
 * formulas per cell) must not keep a drawn value from taking effect: a drawn parameter that changes
 * what is kept (the case-mix R², a base rate, the population's size) gives the run of a scenario written with
 * that value, draw after draw, in any order.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Design, outcomeMeasures } from '../src/uncertainty/evaluate.js';
import { runDraws, type PsaSettings } from '../src/uncertainty/psa.js';
import { loadModels } from '../src/scenario/load.js';
import { scenarioOrThrow, validateScenario } from '../src/scenario/validate.js';
import { evaluateExpected, prepare } from '../src/run.js';
import { compilePlan } from '../src/payment/plan.js';
import { paymentComponents } from '../src/payment/evaluation.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const models = await loadModels();

/** The minimal fixture (case-mix weighted capitation), with one uncertain parameter. */
function design(path: string, values: number[]): Json {
  const json = JSON.parse(readFileSync('test/fixtures/minimal-scenario.json', 'utf8')) as Json;
  json.population.riskWeightR2 = 0.3;
  json.uncertainty = { modelRanges: false, parameters: [{ path, distribution: { type: 'discrete', values }, source: 'ASSUMPTION (test)' }] };
  return json;
}

/** The measures of the fixture written with `set` applied, run without the uncertainty code. */
function handRun(set: (json: Json) => void): number[] {
  const json = design('population.riskWeightR2', [0.3]);
  delete json.uncertainty;
  set(json);
  const prepared = prepare(scenarioOrThrow(validateScenario(json, { models })));
  return outcomeMeasures(prepared, evaluateExpected(prepared)).map((m) => m.value);
}

const settings: PsaSettings = { draws: 1, seed: 3, engine: 'expected', replications: 0, gap: false };

describe('what a design keeps between draws', () => {
  it('lets a drawn case-mix R² reach the weighted capitation, in every draw', () => {
    const low = handRun((j) => (j.population.riskWeightR2 = 0.05));
    const high = handRun((j) => (j.population.riskWeightR2 = 0.35));
    expect(low).not.toEqual(high);
    const d = new Design(design('population.riskWeightR2', [0.05, 0.35]), models);
    for (const v of [0.05, 0.35, 0.05, 0.35]) expect(d.evaluate(new Map([['population.riskWeightR2', v]]), { gap: false }).expected.map((m) => m.value).slice(0, low.length), `R² ${v}`).toEqual(v === 0.05 ? low : high);
    // Through the draws: each draw equals the hand run at the value it drew.
    const { results } = runDraws([d], { ...settings, draws: 6 }, [0, 1, 2, 3, 4, 5]);
    const drawn = new Set(results.map((r) => r.parameters[0][0]));
    expect(drawn).toEqual(new Set([0.05, 0.35]));
    for (const r of results) expect(r.values[0].slice(0, low.length)).toEqual(r.parameters[0][0] === 0.05 ? low : high);
  });

  it('lets a drawn base rate reach the case mix of the same population, and back', () => {
    const path = 'care.rates.complex-low-capacity.admission';
    const d = new Design(design(path, [0.05]), models);
    const set = (v: number) => (j: Json) => (j.care = { ...(j.care ?? {}), rates: { 'complex-low-capacity': { admission: v } } });
    const low = handRun(set(0.05));
    const high = handRun(set(0.2));
    expect(low).not.toEqual(high);
    for (const v of [0.05, 0.2, 0.05]) expect(d.evaluate(new Map([[path, v]]), { gap: false }).expected.map((m) => m.value).slice(0, low.length), `rate ${v}`).toEqual(v === 0.05 ? low : high);
  });

  it('lets a drawn population size reach the plan, and back', () => {
    const d = new Design(design('population.size', [2000]), models);
    for (const size of [2000, 2600, 2000]) {
      const e = d.evaluate(new Map([['population.size', size]]), { gap: false }).expected.map((m) => m.value);
      const hand = handRun((j) => (j.population.size = size));
      expect(e.slice(0, hand.length)).toEqual(hand);
    }
  });

  it('gives a plan compiled after others exactly the sums of a plan compiled first', () => {
    const json = design('population.riskWeightR2', [0.3]);
    const scenario = scenarioOrThrow(validateScenario(json, { models }));
    const first = prepare(scenario);
    // Another case mix and another population in between.
    prepare(scenarioOrThrow(validateScenario({ ...json, population: { ...json.population, riskWeightR2: 0.1, size: 1500 } }, { models })));
    const again = compilePlan(first.model, first.population, paymentComponents(scenario), Float64Array.from(first.caseMix));
    first.plan.components.forEach((c, i) => {
      expect(Array.from(again.components[i].weightedPeople)).toEqual(Array.from(c.weightedPeople));
      expect(again.components[i].cellWeight === null ? null : Array.from(again.components[i].cellWeight!)).toEqual(c.cellWeight === null ? null : Array.from(c.cellWeight));
    });
  });
});
