/**
 * The activity table: what happened (or is expected to happen), per
 * month × catchment × need group × CNI band × column. Both engines fill it; payments, costs and
 * outcomes are computed from it by the same code, so the engines differ only in how they count.
 */
import { CNI_BANDS, DAYS_PER_MONTH, GROUP_COUNT, GROUP_IDS, O, OUTCOME_COUNT, SERVICE_COUNT, S } from '../domain.js';
import { CARE_PLAN_SHARE, EXPERIENCED_COORDINATION, QALY_GAIN_ADL_INDEPENDENT, QALY_LOSS_PER_BED_DAY, QALY_LOSS_PER_ED_VISIT, UTILITY } from '../care/parameters.js';
import { CELL_CNI, CELL_COUNT, CELL_GROUP, CELL_RATE_CLASS, RATE_CLASS_COUNT } from '../population/cells.js';
import type { Population } from '../population/population.js';
import type { ExtraColumn } from './extras.js';
import type { CompiledModel } from './model.js';
import type { RateTable } from './rates.js';

/** Column offsets: service counts, the part of them inside an episode window, outcomes, then extras. */
export const IN_EPISODE = SERVICE_COUNT;
export const OUTCOME = 2 * SERVICE_COUNT;
export const EXTRA = 2 * SERVICE_COUNT + OUTCOME_COUNT;

/** Days of a short-term-care stay (ASSUMPTION, matching the unit cost of a stay). */
export const SHORT_TERM_DAYS = 14;

export interface ActivityTable {
  months: number;
  catchments: number;
  /** Columns per row: EXTRA + extra columns (weighted counts, stop-loss excess). */
  cols: number;
  data: Float64Array;
  /**
   * 1 where month m's rows equal month m − 1's exactly (the expected-value engine in a steady
   * state); later stages then copy instead of recomputing. Absent for simulated tables.
   */
  repeats?: Uint8Array;
}

/** Doubles per month of a table. */
export function monthSize(t: ActivityTable): number {
  return t.catchments * GROUP_COUNT * CNI_BANDS * t.cols;
}

/**
 * An empty activity table.
 * @example const t = createActivityTable(60, 4, 0)
 */
export function createActivityTable(months: number, catchments: number, extraColumns: number): ActivityTable {
  const cols = EXTRA + extraColumns;
  return { months, catchments, cols, data: new Float64Array(months * catchments * GROUP_COUNT * CNI_BANDS * cols) };
}

/**
 * Offset of a row.
 * @example rowOffset(t, 0, 0, 0, 0) // 0
 */
export function rowOffset(t: ActivityTable, month: number, catchment: number, group: number, cni: number): number {
  return (((month * t.catchments + catchment) * GROUP_COUNT + group) * CNI_BANDS + cni) * t.cols;
}

/** Non-empty (catchment, cell) pairs with their counts: the expected-value engine loops over these, not people. */
export interface CellList {
  catchment: Uint16Array;
  cell: Uint16Array;
  count: Float64Array;
  /**
   * Set when cells that share catchment, rate class and CNI band are merged (they share every
   * rate): the count-weighted survival per month, and per weighted extra column the mean weight.
   */
  survive?: Float64Array;
  weights?: Float64Array[];
}

/**
 * Merge cells that differ only in age band and sex: the expected-value engine then loops over
 * about a third as many entries. Deaths, readmissions and weighted counts stay exact (they are
 * linear in survival and weight); episode starts, which are not, change by far less than the
 * Monte Carlo error.
 * @example mergeCells(nonEmptyCells(pop), model.deathProbability, [weight])
 */
export function mergeCells(cells: CellList, deathProbability: Float64Array, extraWeights: (Float64Array | null)[]): CellList {
  const index = new Map<number, number>();
  const catchment: number[] = [];
  const cell: number[] = [];
  const count: number[] = [];
  const survive: number[] = [];
  const weights: number[][] = extraWeights.map(() => []);
  for (let i = 0; i < cells.count.length; i++) {
    const c = cells.cell[i];
    const n = cells.count[i];
    const key = (cells.catchment[i] * RATE_CLASS_COUNT + CELL_RATE_CLASS[c]) * CNI_BANDS + CELL_CNI[c];
    let j = index.get(key);
    if (j === undefined) {
      j = count.length;
      index.set(key, j);
      catchment.push(cells.catchment[i]);
      cell.push(c);
      count.push(0);
      survive.push(0);
      weights.forEach((w) => w.push(0));
    }
    count[j] += n;
    survive[j] += n * (1 - deathProbability[c]);
    extraWeights.forEach((w, x) => (weights[x][j] += n * (w ? w[c] : 1)));
  }
  return {
    catchment: Uint16Array.from(catchment),
    cell: Uint16Array.from(cell),
    count: Float64Array.from(count),
    survive: Float64Array.from(survive, (v, j) => v / count[j]),
    weights: weights.map((w) => Float64Array.from(w, (v, j) => v / count[j])),
  };
}

/**
 * The non-empty cells of a population.
 * @example nonEmptyCells(pop).count.reduce((a, b) => a + b) === pop.size
 */
export function nonEmptyCells(population: Population): CellList {
  const idx: number[] = [];
  for (let j = 0; j < population.counts.length; j++) if (population.counts[j] > 0) idx.push(j);
  const out: CellList = { catchment: new Uint16Array(idx.length), cell: new Uint16Array(idx.length), count: new Float64Array(idx.length) };
  idx.forEach((j, i) => {
    out.cell[i] = j % CELL_COUNT;
    out.catchment[i] = (j - out.cell[i]) / CELL_COUNT;
    out.count[i] = population.counts[j];
  });
  return out;
}

const PLAN_SHARE = Float64Array.from(GROUP_IDS, (g) => CARE_PLAN_SHARE[g]);

/** A column of weighted person-months (extras of kind 'people'): its offset in a row and the weight per cell. */
export interface PeopleColumn {
  column: number;
  weight: Float64Array;
}

/**
 * Add the flows that follow deterministically from who is alive at the start of the month and the
 * rates: person-months (and weighted person-months), home-care hours, nursing-home days, care
 * plans in force, experienced coordination. A stationary population gives both engines the same
 * cells every month; a changing one gives each engine its own month's people.
 * @example addDeterministic(table, nonEmptyCells(population), 0, rates)
 */
export function addDeterministic(t: ActivityTable, cells: CellList, month: number, rates: RateTable, people: readonly PeopleColumn[] = []): void {
  const planShare = PLAN_SHARE;
  const { floor, gain } = EXPERIENCED_COORDINATION;
  // Module constants copied to locals: a changing population calls this every month over many cells.
  const cellGroup = CELL_GROUP;
  const cellCni = CELL_CNI;
  const cellRate = CELL_RATE_CLASS;
  const RC = RATE_CLASS_COUNT;
  const SC = SERVICE_COUNT;
  const G = GROUP_COUNT;
  const B = CNI_BANDS;
  const homeCare = S.homeCareHour;
  const nursingHome = S.nursingHomeDay;
  const personMonths = OUTCOME + O.personMonths;
  const carePlans = OUTCOME + O.carePlans;
  const experienced = OUTCOME + O.coordinationExperienced;
  const { lambda, coordination } = rates;
  const d = t.data;
  for (let i = 0; i < cells.count.length; i++) {
    const n = cells.count[i];
    if (n === 0) continue;
    const k = cells.catchment[i];
    const c = cells.cell[i];
    const g = cellGroup[c];
    const row = (((month * t.catchments + k) * G + g) * B + cellCni[c]) * t.cols;
    const l = (k * RC + cellRate[c]) * SC;
    const coord = coordination[k * G + g];
    d[row + personMonths] += n;
    d[row + homeCare] += n * lambda[l + homeCare];
    d[row + nursingHome] += n * lambda[l + nursingHome];
    d[row + carePlans] += n * coord * planShare[g];
    d[row + experienced] += n * (floor + gain * coord);
    for (let w = 0; w < people.length; w++) d[row + people[w].column] += n * people[w].weight[c];
  }
}

/**
 * The weighted person-month columns of a design's extras.
 * @example peopleColumns(plan.extras)
 */
export function peopleColumns(extras: readonly ExtraColumn[]): PeopleColumn[] {
  return extras.flatMap((x, i) => (x.kind === 'people' ? [{ column: EXTRA + i, weight: x.weight }] : []));
}

/**
 * Fill the columns that are functions of other columns of the same row: discharge planning,
 * bed-days, DRG points, avoidable admissions, days at home, QALYs.
 */
export function deriveColumns(t: ActivityTable, model: CompiledModel, month: number, rates: RateTable): void {
  const d = t.data;
  for (let k = 0; k < t.catchments; k++) {
    for (let g = 0; g < GROUP_COUNT; g++) {
      const coord = rates.coordination[k * GROUP_COUNT + g];
      const hasHospital = model.serviceProvider[k * SERVICE_COUNT + S.dischargePlanning] >= 0;
      for (let b = 0; b < CNI_BANDS; b++) {
        deriveRow(d, rowOffset(t, month, k, g, b), model, g, coord, hasHospital);
      }
    }
  }
}

/** One row's derived columns, given the row's team coordination and whether a hospital serves it. */
export function deriveRow(d: Float64Array, row: number, model: CompiledModel, g: number, coord: number, hasHospital: boolean): void {
  const stays = d[row + S.admission] + d[row + S.readmission];
  const staysInEpisode = d[row + IN_EPISODE + S.admission] + d[row + IN_EPISODE + S.readmission];
  if (hasHospital) {
    d[row + S.dischargePlanning] = stays * coord;
    d[row + IN_EPISODE + S.dischargePlanning] = staysInEpisode * coord;
  }
  const bedDays = stays * model.lengthOfStay[g];
  d[row + OUTCOME + O.bedDays] = bedDays;
  d[row + OUTCOME + O.drgPoints] = stays * model.drgWeight[g];
  d[row + OUTCOME + O.avoidableAdmissions] = d[row + S.admission] * model.avoidableShare[g];
  const people = d[row + OUTCOME + O.personMonths];
  d[row + OUTCOME + O.daysAtHome] =
    people * DAYS_PER_MONTH - bedDays - d[row + S.nursingHomeDay] - d[row + S.shortTermStay] * SHORT_TERM_DAYS;
  d[row + OUTCOME + O.qaly] =
    (people * UTILITY[GROUP_IDS[g]]) / 12 -
    bedDays * QALY_LOSS_PER_BED_DAY -
    d[row + S.edVisit] * QALY_LOSS_PER_ED_VISIT +
    d[row + OUTCOME + O.adlIndependent] * QALY_GAIN_ADL_INDEPENDENT;
}
