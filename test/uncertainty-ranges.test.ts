/**
 * Default distributions from the model's sourced ranges: the beta-PERT family, which parameters get
 * one, what replaces it, and the tornado running over it as over a stated distribution.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { meanOf, quantile } from '../src/uncertainty/distributions.js';
import { rangeParameters } from '../src/uncertainty/ranges.js';
import { uncertainParameters } from '../src/uncertainty/presets.js';
import { Design, outcomeMeasures } from '../src/uncertainty/evaluate.js';
import { tornado } from '../src/uncertainty/oneway.js';
import { setParameter } from '../src/uncertainty/paths.js';
import { loadModels } from '../src/scenario/load.js';
import { validateModel } from '../src/scenario/models.js';
import { scenarioOrThrow, validateScenario } from '../src/scenario/validate.js';
import { evaluateExpected, prepare } from '../src/run.js';
import { behaviourPath } from '../src/behaviour/index.js';

// Raw scenario JSON, edited freely by the tests before validation.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const fixture = (): Json => JSON.parse(readFileSync('test/fixtures/minimal-scenario.json', 'utf8')) as Json;
const models = await loadModels();
const BASELINE = 'payment.components[5].parameters.baseline';

/** The fixture with the readmission-bonus model paying the hospital (component 5). */
function withBonus(parameters: Json = {}): Json {
  const json = fixture();
  json.payment.components.splice(5, 0, { model: 'readmission-bonus', id: 'bonus', parameters: { payee: 'sjukhus', ...parameters } });
  return json;
}

function handRun(json: unknown) {
  const scenario = scenarioOrThrow(validateScenario(json, { models }));
  const prepared = prepare(scenario);
  return outcomeMeasures(prepared, evaluateExpected(prepared, behaviourPath(prepared).behaviour));
}

describe('beta-PERT', () => {
  it('is a beta stretched to the range, shaped by the mode', () => {
    // Mode at the low end: beta(1, 5), whose quantile is 1 − (1 − p)^(1/5) (to the incomplete beta's precision, about 1e-9).
    const d = { type: 'pert' as const, min: 10, mode: 10, max: 20 };
    expect(quantile(d, 0.5)).toBeCloseTo(10 + 10 * (1 - 0.5 ** 0.2), 7);
    expect(quantile(d, 0.9)).toBeCloseTo(10 + 10 * (1 - 0.1 ** 0.2), 7);
    // Symmetric mode: beta(3, 3), median in the middle; mean (min + 4 mode + max) / 6.
    expect(quantile({ type: 'pert', min: 0, mode: 0.5, max: 1 }, 0.5)).toBeCloseTo(0.5, 12);
    expect(meanOf({ type: 'pert', min: 0.2, mode: 0.25, max: 0.46 })).toBeCloseTo((0.2 + 4 * 0.25 + 0.46) / 6, 15);
  });
});

describe('default distributions from sourced ranges', () => {
  it("gives a model parameter with a sourced range a PERT on it, with its mode at the scenario's value", () => {
    const defaults = rangeParameters(withBonus({ baseline: 0.1 }), models);
    expect(defaults.map((p) => p.path)).toEqual([BASELINE]);
    expect(defaults[0].distribution).toEqual({ type: 'pert', min: 0.05, mode: 0.1, max: 0.13 });
    expect(defaults[0].source).toMatch(/^socialstyrelsen-2021 .*models\/readmission-bonus\.json; beta-PERT/);
    // The model's default where the scenario is silent; no default where its value lies outside the range.
    expect(rangeParameters(withBonus(), models)[0].distribution).toEqual({ type: 'pert', min: 0.05, mode: 0.12, max: 0.13 });
    expect(rangeParameters(withBonus({ baseline: 0.2 }), models)).toEqual([]);
  });

  it('gives the sourced provider response a default only where providers choose their behaviour, and none for an assumed range', () => {
    const json = fixture();
    expect(rangeParameters(json, models)).toEqual([]);
    json.simulation = { ...json.simulation, behaviour: 'equilibrium' };
    const defaults = rangeParameters(json, models);
    // selectionCost, selectionHarm and valuePerQaly have ranges that are assumptions only.
    expect(defaults.map((p) => [p.path, p.distribution])).toEqual([['response.feeForServiceVolume', { type: 'pert', min: 0.2, mode: 0.25, max: 0.46 }]]);
    json.response = { feeForServiceVolume: 0.3 };
    expect(rangeParameters(json, models)[0].distribution).toEqual({ type: 'pert', min: 0.2, mode: 0.3, max: 0.46 });
  });

  it("yields to the scenario's own entry and the preset's, and is switched off by modelRanges: false", () => {
    const json = withBonus();
    json.simulation = { ...json.simulation, behaviour: 'equilibrium' };
    const all = uncertainParameters(json.uncertainty, undefined, json, models);
    expect(all.filter((p) => p.distribution.type === 'pert').map((p) => p.path)).toEqual(['response.feeForServiceVolume', BASELINE]);
    const own = { path: BASELINE, distribution: { type: 'uniform' as const, min: 0.1, max: 0.12 }, source: 'ASSUMPTION (test)' };
    json.uncertainty = { preset: 'assumption', parameters: [own] };
    const replaced = uncertainParameters(json.uncertainty, undefined, json, models);
    expect(replaced.filter((p) => p.path === BASELINE)).toEqual([own]);
    expect(replaced.filter((p) => p.path.startsWith('providers'))).toHaveLength(json.providers.length);
    json.uncertainty.modelRanges = false;
    expect(uncertainParameters(json.uncertainty, undefined, json, models).some((p) => p.path === 'response.feeForServiceVolume')).toBe(false);
    // Without the models (the scenario's own listing), no defaults.
    expect(uncertainParameters(undefined, undefined, withBonus())).toEqual([]);
  });

  it('runs in the tornado: low and high are the PERT 2.5 and 97.5 % points and equal hand-set runs', () => {
    const json = withBonus();
    const design = new Design(json, models);
    expect(design.parameters.map((p) => p.path)).toEqual([BASELINE]);
    const result = tornado(design, { gap: false, measure: 'margin/sjukhus' });
    const row = result.rows[0];
    const pert = { type: 'pert' as const, min: 0.05, mode: 0.12, max: 0.13 };
    expect([row.base, row.low, row.high]).toEqual([0.12, quantile(pert, 0.025), quantile(pert, 0.975)]);
    const at = (v: number) => handRun(setParameter(json, BASELINE, v, models)).find((m) => m.measure === 'margin' && m.entity === 'sjukhus')!.value;
    expect(row.atLow).toBe(at(row.low));
    expect(row.atHigh).toBe(at(row.high));
    expect(row.swing).toBeGreaterThan(0);
  });

  it('is checked in the model file', () => {
    const model = JSON.parse(readFileSync('models/readmission-bonus.json', 'utf8')) as Json;
    expect(validateModel(model).ok).toBe(true);
    const messages = (range: unknown) => {
      const copy = structuredClone(model);
      copy.parameters.baseline.range = range;
      const v = validateModel(copy, 'models/readmission-bonus.json');
      return v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`.replace('models/readmission-bonus.json: ', ''));
    };
    expect(messages({ low: 0.13, high: 0.05, source: 'x' })).toEqual(['parameters.baseline.range.high: must be > min (0.13), got 0.05']);
    expect(messages({ low: 0.01, high: 0.1, source: 'x' })).toEqual(['parameters.baseline.range: the default 0.12 must lie inside the sourced range (0.01–0.1)']);
    expect(messages({ low: -1, high: 0.2, source: 'x' })).toEqual(['parameters.baseline.range.low: must be between 0 and 1, got -1']);
    expect(messages({ low: 0.05, high: 0.2 })).toEqual(['parameters.baseline.range.source: required']);
  });

  it('accepts a stated PERT in the scenario and checks it like a triangular', () => {
    const json = fixture();
    json.uncertainty = { modelRanges: 'yes', parameters: [{ path: 'payment.components[3].price', distribution: { type: 'pert', min: 40000, mode: 30000, max: 50000 }, source: 'ASSUMPTION (test)' }] };
    const v = validateScenario(json, { models });
    expect(v.ok).toBe(false);
    const errors = v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`);
    expect(errors).toEqual(['uncertainty.modelRanges: must be true or false, got string', 'uncertainty.parameters[0].distribution.mode: must be between min (40000) and max (50000), got 30000']);
  });
});
