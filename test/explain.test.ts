/**
 * "Why did this change?": the waterfall's bars against a hand calculation, and whatever the
 * scenarios, bars that add up to the difference they explain to the öre.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainDifference } from '../src/results/explain.js';
import type { Waterfall } from '../src/results/explain.js';
import { longRows } from '../src/results/summary.js';
import { evaluateExpected, prepare, runScenario } from '../src/run.js';
import type { ScenarioRun } from '../src/run.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import type { PaymentComponent, Scenario } from '../src/scenario/types.js';
import { scaledScenario } from '../scripts/refresh-baseline.js';
import { tinyPopulation, tinyScenario } from './support/tiny.js';

const lump = (id: string, amount: number, payer: string, payee: string): PaymentComponent => ({ id, kind: 'fixed', basis: 'lump', amount, payer, payee });

function tinyRun(components: PaymentComponent[], overrides: Partial<Scenario> = {}): ScenarioRun {
  const scenario = tinyScenario(components, overrides);
  return runScenario(scenario, { population: tinyPopulation(scenario, [{ count: 50 }, { count: 50, listing: 1 }]) });
}

const sum = (w: Waterfall) => w.steps.reduce((s, x) => s + x.ore, 0);
const find = (waterfalls: Waterfall[], measure: string, entity: string) => waterfalls.find((w) => w.measure === measure && w.entity === entity)!;

describe('explainDifference', () => {
  // Base: a grant of 1 000 000.37 kr a year to PC A and 30 000 kr from the town to home care.
  // Variant: the grant raised to 1 200 000.41 kr, home care's money gone, 50 000 kr added for PC B
  // and a bonus that pays nobody anything (its target cannot be met).
  const base = tinyRun([lump('grant', 1_000_000.37, 'region', 'pc-a'), lump('home', 30_000, 'town', 'home-care')]);
  const variant = tinyRun([
    lump('grant', 1_200_000.41, 'region', 'pc-a'),
    lump('new', 50_000, 'region', 'pc-b'),
    { id: 'bonus', kind: 'goal', indicator: 'carePlanShare', target: 1, amount: 10_000, payer: 'region', payee: 'pc-b' },
  ]);
  const explained = explainDifference(base, variant);

  it('prices each component at the base behaviour, by hand', () => {
    const region = find(explained.waterfalls, 'spendingKr', 'region');
    // 1 200 000.41 − 1 000 000.37 = 200 000.04 kr; + 50 000 kr; the bonus 0 kr; the providers do not move.
    expect(region.steps).toEqual([
      { kind: 'component', component: 'grant', change: 'changed', ore: 20_000_004 },
      { kind: 'component', component: 'new', change: 'added', ore: 5_000_000 },
      { kind: 'component', component: 'bonus', change: 'added', ore: 0 },
      { kind: 'behaviour', ore: 0 },
    ]);
    expect(region.differenceOre).toBe(25_000_004);
    expect(find(explained.waterfalls, 'spendingKr', 'town').steps).toEqual([
      { kind: 'component', component: 'home', change: 'removed', ore: -3_000_000 },
      { kind: 'behaviour', ore: 0 },
    ]);
    // Margins: what each provider receives (costs do not move when behaviour does not).
    expect(find(explained.waterfalls, 'marginKr', 'pc-a').steps[0]).toEqual({ kind: 'component', component: 'grant', change: 'changed', ore: 20_000_004 });
    const pcB = find(explained.waterfalls, 'marginKr', 'pc-b');
    expect(pcB.steps.filter((s) => s.kind === 'component').map((s) => [s.component, s.change, s.ore])).toEqual([
      ['new', 'added', 5_000_000],
      ['bonus', 'added', 0],
    ]);
    expect(find(explained.waterfalls, 'marginKr', 'home-care').steps[0]).toEqual({ kind: 'component', component: 'home', change: 'removed', ore: -3_000_000 });
    expect(explained.decomposed).toBe(true);
    expect(explained.engine).toBe('expected');
  });

  it('adds up to the difference shown, to the öre, for every figure', () => {
    for (const w of explained.waterfalls) {
      expect(sum(w)).toBe(w.differenceOre);
      expect(w.differenceOre).toBe(Math.round(w.variantKr * 100) - Math.round(w.baseKr * 100));
    }
  });

  it('shows a difference beyond the payment as its own step, before the payment', () => {
    // The variant's hospital has a fixed cost of 1 000 000.5 kr a year: its margin falls by that, and the payment is the same.
    const costly = tinyRun([lump('grant', 1_000_000.37, 'region', 'pc-a'), lump('home', 30_000, 'town', 'home-care')], {
      providers: base.scenario.providers.map((p) => (p.id === 'hospital' ? { ...p, fixedCostPerYear: 1_000_000.5 } : p)),
    });
    const e = explainDifference(base, costly);
    const hospital = find(e.waterfalls, 'marginKr', 'hospital');
    expect(hospital.steps[0]).toEqual({ kind: 'beyond-payment', ore: -100_000_050 });
    expect(sum(hospital)).toBe(-100_000_050);
  });

  it('cannot take apart runs of different lengths, and says so', () => {
    const longer = tinyRun([lump('grant', 1_000_000, 'region', 'pc-a')], { simulation: { ...base.scenario.simulation, years: 2 } });
    const e = explainDifference(base, longer);
    expect(e.decomposed).toBe(false);
    const region = find(e.waterfalls, 'spendingKr', 'region');
    expect(region.steps.map((s) => s.kind)).toEqual(['undecomposed']);
    // Two years of 1 000 000 kr against one of 1 000 000.37 kr.
    expect(sum(region)).toBe(99_999_963);
  });
});

describe('explainDifference with responding providers and chance events', () => {
  const DIR = join(import.meta.dirname, '..', 'scenarios');
  const small = async (file: string) => scaledScenario(await loadScenarioFile(join(DIR, file)), 1500, 1);

  it('splits price and behaviour effects; the microsimulation adds chance events, all to the öre', async () => {
    const a = { ...(await small('teaching-wrong-pocket-1-fragmented.json')) };
    const b = { ...(await small('teaching-wrong-pocket-3-sip-and-bonus.json')) };
    const settings = { seed: 11, replications: 3 };
    const runA = runScenario({ ...a, simulation: { ...a.simulation, ...settings } }, { engine: 'micro' });
    const runB = runScenario({ ...b, simulation: { ...b.simulation, ...settings } }, { engine: 'micro' });
    const rows = (r: ScenarioRun) => r.replications.map((o, i) => longRows(r.prepared, o, i, r.scenario.id));
    const e = explainDifference({ ...runA, replicationRows: rows(runA) }, { ...runB, replicationRows: rows(runB) });
    expect(e.engine).toBe('micro');
    expect(e.behaviourShift).toBeGreaterThan(0);
    // The price effect ends at the variant's rules with the base's behaviour; the behaviour effect is the rest.
    const hybrid = evaluateExpected(runB.prepared, runA.behaviour);
    const hybridRows = longRows(runB.prepared, hybrid, 'expected', 'b');
    const expectedRows = (r: ScenarioRun) => longRows(r.prepared, r.expected, 'expected', r.scenario.id);
    const total = (rs: ReturnType<typeof longRows>, entity: string, metric: string) => rs.find((r) => r.entity === entity && r.metric === metric && r.period === 'all' && r.group === 'all')!.value;
    for (const w of e.waterfalls) {
      expect(sum(w)).toBe(w.differenceOre);
      expect(w.differenceOre).toBe(Math.round(w.variantKr * 100) - Math.round(w.baseKr * 100));
      const price = w.steps.filter((s) => s.kind === 'component' || s.kind === 'other' || s.kind === 'beyond-payment').reduce((s, x) => s + x.ore, 0) / 100;
      expect(price).toBeCloseTo(total(hybridRows, w.entity, w.measure) - total(expectedRows(runA), w.entity, w.measure), 1);
      const noise = w.steps.find((s) => s.kind === 'event-noise')!;
      const expectedDifference = total(expectedRows(runB), w.entity, w.measure) - total(expectedRows(runA), w.entity, w.measure);
      expect(noise.ore / 100).toBeCloseTo(w.variantKr - w.baseKr - expectedDifference, 1);
      expect(noise.interval![0]).toBeLessThanOrEqual(noise.interval![1]);
    }
  });

  it('calls a response within the solver’s resolution noise, not an effect', async () => {
    const a = await small('teaching-wrong-pocket-1-fragmented.json');
    const runA = runScenario(a, { engine: 'expected' });
    const nudged = { ...runA.behaviour, effort: runA.behaviour.effort.map((e) => e.map((x, i) => (i === 0 ? x + 5e-5 : x))) };
    const runB = runScenario(a, { engine: 'expected', behaviour: nudged, prepared: prepare(a) });
    const e = explainDifference(runA, runB);
    for (const w of e.waterfalls) expect(w.steps.map((s) => s.kind)).toEqual(['solver-noise']);
  });
});
