/**
 * How a PSA draw sets the providers' behaviour: `warm` reaches `solve`'s equilibrium from the base
 * one and solves a repeated year's game once; `hold` keeps the base run's behaviour.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Design } from '../src/uncertainty/evaluate.js';
import { warmEquilibriumPath } from '../src/uncertainty/behaviour.js';
import { runDraws, type PsaSettings } from '../src/uncertainty/psa.js';
import { drawValue } from '../src/uncertainty/distributions.js';
import { outcomeMeasures } from '../src/uncertainty/evaluate.js';
import { loadModels } from '../src/scenario/load.js';
import { scenarioOrThrow, validateScenario } from '../src/scenario/validate.js';
import { behaviourPath, solveFrom, steadyContext } from '../src/behaviour/index.js';
import { prepare, runScenario } from '../src/run.js';
import { main } from '../src/cli/main.js';

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
}

const models = await loadModels();
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** The SIP-and-bonus teaching design (equilibrium behaviour), small. */
function teaching(years = 3): Json {
  const json = JSON.parse(readFileSync('scenarios/teaching-wrong-pocket-3-sip-and-bonus.json', 'utf8')) as Json;
  json.population.size = 3000;
  json.simulation.years = years;
  return json;
}

const preparedOf = (json: unknown) => prepare(scenarioOrThrow(validateScenario(json, { models })));

describe('warm-started equilibrium paths', () => {
  it('solve a game that repeats every year once, and give the path behaviourPath gives', () => {
    const prepared = preparedOf(teaching());
    const solved = behaviourPath(prepared, 'equilibrium');
    const warm = warmEquilibriumPath(prepared, solved.years[0]);
    expect(warm.solves).toBe(1);
    for (let y = 0; y < 3; y++) {
      // The solver confirms a converged equilibrium within its tolerance (1e-6) and the path rounds to 1e-6.
      warm.behaviour.effort[y].forEach((e, i) => expect(Math.abs(e - solved.behaviour.effort[y][i])).toBeLessThanOrEqual(2e-6));
      warm.behaviour.intensity[y].forEach((e, i) => expect(Math.abs(e - solved.behaviour.intensity[y][i])).toBeLessThanOrEqual(2e-6));
    }
  });

  it('solve again in the year a component stops paying, and not after', () => {
    const json = teaching();
    // A second SIP fee for the first year only: years 2 and 3 are the same game, without it.
    json.payment.components.push({ id: 'sip-start', kind: 'variable', service: 'sipMeeting', pricing: 'fee', price: 3000, payer: 'region', payee: 'participants', end: '2027-01' });
    const prepared = preparedOf(json);
    const solved = behaviourPath(prepared, 'equilibrium');
    const warm = warmEquilibriumPath(prepared, solved.years[0]);
    expect(warm.solves).toBe(2);
    expect(Array.from(warm.behaviour.effort[2])).toEqual(Array.from(warm.behaviour.effort[1]));
  });
});

describe("run's equilibrium path over repeated years", () => {
  /** Each year solved afresh from the year before, as the path was before it kept repeated games. */
  function everyYearSolved(prepared: ReturnType<typeof preparedOf>) {
    const round = (v: number) => Math.round(v * 1e6) / 1e6;
    let x = { effort: Float64Array.from(prepared.model.behaviour.effort[0]), intensity: Float64Array.from(prepared.model.behaviour.intensity[0]) };
    const years: (typeof x)[] = [];
    for (let y = 0; y < prepared.model.years; y++) {
      const s = solveFrom(steadyContext(prepared, y), x);
      x = { effort: s.decisions.effort.map(round), intensity: s.decisions.intensity.map(round) };
      years.push(x);
    }
    return years;
  }

  it('keeps a converged year for a repeated game, within the tolerance of solving it again', () => {
    const prepared = preparedOf(teaching(4));
    const path = behaviourPath(prepared, 'equilibrium');
    expect(path.converged).toEqual([true, true, true, true]);
    // Kept, not confirmed: the same decisions, not a copy moved by a rounding unit.
    for (let y = 1; y < 4; y++) expect(path.years[y]).toBe(path.years[0]);
    const solved = everyYearSolved(prepared);
    solved.forEach((x, y) => {
      x.effort.forEach((e, i) => expect(Math.abs(e - path.behaviour.effort[y][i])).toBeLessThanOrEqual(2e-6));
      x.intensity.forEach((e, i) => expect(Math.abs(e - path.behaviour.intensity[y][i])).toBeLessThanOrEqual(2e-6));
    });
  });

  it('solves again in the year a component stops paying', () => {
    const json = teaching();
    json.payment.components.push({ id: 'sip-start', kind: 'variable', service: 'sipMeeting', pricing: 'fee', price: 3000, payer: 'region', payee: 'participants', end: '2027-01' });
    const prepared = preparedOf(json);
    const path = behaviourPath(prepared, 'equilibrium');
    expect(path.years[1]).not.toBe(path.years[0]);
    expect(path.years[2]).toBe(path.years[1]);
    expect(Array.from(path.years[1].effort)).not.toEqual(Array.from(path.years[0].effort));
  });
});

describe('behaviour per draw', () => {
  const settings = (behaviour?: 'warm' | 'hold'): PsaSettings => ({ draws: 2, seed: 4, engine: 'expected', replications: 0, gap: false, ...(behaviour ? { behaviour } : {}) });

  it('warm gives the measures solve gives, to the solver tolerance', () => {
    const solve = runDraws([new Design(teaching(), models)], settings(), [0, 1]);
    const warm = runDraws([new Design(teaching(), models)], settings('warm'), [0, 1]);
    expect(warm.keys).toEqual(solve.keys);
    warm.results.forEach((r, d) =>
      r.values[0].forEach((v, k) => {
        const s = solve.results[d].values[0][k];
        expect(Math.abs(v - s), solve.keys[0][k]).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(s)));
      }),
    );
  });

  it("hold runs every draw with the base run's behaviour", () => {
    const design = new Design(teaching(), models);
    const { keys, results } = runDraws([design], settings('hold'), [0, 1]);
    const base = design.baseBehaviour().behaviour;
    const baseRun = runScenario(design.scenario(new Map()));
    expect(base.effort.map((e) => Array.from(e))).toEqual(baseRun.behaviour.effort.map((e) => Array.from(e)));
    for (const r of results) {
      const values = new Map(design.parameters.map((p) => [p.path, drawValue(p.distribution, 4, p.path, r.draw)]));
      const scenario = design.scenario(values);
      const prepared = prepare(scenario);
      const hand = outcomeMeasures(prepared, runScenario(scenario, { prepared, behaviour: base }).expected);
      for (const m of hand) expect(r.values[0][keys[0].indexOf(`${m.measure}/${m.entity}`)]).toBe(m.value);
    }
    // Effort is the base run's in every draw, although each draw draws the providers' altruism.
    const effort = keys[0].findIndex((k) => k.startsWith('effort/'));
    expect(results[0].values[0][effort]).toBe(results[1].values[0][effort]);
    expect(results[0].parameters[0]).not.toEqual(results[1].parameters[0]);
  });
});

describe('psa --behaviour', () => {
  it('records a chosen behaviour in the settings, leaves the default out, and refuses an unknown one', async () => {
    const file = 'test/fixtures/minimal-scenario.json';
    const held = io();
    expect(await main(['psa', file, '--draws', '1', '--behaviour', 'hold', '--no-gap', '--format', 'json', '-q'], held.io), held.out.stderr).toBe(0);
    expect(JSON.parse(held.out.stdout).settings.behaviour).toBe('hold');
    const solved = io();
    expect(await main(['psa', file, '--draws', '1', '--behaviour', 'solve', '--no-gap', '--format', 'json', '-q'], solved.io), solved.out.stderr).toBe(0);
    expect('behaviour' in JSON.parse(solved.out.stdout).settings).toBe(false);
    const wrong = io();
    expect(await main(['psa', file, '--draws', '1', '--behaviour', 'fast'], wrong.io)).toBe(2);
    expect(wrong.out.stderr).toContain("--behaviour: 'fast' is not one of solve, warm, hold");
  });
});
