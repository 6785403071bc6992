/**
 * Sensitivity and uncertainty: distributions and their draws, parameter paths, the scenario's
 * uncertainty section, tornado and sweep against hand-set runs, and the PSA's determinism across
 * workers, shards and the queue.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISTRIBUTION_TYPES, drawValue, quantile, meanOf, normalQuantile, type Distribution } from '../src/uncertainty/distributions.js';
import { getParameter, parsePath, setParameter } from '../src/uncertainty/paths.js';
import { presetParameters, uncertainParameters } from '../src/uncertainty/presets.js';
import { Design, outcomeMeasures } from '../src/uncertainty/evaluate.js';
import { gridOf, sweep, tornado } from '../src/uncertainty/oneway.js';
import { mergeShards, runDraws, shardDraws, summarizePsa, type PsaSettings, type PsaShard } from '../src/uncertainty/psa.js';
import { loadModels } from '../src/scenario/load.js';
import { validateScenario, scenarioOrThrow } from '../src/scenario/validate.js';
import { evaluateExpected, prepare, simulate } from '../src/run.js';
import { metricsOf } from '../src/results/metrics.js';
import { behaviourPath } from '../src/behaviour/index.js';
import { main } from '../src/cli/main.js';

const FIXTURE = 'test/fixtures/minimal-scenario.json';
// Raw scenario JSON, edited freely by the tests before validation.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, any>;
const models = await loadModels();

/** The fixture with two uncertain parameters: the DRG price and the effect on the frailest's admissions. */
function uncertainFixture(extra: Record<string, unknown>[] = []) {
  const json = fixture();
  json.uncertainty = {
    parameters: [
      { path: 'payment.components[3].price', distribution: { type: 'uniform', min: 20000, max: 40000 }, source: 'ASSUMPTION (test)' },
      { path: 'care.effects.complex-low-capacity.admission', distribution: { type: 'beta', mean: 0.5, sd: 0.1 }, source: 'ASSUMPTION (test)', low: 0.3, high: 0.7 },
      ...extra,
    ],
  };
  return json;
}

/** Measures of a scenario JSON run by hand through the pipeline, without the uncertainty code. */
function handRun(json: unknown) {
  const scenario = scenarioOrThrow(validateScenario(json, { models }));
  const prepared = prepare(scenario);
  const outcome = evaluateExpected(prepared, behaviourPath(prepared).behaviour);
  return outcomeMeasures(prepared, outcome);
}

const valueOf = (rows: { measure: string; entity: string; value: number }[], measure: string, entity: string) => rows.find((r) => r.measure === measure && r.entity === entity)!.value;

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
}

describe('distributions', () => {
  it('gives known quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(quantile({ type: 'normal', mean: 10, sd: 2 }, 0.025)).toBeCloseTo(10 - 2 * 1.959963985, 7);
    // Beta(2, 5): median 0.26445 (R: qbeta(0.5, 2, 5)); Gamma(2, scale 3): median 5.03504 (qgamma(0.5, 2, scale = 3)).
    expect(quantile({ type: 'beta', alpha: 2, beta: 5 }, 0.5)).toBeCloseTo(0.2644499833, 8);
    expect(quantile({ type: 'gamma', shape: 2, scale: 3 }, 0.5)).toBeCloseTo(5.035040849, 7);
    // Lognormal with mean 1, sd 0.5: median exp(−σ²/2), σ² = ln 1.25.
    expect(quantile({ type: 'lognormal', mean: 1, sd: 0.5 }, 0.5)).toBeCloseTo(1 / Math.sqrt(1.25), 8);
    expect(quantile({ type: 'uniform', min: 0, max: 10 }, 0.25)).toBe(2.5);
    // Triangular(0, 0, 1): F(x) = 1 − (1 − x)², so the median is 1 − √0.5.
    expect(quantile({ type: 'triangular', min: 0, mode: 0, max: 1 }, 0.5)).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect(quantile({ type: 'discrete', values: [1, 2, 3], weights: [1, 0, 1] }, 0.49)).toBe(1);
    expect(quantile({ type: 'discrete', values: [1, 2, 3], weights: [1, 0, 1] }, 0.51)).toBe(3);
  });

  it('has the mean it is given, by the method of moments', () => {
    const beta = { type: 'beta', mean: 0.65, sd: 0.075 } as const;
    expect(meanOf(beta)).toBeCloseTo(0.65, 12);
    const draws = Array.from({ length: 4000 }, (_, d) => drawValue(beta, 1, 'x', d));
    const m = draws.reduce((a, b) => a + b, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((a, b) => a + (b - m) ** 2, 0) / (draws.length - 1));
    expect(m).toBeCloseTo(0.65, 2);
    expect(sd).toBeCloseTo(0.075, 2);
  });

  it('draws the same value for the same seed, path and draw, and other values for others', () => {
    const d: Distribution = { type: 'normal', mean: 0, sd: 1 };
    expect(drawValue(d, 7, 'a.b', 3)).toBe(drawValue(d, 7, 'a.b', 3));
    expect(drawValue(d, 7, 'a.b', 3)).not.toBe(drawValue(d, 7, 'a.b', 4));
    expect(drawValue(d, 7, 'a.b', 3)).not.toBe(drawValue(d, 8, 'a.b', 3));
    expect(drawValue(d, 7, 'a.b', 3)).not.toBe(drawValue(d, 7, 'a.c', 3));
    for (const type of DISTRIBUTION_TYPES) expect(typeof type).toBe('string');
  });
});

describe('parameter paths', () => {
  it('reads paths as the validator writes them, with the model defaults where the file is silent', () => {
    expect(parsePath('payment.components[0].parameters.price')).toEqual(['payment', 'components', 0, 'parameters', 'price']);
    expect(parsePath('care.effects.complex-low-capacity.admission')).toEqual(['care', 'effects', 'complex-low-capacity', 'admission']);
    expect(parsePath('a..b')).toBeUndefined();
    expect(parsePath('a[0')).toBeUndefined();
    const json = fixture();
    expect(getParameter(json, 'payment.components[3].price')).toBe(30000);
    expect(getParameter(json, 'payment.components[3].payee')).toBeUndefined();
    // The fixture says no evidence: local follow-ups, −65 % admissions of the frailest at full coordination.
    expect(getParameter(json, 'care.effects.complex-low-capacity.admission')).toBe(0.65);
    expect(getParameter(json, 'providers[0].behaviour.altruism')).toBe(0.5);
    expect(getParameter(json, 'providers[99].behaviour.altruism')).toBeUndefined();
    const teaching = JSON.parse(readFileSync('scenarios/teaching-wrong-pocket.json', 'utf8'));
    // A payment model's parameter the file leaves to the model's default.
    expect(getParameter(teaching, 'payment.components[0].parameters.price', models)).toBe(models.drg.parameters.price.default);
  });

  it('writes a copy, creating the objects on the way', () => {
    const json = fixture();
    const set = setParameter(json, 'care.effects.complex-low-capacity.admission', 0.4);
    expect(set.care.effects['complex-low-capacity'].admission).toBe(0.4);
    expect(json.care?.effects).toBeUndefined();
    expect(() => setParameter(json, 'payment.components[3].payee', 1)).toThrow(/not a numeric parameter/);
  });
});

describe('the uncertainty section', () => {
  const errors = (uncertainty: unknown, care?: unknown) => {
    const json = fixture();
    json.uncertainty = uncertainty;
    if (care) json.care = care;
    const r = validateScenario(json, { models });
    return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
  };

  it('accepts every shipped scenario, each with an evidence preset for its coordination effects', async () => {
    for (const file of ['aktiv-halsostyrning', 'teaching-wrong-pocket', 'skane-stroke-value-chain']) {
      const json = JSON.parse(await readFile(`scenarios/${file}.json`, 'utf8'));
      expect(validateScenario(json, { models }).ok).toBe(true);
      expect(uncertainParameters(json.uncertainty).some((p) => p.path.startsWith('care.effects.'))).toBe(true);
    }
  });

  it('names each problem at its path', () => {
    expect(errors({ parameters: [{ path: 'care.effects.complex-low-capacity.admission', distribution: { type: 'normal', mean: 0.6, sd: 0.2 }, source: 's' }] })).toEqual([
      "uncertainty.parameters[0].distribution: the distribution reaches -0.667592 to 1.86759, outside the parameter's range (≥ 0, ≤ 1)",
    ]);
    expect(errors({ parameters: [{ path: 'payment.components[3].payee', distribution: { type: 'uniform', min: 0, max: 1 }, source: 's' }] })).toEqual([
      "uncertainty.parameters[0].path: 'payment.components[3].payee' names no number in this scenario",
    ]);
    expect(errors({ parameters: [{ path: 'payment..price', distribution: { type: 'uniform', min: 1, max: 0 }, source: 's' }] })).toEqual([
      "uncertainty.parameters[0].path: 'payment..price' is not a parameter path; write it as the validator does, e.g. payment.components[0].parameters.price",
      'uncertainty.parameters[0].distribution.max: must be > min (1), got 0',
    ]);
    expect(errors({ parameters: [{ path: 'payment.components[3].price', distribution: { type: 'beta', mean: 0.5, sd: 0.6 }, source: 's', low: 5, high: 4 }] })).toEqual([
      'uncertainty.parameters[0].distribution.sd: a beta distribution with this mean needs sd < 0.5, got 0.6',
      'uncertainty.parameters[0].high: must be ≥ low (5), got 4',
    ]);
    expect(errors({ preset: 'local-follow-ups' }, { evidence: 'controlled-trials' })).toEqual([
      "uncertainty.preset: preset 'local-follow-ups' runs with care.evidence 'local-follow-ups', but care.evidence is 'controlled-trials'; make them agree or use preset 'assumption'",
    ]);
    expect(errors({ preset: 'hunch' })).toEqual(["uncertainty.preset: 'hunch' is not one of controlled-trials, local-follow-ups, assumption"]);
    expect(errors({ parameters: [{ path: 'payment.components[3].price', distribution: { type: 'gamma', shape: 2 }, source: 's' }] })).toEqual([
      'uncertainty.parameters[0].distribution: a gamma distribution needs shape and scale, or mean and sd',
    ]);
  });

  it('ships presets centred on the evidence they are named after', () => {
    const trials = presetParameters('controlled-trials').find((p) => p.path === 'care.effects.complex-low-capacity.admission')!;
    const local = presetParameters('local-follow-ups').find((p) => p.path === 'care.effects.complex-low-capacity.admission')!;
    const assumption = presetParameters('assumption').find((p) => p.path === 'care.effects.complex-low-capacity.admission')!;
    expect(meanOf(trials.distribution)).toBeCloseTo(0.12, 12);
    expect(meanOf(local.distribution)).toBeCloseTo(0.65, 12);
    expect(assumption.distribution).toEqual({ type: 'uniform', min: 0.12, max: 0.65 });
    // Provider responses only where providers choose: altruism around each provider's own value.
    const providers = [{ behaviour: { altruism: 0.8 } }, {}];
    expect(presetParameters('assumption', { providers, simulation: { behaviour: 'fixed' } }).some((p) => p.path.startsWith('providers'))).toBe(false);
    const responses = presetParameters('assumption', { providers, simulation: { behaviour: 'equilibrium' } }).filter((p) => p.path.startsWith('providers'));
    expect(responses.map((p) => [p.path, p.distribution])).toEqual([
      ['providers[0].behaviour.altruism', { type: 'triangular', min: 0.2, mode: 0.8, max: 1 }],
      ['providers[1].behaviour.altruism', { type: 'triangular', min: 0.2, mode: 0.5, max: 1 }],
    ]);
    // −50 to −80 % in the local follow-ups: the 95 % range of the preset's distribution.
    expect(quantile(local.distribution, 0.025)).toBeCloseTo(0.5, 1);
    expect(quantile(local.distribution, 0.975)).toBeCloseTo(0.8, 1);
  });
});

describe('measures', () => {
  it('are the sums of the results module, to the last bit', () => {
    const scenario = scenarioOrThrow(validateScenario(fixture(), { models }));
    const prepared = prepare(scenario);
    const { expected, replications } = simulate(prepared, { replications: 1 });
    for (const outcome of [expected, replications[0]]) {
      const m = metricsOf(prepared, outcome);
      const total = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);
      const personYears = total(m.population.personYears);
      const reference = [
        ...m.payerIds.map((id) => ['spending', id, total(m.spendingKr[id])]),
        ...m.providerIds.map((id) => ['margin', id, total(m.marginKr[id])]),
        ['admissions', 'population', total(m.population.services.admission)],
        ['avoidableAdmissionsPerThousand', 'population', (1000 * total(m.population.outcomes.avoidableAdmissions)) / personYears],
        ['qaly', 'population', total(m.population.outcomes.qaly)],
        ...['complex-low-capacity', 'rapid-onset', 'few-contacts-low-capacity', 'complex-high-capacity'].map((g, i) => ['teamCoordination', g, m.teamCoordinationByGroup[i]]),
      ];
      expect(outcomeMeasures(prepared, outcome).map((v) => [v.measure, v.entity, v.value])).toEqual(reference);
    }
  });
});

describe('one-way analyses', () => {
  it('a point mass gives exactly the fixed-parameter result', () => {
    const json = uncertainFixture();
    json.uncertainty.parameters[0].distribution = { type: 'discrete', values: [32000] };
    json.uncertainty.parameters.pop();
    const design = new Design(json, models);
    const settings: PsaSettings = { draws: 3, seed: 5, engine: 'expected', replications: 0, gap: false };
    const { results } = runDraws([design], settings, [0, 1, 2]);
    const fixed = fixture();
    fixed.payment.components[3].price = 32000;
    const hand = handRun(fixed).map((r) => r.value);
    for (const r of results) expect(r.values[0].slice(0, hand.length)).toEqual(hand);
  });

  it("tornado's low and high equal two hand-set runs", () => {
    const design = new Design(uncertainFixture(), models);
    const result = tornado(design, { gap: false, measure: 'spending/region' });
    const row = result.rows.find((r) => r.path === 'care.effects.complex-low-capacity.admission')!;
    expect([row.low, row.high]).toEqual([0.3, 0.7]);
    const low = handRun(setParameter(fixture(), row.path, 0.3));
    const high = handRun(setParameter(fixture(), row.path, 0.7));
    expect(row.atLow).toBe(valueOf(low, 'spending', 'region'));
    expect(row.atHigh).toBe(valueOf(high, 'spending', 'region'));
    expect(row.baseValue).toBe(valueOf(handRun(fixture()), 'spending', 'region'));
    // Default low/high: the distribution's 2.5 and 97.5 % points; rows ranked by swing.
    const price = result.rows.find((r) => r.path === 'payment.components[3].price')!;
    expect([price.low, price.high]).toEqual([20500, 39500]);
    expect(result.rows.map((r) => r.swing)).toEqual([...result.rows.map((r) => r.swing)].sort((a, b) => b - a));
  });

  it('sweep endpoints equal two single runs', () => {
    const json = fixture();
    const design = new Design(json, models);
    const { points } = sweep(design, [{ path: 'payment.components[3].price', from: 10000, to: 50000, steps: 3 }], { gap: false });
    expect(points.map((p) => p.at[0])).toEqual([10000, 30000, 50000]);
    expect(valueOf(points[0].values, 'margin', 'sjukhus')).toBe(valueOf(handRun(setParameter(json, 'payment.components[3].price', 10000)), 'margin', 'sjukhus'));
    expect(valueOf(points[2].values, 'margin', 'sjukhus')).toBe(valueOf(handRun(setParameter(json, 'payment.components[3].price', 50000)), 'margin', 'sjukhus'));
    expect(gridOf({ path: 'x', from: 0, to: 1, steps: 4 })).toEqual([0, 1 / 3, 2 / 3, 1]);
  });
});

describe('decision flips', () => {
  it('marks where a provider starts coordinating, between points that straddle half effort', () => {
    const json = JSON.parse(readFileSync('scenarios/teaching-wrong-pocket-3-sip-and-bonus.json', 'utf8'));
    json.population.size = 3000;
    json.simulation.years = 1;
    const design = new Design(json, models);
    const path = 'payment.components[1].parameters.price';
    const { points, flips } = sweep(design, [{ path, from: 0, to: 20000, steps: 3 }, { path: 'care.substitution', from: 0.5, to: 0.6, steps: 2 }], { gap: false });
    // The grid: the first parameter varies fastest.
    expect(points.map((p) => p.at)).toEqual([[0, 0.5], [10000, 0.5], [20000, 0.5], [0, 0.6], [10000, 0.6], [20000, 0.6]]);
    expect(flips.length).toBeGreaterThan(0);
    for (const f of flips) {
      const line = points.filter((p) => p.at[1] === f.other);
      const effortAt = (x: number) => valueOf(line.find((p) => p.at[0] === x)!.values, 'effort', f.provider);
      expect(f.direction).toBe('starts');
      expect(effortAt(f.between[0])).toBeLessThan(0.5);
      expect(effortAt(f.between[1])).toBeGreaterThanOrEqual(0.5);
      expect(f.at).toBeGreaterThan(f.between[0]);
      expect(f.at).toBeLessThanOrEqual(f.between[1]);
    }
  });
});

describe('probabilistic sensitivity analysis', () => {
  it('gives B the win in every draw where B dominates by construction', () => {
    const a = uncertainFixture();
    const b = uncertainFixture();
    b.id = 'with-grant';
    // B = A plus a lump sum from the region to the hospital: the region always pays 1 M kr more, the hospital earns it.
    b.payment.components.push({ id: 'grant', kind: 'fixed', basis: 'lump', amount: 1_000_000, payer: 'region', payee: 'sjukhus' });
    const designs = [new Design(a, models), new Design(b, models)];
    const settings: PsaSettings = { draws: 4, seed: 11, engine: 'expected', replications: 0, gap: false };
    const { keys, results } = runDraws(designs, settings, shardDraws(4, 1, 1));
    // Common draws: both designs drew the same parameter values.
    for (const r of results) expect(r.parameters[1]).toEqual(r.parameters[0]);
    const info = [{ id: 'minimal', title: 'A', file: 'a' }, { id: 'with-grant', title: 'B', file: 'b' }];
    const psa = summarizePsa(settings, info, [[], []], keys, results);
    const p = (design: string, measure: string, entity: string) => psa.probabilityBest.find((r) => r.design === design && r.measure === measure && r.entity === entity)!.probability;
    expect(p('with-grant', 'spending', 'region')).toBe(0);
    expect(p('minimal', 'spending', 'region')).toBe(1);
    expect(p('with-grant', 'margin', 'sjukhus')).toBe(1);
    expect(p('minimal', 'margin', 'sjukhus')).toBe(0);
    const spend = psa.summary.find((r) => r.design === 'minimal' && r.measure === 'spending' && r.entity === 'region')!;
    expect(spend.meanLower).toBeLessThanOrEqual(spend.mean);
    expect(spend.rangeLower).toBeLessThan(spend.rangeUpper);
    expect([spend.parameterShare, spend.eventShare]).toEqual([1, 0]);
  });

  it('splits the variance into parameter and event uncertainty with the microsimulation', () => {
    const design = new Design(uncertainFixture(), models);
    const settings: PsaSettings = { draws: 3, seed: 3, engine: 'micro', replications: 2, gap: false };
    const { keys, results } = runDraws([design], settings, [0, 1, 2]);
    const psa = summarizePsa(settings, [{ id: 'minimal', title: 'A', file: 'a' }], [[]], keys, results);
    const admissions = psa.summary.find((r) => r.measure === 'admissions')!;
    expect(admissions.n).toBe(6);
    expect(admissions.eventShare).toBeGreaterThan(0);
    expect(admissions.parameterShare + admissions.eventShare).toBeCloseTo(1, 12);
  });

  it('writes the same bytes with one worker, two workers, and three shards merged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reimburse-psa-'));
    try {
      const file = join(dir, 'a.json');
      const { writeFile } = await import('node:fs/promises');
      await writeFile(file, JSON.stringify(uncertainFixture()));
      const args = ['psa', file, '--draws', '5', '--seed', '9', '--no-gap', '-q'];
      const one = io();
      expect(await main([...args, '--out', join(dir, 'one.json')], one.io)).toBe(0);
      expect(await main([...args, '--workers', '2', '--out', join(dir, 'two.json')], io().io)).toBe(0);
      for (const i of [1, 2, 3]) expect(await main([...args, '--shard', `${i}/3`, '--out', join(dir, `s${i}.json`)], io().io)).toBe(0);
      const merged = io();
      expect(await main(['merge', join(dir, 's3.json'), join(dir, 's1.json'), join(dir, 's2.json'), '--out', join(dir, 'all.json'), '-q'], merged.io), merged.out.stderr).toBe(0);
      const bytes = await readFile(join(dir, 'one.json'), 'utf8');
      expect(await readFile(join(dir, 'two.json'), 'utf8')).toBe(bytes);
      expect(await readFile(join(dir, 'all.json'), 'utf8')).toBe(bytes);
      const parsed = JSON.parse(bytes);
      expect(parsed.settings).toEqual({ draws: 5, seed: 9, engine: 'expected', replications: 0, gap: false });
      expect(parsed.probabilityBest.every((r: { probability: number }) => r.probability === 1)).toBe(true);
      const missing = io();
      expect(await main(['merge', join(dir, 's1.json'), join(dir, 's2.json')], missing.io)).toBe(1);
      expect(missing.out.stderr).toContain('missing shard 3/3');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a shard from another run', () => {
    const base: PsaShard = { format: 'reimburse-psa-shard', version: 1, settings: { draws: 2, seed: 1, engine: 'expected', replications: 0, gap: false }, designs: [], parameters: [], keys: [], shard: { index: 1, count: 2 }, draws: [] };
    expect(() => mergeShards([base, { ...base, shard: { index: 2, count: 2 }, settings: { ...base.settings, seed: 2 } }])).toThrow('shard 2/2 is from a different run');
    expect(() => mergeShards([base, base])).toThrow('shard 1/2 given twice');
  });
});

describe('commands', () => {
  it('tornado and sweep write JSON and CSV, and refuse a path that names no number', async () => {
    const t = io();
    expect(await main(['tornado', 'scenarios/teaching-wrong-pocket.json', '--measure', 'spending/region', '--no-gap', '--format', 'csv', '-q'], t.io), t.out.stderr).toBe(0);
    const lines = t.out.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('measure,entity,path,source,base,low,high,baseValue,atLow,atHigh,swing');
    // The local follow-ups preset of the file (twelve effects and the seven providers' responses) and the
    // default from the sourced range of the fee-for-service response: one row each for the one measure asked for.
    const rows = lines.slice(1);
    expect(rows.map((l) => l.split(',').slice(0, 2).join('/'))).toEqual(Array(20).fill('spending/region'));
    expect(rows.filter((l) => l.includes(',response.feeForServiceVolume,'))).toHaveLength(1);
    // --seed replaces the scenario's seed, as run's does: the base is the run with that seed.
    const seeded = io();
    expect(await main(['sweep', FIXTURE, '--param', 'payment.components[3].price', '--from', '30000', '--to', '30000', '--steps', '1', '--seed', '7', '--no-gap', '--format', 'json', '-q'], seeded.io), seeded.out.stderr).toBe(0);
    const swept = JSON.parse(seeded.out.stdout);
    const reseeded = fixture();
    reseeded.simulation.seed = 7;
    expect(swept.settings.seed).toBe(7);
    expect(swept.points[0].values['spending/region']).toBe(valueOf(handRun(reseeded), 'spending', 'region'));
    expect(swept.points[0].values['spending/region']).not.toBe(valueOf(handRun(fixture()), 'spending', 'region'));
    const s = io();
    expect(await main(['sweep', FIXTURE, '--param', 'payment.components[3].payee', '--from', '0', '--to', '1', '--steps', '2'], s.io)).toBe(2);
    expect(s.out.stderr).toContain("--param: 'payment.components[3].payee' names no number");
    const u = io();
    expect(await main(['sweep', FIXTURE, '--from', '0'], u.io)).toBe(2);
    expect(u.out.stderr).toContain('--from must follow the --param it belongs to');
  });
});
