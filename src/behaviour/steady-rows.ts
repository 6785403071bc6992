/**
 * One need group's rows of the activity table in a steady year, one catchment at a time. Decisions
 * for a group move only that group's rates, and a provider's only in the catchments where it is in
 * the team or delivers care: a solver that changes one decision recomputes those rows alone.
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
  /** The same sums over each catchment's bands, for summed rows: [catchment × LINEAR.length + i], [catchment × weighted + w], [catchment]. */
  linearSums: Float64Array;
  weightedLinearSums: Float64Array;
  peopleSums: Float64Array;
  /** Per catchment, its rows of `fixed`, and their sum (one row). */
  fixedRows: Float64Array[];
  fixedSums: Float64Array[];
  /** Per catchment, its rate classes with people (numbered within the group): classes[classStart[k] … classStart[k + 1]). */
  classes: Int32Array;
  classStart: Int32Array;
  /**
   * Per entry of `classes`, Σ people × survival over the catchment's cells of that class (every band):
   * a summed row's readmissions are Σ over classes of this × the class's chance of an admission.
   */
  survivors: Float64Array;
  /** The same sums weighted by each weighted service's cell weight: [entry × weighted + w]. */
  weightedSurvivors: Float64Array;
  /**
   * A cache, not a constant: per entry of `classes`, the chance of an admission last computed for
   * its catchment, and per catchment the admission factor it was computed at. Most trials leave a
   * catchment's factor as it was (an intensity, or a provider outside the team), and e^x is most of
   * the cost of the catchment's cells.
   */
  admittedCache: Float64Array;
  admittedAt: Float64Array;
  /** Per catchment, its cells: cellStart[k] … cellStart[k + 1] (cells are ordered by catchment). */
  cellStart: Int32Array;
  // Per cell:
  /** CNI band (the cell's row within its catchment). */
  band: Int32Array;
  /** Rate class within the group. */
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
  /**
   * Per catchment, the providers its rows can reach, in order: those in a team there, those
   * delivering a service there, and the one its people are listed at. Every other provider's cost,
   * benefit and variance from the catchment is zero whatever is decided.
   */
  providersIn: Int32Array[];
  /** Scratch of one catchment's rows: a trial allocates nothing. */
  factor: Float64Array;
  admitted: Float64Array;
  /** Per rate class, Σ people × the share of the month in an episode window, while a summed row is added up (zero between catchments). */
  windowPeople: Float64Array;
  members: number[][];
}

/**
 * The decision-free part of the rows: per group, the sums of people × base rate and the cells.
 * @example const layout = rowLayout(prepared.model, prepared.cells, prepared.plan)
 */
export function rowLayout(model: CompiledModel, cells: CellList, plan: PaymentPlan): RowLayout {
  const byGroup: number[][] = Array.from({ length: G }, () => []);
  for (let i = 0; i < cells.count.length; i++) byGroup[CELL_GROUP[cells.cell[i]]].push(i);
  // Cells by catchment (a stable sort: a row's cells keep their order, and so their sums).
  for (const ids of byGroup) ids.sort((a, b) => cells.catchment[a] - cells.catchment[b] || a - b);
  const weighted = plan.extras.flatMap((x, i) => (x.kind === 'weighted' ? x.services.map((s) => ({ s, column: EXTRA + i, weight: x.weight, extra: i })) : []));
  const cols = EXTRA + plan.extras.length;
  const groups = byGroup.map((ids, g) => groupCells(model, cells, ids, g, plan.episodeWindow[g], weighted, cols));
  const largestTeam = Math.max(0, ...model.team.map((t) => t.length));
  const members = Array.from({ length: largestTeam + 1 }, (_, n) => new Array<number>(n).fill(0));
  const providersIn = model.catchments.map((catchment, k) => {
    const reached = new Set<number>();
    if (catchment.listedAt >= 0) reached.add(catchment.listedAt);
    for (let s = 0; s < SC; s++) if (model.serviceProvider[k * SC + s] >= 0) reached.add(model.serviceProvider[k * SC + s]);
    for (let g = 0; g < G; g++) for (const p of model.team[k * G + g]) reached.add(p);
    return Int32Array.from([...reached].sort((a, b) => a - b));
  });
  return { model, cols, episodeWindow: plan.episodeWindow, weighted, groups, providersIn, factor: new Float64Array(SC), admitted: new Float64Array(CLASSES), windowPeople: new Float64Array(CLASSES), members };
}

function groupCells(model: CompiledModel, cells: CellList, ids: number[], g: number, window: number, weighted: WeightedService[], cols: number): GroupCells {
  const K = model.catchments.length;
  const R = K * BANDS;
  const L = LINEAR.length;
  const W = weighted.length;
  const n = ids.length;
  const out: GroupCells = {
    linear: new Float64Array(R * L),
    weightedLinear: new Float64Array(R * W),
    people: new Float64Array(R),
    fixed: new Float64Array(R * cols),
    fixedRows: [],
    fixedSums: [],
    linearSums: new Float64Array(K * L),
    weightedLinearSums: new Float64Array(K * W),
    peopleSums: new Float64Array(K),
    classes: new Int32Array(0),
    classStart: new Int32Array(K + 1),
    survivors: new Float64Array(0),
    weightedSurvivors: new Float64Array(0),
    admittedCache: new Float64Array(0),
    admittedAt: new Float64Array(K).fill(NaN),
    cellStart: new Int32Array(K + 1),
    band: new Int32Array(n),
    rateClass: new Int32Array(n),
    count: new Float64Array(n),
    survive: new Float64Array(n),
    reach: new Float64Array(n),
    weight: new Float64Array(n * W),
  };
  const classes: Set<number>[] = Array.from({ length: K }, () => new Set<number>());
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
    out.band[x] = CELL_CNI[c];
    out.rateClass[x] = rc - g * CLASSES;
    out.count[x] = count;
    out.survive[x] = survive;
    out.reach[x] = reach;
    out.cellStart[k + 1] = x + 1;
    classes[k].add(out.rateClass[x]);
  }
  for (let k = 0; k < K; k++) {
    out.cellStart[k + 1] = Math.max(out.cellStart[k + 1], out.cellStart[k]);
    out.classStart[k + 1] = out.classStart[k] + classes[k].size;
  }
  out.classes = Int32Array.from(classes.flatMap((set) => [...set]));
  out.survivors = new Float64Array(out.classes.length);
  out.admittedCache = new Float64Array(out.classes.length);
  out.weightedSurvivors = new Float64Array(out.classes.length * W);
  for (let k = 0; k < K; k++) {
    // Entry of each class in the catchment's part of `classes`.
    const entry = new Map<number, number>();
    for (let i = out.classStart[k]; i < out.classStart[k + 1]; i++) entry.set(out.classes[i], i);
    for (let x = out.cellStart[k]; x < out.cellStart[k + 1]; x++) {
      const i = entry.get(out.rateClass[x])!;
      const survivors = out.count[x] * out.survive[x];
      out.survivors[i] += survivors;
      for (let w = 0; w < W; w++) out.weightedSurvivors[i * W + w] += survivors * out.weight[x * W + w];
    }
  }
  out.fixedRows = Array.from({ length: K }, (_, k) => out.fixed.subarray(k * BANDS * cols, (k + 1) * BANDS * cols));
  for (let r = 0; r < R; r++) {
    const k = Math.floor(r / BANDS);
    for (let j = 0; j < L; j++) out.linearSums[k * L + j] += out.linear[r * L + j];
    for (let w = 0; w < W; w++) out.weightedLinearSums[k * W + w] += out.weightedLinear[r * W + w];
    out.peopleSums[k] += out.people[r];
  }
  out.fixedSums = out.fixedRows.map((rows) => {
    const sum = new Float64Array(cols);
    for (let b = 0; b < BANDS; b++) for (let j = 0; j < cols; j++) sum[j] += rows[b * cols + j];
    return sum;
  });
  return out;
}

/**
 * One catchment's rows of need group g in any month of a steady year (every month equals month 0)
 * under these decisions, written to `out` ([band × cols + column]); returns the team's coordination.
 * A decision moves the rows of the catchments where its provider is in the team or delivers care,
 * so a solver's trial recomputes those alone.
 * With `summed`, one row instead: the sum of the catchment's bands (every column is linear in its
 * rows, derived ones too). Without `inEpisode` the in-episode counts are left out: only a package's
 * settlement reads them, not costs, outcomes or welfare.
 * @example const coordination = catchmentRows(layout, 4, 0, x.effort, x.intensity, out)
 */
export function catchmentRows(layout: RowLayout, g: number, k: number, effort: Float64Array, intensity: Float64Array, out: Float64Array, summed = false, inEpisode = true): number {
  const { model } = layout;
  // Where band b's row starts: every band on the one row when summed.
  const cols = summed ? 0 : layout.cols;
  const part = layout.groups[g];
  const team = model.team[k * G + g];
  const members = layout.members[team.length];
  for (let i = 0; i < team.length; i++) members[i] = effort[team[i] * G + g];
  const coordination = teamCoordination(members, model.substitution);
  const readmit = model.readmission[g] * (1 - model.effect[g * SC + READMISSION] * coordination);
  const factor = layout.factor;
  rateFactors(model, g, k, coordination, effort, intensity, factor);
  out.set(summed ? part.fixedSums[k] : part.fixedRows[k]);
  addLinear(layout, g, k, part, coordination, factor, out, cols, summed, inEpisode);
  addCells(layout, g, k, part, coordination, readmit, factor, out, cols, inEpisode);
  const hasHospital = model.serviceProvider[k * SC + DISCHARGE] >= 0;
  for (let b = 0; b < (summed ? 1 : BANDS); b++) {
    const row = b * cols;
    // A row without people is all zeros, derived columns too.
    if (out[row + PERSON_MONTHS] !== 0) deriveRow(out, row, model, g, coordination, hasHospital);
  }
  return coordination;
}

/** What computeRates multiplies a base rate by in catchment k, per service. */
function rateFactors(model: CompiledModel, g: number, k: number, c: number, effort: Float64Array, intensity: Float64Array, factor: Float64Array): void {
  const { serviceProvider, effect } = model;
  for (let s = 0; s < SC; s++) {
    const p = serviceProvider[k * SC + s];
    if (p < 0) {
      factor[s] = 0;
      continue;
    }
    let f = 1;
    if (s === SIP) f = c;
    else if (s === MOBILE || s === COACH) f = effort[p * G + g];
    else if (s !== DISCHARGE) f = 1 - effect[g * SC + s] * c;
    if (DISCRETIONARY_FLAG[s] === 1) f *= intensity[p * G + g];
    factor[s] = f;
  }
}

/** The counts that are linear in the rates, row by row from the context's sums, and the care plans. */
function addLinear(layout: RowLayout, g: number, k: number, part: GroupCells, coord: number, factor: Float64Array, d: Float64Array, cols: number, summed: boolean, inEpisode: boolean): void {
  const { weighted } = layout;
  const L = LINEAR.length;
  const W = weighted.length;
  const window = inEpisode ? layout.episodeWindow[g] : 0;
  // Summed, the one pass below takes the sums over the catchment's bands.
  const planShare = CARE_PLAN_SHARE[GROUP_IDS[g]];
  const { floor, gain } = EXPERIENCED_COORDINATION;
  const linear = summed ? part.linearSums : part.linear;
  const weightedLinear = summed ? part.weightedLinearSums : part.weightedLinear;
  const people = summed ? part.peopleSums : part.people;
  for (let b = 0; b < (summed ? 1 : BANDS); b++) {
    const r = summed ? k : k * BANDS + b;
    const n = people[r];
    if (n === 0) continue;
    const row = b * cols;
    for (let j = 0; j < L; j++) {
      const s = LINEAR[j];
      d[row + s] += factor[s] * linear[r * L + j];
    }
    // An admission is always inside the episode it starts.
    if (window > 0) d[row + IN + ADMISSION] += d[row + ADMISSION];
    for (let w = 0; w < W; w++) {
      const ws = weighted[w];
      if (ws.s !== READMISSION) d[row + ws.column] += factor[ws.s] * weightedLinear[r * W + w];
    }
    d[row + CARE_PLANS] += n * coord * planShare;
    d[row + EXPERIENCED] += n * (floor + gain * coord);
  }
}

/**
 * What is not linear in the rates: admission chances per rate class, the readmissions that follow,
 * and episode starts cell by cell. A summed row (`cols` 0) takes its readmissions from the context's
 * sums per class (`survivors`), as many terms as the catchment has classes rather than cells, and
 * goes cell by cell only for episode starts.
 */
function addCells(layout: RowLayout, g: number, k: number, part: GroupCells, coord: number, readmit: number, factor: Float64Array, d: Float64Array, cols: number, inEpisode: boolean): void {
  const { model, weighted } = layout;
  const W = weighted.length;
  const window = layout.episodeWindow[g];
  const { baseRate } = model;
  const { admitted, windowPeople } = layout;
  const summed = cols === 0;
  let survivors = 0;
  const admission = factor[ADMISSION];
  const known = part.admittedAt[k] === admission;
  part.admittedAt[k] = admission;
  const cache = part.admittedCache;
  // 1 − e^−λ of admission for each rate class with people.
  for (let i = part.classStart[k]; i < part.classStart[k + 1]; i++) {
    const rc = part.classes[i];
    const pAdmitted = known ? cache[i] : (cache[i] = 1 - Math.exp(-baseRate[(g * CLASSES + rc) * SC + ADMISSION] * admission));
    admitted[rc] = pAdmitted;
    if (!summed) continue;
    survivors += pAdmitted * part.survivors[i];
    for (let w = 0; w < W; w++) if (weighted[w].s === READMISSION) d[weighted[w].column] += pAdmitted * part.weightedSurvivors[i * W + w] * readmit;
  }
  if (summed) {
    // In a steady year last month's admissions are this month's: the history equals the chance of one.
    const readmissions = survivors * readmit;
    d[READMISSION] += readmissions;
    if (window > 1 && inEpisode) d[IN + READMISSION] += readmissions;
    if (window === 0) return;
  }
  const { band, rateClass, count, survive, reach, weight } = part;
  const adl = ADL.atZero + (ADL.atFull - ADL.atZero) * coord;
  const unit = UNIT.atZero + (UNIT.atFull - UNIT.atZero) * coord;
  for (let x = part.cellStart[k]; x < part.cellStart[k + 1]; x++) {
    const row = band[x] * cols;
    const n = count[x];
    const pAdmitted = admitted[rateClass[x]];
    if (!summed) {
      const readmissions = n * pAdmitted * survive[x] * readmit;
      d[row + READMISSION] += readmissions;
      if (window > 1 && inEpisode) d[row + IN + READMISSION] += readmissions;
      for (let w = 0; w < W; w++) if (weighted[w].s === READMISSION) d[row + weighted[w].column] += readmissions * weight[x * W + w];
    }
    if (window === 0 || pAdmitted === 0) continue;
    // expected.ts `stationaryStart`: the share of admissions that start an episode rather than fall in one.
    const before = pAdmitted / (1 + pAdmitted * reach[x]);
    const start = (1 - before * reach[x]) * pAdmitted;
    const inWindow = 1 - start / pAdmitted + start;
    d[row + EPISODES] += n * start;
    d[row + ADL_INDEPENDENT] += n * start * adl;
    d[row + STROKE_UNIT] += n * start * unit;
    if (!inEpisode) continue;
    if (summed) {
      // Summed, every cell of a class adds to the same counts at the same rates: added up per class below.
      windowPeople[rateClass[x]] += n * inWindow;
      continue;
    }
    const l = (g * CLASSES + rateClass[x]) * SC;
    for (let j = 0; j < DRAWN; j++) {
      const s = LINEAR[j];
      if (s !== ADMISSION) d[row + IN + s] += n * baseRate[l + s] * factor[s] * inWindow;
    }
  }
  if (!summed || !inEpisode) return;
  for (let i = part.classStart[k]; i < part.classStart[k + 1]; i++) {
    const rc = part.classes[i];
    const n = windowPeople[rc];
    if (n === 0) continue;
    windowPeople[rc] = 0;
    const l = (g * CLASSES + rc) * SC;
    for (let j = 0; j < DRAWN; j++) {
      const s = LINEAR[j];
      if (s !== ADMISSION) d[IN + s] += n * baseRate[l + s] * factor[s];
    }
  }
}
