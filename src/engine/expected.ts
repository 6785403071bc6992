/**
 * The expected-value engine: the same model as the microsimulation, with every random count
 * replaced by its expectation, computed over cells instead of people. Fast enough to re-run on
 * every slider move and inside equilibrium solvers.
 *
 * Exact in expectation for counts, readmissions, deaths, episode starts and stop-loss excess
 * (excess.ts); approximate (stated where it happens) for readmissions inside episode windows.
 */
import { GROUP_COUNT, O, SERVICE_COUNT, S } from '../domain.js';
import { STROKE_OUTCOMES } from '../care/parameters.js';
import { CELL_CNI, CELL_COUNT, CELL_GROUP, CELL_RATE_CLASS, RATE_CLASS_COUNT } from '../population/cells.js';
import { monthTransitions, type PopulationChange } from '../population/change.js';
import type { ActivityTable, CellList } from './activity.js';
import { EXTRA, IN_EPISODE, OUTCOME, addDeterministic, createActivityTable, deriveColumns, monthSize, peopleColumns } from './activity.js';
import { CNI_BANDS } from '../domain.js';
import type { ExtraColumn } from './extras.js';
import type { ExcessTracker } from './excess.js';
import { addExpectedExcess } from './excess.js';
import type { CompiledModel } from './model.js';
import { STOCHASTIC_SERVICES } from './model.js';
import type { RateTable } from './rates.js';

export interface ExpectedInput {
  model: CompiledModel;
  cells: CellList;
  rates: RateTable[];
  extras: ExtraColumn[];
  episodeWindow: Int16Array;
}

/**
 * Expected activity for every month.
 * @example const table = runExpected({ model, cells, rates, extras: [], episodeWindow })
 */
export function runExpected(input: ExpectedInput): ActivityTable {
  const { model, cells, rates, extras, episodeWindow } = input;
  if (model.change) return runChanging(input, model.change);
  const months = model.months;
  const table = createActivityTable(months, model.catchments.length, extras.length);
  const d = table.data;
  const N = cells.count.length;
  // Probability of at least one admission, last month, per non-empty cell (readmissions follow it).
  let admittedBefore = new Float64Array(N);
  let admittedNow = new Float64Array(N);
  // Episode starts per cell per month (probability per person), for the window recursion.
  const hasEpisodes = episodeWindow.some((w) => w > 0);
  // A ring of the last `ring` months, month-major so a month's row is contiguous.
  const ring = Math.max(1, ...Array.from(episodeWindow));
  const starts = hasEpisodes ? new Float64Array(ring * N) : new Float64Array(0);
  const weighted = extras.flatMap((x, i) => (x.kind === 'weighted' ? x.services.map((s) => ({ s, column: EXTRA + i, weight: x.weight, extra: i })) : []));
  const excess: ExcessTracker[] = extras.flatMap((x, i) => (x.kind === 'excess' ? [{ column: EXTRA + i, x, tables: new Map() }] : []));
  const people = peopleColumns(extras);

  const size = monthSize(table);
  const repeats = new Uint8Array(months);
  table.repeats = repeats;
  const excessColumns = excess.map((e) => e.column);
  // Both engines start from the steady state of month 0's rates (people already in windows,
  // some admitted last month). Episode starts then stay at their fixed point while rates stay the
  // same; after a change they settle only geometrically, so months are copied only while the rates
  // have never changed.
  const unchangedUntil = rates.findIndex((r) => r !== rates[0]);
  const firstChange = unchangedUntil < 0 ? months : unchangedUntil;
  const history = (i: number, c: number, lambda: Float64Array): number => {
    const l = (cells.catchment[i] * RATE_CLASS_COUNT + CELL_RATE_CLASS[c]) * SERVICE_COUNT;
    return 1 - Math.exp(-lambda[l + S.admission]);
  };
  for (let i = 0; i < N; i++) admittedBefore[i] = history(i, cells.cell[i], rates[0].lambda) ;
  const steadyStart = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const c = cells.cell[i];
    const window = episodeWindow[CELL_GROUP[c]];
    if (window > 0) steadyStart[i] = stationaryStart(window, cells.survive ? cells.survive[i] : 1 - model.deathProbability[c], admittedBefore[i]);
  }
  for (let m = 0; m < months; m++) {
    const r = rates[m];
    if (m >= 1 && m < firstChange) {
      // Same rates as the months it depends on: this month equals the last one, but for year-end excess.
      d.copyWithin(m * size, (m - 1) * size, m * size);
      repeats[m] = 1;
      if (excessColumns.length > 0) {
        for (let o = m * size; o < (m + 1) * size; o += table.cols) for (const col of excessColumns) d[o + col] = 0;
        if (m % 12 === 11 || m === months - 1) {
          repeats[m] = 0;
          addExpectedExcess(model, cells, table, r, m, excess);
        }
        if ((m - 1) % 12 === 11) repeats[m] = 0; // the month copied from held excess
      }
      if (hasEpisodes) starts.copyWithin((m % ring) * N, ((m - 1) % ring) * N, ((m - 1) % ring) * N + N);
      continue; // last month's admission probabilities stay this month's
    }
    expectedMonth(table, cells, model.deathProbability, r, m, admittedBefore, admittedNow, episodeWindow, starts, steadyStart, ring, weighted);
    if (excess.length > 0 && (m % 12 === 11 || m === months - 1)) addExpectedExcess(model, cells, table, r, m, excess);
    [admittedBefore, admittedNow] = [admittedNow, admittedBefore];
    addDeterministic(table, cells, m, r, people);
    deriveColumns(table, model, m, r);
  }
  return table;
}

const STOCHASTIC = STOCHASTIC_SERVICES;
const ADL = STROKE_OUTCOMES.adlIndependent;
const UNIT = STROKE_OUTCOMES.directToStrokeUnit;

/** The cell loop of one computed month: a small, hot function with everything it reads passed in. */
function expectedMonth(
  table: ActivityTable,
  cells: CellList,
  deathProbability: Float64Array,
  r: RateTable,
  m: number,
  admittedBefore: Float64Array,
  admittedNow: Float64Array,
  episodeWindow: Int16Array,
  starts: Float64Array,
  steadyStart: Float64Array,
  ring: number,
  weighted: { s: number; column: number; weight: Float64Array; extra: number }[],
): void {
  const { lambda, readmit, coordination } = r;
  const d = table.data;
  const N = cells.count.length;
  const catchment = cells.catchment;
  const cellOf = cells.cell;
  const count = cells.count;
  const cellGroup = CELL_GROUP;
  const cellCni = CELL_CNI;
  const cellRate = CELL_RATE_CLASS;
  const G = GROUP_COUNT;
  const B = CNI_BANDS;
  const SC = SERVICE_COUNT;
  const RC = RATE_CLASS_COUNT;
  const cols = table.cols;
  const monthRow = m * table.catchments;
  const sAdmission = S.admission;
  const sReadmission = S.readmission;
  const oDeaths = OUTCOME + O.deaths;
  const nWeighted = weighted.length;
  const merged = cells.survive;
  const mergedWeights = cells.weights;
  for (let i = 0; i < N; i++) {
    const k = catchment[i];
    const c = cellOf[i];
    const n = count[i];
    const g = cellGroup[c];
    const row = (((monthRow + k) * G + g) * B + cellCni[c]) * cols;
    const l = (k * RC + cellRate[c]) * SC;
    const survive = merged ? merged[i] : 1 - deathProbability[c];
    const pAdmitted = 1 - Math.exp(-lambda[l + sAdmission]);
    admittedNow[i] = pAdmitted;
    const readmissions = n * admittedBefore[i] * survive * readmit[k * G + g];

    // In an episode window: started this month or in the last W − 1 months and still alive.
    const window = episodeWindow[g];
    let start = 0;
    let inWindow = 0;
    if (window > 0) {
      start = episodeStart(starts, steadyStart[i], i, N, ring, m, window, survive, pAdmitted);
      starts[(m % ring) * N + i] = start;
      inWindow = pAdmitted > 0 ? 1 - start / pAdmitted + start : 0; // earlier windows + one opened now
    }
    addCareRow(d, row, n, lambda, l, window, n * start, inWindow, coordination[k * G + g], readmissions);
    d[row + oDeaths] += n * (1 - survive);
    for (let w = 0; w < nWeighted; w++) {
      const ws = weighted[w];
      const x = ws.s === sReadmission ? readmissions : n * lambda[l + ws.s];
      d[row + ws.column] += x * (mergedWeights ? mergedWeights[ws.extra][i] : ws.weight[c]);
    }
  }
}

/**
 * One row's care in a month, in both the stationary and the changing population's loop: each
 * stochastic service at its rate for `people`, and where the need group has an episode window the
 * episodes started (`episodes`), their stroke outcomes at the row's coordination, and the share of
 * care inside a window (`inWindow`: every admission is in one, as it opens one or falls in one).
 * @example addCareRow(table.data, row, 120, lambda, l, 0, 0, 0, 0.4, 1.2)
 */
function addCareRow(d: Float64Array, row: number, people: number, lambda: Float64Array, l: number, window: number, episodes: number, inWindow: number, coord: number, readmissions: number): void {
  const stochastic = STOCHASTIC;
  const sAdmission = S.admission;
  const sReadmission = S.readmission;
  if (window > 0) {
    d[row + OUTCOME + O.episodes] += episodes;
    d[row + OUTCOME + O.adlIndependent] += episodes * (ADL.atZero + (ADL.atFull - ADL.atZero) * coord);
    d[row + OUTCOME + O.directToStrokeUnit] += episodes * (UNIT.atZero + (UNIT.atFull - UNIT.atZero) * coord);
    for (let j = 0; j < stochastic.length; j++) {
      const s = stochastic[j];
      const x = people * lambda[l + s];
      d[row + s] += x;
      d[row + IN_EPISODE + s] += s === sAdmission ? x : x * inWindow;
    }
    // Approximation: a readmission follows last month's admission, whose window covers this month when W ≥ 2.
    if (window > 1) d[row + IN_EPISODE + sReadmission] += readmissions;
  } else {
    for (let j = 0; j < stochastic.length; j++) d[row + stochastic[j]] += people * lambda[l + stochastic[j]];
  }
  d[row + sReadmission] += readmissions;
}

/**
 * Probability that a person starts an episode in month m: admitted, and not inside a window that
 * opened in the last W − 1 months (and survived since). Before month 0 the steady state `before` holds.
 */
function episodeStart(starts: Float64Array, before: number, i: number, N: number, ring: number, m: number, window: number, survive: number, pAdmitted: number): number {
  let earlier = 0;
  let s = 1;
  for (let j = 1; j < window; j++) {
    s *= survive;
    earlier += (m - j >= 0 ? starts[((m - j) % ring) * N + i] : before) * s;
  }
  return (1 - earlier) * pAdmitted;
}

/**
 * Fixed point of the episode-start recursion under constant rates: x = p·(1 − x·Σⱼ Sʲ), j = 1…W−1.
 * @example stationaryStart(3, 1, 0.1) // 0.1 / (1 + 0.1·2)
 */
export function stationaryStart(window: number, survive: number, pAdmitted: number): number {
  let sum = 0;
  let s = 1;
  for (let j = 1; j < window; j++) sum += (s *= survive);
  return pAdmitted / (1 + pAdmitted * sum);
}

/**
 * Where each slot's people who survive and stay are next month (themselves, a nursing home, an
 * older band), as slot indices and probabilities (compressed rows), over the slots (catchment ×
 * cell) reachable from the start by these moves and new listings.
 */
interface Slots {
  catchment: Uint16Array;
  cell: Uint16Array;
  start: Float64Array;
  entrant: Float64Array;
  from: Int32Array;
  to: Int32Array;
  share: Float64Array;
}

function reachableSlots(model: CompiledModel, change: PopulationChange): Slots {
  const index = new Map<number, number>();
  const keys: number[] = [];
  const add = (key: number): number => {
    let i = index.get(key);
    if (i === undefined) {
      index.set(key, (i = keys.length));
      keys.push(key);
    }
    return i;
  };
  const counts = change.start;
  for (let j = 0; j < counts.length; j++) if (counts[j] > 0) add(j);
  for (const j of change.entrantSlot) add(j);
  const from: number[] = [];
  const to: number[] = [];
  const share: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    from.push(to.length);
    const c = keys[i] % CELL_COUNT;
    const base = keys[i] - c;
    const targets = monthTransitions(change, c);
    targets.cells.forEach((t, x) => {
      to.push(add(base + t));
      share.push(targets.shares[x]);
    });
  }
  from.push(to.length);
  const start = new Float64Array(keys.length);
  const entrant = new Float64Array(keys.length);
  keys.forEach((key, i) => (start[i] = counts[key]));
  let previous = 0;
  change.entrantSlot.forEach((key, x) => {
    entrant[index.get(key)!] += change.entrantCumulative[x] - previous;
    previous = change.entrantCumulative[x];
  });
  return {
    catchment: Uint16Array.from(keys, (key) => Math.floor(key / CELL_COUNT)),
    cell: Uint16Array.from(keys, (key) => key % CELL_COUNT),
    start,
    entrant,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    share: Float64Array.from(share),
  };
}

/**
 * The expected-value engine for a changing population: expected people per catchment × cell move
 * month by month (death, moving away, ageing, new listings). Readmissions and episode windows
 * follow the people: the state is expected counts (people admitted last month, people whose window
 * opened j months ago) that move with them, so the engine stays exact in expectation.
 */
function runChanging(input: ExpectedInput, change: PopulationChange): ActivityTable {
  const { model, rates, extras, episodeWindow } = input;
  const months = model.months;
  const table = createActivityTable(months, model.catchments.length, extras.length);
  const d = table.data;
  const slots = reachableSlots(model, change);
  const N = slots.cell.length;
  const weighted = extras.flatMap((x, i) => (x.kind === 'weighted' ? x.services.map((s) => ({ s, column: EXTRA + i, weight: x.weight })) : []));
  const excess: ExcessTracker[] = extras.flatMap((x, i) => (x.kind === 'excess' ? [{ column: EXTRA + i, x, tables: new Map() }] : []));
  const people = peopleColumns(extras);
  // People at the start of the year: a stop-loss year closes for each of them at its end or when they leave.
  let yearStart = new Float64Array(0);
  const ring = Math.max(1, ...Array.from(episodeWindow));
  let n = Float64Array.from(slots.start);
  // People alive at the start of the month who were admitted last month; people whose episode window opened j months ago (j = 1 … ring − 1).
  let admitted = new Float64Array(N);
  let windows = Array.from({ length: ring - 1 }, () => new Float64Array(N));
  const pNow = new Float64Array(N);
  const startsNow = new Float64Array(N);
  // Module constants read in the hot loops are copied to locals first (module bindings are slow to read there).
  const G = GROUP_COUNT;
  const B = CNI_BANDS;
  const RC = RATE_CLASS_COUNT;
  const SC = SERVICE_COUNT;
  const cellGroup = CELL_GROUP;
  const cellCni = CELL_CNI;
  const cellRate = CELL_RATE_CLASS;
  const sAdmission = S.admission;
  const sReadmission = S.readmission;
  const oDeaths = OUTCOME + O.deaths;
  const deathProbability = model.deathProbability;
  const { leave } = change;
  const { catchment: slotCatchment, cell: slotCell, from, to, share } = slots;
  let next = new Float64Array(N);
  let admittedNext = new Float64Array(N);
  let windowsNext = windows.map(() => new Float64Array(N));
  // Before month 0: the steady state of month 0's rates, as the microsimulation's warm start.
  for (let i = 0; i < N; i++) {
    const c = slots.cell[i];
    const k = slots.catchment[i];
    const p = 1 - Math.exp(-rates[0].lambda[(k * RATE_CLASS_COUNT + CELL_RATE_CLASS[c]) * SERVICE_COUNT + S.admission]);
    const survive = 1 - model.deathProbability[c];
    admitted[i] = n[i] * p * survive;
    const window = episodeWindow[CELL_GROUP[c]];
    if (window > 1) {
      const x = stationaryStart(window, survive, p);
      let s = 1;
      for (let j = 1; j < window; j++) windows[j - 1][i] = n[i] * x * (s *= survive);
    }
  }
  const cols = table.cols;
  /** Slot i's x people who survive and stay (× stay), to where they are next month. */
  function move(i: number, x: number, into: Float64Array, stay: number): void {
    if (x === 0) return;
    const kept = x * stay;
    for (let e = from[i]; e < from[i + 1]; e++) into[to[e]] += kept * share[e];
  }
  for (let m = 0; m < months; m++) {
    const r = rates[m];
    const { lambda, readmit, coordination } = r;
    const monthRow = m * table.catchments;
    let alive = 0;
    for (let i = 0; i < N; i++) {
      const people = n[i];
      alive += people;
      if (people === 0) continue;
      const k = slotCatchment[i];
      const c = slotCell[i];
      const g = cellGroup[c];
      const row = (((monthRow + k) * G + g) * B + cellCni[c]) * cols;
      const l = (k * RC + cellRate[c]) * SC;
      const p = 1 - Math.exp(-lambda[l + sAdmission]);
      pNow[i] = p;
      const readmissions = admitted[i] * readmit[k * G + g];
      const window = episodeWindow[g];
      let start = 0;
      let inWindow = 0;
      if (window > 0) {
        let earlier = 0;
        for (let j = 1; j < window; j++) earlier += windows[j - 1][i];
        start = Math.max(0, people - earlier) * p;
        inWindow = (earlier + start) / people;
      }
      startsNow[i] = start;
      addCareRow(d, row, people, lambda, l, window, start, inWindow, coordination[k * G + g], readmissions);
      d[row + oDeaths] += people * deathProbability[c];
      for (let w = 0; w < weighted.length; w++) {
        const ws = weighted[w];
        d[row + ws.column] += (ws.s === sReadmission ? readmissions : people * lambda[l + ws.s]) * ws.weight[c];
      }
    }
    const now: CellList = { catchment: slotCatchment, cell: slotCell, count: n };
    if (excess.length > 0 && m % 12 === 0) yearStart = Float64Array.from(n);
    if (excess.length > 0 && (m % 12 === 11 || m === months - 1))
      addExpectedExcess(model, { catchment: slotCatchment, cell: slotCell, count: yearStart }, table, r, m, excess, { replaced: false, leave });
    addDeterministic(table, now, m, r, people);
    deriveColumns(table, model, m, r);

    // Who is there next month: survivors who stay, moved up a band where they age, and new people.
    next.fill(0);
    admittedNext.fill(0);
    for (const w of windowsNext) w.fill(0);
    for (let i = 0; i < N; i++) {
      if (n[i] === 0) continue;
      const c = slotCell[i];
      const stay = (1 - deathProbability[c]) * (1 - leave);
      move(i, n[i], next, stay);
      move(i, n[i] * pNow[i], admittedNext, stay);
      if (windowsNext.length > 0) move(i, startsNow[i], windowsNext[0], stay);
      for (let j = 1; j < windowsNext.length; j++) move(i, windows[j - 1][i], windowsNext[j], stay);
    }
    const entrants = change.entry * alive;
    if (entrants > 0) for (let i = 0; i < N; i++) next[i] += entrants * slots.entrant[i];
    [n, next] = [next, n];
    [admitted, admittedNext] = [admittedNext, admitted];
    [windows, windowsNext] = [windowsNext, windows];
  }
  return table;
}
