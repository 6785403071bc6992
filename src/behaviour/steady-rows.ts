/**
 * One need group's rows of the activity table in a steady year, computed alone. Decisions for a
 * group move only that group's rates, and so only that group's rows: a solver that changes one
 * decision recomputes a fifth of the table instead of all of it.
 *
 * The arithmetic is the expected-value engine's for month 0 (rates.ts `computeRates`, expected.ts
 * `expectedMonth`, activity.ts `addDeterministic` and `deriveColumns`), in the same order, so the
 * rows equal the engine's; test/behaviour-steady.test.ts checks that they do.
 */
import { CNI_BANDS, GROUP_COUNT, GROUP_IDS, O, SERVICE_COUNT, S } from '../domain.js';
import { CARE_PLAN_SHARE, DISCRETIONARY, EXPERIENCED_COORDINATION, STROKE_OUTCOMES } from '../care/parameters.js';
import { EXTRA, IN_EPISODE, OUTCOME, deriveRow } from '../engine/activity.js';
import type { CellList } from '../engine/activity.js';
import { stationaryStart } from '../engine/expected.js';
import type { CompiledModel } from '../engine/model.js';
import { STOCHASTIC_SERVICES } from '../engine/model.js';
import { teamCoordination } from '../engine/rates.js';
import { CELL_CNI, CELL_GROUP, CELL_RATE_CLASS, FRAILTY_CLASSES, RESIDENCES } from '../population/cells.js';
import type { PaymentPlan } from '../payment/plan.js';

/** Rate classes per need group: they are numbered group by group. */
export const CLASSES_PER_GROUP = FRAILTY_CLASSES * RESIDENCES;

const DISCRETIONARY_FLAG = new Uint8Array(SERVICE_COUNT);
for (const id of DISCRETIONARY) DISCRETIONARY_FLAG[S[id]] = 1;
// Indices the hot loops read, as plain constants.
const SIP = S.sipMeeting;
const DISCHARGE = S.dischargePlanning;
const MOBILE = S.mobileTeamVisit;
const COACH = S.careCoachContact;
const ADL = STROKE_OUTCOMES.adlIndependent;
const UNIT = STROKE_OUTCOMES.directToStrokeUnit;

/** What the rows of every group need that does not depend on decisions. */
export interface RowLayout {
  model: CompiledModel;
  cells: CellList;
  /** Columns per row, as in the engine's table. */
  cols: number;
  /** Indices into `cells` of each group's cells. */
  cellsOf: Int32Array[];
  episodeWindow: Int16Array;
  weighted: { s: number; column: number; weight: Float64Array; extra: number }[];
}

/** One group's month: coordination per catchment and rows per catchment × CNI band. */
export interface GroupRows {
  coordination: Float64Array;
  /** [(catchment × CNI_BANDS + band) × cols + column]. */
  data: Float64Array;
}

/**
 * The decision-free part of the rows: which cells belong to which group, and the extra columns.
 * @example const layout = rowLayout(prepared.model, prepared.cells, prepared.plan)
 */
export function rowLayout(model: CompiledModel, cells: CellList, plan: PaymentPlan): RowLayout {
  const byGroup: number[][] = Array.from({ length: GROUP_COUNT }, () => []);
  for (let i = 0; i < cells.count.length; i++) byGroup[CELL_GROUP[cells.cell[i]]].push(i);
  const weighted = plan.extras.flatMap((x, i) => (x.kind === 'weighted' ? x.services.map((s) => ({ s, column: EXTRA + i, weight: x.weight, extra: i })) : []));
  return { model, cells, cols: EXTRA + plan.extras.length, cellsOf: byGroup.map((ids) => Int32Array.from(ids)), episodeWindow: plan.episodeWindow, weighted };
}

/**
 * Group g's rows of any month of a steady year (every month equals month 0) under these decisions.
 * @example groupRows(layout, 4, x.effort, x.intensity).data
 */
export function groupRows(layout: RowLayout, g: number, effort: Float64Array, intensity: Float64Array): GroupRows {
  const { model, cols } = layout;
  const K = model.catchments.length;
  const coordination = new Float64Array(K);
  const readmit = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const c = teamCoordination(
      model.team[k * GROUP_COUNT + g].map((p) => effort[p * GROUP_COUNT + g]),
      model.substitution,
    );
    coordination[k] = c;
    readmit[k] = model.readmission[g] * (1 - model.effect[g * SERVICE_COUNT + S.readmission] * c);
  }
  const lambda = groupLambda(model, g, coordination, effort, intensity);
  const data = new Float64Array(K * CNI_BANDS * cols);
  addCells(layout, g, coordination, readmit, lambda, data);
  derive(model, g, coordination, data, cols);
  return { coordination, data };
}

/** computeRates for the rate classes of one group: [(catchment × CLASSES_PER_GROUP + class) × SERVICE_COUNT + s]. */
function groupLambda(model: CompiledModel, g: number, coordination: Float64Array, effort: Float64Array, intensity: Float64Array): Float64Array {
  const K = model.catchments.length;
  const SC = SERVICE_COUNT;
  const G = GROUP_COUNT;
  const { serviceProvider, baseRate, effect } = model;
  const lambda = new Float64Array(K * CLASSES_PER_GROUP * SC);
  for (let k = 0; k < K; k++) {
    const c = coordination[k];
    for (let j = 0; j < CLASSES_PER_GROUP; j++) {
      const rc = g * CLASSES_PER_GROUP + j;
      const base = (k * CLASSES_PER_GROUP + j) * SC;
      for (let s = 0; s < SC; s++) {
        const p = serviceProvider[k * SC + s];
        let rate = baseRate[rc * SC + s];
        if (p < 0 || rate === 0) continue;
        if (s === SIP) rate *= c;
        else if (s === MOBILE || s === COACH) rate *= effort[p * G + g];
        else if (s !== DISCHARGE) rate *= 1 - effect[g * SC + s] * c;
        if (DISCRETIONARY_FLAG[s] === 1) rate *= intensity[p * G + g];
        lambda[base + s] = rate;
      }
    }
  }
  return lambda;
}

/** The engine's month-0 cell loop and deterministic flows, for one group's cells. */
function addCells(layout: RowLayout, g: number, coordination: Float64Array, readmit: Float64Array, lambda: Float64Array, d: Float64Array): void {
  const { model, cells, cols, weighted } = layout;
  const ids = layout.cellsOf[g];
  const window = layout.episodeWindow[g];
  const stochastic = STOCHASTIC_SERVICES;
  const J = stochastic.length;
  const planShare = CARE_PLAN_SHARE[GROUP_IDS[g]];
  const { floor, gain } = EXPERIENCED_COORDINATION;
  for (let x = 0; x < ids.length; x++) {
    const i = ids[x];
    const k = cells.catchment[i];
    const c = cells.cell[i];
    const n = cells.count[i];
    const row = (k * CNI_BANDS + CELL_CNI[c]) * cols;
    const l = (k * CLASSES_PER_GROUP + (CELL_RATE_CLASS[c] - g * CLASSES_PER_GROUP)) * SERVICE_COUNT;
    const survive = cells.survive ? cells.survive[i] : 1 - model.deathProbability[c];
    const pAdmitted = 1 - Math.exp(-lambda[l + S.admission]);
    // In a steady year last month's admissions are this month's: the history equals pAdmitted.
    const readmissions = n * pAdmitted * survive * readmit[k];
    if (window > 0) {
      const coord = coordination[k];
      const before = stationaryStart(window, survive, pAdmitted);
      let earlier = 0;
      let sj = 1;
      for (let j = 1; j < window; j++) {
        sj *= survive;
        earlier += before * sj;
      }
      const start = (1 - earlier) * pAdmitted;
      const inWindow = pAdmitted > 0 ? 1 - start / pAdmitted + start : 0;
      d[row + OUTCOME + O.episodes] += n * start;
      d[row + OUTCOME + O.adlIndependent] += n * start * (ADL.atZero + (ADL.atFull - ADL.atZero) * coord);
      d[row + OUTCOME + O.directToStrokeUnit] += n * start * (UNIT.atZero + (UNIT.atFull - UNIT.atZero) * coord);
      for (let j = 0; j < J; j++) {
        const s = stochastic[j];
        const v = n * lambda[l + s];
        d[row + s] += v;
        d[row + IN_EPISODE + s] += s === S.admission ? v : v * inWindow;
      }
      if (window > 1) d[row + IN_EPISODE + S.readmission] += readmissions;
    } else {
      for (let j = 0; j < J; j++) {
        const s = stochastic[j];
        d[row + s] += n * lambda[l + s];
      }
    }
    d[row + S.readmission] += readmissions;
    d[row + OUTCOME + O.deaths] += n * (1 - survive);
    for (const ws of weighted) {
      const v = ws.s === S.readmission ? readmissions : n * lambda[l + ws.s];
      d[row + ws.column] += v * (cells.weights ? cells.weights[ws.extra][i] : ws.weight[c]);
    }
    const coord = coordination[k];
    d[row + OUTCOME + O.personMonths] += n;
    d[row + S.homeCareHour] += n * lambda[l + S.homeCareHour];
    d[row + S.nursingHomeDay] += n * lambda[l + S.nursingHomeDay];
    d[row + OUTCOME + O.carePlans] += n * coord * planShare;
    d[row + OUTCOME + O.coordinationExperienced] += n * (floor + gain * coord);
  }
}

/** The engine's derived columns (discharge planning, bed-days, QALYs, …) for one group's rows. */
function derive(model: CompiledModel, g: number, coordination: Float64Array, d: Float64Array, cols: number): void {
  const K = model.catchments.length;
  for (let k = 0; k < K; k++) {
    const hasHospital = model.serviceProvider[k * SERVICE_COUNT + S.dischargePlanning] >= 0;
    for (let b = 0; b < CNI_BANDS; b++) deriveRow(d, (k * CNI_BANDS + b) * cols, model, g, coordination[k], hasHospital);
  }
}


