/**
 * Time series across replications, ready to draw: sums over months, quarters or years, and per
 * period the mean with a 95 % band (2.5th–97.5th percentile of the replications, as `interval`).
 * Charts only draw these; they never compute statistics themselves.
 */
import { percentile } from './summary.js';

export type Resolution = 'month' | 'quarter' | 'year';

/** Months per period of a resolution. */
export const MONTHS_PER: Readonly<Record<Resolution, number>> = { month: 1, quarter: 3, year: 12 };

/** One series per period: the mean of the replications and a 95 % band around it. */
export interface Band {
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Replications behind the band; with fewer than 2 the band collapses to the mean. */
  n: number;
}

/**
 * Sums of consecutive months per period; a last, partial period sums the months it has.
 * @example periodSums(Float64Array.of(1, 2, 3, 4), 'quarter') // Float64Array [6, 4]
 */
export function periodSums(monthly: ArrayLike<number>, resolution: Resolution): Float64Array {
  const step = MONTHS_PER[resolution];
  const out = new Float64Array(Math.ceil(monthly.length / step));
  for (let m = 0; m < monthly.length; m++) out[Math.floor(m / step)] += monthly[m];
  return out;
}

/**
 * Labels of the periods of a run starting at `start` ('YYYY-MM'): '2026-01', '2026 Q1' or '2026'.
 * @example periodLabels('2026-11', 4, 'month') // ['2026-11', '2026-12', '2027-01', '2027-02']
 */
export function periodLabels(start: string, months: number, resolution: Resolution): string[] {
  const [y0, m0] = start.split('-').map(Number);
  const step = MONTHS_PER[resolution];
  const labels: string[] = [];
  for (let m = 0; m < months; m += step) {
    const index = y0 * 12 + (m0 - 1) + m;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    if (resolution === 'month') labels.push(`${year}-${String(month).padStart(2, '0')}`);
    else if (resolution === 'quarter') labels.push(`${year} Q${Math.floor((month - 1) / 3) + 1}`);
    else labels.push(String(year));
  }
  return labels;
}

/**
 * Per period, the mean of the replications and the 95 % band; every series must have the same length.
 * @example bandOf([Float64Array.of(1, 10), Float64Array.of(3, 30)]).mean // Float64Array [2, 20]
 */
export function bandOf(replications: readonly ArrayLike<number>[]): Band {
  const n = replications.length;
  const length = n > 0 ? replications[0].length : 0;
  const mean = new Float64Array(length);
  const lower = new Float64Array(length);
  const upper = new Float64Array(length);
  const column = new Float64Array(n);
  for (let t = 0; t < length; t++) {
    let sum = 0;
    for (let r = 0; r < n; r++) {
      column[r] = replications[r][t];
      sum += column[r];
    }
    mean[t] = sum / n;
    if (n < 2) {
      lower[t] = upper[t] = mean[t];
      continue;
    }
    column.sort();
    lower[t] = percentile(column, 0.025);
    upper[t] = percentile(column, 0.975);
  }
  return { mean, lower, upper, n };
}

/**
 * Bands per entity (payer or provider) of a monthly metric, after summing into periods.
 * @example monthlyBands(metrics.map((m) => m.spendingKr), 'quarter')['region'].mean
 */
export function monthlyBands(perReplication: readonly Readonly<Record<string, Float64Array>>[], resolution: Resolution): Record<string, Band> {
  const out: Record<string, Band> = {};
  if (perReplication.length === 0) return out;
  for (const id of Object.keys(perReplication[0])) {
    out[id] = bandOf(perReplication.map((m) => periodSums(m[id], resolution)));
  }
  return out;
}
