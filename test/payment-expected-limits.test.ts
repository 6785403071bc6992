/**
 * The expected-value engine takes contract limits in expectation over the draws the
 * microsimulation makes: a cap near the expected quarter, a stop-loss on people's yearly costs and
 * a risk corridor near its edge each land inside the 99 % interval of a 400-replication mean —
 * and the old way (the limit applied to the expected amount) lands outside it, so the test can fail.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenarioFile } from '../src/scenario/load.js';
import { costOver } from '../src/engine/costs.js';
import type { Outcome, Prepared } from '../src/payment/evaluation.js';
import { evaluateExpected, prepare, simulate } from '../src/payment/evaluation.js';
import type { PaymentComponent, Scenario } from '../src/scenario/types.js';
import { compoundPoissonExcess, placeExcess } from '../src/engine/excess.js';
import { expectedClamp, expectedCorridor } from '../src/payment/dispersion.js';

const REPLICATIONS = 400;
const Z99 = 2.5758;

/** What the providers received from each component, summed over the run. */
function byComponent(p: Prepared, o: Outcome): number[] {
  const n = p.plan.components.length;
  const A = p.plan.accounts.length;
  const r = o.ledger.receivedByComponent(n);
  return Array.from({ length: n }, (_, c) => {
    let x = 0;
    for (let a = 0; a < A; a++) if (p.plan.accounts[a].kind === 'provider') x += r[c * A + a];
    return x;
  });
}

function meanAndHalfWidth(xs: number[]): { mean: number; half: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  return { mean, half: (Z99 * sd) / Math.sqrt(xs.length) };
}

function withComponents(s: Scenario, change: (c: PaymentComponent[]) => PaymentComponent[]): Scenario {
  return { ...s, population: { ...s.population, size: 5000 }, simulation: { ...s.simulation, years: 1 }, payment: { ...s.payment, components: change(s.payment.components as PaymentComponent[]) } };
}

describe('closed forms', () => {
  it('a compound Poisson excess matches the sum over the count of a single amount', () => {
    // One event size 100 at rate 1.3, threshold 250: E[(100N − 250)+] = Σ_n (100n − 250)+ P(N = n).
    let want = 0;
    let pn = Math.exp(-1.3);
    for (let n = 0; n < 60; n++) {
      if (n > 0) pn *= 1.3 / n;
      want += Math.max(0, 100 * n - 250) * pn;
    }
    expect(compoundPoissonExcess([1.3], [100], 250)).toBeCloseTo(want, 6);
    expect(compoundPoissonExcess([1.3], [100], -50)).toBeCloseTo(130 + 50, 9);
  });

  it('a place where nobody dies has the excess of a full year; with deaths, a mixture of stays', () => {
    const f = Float64Array.from({ length: 13 }, (_, t) => t * t);
    expect(placeExcess(f, 0, 12)).toBe(144);
    // Two months, death rate q: stay 1 then stay 1 (died in month 0), or stay 2, or died in month 1 (stay 2).
    const q = 0.1;
    expect(placeExcess(f, q, 2)).toBeCloseTo(q * f[1] + q * f[1] + (1 - q) * f[2], 12);
  });

  it('a cap at the mean of a normal total takes off σ·φ(0); a corridor at ±σ half as much as its share', () => {
    expect(expectedClamp(100, 10, undefined, 100)).toBeCloseTo(100 - 10 / Math.sqrt(2 * Math.PI), 9);
    expect(expectedClamp(100, 10, 100, undefined)).toBeCloseTo(100 + 10 / Math.sqrt(2 * Math.PI), 9);
    expect(expectedClamp(100, 0, 50, 80)).toBe(80);
    // Symmetric corridor around a zero-mean margin: what is taken back above equals what is covered below.
    expect(expectedCorridor(0, 10, 5, 0.5)).toBeCloseTo(0, 12);
    expect(expectedCorridor(30, 1e-9, 5, 0.5)).toBeCloseTo(-12.5, 6);
  });
});

describe('contract limits in expectation against 400 replications', { timeout: 900_000 }, async () => {
  const file = await loadScenarioFile(join(import.meta.dirname, '../scenarios/contract-limits.json'));
  const DRG = 0;
  const CAPITATION = [1, 2];
  // Without the cap, the expected quarter of DRG revenue: the cap is set there, where a limit bends most.
  const uncapped = prepare(withComponents(file, (cs) => cs.map((c, i) => (i === DRG ? { ...c, cap: undefined } : c))));
  const quarter = byComponent(uncapped, evaluateExpected(uncapped))[DRG] / 4;
  // A yearly grant to the hospital with a corridor whose edge is at the hospital's expected margin
  // (on a design of its own, without the cap: each limit is checked alone).
  const grant = 20_000_000;
  const design = (corridor?: { band: number; share: number }) =>
    withComponents(file, (cs) => [
      ...cs.slice(0, 3).map((c, i) => (i === DRG ? { ...c, cap: undefined } : c)),
      ...cs.slice(5),
      { id: 'grant', kind: 'fixed', basis: 'lump', amount: grant, timing: 'retrospective', settlement: 'year', payer: 'region', payee: 'sjukhuset', riskCorridor: corridor } as PaymentComponent,
    ]);
  const plain = prepare(design());
  const hospital = plain.model.providerIds.indexOf('sjukhuset');
  const A = plain.plan.accounts.length;
  const outcome = evaluateExpected(plain);
  const net = outcome.ledger.netByMonth(12);
  let margin = -costOver(outcome.costs, plain.model.providerIds.length, hospital, 0, 12);
  for (let m = 0; m < 12; m++) margin += net[m * A + plain.plan.providerAccount[hospital]];
  const capped = prepare(withComponents(file, (cs) => cs.map((c, i) => (i === DRG ? { ...c, cap: Math.round(quarter) } : c))));
  const withCorridor = prepare(design({ band: Math.abs(margin) / grant, share: 0.5 }));
  const GRANT = withCorridor.plan.components.length - 1;
  const checked = new Map<Prepared, ReturnType<typeof run>>();
  const check = (p: Prepared) => checked.get(p) ?? (checked.set(p, run(p)), checked.get(p)!);
  const run = (p: Prepared) => {
    const expected = byComponent(p, evaluateExpected(p));
    const runs = simulate(p, { replications: REPLICATIONS, seed: 11 }).replications.map((o) => byComponent(p, o));
    return { expected, interval: (c: number) => meanAndHalfWidth(runs.map((x) => x[c])) };
  };

  it('a cap at the expected quarter: the expectation of the capped revenue, not the cap of its expectation', () => {
    const { expected, interval } = check(capped);
    const { mean, half } = interval(DRG);
    expect(half).toBeLessThan(0.02 * mean);
    expect(Math.abs(expected[DRG] - mean)).toBeLessThan(half);
    // Applied to the expectation, the cap would not bind at all: four full quarters, outside the interval.
    expect(Math.abs(4 * quarter - mean)).toBeGreaterThan(half);
  });

  it('a stop-loss on people above SEK 40,000 on each of two capitations', () => {
    const { expected, interval } = check(capped);
    for (const c of CAPITATION) {
      const { mean, half } = interval(c);
      expect(half).toBeLessThan(0.02 * mean);
      expect(Math.abs(expected[c] - mean)).toBeLessThan(half);
    }
  });

  it('a stop-loss in a population that ages, dies and is joined by new people', () => {
    const changing = prepare({ ...capped.scenario, population: { ...capped.scenario.population, change: {} } });
    const { expected, interval } = check(changing);
    for (const c of CAPITATION) {
      const { mean, half } = interval(c);
      expect(half).toBeLessThan(0.02 * mean);
      expect(Math.abs(expected[c] - mean)).toBeLessThan(half);
    }
  });

  it('a corridor at the edge of the expected margin', () => {
    const { expected, interval } = check(withCorridor);
    const { mean, half } = interval(GRANT);
    expect(half).toBeLessThan(0.02 * grant);
    expect(Math.abs(expected[GRANT] - mean)).toBeLessThan(half);
    // At its edge the corridor applied to the expected margin adjusts nothing: the grant alone, outside the interval.
    expect(Math.abs(grant - mean)).toBeGreaterThan(half);
  });
});
