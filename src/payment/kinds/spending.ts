/**
 * Spending on care per member-month: what a row's services cost at the model's standard unit
 * costs. Which prices: each unit at the unit cost of the provider that delivers it in the row's
 * catchment (`serviceCost`: an admission is its cost per bed-day times the need group's length of
 * stay), a joint activity (a SIP meeting, discharge planning) at every team member's unit cost.
 * Not counted: the staff time of coordination effort (no service is delivered), providers' fixed
 * costs, and the extra time a home-health visit takes when coordination fails — so the figure
 * moves with volumes, as a payer's claims priced at a fixed list would.
 *
 * Used by the goal indicator `spendingPerMember` (over every provider) and by shared savings
 * (over every provider or a chosen set).
 */
import { GROUP_COUNT, JOINT_SERVICES_INDEX, SERVICE_COUNT } from '../../domain.js';
import type { CompiledModel } from '../../engine/model.js';
import { serviceCost } from '../../engine/model.js';

const ALL = new WeakMap<CompiledModel, Float64Array>();

/**
 * kr per unit of each service for the people of each catchment and need group, counting only the
 * providers marked in `providers` (every provider when null): [(catchment × GROUP_COUNT + group) × SERVICE_COUNT + service].
 * @example const price = spendingPrices(model, null); price[(k * GROUP_COUNT + g) * SERVICE_COUNT + S.admission]
 */
export function spendingPrices(model: CompiledModel, providers: Uint8Array | null): Float64Array {
  if (providers === null) {
    const cached = ALL.get(model);
    if (cached) return cached;
  }
  const K = model.catchments.length;
  const out = new Float64Array(K * GROUP_COUNT * SERVICE_COUNT);
  const counts = (p: number) => p >= 0 && (providers === null || providers[p] === 1);
  for (let k = 0; k < K; k++) {
    for (let g = 0; g < GROUP_COUNT; g++) {
      for (let s = 0; s < SERVICE_COUNT; s++) {
        let price = 0;
        if (JOINT_SERVICES_INDEX[s]) {
          for (const p of model.team[k * GROUP_COUNT + g] ?? []) if (counts(p)) price += serviceCost(model, p, s, g);
        } else {
          const p = model.serviceProvider[k * SERVICE_COUNT + s];
          if (counts(p)) price = serviceCost(model, p, s, g);
        }
        out[(k * GROUP_COUNT + g) * SERVICE_COUNT + s] = price;
      }
    }
  }
  if (providers === null) ALL.set(model, out);
  return out;
}

/**
 * Spending in one row of an activity table (its services at `prices`), in kr.
 * @example rowSpending(prices, d, row, k, g)
 */
export function rowSpending(prices: Float64Array, d: Float64Array, row: number, catchment: number, group: number): number {
  const o = (catchment * GROUP_COUNT + group) * SERVICE_COUNT;
  let sum = 0;
  for (let s = 0; s < SERVICE_COUNT; s++) {
    const units = d[row + s];
    if (units !== 0) sum += units * prices[o + s];
  }
  return sum;
}
