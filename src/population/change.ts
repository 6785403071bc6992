/**
 * Population change over a multi-year run: people age from one age band to the next (a healthy
 * person may develop needs on the way), die (the model's mortality), move away, move from home into
 * a nursing home as places free up, and new people are listed (births or people turning into the
 * population's youngest age, and people moving in).
 *
 * Both engines read the same compiled rates: the microsimulation draws them person by person, the
 * expected-value engine moves expected counts between cells. Without `population.change` in the
 * scenario the population is stationary: a death is replaced by a newcomer of the same cell.
 */
import { CNI_BANDS, GROUP_COUNT } from '../domain.js';
import type { PopulationChangeSpec, PopulationSpec } from '../scenario/types.js';
import { AGE_BANDS, AGE_BAND_COUNT, CELL_AGE_BAND, CELL_CNI, CELL_COUNT, CELL_GROUP, FRAILTY_CLASSES, cellIndex, cellParts } from './cells.js';
import type { Population } from './population.js';

/** Index of the healthy need group (the last): the only one people leave on developing needs. */
export const HEALTHY = GROUP_COUNT - 1;

/**
 * Sweden 2020 (SCB, Befolkningsstatistik helåret 2020; docs/sources.md: scb-population-2020), per
 * person-year of the mean population 10.35 million: 113,077 born (1.09 %), 82,518 moved in
 * (0.80 %), 48,284 moved out (0.47 %).
 */
export const SWEDEN_2020 = { births: 0.0109, inMigration: 0.008, outMigration: 0.0047 } as const;

/**
 * People turning 65 a year per person 65+: the 578,500 aged 65–69 over their 5 years of age, on the
 * 1,784,800 aged 65+ (SCB T.9a, 31 Dec 2011; docs/sources.md: scb-2011): 6.48 %.
 */
export const TURNING_65_2011 = 578.5 / 5 / 1784.8;

/** The largest yearly rate accepted for any flow, and why (a validator message quotes it). */
export const MAX_CHANGE_RATE = 0.25;

/** Yearly rates of a population's change, as used (defaults filled in). */
export interface ChangeRates {
  ageing: boolean;
  /** New people a year per person, entering the youngest age band present (births, or turning 65). */
  entry: number;
  inMigration: number;
  outMigration: number;
  /** Where `entry`'s default came from: 'births', 'turning-65', 'band-width' or 'scenario'. */
  entrySource: 'births' | 'turning-65' | 'band-width' | 'scenario';
}

/** A population's change compiled for the engines: everything per month. */
export interface PopulationChange {
  rates: ChangeRates;
  /** Monthly probability of moving up from each age band (0 for the last band or without ageing). */
  ageUp: Float64Array;
  /**
   * For a healthy person moving up from age band b in CNI band q, the probability of entering need
   * group g (g < HEALTHY): [(b × CNI_BANDS + q) × GROUP_COUNT + g].
   */
  onset: Float64Array;
  /** Monthly probability of moving away. */
  leave: number;
  /** Per cell at home, the monthly probability of moving into a nursing home (0 for residents). */
  toNursingHome: Float64Array;
  /** New people per person-month (stochastically rounded in the microsimulation). */
  entry: number;
  /** Where new people go: catchment × CELL_COUNT + cell, with cumulative shares (last = 1). */
  entrantSlot: Int32Array;
  entrantCumulative: Float64Array;
  /** People per catchment × cell at the start (the population's counts): where the expected-value engine starts. */
  start: Float64Array;
}

/** Years an age band spans (the last band has no upper bound that matters: nobody ages out of it). */
function bandYears(b: number): number {
  return AGE_BANDS[b].to - AGE_BANDS[b].from + 1;
}

/** The youngest age band with anyone in it. */
function youngestBand(population: Population): number {
  let youngest = AGE_BAND_COUNT - 1;
  for (let j = 0; j < population.counts.length; j++) {
    if (population.counts[j] > 0) youngest = Math.min(youngest, CELL_AGE_BAND[j % CELL_COUNT]);
  }
  return youngest;
}

/**
 * The yearly rates of a population's change, defaults filled in from the sources.
 * @example changeRates({}, spec, population).entry // 0.0109 for an all-ages population
 */
export function changeRates(change: PopulationChangeSpec, spec: PopulationSpec, population: Population): ChangeRates {
  const youngest = youngestBand(population);
  const allAges = youngest === 0;
  let entry: number;
  let entrySource: ChangeRates['entrySource'];
  if (change.entry !== undefined) [entry, entrySource] = [change.entry, 'scenario'];
  else if (allAges) [entry, entrySource] = [SWEDEN_2020.births, 'births'];
  else if (spec.ages === 'elderly-65plus') [entry, entrySource] = [TURNING_65_2011, 'turning-65'];
  else {
    // ASSUMPTION: the yearly cohorts of the youngest band are about equal, so a year brings in its
    // people over its width in years.
    let inBand = 0;
    let total = 0;
    for (let j = 0; j < population.counts.length; j++) {
      total += population.counts[j];
      if (CELL_AGE_BAND[j % CELL_COUNT] === youngest) inBand += population.counts[j];
    }
    [entry, entrySource] = [total > 0 ? inBand / total / bandYears(youngest) : 0, 'band-width'];
  }
  // Migration is Sweden's all-ages rate; a population without children (an elderly or working-age
  // target group) moves far less (ASSUMPTION: no age-specific migration rates in the sources), so none by default.
  return {
    ageing: change.ageing ?? true,
    entry,
    inMigration: change.inMigration ?? (allAges ? SWEDEN_2020.inMigration : 0),
    outMigration: change.outMigration ?? (allAges ? SWEDEN_2020.outMigration : 0),
    entrySource,
  };
}

/**
 * Need-group onset on ageing, from the population's own mix: a healthy person moving from band b
 * to b + 1 enters group g with probability max(0, share(b + 1, g) − share(b, g)) / share(b, healthy),
 * per CNI band — what keeps the mix by age the population started with (ASSUMPTION: needs, once
 * developed, last; GROUP_MIX_BY_AGE in population.ts for the synthetic mix).
 */
function onsetTable(population: Population): Float64Array {
  const byBand = new Float64Array(AGE_BAND_COUNT * CNI_BANDS * GROUP_COUNT);
  for (let j = 0; j < population.counts.length; j++) {
    const n = population.counts[j];
    if (n === 0) continue;
    const c = j % CELL_COUNT;
    byBand[(CELL_AGE_BAND[c] * CNI_BANDS + CELL_CNI[c]) * GROUP_COUNT + CELL_GROUP[c]] += n;
  }
  const onset = new Float64Array(AGE_BAND_COUNT * CNI_BANDS * GROUP_COUNT);
  for (let b = 0; b + 1 < AGE_BAND_COUNT; b++) {
    for (let q = 0; q < CNI_BANDS; q++) {
      const here = byBand.subarray((b * CNI_BANDS + q) * GROUP_COUNT, (b * CNI_BANDS + q + 1) * GROUP_COUNT);
      const next = byBand.subarray(((b + 1) * CNI_BANDS + q) * GROUP_COUNT, ((b + 1) * CNI_BANDS + q + 1) * GROUP_COUNT);
      const nHere = here.reduce((a, x) => a + x, 0);
      const nNext = next.reduce((a, x) => a + x, 0);
      if (nHere === 0 || nNext === 0 || here[HEALTHY] === 0) continue;
      let sum = 0;
      const out = onset.subarray((b * CNI_BANDS + q) * GROUP_COUNT);
      for (let g = 0; g < HEALTHY; g++) sum += out[g] = Math.max(0, next[g] / nNext - here[g] / nHere) / (here[HEALTHY] / nHere);
      if (sum > 1) for (let g = 0; g < HEALTHY; g++) out[g] /= sum;
    }
  }
  return onset;
}

/**
 * Compile a scenario's population change, or null for a stationary population.
 * @example compileChange(scenario.population, population)?.leave
 */
export function compileChange(spec: PopulationSpec, population: Population, deathProbability: Float64Array): PopulationChange | null {
  if (spec.change === undefined) return null;
  const rates = changeRates(spec.change, spec, population);
  const ageUp = new Float64Array(AGE_BAND_COUNT);
  if (rates.ageing) for (let b = 0; b + 1 < AGE_BAND_COUNT; b++) ageUp[b] = 1 / (12 * bandYears(b)); // ASSUMPTION: ages spread evenly within a band
  // Entrants: those entering the youngest band have its people's mix (catchment, need, CNI…);
  // people moving in have the whole population's mix (ASSUMPTION: no migrant mix in the sources).
  const youngest = youngestBand(population);
  let inBand = 0;
  let total = 0;
  for (let j = 0; j < population.counts.length; j++) {
    total += population.counts[j];
    if (CELL_AGE_BAND[j % CELL_COUNT] === youngest) inBand += population.counts[j];
  }
  const flow = rates.entry + rates.inMigration;
  const slots: number[] = [];
  const shares: number[] = [];
  for (let j = 0; j < population.counts.length; j++) {
    const n = population.counts[j];
    if (n === 0 || flow === 0) continue;
    const young = CELL_AGE_BAND[j % CELL_COUNT] === youngest ? (rates.entry * n) / inBand : 0;
    const moved = (rates.inMigration * n) / total;
    slots.push(j);
    shares.push((young + moved) / flow);
  }
  let run = 0;
  const cumulative = Float64Array.from(shares, (s) => (run += s));
  if (cumulative.length > 0) cumulative[cumulative.length - 1] = 1;
  return {
    rates,
    ageUp,
    onset: onsetTable(population),
    leave: 1 - Math.pow(1 - rates.outMigration, 1 / 12),
    toNursingHome: nursingHomeMoves(population, deathProbability, 1 - Math.pow(1 - rates.outMigration, 1 / 12)),
    entry: flow / 12,
    entrantSlot: Int32Array.from(slots),
    entrantCumulative: cumulative,
    start: population.counts,
  };
}

/**
 * Moves into nursing homes: residents who die or move away free their places, and people at home
 * of the same need group and age band move in, so that the population keeps its starting share of
 * residents — in a stationary population a dead resident's place went to a newcomer of the same
 * cell. The rate is fixed from the start: per need group and age band, the residents leaving a
 * month over the people at home, spread over frailty as the synthetic population places people
 * (× 0.25 … 1.75 from the least to the most frail, population.ts; ASSUMPTION: places follow need).
 */
function nursingHomeMoves(population: Population, deathProbability: Float64Array, leave: number): Float64Array {
  const frailtyWeight = (f: number) => 0.25 + (1.5 * f) / (FRAILTY_CLASSES - 1);
  const strata = GROUP_COUNT * AGE_BAND_COUNT;
  const freed = new Float64Array(strata);
  const atHome = new Float64Array(strata);
  for (let j = 0; j < population.counts.length; j++) {
    const n = population.counts[j];
    if (n === 0) continue;
    const p = cellParts(j % CELL_COUNT);
    const s = p.group * AGE_BAND_COUNT + p.ageBand;
    if (p.residence === 1) freed[s] += n * (1 - (1 - deathProbability[j % CELL_COUNT]) * (1 - leave));
    else atHome[s] += n * frailtyWeight(p.frailty);
  }
  const out = new Float64Array(CELL_COUNT);
  for (let c = 0; c < CELL_COUNT; c++) {
    const p = cellParts(c);
    const s = p.group * AGE_BAND_COUNT + p.ageBand;
    if (p.residence === 0 && atHome[s] > 0) out[c] = Math.min(1, (freed[s] * frailtyWeight(p.frailty)) / atHome[s]);
  }
  return out;
}

/**
 * The nursing-home resident's cell of a person of cell c (c itself for a resident).
 * @example residentCell(cellIndex({ group: 0, frailty: 15, residence: 0, ageBand: 6, sex: 0, cni: 2 }))
 */
export function residentCell(c: number): number {
  return cellIndex({ ...cellParts(c), residence: 1 });
}

/**
 * The cell a person of cell c moves to on ageing, entering group g (g = the cell's own group when
 * no need develops); −1 from the last band.
 * @example agedCell(cellIndex({ group: 4, frailty: 0, residence: 0, ageBand: 3, sex: 0, cni: 2 }), 0)
 */
export function agedCell(c: number, g: number): number {
  const p = cellParts(c);
  if (p.ageBand + 1 >= AGE_BAND_COUNT) return -1;
  return cellIndex({ ...p, group: g, ageBand: p.ageBand + 1 });
}

/** Where the people moving up from a cell go: target cells with the share of the movers each gets. */
export interface AgeingTargets {
  cells: number[];
  shares: number[];
}

/**
 * Where a person of cell c who survives the month and stays is next month, with probabilities:
 * first a move into a nursing home (from home), then ageing from the cell they are then in.
 * @example monthTransitions(change, c).shares.reduce((a, b) => a + b) // 1
 */
export function monthTransitions(change: PopulationChange, c: number): AgeingTargets {
  const cells: number[] = [];
  const shares: number[] = [];
  const add = (cell: number, share: number) => {
    if (share <= 0) return;
    const at = cells.indexOf(cell);
    if (at >= 0) shares[at] += share;
    else {
      cells.push(cell);
      shares.push(share);
    }
  };
  const h = change.toNursingHome[c];
  const from = h > 0 ? [[c, 1 - h], [residentCell(c), h]] : [[c, 1]];
  for (const [cell, p] of from) {
    const up = change.ageUp[CELL_AGE_BAND[cell]];
    add(cell, p * (1 - up));
    if (up === 0) continue;
    const t = ageingTargets(change, cell);
    t.cells.forEach((target, x) => add(target, p * up * t.shares[x]));
  }
  return { cells, shares };
}

/**
 * The targets of ageing from cell c (empty from the last band).
 * @example ageingTargets(change, c).shares.reduce((a, b) => a + b) // 1
 */
export function ageingTargets(change: PopulationChange, c: number): AgeingTargets {
  const b = CELL_AGE_BAND[c];
  if (b + 1 >= AGE_BAND_COUNT) return { cells: [], shares: [] };
  const g = CELL_GROUP[c];
  if (g !== HEALTHY) return { cells: [agedCell(c, g)], shares: [1] };
  const row = (b * CNI_BANDS + CELL_CNI[c]) * GROUP_COUNT;
  const cells: number[] = [];
  const shares: number[] = [];
  let rest = 1;
  for (let t = 0; t < HEALTHY; t++) {
    const p = change.onset[row + t];
    if (p <= 0) continue;
    cells.push(agedCell(c, t));
    shares.push(p);
    rest -= p;
  }
  cells.push(agedCell(c, HEALTHY));
  shares.push(Math.max(0, rest));
  return { cells, shares };
}
