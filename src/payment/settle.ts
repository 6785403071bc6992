/**
 * Settlement: from an activity table (what happened) and a forecast (what was expected) to
 * transfers in the ledger, component by component and settlement period by period.
 *
 * Order within a run: ordinary payments of every component per period → stop-loss at each
 * year end → risk corridors at each year end (they need the year's margins) → pools pass their
 * receipts on to their members in the month they receive them.
 */
import { CNI_BANDS, GROUP_COUNT, O, SERVICE_COUNT, S } from '../domain.js';
import type { ActivityTable } from '../engine/activity.js';
import { EXTRA, IN_EPISODE, OUTCOME, rowOffset } from '../engine/activity.js';
import type { ProviderCosts } from '../engine/costs.js';
import { COST_SLOTS, costOver } from '../engine/costs.js';
import type { CompiledModel } from '../engine/model.js';
import { deliveredCost } from '../engine/extras.js';
import type { RateTable } from '../engine/rates.js';
import type { VariableComponent } from '../scenario/types.js';
import { Ledger } from './ledger.js';
import type { CompiledComponent, CompiledPool, PaymentPlan } from './plan.js';
import { LOWER_IS_BETTER } from './plan.js';

const W = GROUP_COUNT * CNI_BANDS + 1; // attribution slots: group × CNI, then "not attributable"
const LUMP = W - 1;

/** Amounts per recipient provider-or-pool account, per attribution slot. */
type Amounts = Map<number, Float64Array>;

function slotArray(map: Amounts, account: number): Float64Array {
  let a = map.get(account);
  if (!a) map.set(account, (a = new Float64Array(W)));
  return a;
}

export interface SettleInput {
  model: CompiledModel;
  plan: PaymentPlan;
  actual: ActivityTable;
  /** The forecast used by prospective payments (the expected-value table). */
  forecast: ActivityTable;
  costs: ProviderCosts;
  /** Each month's rates: cost-based pay reimburses a home-health visit at what it cost at the team's coordination. */
  rates: readonly RateTable[];
}

/**
 * Settle every component of a plan into a new ledger and check that it balances.
 * @example const ledger = settle({ model, plan, actual, forecast, costs })
 */
export function settle(input: SettleInput): Ledger {
  const { model, plan } = input;
  const ledger = new Ledger(plan.accounts);
  const months = model.months;
  const excluded = episodeExclusions(plan, months);
  for (const comp of plan.components) {
    const from = comp.startMonth;
    const to = comp.endMonth;
    let last: Amounts | null = null;
    for (let p0 = from; p0 < to; p0 += comp.periodMonths) {
      const p1 = Math.min(to, p0 + comp.periodMonths);
      const prospective = comp.spec.timing === 'prospective';
      const table = prospective ? input.forecast : input.actual;
      let amounts: Amounts;
      if (last && p1 - p0 === comp.periodMonths && samePeriod(table, p0, p1, comp.periodMonths, excluded)) amounts = last;
      else {
        amounts = componentAmounts(input, comp, table, p0, p1, excluded);
        applyLimits(comp, amounts);
      }
      last = amounts;
      pay(ledger, plan, comp, amounts, prospective ? p0 : p1 - 1, input);
    }
    if (comp.excessColumn >= 0 && comp.spec.stopLoss) {
      for (let m = from; m < to; m++) {
        if (m % 12 !== 11 && m !== months - 1) continue;
        const amounts: Amounts = new Map();
        const slots = slotArray(amounts, recipientAccount(plan, comp));
        forRows(input.actual, m, m + 1, comp.scope, comp.groups, (row, g, b) => {
          slots[g * CNI_BANDS + b] += comp.spec.stopLoss!.share * input.actual.data[row + EXTRA + comp.excessColumn];
        });
        pay(ledger, plan, comp, amounts, m, input);
      }
    }
  }
  applyRiskCorridors(ledger, input);
  ledger.assertBalanced(months);
  return ledger;
}

/**
 * True when a period of a steady expected-value table equals the period before it row for row
 * (and episode coverage is the same), so its amounts can be reused.
 */
function samePeriod(t: ActivityTable, p0: number, p1: number, length: number, excluded: Uint8Array): boolean {
  if (!t.repeats || p0 - length < 0) return false;
  for (let m = p0 - length + 1; m < p1; m++) if (!t.repeats[m]) return false;
  const block = GROUP_COUNT * SERVICE_COUNT;
  for (let m = p0; m < p1; m++) for (let i = 0; i < block; i++) if (excluded[m * block + i] !== excluded[(m - length) * block + i]) return false;
  return true;
}

/** Per month, services that an active episode or value package covers per group (no separate fee). */
export function episodeExclusions(plan: PaymentPlan, months: number): Uint8Array {
  const out = new Uint8Array(months * GROUP_COUNT * SERVICE_COUNT);
  for (const c of plan.components) {
    if (c.spec.kind !== 'episode' && c.spec.kind !== 'value') continue;
    const included = c.spec.includedServices.map((id) => S[id]);
    for (let m = c.startMonth; m < c.endMonth; m++)
      for (let g = 0; g < GROUP_COUNT; g++) if (c.groups[g]) for (const s of included) out[(m * GROUP_COUNT + g) * SERVICE_COUNT + s] = 1;
  }
  return out;
}

function forRows(t: ActivityTable, from: number, to: number, scope: Uint8Array, groups: Uint8Array, fn: (row: number, g: number, b: number, k: number, m: number) => void): void {
  for (let m = from; m < to; m++)
    for (let k = 0; k < t.catchments; k++) {
      if (!scope[k]) continue;
      for (let g = 0; g < GROUP_COUNT; g++) {
        if (!groups[g]) continue;
        for (let b = 0; b < CNI_BANDS; b++) fn(rowOffset(t, m, k, g, b), g, b, k, m);
      }
    }
}

function recipientAccount(plan: PaymentPlan, comp: CompiledComponent): number {
  const r = comp.recipient;
  if (r.kind === 'provider') return plan.providerAccount[r.index];
  if (r.kind === 'pool') return plan.pools[r.index].account;
  throw new Error(`payment component '${comp.spec.id}': 'participants' has no single account`);
}

/** The value of a goal indicator over rows in scope, for a period. */
export function indicatorValue(t: ActivityTable, comp: CompiledComponent, from: number, to: number, scope: Uint8Array): number {
  let num = 0;
  let den = 0;
  const spec = comp.spec;
  if (spec.kind !== 'goal') return NaN;
  forRows(t, from, to, scope, comp.groups, (row) => {
    const d = t.data;
    const people = d[row + OUTCOME + O.personMonths];
    switch (spec.indicator) {
      case 'carePlanShare':
        num += d[row + OUTCOME + O.carePlans];
        den += people;
        break;
      case 'patientCoordination':
        num += d[row + OUTCOME + O.coordinationExperienced];
        den += people;
        break;
      case 'readmissionRate':
        num += d[row + S.readmission];
        den += d[row + S.admission];
        break;
      case 'avoidableAdmissionRate':
        num += d[row + OUTCOME + O.avoidableAdmissions] * 12000;
        den += people;
        break;
      case 'edVisitRate':
        num += d[row + S.edVisit] * 12000;
        den += people;
        break;
      case 'adlIndependentShare':
        num += d[row + OUTCOME + O.adlIndependent];
        den += d[row + OUTCOME + O.episodes];
        break;
      case 'directToStrokeUnitShare':
        num += d[row + OUTCOME + O.directToStrokeUnit];
        den += d[row + OUTCOME + O.episodes];
        break;
    }
  });
  return den > 0 ? num / den : NaN;
}

/** Attainment in [0,1] of a goal: the payer's curve, or a step at the target. */
export function attainment(comp: CompiledComponent, value: number): number {
  const spec = comp.spec;
  if (spec.kind !== 'goal' || Number.isNaN(value)) return 0;
  if (comp.curve) {
    const a = comp.curve({ value, target: spec.target, baseline: spec.baseline ?? spec.target });
    return Math.min(1, Math.max(0, a));
  }
  return LOWER_IS_BETTER.includes(spec.indicator) ? (value <= spec.target ? 1 : 0) : value >= spec.target ? 1 : 0;
}

function componentAmounts(input: SettleInput, comp: CompiledComponent, t: ActivityTable, p0: number, p1: number, excluded: Uint8Array): Amounts {
  const { model, plan } = input;
  const spec = comp.spec;
  const amounts: Amounts = new Map();
  const d = t.data;
  const months = p1 - p0;
  switch (spec.kind) {
    case 'fixed': {
      const slots = slotArray(amounts, recipientAccount(plan, comp));
      if (spec.basis === 'lump') slots[LUMP] += (spec.amount / 12) * months;
      else if (spec.basis === 'per-place') {
        const places = comp.providers.reduce((sum, p) => sum + model.places[p], 0);
        slots[LUMP] += (spec.amount / 12) * months * places;
      } else {
        const mask = spec.population === 'served' ? comp.scope : comp.listed;
        // People alive per month are the stationary cell counts; weights are per cell.
        for (let k = 0; k < t.catchments; k++) {
          if (!mask[k]) continue;
          for (let g = 0; g < GROUP_COUNT; g++) {
            if (!comp.groups[g]) continue;
            for (let b = 0; b < CNI_BANDS; b++)
              slots[g * CNI_BANDS + b] += (spec.amount / 12) * months * comp.weightedPeople[(k * GROUP_COUNT + g) * CNI_BANDS + b];
          }
        }
      }
      break;
    }
    case 'variable': {
      forRows(t, p0, p1, allCatchments(t), comp.groups, (row, g, b, k, m) => {
        for (const s of comp.services) {
          let units = d[row + s];
          if (excluded[(m * GROUP_COUNT + g) * SERVICE_COUNT + s]) units -= d[row + IN_EPISODE + s];
          if (units === 0) continue;
          if (comp.cellWeight) units *= meanWeight(comp, d, row, g, b, k);
          const receivers = s === S.sipMeeting || s === S.dischargePlanning ? model.team[k * GROUP_COUNT + g] : [model.serviceProvider[k * SERVICE_COUNT + s]];
          for (const p of receivers) {
            if (p < 0) continue;
            let account: number;
            if (comp.recipient.kind === 'participants') account = plan.providerAccount[p];
            else if (comp.providers.includes(p)) account = recipientAccount(plan, comp);
            else continue;
            slotArray(amounts, account)[g * CNI_BANDS + b] += units * unitPrice(spec, model, p, s, g, input.rates[m].coordination[k * GROUP_COUNT + g]);
          }
        }
      });
      break;
    }
    case 'goal': {
      const scope = spec.scope === 'system' ? allCatchments(t) : comp.scope;
      const value = indicatorValue(t, comp, p0, p1, scope);
      const a = attainment(comp, value);
      const factor = spec.deduction ? -(1 - a) : a;
      const slots = slotArray(amounts, recipientAccount(plan, comp));
      if (spec.perPerson) {
        forRows(t, p0, p1, comp.listed.some((x) => x) ? comp.listed : comp.scope, comp.groups, (row, g, b) => {
          slots[g * CNI_BANDS + b] += (spec.amount / 12) * d[row + OUTCOME + O.personMonths] * factor;
        });
      } else slots[LUMP] += spec.amount * factor;
      break;
    }
    case 'episode':
    case 'value': {
      const slots = slotArray(amounts, recipientAccount(plan, comp));
      forRows(t, p0, p1, comp.scope, comp.groups, (row, g, b) => {
        const episodes = d[row + OUTCOME + O.episodes];
        let amount = episodes * spec.price;
        if (spec.kind === 'value') {
          for (const o of spec.outcomes) {
            const achieved = d[row + OUTCOME + (o.indicator === 'adlIndependent' ? O.adlIndependent : O.directToStrokeUnit)];
            amount += o.valuePerPoint * 100 * (achieved - o.reference * episodes);
          }
        }
        slots[g * CNI_BANDS + b] += amount;
      });
      break;
    }
  }
  return amounts;
}

/**
 * Mean weight of the component's units in a row: from the engines' weighted counts for drawn
 * services, otherwise the mean weight of the row's people.
 */
export function meanWeight(comp: CompiledComponent, d: Float64Array, row: number, g: number, b: number, k: number): number {
  if (comp.weightedColumn >= 0) {
    let units = 0;
    for (const s of comp.services) units += d[row + s];
    if (units > 0) return d[row + EXTRA + comp.weightedColumn] / units;
  }
  const people = d[row + OUTCOME + O.personMonths];
  return people > 0 ? comp.weightedPeople[(k * GROUP_COUNT + g) * CNI_BANDS + b] / people : 1;
}

/**
 * What a variable component pays provider p per unit of service s for a person in group g:
 * the fee, the DRG price times the group's case weight, or the reimbursed share of what the unit
 * cost the provider — at the team's `coordination`, since a home-health visit costs more when
 * coordination fails, and cost-based pay reimburses that waste too (Ellis & McGuire's r·c·q).
 * @example unitPrice({ pricing: 'drg', price: 40000 } as VariableComponent, model, 0, S.admission, 1, 0.5)
 */
export function unitPrice(spec: VariableComponent, model: CompiledModel, p: number, s: number, g: number, coordination: number): number {
  if (spec.pricing === 'fee') return spec.price;
  if (spec.pricing === 'drg') return spec.price * model.drgWeight[g];
  return spec.price * deliveredCost(model, p, s, g, coordination);
}

const allCache = new WeakMap<ActivityTable, Uint8Array>();
function allCatchments(t: ActivityTable): Uint8Array {
  let a = allCache.get(t);
  if (!a) allCache.set(t, (a = new Uint8Array(t.catchments).fill(1)));
  return a;
}

/** Cap and floor apply to the total a recipient gets from the component in one period. */
function applyLimits(comp: CompiledComponent, amounts: Amounts): void {
  const { cap, floor } = comp.spec;
  if (cap === undefined && floor === undefined) return;
  for (const slots of amounts.values()) {
    const total = slots.reduce((a, b) => a + b, 0);
    let limited = total;
    if (cap !== undefined) limited = Math.min(limited, cap);
    if (floor !== undefined) limited = Math.max(limited, floor);
    if (limited === total) continue;
    if (total !== 0) for (let i = 0; i < W; i++) slots[i] *= limited / total;
    else slots[LUMP] = limited;
  }
}

/** Record payer → recipient transfers (split by payer shares), then pool → members. */
function pay(ledger: Ledger, plan: PaymentPlan, comp: CompiledComponent, amounts: Amounts, month: number, input: SettleInput): void {
  for (const [account, slots] of amounts) {
    for (let i = 0; i < W; i++) {
      if (slots[i] === 0) continue;
      const group = i === LUMP ? -1 : Math.floor(i / CNI_BANDS);
      const cni = i === LUMP ? -1 : i % CNI_BANDS;
      for (const payer of comp.payers) {
        ledger.add(month, comp.index, payer.account, account, group, cni, slots[i] * payer.share);
      }
      const pool = account >= plan.pools[0]?.account ? plan.pools.find((p) => p.account === account) : undefined;
      if (pool) passOn(ledger, plan, pool, comp.index, month, group, cni, slots[i], input);
    }
  }
}

/** Shares of a pool's members under its sharing rule, for money received in `month`. */
export function poolShares(plan: PaymentPlan, pool: CompiledPool, month: number, input: Pick<SettleInput, 'costs' | 'model'>): number[] {
  const P = input.model.providerIds.length;
  const rule = pool.sharing;
  let weights: number[];
  if (rule === 'equal') weights = pool.members.map(() => 1);
  else if (rule === 'by-cost') {
    const from = Math.floor(month / 12) * 12;
    weights = pool.members.map((p) => costOver(input.costs, P, p, from, Math.min(input.model.months, from + 12)));
  } else if (rule === 'by-activity') weights = pool.members.map((p) => input.costs.activity[month * P + p]);
  else weights = pool.members.map((p) => rule.shares[input.model.providerIds[p]] ?? 0);
  const total = weights.reduce((a, b) => a + b, 0);
  return total > 0 ? weights.map((w) => w / total) : pool.members.map(() => 1 / pool.members.length);
}

const shareMemo = new WeakMap<SettleInput, Map<string, number[]>>();

function passOn(ledger: Ledger, plan: PaymentPlan, pool: CompiledPool, component: number, month: number, group: number, cni: number, amount: number, input: SettleInput): void {
  let memo = shareMemo.get(input);
  if (!memo) shareMemo.set(input, (memo = new Map()));
  const key = `${pool.index}:${month}`;
  let shares = memo.get(key);
  if (!shares) memo.set(key, (shares = poolShares(plan, pool, month, input)));
  // The last member takes the rounding remainder so that the pool keeps exactly nothing.
  let left = amount;
  pool.members.forEach((p, i) => {
    const part = i === pool.members.length - 1 ? left : amount * shares[i];
    left -= part;
    ledger.add(month, component, pool.account, plan.providerAccount[p], group, cni, part);
  });
}

/**
 * Risk corridors: at each year end, if the payee's margin on the year is beyond ±band × the
 * component's revenue, the payer takes back (or covers) `share` of the part outside the corridor.
 */
function applyRiskCorridors(ledger: Ledger, input: SettleInput): void {
  const { model, plan, costs } = input;
  const P = model.providerIds.length;
  const corridors = plan.components.filter((c) => c.spec.riskCorridor && c.recipient.kind !== 'participants');
  if (corridors.length === 0) return;
  const net = ledger.netByMonth(model.months);
  const A = plan.accounts.length;
  for (let y = 0; y * 12 < model.months; y++) {
    const from = y * 12;
    const to = Math.min(model.months, from + 12);
    for (const comp of corridors) {
      const { band, share } = comp.spec.riskCorridor!;
      let revenue = 0;
      for (const tr of ledger) if (tr.month >= from && tr.month < to && tr.component === comp.index && comp.providers.some((p) => plan.providerAccount[p] === tr.to)) revenue += tr.amount;
      let income = 0;
      let cost = 0;
      for (const p of comp.providers) {
        for (let m = from; m < to; m++) income += net[m * A + plan.providerAccount[p]];
        cost += costOver(costs, P, p, from, to);
      }
      const margin = income - cost;
      const limit = band * Math.abs(revenue);
      let adjust = 0;
      if (margin > limit) adjust = -share * (margin - limit);
      else if (margin < -limit) adjust = share * (-margin - limit);
      if (adjust === 0) continue;
      const amounts: Amounts = new Map([[recipientAccount(plan, comp), Float64Array.from({ length: W }, (_, i) => (i === LUMP ? adjust : 0))]]);
      pay(ledger, plan, comp, amounts, to - 1, input);
    }
  }
}

export { COST_SLOTS };
