/**
 * From behaviour to expected monthly rates: the team product of coordination, its effects on
 * each service, and discretionary intensity. Both engines read the same RateTable, which is
 * why they agree in expectation.
 */
import { GROUP_COUNT, SERVICE_COUNT, S } from '../domain.js';
import { DISCRETIONARY } from '../care/parameters.js';
import { RATE_CLASS_COUNT, RATE_CLASSES_PER_GROUP, normalQuantile } from '../population/cells.js';
import type { CompiledModel } from './model.js';
import { STOCHASTIC_SERVICES } from './model.js';

/** Poisson draws are inverted from a table up to this many events; above POISSON_LIMIT a normal approximation is used. */
export const CDF_SIZE = 32;
export const POISSON_LIMIT = 10;

export interface RateTable {
  /** Team coordination C ∈ [0,1] per catchment × group. */
  coordination: Float64Array;
  /** Expected count per month, per catchment × rate class × service. */
  lambda: Float64Array;
  /** Readmission probability after an admission month, per catchment × group. */
  readmit: Float64Array;
  /**
   * Poisson CDF per catchment × rate class × stochastic service × CDF_SIZE (−1 marks the normal
   * approximation). Built on first use by the microsimulation; the expected-value engine never needs it.
   */
  cdf: Float64Array | null;
  /** P(no event) per catchment × rate class × stochastic service: the common case, kept compact for the cache. */
  none: Float64Array | null;
  /** Per catchment × rate class: how many stochastic services have a non-zero rate, then their indices. */
  active: Uint8Array | null;
}

const DISCRETIONARY_FLAG = new Uint8Array(SERVICE_COUNT);
for (const id of DISCRETIONARY) DISCRETIONARY_FLAG[S[id]] = 1;

/**
 * CES aggregate of efforts, the team product: ρ = 1 perfect substitutes, ρ → 0 Cobb–Douglas,
 * ρ = −∞ weakest link (a discharge is only coordinated if both sides do their part).
 * @example teamCoordination([0.2, 0.8], -Infinity) // 0.2
 */
export function teamCoordination(efforts: readonly number[], rho: number): number {
  const n = efforts.length;
  if (n === 0) return 0;
  if (rho === -Infinity) return Math.min(...efforts);
  if (Math.abs(rho) < 1e-9) {
    let logSum = 0;
    for (const e of efforts) {
      if (e <= 0) return 0;
      logSum += Math.log(e);
    }
    return Math.exp(logSum / n);
  }
  let sum = 0;
  for (const e of efforts) {
    if (e <= 0 && rho < 0) return 0;
    sum += Math.pow(e, rho);
  }
  return Math.pow(sum / n, 1 / rho);
}

/** A standard normal quantile per 1/4096 of the unit interval, for the normal approximation. */
export const NORMAL_TABLE = Float64Array.from({ length: 4096 }, (_, i) => normalQuantile((i + 0.5) / 4096));

/**
 * Rates for one behaviour (efforts and intensities per provider × group).
 * @example const rates = computeRates(model, model.behaviour.effort[0], model.behaviour.intensity[0])
 */
export function computeRates(model: CompiledModel, effort: Float64Array, intensity: Float64Array): RateTable {
  const K = model.catchments.length;
  const coordination = new Float64Array(K * GROUP_COUNT);
  const readmit = new Float64Array(K * GROUP_COUNT);
  for (let k = 0; k < K; k++) {
    for (let g = 0; g < GROUP_COUNT; g++) {
      const members = model.team[k * GROUP_COUNT + g];
      const c = teamCoordination(
        members.map((p) => effort[p * GROUP_COUNT + g]),
        model.substitution,
      );
      coordination[k * GROUP_COUNT + g] = c;
      readmit[k * GROUP_COUNT + g] = model.readmission[g] * (1 - model.effect[g * SERVICE_COUNT + S.readmission] * c);
    }
  }

  const lambda = new Float64Array(K * RATE_CLASS_COUNT * SERVICE_COUNT);
  for (let k = 0; k < K; k++) {
    for (let rc = 0; rc < RATE_CLASS_COUNT; rc++) {
      const g = Math.floor(rc / RATE_CLASSES_PER_GROUP);
      const c = coordination[k * GROUP_COUNT + g];
      const base = (k * RATE_CLASS_COUNT + rc) * SERVICE_COUNT;
      for (let s = 0; s < SERVICE_COUNT; s++) {
        const p = model.serviceProvider[k * SERVICE_COUNT + s];
        let rate = model.baseRate[rc * SERVICE_COUNT + s];
        if (p < 0 || rate === 0) {
          lambda[base + s] = 0;
          continue;
        }
        if (s === S.sipMeeting) rate *= c;
        else if (s === S.mobileTeamVisit || s === S.careCoachContact) rate *= effort[p * GROUP_COUNT + g];
        else if (s !== S.dischargePlanning) rate *= 1 - model.effect[g * SERVICE_COUNT + s] * c;
        if (DISCRETIONARY_FLAG[s]) rate *= intensity[p * GROUP_COUNT + g];
        lambda[base + s] = rate;
      }
    }
  }

  return { coordination, lambda, readmit, cdf: null, none: null, active: null };
}

/**
 * Build the Poisson inversion tables of a rate table (once; the microsimulation calls this).
 * @example ensureDrawTables(rates).cdf
 */
export function ensureDrawTables(rates: RateTable): { cdf: Float64Array; none: Float64Array; active: Uint8Array } {
  if (rates.cdf && rates.none && rates.active) return { cdf: rates.cdf, none: rates.none, active: rates.active };
  const lambda = rates.lambda;
  const rows = lambda.length / SERVICE_COUNT;
  const J = STOCHASTIC_SERVICES.length;
  const cdf = new Float64Array(rows * J * CDF_SIZE);
  const active = new Uint8Array(rows * (J + 1));
  const none = new Float64Array(rows * J);
  for (let row = 0; row < rows; row++) {
    for (let j = 0; j < J; j++) {
      const l = lambda[row * SERVICE_COUNT + STOCHASTIC_SERVICES[j]];
      const o = (row * J + j) * CDF_SIZE;
      if (l > POISSON_LIMIT) {
        cdf[o] = -1;
        continue;
      }
      let p = Math.exp(-l);
      let sum = p;
      for (let n = 0; n < CDF_SIZE - 1; n++) {
        cdf[o + n] = sum;
        p *= l / (n + 1);
        sum += p;
      }
      cdf[o + CDF_SIZE - 1] = 2; // beyond the table: stop (probability < 1e-9 at λ ≤ POISSON_LIMIT)
    }
    for (let j = 0; j < J; j++) none[row * J + j] = cdf[(row * J + j) * CDF_SIZE];
  }
  for (let row = 0; row < rows; row++) {
    let n = 0;
    for (let j = 0; j < J; j++) if (lambda[row * SERVICE_COUNT + STOCHASTIC_SERVICES[j]] > 0) active[row * (J + 1) + 1 + n++] = j;
    active[row * (J + 1)] = n;
  }
  rates.cdf = cdf;
  rates.none = none;
  rates.active = active;
  return { cdf, none, active };
}

