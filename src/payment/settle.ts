/**
 * Settlement: from an activity table (what happened) to transfers in the ledger, component by
 * component and settlement period by period. What a component pays is its kind's (kinds/); how
 * much of it a receiver may get is the contract layer's (limits.ts); who gets it, receivers.ts.
 *
 * Order within a run: ordinary payments of every component per period → stop-loss at each
 * year end → risk corridors at each year end (they need the year's margins) → pools pass their
 * receipts on to their members in the month they receive them.
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
import { Ledger } from './ledger.js';
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
  for (const comp of plan.components) {
    const from = comp.startMonth;
    const to = comp.endMonth;
    let last: Float64Array | null = null;
    for (let p0 = from; p0 < to; p0 += comp.periodMonths) {
      const p1 = Math.min(to, p0 + comp.periodMonths);
      let amounts: Float64Array;
      if (last && !comp.kind.reconcile && p1 - p0 === comp.periodMonths && samePeriod(input.actual, p0, p1, comp.periodMonths, covered)) amounts = last;
      else amounts = periodAmounts(comp, input, cursor, covered, p0, p1, (lines) => lines.forEach(({ receiver, ...line }) => ledger.reconciliations.push({ ...line, component: comp.index, account: comp.receiverAccounts[receiver], month: p1 - 1 })));
      last = amounts;
      const month = !comp.kind.readsRows && comp.spec.timing === 'prospective' ? p0 : p1 - 1;
      book(comp, amounts, month);
    }
    if (comp.spec.stopLoss) {
      for (let m = from; m < to; m++) {
        if (m % 12 !== 11 && m !== months - 1) continue;
        book(comp, stopLossExcess(comp, input.actual, m, W), m);
      }
    }
  }
  applyRiskCorridors(ledger, input, book);
  ledger.assertBalanced(months);
  return ledger;
}

/** A cursor over a table's rows, for the kinds to read. @example const at = newCursor(model, table.data) */
export function newCursor(model: CompiledModel, d: Float64Array): RowCursor {
  return { model, d, row: 0, month: 0, catchment: 0, group: 0, band: 0, slot: 0, covered: new Uint8Array(SERVICE_COUNT), coordination: 1, times: 1 };
}

/** What a component pays each receiver in one period, per attribution slot, after its cap and floor. */
function periodAmounts(comp: CompiledComponent, input: SettleInput, at: RowCursor, covered: Uint8Array, p0: number, p1: number, reconciled?: (lines: ReconciliationLine[]) => void): Float64Array {
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
  const period: Period = { months: p1 - p0, lump: LUMP, model: input.model, rows: { table: t, from: p0 } };
  const amounts = new Float64Array(comp.receivers * W);
  kind.payout(comp, acc, period, amounts);
  if (kind.reconcile && reconciled) reconciled(kind.reconcile(comp, acc, period, amounts));
  applyCapAndFloor(comp.spec, amounts, acc.touched, W, LUMP);
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
 * revenue from the component, the payer takes back (or covers) `share` of the part outside the
 * corridor. A pool's corridor is on its members together; for 'participants', on each participant.
 */
function applyRiskCorridors(ledger: Ledger, input: SettleInput, book: Book): void {
  const { model, plan, costs } = input;
  const P = model.providerIds.length;
  const corridors = plan.components.filter((c) => c.spec.riskCorridor);
  if (corridors.length === 0) return;
  const net = ledger.netByMonth(model.months);
  const A = plan.accounts.length;
  const poolOf = new Map<number, CompiledPool>(plan.pools.map((p) => [p.account, p]));
  for (let y = 0; y * 12 < model.months; y++) {
    const from = y * 12;
    const to = Math.min(model.months, from + 12);
    for (const comp of corridors) {
      const amounts = new Float64Array(comp.receivers * W);
      for (let r = 0; r < comp.receivers; r++) {
        const account = comp.receiverAccounts[r];
        const members = poolOf.get(account)?.members ?? (comp.recipient.kind === 'participants' ? [r] : comp.providers);
        const memberAccounts = new Set(members.map((p) => plan.providerAccount[p]));
        let revenue = 0;
        for (const tr of ledger) if (tr.month >= from && tr.month < to && tr.component === comp.index && memberAccounts.has(tr.to)) revenue += tr.amount;
        let income = 0;
        let cost = 0;
        for (const p of members) {
          for (let m = from; m < to; m++) income += net[m * A + plan.providerAccount[p]];
          cost += costOver(costs, P, p, from, to);
        }
        amounts[r * W + LUMP] = corridorAdjustment(comp.spec.riskCorridor!, income - cost, revenue);
      }
      if (amounts.some((a) => a !== 0)) book(comp, amounts, to - 1);
    }
  }
}
