/**
 * Two to four scenarios side by side: their dashboards, their time series on common periods and
 * common axis ranges (so charts placed next to each other can be read against each other), and
 * the paired differences from the first scenario with 95 % intervals.
 */
import type { Band, Resolution } from './bands.js';
import type { Dashboard, Evaluated } from './dashboard.js';
import { OUTCOME_METRICS } from './dashboard.js';
import type { DifferenceRow } from './summary.js';
import { differences } from './summary.js';

/** Series of every scenario on the union of their periods (NaN where a scenario has no such period). */
export interface AlignedSeries {
  labels: string[];
  /** Per scenario (same order as the dashboards), per payer. */
  spendingKr: Record<string, Band>[];
  /** Per scenario, per provider. */
  marginKr: Record<string, Band>[];
  /** [min, max] over every band of every scenario, for a shared y axis. */
  spendingRange: [number, number];
  marginRange: [number, number];
}

export interface Comparison {
  dashboards: Dashboard[];
  /** For each scenario after the first: its difference from the first (B − A), headline rows only. */
  differences: DifferenceRow[][];
  aligned: Record<Resolution, AlignedSeries>;
}

/** Rows worth a line in the difference table: totals over the run for everyone and the population outcomes. */
const HEADLINE = new Set<string>(['spendingKr', 'revenueKr', 'costKr', 'marginKr', 'teamCoordination', ...OUTCOME_METRICS]);

function isHeadline(row: DifferenceRow): boolean {
  return row.period === 'all' && row.group === 'all' && row.cni === 'all' && HEADLINE.has(row.metric);
}

function alignBand(band: Band, from: readonly string[], to: readonly string[]): Band {
  const at = new Map(from.map((label, i) => [label, i]));
  const pick = (a: Float64Array) => Float64Array.from(to, (label) => (at.has(label) ? a[at.get(label)!] : NaN));
  return { mean: pick(band.mean), lower: pick(band.lower), upper: pick(band.upper), n: band.n };
}

function range(bands: Record<string, Band>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const byId of bands) {
    for (const b of Object.values(byId)) {
      for (const a of [b.lower, b.upper, b.mean]) {
        for (const x of a) {
          if (!Number.isFinite(x)) continue;
          if (x < lo) lo = x;
          if (x > hi) hi = x;
        }
      }
    }
  }
  return lo <= hi ? [Math.min(0, lo), Math.max(0, hi)] : [0, 1];
}

function aligned(dashboards: readonly Dashboard[], resolution: Resolution): AlignedSeries {
  const labels = [...new Set(dashboards.flatMap((d) => d.series[resolution].labels))].sort();
  const mapAll = (pick: (d: Dashboard) => Record<string, Band>) =>
    dashboards.map((d) => Object.fromEntries(Object.entries(pick(d)).map(([id, b]) => [id, alignBand(b, d.series[resolution].labels, labels)])));
  const spendingKr = mapAll((d) => d.series[resolution].spendingKr);
  const marginKr = mapAll((d) => d.series[resolution].marginKr);
  return { labels, spendingKr, marginKr, spendingRange: range(spendingKr), marginRange: range(marginKr) };
}

/**
 * Compare scenarios run with the same seed and replications (common random numbers): replication r
 * of each saw the same illnesses, so the paired difference is the design's.
 * @example comparisonOf([dashA, dashB], [evalA, evalB]).differences[0].find((d) => d.metric === 'spendingKr')
 */
export function comparisonOf(dashboards: Dashboard[], evaluated: Evaluated[]): Comparison {
  const [base, ...others] = evaluated;
  return {
    dashboards,
    differences: others.map((o) => differences(base.rows, o.rows).filter(isHeadline)),
    aligned: { month: aligned(dashboards, 'month'), quarter: aligned(dashboards, 'quarter'), year: aligned(dashboards, 'year') },
  };
}
