/**
 * The microsimulation: people one by one, month by month, with seeded counter-based streams so
 * that two scenarios run with the same seed see the same illnesses (common random numbers).
 *
 * One month of one person, in this order:
 *   1. care needs and events: services drawn from the rate table (stream 'care');
 *      a readmission if the person was admitted last month;
 *   2. episodes: an index admission opens an episode window; its outcomes are drawn (stream 'outcomes');
 *   3. recording: counts into the activity table, costs into person-level trackers;
 *   4. population change: death (stream 'death'). A stationary population gives the place to a
 *      newcomer of the same cell; a changing one (population.change) loses the person, draws a move
 *      away (stream 'moves'), a move into a nursing home and ageing into the next band (stream
 *      'ageing'), and after the month lists new people (stream 'entry'), simulated from the next month.
 * Deterministic flows (person-months, home care, residence) and derived columns are then added by
 * the same code as the expected-value engine, from the people alive at the start of the month.
 * Payments are settled afterwards from the table.
 */
import { CNI_BANDS, GROUP_COUNT, O, SERVICE_COUNT, S } from '../domain.js';
import { STROKE_OUTCOMES } from '../care/parameters.js';
import { CELL_AGE_BAND, CELL_CNI, CELL_COUNT, CELL_GROUP, CELL_RATE_CLASS, RATE_CLASS_COUNT } from '../population/cells.js';
import { ageingTargets, residentCell, type AgeingTargets, type PopulationChange } from '../population/change.js';
import type { Population } from '../population/population.js';
import { fmix32, monthHash, personMonthHash, streamKey, streamRoot, uniformAt } from '../random.js';
import { stationaryStart } from './expected.js';
import type { ActivityTable, CellList } from './activity.js';
import { EXTRA, IN_EPISODE, OUTCOME, addDeterministic, createActivityTable, deriveColumns, peopleColumns } from './activity.js';
import type { ExtraColumn, TrackerCosts } from './extras.js';
import { trackerCosts } from './extras.js';
import type { CompiledModel } from './model.js';
import { STOCHASTIC_SERVICES } from './model.js';
import { CDF_SIZE, NORMAL_TABLE, ensureDrawTables } from './rates.js';
import type { RateTable } from './rates.js';

export class RunCancelled extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'RunCancelled';
  }
}

export interface MicrosimInput {
  model: CompiledModel;
  population: Population;
  cells: CellList;
  /** Rates per simulation month (usually one table shared by the months of a year). */
  rates: RateTable[];
  extras: ExtraColumn[];
  /** Episode window in months per need group (0 = no episode payment covers the group). */
  episodeWindow: Int16Array;
  /** Seed of this replication. */
  seed: number;
  /** Record each person's yearly total cost (for calibration); costs memory of 4 bytes per person. */
  trackPersonCost?: boolean;
  signal?: AbortSignal;
  onProgress?: (monthsDone: number, months: number) => void;
}

export interface MicrosimResult {
  table: ActivityTable;
  /** Yearly cost per person-year (closed at year end or death), when tracked. */
  personYearCosts?: Float32Array;
}

const ADL = STROKE_OUTCOMES.adlIndependent;
const UNIT = STROKE_OUTCOMES.directToStrokeUnit;

interface Tracker {
  column: number; // −1 for the calibration tracker
  threshold: number;
  cost: Float32Array;
  tables: Map<RateTable, TrackerCosts>;
  providers: Uint8Array;
}

/** Everything the person loop of one month reads and writes, gathered so the loop is one small, hot function. */
interface MonthState {
  m: number;
  months: number;
  K: number;
  n: number;
  cols: number;
  d: Float64Array;
  cells: Uint16Array;
  catchmentOf: Uint16Array;
  deathProbability: Float64Array;
  lambda: Float64Array;
  readmit: Float64Array;
  coordination: Float64Array;
  cdf: Float64Array;
  none: Float64Array;
  active: Uint8Array;
  admittedLast: Uint8Array;
  episodeUntil: Int16Array;
  episodeWindow: Int16Array;
  /** This person-month's events as (service, count) pairs, in draw order: no per-service array to clear. */
  events: Int32Array;
  /**
   * The streams' keys (KEY_CARE …): every use XORs them, so their int32 values draw the same
   * numbers as the uint32 ones. Kept in a typed array, not in number fields, whose representation
   * (small integer or not) would follow the seed and make V8 recompile the loop replication after
   * replication.
   */
  keys: Int32Array;
  weightedByService: { column: number; weight: Float64Array }[][];
  trackers: Tracker[];
  trackerTables: TrackerCosts[];
  closedCosts: number[];
  /** Population change, or null (stationary: a death is replaced by a newcomer of the same cell). */
  change: PopulationChange | null;
  /** People alive at the start of the month per catchment × cell (filled when the population changes). */
  census: Float64Array | null;
  /** Ageing targets per cell, computed when first needed. */
  targets: (AgeingTargets | undefined)[];
}

// Slots of MonthState.keys.
const KEY_CARE = 0;
const KEY_DEATH = 1;
const KEY_OUTCOMES = 2;
const KEY_MOVES = 3;
const KEY_AGEING = 4;
const KEY_COUNT = 5;

/** Cell of a person who died or moved away (never a real cell: CELL_COUNT is far below it). */
const GONE = 0xffff;

const J = STOCHASTIC_SERVICES.length;
const STOCHASTIC = STOCHASTIC_SERVICES;
const ADMISSION_J = STOCHASTIC_SERVICES.indexOf(S.admission);
const READMIT_DRAW = J; // the readmission draw follows the services' draws in the care stream

// The hash of the counter-based streams (src/random.ts), under a short name for the hot loop.
const mix = fmix32;
const TO_UNIT = 1 / 4294967296;

function closeTracker(st: MonthState, t: Tracker, i: number, row: number): void {
  const cost = t.cost[i];
  if (t.column >= 0) {
    if (cost > t.threshold) st.d[row + t.column] += cost - t.threshold;
  } else st.closedCosts.push(cost);
  t.cost[i] = 0;
}

/** Simulate one month of everyone alive; returns how many were alive at its start. */
function simulateMonth(st: MonthState): number {
  const { m, months, K, n, cols, d, cells, catchmentOf, deathProbability, lambda, readmit, coordination, cdf, none, active } = st;
  const { admittedLast, episodeUntil, episodeWindow, events, keys, weightedByService, trackers, trackerTables } = st;
  const careKey = keys[KEY_CARE];
  const deathKey = keys[KEY_DEATH];
  const outcomeKey = keys[KEY_OUTCOMES];
  const leaveKey = keys[KEY_MOVES];
  const ageKey = keys[KEY_AGEING];
  const cellRateClass = CELL_RATE_CLASS;
  const cellGroup = CELL_GROUP;
  const cellCni = CELL_CNI;
  const normalTable = NORMAL_TABLE;
  const stochastic = STOCHASTIC;
  const G = GROUP_COUNT;
  const B = CNI_BANDS;
  const RC = RATE_CLASS_COUNT;
  const SC = SERVICE_COUNT;
  const CS = CDF_SIZE;
  const stride = J + 1;
  const hasTrackers = trackers.length > 0;
  const yearEnd = m % 12 === 11 || m === months - 1;
  const mKey = monthHash(m);
  const monthRow = m * K;
  const admissionJ = ADMISSION_J;
  const { change, census, targets } = st;
  const cellAge = CELL_AGE_BAND;
  const cellCount = CELL_COUNT;
  const gone = GONE;
  let alive = 0;

  for (let i = 0; i < n; i++) {
    const c = cells[i];
    if (c === gone) continue;
    const k = catchmentOf[i];
    alive++;
    if (census) census[k * cellCount + c] += 1;
    const rc = cellRateClass[c];
    const g = cellGroup[c];
    const row = (((monthRow + k) * G + g) * B + cellCni[c]) * cols;
    const krc = k * RC + rc;
    const crow = krc * J * CS;
    const arow = krc * stride;
    const pm = mix(Math.imul(i + 1, 0x9e3779b1) ^ mKey);

    // 1. Care events: each service has its own draw index, so a zero rate skips its draw
    //    without shifting any other (common random numbers across designs).
    const careRoot = pm ^ careKey;
    const nActive = active[arow];
    let ne = 0; // events drawn, pairs in `events`
    let admissions = 0;
    for (let a = 1; a <= nActive; a++) {
      const j = active[arow + a];
      const u = mix((careRoot + Math.imul(j + 1, 0x9e3779b9)) | 0) * TO_UNIT;
      const p0 = none[krc * J + j];
      let x = 0;
      if (u <= p0) {
        // no event: the common case, decided from the compact table
      } else if (p0 < 0) {
        const l = lambda[krc * SC + stochastic[j]];
        x = Math.round(l + Math.sqrt(l) * normalTable[(u * 4096) | 0]);
        if (x < 0) x = 0;
      } else {
        const o = crow + j * CS;
        x = 1;
        while (u > cdf[o + x]) x++;
      }
      if (x > 0) {
        const sv = stochastic[j];
        events[ne++] = sv;
        events[ne++] = x;
        if (j === admissionJ) admissions = x;
        d[row + sv] += x;
        const ws = weightedByService[sv];
        for (let w = 0; w < ws.length; w++) d[row + ws[w].column] += x * ws[w].weight[c];
      }
    }
    const readmitted = admittedLast[i] === 1 && mix((careRoot + Math.imul(READMIT_DRAW + 1, 0x9e3779b9)) | 0) * TO_UNIT < readmit[k * G + g] ? 1 : 0;
    admittedLast[i] = admissions > 0 ? 1 : 0;

    // 2. Episodes.
    const window = episodeWindow[g];
    if (window > 0 && admissions > 0 && episodeUntil[i] < m) {
      episodeUntil[i] = m + window - 1;
      d[row + OUTCOME + O.episodes] += 1;
      const outcomeRoot = streamRoot(pm, outcomeKey);
      const coord = coordination[k * G + g];
      if (uniformAt(outcomeRoot, 0) < ADL.atZero + (ADL.atFull - ADL.atZero) * coord) d[row + OUTCOME + O.adlIndependent] += 1;
      if (uniformAt(outcomeRoot, 1) < UNIT.atZero + (UNIT.atFull - UNIT.atZero) * coord) d[row + OUTCOME + O.directToStrokeUnit] += 1;
    }
    const inEpisode = episodeUntil[i] >= m;

    // 3. Recording (counts were added as drawn; here the part inside an episode window).
    if (inEpisode) for (let e = 0; e < ne; e += 2) d[row + IN_EPISODE + events[e]] += events[e + 1];
    if (readmitted) {
      d[row + S.readmission] += 1;
      if (inEpisode) d[row + IN_EPISODE + S.readmission] += 1;
      const ws = weightedByService[S.readmission];
      for (let w = 0; w < ws.length; w++) d[row + ws[w].column] += ws[w].weight[c];
    }
    if (hasTrackers) {
      const ev = (k * G + g) * SC;
      for (let t = 0; t < trackers.length; t++) {
        const tc = trackerTables[t];
        let cost = tc.perMonth[krc];
        for (let e = 0; e < ne; e += 2) cost += events[e + 1] * tc.perEvent[ev + events[e]];
        const stays = admissions + readmitted;
        if (readmitted) cost += tc.perEvent[ev + S.readmission];
        if (stays > 0) cost += stays * coordination[k * G + g] * tc.perEvent[ev + S.dischargePlanning];
        trackers[t].cost[i] += cost;
      }
    }

    // 4. Population change.
    if (mix(((pm ^ deathKey) + 0x9e3779b9) | 0) * TO_UNIT < deathProbability[c]) {
      d[row + OUTCOME + O.deaths] += 1;
      for (let t = 0; t < trackers.length; t++) closeTracker(st, trackers[t], i, row);
      if (change) cells[i] = gone;
      else {
        admittedLast[i] = 0;
        episodeUntil[i] = -1;
      }
    } else if (change && mix(((pm ^ leaveKey) + 0x9e3779b9) | 0) * TO_UNIT < change.leave) {
      for (let t = 0; t < trackers.length; t++) closeTracker(st, trackers[t], i, row);
      cells[i] = gone;
    } else {
      if (yearEnd && hasTrackers) for (let t = 0; t < trackers.length; t++) closeTracker(st, trackers[t], i, row);
      if (change) {
        // A move from home into a nursing home first, then ageing from where the person then lives.
        const ageRoot = streamRoot(pm, ageKey);
        let now = c;
        if (uniformAt(ageRoot, 2) < change.toNursingHome[c]) now = residentCell(c);
        const up = change.ageUp[cellAge[now]];
        if (up > 0 && uniformAt(ageRoot, 0) < up) now = agedInto(targets[now] ?? (targets[now] = ageingTargets(change, now)), uniformAt(ageRoot, 1));
        cells[i] = now;
      }
    }
  }
  return alive;
}

/** The cell drawn among ageing targets by a uniform u. */
function agedInto(t: AgeingTargets, u: number): number {
  let run = 0;
  for (let x = 0; x < t.cells.length - 1; x++) if (u < (run += t.shares[x])) return t.cells[x];
  return t.cells[t.cells.length - 1];
}

/** The non-empty catchment × cell counts of a census, as the deterministic flows read them. */
function censusCells(census: Float64Array): CellList {
  const at: number[] = [];
  for (let j = 0; j < census.length; j++) if (census[j] > 0) at.push(j);
  return {
    catchment: Uint16Array.from(at, (j) => Math.floor(j / CELL_COUNT)),
    cell: Uint16Array.from(at, (j) => j % CELL_COUNT),
    count: Float64Array.from(at, (j) => census[j]),
  };
}

/** Index of the first cumulative share above u (the last when rounding leaves u above all). */
function pickSlot(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < cumulative[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Start from the steady state of month 0's rates, as the expected-value engine does: some people
 * were admitted last month (a readmission may follow) and some are inside an episode window that
 * opened before the run (stream 'history', drawn at month −1).
 */
function warmStart(input: MicrosimInput, admittedLast: Uint8Array, episodeUntil: Int16Array): void {
  const { population, model, episodeWindow } = input;
  const lambda = input.rates[0].lambda;
  const key = streamKey(input.seed, 'history');
  const mKey = monthHash(-1);
  for (let i = 0; i < population.size; i++) {
    const c = population.cell[i];
    const l = (population.catchment[i] * RATE_CLASS_COUNT + CELL_RATE_CLASS[c]) * SERVICE_COUNT;
    const pAdmitted = 1 - Math.exp(-lambda[l + S.admission]);
    const survive = 1 - model.deathProbability[c];
    const r = streamRoot(personMonthHash(i, mKey), key);
    if (uniformAt(r, 0) < pAdmitted * survive) admittedLast[i] = 1;
    const window = episodeWindow[CELL_GROUP[c]];
    if (window > 1) {
      const x = stationaryStart(window, survive, pAdmitted);
      const u = uniformAt(r, 1);
      let cumulative = 0;
      let s = 1;
      for (let j = 1; j < window; j++) {
        cumulative += x * (s *= survive);
        if (u < cumulative) {
          episodeUntil[i] = window - 1 - j;
          break;
        }
      }
    }
  }
}

/**
 * Run one replication of the microsimulation.
 * @example const { table } = runMicrosim({ model, population, cells, rates, extras: [], episodeWindow, seed: 1 })
 */
export function runMicrosim(input: MicrosimInput): MicrosimResult {
  const { model, population, rates, extras, episodeWindow } = input;
  const n = population.size;
  const months = model.months;
  const K = model.catchments.length;
  const table = createActivityTable(months, K, extras.length);
  const trackers: Tracker[] = [];
  const weightedByService: { column: number; weight: Float64Array }[][] = Array.from({ length: SERVICE_COUNT }, () => []);
  extras.forEach((x, i) => {
    if (x.kind === 'weighted') for (const s of x.services) weightedByService[s].push({ column: EXTRA + i, weight: x.weight });
    else if (x.kind === 'excess') trackers.push({ column: EXTRA + i, threshold: x.threshold, cost: new Float32Array(n), tables: new Map(), providers: x.providers });
  });
  const people = peopleColumns(extras);
  if (input.trackPersonCost) {
    trackers.push({ column: -1, threshold: 0, cost: new Float32Array(n), tables: new Map(), providers: new Uint8Array(model.providerIds.length).fill(1) });
  }
  const closedCosts: number[] = [];
  const change = model.change;
  let admittedLast = new Uint8Array(n);
  let episodeUntil = new Int16Array(n).fill(-1);
  // A changing population gets its own copy of who is where (people age and leave), which grows
  // as new people are listed; a stationary one reads the population as it is.
  let cells: Uint16Array = change ? Uint16Array.from(population.cell) : (population.cell as Uint16Array);
  let catchmentOf: Uint16Array = change ? Uint16Array.from(population.catchment) : (population.catchment as Uint16Array);
  let size = n;
  const census = change ? new Float64Array(K * CELL_COUNT) : null;
  const grow = (need: number): void => {
    if (need <= cells.length) return;
    const capacity = Math.max(need, Math.ceil(cells.length * 1.25) + 64);
    const bigger = <T extends Uint8Array | Uint16Array | Int16Array | Float32Array>(a: T, make: (length: number) => T, fill?: number): T => {
      const b = make(capacity);
      if (fill !== undefined) b.fill(fill);
      b.set(a);
      return b;
    };
    cells = bigger(cells, (l) => new Uint16Array(l));
    catchmentOf = bigger(catchmentOf, (l) => new Uint16Array(l));
    admittedLast = bigger(admittedLast, (l) => new Uint8Array(l));
    episodeUntil = bigger(episodeUntil, (l) => new Int16Array(l), -1);
    for (const t of trackers) t.cost = bigger(t.cost, (l) => new Float32Array(l));
  };
  const entryKey = streamKey(input.seed, 'entry');
  const targets: (AgeingTargets | undefined)[] = [];
  const events = new Int32Array(2 * J);
  const keys = new Int32Array(KEY_COUNT);
  keys[KEY_CARE] = streamKey(input.seed, 'care');
  keys[KEY_DEATH] = streamKey(input.seed, 'death');
  keys[KEY_OUTCOMES] = streamKey(input.seed, 'outcomes');
  keys[KEY_MOVES] = streamKey(input.seed, 'moves');
  keys[KEY_AGEING] = streamKey(input.seed, 'ageing');
  warmStart(input, admittedLast, episodeUntil);

  for (let m = 0; m < months; m++) {
    if (input.signal?.aborted) throw new RunCancelled();
    const r = rates[m];
    const { cdf, none, active } = ensureDrawTables(r);
    const trackerTables = trackers.map((t) => {
      let tc = t.tables.get(r);
      if (!tc) t.tables.set(r, (tc = trackerCosts(model, t.providers, r)));
      return tc;
    });
    census?.fill(0);
    const alive = simulateMonth({
      m, months, K, n: size, cols: table.cols, d: table.data, cells, catchmentOf,
      deathProbability: model.deathProbability, lambda: r.lambda, readmit: r.readmit, coordination: r.coordination, cdf, none, active,
      admittedLast, episodeUntil, episodeWindow, events, keys, weightedByService, trackers, trackerTables, closedCosts,
      change, census, targets,
    });
    addDeterministic(table, census ? censusCells(census) : input.cells, m, r, people);
    if (change && change.entrantSlot.length > 0) {
      // New people: their number rounded up or down at random so it is right in expectation.
      const root = streamRoot(monthHash(m), entryKey);
      const count = Math.floor(change.entry * alive + uniformAt(root, 0));
      grow(size + count);
      for (let j = 0; j < count; j++, size++) {
        const slot = change.entrantSlot[pickSlot(change.entrantCumulative, uniformAt(root, j + 1))];
        cells[size] = slot % CELL_COUNT;
        catchmentOf[size] = Math.floor(slot / CELL_COUNT);
        admittedLast[size] = 0;
        episodeUntil[size] = -1;
        for (const t of trackers) t.cost[size] = 0;
      }
    }
    deriveColumns(table, model, m, r);
    input.onProgress?.(m + 1, months);
  }
  return { table, personYearCosts: input.trackPersonCost ? Float32Array.from(closedCosts) : undefined };
}
