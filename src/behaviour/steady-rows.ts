/**
 * One need group's rows of the activity table in a steady year, computed alone. Decisions for a
 * group move only that group's rates, and so only that group's rows: a solver that changes one
 * decision recomputes a fifth of the table instead of all of it.
 *
 * Within a group a rate is a base rate (per rate class) times a factor the decisions set per
 * catchment and service. A count that is people × rate is then that factor times a sum of people ×
 * base rate over the row's cells, and those sums are taken once per context. Only what is not
 * linear in the rate goes cell by cell: the chance of an admission (1 − e^−λ), the readmissions
 * that follow, and episode starts.
 *
 * The arithmetic is the expected-value engine's for month 0 (rates.ts `computeRates`, expected.ts
 * `expectedMonth`, activity.ts `addDeterministic` and `deriveColumns`), regrouped as above, so the
 * rows equal the engine's up to rounding; test/behaviour-steady.test.ts checks that they do.
 */
import { CNI_BANDS, GROUP_COUNT, GROUP_IDS, O, SERVICE_COUNT, S } from '../domain.js';
import { CARE_PLAN_SHARE, DISCRETIONARY, EXPERIENCED_COORDINATION, STROKE_OUTCOMES } from '../care/parameters.js';
import { EXTRA, IN_EPISODE, OUTCOME, deriveRow } from '../engine/activity.js';
import type { CellList } from '../engine/activity.js';
import type { CompiledModel } from '../engine/model.js';
import { STOCHASTIC_SERVICES } from '../engine/model.js';
import { teamCoordination } from '../engine/rates.js';
import { CELL_CNI, CELL_GROUP, CELL_RATE_CLASS, RATE_CLASSES_PER_GROUP } from '../population/cells.js';
import type { PaymentPlan } from '../payment/plan.js';

/** Rate classes per need group: they are numbered group by group. */

const DISCRETIONARY_FLAG = new Uint8Array(SERVICE_COUNT);
for (const id of DISCRETIONARY) DISCRETIONARY_FLAG[S[id]] = 1;
// Sizes and indices the hot loops read, as plain constants: an imported binding can cost a call per read.
const SC = SERVICE_COUNT;
const G = GROUP_COUNT;
const BANDS = CNI_BANDS;
const CLASSES = RATE_CLASSES_PER_GROUP;
const IN = IN_EPISODE;
const ADMISSION = S.admission;
const READMISSION = S.readmission;
const SIP = S.sipMeeting;
const DISCHARGE = S.dischargePlanning;
const MOBILE = S.mobileTeamVisit;
const COACH = S.careCoachContact;
const PERSON_MONTHS = OUTCOME + O.personMonths;
const EPISODES = OUTCOME + O.episodes;
const ADL_INDEPENDENT = OUTCOME + O.adlIndependent;
const STROKE_UNIT = OUTCOME + O.directToStrokeUnit;
const CARE_PLANS = OUTCOME + O.carePlans;
const EXPERIENCED = OUTCOME + O.coordinationExperienced;
const ADL = STROKE_OUTCOMES.adlIndependent;
const UNIT = STROKE_OUTCOMES.directToStrokeUnit;
/** Services counted as people × rate: those drawn per person (the first DRAWN), then home care and nursing-home days. */
const LINEAR = Int32Array.from([...STOCHASTIC_SERVICES, S.homeCareHour, S.nursingHomeDay]);
const DRAWN = STOCHASTIC_SERVICES.length;

/** A weighted extra column's service: the column counts the service's units × a weight per cell. */
interface WeightedService {
  s: number;
  column: number;
  weight: Float64Array;
  extra: number;
}

/** One group's sums and cells that no decision changes. Rows are numbered catchment × CNI_BANDS + band. */
interface GroupCells {
  /** Σ people × base rate per row and LINEAR service: [row × LINEAR.length + i]. */
  linear: Float64Array;
  /** Σ people × weight × base rate per row and weighted service (readmissions go by cell): [row × weighted + w]. */
  weightedLinear: Float64Array;
  people: Float64Array;
  /** The rows' columns no decision moves (person-months, deaths), laid out as the rows are. */
  fixed: Float64Array;
  /** Rate classes that have people, as catchment × RATE_CLASSES_PER_GROUP + class. */
  classes: Int32Array;
  // Per cell:
  catchment: Int32Array;
  row: Int32Array;
  /** Rate class, numbered as in `classes`. */
  rateClass: Int32Array;
  count: Float64Array;
  survive: Float64Array;
  /** Σ survive^j for j = 1 … window − 1: how much of an episode window a start reaches back. */
  reach: Float64Array;
  /** The cell's weight per weighted service: [cell × weighted + w]. */
  weight: Float64Array;
}

/** What the rows of every group need that does not depend on decisions. */
export interface RowLayout {
  model: CompiledModel;
  /** Columns per row, as in the engine's table. */
  cols: number;
  episodeWindow: Int16Array;
  weighted: WeightedService[];
  groups: GroupCells[];
}

/** One group's month: coordination per catchment and rows per catchment × CNI band. */
export interface GroupRows {
  coordination: Float64Array;
  /** [(catchment × CNI_BANDS + band) × cols + column]. */
  data: Float64Array;
}

/**
 * The decision-free part of the rows: per group, the sums of people × base rate and the cells.
 * @example const layout = rowLayout(prepared.model, prepared.cells, prepared.plan)
 */
export function rowLayout(model: CompiledModel, cells: CellList, plan: PaymentPlan): RowLayout {
  const byGroup: number[][] = Array.from({ length: G }, () => []);
  for (let i = 0; i < cells.count.length; i++) byGroup[CELL_GROUP[cells.cell[i]]].push(i);
  const weighted = plan.extras.flatMap((x, i) => (x.kind === 'weighted' ? x.services.map((s) => ({ s, column: EXTRA + i, weight: x.weight, extra: i })) : []));
  const cols = EXTRA + plan.extras.length;
  const groups = byGroup.map((ids, g) => groupCells(model, cells, ids, g, plan.episodeWindow[g], weighted, cols));
  return { model, cols, episodeWindow: plan.episodeWindow, weighted, groups };
}

function groupCells(model: CompiledModel, cells: CellList, ids: number[], g: number, window: number, weighted: WeightedService[], cols: number): GroupCells {
  const R = model.catchments.length * BANDS;
  const L = LINEAR.length;
  const W = weighted.length;
  const n = ids.length;
  const out: GroupCells = {
    linear: new Float64Array(R * L),
    weightedLinear: new Float64Array(R * W),
    people: new Float64Array(R),
    fixed: new Float64Array(R * cols),
    classes: new Int32Array(0),
    catchment: new Int32Array(n),
    row: new Int32Array(n),
    rateClass: new Int32Array(n),
    count: new Float64Array(n),
    survive: new Float64Array(n),
    reach: new Float64Array(n),
    weight: new Float64Array(n * W),
  };
  const classes = new Set<number>();
  for (let x = 0; x < n; x++) {
    const i = ids[x];
    const k = cells.catchment[i];
    const c = cells.cell[i];
    const count = cells.count[i];
    const rc = CELL_RATE_CLASS[c];
    const r = k * BANDS + CELL_CNI[c];
    const survive = cells.survive ? cells.survive[i] : 1 - model.deathProbability[c];
    for (let j = 0; j < L; j++) out.linear[r * L + j] += count * model.baseRate[rc * SC + LINEAR[j]];
    weighted.forEach((ws, w) => {
      const weight = cells.weights ? cells.weights[ws.extra][i] : ws.weight[c];
      out.weight[x * W + w] = weight;
      if (ws.s !== READMISSION) out.weightedLinear[r * W + w] += count * weight * model.baseRate[rc * SC + ws.s];
    });
    out.people[r] += count;
    out.fixed[r * cols + OUTCOME + O.personMonths] += count;
    out.fixed[r * cols + OUTCOME + O.deaths] += count * (1 - survive);
    let reach = 0;
    for (let j = 1, sj = 1; j < window; j++) reach += sj *= survive;
    out.catchment[x] = k;
    out.row[x] = r;
    out.rateClass[x] = k * CLASSES + (rc - g * CLASSES);
    out.count[x] = count;
    out.survive[x] = survive;
    out.reach[x] = reach;
    classes.add(out.rateClass[x]);
  }
  out.classes = Int32Array.from(classes);
  return out;
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
      model.team[k * G + g].map((p) => effort[p * G + g]),
      model.substitution,
    );
    coordination[k] = c;
    readmit[k] = model.readmission[g] * (1 - model.effect[g * SC + READMISSION] * c);
  }
  const factor = rateFactors(model, g, coordination, effort, intensity);
  const part = layout.groups[g];
  const data = Float64Array.from(part.fixed);
  addLinear(layout, g, part, coordination, factor, data);
  addCells(layout, g, part, coordination, readmit, factor, data);
  derive(model, g, coordination, data, cols);
  return { coordination, data };
}

/** What computeRates multiplies a base rate by, per catchment and service: [catchment × SERVICE_COUNT + s]. */
function rateFactors(model: CompiledModel, g: number, coordination: Float64Array, effort: Float64Array, intensity: Float64Array): Float64Array {
  const K = model.catchments.length;
  const { serviceProvider, effect } = model;
  const factor = new Float64Array(K * SC);
  for (let k = 0; k < K; k++) {
    const c = coordination[k];
    for (let s = 0; s < SC; s++) {
      const p = serviceProvider[k * SC + s];
      if (p < 0) continue;
      let f = 1;
      if (s === SIP) f = c;
      else if (s === MOBILE || s === COACH) f = effort[p * G + g];
      else if (s !== DISCHARGE) f = 1 - effect[g * SC + s] * c;
      if (DISCRETIONARY_FLAG[s] === 1) f *= intensity[p * G + g];
      factor[k * SC + s] = f;
    }
  }
  return factor;
}

/** The counts that are linear in the rates, row by row from the context's sums, and the care plans. */
function addLinear(layout: RowLayout, g: number, part: GroupCells, coordination: Float64Array, factor: Float64Array, d: Float64Array): void {
  const { cols, weighted } = layout;
  const L = LINEAR.length;
  const W = weighted.length;
  const window = layout.episodeWindow[g];
  const planShare = CARE_PLAN_SHARE[GROUP_IDS[g]];
  const { floor, gain } = EXPERIENCED_COORDINATION;
  const { linear, weightedLinear, people } = part;
  for (let r = 0; r < people.length; r++) {
    const n = people[r];
    if (n === 0) continue;
    const k = (r / BANDS) | 0;
    const row = r * cols;
    for (let j = 0; j < L; j++) {
      const s = LINEAR[j];
      d[row + s] += factor[k * SC + s] * linear[r * L + j];
    }
    // An admission is always inside the episode it starts.
    if (window > 0) d[row + IN + ADMISSION] += d[row + ADMISSION];
    for (let w = 0; w < W; w++) {
      const ws = weighted[w];
      if (ws.s !== READMISSION) d[row + ws.column] += factor[k * SC + ws.s] * weightedLinear[r * W + w];
    }
    const coord = coordination[k];
    d[row + CARE_PLANS] += n * coord * planShare;
    d[row + EXPERIENCED] += n * (floor + gain * coord);
  }
}

/** Cell by cell, what is not linear in the rates: admission chances, readmissions, episode starts. */
function addCells(layout: RowLayout, g: number, part: GroupCells, coordination: Float64Array, readmit: Float64Array, factor: Float64Array, d: Float64Array): void {
  const { model, cols, weighted } = layout;
  const W = weighted.length;
  const window = layout.episodeWindow[g];
  const { baseRate } = model;
  const admitted = admissionChances(model, g, part.classes, factor);
  const { catchment, row: rowOf, rateClass, count, survive, reach, weight } = part;
  for (let x = 0; x < count.length; x++) {
    const k = catchment[x];
    const row = rowOf[x] * cols;
    const n = count[x];
    const pAdmitted = admitted[rateClass[x]];
    // In a steady year last month's admissions are this month's: the history equals pAdmitted.
    const readmissions = n * pAdmitted * survive[x] * readmit[k];
    d[row + READMISSION] += readmissions;
    if (window > 1) d[row + IN + READMISSION] += readmissions;
    for (let w = 0; w < W; w++) if (weighted[w].s === READMISSION) d[row + weighted[w].column] += readmissions * weight[x * W + w];
    if (window === 0 || pAdmitted === 0) continue;
    // expected.ts `stationaryStart`: the share of admissions that start an episode rather than fall in one.
    const before = pAdmitted / (1 + pAdmitted * reach[x]);
    const start = (1 - before * reach[x]) * pAdmitted;
    const inWindow = 1 - start / pAdmitted + start;
    const coord = coordination[k];
    d[row + EPISODES] += n * start;
    d[row + ADL_INDEPENDENT] += n * start * (ADL.atZero + (ADL.atFull - ADL.atZero) * coord);
    d[row + STROKE_UNIT] += n * start * (UNIT.atZero + (UNIT.atFull - UNIT.atZero) * coord);
    const l = (g * CLASSES + (rateClass[x] - k * CLASSES)) * SC;
    for (let j = 0; j < DRAWN; j++) {
      const s = LINEAR[j];
      if (s !== ADMISSION) d[row + IN + s] += n * baseRate[l + s] * factor[k * SC + s] * inWindow;
    }
  }
}

/** 1 − e^−λ of admission for each rate class with people, indexed as `GroupCells.classes`. */
function admissionChances(model: CompiledModel, g: number, classes: Int32Array, factor: Float64Array): Float64Array {
  const out = new Float64Array(model.catchments.length * CLASSES);
  for (const rc of classes) {
    const k = (rc / CLASSES) | 0;
    const lambda = model.baseRate[(g * CLASSES + rc - k * CLASSES) * SC + ADMISSION] * factor[k * SC + ADMISSION];
    out[rc] = 1 - Math.exp(-lambda);
  }
  return out;
}

/** The engine's derived columns (discharge planning, bed-days, QALYs, …) for one group's rows with people. */
function derive(model: CompiledModel, g: number, coordination: Float64Array, d: Float64Array, cols: number): void {
  const K = model.catchments.length;
  for (let k = 0; k < K; k++) {
    const hasHospital = model.serviceProvider[k * SC + DISCHARGE] >= 0;
    for (let b = 0; b < BANDS; b++) {
      const row = (k * BANDS + b) * cols;
      // A row without people is all zeros, derived columns too.
      if (d[row + PERSON_MONTHS] !== 0) deriveRow(d, row, model, g, coordination[k], hasHospital);
    }
  }
}
