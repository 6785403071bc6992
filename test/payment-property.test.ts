/**
 * Random valid designs over every kind, every limit, withholds and every receiver (a provider, a pool,
 * 'participants'), on a small population: every design that validates runs, and in every
 * replication and every month what the payers spend equals what the providers receive, to the öre.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../src/run.js';
import { loadModels } from '../src/scenario/load.js';
import { validateScenario } from '../src/scenario/index.js';
import type { PaymentModel } from '../src/scenario/types.js';

const BASE = JSON.parse(readFileSync('scenarios/teaching-wrong-pocket.json', 'utf8'));
const PROVIDERS = BASE.providers.map((p: { id: string }) => p.id) as string[];
const POOL = { id: 'pool', name: 'Pool', members: ['sjukhuset', 'hemsjukvarden'], sharing: 'equal' };

const payer = fc.oneof(fc.constantFrom('region', 'kommun'), fc.constant([{ payer: 'region', share: 0.5 }, { payer: 'kommun', share: 0.5 }]));
const payee = fc.oneof(fc.constantFrom(...PROVIDERS), fc.constant('pool'), fc.constant('participants'));
const month = fc.constantFrom(undefined, '2026-04', '2026-07', '2027-01');
const limits = fc.record(
  {
    cap: fc.integer({ min: 0, max: 5_000_000 }),
    floor: fc.integer({ min: 0, max: 500_000 }),
    stopLoss: fc.record({ threshold: fc.integer({ min: 20_000, max: 400_000 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
    riskCorridor: fc.record({ band: fc.double({ min: 0, max: 0.3, noNaN: true }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
    settlement: fc.constantFrom('month', 'quarter', 'year'),
    timing: fc.constantFrom('prospective', 'retrospective'),
    start: month,
    end: month,
    weight: fc.constantFrom('acg', '1 + cni / 10', 'age >= 80 ? 2 : 1'),
    groups: fc.constantFrom(['complex-low-capacity'], ['complex-low-capacity', 'rapid-onset'], ['healthy']),
    withhold: fc.record({ share: fc.double({ min: 0, max: 0.2, noNaN: true }), quality: fc.constantFrom([{ indicator: 'carePlanShare', target: 0.3 }], [{ indicator: 'patientCoordination', target: 0.8, baseline: 0.2 }, { indicator: 'readmissionRate', target: 0.1 }]) }),
  },
  { requiredKeys: [] },
);
const services = fc.constantFrom('primaryVisit', 'admission', 'homeHealthVisit', ['sipMeeting', 'dischargePlanning'], 'edVisit');
const own = fc.oneof(
  fc.record({ kind: fc.constant('fixed'), basis: fc.constantFrom('lump', 'per-person', 'per-place'), amount: fc.integer({ min: 0, max: 20_000_000 }) }),
  fc.record({ kind: fc.constant('variable'), service: services, pricing: fc.constantFrom('fee', 'drg', 'cost'), price: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => Math.round(x * 1000) / 1000) }),
  fc.record({ kind: fc.constant('variable'), service: services, pricing: fc.constant('fee'), price: fc.integer({ min: 0, max: 50_000 }) }),
  fc.record({
    kind: fc.constant('goal'),
    indicator: fc.constantFrom('carePlanShare', 'readmissionRate', 'patientCoordination', 'avoidableAdmissionRate', 'edVisitRate'),
    target: fc.double({ min: 0.01, max: 0.9, noNaN: true }),
    amount: fc.integer({ min: 0, max: 2_000_000 }),
    perPerson: fc.boolean(),
    deduction: fc.boolean(),
    scope: fc.constantFrom('payee', 'system'),
  }),
  fc.record({ kind: fc.constant('episode'), trigger: fc.constant('admission'), price: fc.integer({ min: 0, max: 80_000 }), windowMonths: fc.constant(3), includedServices: fc.constant(['readmission']) }),
  fc.record({
    kind: fc.constant('value'),
    trigger: fc.constant('admission'),
    price: fc.integer({ min: 0, max: 80_000 }),
    windowMonths: fc.constant(3),
    includedServices: fc.constant(['readmission']),
    outcomes: fc.constant([{ indicator: 'adlIndependent', reference: 0.5, valuePerPoint: 500 }]),
  }),
  fc.record(
    {
      kind: fc.constant('shared-savings'),
      benchmark: fc.integer({ min: 0, max: 20_000 }),
      sharingRate: fc.double({ min: 0, max: 1, noNaN: true }),
      minimumSavingsRate: fc.constantFrom(0, 0.02, 0.05),
      riskAdjusted: fc.boolean(),
      attribution: fc.constantFrom('listed', 'visits'),
      savingsCap: fc.double({ min: 0, max: 0.2, noNaN: true }),
      twoSided: fc.boolean(),
      lossSharingRate: fc.double({ min: 0, max: 1, noNaN: true }),
      quality: fc.constantFrom([{ indicator: 'carePlanShare', target: 0.3 }], [{ indicator: 'readmissionRate', target: 0.1 }, { indicator: 'edVisitRate', target: 800, baseline: 1200 }]),
    },
    { requiredKeys: ['kind', 'benchmark', 'sharingRate'] },
  ),
  fc.record(
    {
      kind: fc.constant('target-price'),
      trigger: fc.constant('admission'),
      windowMonths: fc.constant(3),
      includedServices: fc.constantFrom(['admission', 'readmission'], ['readmission', 'homeHealthVisit', 'dischargePlanning']),
      historicalPrice: fc.integer({ min: 0, max: 120_000 }),
      regionalPrice: fc.integer({ min: 0, max: 120_000 }),
      regionalWeight: fc.double({ min: 0, max: 1, noNaN: true }),
      discount: fc.double({ min: 0, max: 0.1, noNaN: true }),
      stopGainRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
      stopLossRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
      quality: fc.constant([{ indicator: 'readmissionRate', target: 0.1, baseline: 0.15 }]),
      qualityAdjustment: fc.double({ min: 0, max: 0.2, noNaN: true }),
    },
    { requiredKeys: ['kind', 'trigger', 'windowMonths', 'includedServices', 'historicalPrice', 'regionalPrice', 'regionalWeight', 'discount'] },
  ),
);
/** Mostly valid designs: the validator's refusals are tested elsewhere; here designs should run. */
function plausible(c: Record<string, unknown>): Record<string, unknown> {
  const out = { ...c };
  const joint = Array.isArray(out.service);
  if (out.payee === 'participants' && !(out.kind === 'variable' && joint)) out.payee = 'pool';
  if (typeof out.cap === 'number' && typeof out.floor === 'number' && out.floor > out.cap) delete out.floor;
  if (typeof out.start === 'string' && typeof out.end === 'string' && out.end <= out.start) delete out.end;
  const weighted = (out.kind === 'fixed' && out.basis === 'per-person') || (out.kind === 'goal' && out.perPerson === true) || ['variable', 'episode', 'value', 'target-price'].includes(out.kind as string);
  if (!weighted) delete out.weight;
  const prospective = out.kind === 'fixed' || (out.kind === 'variable' && out.pricing !== 'cost');
  if (!prospective) delete out.timing;
  if (out.kind === 'variable' && out.pricing === 'drg') out.service = 'admission';
  if (out.basis === 'per-place') out.payee = 'saboendet';
  if (out.kind === 'shared-savings') {
    out.settlement = 'year';
    delete out.withhold;
    if (out.twoSided !== true) delete out.lossSharingRate;
  }
  if (out.kind === 'target-price') out.settlement = 'year';
  if (out.kind === 'target-price' && out.quality === undefined) delete out.qualityAdjustment;
  return out;
}
const component = fc.tuple(own, payer, payee, limits).map(([o, p, e, l]) => plausible({ ...o, payer: p, payee: e, ...l }));
const design = fc.array(component, { minLength: 1, maxLength: 4 }).map((list) => list.map((c, i) => ({ ...c, id: `c${i}` })));

let models: Record<string, PaymentModel>;
beforeAll(async () => {
  models = await loadModels();
});

describe('random designs over every kind, limit and receiver', () => {
  it('run when they validate, and every krona paid is received in every month of every replication', () => {
    let ran = 0;
    let reconciled = 0;
    const reached = { targetPrice: 0, withhold: 0 };
    fc.assert(
      fc.property(design, fc.constantFrom('equal', 'by-cost', 'by-activity'), (components, sharing) => {
        const json = {
          ...BASE,
          population: { ...BASE.population, size: 1200 },
          pools: [{ ...POOL, sharing }],
          payment: { components },
          simulation: { ...BASE.simulation, years: 1, replications: 2, behaviour: 'fixed' },
        };
        const checked = validateScenario(json, { models });
        if (!checked.ok) return;
        const run = runScenario(checked.scenario, { engine: 'micro' });
        ran++;
        reconciled += run.expected.ledger.reconciliations.filter((r) => r.amount !== 0).length;
        if (components.some((c) => (c as Record<string, unknown>).kind === 'target-price')) reached.targetPrice++;
        if (components.some((c) => (c as Record<string, unknown>).withhold !== undefined)) reached.withhold++;
        for (const outcome of [run.expected, ...run.replications]) {
          const { ledger } = outcome;
          const net = ledger.netByMonth(run.prepared.model.months);
          const A = ledger.accounts.length;
          for (let m = 0; m < run.prepared.model.months; m++) {
            let paid = 0;
            let received = 0;
            for (let a = 0; a < A; a++) {
              const v = net[m * A + a];
              expect(Number.isFinite(v)).toBe(true);
              if (ledger.accounts[a].kind === 'payer') paid -= v;
              else if (ledger.accounts[a].kind === 'provider') received += v;
              else expect(Math.abs(v)).toBeLessThan(0.005);
            }
            expect(Math.abs(paid - received)).toBeLessThan(0.005);
          }
        }
      }),
      { numRuns: 40, seed: 20261203 },
    );
    // The generators must reach valid designs, or the property says nothing.
    expect(ran).toBeGreaterThan(10);
    // Shared savings among them, paying or collecting something.
    expect(reconciled).toBeGreaterThan(0);
    expect(reached.targetPrice).toBeGreaterThan(2);
    expect(reached.withhold).toBeGreaterThan(2);
  });
});
