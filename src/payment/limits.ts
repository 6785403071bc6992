/**
 * The contract layer: limits that act on what a component pays, whatever its kind and whoever
 * receives it. Each acts per receiver — a provider, a pool (its members together; what the pool
 * gets back or pays is then shared by the pool's rule), or each participant on its own.
 * - cap and floor: on the total a receiver gets from the component in one settlement period;
 * - stop-loss: at each year end the payer covers `share` of each person's yearly cost at the
 *   receiver above `threshold`;
 * - risk corridor: at each year end, of a receiver's margin beyond ±band × its revenue from the
 *   component's ordinary payments that year (not its stop-loss cover), the payer takes back (or
 *   covers) `share`; a receiver the component paid nothing that year has no corridor with it.
 */
import { CNI_BANDS, GROUP_COUNT } from '../domain.js';
import type { ActivityTable } from '../engine/activity.js';
import { EXTRA, rowOffset } from '../engine/activity.js';
import type { ComponentCommon } from '../scenario/types.js';
import type { CompiledComponent } from './plan.js';
import { expectedClamp, expectedCorridor } from './dispersion.js';

/**
 * Cap and floor on each paid receiver's total in a period; a limited total keeps its split over
 * slots, or goes to the lump slot when there was none. Given each receiver's standard deviation
 * (`spread`, an expected-value table), the amounts are expectations and the limit is taken in
 * expectation over a normal total.
 * @example applyCapAndFloor({ cap: 100 }, amounts, touched, 26, 25)
 */
export function applyCapAndFloor(spec: Pick<ComponentCommon, 'cap' | 'floor'>, amounts: Float64Array, touched: Uint8Array, slots: number, lump: number, spread?: Float64Array): void {
  const { cap, floor } = spec;
  if (cap === undefined && floor === undefined) return;
  for (let r = 0; r < touched.length; r++) {
    if (!touched[r]) continue;
    const o = r * slots;
    let total = 0;
    for (let i = 0; i < slots; i++) total += amounts[o + i];
    const limited = expectedClamp(total, spread ? spread[r] : 0, floor, cap);
    if (limited === total) continue;
    if (total !== 0) for (let i = 0; i < slots; i++) amounts[o + i] *= limited / total;
    else amounts[o + lump] = limited;
  }
}

/**
 * What the stop-loss pays each receiver for the year ending in month m, per slot: `share` of the
 * people's yearly cost at the receiver above the threshold (counted by the engines per receiver),
 * for everyone whose year closed in it — at its end, or earlier at death.
 * @example stopLossExcess(comp, table, 11, 26)
 */
export function stopLossExcess(comp: CompiledComponent, t: ActivityTable, m: number, slots: number): Float64Array {
  const out = new Float64Array(comp.receivers * slots);
  const share = comp.spec.stopLoss!.share;
  const d = t.data;
  // A person's cost is closed at the year end or at death, in that month's row.
  const yearStart = m - (m % 12);
  for (let r = 0; r < comp.receivers; r++) {
    const column = EXTRA + comp.excessColumns[r];
    for (let k = 0; k < t.catchments; k++) {
      if (!comp.scope[k]) continue;
      for (let g = 0; g < GROUP_COUNT; g++) {
        if (!comp.groups[g]) continue;
        for (let b = 0; b < CNI_BANDS; b++) {
          let excess = 0;
          for (let month = yearStart; month <= m; month++) excess += d[rowOffset(t, month, k, g, b) + column];
          out[r * slots + g * CNI_BANDS + b] += share * excess;
        }
      }
    }
  }
  return out;
}

/**
 * The corridor's adjustment to a receiver's year: negative (taken back) above the corridor,
 * positive (covered) below it, 0 inside or when the component paid it nothing. Given the margin's
 * standard deviation (an expected margin), its expectation over a normal margin.
 * @example corridorAdjustment({ band: 0.05, share: 0.5 }, 200, 1000) // -75
 */
export function corridorAdjustment(corridor: { band: number; share: number }, margin: number, revenue: number, spread = 0): number {
  if (revenue === 0) return 0;
  const limit = corridor.band * Math.abs(revenue);
  if (spread > 0) return expectedCorridor(margin, spread, limit, corridor.share);
  if (margin > limit) return -corridor.share * (margin - limit);
  if (margin < -limit) return corridor.share * (-margin - limit);
  return 0;
}
