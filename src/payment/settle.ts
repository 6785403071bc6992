/**
 * Settlement: from an activity table (what happened) to transfers in the ledger, component by
 * component and settlement period by period. What a component pays is its kind's (kinds/); how
 * much of it a receiver may get is the contract layer's (limits.ts); who gets it, receivers.ts.
 *
 * Order within a run: ordinary payments of every component per period, less what a withhold holds
 * back, which it returns by a quality score at each year end (kinds/withhold.ts) → stop-loss at
 * each year end → risk corridors at each year end (they need the year's margins) → pools pass
 * their receipts on to their members in the month they receive them.
 *
 * Prospective and retrospective: an amount decided beforehand (fixed pay) is paid at the start of
 * its period when prospective; a price set beforehand (a fee, a DRG price, a package) is paid per
 * actual case, at the end of the period in which the cases happened. No payment is computed from
 * a forecast of volumes: a budget set from forecast volumes is a fixed component.
 */
import { CNI_BANDS, GROUP_COUNT, SERVICE_COUNT } from '../domain.js';
import type { ActivityTable } from '../engine/activity.js';
import { rowOffset } from '../engine/activity.js';
import type { ProviderCosts } from '../engine/costs.js';
import { costOver } from '../engine/costs.js';
import type { CompiledModel } from '../engine/model.js';
import type { RateTable } from '../engine/rates.js';
import type { Accrual, Period, ReconciliationLine, RowCursor } from './kinds/kind.js';
import { LEDGER_SLOTS } from './kinds/kind.js';
import { WITHHOLD_WIDTH, accrueWithholdQuality, returnWithheld, withhold, withholdScore } from './kinds/withhold.js';
import { Ledger } from './ledger.js';
import type { RowSource } from './dispersion.js';
import { amountVariance, followsEvents, marginVariance } from './dispersion.js';
import { applyCapAndFloor, corridorAdjustment, stopLossExcess } from './limits.js';
import type { CompiledComponent, CompiledPool, PaymentPlan } from './plan.js';
import type { MemberMeasures } from './receivers.js';
import { poolShares, splitAmongMembers } from './receivers.js';

const W = LEDGER_SLOTS;
const LUMP = W - 1;

export interface SettleInput {
  model: CompiledModel;
  plan: PaymentPlan;
  actual: ActivityTable;
  costs: ProviderCosts;
  /** Each month's rates: cost-based pay reimburses a home-health visit at what it cost at the team's coordination. */
  rates: readonly RateTable[];
  /**
   * The table is an expectation (the expected-value engine's): caps, floors and corridors are then
   * taken in expectation over the draws around it (dispersion.ts), not applied to the expectation.
   */
  expected?: boolean;
}

/**
 * Settle every component of a plan into a new ledger and check that it balances.
 * @example const ledger = settle({ model, plan, actual, costs, rates })
 */
export function settle(input: SettleInput): Ledger {
  const { model, plan } = input;
  const ledger = new Ledger(plan.accounts);
  const months = model.months;
  const covered = coveredServices(plan, months);
  const cursor = newCursor(model, input.actual.data);
  const book = booker(ledger, input);
  // What each component paid each receiver per year in ordinary payments (its corridor's base).
  const revenue = new Map<number, Float64Array>();
  const spread: RowSource | null = input.expected ? { model, table: input.actual, coordination: (m) => input.rates[m].coordination, covered, cursor: newCursor(model, input.actual.data) } : null;
  for (const comp of plan.components) {
    const from = comp.startMonth;
    const to = comp.endMonth;
    let last: Float64Array | null = null;
    const held = comp.spec.withhold ? new Withheld(comp, input, cursor) : null;
    // A withhold's return is ordinary payment too: it counts in the corridor's base.
    const pay = (paid: Float64Array, at: number) => {
      book(comp, paid, at);
      if (comp.spec.riskCorridor) addRevenue(revenue, comp, paid, at);
    };
    for (let p0 = from; p0 < to; p0 += comp.periodMonths) {
      const p1 = Math.min(to, p0 + comp.periodMonths);
      let amounts: Float64Array;
      if (last && !comp.kind.reconcile && p1 - p0 === comp.periodMonths && samePeriod(input.actual, p0, p1, comp.periodMonths, covered)) amounts = last;
      else amounts = periodAmounts(comp, input, cursor, covered, spread, p0, p1, (lines) => lines.forEach(({ receiver, ...line }) => ledger.reconciliations.push({ ...line, component: comp.index, account: comp.receiverAccounts[receiver], month: p1 - 1 })));
      last = amounts;
      const month = !comp.kind.readsRows && comp.spec.timing === 'prospective' ? p0 : p1 - 1;
      if (held) {
        held.returnBefore(month, pay);
        amounts = held.keep(amounts, month);
      }
      pay(amounts, month);
    }
    held?.returnBefore(Infinity, pay);
    if (comp.spec.stopLoss) {
      for (let m = from; m < to; m++) {
        if (m % 12 !== 11 && m !== months - 1) continue;
        book(comp, stopLossExcess(comp, input.actual, m, W), m);
      }
    }
  }
  applyRiskCorridors(ledger, input, book, spread, revenue);
  ledger.assertBalanced(months);
  return ledger;
}

/**
 * A component's withhold (kinds/withhold.ts) in settlement: what it holds back of each period's
 * amounts, and, once a year's last payment is booked, what it returns at that year's end.
 */
class Withheld {
  private readonly held: Float64Array;
  private year = -1;

  constructor(
    private readonly comp: CompiledComponent,
    private readonly input: SettleInput,
    private readonly at: RowCursor,
  ) {
    this.held = new Float64Array(comp.receivers * W);
  }

  /** The amounts booked in `month` once the withhold's share is held back (a copy: amounts may be reused). */
  keep(amounts: Float64Array, month: number): Float64Array {
    const kept = amounts.slice();
    withhold(this.comp.spec.withhold!.share, kept, this.held);
    this.year = Math.floor(month / 12);
    return kept;
  }

  /** Return what was held in a year that ends before `month`, at that year's end (`pay` books it). */
  returnBefore(month: number, pay: (amounts: Float64Array, month: number) => void): void {
    if (this.year < 0 || Math.floor(month / 12) <= this.year) return;
    const { comp, input } = this;
    const from = Math.max(comp.startMonth, this.year * 12);
    const to = Math.min(comp.endMonth, input.model.months, this.year * 12 + 12);
    const out = new Float64Array(this.held.length);
    returnWithheld(this.held, withholdScore(comp.spec.withhold!, this.qualitySums(from, to)), out);
    pay(out, Math.max(from, to - 1));
    this.year = -1;
  }

  /** The score's indicator terms over months [from, to) of the component's rows. */
  private qualitySums(from: number, to: number): Float64Array {
    const { comp, input, at } = this;
    const t = input.actual;
    const sums = new Float64Array(WITHHOLD_WIDTH);
    at.d = t.data;
    at.times = 1;
    for (let m = from; m < to; m++) {
      at.month = m;
      for (let g = 0; g < GROUP_COUNT; g++) {
        at.group = g;
        for (let k = 0; k < t.catchments; k++) {
          at.catchment = k;
          for (let b = 0; b < CNI_BANDS; b++) {
            at.row = rowOffset(t, m, k, g, b);
            accrueWithholdQuality(comp, comp.spec.withhold!, at, sums);
          }
        }
      }
    }
    return sums;
  }
}

/** A cursor over a table's rows, for the kinds to read. @example const at = newCursor(model, table.data) */
export function newCursor(model: CompiledModel, d: Float64Array): RowCursor {
  return { model, d, row: 0, month: 0, catchment: 0, group: 0, band: 0, slot: 0, covered: new Uint8Array(SERVICE_COUNT), coordination: 1, times: 1 };
}

/** What a component pays each receiver in one period, per attribution slot, after its cap and floor. */
function periodAmounts(comp: CompiledComponent, input: SettleInput, at: RowCursor, covered: Uint8Array, spread: RowSource | null, p0: number, p1: number, reconciled?: (lines: ReconciliationLine[]) => void): Float64Array {
  const kind = comp.kind;
  const t = input.actual;
  const acc: Accrual = { sums: new Float64Array(comp.receivers * W * kind.width), touched: new Uint8Array(comp.receivers), slots: W, width: kind.width };
  if (kind.readsRows) {
    at.d = t.data;
    for (let m = p0; m < p1; m++) {
      at.month = m;
      for (let g = 0; g < GROUP_COUNT; g++) {
        if (!comp.groups[g]) continue;
        at.group = g;
        at.covered.set(covered.subarray((m * GROUP_COUNT + g) * SERVICE_COUNT, (m * GROUP_COUNT + g + 1) * SERVICE_COUNT));
        for (let k = 0; k < t.catchments; k++) {
          at.catchment = k;
          at.coordination = input.rates[m].coordination[k * GROUP_COUNT + g];
          for (let b = 0; b < CNI_BANDS; b++) {
            at.band = b;
            at.slot = g * CNI_BANDS + b;
            at.row = rowOffset(t, m, k, g, b);
            kind.accrue(comp, at, acc);
          }
        }
      }
    }
  }
  const period: Period = { months: p1 - p0, lump: LUMP, model: input.model, start: p0, rows: { table: t, from: p0 } };
  const amounts = new Float64Array(comp.receivers * W);
  kind.payout(comp, acc, period, amounts);
  if (kind.reconcile && reconciled) reconciled(kind.reconcile(comp, acc, period, amounts));
  const limited = comp.spec.cap !== undefined || comp.spec.floor !== undefined;
  const sd = spread && limited && followsEvents(comp) ? amountVariance(spread, input.plan, comp, p0, p1, W).variance.map(Math.sqrt) : undefined;
  applyCapAndFloor(comp.spec, amounts, acc.touched, W, LUMP, sd);
  return amounts;
}

/**
 * True when a period of a steady expected-value table equals the period before it row for row
 * (and package coverage is the same), so its amounts can be reused.
 */
function samePeriod(t: ActivityTable, p0: number, p1: number, length: number, covered: Uint8Array): boolean {
  if (!t.repeats || p0 - length < 0) return false;
  for (let m = p0 - length + 1; m < p1; m++) if (!t.repeats[m]) return false;
  const block = GROUP_COUNT * SERVICE_COUNT;
  for (let m = p0; m < p1; m++) for (let i = 0; i < block; i++) if (covered[m * block + i] !== covered[(m - length) * block + i]) return false;
  return true;
}

/** Per month, services that an active package covers per group (no separate fee): [(month × groups + group) × services + service]. */
export function coveredServices(plan: PaymentPlan, months: number): Uint8Array {
  const out = new Uint8Array(months * GROUP_COUNT * SERVICE_COUNT);
  for (const c of plan.components) {
    if (c.own.covers.length === 0) continue;
    for (let m = c.startMonth; m < Math.min(months, c.endMonth); m++)
      for (let g = 0; g < GROUP_COUNT; g++) if (c.groups[g]) for (const s of c.own.covers) out[(m * GROUP_COUNT + g) * SERVICE_COUNT + s] = 1;
  }
  return out;
}

type Book = (comp: CompiledComponent, amounts: Float64Array, month: number) => void;

/** Records payer → receiver transfers (split by payer shares), then pool → members. */
function booker(ledger: Ledger, input: SettleInput): Book {
  const { plan, model } = input;
  const P = model.providerIds.length;
  const poolOf = new Map<number, CompiledPool>(plan.pools.map((p) => [p.account, p]));
  const memo = new Map<string, number[]>();
  const sharesAt = (pool: CompiledPool, month: number): number[] => {
    const key = `${pool.index}:${month}`;
    let shares = memo.get(key);
    if (!shares) {
      const from = Math.floor(month / 12) * 12;
      const measures: MemberMeasures = {
        // by-cost is a year-end reconciliation over the calendar year of the payment.
        cost: (p) => costOver(input.costs, P, p, from, Math.min(model.months, from + 12)),
        activity: (p) => input.costs.activity[month * P + p],
        providerIds: model.providerIds,
      };
      memo.set(key, (shares = poolShares(pool, measures)));
    }
    return shares;
  };
  return (comp, amounts, month) => {
    for (let r = 0; r < comp.receivers; r++) {
      const account = comp.receiverAccounts[r];
      const pool = poolOf.get(account);
      for (let i = 0; i < W; i++) {
        const amount = amounts[r * W + i];
        if (amount === 0) continue;
        const group = i === LUMP ? -1 : Math.floor(i / CNI_BANDS);
        const cni = i === LUMP ? -1 : i % CNI_BANDS;
        for (const payer of comp.payers) ledger.add(month, comp.index, payer.account, account, group, cni, amount * payer.share);
        if (pool) splitAmongMembers(amount, sharesAt(pool, month), (m, part) => ledger.add(month, comp.index, pool.account, plan.providerAccount[pool.members[m]], group, cni, part));
      }
    }
  };
}

/**
 * Risk corridors: at each year end, if a receiver's margin on the year is beyond ±band × its
 * revenue from the component's ordinary payments (a stop-loss payment is cover, not revenue), the
 * payer takes back (or covers) `share` of the part outside the corridor. A pool's corridor is on
 * its members together; for 'participants', on each participant.
 */
function applyRiskCorridors(ledger: Ledger, input: SettleInput, book: Book, spread: RowSource | null, revenueOf: Map<number, Float64Array>): void {
  const { model, plan, costs } = input;
  const P = model.providerIds.length;
  const corridors = plan.components.filter((c) => c.spec.riskCorridor);
  if (corridors.length === 0) return;
  const net = ledger.netByMonth(model.months);
  const A = plan.accounts.length;
  const poolOf = new Map<number, CompiledPool>(plan.pools.map((p) => [p.account, p]));
  const membersOf = (comp: CompiledComponent, r: number): number[] =>
    poolOf.get(comp.receiverAccounts[r])?.members ?? (comp.recipient.kind === 'participants' ? [r] : comp.providers);
  for (let y = 0; y * 12 < model.months; y++) {
    const from = y * 12;
    const to = Math.min(model.months, from + 12);
    const sets = corridors.flatMap((comp) => Array.from({ length: comp.receivers }, (_, r) => membersOf(comp, r)));
    const variance = spread ? marginVariance(spread, plan, sets, from, to, W, poolShareIn(ledger, plan, from, to)) : null;
    let set = 0;
    for (const comp of corridors) {
      // A receiver the component may pay nothing in a year has no corridor then: in expectation, the chance it is paid something scales the adjustment.
      const paid = spread && followsEvents(comp) ? amountVariance(spread, plan, comp, from, to, W).events.map((n) => 1 - Math.exp(-n)) : null;
      const amounts = new Float64Array(comp.receivers * W);
      for (let r = 0; r < comp.receivers; r++, set++) {
        const members = membersOf(comp, r);
        const revenue = revenueOf.get(comp.index)?.[y * comp.receivers + r] ?? 0;
        let income = 0;
        let cost = 0;
        for (const p of members) {
          for (let m = from; m < to; m++) income += net[m * A + plan.providerAccount[p]];
          cost += costOver(costs, P, p, from, to);
        }
        const chance = paid ? paid[r] : 1;
        amounts[r * W + LUMP] = chance > 0 ? chance * corridorAdjustment(comp.spec.riskCorridor!, income - cost, revenue / chance, variance ? Math.sqrt(variance[set]) : 0) : 0;
      }
      if (amounts.some((a) => a !== 0)) book(comp, amounts, to - 1);
    }
  }
}

/** Add a period's ordinary amounts to each receiver's revenue of the year they are paid in. */
function addRevenue(revenue: Map<number, Float64Array>, comp: CompiledComponent, amounts: Float64Array, month: number): void {
  let byYear = revenue.get(comp.index);
  if (!byYear) revenue.set(comp.index, (byYear = new Float64Array(Math.ceil((comp.endMonth + 1) / 12) * comp.receivers)));
  const y = Math.floor(month / 12);
  for (let r = 0; r < comp.receivers; r++) for (let i = 0; i < W; i++) byYear[y * comp.receivers + r] += amounts[r * W + i];
}

/** The share of what a pool received in months [from, to) that it passed on to each provider. */
function poolShareIn(ledger: Ledger, plan: PaymentPlan, from: number, to: number): (account: number, provider: number) => number {
  const received = new Map<number, number>();
  const passed = new Map<string, number>();
  const pools = new Set(plan.pools.map((p) => p.account));
  for (const tr of ledger) {
    if (tr.month < from || tr.month >= to) continue;
    if (pools.has(tr.to)) received.set(tr.to, (received.get(tr.to) ?? 0) + tr.amount);
    if (pools.has(tr.from)) passed.set(`${tr.from}:${tr.to}`, (passed.get(`${tr.from}:${tr.to}`) ?? 0) + tr.amount);
  }
  return (account, provider) => {
    const total = received.get(account) ?? 0;
    return total === 0 ? 0 : (passed.get(`${account}:${plan.providerAccount[provider]}`) ?? 0) / total;
  };
}
