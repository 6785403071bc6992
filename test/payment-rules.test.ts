/**
 * Rules that used to be silently wrong, each against a hand calculation: prospective DRG pay
 * follows actual admissions; a weight means what it says on every kind (or is refused); a
 * stop-loss on 'participants' acts on each participant.
 */
import { describe, expect, it } from 'vitest';
import { DRG_WEIGHT, UNIT_COSTS } from '../src/care/parameters.js';
import { S } from '../src/domain.js';
import { rowOffset } from '../src/engine/activity.js';
import { placeExcess } from '../src/engine/excess.js';
import { cellIndex } from '../src/population/cells.js';
import { evaluateExpected, simulate } from '../src/run.js';
import type { PaymentComponent } from '../src/scenario/types.js';
import { onlyRates, received, tiny, tinyScenario } from './support/tiny.js';

const drg: PaymentComponent = { id: 'drg', kind: 'variable', service: 'admission', pricing: 'drg', price: 30_000, timing: 'prospective', payer: 'region', payee: 'hospital' };

describe('prospective DRG pay', () => {
  it('pays each replication its own admissions at the price set beforehand', () => {
    const p = tiny([drg], [{ count: 400 }], { care: { rates: onlyRates({ healthy: { admission: 1.5 } }), coordination: {} } });
    const { replications } = simulate(p, { replications: 4, seed: 7 });
    const revenues = replications.map((o) => received(p, o.ledger).hospital);
    replications.forEach((o, r) => {
      let admissions = 0;
      for (let m = 0; m < p.model.months; m++) for (let k = 0; k < o.table.catchments; k++) for (let b = 0; b < 5; b++) admissions += o.table.data[rowOffset(o.table, m, k, 4, b) + S.admission];
      expect(revenues[r]).toBeCloseTo(admissions * 30_000 * DRG_WEIGHT.healthy, 4);
    });
    // Admissions vary between replications, and so does the revenue (it did not, when it paid forecast volumes).
    expect(new Set(revenues.map((x) => Math.round(x))).size).toBeGreaterThan(1);
  });
});

describe('a weight on every kind', () => {
  const rates = onlyRates({ 'rapid-onset': { admission: 1.2 }, healthy: { primaryVisit: 12 } });
  const cells = [{ count: 100, group: 1 }, { count: 100 }];
  const kinds: [string, PaymentComponent][] = [
    ['episode (price per episode)', { id: 'x', kind: 'episode', trigger: 'admission', groups: ['rapid-onset'], price: 50_000, windowMonths: 3, includedServices: ['admission'], payer: 'region', payee: 'hospital' }],
    ['value (package price)', { id: 'x', kind: 'value', trigger: 'admission', groups: ['rapid-onset'], price: 50_000, windowMonths: 3, includedServices: ['admission'], outcomes: [{ indicator: 'adlIndependent', reference: 0, valuePerPoint: 0 }], payer: 'region', payee: 'hospital' }],
    ['goal per person-year', { id: 'x', kind: 'goal', indicator: 'carePlanShare', target: 0, amount: 1200, perPerson: true, payer: 'region', payee: 'pc-a' }],
    ['variable (fee per unit)', { id: 'x', kind: 'variable', service: 'primaryVisit', pricing: 'fee', price: 300, payer: 'region', payee: 'pc-a' }],
    ['fixed per person', { id: 'x', kind: 'fixed', basis: 'per-person', amount: 3000, payer: 'region', payee: 'pc-a' }],
  ];
  it.each(kinds)('weight 2 doubles what %s pays', (_, component) => {
    const paid = (c: PaymentComponent) => {
      const p = tiny([c], cells, { care: { rates, coordination: {} } });
      return received(p, evaluateExpected(p).ledger)[c.payee];
    };
    const plain = paid(component);
    expect(plain).toBeGreaterThan(0);
    expect(paid({ ...component, weight: '2' })).toBeCloseTo(2 * plain, 4);
  });

  it('is refused on a bonus per settlement period, with the reason', () => {
    expect(() => tinyScenario([{ id: 'x', kind: 'goal', indicator: 'carePlanShare', target: 0.5, amount: 1200, weight: '2', payer: 'region', payee: 'pc-a' }])).toThrow(
      'payment.components[0].weight: a bonus per settlement period has no people to weigh; weight needs perPerson: true',
    );
  });
});

describe('stop-loss on participants', () => {
  it("covers each participant's own people above the threshold, not the team's together", () => {
    // Nursing-home residents cost ~606 k a year each at the nursing home and nothing elsewhere:
    // only the nursing home has people above 500 k, and it alone is covered.
    const p = tiny(
      [{ id: 'sip', kind: 'variable', service: 'sipMeeting', pricing: 'fee', price: 0, payer: 'town', payee: 'participants', stopLoss: { threshold: 500_000, share: 0.8 } }],
      [{ count: 3, residence: 1, group: 0 }],
    );
    const r = received(p, evaluateExpected(p).ledger, 'sip');
    // Each year, 80 % of every nursing-home place's cost above 500 k: its stays end at the year end or at death.
    const yearly = UNIT_COSTS.nursingHomeDay! * 365.25;
    const q = p.model.deathProbability[cellIndex({ group: 0, frailty: 0, residence: 1, ageBand: 2, sex: 0, cni: 0 })];
    expect(r['nursing-home']).toBeCloseTo(0.8 * 3 * placeExcess(Float64Array.from({ length: 13 }, (_, t) => Math.max(0, (yearly / 12) * t - 500_000)), q, 12), 0);
    expect(r['nursing-home']).toBeGreaterThan(0);
    for (const id of ['hospital', 'pc-a', 'pc-b', 'home-health', 'home-care']) expect(r[id] ?? 0).toBe(0);
  });
});
