/**
 * The ACG-like case-mix weight per cell that weighted payments read as `acg`.
 *
 * A real grouper predicts a person's yearly cost from diagnoses, age and sex, and explains only
 * part of it: ACG explains 37.7 % of individual cost in Swedish primary care concurrently and 14.3 %
 * prospectively (Engström et al. 2006, docs/sources.md: engstrom-2006). The synthetic weight is such
 * a predictor with a stated R²: a person's score is their true expected cost m plus noise, and the
 * weight is the grouper's calibrated prediction E[m | score] = m̄ + β (m − m̄). Payments are linear
 * in the weight, so a cell's payment needs only the weight's mean over the cell, which is
 * m̄ + β (m_c − m̄): the grouper pays too little for the costliest cells and too much for the
 * cheapest, as a real one does. Its R² against realised cost is β · R²max, where R²max =
 * Var(m) / Var(cost) is the share of the cost variance a perfect predictor explains (the rest is
 * chance within a cell, Poisson events); β is set so β · R²max is the scenario's `riskWeightR2`.
 *
 * An imported population may carry its own score per person (an ACG weight, an HCC score, a
 * region's own): then a cell's weight is its people's mean score, as the payer's system pays it.
 */
import { SERVICES, SERVICE_COUNT, S } from '../domain.js';
import { UNIT_COSTS } from '../care/parameters.js';
import type { Population } from '../population/population.js';
import { CELL_COUNT, CELL_RATE_CLASS, RATE_CLASS_COUNT, cellParts } from '../population/cells.js';
import type { CompiledModel } from './model.js';
import { STOCHASTIC_SERVICES } from './model.js';

/**
 * Person-level R² of the synthetic weight against a year's realised cost when a scenario sets none:
 * between ACG's prospective 14.3 % and concurrent 37.7 % (Engström et al. 2006), nearer the
 * concurrent figure because capitation weights are set from the same year's diagnoses. ASSUMPTION
 * within the sourced range.
 */
export const DEFAULT_RISK_WEIGHT_R2 = 0.3;

/** The weight per cell and how it was made. */
export interface CaseMix {
  weights: Float64Array;
  source: 'synthetic' | 'imported';
  /** R² a perfect predictor of yearly cost reaches on this population (cell means, zero coordination). */
  perfectR2: number;
  /** R² of the weight against realised cost: the scenario's riskWeightR2, or perfectR2 if that is lower. */
  r2: number;
  /** β: how much of a cell's distance from the mean cost the weight keeps. */
  shrink: number;
}

/**
 * Yearly expected cost and its within-cell (Poisson) variance per rate class, at zero coordination
 * and list prices: what the synthetic grouper predicts from.
 * @example costMoments(model).mean[rateClass] // kr a year
 */
export function costMoments(model: CompiledModel): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(RATE_CLASS_COUNT);
  const variance = new Float64Array(RATE_CLASS_COUNT);
  const stochastic = new Set(STOCHASTIC_SERVICES);
  for (let rc = 0; rc < RATE_CLASS_COUNT; rc++) {
    const g = cellParts(CELL_RATE_CLASS.indexOf(rc)).group;
    for (let s = 0; s < SERVICE_COUNT; s++) {
      const price = UNIT_COSTS[SERVICES[s].id] ?? 0;
      const unit = s === S.admission || s === S.readmission ? price * model.lengthOfStay[g] : price;
      const perYear = 12 * model.baseRate[rc * SERVICE_COUNT + s];
      mean[rc] += perYear * unit;
      // A count of events drawn with this yearly mean has variance equal to the mean (Poisson).
      if (stochastic.has(s)) variance[rc] += perYear * unit * unit;
    }
  }
  return { mean, variance };
}

/**
 * The case-mix weights of a population: its own imported scores where it has them, otherwise the
 * synthetic grouper with person-level R² `r2` against realised cost (mean weight 1.00, as Västra
 * Götaland fixes the ACG mean; docs/sources.md: vgr-acg).
 * @example caseMix(model, population, 0.3).r2 // 0.3, or less if no predictor can reach it
 */
export function caseMix(model: CompiledModel, population: Population, r2 = DEFAULT_RISK_WEIGHT_R2): CaseMix {
  const { mean: perRateClass, variance } = costMoments(model);
  let people = 0;
  let total = 0;
  let squares = 0;
  let within = 0;
  for (let j = 0; j < population.counts.length; j++) {
    const n = population.counts[j];
    if (n === 0) continue;
    const rc = CELL_RATE_CLASS[j % CELL_COUNT];
    people += n;
    total += n * perRateClass[rc];
    squares += n * perRateClass[rc] * perRateClass[rc];
    within += n * variance[rc];
  }
  const m = people > 0 ? total / people : 0;
  const between = people > 0 ? squares / people - m * m : 0;
  const perfectR2 = between + within / Math.max(people, 1) > 0 ? between / (between + within / people) : 0;
  const achieved = Math.min(Math.max(r2, 0), perfectR2);
  const shrink = perfectR2 > 0 ? achieved / perfectR2 : 0;
  const weights = new Float64Array(CELL_COUNT);
  for (let c = 0; c < CELL_COUNT; c++) weights[c] = m > 0 ? 1 + shrink * (perRateClass[CELL_RATE_CLASS[c]] / m - 1) : 1;
  if (population.scoreSum === undefined || population.scored === undefined) return { weights, source: 'synthetic', perfectR2, r2: achieved, shrink };

  // Imported scores: a cell's weight is the mean score of its people, over every catchment.
  const sum = new Float64Array(CELL_COUNT);
  const scored = new Float64Array(CELL_COUNT);
  for (let j = 0; j < population.scoreSum.length; j++) {
    sum[j % CELL_COUNT] += population.scoreSum[j];
    scored[j % CELL_COUNT] += population.scored[j];
  }
  for (let c = 0; c < CELL_COUNT; c++) if (scored[c] > 0) weights[c] = sum[c] / scored[c];
  return { weights, source: 'imported', perfectR2, r2: NaN, shrink };
}

/**
 * Case-mix weight per cell (what `acg` is in a weight formula).
 * @example caseMixWeights(model, population, scenario.population.riskWeightR2)[cell]
 */
export function caseMixWeights(model: CompiledModel, population: Population, r2?: number): Float64Array {
  return caseMix(model, population, r2).weights;
}
