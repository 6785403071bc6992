/**
 * Shared savings against hand calculations: the worked examples on the reconciliation
 * itself, then the same rules through settlement (attribution, the ledger's reconciliation lines,
 * a pool's split, risk adjustment, the quality gate, the benchmark's trend), and the validator's
 * refusals with their reasons.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSteady, steadyContext } from '../src/behaviour/index.js';
import { UNIT_COSTS } from '../src/care/parameters.js';
import { S } from '../src/domain.js';
import { rowOffset } from '../src/engine/activity.js';
import type { Accrual, ComponentView, Period } from '../src/payment/kinds/kind.js';
import { msrForSize, reconcileYear, sharedSavings } from '../src/payment/kinds/shared-savings.js';
import { reportHtml, reportScenario } from '../src/report/html.js';
import { dashboardTables } from '../src/report/tables.js';
import { REPORT_TEXT_SV } from '../src/report/text-sv.js';
import { dashboardOf } from '../src/results/dashboard.js';
import { metricRows, metricsOf, toCsv } from '../src/results/summary.js';
import { evaluateExpected } from '../src/run.js';
import type { PaymentComponent, SharedSavingsComponent } from '../src/scenario/types.js';
import { onlyRates, received, tiny, tinyScenario } from './support/tiny.js';

const BASE: SharedSavingsComponent = { id: 'ss', kind: 'shared-savings', payer: 'region', payee: 'pc-a', benchmark: 1000, minimumSavingsRate: 0.02, sharingRate: 0.5, settlement: 'year' };

/** A year's sums as the kind accrues them, in one slot: spending, member-months, weighted member-months, quality terms. */
function year(spec: SharedSavingsComponent, actual: number, memberMonths: number, quality: [number, number] = [0, 0]): number {
  const width = sharedSavings.width;
  const sums = new Float64Array(width);
  sums.set([actual * memberMonths, memberMonths, memberMonths, ...quality]);
  const acc: Accrual = { sums, touched: new Uint8Array(1), slots: 1, width };
  const view = { spec, own: {} } as unknown as ComponentView<SharedSavingsComponent>;
  const period = { months: 12, lump: 0, model: { startMonth: 2026 * 12 }, start: 0 } as unknown as Period;
  return reconcileYear(view, acc, period).amount;
}

describe('the worked examples', () => {
  it('benchmark 1,000 kr, actual 970 kr, 40,000 member-months, MSR 2 %, sharing 50 %: 600,000 kr', () => {
    expect(year(BASE, 970, 40_000)).toBeCloseTo(0.5 * 30 * 40_000, 6);
    expect(year(BASE, 970, 40_000)).toBeCloseTo(600_000, 6);
  });
  it('actual 985 kr saves 1.5 %, under the 2 % MSR: nothing', () => {
    expect(year(BASE, 985, 40_000)).toBe(0);
  });
  it('two-sided, actual 1,030 kr, minimum loss rate 2 %, loss sharing 40 %: the providers pay back 480,000 kr', () => {
    const twoSided = { ...BASE, twoSided: true, minimumLossRate: 0.02, lossSharingRate: 0.4 };
    expect(year(twoSided, 1030, 40_000)).toBeCloseTo(-480_000, 6);
    // One-sided, the same loss costs the providers nothing.
    expect(year(BASE, 1030, 40_000)).toBe(0);
  });
  it('caps shared savings at a share of benchmark spending, and losses likewise', () => {
    expect(year({ ...BASE, savingsCap: 0.01 }, 970, 40_000)).toBeCloseTo(0.01 * 1000 * 40_000, 6);
    expect(year({ ...BASE, twoSided: true, lossSharingRate: 0.4, lossCap: 0.005 }, 1030, 40_000)).toBeCloseTo(-0.005 * 1000 * 40_000, 6);
  });
  it('scales the share by the quality score, or pays nothing below the floor', () => {
    // Care-plan share 0.45 with baseline 0.3 and target 0.6: score (0.45 − 0.3) / 0.3 = 0.5.
    const q = { quality: [{ indicator: 'carePlanShare', target: 0.6, baseline: 0.3 }] } satisfies Partial<SharedSavingsComponent>;
    expect(year({ ...BASE, ...q }, 970, 40_000, [0.45 * 40_000, 40_000])).toBeCloseTo(300_000, 6);
    expect(year({ ...BASE, ...q, qualityGate: 'floor', qualityFloor: 0.6 }, 970, 40_000, [0.45 * 40_000, 40_000])).toBe(0);
    expect(year({ ...BASE, ...q, qualityGate: 'floor', qualityFloor: 0.4 }, 970, 40_000, [0.45 * 40_000, 40_000])).toBeCloseTo(600_000, 6);
  });
  it('trends the benchmark from its baseline year', () => {
    // Benchmark 1,000 in 2024, 2 % a year: 1,040.4 in 2026; actual 1,000 saves 3.88 %.
    expect(year({ ...BASE, benchmarkYear: 2024, trend: 0.02 }, 1000, 40_000)).toBeCloseTo(0.5 * 40.4 * 40_000, 4);
  });
});

describe('the minimum savings rate by size (MSSP table)', () => {
  it('reads the table and grows as 1/√n below 5,000', () => {
    expect(msrForSize(5000)).toBe(0.039);
    expect(msrForSize(12_000)).toBe(0.03);
    expect(msrForSize(20_000)).toBe(0.025);
    expect(msrForSize(100_000)).toBe(0.02);
    expect(msrForSize(1250)).toBeCloseTo(0.078, 12);
  });
});

// Healthy people of pc-a and pc-b who only visit primary care: spending is their visits at the visit's unit cost.
const VISIT = UNIT_COSTS.primaryVisit!;
const rates = onlyRates({ healthy: { primaryVisit: 12 } });
const cells = [{ count: 300 }, { count: 100, listing: 1 }];
/** The expected engine's spending per member-month of pc-a's 300 people (catchment 0): its visits × the unit cost / 3,600. */
const SPENT = (() => {
  const p = tiny([{ id: 'none', kind: 'fixed', basis: 'lump', amount: 0, payer: 'region', payee: 'pc-a' }], cells, { care: { rates, coordination: {} } });
  const t = evaluateExpected(p).table;
  let visits = 0;
  for (let m = 0; m < 12; m++) for (let b = 0; b < 5; b++) visits += t.data[rowOffset(t, m, 0, 4, b) + S.primaryVisit];
  return (visits * VISIT) / 3600;
})();

function paid(component: PaymentComponent) {
  const p = tiny([component], cells, { care: { rates, coordination: {} } });
  const outcome = evaluateExpected(p);
  return { p, outcome, received: received(p, outcome.ledger) };
}

describe('through settlement', () => {
  it('pays the payee its share of its listed people’s savings, once a year, with a reconciliation line', () => {
    const benchmark = SPENT / 0.97;
    const { p, outcome, received: r } = paid({ ...BASE, benchmark });
    // pc-a's 300 people: 3,600 member-months.
    expect(r['pc-a']).toBeCloseTo(0.5 * (benchmark - SPENT) * 3600, 4);
    expect(r['pc-b'] ?? 0).toBe(0);
    expect(outcome.ledger.reconciliations).toHaveLength(1);
    const line = outcome.ledger.reconciliations[0];
    expect(line).toMatchObject({ component: 0, account: p.plan.providerAccount[1], month: 11, units: 3600, thresholdMet: true, quality: 1, threshold: 0.02 });
    expect(line.actual).toBeCloseTo(SPENT, 6);
    expect(line.savingsRate).toBeCloseTo(0.03, 9);
    expect(line.amount).toBeCloseTo(r['pc-a'], 6);
  });
  it('counts only the chosen providers’ services as spending', () => {
    // The hospital's services alone: nothing is spent there, so every krona of the benchmark is saved.
    const { received: r } = paid({ ...BASE, benchmark: 100, spendingProviders: ['hospital'] });
    expect(r['pc-a']).toBeCloseTo(0.5 * 100 * 3600, 6);
  });
  it('splits a pool’s share among its members by their stated shares', () => {
    const pools = [{ id: 'joint', name: 'Joint', members: ['hospital', 'pc-a'], sharing: { shares: { hospital: 0.25, 'pc-a': 0.75 } } }];
    const p = tiny([{ ...BASE, payee: 'joint', benchmark: SPENT / 0.9 }], cells, { care: { rates, coordination: {} }, pools });
    const r = received(p, evaluateExpected(p).ledger);
    const total = 0.5 * (SPENT / 0.9 - SPENT) * 3600;
    expect(r.hospital).toBeCloseTo(0.25 * total, 4);
    expect(r['pc-a']).toBeCloseTo(0.75 * total, 4);
    expect(r.joint ?? 0).toBeCloseTo(0, 6);
  });
  it('risk-adjusts by the scenario’s case-mix weights: spending per weighted member-month', () => {
    const p = tiny([{ ...BASE, riskAdjusted: true, benchmark: 1000 }], cells, { care: { rates, coordination: {} } });
    const line = evaluateExpected(p).ledger.reconciliations[0];
    let people = 0;
    let weighted = 0;
    p.population.counts.forEach((n, j) => {
      if (j >= p.caseMix.length || n === 0) return;
      people += n;
      weighted += n * p.caseMix[j];
    });
    expect(line.units).toBeCloseTo((3600 * weighted) / people, 6);
    expect(line.actual).toBeCloseTo((SPENT * 3600) / line.units, 6);
  });
  it('attributes by plurality of primary care visits: the catchments whose visits the payee makes', () => {
    const { outcome } = paid({ ...BASE, attribution: 'visits', benchmark: 1000 });
    expect(outcome.ledger.reconciliations[0].units).toBe(3600);
  });
});

describe('refusals, with the reason', () => {
  const refused = (extra: Partial<SharedSavingsComponent> & Record<string, unknown>) => () => tinyScenario([{ ...BASE, ...extra } as PaymentComponent]);
  it('settles once a year', () => {
    expect(refused({ settlement: 'quarter' })).toThrow("payment.components[0].settlement: shared savings are reconciled once a year; settlement must be 'year', got 'quarter'");
  });
  it('needs a baseline year for a trend', () => {
    expect(refused({ trend: 0.03 })).toThrow('payment.components[0].trend: a trend grows the benchmark from the year it is for; set benchmarkYear');
  });
  it('has no losses one-sided', () => {
    expect(refused({ lossSharingRate: 0.4 })).toThrow("payment.components[0].lossSharingRate: 'lossSharingRate' is for a two-sided contract; set twoSided: true or remove it");
  });
  it('takes one minimum savings rate', () => {
    expect(refused({ msrBySize: true })).toThrow('payment.components[0].msrBySize: msrBySize sets the minimum savings rate from the attributed population; give it or minimumSavingsRate, not both');
  });
  it('refuses a weight, pointing to riskAdjusted', () => {
    expect(refused({ weight: 'acg' })).toThrow("payment.components[0].weight: shared savings adjust for risk with riskAdjusted: true (the scenario's case-mix weights); weight is not used by this kind");
  });
  it('refuses a withhold: the reconciliation is yearly and has its own quality score', () => {
    expect(refused({ withhold: { share: 0.1, quality: [{ indicator: 'carePlanShare', target: 0.5 }] } })).toThrow(
      'payment.components[0].withhold: shared savings are settled once a year and scaled by their own quality score (quality, qualityGate); a withhold would be returned in the month it was held',
    );
  });
  it('refuses spending per member as its own quality indicator', () => {
    expect(refused({ quality: [{ indicator: 'spendingPerMember', target: 900 }] })).toThrow(
      "payment.components[0].quality[0].indicator: shared savings already measure spending; a quality indicator of shared savings must be another one than 'spendingPerMember'",
    );
  });
  it('is not paid to participants', () => {
    expect(refused({ payee: 'participants' })).toThrow("payment.components[0].payee: 'participants' is only for variable components");
  });
});

describe('spending per member as a goal indicator', () => {
  it('pays a goal whose spending target is met, and not one whose target is missed', () => {
    // pc-a's people (a goal measures over the payee's catchments) spend SPENT per member-month.
    const goal = (target: number) => paid({ id: 'g', kind: 'goal', indicator: 'spendingPerMember', target, amount: 10_000, settlement: 'year', payer: 'region', payee: 'pc-a' }).received['pc-a'] ?? 0;
    expect(goal(SPENT * 1.001)).toBeCloseTo(10_000, 6);
    expect(goal(SPENT * 0.999)).toBe(0);
  });
});

describe('spending per member in a withhold’s quality score', () => {
  it('returns the withheld share when spending per member-month meets its target', () => {
    const fixed: PaymentComponent = { id: 'cap', kind: 'fixed', basis: 'per-person', amount: 1200, payer: 'region', payee: 'pc-a', settlement: 'year' };
    const kept = (target: number) => paid({ ...fixed, withhold: { share: 0.1, quality: [{ indicator: 'spendingPerMember', target }] } }).received['pc-a'];
    // 300 listed people × 1,200 kr: all of it when the target is met, 90 % when it is missed.
    expect(kept(SPENT * 1.001)).toBeCloseTo(360_000, 4);
    expect(kept(SPENT * 0.999)).toBeCloseTo(324_000, 4);
  });
});

describe('reconciliation rows in the results', () => {
  const benchmark = SPENT / 0.97;
  const { p, outcome } = paid({ ...BASE, benchmark });
  const rows = metricRows(metricsOf(p, outcome), 'expected', 'tiny');
  const value = (entity: string, metric: string, period: number | 'all' = 0, group = 'all') => rows.find((r) => r.entity === entity && r.metric === metric && r.period === period && r.group === group)?.value;

  it('are long rows keyed by receiver and year, one per field', () => {
    expect(value('pc-a', 'benchmarkKrPerUnit:ss')).toBeCloseTo(benchmark, 6);
    expect(value('pc-a', 'actualKrPerUnit:ss')).toBeCloseTo(SPENT, 6);
    expect(value('pc-a', 'reconciledUnits:ss')).toBe(3600);
    expect(value('pc-a', 'savingsRate:ss')).toBeCloseTo(0.03, 9);
    expect(value('pc-a', 'thresholdRate:ss')).toBe(0.02);
    expect(value('pc-a', 'thresholdMet:ss')).toBe(1);
    expect(value('pc-a', 'qualityScore:ss')).toBe(1);
    expect(value('pc-a', 'reconciledKr:ss')).toBeCloseTo(0.5 * (benchmark - SPENT) * 3600, 4);
    expect(toCsv(rows)).toContain('pc-a,all,all,0,reconciledKr:ss,');
  });

  it('carry spending on care per member-month for the population', () => {
    // Everyone (pc-a's 300 and pc-b's 100) makes visits at the same rate: the same spending per member-month.
    expect(value('population', 'spendingPerMemberMonthKr', 'all', 'healthy')).toBeCloseTo(SPENT, 6);
    expect(value('population', 'careSpendingKr', 'all', 'all')).toBeCloseTo(SPENT * 4800, 4);
  });

  it('reach the dashboard, its exported table and the report', () => {
    const d = dashboardOf(p, { expected: outcome, replications: [], seed: 1 });
    expect(d.reconciliations).toHaveLength(1);
    expect(d.reconciliations[0]).toMatchObject({ component: 'ss', entity: 'pc-a', year: 0 });
    expect(d.reconciliations[0].reconciledKr.mean).toBeCloseTo(0.5 * (benchmark - SPENT) * 3600, 4);
    expect(d.outcomes.all.values.spendingPerMemberMonthKr.mean).toBeCloseTo(SPENT, 6);
    const table = dashboardTables(d).find((t) => t.id === 'reconciliation')!;
    expect(table.rows.find((r) => r.metric === 'thresholdMet:ss')).toMatchObject({ entity: 'pc-a', period: 'year 1', mean: 1 });
    const html = reportHtml({ scenario: reportScenario(p.scenario), dashboard: d });
    expect(html).toContain('<section id="reconciliation">');
    expect(html).toContain('data-component="ss" data-entity="pc-a" data-year="0"');
    const sv = reportHtml({ scenario: reportScenario(p.scenario), dashboard: d, text: REPORT_TEXT_SV });
    expect(sv).toContain('Årlig avstämning');
  });
});

describe('the behaviour solver’s steady year', () => {
  it('reads the benchmark of its own calendar year, trend included', () => {
    const spec = { ...BASE, benchmark: 1000, benchmarkYear: 2026, trend: 0.1 };
    const p = tiny([spec], cells, { care: { rates, coordination: {} }, simulation: { start: '2026-01', years: 2, stepsPerYear: 12, replications: 1, seed: 1 } });
    const ctx = steadyContext(p, 1);
    const x = { effort: new Float64Array(ctx.effortActive.length), intensity: new Float64Array(ctx.effortActive.length).fill(1) };
    const line = evaluateSteady(ctx, x).outcome.ledger.reconciliations[0];
    expect(line.benchmark).toBeCloseTo(1100, 9);
    expect(evaluateSteady(steadyContext(p, 0), x).outcome.ledger.reconciliations[0].benchmark).toBeCloseTo(1000, 9);
  });
});
