/**
 * What each provider spends: services it delivers at its unit costs, its share of joint
 * activities, the staff time of its coordination effort, and its fixed costs.
 */
import { CNI_BANDS, GROUP_COUNT, O, SERVICE_COUNT, S } from '../domain.js';
import type { ActivityTable } from './activity.js';
import { OUTCOME, rowOffset } from './activity.js';
import { deliveredCost } from './extras.js';
import type { Behaviour, CompiledModel } from './model.js';
import { serviceCost } from './model.js';
import type { RateTable } from './rates.js';

/** Slots per provider and month: one per need group × CNI band, then one for fixed costs. */
export const COST_SLOTS = GROUP_COUNT * CNI_BANDS + 1;

/** Kinds of cost, for "why does provider X lose money" breakdowns. */
export const COST_KINDS = ['services', 'coordination', 'fixed'] as const;

export interface ProviderCosts {
  /** kr per month × provider × COST_SLOTS. */
  total: Float64Array;
  /** kr per provider × COST_KINDS over the whole run. */
  byKind: Float64Array;
  /** Service units delivered per month × provider (for activity-based sharing in pools). */
  activity: Float64Array;
}

/**
 * Costs of every provider in every month.
 * @example const costs = providerCosts(model, table, rates, model.behaviour)
 */
export function providerCosts(model: CompiledModel, table: ActivityTable, rates: RateTable[], behaviour: Behaviour): ProviderCosts {
  const P = model.providerIds.length;
  const K = model.catchments.length;
  const total = new Float64Array(table.months * P * COST_SLOTS);
  const byKind = new Float64Array(P * COST_KINDS.length);
  const activity = new Float64Array(table.months * P);
  const lastCoordination = new Float64Array(P); // coordination cost of the last computed month, per provider
  const d = table.data;
  const perMonth = P * COST_SLOTS;
  for (let m = 0; m < table.months; m++) {
    const effort = behaviour.effort[Math.floor(m / 12)];
    const r = rates[m];
    if (m > 0 && table.repeats?.[m] && r === rates[m - 1] && effort === behaviour.effort[Math.floor((m - 1) / 12)]) {
      // A steady month of the expected-value engine costs what the last one did.
      total.copyWithin(m * perMonth, (m - 1) * perMonth, m * perMonth);
      activity.copyWithin(m * P, (m - 1) * P, m * P);
      for (let p = 0; p < P; p++) {
        let services = 0;
        for (let s = 0; s < COST_SLOTS - 1; s++) services += total[(m * P + p) * COST_SLOTS + s];
        const coordination = lastCoordination[p];
        byKind[p * COST_KINDS.length] += services - coordination;
        byKind[p * COST_KINDS.length + 1] += coordination;
        byKind[p * COST_KINDS.length + 2] += model.fixedCostPerMonth[p];
      }
      continue;
    }
    lastCoordination.fill(0);
    for (let k = 0; k < K; k++) {
      for (let g = 0; g < GROUP_COUNT; g++) {
        const coord = r.coordination[k * GROUP_COUNT + g];
        const team = model.team[k * GROUP_COUNT + g];
        for (let b = 0; b < CNI_BANDS; b++) {
          const row = rowOffset(table, m, k, g, b);
          const slot = g * CNI_BANDS + b;
          for (let s = 0; s < SERVICE_COUNT; s++) {
            const x = d[row + s];
            if (x === 0) continue;
            if (s === S.sipMeeting || s === S.dischargePlanning) {
              for (const p of team) add(p, x * serviceCost(model, p, s, g), x, 0);
            } else {
              const p = model.serviceProvider[k * SERVICE_COUNT + s];
              if (p < 0) continue;
              add(p, x * deliveredCost(model, p, s, g, coord), x, 0);
            }
          }
          const people = d[row + OUTCOME + O.personMonths];
          // Effort costs rise more than in proportion (e²): the first routines are cheap, full coordination is not.
          for (const p of team) {
            const e = effort[p * GROUP_COUNT + g];
            add(p, people * e * e * model.coordinationCost[p * GROUP_COUNT + g], 0, 1);
          }
          function add(p: number, cost: number, units: number, kind: number): void {
            total[(m * P + p) * COST_SLOTS + slot] += cost;
            byKind[p * COST_KINDS.length + kind] += cost;
            activity[m * P + p] += units;
            if (kind === 1) lastCoordination[p] += cost;
          }
        }
      }
    }
    for (let p = 0; p < P; p++) {
      total[(m * P + p) * COST_SLOTS + COST_SLOTS - 1] += model.fixedCostPerMonth[p];
      byKind[p * COST_KINDS.length + 2] += model.fixedCostPerMonth[p];
    }
  }
  return { total, byKind, activity };
}

/**
 * Total cost of a provider over a range of months.
 * @example costOver(costs, P, 2, 0, 12)
 */
export function costOver(costs: ProviderCosts, providers: number, provider: number, from: number, to: number): number {
  let sum = 0;
  for (let m = from; m < to; m++) {
    const o = (m * providers + provider) * COST_SLOTS;
    for (let s = 0; s < COST_SLOTS; s++) sum += costs.total[o + s];
  }
  return sum;
}
