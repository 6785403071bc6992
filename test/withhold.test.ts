/**
 * The withhold layer against hand calculations: what is held back each period, what a quality
 * score returns at each year end and in which month, that money is conserved, and that the
 * behaviour solver's steady year applies it as settlement does.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSteady, startingDecisions, steadyContext } from '../src/behaviour/index.js';
import { groupwiseEvaluator } from '../src/behaviour/groupwise.js';
import { measureAttainment } from '../src/payment/kinds/quality.js';
import { returnWithheld, withhold } from '../src/payment/kinds/withhold.js';
import { evaluateExpected, simulate } from '../src/run.js';
import { validateScenario } from '../src/scenario/index.js';
import type { PaymentComponent, Withhold } from '../src/scenario/types.js';
import { onlyRates, received, tiny, tinyScenario } from './support/tiny.js';

/** Score 0.5: the care-plan share is always ≥ 0; nobody experiences fully coordinated care without effort. */
const HALF: Withhold = {
  share: 0.1,
  quality: [
    { indicator: 'carePlanShare', target: 0 },
    { indicator: 'patientCoordination', target: 1 },
  ],
};
const LUMP: PaymentComponent = { id: 'grant', kind: 'fixed', basis: 'lump', amount: 1_200_000, payer: 'region', payee: 'pc-a', withhold: HALF };
const YEARS = (years: number) => ({ simulation: { start: '2026-01', years, stepsPerYear: 12 as const, replications: 1, seed: 1 } });

/** kr booked per month to one account. */
function byMonth(p: ReturnType<typeof tiny>, ledger: Iterable<{ month: number; to: number; amount: number }>, id: string, months: number): number[] {
  const account = p.plan.accounts.findIndex((a) => a.id === id);
  const out = new Array<number>(months).fill(0);
  for (const t of ledger) if (t.to === account) out[t.month] += t.amount;
  return out;
}

describe('the rule', () => {
  it('holds back a share of positive amounts only, and returns score × what it held', () => {
    const amounts = Float64Array.from([100, -50, 0]);
    const held = new Float64Array(3);
    withhold(0.1, amounts, held);
    expect([...amounts]).toEqual([90, -50, 0]);
    expect([...held]).toEqual([10, 0, 0]);
    const out = new Float64Array(3);
    returnWithheld(held, 0.5, out);
    expect([...out]).toEqual([5, 0, 0]);
    expect([...held]).toEqual([0, 0, 0]);
  });

  it('scores an indicator as a step at its target, or linearly from a baseline (lower is better too)', () => {
    expect(measureAttainment({ indicator: 'carePlanShare', target: 0.6 }, 0.59)).toBe(0);
    expect(measureAttainment({ indicator: 'carePlanShare', target: 0.6, baseline: 0.2 }, 0.4)).toBeCloseTo(0.5, 12);
    expect(measureAttainment({ indicator: 'readmissionRate', target: 0.08, baseline: 0.12 }, 0.09)).toBeCloseTo(0.75, 12);
    expect(measureAttainment({ indicator: 'readmissionRate', target: 0.08 }, NaN)).toBe(0);
  });
});

describe('in settlement', () => {
  it('withholds 10 % of 1,200,000 kr a year and returns 60,000 at year end with score 0.5', () => {
    const p = tiny([LUMP], [{ count: 100 }], YEARS(2));
    const { ledger } = evaluateExpected(p);
    const months = byMonth(p, ledger, 'pc-a', 24);
    for (const m of [0, 5, 10, 12, 22]) expect(months[m]).toBeCloseTo(90_000, 6);
    expect(months[11]).toBeCloseTo(90_000 + 60_000, 6);
    expect(months[23]).toBeCloseTo(90_000 + 60_000, 6);
    // Conservation: the region paid exactly what pc-a received, and kept the 60,000 it did not return each year.
    const r = received(p, ledger);
    expect(r['pc-a']).toBeCloseTo(2 * 1_140_000, 6);
    expect(r.region).toBeCloseTo(-2 * 1_140_000, 6);
  });

  it('returns what it held in a year at that year’s end, for a quarterly component that starts in May', () => {
    // Quarters booked in months 6, 9 (year 1) and 12, 15, 18, 21, 23 (the last one two months long).
    const p = tiny([{ ...LUMP, settlement: 'quarter', start: '2026-05' }], [{ count: 100 }], YEARS(2));
    const months = byMonth(p, evaluateExpected(p).ledger, 'pc-a', 24);
    expect(months[6]).toBeCloseTo(270_000, 6);
    expect(months[11]).toBeCloseTo(0.5 * 2 * 30_000, 6);
    expect(months[12]).toBeCloseTo(270_000, 6);
    expect(months[23]).toBeCloseTo(180_000 + 0.5 * (4 * 30_000 + 20_000), 6);
    expect(months.reduce((a, b) => a + b, 0)).toBeCloseTo(0.95 * 1_200_000 * (20 / 12), 6);
  });

  it('returns the same 60,000 kr in every replication of the microsimulation when the score is 0.5 by construction', () => {
    const p = tiny([LUMP], [{ count: 100 }]);
    const { replications } = simulate(p, { replications: 3, seed: 11 });
    for (const { ledger } of replications) {
      const months = byMonth(p, ledger, 'pc-a', 12);
      expect(months[0]).toBeCloseTo(90_000, 6);
      expect(months[11]).toBeCloseTo(150_000, 6);
    }
  });

  it('returns everything at score 1 and nothing at score 0', () => {
    const all = tiny([{ ...LUMP, withhold: { share: 0.2, quality: [HALF.quality[0]] } }], [{ count: 100 }]);
    expect(received(all, evaluateExpected(all).ledger)['pc-a']).toBeCloseTo(1_200_000, 6);
    const none = tiny([{ ...LUMP, withhold: { share: 0.2, quality: [HALF.quality[1]] } }], [{ count: 100 }]);
    expect(received(none, evaluateExpected(none).ledger)['pc-a']).toBeCloseTo(960_000, 6);
  });

  it('scores over its own need groups when it names them', () => {
    const met = { share: 0.1, quality: [HALF.quality[0]] };
    const healthy = tiny([{ ...LUMP, withhold: { ...met, groups: ['healthy'] } }], [{ count: 100 }]);
    expect(received(healthy, evaluateExpected(healthy).ledger)['pc-a']).toBeCloseTo(1_200_000, 6);
    // Nobody in the stroke group: nothing to measure, nothing returned.
    const stroke = tiny([{ ...LUMP, withhold: { ...met, groups: ['rapid-onset'] } }], [{ count: 100 }]);
    expect(received(stroke, evaluateExpected(stroke).ledger)['pc-a']).toBeCloseTo(1_080_000, 6);
  });

  it('does not withhold what a payee pays back (a goal deduction)', () => {
    const deduction: PaymentComponent = { id: 'd', kind: 'goal', indicator: 'carePlanShare', target: 1, amount: 10_000, deduction: true, settlement: 'year', payer: 'region', payee: 'pc-a' };
    const plain = tiny([deduction], [{ count: 100 }]);
    const held = tiny([{ ...deduction, withhold: HALF }], [{ count: 100 }]);
    expect(received(held, evaluateExpected(held).ledger)['pc-a']).toBeCloseTo(received(plain, evaluateExpected(plain).ledger)['pc-a'], 6);
    expect(received(plain, evaluateExpected(plain).ledger)['pc-a']).toBeCloseTo(-10_000, 6);
  });
});

describe('in the behaviour solver', () => {
  it('the steady year from group parts gives what full settlement gives, withhold included', () => {
    const fee: PaymentComponent = {
      id: 'fee',
      kind: 'variable',
      service: 'primaryVisit',
      pricing: 'fee',
      price: 800,
      payer: 'region',
      payee: 'pc-a',
      withhold: { share: 0.15, quality: [{ indicator: 'patientCoordination', target: 0.9, baseline: 0.3 }, { indicator: 'carePlanShare', target: 0.5, baseline: 0 }] },
    };
    const rates = onlyRates({ 'complex-low-capacity': { primaryVisit: 8, admission: 0.5 }, healthy: { primaryVisit: 3 } });
    const p = tiny([fee, { ...LUMP, withhold: fee.withhold }], [{ count: 300, group: 0 }, { count: 300 }], { care: { rates, coordination: {} } });
    const ctx = steadyContext(p, 0);
    const groupwise = groupwiseEvaluator(ctx)!;
    expect(groupwise).not.toBeNull();
    for (const effort of [0, 0.4, 0.9]) {
      const x = startingDecisions(ctx, effort);
      const full = evaluateSteady(ctx, x);
      const fast = groupwise.score(x);
      full.utility.forEach((u, i) => expect(fast.utility[i]).toBeCloseTo(u, 4));
    }
    // Effort raises the score, and with it what pc-a gets back of its grant.
    const low = evaluateSteady(ctx, startingDecisions(ctx, 0));
    const high = evaluateSteady(ctx, startingDecisions(ctx, 0.9));
    const pcA = p.model.providerIds.indexOf('pc-a');
    const withheldLow = received(p, low.outcome.ledger, 'grant')['pc-a'];
    const withheldHigh = received(p, high.outcome.ledger, 'grant')['pc-a'];
    expect(withheldHigh).toBeGreaterThan(withheldLow);
    expect(high.revenue[pcA]).toBeGreaterThan(0);
  });
});

describe('validation', () => {
  it('refuses a share outside 0–1 and a withhold without quality, and warns above what the sources give', () => {
    expect(() => tinyScenario([{ ...LUMP, withhold: { ...HALF, share: 1.5 } }])).toThrow('payment.components[0].withhold.share: must be between 0 and 1, got 1.5');
    expect(() => tinyScenario([{ ...LUMP, withhold: { share: 0.1 } as Withhold }])).toThrow('payment.components[0].withhold.quality: required');
    const warned = validateScenario(JSON.parse(JSON.stringify({ ...tinyScenario([LUMP]), payment: { components: [{ ...LUMP, withhold: { ...HALF, share: 0.3 } }] } })));
    expect(warned.ok).toBe(true);
    expect(warned.warnings.map((w) => `${w.path}: ${w.message}`)).toContain(
      'payment.components[0].withhold.share: withholding 30 % leaves the payee short of that much of its pay until year end; quality withholds in the sources hold back 1–3 % (docs/sources.md: fai-withhold), and more than 20 % is far beyond them; check that it is meant',
    );
  });
});
