/**
 * How far a receiver's amount from a component, or a provider's margin, strays from its
 * expectation under the microsimulation's draws: what the expected-value engine needs to take the
 * expectation of a cap, a floor or a risk corridor rather than to apply it to the expectation
 * (E[min(X, cap)] is below min(E[X], cap) by about 0.4 standard deviations when the cap is near the
 * mean).
 *
 * Each care event is a Poisson draw (variance = its expected count); one more event of service s in
 * a row changes that row's counts (an admission also its readmission to come), the part of them inside episode windows, episodes and their
 * outcomes, weighted counts and the derived columns (discharge planning, bed days, DRG points) by
 * the row's own ratios. A kind's amount changes by what its own `accrue` makes of that changed
 * row, so this works for every kind whose payout adds its rows (width 1, additive) with no
 * knowledge of the kind; the sum of squared changes times the expected counts is the variance.
 * A kind that does not add its rows (a goal's attainment) is taken as fixed at its expectation.
 * Totals are then taken as normal: over a quarter of a provider's thousands of events they are
 * very nearly so.
 */
import { CNI_BANDS, GROUP_COUNT, O, SERVICE_COUNT, S } from '../domain.js';
import type { ActivityTable } from '../engine/activity.js';
import { EXTRA, IN_EPISODE, OUTCOME, deriveRow, rowOffset } from '../engine/activity.js';
import { deliveredCost } from '../engine/extras.js';
import type { CompiledModel } from '../engine/model.js';
import { STOCHASTIC_SERVICES, serviceCost } from '../engine/model.js';
import { normalExcess as upperTail } from '../engine/excess.js';
import type { Accrual, RowCursor } from './kinds/kind.js';
import type { CompiledComponent, PaymentPlan } from './plan.js';

/** Services whose counts are drawn (readmissions after an admission): the sources of variance. */
const EVENTS: readonly number[] = [...STOCHASTIC_SERVICES, S.readmission];
const EPISODE_COLUMNS = [OUTCOME + O.episodes, OUTCOME + O.adlIndependent, OUTCOME + O.directToStrokeUnit];

/** Whether a component's amount can be followed event by event (its payout adds its rows). */
export function followsEvents(comp: CompiledComponent): boolean {
  return comp.kind.readsRows && comp.kind.additive && comp.kind.width === 1;
}

/**
 * For one row (the cursor's), call `visit` with the row as it would be after one more event of each
 * drawn service, and that event's expected count (its variance). The cursor is pointed at the
 * changed row during the call and restored after.
 * @example eachEvent(plan, table, at, scratch, hasHospital, (count) => …)
 */
export function eachEvent(plan: PaymentPlan, t: ActivityTable, at: RowCursor, scratch: Float64Array, hasHospital: boolean, visit: (count: number) => void): void {
  const { d, row } = at;
  const cols = t.cols;
  for (const s of EVENTS) {
    const count = d[row + s];
    if (!(count > 0)) continue;
    scratch.set(d.subarray(row, row + cols));
    scratch[s] += 1;
    scratch[IN_EPISODE + s] += d[row + IN_EPISODE + s] / count;
    if (s === S.admission) {
      for (const col of EPISODE_COLUMNS) scratch[col] += d[row + col] / count;
      // An admission brings its chance of a readmission the month after (in a steady row, readmissions per admission).
      const readmissions = d[row + S.readmission];
      if (readmissions > 0) {
        scratch[S.readmission] += readmissions / count;
        scratch[IN_EPISODE + S.readmission] += d[row + IN_EPISODE + S.readmission] / count;
      }
    }
    plan.extras.forEach((x, i) => {
      if (x.kind !== 'weighted' || !x.services.includes(s)) return;
      let units = 0;
      for (const u of x.services) units += d[row + u];
      scratch[EXTRA + i] += d[row + EXTRA + i] / units;
    });
    deriveRow(scratch, 0, at.model, at.group, at.coordination, hasHospital);
    at.d = scratch;
    at.row = 0;
    visit(count);
    at.d = d;
    at.row = row;
  }
}

/**
 * Change in each receiver's amount (summed over slots) between two accruals of one row, into `out`.
 * @example accrualChange(before, after, out)
 */
export function accrualChange(before: Accrual, after: Accrual, out: Float64Array): void {
  const { slots } = before;
  for (let r = 0; r < out.length; r++) {
    let x = 0;
    for (let i = 0; i < slots; i++) x += after.sums[r * slots + i] - before.sums[r * slots + i];
    out[r] = x;
  }
}

/** A zeroed accrual for one component (width-1 kinds), to accrue a single row into. @example freshAccrual(comp, 31) */
export function freshAccrual(comp: CompiledComponent, slots: number): Accrual {
  return { sums: new Float64Array(comp.receivers * slots * comp.kind.width), touched: new Uint8Array(comp.receivers), slots, width: comp.kind.width };
}

/** Clear an accrual for reuse. */
export function clearAccrual(a: Accrual): void {
  a.sums.fill(0);
  a.touched.fill(0);
}

/**
 * What provider p spends on one unit of service s for a person in catchment k and group g
 * (joint activities cost every team member; home-health visits cost more when coordination fails).
 * @example unitCostTo(model, 2, 0, S.admission, 4, 0.5)
 */
export function unitCostTo(model: CompiledModel, p: number, k: number, s: number, g: number, coordination: number): number {
  if (s === S.sipMeeting || s === S.dischargePlanning) return model.team[k * GROUP_COUNT + g].includes(p) ? serviceCost(model, p, s, g) : 0;
  return model.serviceProvider[k * SERVICE_COUNT + s] === p ? deliveredCost(model, p, s, g, coordination) : 0;
}

/**
 * E[clamp(X, floor, cap)] for X normal with mean μ and standard deviation σ.
 * @example expectedClamp(100, 10, undefined, 100) // 100 − 10·φ(0) ≈ 96.01
 */
export function expectedClamp(mu: number, sigma: number, floor: number | undefined, cap: number | undefined): number {
  if (!(sigma > 0)) return Math.min(cap ?? Infinity, Math.max(floor ?? -Infinity, mu));
  let out = mu;
  if (cap !== undefined) out -= upperTail(mu, sigma, cap); // E[min(X, c)] = μ − E[(X − c)+]
  if (floor !== undefined) out += upperTail(-mu, sigma, -floor); // E[max(X, f)] = μ + E[(f − X)+]
  return out;
}

/**
 * Expected corridor adjustment for a margin M ~ normal(μ, σ) and a corridor of ±limit: the payer
 * takes back `share` of the part above the corridor and covers `share` of the part below it.
 * @example expectedCorridor(0, 100, 50, 0.5)
 */
export function expectedCorridor(mu: number, sigma: number, limit: number, share: number): number {
  return share * (upperTail(-mu, sigma, limit) - upperTail(mu, sigma, limit));
}

/** What the row loops below need of the settlement: its table, rates and package coverage. */
export interface RowSource {
  model: CompiledModel;
  table: ActivityTable;
  /** Team coordination per month, catchment × group. */
  coordination: (month: number) => Float64Array;
  /** Services an active package covers, per month and group: [(month × groups + group) × services + service]. */
  covered: Uint8Array;
  cursor: RowCursor;
}

/**
 * Sum over the rows of months [from, to) for the given need groups: `visitRow` adds a row's part to
 * `month` (zeroed per month) with the cursor set as the settlement sets it; each month's sum is
 * added to `out`. A month whose rows, coordination, coverage and live components repeat the month
 * before (a steady expected table) is not visited again: its sum is the last one's.
 */
function sumOverMonths(src: RowSource, comps: readonly CompiledComponent[], groups: Uint8Array, from: number, to: number, out: Float64Array, visitRow: (month: Float64Array, hasHospital: boolean) => void): void {
  const { model, table: t, cursor: at } = src;
  const month = new Float64Array(out.length);
  at.d = t.data;
  for (let m = from; m < to; m++) {
    if (m === from || !repeats(src, m, comps)) {
      month.fill(0);
      at.month = m;
      const coordination = src.coordination(m);
      for (let g = 0; g < GROUP_COUNT; g++) {
        if (!groups[g]) continue;
        at.group = g;
        at.covered.set(src.covered.subarray((m * GROUP_COUNT + g) * SERVICE_COUNT, (m * GROUP_COUNT + g + 1) * SERVICE_COUNT));
        for (let k = 0; k < t.catchments; k++) {
          at.catchment = k;
          at.coordination = coordination[k * GROUP_COUNT + g];
          const hasHospital = model.serviceProvider[k * SERVICE_COUNT + S.dischargePlanning] >= 0;
          for (let b = 0; b < CNI_BANDS; b++) {
            at.band = b;
            at.slot = g * CNI_BANDS + b;
            at.row = rowOffset(t, m, k, g, b);
            visitRow(month, hasHospital);
          }
        }
      }
    }
    for (let i = 0; i < out.length; i++) out[i] += month[i];
  }
}

/**
 * Variance of each receiver's amount from one component over months [from, to), and the expected
 * number of events that pay it anything (e^−events is the chance it is paid nothing).
 * @example amountVariance(src, plan, comp, 0, 3, 31).variance
 */
export function amountVariance(src: RowSource, plan: PaymentPlan, comp: CompiledComponent, from: number, to: number, slots: number): { variance: Float64Array; events: Float64Array } {
  const R = comp.receivers;
  // [receiver] variance, then [R + receiver] expected count of events that pay the receiver anything.
  const out = new Float64Array(2 * R);
  const before = freshAccrual(comp, slots);
  const after = freshAccrual(comp, slots);
  const change = new Float64Array(R);
  const scratch = new Float64Array(src.table.cols);
  const at = src.cursor;
  sumOverMonths(src, [comp], comp.groups, from, to, out, (month, hasHospital) => {
    clearAccrual(before);
    comp.kind.accrue(comp, at, before);
    eachEvent(plan, src.table, at, scratch, hasHospital, (count) => {
      clearAccrual(after);
      comp.kind.accrue(comp, at, after);
      accrualChange(before, after, change);
      for (let r = 0; r < R; r++) {
        if (change[r] === 0) continue;
        month[r] += change[r] * change[r] * count;
        month[R + r] += count;
      }
    });
  });
  return { variance: out.subarray(0, R), events: out.subarray(R) };
}

/**
 * Variance of the margin (all income from components that add their rows, less the cost of care)
 * of each set of providers over months [from, to). Money a pool receives reaches a member by
 * `poolShare(account, provider)`.
 * @example marginVariance(src, plan, [[0], [1, 2]], 0, 12, () => 0)
 */
export function marginVariance(src: RowSource, plan: PaymentPlan, sets: readonly (readonly number[])[], from: number, to: number, slots: number, poolShare: (account: number, provider: number) => number): Float64Array {
  const { model } = src;
  const P = model.providerIds.length;
  const out = new Float64Array(sets.length);
  const comps = plan.components.filter(followsEvents);
  const C = comps.length;
  const befores = comps.map((c) => freshAccrual(c, slots));
  const afters = comps.map((c) => freshAccrual(c, slots));
  const changes = comps.map((c) => new Float64Array(c.receivers));
  // What reaches each provider of a krona paid to each receiver: [receiver × P + provider], per component.
  const reach = comps.map((c) => {
    const r = new Float64Array(c.receivers * P);
    c.receiverAccounts.forEach((account, i) => {
      const p = plan.providerAccount.indexOf(account);
      if (p >= 0) r[i * P + p] = 1;
      else for (let q = 0; q < P; q++) r[i * P + q] = poolShare(account, q);
    });
    return r;
  });
  const live = new Uint8Array(C);
  const provider = new Float64Array(P);
  const unitCost = new Float64Array(SERVICE_COUNT * P);
  const scratch = new Float64Array(src.table.cols);
  const allGroups = new Uint8Array(GROUP_COUNT).fill(1);
  const at = src.cursor;
  let sums: Float64Array = out; // the month's sums while a row is visited
  let rowOf = 0;
  const visit = (count: number): void => {
    provider.fill(0);
    for (let i = 0; i < C; i++) {
      if (!live[i]) continue;
      const c = comps[i];
      clearAccrual(afters[i]);
      c.kind.accrue(c, at, afters[i]);
      const change = changes[i];
      accrualChange(befores[i], afters[i], change);
      const r = reach[i];
      for (let j = 0; j < c.receivers; j++) {
        const x = change[j];
        if (x === 0) continue;
        for (let q = 0; q < P; q++) provider[q] += x * r[j * P + q];
      }
    }
    const base = src.table.data;
    const row = rowOf;
    for (let s = 0; s < SERVICE_COUNT; s++) {
      const units = scratch[s] - base[row + s];
      if (units === 0) continue;
      for (let p = 0; p < P; p++) provider[p] -= units * unitCost[s * P + p];
    }
    for (let i = 0; i < sets.length; i++) {
      let x = 0;
      for (const p of sets[i]) x += provider[p];
      sums[i] += x * x * count;
    }
  };
  sumOverMonths(src, comps, allGroups, from, to, out, (month, hasHospital) => {
      sums = month;
      for (let i = 0; i < C; i++) {
        const c = comps[i];
        live[i] = c.groups[at.group] === 1 && at.month >= c.startMonth && at.month < c.endMonth ? 1 : 0;
        if (!live[i]) continue;
        clearAccrual(befores[i]);
        c.kind.accrue(c, at, befores[i]);
      }
      for (let s = 0; s < SERVICE_COUNT; s++) for (let p = 0; p < P; p++) unitCost[s * P + p] = unitCostTo(model, p, at.catchment, s, at.group, at.coordination);
      rowOf = at.row;
      eachEvent(plan, src.table, at, scratch, hasHospital, visit);
  });
  return out;
}

/** True when month m's rows, coordination, coverage and the components live in it are those of month m − 1. */
function repeats(src: RowSource, m: number, comps: readonly CompiledComponent[]): boolean {
  if (!src.table.repeats?.[m] || src.coordination(m) !== src.coordination(m - 1)) return false;
  const block = GROUP_COUNT * SERVICE_COUNT;
  for (let i = 0; i < block; i++) if (src.covered[m * block + i] !== src.covered[(m - 1) * block + i]) return false;
  return comps.every((c) => (m >= c.startMonth && m < c.endMonth) === (m - 1 >= c.startMonth && m - 1 < c.endMonth));
}
