/**
 * Results across replications: means with the 95 % range of replication outcomes (chance events
 * only, not an interval of the mean; src/uncertainty/psa.ts has both), and paired differences between
 * scenarios run with common random numbers. The entry point of `src/results/`.
 */
import type { LongRow, RowKey } from './long-rows.js';

export { metricsOf, perThousand, GROUP_SLOTS, type Metrics, type PopulationMetrics, type CostKind } from './metrics.js';
export { longRows, metricRows, type LongRow, type LongRowOptions, type Period, type RowKey } from './long-rows.js';
export { toCsv, toJson } from './export.js';

/** Mean and 95 % range of outcomes (2.5th–97.5th percentile of the replication values) over n replications. */
export interface SummaryRow extends RowKey {
  mean: number;
  lower: number;
  upper: number;
  n: number;
}

/** B − A per key; `scenario` is B, `baseline` is A. */
export interface DifferenceRow extends SummaryRow {
  baseline: string;
}

/**
 * Percentile of sorted values by linear interpolation between order statistics (R type 7, numpy's
 * default), so results match what an analyst gets in a spreadsheet or R.
 * @example percentile([10, 20, 30, 40, 50], 0.025) // 11
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Mean and 95 % range (2.5th–97.5th percentile) of some values; with fewer than 2 it collapses to the mean.
 * @example interval([10, 20, 30, 40, 50]) // { mean: 30, lower: 11, upper: 49, n: 5 }
 */
export function interval(values: readonly number[]): { mean: number; lower: number; upper: number; n: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, lower: mean, upper: mean, n };
  const sorted = Float64Array.from(values).sort();
  return { mean, lower: percentile(sorted, 0.025), upper: percentile(sorted, 0.975), n };
}

function keyOf(row: RowKey, withScenario: boolean): string {
  return `${withScenario ? row.scenario : ''}\u0000${row.entity}\u0000${row.group}\u0000${row.cni}\u0000${row.period}\u0000${row.metric}`;
}

function keyFields(row: RowKey): RowKey {
  return { scenario: row.scenario, entity: row.entity, group: row.group, cni: row.cni, period: row.period, metric: row.metric };
}

/**
 * Summarize replications (one array of long rows each) per key, in the order keys first appear.
 * @example summarize(reps.map((o, r) => longRows(prepared, o, r, 'minimal')))
 */
export function summarize(rows: LongRow[][]): SummaryRow[] {
  const groups = new Map<string, { key: RowKey; values: number[] }>();
  for (const replication of rows) {
    for (const row of replication) {
      const k = keyOf(row, true);
      let entry = groups.get(k);
      if (!entry) groups.set(k, (entry = { key: keyFields(row), values: [] }));
      entry.values.push(row.value);
    }
  }
  return [...groups.values()].map(({ key, values }) => ({ ...key, ...interval(values) }));
}

/**
 * B − A per key, pairing replication r of A with replication r of B: with common random numbers
 * both saw the same illnesses, so the difference is the design's, not noise. Keys present in only
 * one scenario (a provider that only B has) are left out; extra replications of either are ignored.
 * @example differences(repsOfA, repsOfB).find((d) => d.metric === 'spendingKr')
 */
export function differences(a: LongRow[][], b: LongRow[][]): DifferenceRow[] {
  const pairs = Math.min(a.length, b.length);
  const groups = new Map<string, { key: RowKey; baseline: string; values: number[] }>();
  for (let r = 0; r < pairs; r++) {
    const base = new Map<string, LongRow>();
    for (const row of a[r]) base.set(keyOf(row, false), row);
    for (const row of b[r]) {
      const k = keyOf(row, false);
      const other = base.get(k);
      if (!other) continue;
      let entry = groups.get(k);
      if (!entry) groups.set(k, (entry = { key: keyFields(row), baseline: other.scenario, values: [] }));
      entry.values.push(row.value - other.value);
    }
  }
  return [...groups.values()].map(({ key, baseline, values }) => ({ ...key, baseline, ...interval(values) }));
}
