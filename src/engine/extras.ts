/**
 * Extra columns of the activity table that a payment design asks the engines to count:
 * weighted service counts (a fee weighted per person) and stop-loss excess (a person's yearly
 * cost at a provider above a threshold).
 */
import { GROUP_COUNT, SERVICE_COUNT, S } from '../domain.js';
import { HOME_HEALTH_WASTE } from '../care/parameters.js';
import { CELL_COUNT, RATE_CLASS_COUNT } from '../population/cells.js';
import type { CompiledModel } from './model.js';
import { serviceCost } from './model.js';
import type { RateTable } from './rates.js';

export interface WeightedCount {
  kind: 'weighted';
  services: number[];
  /** Weight per cell. */
  weight: Float64Array;
}

export interface ExcessCost {
  kind: 'excess';
  /** 1 for each provider whose costs count (the payee, or the members of a pool; all for the whole system). */
  providers: Uint8Array;
  /** kr per person-year. */
  threshold: number;
}

/**
 * Weighted people per month (a weighted capitation's person-months) when the population changes:
 * the weights of who is alive each month, not of the people at the start.
 */
export interface WeightedPeople {
  kind: 'people';
  /** Weight per cell. */
  weight: Float64Array;
}

export type ExtraColumn = WeightedCount | ExcessCost | WeightedPeople;

/** Cost multiplier of a home-health visit at team coordination C: time lost to coordination failures (Löpare Johansson). */
export function homeHealthCostFactor(coordination: number): number {
  return 1 + (HOME_HEALTH_WASTE / (1 - HOME_HEALTH_WASTE)) * (1 - coordination);
}

/**
 * Cost to provider p of one unit of service s it delivers to a person in group g, when the team's
 * coordination is `coordination` (home-health visits cost more when coordination fails).
 * @example deliveredCost(model, 3, S.homeHealthVisit, 0, 0.2)
 */
export function deliveredCost(model: CompiledModel, p: number, s: number, g: number, coordination: number): number {
  const cost = serviceCost(model, p, s, g);
  return s === S.homeHealthVisit ? cost * homeHealthCostFactor(coordination) : cost;
}

/** Per-regime cost tables for one person-cost tracker. */
export interface TrackerCosts {
  /** kr per event, per catchment × group × service (0 for providers not tracked). */
  perEvent: Float64Array;
  /** kr per person-month of deterministic care (home care, nursing home), per catchment × rate class. */
  perMonth: Float64Array;
}

/**
 * The cost a tracked set of providers bears per event and per month, given the rates of a regime.
 * Joint activities cost every tracked team member; coordination effort is not person-level cost.
 */
export function trackerCosts(model: CompiledModel, providers: Uint8Array, rates: RateTable): TrackerCosts {
  const K = model.catchments.length;
  const perEvent = new Float64Array(K * GROUP_COUNT * SERVICE_COUNT);
  const perMonth = new Float64Array(K * RATE_CLASS_COUNT);
  for (let k = 0; k < K; k++) {
    for (let g = 0; g < GROUP_COUNT; g++) {
      const coord = rates.coordination[k * GROUP_COUNT + g];
      for (let s = 0; s < SERVICE_COUNT; s++) {
        let cost = 0;
        if (s === S.sipMeeting || s === S.dischargePlanning) {
          for (const p of model.team[k * GROUP_COUNT + g]) if (providers[p]) cost += serviceCost(model, p, s, g);
        } else {
          const p = model.serviceProvider[k * SERVICE_COUNT + s];
          if (p >= 0 && providers[p]) cost = deliveredCost(model, p, s, g, coord);
        }
        perEvent[(k * GROUP_COUNT + g) * SERVICE_COUNT + s] = cost;
      }
    }
    for (let rc = 0; rc < RATE_CLASS_COUNT; rc++) {
      const l = (k * RATE_CLASS_COUNT + rc) * SERVICE_COUNT;
      let cost = 0;
      for (const s of [S.homeCareHour, S.nursingHomeDay]) {
        const p = model.serviceProvider[k * SERVICE_COUNT + s];
        if (p >= 0 && providers[p]) cost += rates.lambda[l + s] * model.unitCost[p * SERVICE_COUNT + s];
      }
      perMonth[k * RATE_CLASS_COUNT + rc] = cost;
    }
  }
  return { perEvent, perMonth };
}

/** A weight array of ones, for unweighted counts. */
export const UNIT_WEIGHT = new Float64Array(CELL_COUNT).fill(1);
