/**
 * The microsimulation: people one by one, month by month, with seeded counter-based streams so
 * that two scenarios run with the same seed see the same illnesses (common random numbers).
 *
 * One month of one person, in this order:
 *   1. care needs and events: services drawn from the rate table (stream 'care');
 *      a readmission if the person was admitted last month;
 *   2. episodes: an index admission opens an episode window; its outcomes are drawn (stream 'outcomes');
 *   3. recording: counts into the activity table, costs into person-level trackers;
 *   4. population change: death (stream 'death'); the place is taken by a newcomer of the same cell.
 * Deterministic flows (person-months, home care, residence) and derived columns are then added by
 * the same code as the expected-value engine. Payments are settled afterwards from the table.
 */
import { GROUP_COUNT, O, SERVICE_COUNT, S } from '../domain.js';
import { STROKE_OUTCOMES } from '../care/parameters.js';
import { CELL_CNI, CELL_GROUP, CELL_RATE_CLASS, RATE_CLASS_COUNT } from '../population/cells.js';
import type { Population } from '../population/population.js';
import { CounterRng, streamKey } from '../random.js';
import type { ActivityTable, CellList } from './activity.js';
import { EXTRA, IN_EPISODE, OUTCOME, addDeterministic, createActivityTable, deriveColumns, rowOffset } from './activity.js';
import type { ExtraColumn, TrackerCosts } from './extras.js';
import { trackerCosts } from './extras.js';
import type { CompiledModel } from './model.js';
import { STOCHASTIC_SERVICES } from './model.js';
import { CDF_SIZE, NORMAL_TABLE } from './rates.js';
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

interface Tracker {
  column: number; // −1 for the calibration tracker
  threshold: number;
  cost: Float32Array;
  tables: Map<RateTable, TrackerCosts>;
  providers: Uint8Array;
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
  const d = table.data;
  const J = STOCHASTIC_SERVICES.length;
  const care = new CounterRng(streamKey(input.seed, 'care'));
  const death = new CounterRng(streamKey(input.seed, 'death'));
  const outcomes = new CounterRng(streamKey(input.seed, 'outcomes'));

  const admittedLast = new Uint8Array(n);
  const episodeUntil = new Int16Array(n).fill(-1);
  const counts = new Int32Array(J);

  const weighted: { service: number; column: number; weight: Float64Array }[] = [];
  const trackers: Tracker[] = [];
  extras.forEach((x, i) => {
    if (x.kind === 'weighted') for (const s of x.services) weighted.push({ service: s, column: EXTRA + i, weight: x.weight });
    else trackers.push({ column: EXTRA + i, threshold: x.threshold, cost: new Float32Array(n), tables: new Map(), providers: x.providers });
  });
  const closedCosts: number[] = [];
  if (input.trackPersonCost) {
    trackers.push({ column: -1, threshold: 0, cost: new Float32Array(n), tables: new Map(), providers: new Uint8Array(model.providerIds.length).fill(1) });
  }
  const weightedByService: { column: number; weight: Float64Array }[][] = Array.from({ length: SERVICE_COUNT }, () => []);
  for (const w of weighted) weightedByService[w.service].push(w);
  const stochasticIndex = STOCHASTIC_SERVICES;
  const admissionJ = stochasticIndex.indexOf(S.admission);

  const closeTracker = (t: Tracker, i: number, row: number) => {
    const cost = t.cost[i];
    if (t.column >= 0) {
      if (cost > t.threshold) d[row + t.column] += cost - t.threshold;
    } else closedCosts.push(cost);
    t.cost[i] = 0;
  };

  for (let m = 0; m < months; m++) {
    if (input.signal?.aborted) throw new RunCancelled();
    const r = rates[m];
    const { lambda, cdf, readmit, coordination } = r;
    const trackerTables = trackers.map((t) => {
      let tc = t.tables.get(r);
      if (!tc) t.tables.set(r, (tc = trackerCosts(model, t.providers, r)));
      return tc;
    });
    const yearEnd = m % 12 === 11 || m === months - 1;
    for (let i = 0; i < n; i++) {
      const c = population.cell[i];
      const k = population.catchment[i];
      const rc = CELL_RATE_CLASS[c];
      const g = CELL_GROUP[c];
      const row = rowOffset(table, m, k, g, CELL_CNI[c]);
      const lrow = (k * RATE_CLASS_COUNT + rc) * SERVICE_COUNT;
      const crow = (k * RATE_CLASS_COUNT + rc) * J * CDF_SIZE;

      // 1. Care events.
      care.reset(i, m);
      for (let j = 0; j < J; j++) {
        const u = care.next();
        const o = crow + j * CDF_SIZE;
        let x = 0;
        if (cdf[o] < 0) {
          const l = lambda[lrow + stochasticIndex[j]];
          x = Math.max(0, Math.round(l + Math.sqrt(l) * NORMAL_TABLE[(u * 4096) | 0]));
        } else {
          while (u > cdf[o + x]) x++;
        }
        counts[j] = x;
      }
      const uReadmit = care.next();
      const admissions = counts[admissionJ];
      const readmitted = admittedLast[i] === 1 && uReadmit < readmit[k * GROUP_COUNT + g] ? 1 : 0;
      admittedLast[i] = admissions > 0 ? 1 : 0;

      // 2. Episodes.
      const window = episodeWindow[g];
      if (window > 0 && admissions > 0 && episodeUntil[i] < m) {
        episodeUntil[i] = m + window - 1;
        d[row + OUTCOME + O.episodes] += 1;
        outcomes.reset(i, m);
        const coord = coordination[k * GROUP_COUNT + g];
        const adl = STROKE_OUTCOMES.adlIndependent;
        const unit = STROKE_OUTCOMES.directToStrokeUnit;
        if (outcomes.next() < adl.atZero + (adl.atFull - adl.atZero) * coord) d[row + OUTCOME + O.adlIndependent] += 1;
        if (outcomes.next() < unit.atZero + (unit.atFull - unit.atZero) * coord) d[row + OUTCOME + O.directToStrokeUnit] += 1;
      }
      const inEpisode = episodeUntil[i] >= m;

      // 3. Recording.
      for (let j = 0; j < J; j++) {
        const x = counts[j];
        if (x === 0) continue;
        const s = stochasticIndex[j];
        d[row + s] += x;
        if (inEpisode) d[row + IN_EPISODE + s] += x;
        const ws = weightedByService[s];
        for (let w = 0; w < ws.length; w++) d[row + ws[w].column] += x * ws[w].weight[c];
      }
      if (readmitted) {
        d[row + S.readmission] += 1;
        if (inEpisode) d[row + IN_EPISODE + S.readmission] += 1;
        const ws = weightedByService[S.readmission];
        for (let w = 0; w < ws.length; w++) d[row + ws[w].column] += ws[w].weight[c];
      }
      for (let t = 0; t < trackers.length; t++) {
        const tc = trackerTables[t];
        const ev = (k * GROUP_COUNT + g) * SERVICE_COUNT;
        let cost = tc.perMonth[k * RATE_CLASS_COUNT + rc];
        for (let j = 0; j < J; j++) if (counts[j] > 0) cost += counts[j] * tc.perEvent[ev + stochasticIndex[j]];
        const stays = admissions + readmitted;
        if (readmitted) cost += tc.perEvent[ev + S.readmission];
        if (stays > 0) cost += stays * coordination[k * GROUP_COUNT + g] * tc.perEvent[ev + S.dischargePlanning];
        trackers[t].cost[i] += cost;
      }

      // 4. Population change.
      death.reset(i, m);
      if (death.next() < model.deathProbability[c]) {
        d[row + OUTCOME + O.deaths] += 1;
        for (const t of trackers) closeTracker(t, i, row);
        admittedLast[i] = 0;
        episodeUntil[i] = -1;
      } else if (yearEnd) {
        for (const t of trackers) closeTracker(t, i, row);
      }
    }
    addDeterministic(table, input.cells, m, r);
    deriveColumns(table, model, m, r);
    input.onProgress?.(m + 1, months);
  }
  return { table, personYearCosts: input.trackPersonCost ? Float32Array.from(closedCosts) : undefined };
}
