/**
 * Target-price episodes against hand calculations: the worked example of the issue (a blend of own
 * and regional spending less a discount, reconciled against actual spending, up to a stop-gain),
 * a loss up to a stop-loss, the quality adjustment, and the same reconciliation in both engines
 * from their own activity tables, booked once at year end.
 */
import { describe, expect, it } from 'vitest';
import { O, S, SERVICE_COUNT } from '../src/domain.js';
import { IN_EPISODE, OUTCOME, rowOffset } from '../src/engine/activity.js';
import type { ActivityTable } from '../src/engine/activity.js';
import { serviceCost } from '../src/engine/model.js';
import type { Accrual, ComponentView, Period } from '../src/payment/kinds/kind.js';
import { reconciliationAmount, targetPrice, targetPriceKind } from '../src/payment/kinds/target-price.js';
import { evaluateExpected, simulate } from '../src/run.js';
import type { PaymentComponent, TargetPriceComponent } from '../src/scenario/types.js';
import { onlyRates, received, tiny, tinyScenario } from './support/tiny.js';
import type { Prepared } from '../src/run.js';

const EXAMPLE: TargetPriceComponent = {
  id: 'tp',
  kind: 'target-price',
  trigger: 'admission',
  windowMonths: 3,
  includedServices: ['admission', 'readmission'],
  historicalPrice: 30_000,
  regionalPrice: 26_000,
  regionalWeight: 2 / 3,
  discount: 0.03,
  settlement: 'year',
  groups: ['rapid-onset'],
  payer: 'region',
  payee: 'hospital',
};

const WIDTH = targetPriceKind.width;

/** A year's sums of one slot: weighted episodes, episodes, spending, and quality terms. */
function yearSums(episodes: number, spending: number, quality: number[] = []): Accrual {
  const sums = new Float64Array(WIDTH);
  sums[0] = episodes;
  sums[1] = episodes;
  sums[2] = spending;
  quality.forEach((v, i) => (sums[3 + i] = v));
  return { sums, touched: new Uint8Array(1), slots: 1, width: WIDTH };
}

function settleYear(spec: TargetPriceComponent, acc: Accrual) {
  const view = { spec, cellWeight: null } as unknown as ComponentView<TargetPriceComponent>;
  const period = { months: 12, lump: 0 } as Period;
  const out = new Float64Array(1);
  targetPriceKind.payout(view, acc, period, out);
  const lines = targetPriceKind.reconcile!(view, acc, period, out);
  return { paid: out[0], lines };
}

describe('the worked example', () => {
  it('blends own 30,000 and regional 26,000 with 2/3 regional to 27,333.33, less 3 % to 26,513.33', () => {
    expect(targetPrice({ ...EXAMPLE, discount: 0 })).toBeCloseTo(27_333.33, 2);
    expect(targetPrice(EXAMPLE)).toBeCloseTo(26_513.33, 2);
  });

  it('pays +151,333.33 kr for 100 episodes at 25,000 actual, and 132,566.67 kr under a 5 % stop-gain', () => {
    const open = settleYear(EXAMPLE, yearSums(100, 100 * 25_000));
    expect(open.paid).toBeCloseTo(151_333.33, 2);
    const limited = settleYear({ ...EXAMPLE, stopGainRate: 0.05 }, yearSums(100, 100 * 25_000));
    expect(limited.paid).toBeCloseTo(132_566.67, 2);
    expect(limited.lines).toHaveLength(1);
    const [line] = limited.lines;
    expect(line.benchmark).toBeCloseTo(26_513.33, 2);
    expect(line.actual).toBe(25_000);
    expect(line.units).toBe(100);
    expect(line.savingsRate).toBeCloseTo(1_513.33 / 26_513.33, 6);
    expect(line.quality).toBe(1);
    expect(line.amount).toBeCloseTo(132_566.67, 2);
  });

  it('collects actual − target when over, up to the stop-loss; upside only with a stop-loss of 0', () => {
    // 100 episodes at 29,000: 248,666.67 over the target; a 5 % stop-loss collects 132,566.67.
    expect(settleYear(EXAMPLE, yearSums(100, 2_900_000)).paid).toBeCloseTo(-248_666.67, 2);
    expect(settleYear({ ...EXAMPLE, stopLossRate: 0.05 }, yearSums(100, 2_900_000)).paid).toBeCloseTo(-132_566.67, 2);
    expect(settleYear({ ...EXAMPLE, stopLossRate: 0 }, yearSums(100, 2_900_000)).paid).toBe(0);
  });

  it('lets the quality score move a gain by up to the adjustment, and a loss the other way', () => {
    const quality = [{ indicator: 'carePlanShare' as const, target: 0.5 }, { indicator: 'patientCoordination' as const, target: 0.5 }];
    // One of two indicators met: score 0.5, adjustment 10 %: a gain × 0.95, a loss × 0.95 too.
    const terms = [0.6, 1, 0.4, 1];
    const spec = { ...EXAMPLE, quality, qualityAdjustment: 0.1 };
    const gain = settleYear(spec, yearSums(100, 2_500_000, terms));
    expect(gain.paid).toBeCloseTo(151_333.33 * 0.95, 2);
    expect(gain.lines[0].quality).toBe(0.5);
    // Both met: a gain in full, a loss reduced by the whole adjustment.
    const both = [0.6, 1, 0.6, 1];
    expect(settleYear(spec, yearSums(100, 2_500_000, both)).paid).toBeCloseTo(151_333.33, 2);
    expect(settleYear(spec, yearSums(100, 2_900_000, both)).paid).toBeCloseTo(-248_666.67 * 0.9, 2);
    expect(reconciliationAmount(spec, 100, 200, 0)).toBe(-100);
  });

  it('pays nothing and reconciles nothing in a year without episodes', () => {
    const none = settleYear(EXAMPLE, yearSums(0, 0));
    expect(none.paid).toBe(0);
    expect(none.lines).toEqual([]);
  });
});

/** Episodes and in-episode spending on admissions and readmissions of the rapid-onset group over months [from, to) of a table. */
function episodeTotals(p: Prepared, t: ActivityTable, from: number, to: number): { episodes: number; spending: number } {
  const g = 1;
  let episodes = 0;
  let spending = 0;
  for (let m = from; m < to; m++)
    for (let k = 0; k < t.catchments; k++)
      for (let b = 0; b < 5; b++) {
        const row = rowOffset(t, m, k, g, b);
        episodes += t.data[row + OUTCOME + O.episodes];
        for (const s of [S.admission, S.readmission]) spending += t.data[row + IN_EPISODE + s] * serviceCost(p.model, p.model.serviceProvider[k * SERVICE_COUNT + s], s, g);
      }
  return { episodes, spending };
}

describe('in the engines', () => {
  const rates = onlyRates({ 'rapid-onset': { admission: 0.6 } });
  const cells = [{ count: 2000, group: 1 }];
  const make = (c: Partial<TargetPriceComponent> = {}) => tiny([{ ...EXAMPLE, ...c } as PaymentComponent], cells, { care: { rates, coordination: {} }, simulation: { start: '2026-01', years: 2, stepsPerYear: 12, replications: 1, seed: 1 } });

  it('reconciles each year at its end from the expected table, and pays nothing during it', () => {
    const p = make({ historicalPrice: 60_000, regionalPrice: 50_000, stopGainRate: 0.2 });
    const { ledger, table } = evaluateExpected(p);
    const transfers = [...ledger];
    expect(transfers.every((t) => t.month === 11 || t.month === 23)).toBe(true);
    for (const [year, month] of [[0, 11], [1, 23]]) {
      const { episodes, spending } = episodeTotals(p, table, year * 12, year * 12 + 12);
      expect(episodes).toBeGreaterThan(0);
      const target = targetPrice({ ...EXAMPLE, historicalPrice: 60_000, regionalPrice: 50_000 }) * episodes;
      const expected = Math.min(target - spending, 0.2 * target);
      const paid = transfers.filter((t) => t.month === month).reduce((a, t) => a + t.amount, 0);
      expect(paid).toBeCloseTo(expected, 4);
      const line = ledger.reconciliations.find((r) => r.month === month)!;
      expect(line.units).toBeCloseTo(episodes, 8);
      expect(line.actual).toBeCloseTo(spending / episodes, 6);
      expect(line.amount).toBeCloseTo(expected, 4);
      expect(p.plan.accounts[line.account].id).toBe('hospital');
    }
    expect(received(p, ledger).hospital).toBeGreaterThan(0);
  });

  it('collects from the payee when spending is over the target, in each replication from its own table', () => {
    const p = make({ historicalPrice: 20_000, regionalPrice: 20_000, stopLossRate: 0.1 });
    const { replications } = simulate(p, { replications: 3, seed: 5 });
    const paid = replications.map(({ ledger, table }) => {
      const { episodes, spending } = episodeTotals(p, table, 0, 12);
      const target = targetPrice({ ...EXAMPLE, historicalPrice: 20_000, regionalPrice: 20_000 }) * episodes;
      const year = [...ledger].filter((t) => t.month === 11).reduce((a, t) => a + t.amount, 0);
      expect(year).toBeCloseTo(Math.max(target - spending, -0.1 * target), 4);
      expect(year).toBeLessThan(0);
      return year;
    });
    expect(new Set(paid.map(Math.round)).size).toBeGreaterThan(1);
  });

  it('weighs the target by the episode’s people: weight 2 doubles the target, not the actual spending', () => {
    const p = make({ historicalPrice: 30_000, regionalPrice: 30_000, weight: '2' });
    const { ledger, table } = evaluateExpected(p);
    const { episodes, spending } = episodeTotals(p, table, 0, 12);
    const paid = [...ledger].filter((t) => t.month === 11).reduce((a, t) => a + t.amount, 0);
    expect(paid).toBeCloseTo(2 * targetPrice({ ...EXAMPLE, historicalPrice: 30_000, regionalPrice: 30_000 }) * episodes - spending, 4);
  });

  it('keeps the usual fees: a DRG fee for admissions is paid in full beside it', () => {
    const drg: PaymentComponent = { id: 'drg', kind: 'variable', service: 'admission', pricing: 'drg', price: 30_000, payer: 'region', payee: 'hospital' };
    const withTarget = tiny([drg, EXAMPLE], cells, { care: { rates, coordination: {} } });
    const alone = tiny([drg], cells, { care: { rates, coordination: {} } });
    expect(received(withTarget, evaluateExpected(withTarget).ledger, 'drg').hospital).toBeCloseTo(received(alone, evaluateExpected(alone).ledger, 'drg').hospital, 6);
  });
});

describe('validation', () => {
  it('explains a settlement other than yearly, a quality adjustment without indicators and a share out of range', () => {
    expect(() => tinyScenario([{ ...EXAMPLE, settlement: 'quarter' }])).toThrow(
      "payment.components[0].settlement: a target-price component is reconciled once a year against the year's episodes; settlement must be 'year', got 'quarter'",
    );
    expect(() => tinyScenario([{ ...EXAMPLE, qualityAdjustment: 0.1 }])).toThrow('payment.components[0].qualityAdjustment: a quality adjustment needs quality indicators to score: add quality');
    expect(() => tinyScenario([{ ...EXAMPLE, discount: 1.5 }])).toThrow('payment.components[0].discount: must be between 0 and 1, got 1.5');
    expect(() => tinyScenario([{ ...EXAMPLE, quality: [{ indicator: 'carePlanShare', target: 2 }] }])).toThrow('payment.components[0].quality[0].target: must be between 0 and 1, got 2');
  });
});
