import { beforeAll, describe, expect, it } from 'vitest';
import { GROUP_COUNT, CNI_BANDS } from '../src/domain.js';
import type { Outcome, Prepared } from '../src/run.js';
import { prepare, simulate } from '../src/run.js';
import type { LongRow } from '../src/results/summary.js';
import { differences, interval, longRows, metricsOf, percentile, summarize, toCsv, toJson } from '../src/results/summary.js';
import { loadScenarioFile } from '../src/scenario/load.js';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
const row = (replication: number, value: number, over: Partial<LongRow> = {}): LongRow => ({
  replication,
  scenario: 'a',
  entity: 'region',
  group: 'all',
  cni: 'all',
  period: 'all',
  metric: 'spendingKr',
  value,
  ...over,
});

describe('summarize', () => {
  it('uses linear-interpolation percentiles (R type 7) for the 95 % interval', () => {
    // h = 4 × 0.025 = 0.1 → 10 + 0.1 × 10 = 11; h = 4 × 0.975 = 3.9 → 40 + 0.9 × 10 = 49
    expect(percentile([10, 20, 30, 40, 50], 0.025)).toBeCloseTo(11, 12);
    const reps = [30, 10, 50, 20, 40].map((v, r) => [row(r, v)]);
    const [s] = summarize(reps);
    expect(s).toMatchObject({ scenario: 'a', entity: 'region', metric: 'spendingKr', mean: 30, n: 5 });
    expect(s.lower).toBeCloseTo(11, 12);
    expect(s.upper).toBeCloseTo(49, 12);
  });

  it('collapses the interval to the mean with a single replication', () => {
    expect(interval([7])).toEqual({ mean: 7, lower: 7, upper: 7, n: 1 });
  });

  it('keeps keys apart: entity, group, CNI band, period, metric and scenario', () => {
    const reps = [0, 1].map((r) => [row(r, 1), row(r, 2, { period: 0 }), row(r, 3, { cni: 2 }), row(r, 4, { scenario: 'b' }), row(r, 5, { metric: 'x' })]);
    const out = summarize(reps);
    expect(out.map((s) => s.mean)).toEqual([1, 2, 3, 4, 5]);
    expect(out.every((s) => s.n === 2)).toBe(true);
  });
});

describe('differences', () => {
  it('pairs replication r of A with replication r of B', () => {
    const a = [3, 1, 2].map((v, r) => [row(r, v)]);
    const b = [4, 2, 9].map((v, r) => [row(r, v, { scenario: 'b' })]);
    const [d] = differences(a, b);
    // Paired: 1, 1, 7. Unpaired sorted values would give 2, 1, 6 instead.
    expect(d).toMatchObject({ scenario: 'b', baseline: 'a', mean: 3, n: 3 });
    expect(d.lower).toBeCloseTo(1, 12);
    expect(d.upper).toBeCloseTo(1 + 0.95 * 6, 12);
  });

  it('skips keys missing from either scenario and extra replications', () => {
    const a = [[row(0, 1), row(0, 5, { entity: 'only-a' })], [row(1, 1)], [row(2, 100)]];
    const b = [[row(0, 2, { scenario: 'b' })], [row(1, 3, { scenario: 'b' })]];
    const out = differences(a, b);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ entity: 'region', mean: 1.5, n: 2 });
  });
});

describe('toCsv', () => {
  it('writes a header and quotes fields as RFC 4180 says', () => {
    const csv = toCsv([
      { name: 'plain', note: 'a, b', value: 1234567.891 },
      { name: 'say "hi"', note: 'line\nbreak', value: 0.1 + 0.2, extra: true },
    ]);
    expect(csv).toBe('name,note,value,extra\r\nplain,"a, b",1234567.891,\r\n"say ""hi""","line\nbreak",0.30000000000000004,true\r\n');
  });

  it('prints numbers with full precision and no separators', () => {
    const csv = toCsv([{ v: 12345678901.25 }, { v: -0.000123 }, { v: NaN }]);
    expect(csv.split('\r\n')).toEqual(['v', '12345678901.25', '-0.000123', '', '']);
  });
});

describe('toJson', () => {
  it('writes typed arrays as arrays', () => {
    expect(toJson({ a: new Float64Array([1.5, 2]), b: { c: new Uint8Array([3]) } })).toBe('{"a":[1.5,2],"b":{"c":[3]}}');
  });
});

describe('metricsOf', () => {
  let prepared: Prepared;
  let outcomes: { label: string; outcome: Outcome }[];

  beforeAll(async () => {
    prepared = prepare(await loadScenarioFile('test/fixtures/minimal-scenario.json'));
    const { expected, replications } = simulate(prepared, { replications: 1, seed: 7 });
    outcomes = [
      { label: 'expected', outcome: expected },
      { label: 'microsimulation', outcome: replications[0] },
    ];
  });

  const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-6 * Math.max(1, Math.abs(b)));

  it('conserves money: payer spending equals provider revenue, and the money-flow matrix sums to it', () => {
    for (const { outcome } of outcomes) {
      const m = metricsOf(prepared, outcome);
      const spending = sum(Object.values(m.spendingKr).map(sum));
      const revenue = sum(Object.values(m.revenueKr).map(sum));
      expect(spending).toBeGreaterThan(0);
      close(revenue, spending);
      close(sum(Object.values(m.moneyFlowKr).flatMap((byPrincipal) => Object.values(byPrincipal))), spending);
      for (const payer of m.payerIds) close(sum(Object.values(m.moneyFlowKr[payer])), sum(m.spendingKr[payer]));
      // Each principal receives what its providers earn.
      for (const principal of m.principalIds) {
        const owned = prepared.scenario.providers.filter((p) => p.principal === principal).map((p) => sum(m.revenueKr[p.id]));
        close(sum(m.payerIds.map((payer) => m.moneyFlowKr[payer][principal])), sum(owned));
      }
    }
  });

  it('resolves a pool to its members: the joint budget moves half of the municipality’s share to the region’s hospital', () => {
    // 2,000,000 kr a year, paid 50/50, shared equally by sjukhus (region) and hemsjukvard (kommun).
    const m = metricsOf(prepared, outcomes[0].outcome);
    close(m.moneyFlowKr.kommun.region, 500_000);
    close(m.moneyFlowKr.kommun.kommun, 500_000);
    close(m.revenueByComponentKr.hemsjukvard['joint-budget'], 1_000_000);
  });

  it('has margin = revenue − cost, and breakdowns that add up to the totals', () => {
    for (const { outcome } of outcomes) {
      const m = metricsOf(prepared, outcome);
      for (const id of m.providerIds) {
        m.marginKr[id].forEach((x, month) => close(x, m.revenueKr[id][month] - m.costKr[id][month]));
        close(sum(Object.values(m.revenueByComponentKr[id])), sum(m.revenueKr[id]));
        close(sum(m.revenueByGroupKr[id]), sum(m.revenueKr[id]));
        close(sum(m.costByGroupKr[id]), sum(m.costKr[id]));
        close(sum(Object.values(m.costByKindKr[id])), sum(m.costKr[id]));
      }
    }
  });

  it('counts person-years of a stationary population and rates per 1,000 of them', () => {
    const m = metricsOf(prepared, outcomes[1].outcome);
    const pop = m.population;
    expect(pop.personYears).toHaveLength(GROUP_COUNT * CNI_BANDS);
    close(sum(pop.personYears), prepared.population.size * prepared.scenario.simulation.years);
    pop.personYears.forEach((py, slot) => {
      if (py > 0) close(pop.edVisitsPerThousandPersonYears[slot], (1000 * pop.services.edVisit[slot]) / py);
      else expect(pop.edVisitsPerThousandPersonYears[slot]).toBeNaN();
    });
    close(sum(m.servicesByMonth.admission), sum(pop.services.admission));
  });
});

describe('longRows', () => {
  it('gives every replication the same keys, and period rows that add up to the totals', async () => {
    const prepared = prepare(await loadScenarioFile('test/fixtures/minimal-scenario.json'));
    const { expected, replications } = simulate(prepared, { replications: 2, seed: 3 });
    const reps = replications.map((o, r) => longRows(prepared, o, r, 'minimal', { period: 'month' }));
    const keys = (rows: LongRow[]) => rows.map((x) => `${x.entity}|${x.group}|${x.cni}|${x.period}|${x.metric}`);
    expect(keys(reps[0])).toEqual(keys(reps[1]));
    const ev = longRows(prepared, expected, 'expected', 'minimal', { period: 'month' });
    expect(ev.every((x) => x.replication === 'expected' && Number.isFinite(x.value))).toBe(true);
    const spending = reps[0].filter((x) => x.entity === 'region' && x.metric === 'spendingKr');
    const total = spending.find((x) => x.period === 'all')!.value;
    close(sum(spending.filter((x) => x.period !== 'all').map((x) => x.value)), total);
    expect(spending).toHaveLength(13);
    function close(a: number, b: number) {
      expect(Math.abs(a - b)).toBeLessThan(1e-6 * Math.abs(b));
    }
  });
});
