/**
 * Settlement of a steady year from per-group parts, for the behaviour solver. In a steady year
 * every month's rows are the same, so a component's sums over a period are one month's sums of
 * each need group's rows times the months (grouped by which services a package covers in those
 * months). A solver that changes one group's decisions then re-accrues that group alone.
 *
 * Only plumbing lives here: what a component accrues and pays out is its kind's own `accrue` and
 * `payout` (payment/kinds/), the cap and floor are the contract layer's (payment/limits.ts), a
 * withhold's are payment/kinds/withhold.ts's and the pools' shares are payment/receivers.ts's —
 * the very functions the ledger's settlement calls.
 * Designs with a stop-loss or a risk corridor, which need each person's yearly cost or the year's
 * margins, keep the full evaluation.
 */
import { CNI_BANDS, GROUP_COUNT, SERVICE_COUNT } from '../domain.js';
import type { CompiledModel } from '../engine/model.js';
import type { Accrual, Period, RowCursor } from '../payment/kinds/kind.js';
import { WITHHOLD_WIDTH, accrueWithholdQuality, returnWithheld, withhold, withholdScore } from '../payment/kinds/withhold.js';
import { applyCapAndFloor } from '../payment/limits.js';
import type { CompiledComponent, PaymentPlan } from '../payment/plan.js';
import { poolShares, splitAmongMembers } from '../payment/receivers.js';
import { coveredServices, newCursor } from '../payment/settle.js';

interface SteadyPeriod {
  months: number;
  /** First month, from the start of the steady year. */
  start: number;
  /** Per group, months of the period under each of the group's coverage masks: [group][mask]. */
  monthsUnder: number[][];
}

interface Item {
  comp: CompiledComponent;
  periods: SteadyPeriod[];
  payerShare: number;
  /** Per period, the amounts of a kind that reads no rows (they depend on no decision), once computed. */
  fixed: (Float64Array | null)[];
  /** A period's sums and amounts while it is settled, kept so that a solver's trials allocate none. */
  scratch: { acc: Accrual; amounts: Float64Array; quality: Float64Array; withheld: Float64Array; held: Float64Array };
  /** Per period, the sums it was last paid out for and what it paid. */
  last: { valid: boolean; sums: Float64Array; touched: Uint8Array; amounts: Float64Array; period: Period }[];
}

/** The components of a year, ready to settle from group parts. */
export interface SteadyPlan {
  model: CompiledModel;
  plan: PaymentPlan;
  items: Item[];
  /** Per group, the distinct sets of services packages cover in some month of the year. */
  masks: Uint8Array[][];
  /** The pool an account belongs to, by account (−1 for none). */
  poolOf: Int32Array;
  /** The row cursor `accrueCatchment` moves, made on first use, and the mask its covered services were last copied from. */
  cursor?: RowCursor;
  coveredBy?: Uint8Array;
  /** What `steadyReceipts` returns, filled anew on each call. */
  net: Float64Array;
}

/** One component's sums over a group's rows for one month, per coverage mask. */
export interface GroupSums {
  sums: Float64Array[];
  touched: Uint8Array[];
  /** A withhold's indicator terms over the group's rows for one month (kinds/withhold.ts), or null. */
  quality: Float64Array | null;
}

/**
 * The plan of a steady year, or null when a stop-loss or a risk corridor needs the full evaluation.
 * @example const plan = steadyPlan(ctx.view.model, ctx.view.plan)
 */
export function steadyPlan(model: CompiledModel, plan: PaymentPlan): SteadyPlan | null {
  if (plan.components.some((c) => c.spec.stopLoss !== undefined || c.spec.riskCorridor !== undefined)) return null;
  const months = 12;
  const covered = coveredServices(plan, months);
  const masks: Uint8Array[][] = [];
  const maskOf: number[][] = [];
  for (let g = 0; g < GROUP_COUNT; g++) {
    masks.push([]);
    maskOf.push([]);
    for (let m = 0; m < months; m++) {
      const mask = covered.subarray((m * GROUP_COUNT + g) * SERVICE_COUNT, (m * GROUP_COUNT + g + 1) * SERVICE_COUNT);
      let i = masks[g].findIndex((x) => x.every((v, s) => v === mask[s]));
      if (i < 0) i = masks[g].push(Uint8Array.from(mask)) - 1;
      maskOf[g].push(i);
    }
  }
  const items = plan.components.map((comp): Item => {
    const periods: SteadyPeriod[] = [];
    for (let p0 = comp.startMonth; p0 < comp.endMonth; p0 += comp.periodMonths) {
      const p1 = Math.min(comp.endMonth, p0 + comp.periodMonths);
      const monthsUnder = masks.map((list, g) => {
        const counts = list.map(() => 0);
        for (let m = p0; m < p1; m++) counts[maskOf[g][m]]++;
        return counts;
      });
      periods.push({ months: p1 - p0, start: p0, monthsUnder });
    }
    // A kind whose year is the sum of its periods settles them as one, unless a cap or floor acts on each.
    const limited = comp.spec.cap !== undefined || comp.spec.floor !== undefined;
    if (comp.kind.additive && !limited && periods.length > 1) {
      const merged: SteadyPeriod = { months: 0, start: periods[0].start, monthsUnder: masks.map((list) => list.map(() => 0)) };
      for (const p of periods) {
        merged.months += p.months;
        p.monthsUnder.forEach((counts, g) => counts.forEach((n, i) => (merged.monthsUnder[g][i] += n)));
      }
      periods.splice(0, periods.length, merged);
    }
    const acc: Accrual = { sums: new Float64Array(comp.receivers * comp.kind.width), touched: new Uint8Array(comp.receivers), slots: 1, width: comp.kind.width };
    const scratch = { acc, amounts: new Float64Array(comp.receivers), quality: new Float64Array(WITHHOLD_WIDTH), withheld: new Float64Array(comp.receivers), held: new Float64Array(comp.receivers) };
    const last = periods.map((period) => ({ valid: false, sums: new Float64Array(acc.sums.length), touched: new Uint8Array(comp.receivers), amounts: new Float64Array(comp.receivers), period: { months: period.months, lump: 0, model, start: period.start } }));
    return { comp, periods, payerShare: comp.payers.reduce((a, p) => a + p.share, 0), fixed: periods.map(() => null), scratch, last };
  });
  const poolOf = new Int32Array(plan.accounts.length).fill(-1);
  for (const pool of plan.pools) poolOf[pool.account] = pool.index;
  return { model, plan, items, masks, poolOf, net: new Float64Array(plan.accounts.length) };
}

/**
 * Where one catchment's payment sums for group g sit in a flat block of numbers (from `at`) and
 * of flags: per component, a withhold's indicator terms, then the sums and the touched receivers
 * per coverage mask of the group.
 */
export interface PayLayout {
  size: number;
  flagSize: number;
  /** Per component, the offset of its withhold's indicator terms, or −1. */
  quality: Int32Array;
  /** [component][mask] offsets of the sums and of the touched flags. */
  sums: number[][];
  touched: number[][];
}

/**
 * The layout of group g's payment sums in a block, starting at number `at`.
 * @example const pay = payLayout(plan, 4, 0)
 */
export function payLayout(steady: SteadyPlan, g: number, at: number): PayLayout {
  let size = at;
  let flagSize = 0;
  const quality = new Int32Array(steady.items.length).fill(-1);
  const sums: number[][] = [];
  const touched: number[][] = [];
  steady.items.forEach(({ comp }, c) => {
    if (comp.spec.withhold) {
      quality[c] = size;
      size += WITHHOLD_WIDTH;
    }
    sums.push([]);
    touched.push([]);
    for (let i = 0; i < steady.masks[g].length; i++) {
      sums[c].push(size);
      size += comp.receivers * comp.kind.width;
      touched[c].push(flagSize);
      flagSize += comp.receivers;
    }
  });
  return { size: size - at, flagSize, quality, sums, touched };
}

/**
 * Where one catchment's accruals go: per component and coverage mask an accrual whose sums and
 * touched flags are views of a block and its flags (laid out by `payLayout`), and per component a
 * view for a withhold's indicator terms (null without one). Kinds then add straight into the block.
 */
export interface CatchmentAccruals {
  sums: (Accrual | null)[][];
  quality: (Float64Array | null)[];
  /** The components that accrue anything in the group (reading its rows, or a withhold's terms): the rest are skipped. */
  active: Int32Array;
  /** [start, end) pairs of the flags the active components can set: no other flag is ever set. */
  flagRanges: Int32Array;
}

/**
 * The accruals of group g's catchments into `block` and `flags`, laid out by `layout` from their starts.
 * @example const accruals = catchmentAccruals(plan, payLayout(plan, 4, at), 4, block, flags)
 */
export function catchmentAccruals(steady: SteadyPlan, layout: PayLayout, g: number, block: Float64Array, flags: Uint8Array): CatchmentAccruals {
  const reads = steady.items.map(({ comp }) => comp.kind.readsRows && comp.groups[g] === 1);
  const active = Int32Array.from(steady.items.flatMap(({ comp }, c) => (reads[c] || comp.spec.withhold ? [c] : [])));
  const flagRanges = Int32Array.from(steady.items.flatMap(({ comp }, c) => (reads[c] ? layout.touched[c].flatMap((t) => [t, t + comp.receivers]) : [])));
  return {
    active,
    flagRanges,
    sums: steady.items.map(({ comp }, c) =>
      steady.masks[g].map((_, i) => {
        if (!reads[c]) return null;
        const o = layout.sums[c][i];
        const t = layout.touched[c][i];
        return { sums: block.subarray(o, o + comp.receivers * comp.kind.width), touched: flags.subarray(t, t + comp.receivers), slots: 1, width: comp.kind.width };
      }),
    ),
    quality: steady.items.map((_, c) => (layout.quality[c] >= 0 ? block.subarray(layout.quality[c], layout.quality[c] + WITHHOLD_WIDTH) : null)),
  };
}

/**
 * True when every component accrues from a catchment's rows summed over its CNI bands what it
 * accrues band by band (its kind says so: `bandFree`; a withhold's quality terms are sums of
 * columns), so that one row per catchment settles the year.
 * @example settlesSummedRows(plan) // false with a case-mix weighted fee
 */
export function settlesSummedRows(steady: SteadyPlan): boolean {
  return steady.items.every(({ comp }) => !comp.kind.readsRows || comp.kind.bandFree?.(comp) === true);
}

/**
 * Add one catchment's month of group g (its rows `d`, [band × cols + column], or with `summed` the
 * one row of their sum, see `settlesSummedRows`) to the block and flags its accruals view (which
 * start at zero): what each component's kind accrues, as settlement would.
 * @example accrueCatchment(plan, accruals, 4, k, rows, cols, coordination)
 */
export function accrueCatchment(steady: SteadyPlan, accruals: CatchmentAccruals, g: number, k: number, d: Float64Array, cols: number, coordination: number, summed = false): void {
  const at = (steady.cursor ??= newCursor(steady.model, d));
  at.d = d;
  at.group = g;
  at.catchment = k;
  at.coordination = coordination;
  const masks = steady.masks[g];
  const { items } = steady;
  // The covered services are copied into the cursor only when they change (most designs have one mask).
  let covered = steady.coveredBy;
  const { active } = accruals;
  for (let a = 0; a < active.length; a++) {
    const c = active[a];
    const { comp } = items[c];
    const w = comp.spec.withhold;
    if (w) {
      const quality = accruals.quality[c]!;
      for (let b = 0; b < (summed ? 1 : CNI_BANDS); b++) {
        at.band = summed ? -1 : b;
        at.row = b * cols;
        accrueWithholdQuality(comp, w, at, quality);
      }
    }
    const sums = accruals.sums[c];
    for (let i = 0; i < masks.length; i++) {
      const acc = sums[i];
      if (acc === null) break;
      if (covered !== masks[i]) at.covered.set((covered = masks[i]));
      for (let b = 0; b < (summed ? 1 : CNI_BANDS); b++) {
        // A summed row has no band: a kind that read one would find none.
        at.band = summed ? -1 : b;
        at.row = b * cols;
        comp.kind.accrue(comp, at, acc);
      }
    }
  }
  steady.coveredBy = covered;
}

/**
 * Group sums as `steadyReceipts` reads them, viewing a block of totals laid out by `layout`.
 * @example const pay = paySums(plan, layout, 4, totals, flags)
 */
export function paySums(steady: SteadyPlan, layout: PayLayout, g: number, block: Float64Array, flags: Uint8Array): GroupSums[] {
  return steady.items.map(({ comp }, c) => ({
    sums: steady.masks[g].map((_, i) => block.subarray(layout.sums[c][i], layout.sums[c][i] + comp.receivers * comp.kind.width)),
    touched: steady.masks[g].map((_, i) => flags.subarray(layout.touched[c][i], layout.touched[c][i] + comp.receivers)),
    quality: layout.quality[c] >= 0 ? block.subarray(layout.quality[c], layout.quality[c] + WITHHOLD_WIDTH) : null,
  }));
}

/**
 * Net payments received over the year by every account, from each group's `groupPaySums`, one
 * month's cost per provider (pools shared by cost) and units per provider (shared by activity).
 * The array returned is the plan's own, overwritten by the next call.
 * @example steadyReceipts(plan, sums, monthCost, monthUnits)[plan.plan.providerAccount[0]]
 */
export function steadyReceipts(steady: SteadyPlan, parts: readonly GroupSums[][], monthCost: Float64Array, monthUnits: Float64Array): Float64Array {
  const { plan, items, model } = steady;
  const net = steady.net.fill(0);
  // Every month of a steady year has the same costs and units (receivers.ts `poolShares`).
  const shares = plan.pools.map((pool) => poolShares(pool, { cost: (p) => 12 * monthCost[p], activity: (p) => monthUnits[p], providerIds: model.providerIds }));
  for (let c = 0; c < items.length; c++) {
    const item = items[c];
    const { comp, periods, fixed, scratch } = item;
    const kind = comp.kind;
    const size = comp.receivers * kind.width;
    const w = comp.spec.withhold;
    // A steady year's score is its months' score: every month's rows are the same.
    let score = 0;
    if (w) {
      const quality = scratch.quality;
      quality.fill(0);
      for (let g = 0; g < GROUP_COUNT; g++) {
        const q = parts[g][c].quality!;
        for (let i = 0; i < WITHHOLD_WIDTH; i++) quality[i] += q[i];
      }
      score = withholdScore(w, quality);
    }
    for (let t = 0; t < periods.length; t++) {
      const period = periods[t];
      const known = fixed[t];
      if (known) {
        receive(steady, item, known, score, shares, net);
        continue;
      }
      const { acc, amounts } = scratch;
      acc.sums.fill(0);
      acc.touched.fill(0);
      for (let g = 0; g < GROUP_COUNT; g++) {
        const part = parts[g][c];
        const counts = period.monthsUnder[g];
        for (let i = 0; i < counts.length; i++) {
          const n = counts[i];
          if (n === 0) continue;
          const sums = part.sums[i];
          for (let j = 0; j < size; j++) acc.sums[j] += n * sums[j];
          const touched = part.touched[i];
          for (let r = 0; r < comp.receivers; r++) acc.touched[r] |= touched[r];
        }
      }
      // A period whose sums are those of the last time it was paid out pays the same again (a
      // trial that moves one provider leaves most components' sums as they were).
      const last = item.last[t];
      if (!(last.valid && same(acc.sums, last.sums) && same(acc.touched, last.touched))) {
        // Kept as they were before the payout, which may mark receivers as touched.
        last.sums.set(acc.sums);
        last.touched.set(acc.touched);
        amounts.fill(0);
        kind.payout(comp, acc, last.period, amounts);
        applyCapAndFloor(comp.spec, amounts, acc.touched, 1, 0);
        last.amounts.set(amounts);
        last.valid = true;
        if (!kind.readsRows) fixed[t] = Float64Array.from(amounts);
      }
      receive(steady, item, last.amounts, score, shares, net);
    }
  }
  return net;
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Add what a component pays (after the year's withhold, by the functions settlement uses) to the accounts' net receipts. */
function receive(steady: SteadyPlan, item: Item, paid: Float64Array, score: number, shares: number[][], net: Float64Array): void {
  const { comp, payerShare } = item;
  const { plan } = steady;
  const w = comp.spec.withhold;
  let amounts = paid;
  if (w) {
    amounts = item.scratch.withheld;
    amounts.set(paid);
    const held = item.scratch.held;
    held.fill(0);
    withhold(w.share, amounts, held);
    returnWithheld(held, score, amounts);
  }
  for (let r = 0; r < comp.receivers; r++) {
    const amount = amounts[r];
    if (amount === 0) continue;
    const account = comp.receiverAccounts[r];
    net[account] += amount * payerShare;
    const pool = steady.poolOf[account];
    if (pool < 0) continue;
    net[account] -= amount;
    const members = plan.pools[pool].members;
    splitAmongMembers(amount, shares[pool], (i, part) => (net[plan.providerAccount[members[i]]] += part));
  }
}
