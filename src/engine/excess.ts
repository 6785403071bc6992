/**
 * Stop-loss excess in expectation, exactly over the distribution the microsimulation draws from.
 *
 * A person's cost at the tracked providers over t months is a deterministic part (home care,
 * nursing home) plus a compound Poisson sum: each care event s arrives at rate λ_s per month and
 * costs what the tracker charges for it (an admission or readmission also brings its share of
 * discharge planning at the team's coordination). Its distribution below the threshold comes from
 * Panjer's recursion on a grid of `GRID` steps, with each event cost split between its two
 * neighbouring grid points so that the mean is kept; E[(X − T)+] then follows from the mass below
 * the threshold.
 *
 * The microsimulation closes a person's yearly cost at the year end or at death, and the place of
 * one who dies is taken by a newcomer from the next month. So a place's expected excess in a year
 * is summed over the ways the year splits into stays: one from the year's start, and one after
 * each month in which the previous person died.
 *
 * What is left approximate: a readmission is drawn as a Poisson event at the steady rate
 * P(admitted last month) × readmission rate (in the microsimulation it needs last month's
 * admission), and cells merged across age and sex share their count-weighted survival.
 */
import { GROUP_COUNT, SERVICE_COUNT, S } from '../domain.js';
import { CELL_CNI, CELL_GROUP, CELL_RATE_CLASS, RATE_CLASS_COUNT, normalCdf } from '../population/cells.js';
import type { ActivityTable, CellList } from './activity.js';
import { rowOffset } from './activity.js';
import type { ExtraColumn, TrackerCosts } from './extras.js';
import { trackerCosts } from './extras.js';
import type { CompiledModel } from './model.js';
import { STOCHASTIC_SERVICES } from './model.js';
import type { RateTable } from './rates.js';

/** Grid steps below the threshold: the discretisation error of E[(X − T)+] is far below a microsimulation's interval at 400. */
const GRID = 200;
// Work arrays of the recursion, reused (the engine is single-threaded per worker).
const SEVERITY = new Float64Array(GRID);
const STEPS = new Int32Array(GRID);
const WEIGHTS = new Float64Array(GRID);
const MASS = new Float64Array(GRID);
/** Above this many expected events, e^−Λ underflows: the sum is then treated as normal (it is, by then, very nearly). */
const MAX_EVENTS = 600;

/** One stop-loss tracker's state while the expected-value engine runs: its cost tables and its excess per stay length, per rate table. */
export interface ExcessTracker {
  column: number;
  x: Extract<ExtraColumn, { kind: 'excess' }>;
  tables: Map<RateTable, { costs: TrackerCosts; byLength: Map<number, Float64Array> }>;
}

/**
 * Add each cell's expected stop-loss excess for the year ending in `month` to the table's excess
 * columns (in the year-end row, where settlement reads the year's excess from).
 * @example addExpectedExcess(model, cells, table, rates[11], 11, trackers)
 */
export function addExpectedExcess(model: CompiledModel, cells: CellList, table: ActivityTable, r: RateTable, month: number, trackers: ExcessTracker[], turnover: Turnover = STATIONARY): void {
  const monthsInYear = (month % 12) + 1;
  for (const e of trackers) {
    let entry = e.tables.get(r);
    if (!entry) e.tables.set(r, (entry = { costs: trackerCosts(model, e.x.providers, r), byLength: new Map() }));
    const { costs, byLength } = entry;
    for (let i = 0; i < cells.count.length; i++) {
      const k = cells.catchment[i];
      const c = cells.cell[i];
      const g = CELL_GROUP[c];
      const rc = CELL_RATE_CLASS[c];
      const key = (k * RATE_CLASS_COUNT + rc) * GROUP_COUNT + g;
      let f = byLength.get(key);
      if (!f) byLength.set(key, (f = excessByStayLength(costs, r, k, rc, g, e.x.threshold)));
      const death = cells.survive ? 1 - cells.survive[i] : model.deathProbability[c];
      const row = rowOffset(table, month, k, g, CELL_CNI[c]);
      table.data[row + e.column] += cells.count[i] * (turnover.replaced ? placeExcess(f, death, monthsInYear) : personExcess(f, 1 - (1 - death) * (1 - turnover.leave), monthsInYear));
    }
  }
}

/**
 * How people come and go: in a stationary population a newcomer takes the place of one who dies
 * (`cells` count places); in a changing one people die or move away (monthly chance `leave`) and
 * nobody takes their place (`cells` count the people at the year's start; people listed during the
 * year are left out, their part-year costs rarely reaching a stop-loss threshold).
 */
export interface Turnover {
  replaced: boolean;
  leave: number;
}

const STATIONARY: Turnover = { replaced: true, leave: 0 };

/**
 * Expected excess of one person over a year of `months` months who leaves (dies or moves) with
 * probability q each month, the year's cost closing when they leave.
 * @example personExcess(f, 0, 12) // f[12]
 */
export function personExcess(f: Float64Array, q: number, months: number): number {
  let alive = 1;
  let total = 0;
  for (let j = 0; j < months; j++) {
    total += alive * q * f[j + 1];
    alive *= 1 - q;
  }
  return total + alive * f[months];
}

/**
 * Expected excess of one place over a year of `months` months, when the person in it dies with
 * probability q each month and is replaced the month after; f[t] is the excess of a stay of t months.
 * @example placeExcess(f, 0, 12) // f[12]
 */
export function placeExcess(f: Float64Array, q: number, months: number): number {
  let total = 0;
  for (let a = 0; a < months; a++) {
    const start = a === 0 ? 1 : q; // a stay starts in month a when the previous person died in month a − 1
    if (start === 0) continue;
    let alive = 1;
    let stay = 0;
    for (let j = a; j < months; j++) {
      stay += alive * q * f[j - a + 1]; // dies in month j, having had that month's care
      alive *= 1 - q;
    }
    total += start * (stay + alive * f[months - a]);
  }
  return total;
}

/** Excess of a stay of 1…12 months for people of catchment k, rate class rc and group g: [t] for t months, [0] = 0. */
function excessByStayLength(costs: TrackerCosts, r: RateTable, k: number, rc: number, g: number, threshold: number): Float64Array {
  const l = (k * RATE_CLASS_COUNT + rc) * SERVICE_COUNT;
  const ev = (k * GROUP_COUNT + g) * SERVICE_COUNT;
  const coord = r.coordination[k * GROUP_COUNT + g];
  const planning = coord * costs.perEvent[ev + S.dischargePlanning];
  const rates: number[] = [];
  const amounts: number[] = [];
  for (const s of STOCHASTIC_SERVICES) {
    const cost = costs.perEvent[ev + s] + (s === S.admission ? planning : 0);
    if (r.lambda[l + s] > 0 && cost > 0) {
      rates.push(r.lambda[l + s]);
      amounts.push(cost);
    }
  }
  const readmissions = (1 - Math.exp(-r.lambda[l + S.admission])) * r.readmit[k * GROUP_COUNT + g];
  const readmissionCost = costs.perEvent[ev + S.readmission] + planning;
  if (readmissions > 0 && readmissionCost > 0) {
    rates.push(readmissions);
    amounts.push(readmissionCost);
  }
  const perMonth = costs.perMonth[k * RATE_CLASS_COUNT + rc];
  const out = new Float64Array(13);
  for (let t = 1; t <= 12; t++) out[t] = compoundPoissonExcess(rates.map((x) => x * t), amounts, threshold - perMonth * t);
  return out;
}

/**
 * E[(X − T)+] for X a compound Poisson sum: events of amount amounts[i] arriving `rates[i]` times
 * on average. Exact but for the grid (the mean is kept exactly).
 * @example compoundPoissonExcess([1], [100], 50) // 100 − 50 + 50·e^−1
 */
export function compoundPoissonExcess(rates: readonly number[], amounts: readonly number[], threshold: number): number {
  let mean = 0;
  let second = 0;
  let events = 0;
  for (let i = 0; i < rates.length; i++) {
    mean += rates[i] * amounts[i];
    second += rates[i] * amounts[i] * amounts[i];
    events += rates[i];
  }
  if (threshold <= 0) return mean - threshold;
  if (events === 0) return 0;
  if (events > MAX_EVENTS) return normalExcess(mean, Math.sqrt(second), threshold);
  const h = threshold / GRID;
  // Severity on the grid as Λ·g_k per step k ≥ 1 (mass at step 0 only thins the events).
  const lg = SEVERITY.fill(0);
  let atZero = 0;
  for (let i = 0; i < rates.length; i++) {
    const x = amounts[i] / h;
    const lo = Math.floor(x);
    const up = x - lo;
    if (lo === 0) atZero += rates[i] * (1 - up);
    else if (lo < GRID) lg[lo] += rates[i] * (1 - up);
    if (lo + 1 < GRID) lg[lo + 1] += rates[i] * up;
  }
  let nSteps = 0;
  for (let k = 1; k < GRID; k++) {
    if (lg[k] === 0) continue;
    STEPS[nSteps] = k;
    WEIGHTS[nSteps++] = k * lg[k];
  }
  const p = MASS;
  p[0] = Math.exp(-(events - atZero));
  let below = GRID * h * p[0]; // Σ (T − x)·p(x) over x < T
  for (let n = 1; n < GRID; n++) {
    let s = 0;
    for (let j = 0; j < nSteps; j++) {
      const k = STEPS[j];
      if (k > n) break;
      s += WEIGHTS[j] * p[n - k];
    }
    p[n] = s / n;
    below += (GRID - n) * h * p[n];
  }
  return Math.max(0, mean - threshold + below);
}

/** E[(X − T)+] for X normal with mean μ and standard deviation σ. */
export function normalExcess(mu: number, sigma: number, threshold: number): number {
  if (sigma <= 0) return Math.max(0, mu - threshold);
  const z = (threshold - mu) / sigma;
  const phi = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return sigma * phi + (mu - threshold) * (1 - normalCdf(z));
}
