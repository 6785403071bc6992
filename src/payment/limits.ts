/**
 * The contract layer: limits that act on what a component pays, whatever its kind and whoever
 * receives it. Each acts per receiver — a provider, a pool (its members together; what the pool
 * gets back or pays is then shared by the pool's rule), or each participant on its own.
 * - cap and floor: on the total a receiver gets from the component in one settlement period;
 * - stop-loss: at each year end the payer covers `share` of each person's yearly cost at the
 *   receiver above `threshold`;
 * - risk corridor: at each year end, of a receiver's margin beyond ±band × its revenue from the
 *   component that year, the payer takes back (or covers) `share`; a receiver the component paid
 *   nothing that year has no corridor with it.
 */
import { CNI_BANDS, GROUP_COUNT } from '../domain.js';
import type { ActivityTable } from '../engine/activity.js';
import { EXTRA, rowOffset } from '../engine/activity.js';
import type { ComponentCommon } from '../scenario/types.js';
import type { CompiledComponent } from './plan.js';

/**
 * Cap and floor on each paid receiver's total in a period; a limited total keeps its split over
 * slots, or goes to the lump slot when there was none.
 * @example applyCapAndFloor({ cap: 100 }, amounts, touched, 26, 25)
 */
export function applyCapAndFloor(spec: Pick<ComponentCommon, 'cap' | 'floor'>, amounts: Float64Array, touched: Uint8Array, slots: number, lump: number): void {
  const { cap, floor } = spec;
  if (cap === undefined && floor === undefined) return;
  for (let r = 0; r < touched.length; r++) {
    if (!touched[r]) continue;
    const o = r * slots;
    let total = 0;
    for (let i = 0; i < slots; i++) total += amounts[o + i];
    let limited = total;
    if (cap !== undefined) limited = Math.min(limited, cap);
    if (floor !== undefined) limited = Math.max(limited, floor);
    if (limited === total) continue;
    if (total !== 0) for (let i = 0; i < slots; i++) amounts[o + i] *= limited / total;
    else amounts[o + lump] = limited;
  }
}

/**
 * What the stop-loss pays each receiver for the year ending in month m, per slot: `share` of the
 * people's yearly cost at the receiver above the threshold (counted by the engines per receiver).
 * @example stopLossExcess(comp, table, 11, 26)
 */
export function stopLossExcess(comp: CompiledComponent, t: ActivityTable, m: number, slots: number): Float64Array {
  const out = new Float64Array(comp.receivers * slots);
  const share = comp.spec.stopLoss!.share;
  const d = t.data;
  for (let r = 0; r < comp.receivers; r++) {
    const column = EXTRA + comp.excessColumns[r];
    for (let k = 0; k < t.catchments; k++) {
      if (!comp.scope[k]) continue;
      for (let g = 0; g < GROUP_COUNT; g++) {
        if (!comp.groups[g]) continue;
        for (let b = 0; b < CNI_BANDS; b++) out[r * slots + g * CNI_BANDS + b] += share * d[rowOffset(t, m, k, g, b) + column];
      }
    }
  }
  return out;
}

/**
 * The corridor's adjustment to a receiver's year: negative (taken back) above the corridor,
 * positive (covered) below it, 0 inside or when the component paid it nothing.
 * @example corridorAdjustment({ band: 0.05, share: 0.5 }, 200, 1000) // -75
 */
export function corridorAdjustment(corridor: { band: number; share: number }, margin: number, revenue: number): number {
  if (revenue === 0) return 0;
  const limit = corridor.band * Math.abs(revenue);
  if (margin > limit) return -corridor.share * (margin - limit);
  if (margin < -limit) return corridor.share * (-margin - limit);
  return 0;
}
