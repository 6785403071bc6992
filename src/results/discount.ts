/**
 * Present values of multi-year money flows, next to the nominal sums: a krona paid in year 3 of a
 * five-year design is worth less to a payer today than one paid now.
 *
 * Convention: yearly discounting from the start of the run, the first year undiscounted — year y
 * (0-based) of the run is divided by (1 + r)^y. The default rate is 3 % a year, the rate the Dental
 * and Pharmaceutical Benefits Agency's guidelines for economic evaluations prescribe for costs and
 * effects (docs/sources.md: tlv-2017).
 */
import type { LongRow } from './long-rows.js';
import type { Metrics } from './metrics.js';

/** Yearly discount rate when none is given (TLV 2017: 3 %). */
export const DEFAULT_DISCOUNT_RATE = 0.03;

/** Money metrics that get a present value: each as `<metric>PresentValue`. */
export const DISCOUNTED_METRICS = ['spendingKr', 'revenueKr', 'costKr', 'marginKr'] as const;

/**
 * Present value of monthly amounts at a yearly rate (year y of the run divided by (1 + rate)^y).
 * @example presentValue(Float64Array.from({ length: 24 }, () => 100), 0.03) // 1200 + 1200 / 1.03
 */
export function presentValue(monthly: ArrayLike<number>, rate: number): number {
  let pv = 0;
  for (let m = 0; m < monthly.length; m++) pv += monthly[m] / (1 + rate) ** Math.floor(m / 12);
  return pv;
}

/**
 * Long rows of the present values of payers' spending and providers' revenue, cost and margin
 * over the whole run, to put next to the nominal rows (same entity, metric name + 'PresentValue').
 * @example presentValueRows(metrics, 0.03, 'expected', 'teaching-wrong-pocket')
 */
export function presentValueRows(metrics: Metrics, rate: number, replication: LongRow['replication'], scenario: string): LongRow[] {
  const rows: LongRow[] = [];
  for (const metric of DISCOUNTED_METRICS) {
    for (const [entity, monthly] of Object.entries(metrics[metric])) {
      rows.push({ replication, scenario, entity, group: 'all', cni: 'all', period: 'all', metric: `${metric}PresentValue`, value: presentValue(monthly, rate) });
    }
  }
  return rows;
}
