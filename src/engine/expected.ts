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
import { CELL_CNI, CELL_GROUP, CELL_RATE_CLASS, RATE_CLASS_COUNT } from '../population/cells.js';
import type { ActivityTable, CellList } from './activity.js';
import { EXTRA, IN_EPISODE, OUTCOME, addDeterministic, createActivityTable, deriveColumns, monthSize } from './activity.js';
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
    addDeterministic(table, cells, m, r);
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
  const stochastic = STOCHASTIC;
  const J = stochastic.length;
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
    if (window > 0) {
      const coord = coordination[k * G + g];
      const start = episodeStart(starts, steadyStart[i], i, N, ring, m, window, survive, pAdmitted);
      starts[(m % ring) * N + i] = start;
      const inWindow = pAdmitted > 0 ? 1 - start / pAdmitted + start : 0; // earlier windows + one opened now
      d[row + OUTCOME + O.episodes] += n * start;
      d[row + OUTCOME + O.adlIndependent] += n * start * (ADL.atZero + (ADL.atFull - ADL.atZero) * coord);
      d[row + OUTCOME + O.directToStrokeUnit] += n * start * (UNIT.atZero + (UNIT.atFull - UNIT.atZero) * coord);
      for (let j = 0; j < J; j++) {
        const s = stochastic[j];
        const x = n * lambda[l + s];
        d[row + s] += x;
        // Every admission of a covered person is in a window (it opens one or falls in one).
        d[row + IN_EPISODE + s] += s === sAdmission ? x : x * inWindow;
      }
      // Approximation: a readmission follows last month's admission, whose window covers this month when W ≥ 2.
      if (window > 1) d[row + IN_EPISODE + sReadmission] += readmissions;
    } else {
      for (let j = 0; j < J; j++) {
        const s = stochastic[j];
        d[row + s] += n * lambda[l + s];
      }
    }
    d[row + sReadmission] += readmissions;
    d[row + oDeaths] += n * (1 - survive);
    for (let w = 0; w < nWeighted; w++) {
      const ws = weighted[w];
      const x = ws.s === sReadmission ? readmissions : n * lambda[l + ws.s];
      d[row + ws.column] += x * (mergedWeights ? mergedWeights[ws.extra][i] : ws.weight[c]);
    }
  }
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
