/**
 * Every payment component kind and every modification against a small hand-calculated case,
 * using the expected-value engine (exact, no noise) on populations laid out cell by cell.
 */
import { describe, expect, it } from 'vitest';
import { evaluateExpected } from '../src/run.js';
import { frailtyMultipliers, cellIndex, normalCdf } from '../src/population/cells.js';
import { stationaryStart } from '../src/engine/expected.js';
import { LENGTH_OF_STAY, DRG_WEIGHT, HOME_HEALTH_WASTE, STROKE_OUTCOMES, UNIT_COSTS } from '../src/care/parameters.js';
import { S } from '../src/domain.js';
import type { PaymentComponent } from '../src/scenario/types.js';
import { onlyRates, received, tiny } from './support/tiny.js';

/**
 * Expected stop-loss excess of one place over a year when its person costs `perMonth` a month
 * for certain, dies with probability q each month and is replaced the month after: the chance of
 * each (month, months so far in the current stay) by stepping through the year.
 */
function yearExcess(perMonth: number, threshold: number, q: number): number {
  let stays = new Map<number, number>([[0, 1]]); // months so far → probability, at the start of a month
  let excess = 0;
  const closed = (months: number) => Math.max(0, perMonth * months - threshold);
  for (let m = 0; m < 12; m++) {
    const next = new Map<number, number>();
    for (const [t, pr] of stays) {
      excess += pr * q * closed(t + 1); // dies this month, after its care
      next.set(t + 1, (next.get(t + 1) ?? 0) + pr * (1 - q));
      next.set(0, (next.get(0) ?? 0) + pr * q);
    }
    stays = next;
  }
  for (const [t, pr] of stays) excess += pr * closed(t);
  return excess;
}

const F0 = frailtyMultipliers(1)[0]; // frailty multiplier of class 0 at σ = 1 (tiny populations use σ = 1)

describe('fixed payments', () => {
  it('pays a lump sum in twelfths, split between payers by their shares', () => {
    const p = tiny([{ id: 'budget', kind: 'fixed', basis: 'lump', amount: 1_200_000, payer: [{ payer: 'region', share: 0.75 }, { payer: 'town', share: 0.25 }], payee: 'hospital' }], [{ count: 10 }]);
    const out = evaluateExpected(p);
    const r = received(p, out.ledger);
    expect(r.hospital).toBeCloseTo(1_200_000, 6);
    expect(r.region).toBeCloseTo(-900_000, 6);
    expect(r.town).toBeCloseTo(-300_000, 6);
    const january = [...out.ledger].filter((t) => t.month === 0).reduce((a, t) => a + t.amount, 0);
    expect(january).toBeCloseTo(100_000, 6);
  });

  it('pays capitation per listed person, weighted by a payer formula (weighting)', () => {
    // 10 people in CNI band 1 (weight 1) and 20 in band 5 (weight 1 + 0.5) listed at pc-a; 7 at pc-b.
    const p = tiny(
      [{ id: 'cap', kind: 'fixed', basis: 'per-person', amount: 1200, weight: '1 + 0.5 * (cni >= 4)', payer: 'region', payee: 'pc-a', modification: 'weighting' }],
      [{ count: 10, cni: 0 }, { count: 20, cni: 4 }, { count: 7, listing: 1 }],
    );
    const r = received(p, evaluateExpected(p).ledger);
    expect(r['pc-a']).toBeCloseTo(1200 * (10 * 1 + 20 * 1.5), 6);
    expect(r['pc-b'] ?? 0).toBe(0);
  });

  it('pays per place of the payee (nursing-home fee)', () => {
    const p = tiny([{ id: 'places', kind: 'fixed', basis: 'per-place', amount: 500_000, payer: 'town', payee: 'nursing-home' }], [{ count: 5 }]);
    expect(received(p, evaluateExpected(p).ledger)['nursing-home']).toBeCloseTo(30 * 500_000, 4);
  });

  it('pays a project grant only between its start and end dates (direct compensation)', () => {
    const p = tiny(
      [{ id: 'grant', kind: 'fixed', basis: 'lump', amount: 120_000, start: '2026-04', end: '2026-10', payer: 'state', payee: 'home-health', modification: 'direct' }],
      [{ count: 5 }],
    );
    const months = [...evaluateExpected(p).ledger].map((t) => t.month);
    expect(new Set(months)).toEqual(new Set([3, 4, 5, 6, 7, 8]));
    expect(received(p, evaluateExpected(p).ledger)['home-health']).toBeCloseTo(60_000, 6);
  });

  it('passes a lump sum to a pool on to its members by the sharing rule (aggregation)', () => {
    const p = tiny([{ id: 'shared', kind: 'fixed', basis: 'lump', amount: 600_000, payer: 'region', payee: 'joint', modification: 'aggregation' }], [{ count: 5 }]);
    const r = received(p, evaluateExpected(p).ledger);
    expect(r.hospital).toBeCloseTo(300_000, 6);
    expect(r['home-health']).toBeCloseTo(300_000, 6);
    expect(r.joint).toBeCloseTo(0, 9);
  });
});

describe('variable payments', () => {
  const rates = onlyRates({ healthy: { primaryVisit: 6, admission: 1.2, edVisit: 2 } });

  it('pays a fee per visit done (retrospective)', () => {
    const p = tiny([{ id: 'fee', kind: 'variable', service: 'primaryVisit', pricing: 'fee', price: 300, payer: 'region', payee: 'pc-a' }], [{ count: 50 }, { count: 40, listing: 1 }], {
      care: { rates, coordination: {} },
    });
    // Each person: 6 visits a year × frailty multiplier of class 0; only pc-a's 50 are paid.
    expect(received(p, evaluateExpected(p).ledger)['pc-a']).toBeCloseTo(300 * 50 * 6 * F0, 6);
  });

  it('pays a DRG price per admission and readmission, by case weight (prospective price)', () => {
    const p = tiny([{ id: 'drg', kind: 'variable', service: ['admission', 'readmission'], pricing: 'drg', price: 40_000, payer: 'region', payee: 'hospital' }], [{ count: 100 }], {
      care: { rates, coordination: {} },
    });
    const out = evaluateExpected(p);
    const lambda = (1.2 / 12) * F0;
    const c = cellIndex({ group: 4, frailty: 0, residence: 0, ageBand: 2, sex: 0, cni: 0 });
    const survive = 1 - p.model.deathProbability[c];
    const readmitPerMonth = (1 - Math.exp(-lambda)) * survive * p.model.readmission[4];
    const expected = 40_000 * DRG_WEIGHT.healthy * 100 * 12 * (lambda + readmitPerMonth);
    expect(received(p, out.ledger).hospital).toBeCloseTo(expected, 4);
  });

  it('reimburses a share of the provider\'s cost (cost-based, retrospective)', () => {
    const p = tiny([{ id: 'cost', kind: 'variable', service: 'edVisit', pricing: 'cost', price: 0.6, payer: 'region', payee: 'hospital' }], [{ count: 10 }], {
      care: { rates, coordination: {} },
    });
    expect(received(p, evaluateExpected(p).ledger).hospital).toBeCloseTo(0.6 * UNIT_COSTS.edVisit! * 10 * 2 * F0, 6);
  });

  it('reimburses home-health visits at what they cost, the waste of failed coordination included', () => {
    // Group 1's team (hospital, primary care, home health, home care): no effort gives C = 0, full effort C = 1.
    const full = { hospital: 1, 'pc-a': 1, 'home-health': 1, 'home-care': 1 };
    const paid = (coordination: Record<string, number>) => {
      const p = tiny([{ id: 'hh', kind: 'variable', service: 'homeHealthVisit', pricing: 'cost', price: 0.8, payer: 'town', payee: 'home-health' }], [{ count: 12, group: 0 }], {
        care: { rates: onlyRates({ 'complex-low-capacity': { homeHealthVisit: 24 } }), coordination, effects: {} },
      });
      const out = evaluateExpected(p);
      const g = 0;
      let visits = 0;
      for (let row = 0; row < out.table.data.length; row += out.table.cols) visits += out.table.data[row + S.homeHealthVisit];
      return { C: out.rates[0].coordination[g], visits, kr: received(p, out.ledger)['home-health'] };
    };
    const none = paid({});
    const all = paid(full);
    expect(none.C).toBe(0);
    expect(all.C).toBeCloseTo(1, 12);
    // A visit costs 1/(1 − waste) of the unit cost when nobody coordinates (HOME_HEALTH_WASTE, sourced in parameters.ts).
    expect(none.kr).toBeCloseTo(0.8 * UNIT_COSTS.homeHealthVisit! * none.visits / (1 - HOME_HEALTH_WASTE), 4);
    expect(all.kr).toBeCloseTo(0.8 * UNIT_COSTS.homeHealthVisit! * all.visits, 4);
  });

  it('pays a higher fee for a target group only (weighting of variable pay)', () => {
    const r2 = onlyRates({ healthy: { primaryVisit: 6 }, 'complex-low-capacity': { primaryVisit: 6 } });
    const p = tiny(
      [{ id: 'fee', kind: 'variable', service: 'primaryVisit', pricing: 'fee', price: 100, groups: ['complex-low-capacity'], payer: 'region', payee: 'pc-a' }],
      [{ count: 10, group: 0 }, { count: 30, group: 4 }],
      { care: { rates: r2, coordination: {} } },
    );
    expect(received(p, evaluateExpected(p).ledger)['pc-a']).toBeCloseTo(100 * 10 * 6 * F0, 6);
  });

  it('pays a SIP fee to each provider taking part (direct compensation of a joint activity)', () => {
    // Group 1's team: hospital, primary care, home health, home care; effort 1 each → C = 1.
    const full = { hospital: 1, 'pc-a': 1, 'home-health': 1, 'home-care': 1 };
    const p = tiny(
      [{ id: 'sip', kind: 'variable', service: 'sipMeeting', pricing: 'fee', price: 1000, payer: 'region', payee: 'participants', modification: 'direct' }],
      [{ count: 12, group: 0 }],
      { care: { rates: onlyRates({ 'complex-low-capacity': { sipMeeting: 2 } }), coordination: full } },
    );
    const r = received(p, evaluateExpected(p).ledger);
    // 12 people × 2 meetings a year at C = 1 (coordination activities do not scale with frailty).
    for (const id of ['hospital', 'pc-a', 'home-health', 'home-care']) expect(r[id]).toBeCloseTo(1000 * 12 * 2, 6);
    expect(r['nursing-home'] ?? 0).toBe(0);
  });
});

describe('goal-based payments', () => {
  const rates = onlyRates({ healthy: { admission: 2.4, edVisit: 3 } });
  const base = (extra: Partial<PaymentComponent> & Record<string, unknown>): PaymentComponent =>
    ({ id: 'goal', kind: 'goal', indicator: 'readmissionRate', target: 0.5, amount: 100_000, settlement: 'year', payer: 'region', payee: 'hospital', ...extra }) as PaymentComponent;

  it('pays the bonus when the target is met and nothing when it is missed', () => {
    // Readmission rate ≈ 0.04 per admission for the healthy group: below 0.5 (met), above 0.01 (missed).
    const met = tiny([base({})], [{ count: 100 }], { care: { rates, coordination: {} } });
    const missed = tiny([base({ target: 0.01 })], [{ count: 100 }], { care: { rates, coordination: {} } });
    expect(received(met, evaluateExpected(met).ledger).hospital).toBeCloseTo(100_000, 6);
    expect(received(missed, evaluateExpected(missed).ledger).hospital ?? 0).toBe(0);
  });

  it('follows a payer-written bonus curve', () => {
    // ED visits per 1,000 person-years = 3 × F0 × 1000; the curve pays in proportion to the value.
    const p = tiny([base({ indicator: 'edVisitRate', target: 0, curve: 'value / 10000' })], [{ count: 100 }], { care: { rates, coordination: {} } });
    expect(received(p, evaluateExpected(p).ledger).hospital).toBeCloseTo((100_000 * (3 * F0 * 1000)) / 10000, 4);
  });

  it('deducts when the target is missed (a deduction, paid back by the provider)', () => {
    const p = tiny([base({ target: 0.01, deduction: true })], [{ count: 100 }], { care: { rates, coordination: {} } });
    const r = received(p, evaluateExpected(p).ledger);
    expect(r.hospital).toBeCloseTo(-100_000, 6);
    expect(r.region).toBeCloseTo(100_000, 6);
  });

  it('pays a system-level result to every member of a pool (aggregation of goal-based pay)', () => {
    const p = tiny([base({ scope: 'system', payee: 'joint', modification: 'aggregation' })], [{ count: 100 }], { care: { rates, coordination: {} } });
    const r = received(p, evaluateExpected(p).ledger);
    expect(r.hospital).toBeCloseTo(50_000, 6);
    expect(r['home-health']).toBeCloseTo(50_000, 6);
  });

  it('pays per person in the target group when perPerson is set', () => {
    const p = tiny([base({ perPerson: true, amount: 600, payee: 'pc-a' })], [{ count: 40 }, { count: 60, listing: 1 }], { care: { rates, coordination: {} } });
    expect(received(p, evaluateExpected(p).ledger)['pc-a']).toBeCloseTo(600 * 40, 6);
  });
});

describe('episode and value-based payments', () => {
  const rates = onlyRates({ 'rapid-onset': { admission: 1.2, specialistVisit: 6 } });
  const cells = [{ count: 100, group: 1 }];

  it('pays a package price per episode and no separate fee for included services', () => {
    const p = tiny(
      [
        { id: 'package', kind: 'episode', trigger: 'admission', groups: ['rapid-onset'], price: 80_000, windowMonths: 3, includedServices: ['admission', 'readmission', 'specialistVisit'], payer: 'region', payee: 'hospital' },
        { id: 'visits', kind: 'variable', service: 'specialistVisit', pricing: 'fee', price: 1000, payer: 'region', payee: 'hospital' },
      ],
      cells,
      { care: { rates, coordination: {} } },
    );
    const out = evaluateExpected(p);
    const lambda = (1.2 / 12) * F0;
    const c = cellIndex({ group: 1, frailty: 0, residence: 0, ageBand: 2, sex: 0, cni: 0 });
    const survive = 1 - p.model.deathProbability[c];
    const starts = stationaryStart(3, survive, 1 - Math.exp(-lambda)); // per person-month, steady state
    expect(received(p, out.ledger, 'package').hospital).toBeCloseTo(80_000 * 100 * 12 * starts, 3);
    // Visits are paid only outside windows: a person is in a window with probability starts × (1 + S + S²).
    const inWindow = starts * (1 + survive + survive * survive);
    expect(received(p, out.ledger, 'visits').hospital).toBeCloseTo(1000 * 100 * 12 * (6 / 12) * F0 * (1 - inWindow), 3);
  });

  it('adjusts a value-based package by the share ADL-independent at 3 months (seeds/003)', () => {
    const p = tiny(
      [
        {
          id: 'stroke', kind: 'value', trigger: 'admission', groups: ['rapid-onset'], price: 100_000, windowMonths: 3, includedServices: ['admission'],
          outcomes: [{ indicator: 'adlIndependent', reference: 0.7, valuePerPoint: 1000 }], payer: 'region', payee: 'hospital',
        },
      ],
      cells,
      { care: { rates, coordination: {} } },
    );
    const r = received(p, evaluateExpected(p).ledger).hospital;
    const lambda = (1.2 / 12) * F0;
    const c = cellIndex({ group: 1, frailty: 0, residence: 0, ageBand: 2, sex: 0, cni: 0 });
    const episodes = 100 * 12 * stationaryStart(3, 1 - p.model.deathProbability[c], 1 - Math.exp(-lambda));
    // At zero coordination the ADL-independent share is STROKE_OUTCOMES.adlIndependent.atZero.
    const perEpisode = 100_000 + 1000 * 100 * (STROKE_OUTCOMES.adlIndependent.atZero - 0.7);
    expect(r).toBeCloseTo(episodes * perEpisode, 3);
  });
});

describe('contract features', () => {
  const rates = onlyRates({ healthy: { primaryVisit: 12 } });
  const fee: PaymentComponent = { id: 'fee', kind: 'variable', service: 'primaryVisit', pricing: 'fee', price: 100, payer: 'region', payee: 'pc-a' };

  it('caps and floors the amount per settlement period, in expectation over the month\'s visits', () => {
    // Monthly amount = 100 kr × 100 people × 1 visit × F0 ≈ 10,000 × F0, from a Poisson count of
    // 100·F0 visits: standard deviation 100 kr × √(100·F0). Taken as normal:
    // E[min(X, c)] = μ − σφ(z) − (μ − c)(1 − Φ(z)), z = (c − μ)/σ; E[max(X, f)] likewise from below.
    const monthly = 100 * 100 * F0;
    const sigma = 100 * Math.sqrt(100 * F0);
    const phi = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    const tail = (mu: number, c: number) => sigma * phi((c - mu) / sigma) + (mu - c) * (1 - normalCdf((c - mu) / sigma));
    const capped = tiny([{ ...fee, cap: monthly / 2 }], [{ count: 100 }], { care: { rates, coordination: {} } });
    const floored = tiny([{ ...fee, floor: monthly * 2 }], [{ count: 100 }], { care: { rates, coordination: {} } });
    const cap = 12 * (monthly - tail(monthly, monthly / 2));
    const floor = 12 * (monthly + tail(-monthly, -2 * monthly));
    expect(received(capped, evaluateExpected(capped).ledger)['pc-a']).toBeCloseTo(cap, 4);
    expect(received(floored, evaluateExpected(floored).ledger)['pc-a']).toBeCloseTo(floor, 4);
    // Below the plain cap of the expectation (6 months' worth), by the chance of a thin month.
    expect(cap).toBeLessThan(6 * monthly - 1);
  });

  it('settles quarterly: a fee lands in the last month of the quarter, prospective or not (a price set beforehand is paid per actual case); a prospective budget in the first', () => {
    const retro = tiny([{ ...fee, settlement: 'quarter' }], [{ count: 100 }], { care: { rates, coordination: {} } });
    const pro = tiny([{ ...fee, settlement: 'quarter', timing: 'prospective' }], [{ count: 100 }], { care: { rates, coordination: {} } });
    const budget = { id: 'budget', kind: 'fixed', basis: 'lump', amount: 1_200_000, payer: 'region', payee: 'hospital', settlement: 'quarter' } as const;
    const retroBudget = tiny([budget], [{ count: 10 }]);
    const proBudget = tiny([{ ...budget, timing: 'prospective' }], [{ count: 10 }]);
    const months = (p: ReturnType<typeof tiny>) => new Set([...evaluateExpected(p).ledger].map((t) => t.month));
    expect(months(retro)).toEqual(new Set([2, 5, 8, 11]));
    expect(months(pro)).toEqual(new Set([2, 5, 8, 11]));
    expect(months(retroBudget)).toEqual(new Set([2, 5, 8, 11]));
    expect(months(proBudget)).toEqual(new Set([0, 3, 6, 9]));
  });

  it('claws back profit beyond a risk corridor', () => {
    // Budget 1.2 M, the hospital has no costs (no services, no fixed cost): margin 1.2 M = 100 % of revenue.
    // Corridor ±10 %: the payer takes back 50 % of (1.2 M − 0.12 M).
    const p = tiny([{ id: 'budget', kind: 'fixed', basis: 'lump', amount: 1_200_000, payer: 'region', payee: 'hospital', riskCorridor: { band: 0.1, share: 0.5 } }], [{ count: 10 }]);
    expect(received(p, evaluateExpected(p).ledger).hospital).toBeCloseTo(1_200_000 - 0.5 * (1_200_000 - 120_000), 4);
  });

  it('covers losses beyond a risk corridor', () => {
    const p = tiny(
      [{ id: 'budget', kind: 'fixed', basis: 'lump', amount: 1_000_000, payer: 'region', payee: 'hospital', riskCorridor: { band: 0.05, share: 1 } }],
      [{ count: 10 }],
    );
    // With a fixed cost of 2 M the loss is 1 M; beyond 5 % of revenue (50 k) the payer covers all of it.
    p.model.fixedCostPerMonth[0] = 2_000_000 / 12;
    expect(received(p, evaluateExpected(p).ledger).hospital).toBeCloseTo(1_000_000 + (1_000_000 - 50_000), 3);
  });

  it('pays stop-loss on a person\'s yearly cost above the threshold (expected excess)', () => {
    // Nursing-home residents cost ~606 k a year each and never vary: excess above 500 k is certain.
    const p = tiny(
      [{ id: 'outlier', kind: 'fixed', basis: 'lump', amount: 0, payer: 'town', payee: 'nursing-home', stopLoss: { threshold: 500_000, share: 0.8 } }],
      [{ count: 3, residence: 1, group: 0 }],
    );
    const yearly = UNIT_COSTS.nursingHomeDay! * 365.25;
    const q = p.model.deathProbability[cellIndex({ group: 0, frailty: 0, residence: 1, ageBand: 2, sex: 0, cni: 0 })];
    expect(received(p, evaluateExpected(p).ledger)['nursing-home']).toBeCloseTo(0.8 * 3 * yearExcess(yearly / 12, 500_000, q), 0);
  });
});

describe('admissions cost a whole stay', () => {
  it('costs the hospital length of stay × day cost per admission', () => {
    const p = tiny([{ id: 'none', kind: 'fixed', basis: 'lump', amount: 0, payer: 'town', payee: 'nursing-home' }], [{ count: 100 }], { care: { rates: onlyRates({ healthy: { admission: 1.2 } }), coordination: {} } });
    const out = evaluateExpected(p);
    const hospital = 0;
    let cost = 0;
    for (let i = 0; i < out.costs.total.length; i++) if (Math.floor(i / 26) % p.model.providerIds.length === hospital) cost += out.costs.total[i];
    const lambda = (1.2 / 12) * F0;
    const c = cellIndex({ group: 4, frailty: 0, residence: 0, ageBand: 2, sex: 0, cni: 0 });
    const readmit = (1 - Math.exp(-lambda)) * (1 - p.model.deathProbability[c]) * p.model.readmission[4];
    expect(cost).toBeCloseTo(100 * 12 * (lambda + readmit) * LENGTH_OF_STAY.healthy * UNIT_COSTS.admission!, 3);
  });
});
