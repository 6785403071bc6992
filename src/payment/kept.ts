/**
 * What `prepare` computes from the population and arrays that seldom change, kept from one
 * preparation to the next: a PSA prepares the same design once per draw, a sweep once per point,
 * with a new model each time (new arrays, mostly the same numbers), so the case mix and the merged
 * cells (a pass over every catchment × cell each) are recomputed only when what they are computed
 * from changed. Kept per population (dropped with it); the arrays are shared and never written.
 */
import type { CellList } from '../engine/activity.js';
import { mergeCells, nonEmptyCells } from '../engine/activity.js';
import { caseMixWeights } from '../engine/case-mix.js';
import type { CompiledModel } from '../engine/model.js';
import type { Population } from '../population/population.js';

interface Kept {
  caseMix?: { r2: number | undefined; baseRate: Float64Array; lengthOfStay: Float64Array; weights: Float64Array };
  cells?: { deathProbability: Float64Array; extraWeights: (Float64Array | null)[]; cells: CellList };
}

const kept = new WeakMap<Population, Kept>();

function keptFor(population: Population): Kept {
  let k = kept.get(population);
  if (!k) kept.set(population, (k = {}));
  return k;
}

function same(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * caseMixWeights(model, population, r2), recomputed only when the population, r2 or the model's
 * base rates or lengths of stay (all it reads of the model) changed.
 * @example const caseMix = keptCaseMix(model, population, scenario.population.riskWeightR2)
 */
export function keptCaseMix(model: CompiledModel, population: Population, r2: number | undefined): Float64Array {
  const k = keptFor(population);
  const c = k.caseMix;
  if (c && c.r2 === r2 && same(c.baseRate, model.baseRate) && same(c.lengthOfStay, model.lengthOfStay)) return c.weights;
  const weights = caseMixWeights(model, population, r2);
  k.caseMix = { r2, baseRate: Float64Array.from(model.baseRate), lengthOfStay: Float64Array.from(model.lengthOfStay), weights };
  return weights;
}

/**
 * mergeCells(nonEmptyCells(population), deathProbability, extraWeights), recomputed only when the
 * population, the death probabilities or a weight (by identity: the plan keeps its weights) changed.
 * @example const cells = keptCells(population, model.deathProbability, [null])
 */
export function keptCells(population: Population, deathProbability: Float64Array, extraWeights: (Float64Array | null)[]): CellList {
  const k = keptFor(population);
  const c = k.cells;
  if (c && c.extraWeights.length === extraWeights.length && c.extraWeights.every((w, i) => w === extraWeights[i]) && same(c.deathProbability, deathProbability)) return c.cells;
  const cells = mergeCells(nonEmptyCells(population), deathProbability, extraWeights);
  k.cells = { deathProbability: Float64Array.from(deathProbability), extraWeights, cells };
  return cells;
}
