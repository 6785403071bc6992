/**
 * Invariants of the engines: conservation of money, no NaN, reproducibility, common random
 * numbers, order independence, and agreement of the expected-value engine with the
 * microsimulation.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { prepare, simulate } from '../src/run.js';
import type { Outcome, Prepared } from '../src/run.js';
import { validateScenario } from '../src/scenario/index.js';
import type { PaymentComponent, Scenario } from '../src/scenario/types.js';
import { CounterRng, streamKey, uniformAt } from '../src/random.js';
import { SERVICE_COUNT } from '../src/domain.js';
import { EXTRA } from '../src/engine/activity.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/minimal-scenario.json', import.meta.url), 'utf8')) as Scenario;

function scenarioWith(components: PaymentComponent[], patch: (s: Scenario) => void = () => {}): Scenario {
  const json = structuredClone(fixture);
  json.payment.components = components;
  patch(json);
  const result = validateScenario(json);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.scenario;
}

function totals(p: Prepared, o: Outcome): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of o.ledger) {
    const to = p.plan.accounts[t.to].id;
    const from = p.plan.accounts[t.from].id;
    out.set(to, (out.get(to) ?? 0) + t.amount);
    out.set(from, (out.get(from) ?? 0) - t.amount);
  }
  return out;
}

/** A random component drawn from every kind, modification and contract feature. */
const component = (i: number) =>
  fc.oneof(
    fc.record({ amount: fc.integer({ min: 0, max: 5_000_000 }), payee: fc.constantFrom('sjukhus', 'vc-norr', 'samverkan'), shared: fc.boolean(), start: fc.integer({ min: 1, max: 12 }) }).map(
      (r): PaymentComponent => ({
        id: `c${i}`, kind: 'fixed', basis: 'lump', amount: r.amount, payee: r.payee,
        payer: r.shared ? [{ payer: 'region', share: 0.5 }, { payer: 'kommun', share: 0.5 }] : 'region', start: `2026-${String(r.start).padStart(2, '0')}`,
      }),
    ),
    fc.record({ amount: fc.integer({ min: 0, max: 5000 }), w: fc.constantFrom('acg', '1 + 0.2*(cni-1)', 'age >= 75 ? 2 : 1') }).map(
      (r): PaymentComponent => ({ id: `c${i}`, kind: 'fixed', basis: 'per-person', amount: r.amount, weight: r.w, payer: 'region', payee: 'vc-soder' }),
    ),
    fc.record({ price: fc.integer({ min: 0, max: 3000 }), service: fc.constantFrom('primaryVisit', 'edVisit', 'homeHealthVisit', 'homeCareHour', 'specialistVisit'), cap: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }), weighted: fc.boolean() }).map(
      (r): PaymentComponent => ({ id: `c${i}`, kind: 'variable', service: r.service, pricing: 'fee', price: r.price, payer: 'kommun', payee: r.service === 'primaryVisit' ? 'vc-norr' : r.service === 'homeHealthVisit' ? 'hemsjukvard' : r.service === 'homeCareHour' ? 'hemtjanst' : 'sjukhus', cap: r.cap, ...(r.weighted ? { weight: 'acg' } : {}) }),
    ),
    fc.record({ price: fc.integer({ min: 0, max: 3000 }) }).map((r): PaymentComponent => ({ id: `c${i}`, kind: 'variable', service: 'sipMeeting', pricing: 'fee', price: r.price, payer: 'region', payee: 'participants' })),
    fc.record({ share: fc.double({ min: 0, max: 1, noNaN: true }) }).map((r): PaymentComponent => ({ id: `c${i}`, kind: 'variable', service: 'edVisit', pricing: 'cost', price: r.share, payer: 'region', payee: 'sjukhus' })),
    fc.record({ target: fc.double({ min: 0, max: 0.5, noNaN: true }), amount: fc.integer({ min: 0, max: 1_000_000 }), deduction: fc.boolean(), settlement: fc.constantFrom('month', 'quarter', 'year') as fc.Arbitrary<'month' | 'quarter' | 'year'> }).map(
      (r): PaymentComponent => ({ id: `c${i}`, kind: 'goal', indicator: 'readmissionRate', target: r.target, amount: r.amount, deduction: r.deduction, settlement: r.settlement, payer: 'region', payee: 'samverkan', scope: 'system' }),
    ),
    fc.record({ price: fc.integer({ min: 0, max: 100_000 }) }).map(
      (r): PaymentComponent => ({ id: `c${i}`, kind: 'value', trigger: 'admission', groups: ['rapid-onset'], price: r.price, windowMonths: 3, includedServices: ['admission', 'readmission'], outcomes: [{ indicator: 'adlIndependent', reference: 0.8, valuePerPoint: 500 }], payer: 'region', payee: 'sjukhus' }),
    ),
    fc.record({ amount: fc.integer({ min: 0, max: 10_000_000 }), band: fc.double({ min: 0, max: 0.2, noNaN: true }), threshold: fc.integer({ min: 0, max: 400_000 }) }).map(
      (r): PaymentComponent => ({ id: `c${i}`, kind: 'fixed', basis: 'lump', amount: r.amount, payer: 'kommun', payee: 'hemtjanst', riskCorridor: { band: r.band, share: 0.5 }, stopLoss: { threshold: r.threshold, share: 0.5 } }),
    ),
  );

const design = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => component(i))));

describe('conservation of money and no NaN, over random designs', () => {
  it('balances every month and yields only finite numbers (expected value and microsimulation)', () => {
    fc.assert(
      fc.property(design, fc.integer({ min: 0, max: 2 ** 31 }), (components, seed) => {
        const scenario = scenarioWith(components, (s) => {
          s.population.size = 300;
          s.simulation.seed = seed;
        });
        const p = prepare(scenario);
        const { expected, replications } = simulate(p, { replications: 1 });
        for (const o of [expected, ...replications]) {
          o.ledger.assertBalanced(p.model.months);
          let paid = 0;
          let got = 0;
          for (const t of o.ledger) {
            expect(Number.isFinite(t.amount)).toBe(true);
            if (p.plan.accounts[t.from].kind === 'payer') paid += t.amount;
            if (p.plan.accounts[t.to].kind === 'payer') paid -= t.amount;
            if (p.plan.accounts[t.to].kind === 'provider') got += t.amount;
            if (p.plan.accounts[t.from].kind === 'provider') got -= t.amount;
          }
          expect(Math.abs(paid - got)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(paid)));
          expect(o.table.data.every(Number.isFinite)).toBe(true);
          expect(o.costs.total.every(Number.isFinite)).toBe(true);
        }
      }),
      { numRuns: 40, seed: 20261124 },
    );
  });
});

describe('reproducibility', () => {
  const scenario = scenarioWith(fixture.payment.components as PaymentComponent[], (s) => (s.population.size = 3000));

  it('gives identical results for the same seed and different ones for another seed', () => {
    const a = simulate(prepare(scenario), { replications: 2, seed: 5 });
    const b = simulate(prepare(scenario), { replications: 2, seed: 5 });
    const c = simulate(prepare(scenario), { replications: 2, seed: 6 });
    expect(b.replications[1].table.data).toEqual(a.replications[1].table.data);
    expect([...b.replications[1].ledger]).toEqual([...a.replications[1].ledger]);
    expect(c.replications[1].table.data).not.toEqual(a.replications[1].table.data);
    expect(a.replications[0].table.data).not.toEqual(a.replications[1].table.data);
  });

  it('gives the same totals whatever the order of the components', () => {
    const reversed = scenarioWith([...(fixture.payment.components as PaymentComponent[])].reverse(), (s) => (s.population.size = 3000));
    const a = prepare(scenario);
    const b = prepare(reversed);
    const ta = totals(a, simulate(a, { replications: 1, seed: 9 }).replications[0]);
    const tb = totals(b, simulate(b, { replications: 1, seed: 9 }).replications[0]);
    for (const [id, v] of ta) expect(tb.get(id)).toBeCloseTo(v, 4);
  });

  it('keeps who falls ill the same when only the payment design changes (common random numbers)', () => {
    const other = scenarioWith([{ id: 'budget', kind: 'fixed', basis: 'lump', amount: 1e6, payer: 'region', payee: 'sjukhus' }], (s) => (s.population.size = 3000));
    const a = simulate(prepare(scenario), { replications: 1, seed: 3 }).replications[0].table;
    const b = simulate(prepare(other), { replications: 1, seed: 3 }).replications[0].table;
    // Compare service and outcome columns; extra columns differ because the designs ask for different ones.
    const columns = EXTRA;
    for (let row = 0; row < a.data.length / a.cols; row++)
      for (let c = 0; c < columns; c++) if (a.data[row * a.cols + c] !== b.data[row * b.cols + c]) throw new Error(`row ${row} column ${c} differs`);
  });
});

describe('random streams', () => {
  it('draws from one stream never shift another', () => {
    const care = new CounterRng(streamKey(1, 'care'));
    const death = new CounterRng(streamKey(1, 'death'));
    care.reset(10, 3);
    const alone = [care.next(), care.next(), care.next()];
    care.reset(10, 3);
    death.reset(10, 3);
    const mixed = [care.next(), (death.next(), death.next(), care.next()), care.next()];
    expect(mixed).toEqual(alone);
    expect(care.at(1)).toBe(alone[1]);
    expect(streamKey(1, 'care')).not.toBe(streamKey(1, 'death'));
  });

  it('gives uniforms that look uniform and independent across people, months and indices', () => {
    const key = streamKey(7, 'care');
    const rng = new CounterRng(key);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let lag = 0;
    let prev = 0.5;
    const bins = new Array(10).fill(0);
    for (let i = 0; i < n; i++) {
      rng.reset(i % 5000, Math.floor(i / 5000));
      const u = rng.next();
      sum += u;
      sumSq += u * u;
      lag += (u - 0.5) * (prev - 0.5);
      prev = u;
      bins[Math.floor(u * 10)]++;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumSq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
    expect(Math.abs(lag / n)).toBeLessThan(0.002);
    const chi2 = bins.reduce((a, b) => a + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9); // 99.9th percentile of χ² with 9 degrees of freedom
    expect(uniformAt(123, 0)).not.toBe(uniformAt(123, 1));
  });
});

describe('the expected-value engine and the microsimulation agree in expectation', () => {
  it('matches every provider\'s revenue and cost and the main counts within the Monte Carlo interval', () => {
    const components: PaymentComponent[] = [
      { id: 'cap', kind: 'fixed', basis: 'per-person', amount: 3000, weight: 'acg', payer: 'region', payee: 'vc-norr' },
      { id: 'drg', kind: 'variable', service: ['admission', 'readmission'], pricing: 'drg', price: 40000, payer: 'region', payee: 'sjukhus' },
      { id: 'ed', kind: 'variable', service: 'edVisit', pricing: 'fee', price: 2500, weight: 'acg', payer: 'region', payee: 'sjukhus' },
      { id: 'hh', kind: 'variable', service: 'homeHealthVisit', pricing: 'cost', price: 1, payer: 'kommun', payee: 'hemsjukvard' },
      { id: 'sip', kind: 'variable', service: 'sipMeeting', pricing: 'fee', price: 1500, payer: 'region', payee: 'participants' },
      { id: 'stroke', kind: 'value', trigger: 'admission', groups: ['rapid-onset'], price: 60000, windowMonths: 3, includedServices: ['admission', 'specialistVisit'], outcomes: [{ indicator: 'adlIndependent', reference: 0.8, valuePerPoint: 800 }], payer: 'region', payee: 'sjukhus' },
      { id: 'spec', kind: 'variable', service: 'specialistVisit', pricing: 'fee', price: 1000, payer: 'region', payee: 'sjukhus' },
    ];
    const scenario = scenarioWith(components, (s) => {
      s.population.size = 30000;
      s.simulation.years = 1;
    });
    const p = prepare(scenario);
    const reps = 40;
    const { expected, replications } = simulate(p, { replications: reps, seed: 11 });
    const check = (label: string, ev: number, values: number[]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
      const se = sd / Math.sqrt(values.length);
      // Four standard errors: a fixed seed makes this deterministic; a real bias of a few per cent fails it.
      if (Math.abs(mean - ev) > 4 * se + 1e-9 * Math.abs(ev)) throw new Error(`${label}: expected value ${ev}, simulated ${mean} ± ${se}`);
    };
    const evTotals = totals(p, expected);
    const simTotals = replications.map((o) => totals(p, o));
    for (const id of p.model.providerIds) check(`revenue of ${id}`, evTotals.get(id) ?? 0, simTotals.map((t) => t.get(id) ?? 0));
    const P = p.model.providerIds.length;
    const costOf = (o: Outcome, provider: number) => {
      let sum = 0;
      for (let i = 0; i < o.costs.total.length; i++) if (Math.floor(i / 26) % P === provider) sum += o.costs.total[i];
      return sum;
    };
    for (let i = 0; i < P; i++) check(`cost of ${p.model.providerIds[i]}`, costOf(expected, i), replications.map((o) => costOf(o, i)));
    const column = (o: Outcome, c: number) => {
      let sum = 0;
      for (let row = 0; row < o.table.data.length / o.table.cols; row++) sum += o.table.data[row * o.table.cols + c];
      return sum;
    };
    for (let c = 0; c < EXTRA; c++) {
      if (c >= SERVICE_COUNT && c < 2 * SERVICE_COUNT && c !== SERVICE_COUNT + 3 && c !== SERVICE_COUNT + 1) continue; // in-episode readmissions are approximate
      check(`activity column ${c}`, column(expected, c), replications.map((o) => column(o, c)));
    }
  });
});
