/**
 * Settlement of a steady year from sums per need group. In a steady year every month's rows are
 * the same, so what a component pays over a period is a sum over groups of one month's row sums,
 * times the months (less the months an episode covers a service). A solver that changes one
 * group's rows then re-settles from five short vectors instead of twelve months of rows.
 *
 * Follows payment/settle.ts rule for rule; designs with a stop-loss or a risk corridor (which need
 * a person's yearly cost or the year's margins) are not handled here and keep the full evaluation.
 */
import { CNI_BANDS, GROUP_COUNT, O, SERVICE_COUNT, S } from '../domain.js';
import { IN_EPISODE, OUTCOME } from '../engine/activity.js';
import type { CompiledModel } from '../engine/model.js';
import type { CompiledComponent, CompiledPool, PaymentPlan } from '../payment/plan.js';
import type { VariableComponent } from '../scenario/types.js';
import { attainment, episodeExclusions, meanWeight, unitPrice } from '../payment/settle.js';

// Sizes and indices the hot loops read, as plain constants: an imported binding can cost a call per read.
const BANDS = CNI_BANDS;
const IN = IN_EPISODE;
const PERSON_MONTHS = OUTCOME + O.personMonths;
const EPISODES = OUTCOME + O.episodes;
const ADL_INDEPENDENT = OUTCOME + O.adlIndependent;
const STROKE_UNIT = OUTCOME + O.directToStrokeUnit;

interface Period {
  /** Settlement periods this stands for: without a cap or floor, a year's periods settle as one. */
  count: number;
  months: number;
  /** Months of the period in which an episode covers service s for group g: [g × SERVICE_COUNT + s]. */
  excluded: Uint8Array;
}

interface Item {
  comp: CompiledComponent;
  periods: Period[];
  /** Accounts the component can pay (its recipient, or every provider's for 'participants'). */
  accounts: number[];
  /** Sum of the payers' shares: what a provider account receives per krona settled. */
  payerShare: number;
  /** What a fixed component pays its recipient per period, by period (it depends on no decision). */
  fixed: Float64Array | null;
  /** A variable component's receivers per need group, built when first needed. */
  receivers: (Receivers | null)[];
}

/**
 * Who a variable component pays for group g's units, and at what price, flattened per catchment:
 * entries start[k] … start[k + 1] − 1 are catchment k's, in the order of the component's services.
 */
interface Receivers {
  start: Int32Array;
  service: Int32Array;
  /** Where the entry adds up in the group's sums: (account × services + service index) × 4. */
  offset: Int32Array;
  price: Float64Array;
}

/** The components of a year, ready to settle from group sums. */
export interface SteadyPlan {
  model: CompiledModel;
  plan: PaymentPlan;
  items: Item[];
  /** The pool an account belongs to, by account (−1 for none). */
  poolOf: Int32Array;
}

/**
 * The plan of a steady year, or null when it has a stop-loss, a risk corridor or an extra
 * column that is not a weighted count (those need the full evaluation).
 * @example const plan = steadyPlan(ctx.view.model, ctx.view.plan)
 */
export function steadyPlan(model: CompiledModel, plan: PaymentPlan): SteadyPlan | null {
  if (plan.extras.some((x) => x.kind !== 'weighted')) return null;
  if (plan.components.some((c) => c.spec.stopLoss !== undefined || c.spec.riskCorridor !== undefined)) return null;
  // Cost-based pay for home-health visits varies with each catchment's coordination: full evaluation.
  if (plan.components.some((c) => c.spec.kind === 'variable' && c.spec.pricing === 'cost' && c.services.includes(S.homeHealthVisit))) return null;
  const months = 12;
  const excludedAt = episodeExclusions(plan, months);
  const items = plan.components.map((comp): Item => {
    const periods: Period[] = [];
    for (let p0 = comp.startMonth; p0 < comp.endMonth; p0 += comp.periodMonths) {
      const p1 = Math.min(comp.endMonth, p0 + comp.periodMonths);
      const excluded = new Uint8Array(GROUP_COUNT * SERVICE_COUNT);
      for (let m = p0; m < p1; m++) for (let i = 0; i < excluded.length; i++) excluded[i] += excludedAt[m * excluded.length + i];
      periods.push({ count: 1, months: p1 - p0, excluded });
    }
    const limited = comp.spec.cap !== undefined || comp.spec.floor !== undefined;
    if (!limited && periods.length > 1) periods.splice(0, periods.length, merge(periods));
    const accounts = comp.recipient.kind === 'participants' ? [...plan.providerAccount] : [recipientAccount(plan, comp)];
    const payerShare = comp.payers.reduce((a, p) => a + p.share, 0);
    const fixed = comp.spec.kind === 'fixed' ? Float64Array.from(periods, (p) => fixedAmount(model, comp, p.months, p.count)) : null;
    return { comp, periods, accounts, payerShare, fixed, receivers: Array.from({ length: GROUP_COUNT }, () => null) };
  });
  const poolOf = new Int32Array(plan.accounts.length).fill(-1);
  for (const pool of plan.pools) poolOf[pool.account] = pool.index;
  return { model, plan, items, poolOf };
}

/** Periods settled as one: what they pay adds up when no cap or floor acts on each. */
function merge(periods: Period[]): Period {
  const excluded = new Uint8Array(GROUP_COUNT * SERVICE_COUNT);
  for (const p of periods) for (let i = 0; i < excluded.length; i++) excluded[i] += p.excluded[i];
  return { count: periods.reduce((a, p) => a + p.count, 0), months: periods.reduce((a, p) => a + p.months, 0), excluded };
}

function recipientAccount(plan: PaymentPlan, comp: CompiledComponent): number {
  const r = comp.recipient;
  if (r.kind === 'provider') return plan.providerAccount[r.index];
  if (r.kind === 'pool') return plan.pools[r.index].account;
  throw new Error(`payment component '${comp.spec.id}': 'participants' has no single account`);
}

function fixedAmount(model: CompiledModel, comp: CompiledComponent, months: number, count: number): number {
  const spec = comp.spec;
  if (spec.kind !== 'fixed') return 0;
  if (count > 1) return months * fixedAmount(model, comp, 1, 1);
  if (spec.basis === 'lump') return (spec.amount / 12) * months;
  if (spec.basis === 'per-place') return (spec.amount / 12) * months * comp.providers.reduce((sum, p) => sum + model.places[p], 0);
  const mask = spec.population === 'served' ? comp.scope : comp.listed;
  let sum = 0;
  for (let k = 0; k < model.catchments.length; k++) {
    if (!mask[k]) continue;
    for (let g = 0; g < GROUP_COUNT; g++) {
      if (!comp.groups[g]) continue;
      for (let b = 0; b < CNI_BANDS; b++) sum += (spec.amount / 12) * months * comp.weightedPeople[(k * GROUP_COUNT + g) * CNI_BANDS + b];
    }
  }
  return sum;
}

/**
 * Per component, one month's sums over group g's rows (data laid out [(catchment × CNI_BANDS + band) × cols]):
 * variable pay per account and service, in full and inside episodes, with whether any unit was
 * counted (a cap or floor acts only on accounts that were paid something); goal numerator,
 * denominator and people; episode and value pay.
 * @example groupPaySums(plan, 4, rows.data, cols)
 */
export function groupPaySums(steady: SteadyPlan, g: number, d: Float64Array, cols: number): Float64Array[] {
  const { model } = steady;
  const K = model.catchments.length;
  return steady.items.map((item) => {
    const { comp } = item;
    const spec = comp.spec;
    if (!comp.groups[g] || spec.kind === 'fixed') return EMPTY;
    if (spec.kind === 'variable') {
      // [(account × services + service) × 4 + full | in episode | any unit | any unit outside episodes],
      // accounts and services numbered as in the item and the component.
      const out = new Float64Array(item.accounts.length * comp.services.length * 4);
      const r = (item.receivers[g] ??= receiversOf(model, item, spec, g));
      for (let k = 0; k < K; k++) {
        const first = r.start[k];
        const end = r.start[k + 1];
        if (first === end) continue;
        for (let b = 0; b < BANDS; b++) {
          const row = (k * BANDS + b) * cols;
          let weight = NaN;
          for (let e = first; e < end; e++) {
            const s = r.service[e];
            const units = d[row + s];
            const inside = d[row + IN + s];
            if (units === 0 && units - inside === 0) continue;
            if (Number.isNaN(weight)) weight = comp.cellWeight ? meanWeight(comp, d, row, g, b, k) : 1;
            const price = r.price[e];
            const o = r.offset[e];
            out[o] += units * weight * price;
            out[o + 1] += inside * weight * price;
            if (units !== 0) out[o + 2] = 1;
            if (units - inside !== 0) out[o + 3] = 1;
          }
        }
      }
      return out;
    }
    if (spec.kind === 'goal') {
      const scope = spec.scope === 'system' ? null : comp.scope;
      const paid = comp.listed.some((x) => x) ? comp.listed : comp.scope;
      let num = 0;
      let den = 0;
      let people = 0;
      for (let k = 0; k < K; k++)
        for (let b = 0; b < BANDS; b++) {
          const row = (k * BANDS + b) * cols;
          if (paid[k]) people += d[row + PERSON_MONTHS];
          if (scope && !scope[k]) continue;
          const [n, m] = indicatorTerms(spec.indicator, d, row);
          num += n;
          den += m;
        }
      return Float64Array.of(num, den, people);
    }
    let amount = 0;
    for (let k = 0; k < K; k++) {
      if (!comp.scope[k]) continue;
      for (let b = 0; b < BANDS; b++) {
        const row = (k * BANDS + b) * cols;
        const episodes = d[row + EPISODES];
        amount += episodes * spec.price;
        if (spec.kind === 'value') {
          for (const o of spec.outcomes) {
            const achieved = d[row + (o.indicator === 'adlIndependent' ? ADL_INDEPENDENT : STROKE_UNIT)];
            amount += o.valuePerPoint * 100 * (achieved - o.reference * episodes);
          }
        }
      }
    }
    return Float64Array.of(amount);
  });
}

const EMPTY = new Float64Array(0);

function receiversOf(model: CompiledModel, item: Item, spec: VariableComponent, g: number): Receivers {
  const { comp } = item;
  const K = model.catchments.length;
  const start = new Int32Array(K + 1);
  const service: number[] = [];
  const offset: number[] = [];
  const price: number[] = [];
  for (let k = 0; k < K; k++) {
    start[k] = service.length;
    for (let si = 0; si < comp.services.length; si++) {
      const s = comp.services[si];
      const receivers = s === S.sipMeeting || s === S.dischargePlanning ? model.team[k * GROUP_COUNT + g] : [model.serviceProvider[k * SERVICE_COUNT + s]];
      for (const p of receivers) {
        if (p < 0) continue;
        let account: number;
        if (comp.recipient.kind === 'participants') account = p;
        else if (comp.providers.includes(p)) account = 0;
        else continue;
        service.push(s);
        offset.push((account * comp.services.length + si) * 4);
        price.push(unitPrice(spec, model, p, s, g, 1)); // no home-health visit at cost here (steadyPlan)
      }
    }
  }
  start[K] = service.length;
  return { start, service: Int32Array.from(service), offset: Int32Array.from(offset), price: Float64Array.from(price) };
}

/** Numerator and denominator of a goal indicator in one row (settle.ts `indicatorValue`). */
function indicatorTerms(indicator: string, d: Float64Array, row: number): [number, number] {
  const people = d[row + PERSON_MONTHS];
  switch (indicator) {
    case 'carePlanShare':
      return [d[row + OUTCOME + O.carePlans], people];
    case 'patientCoordination':
      return [d[row + OUTCOME + O.coordinationExperienced], people];
    case 'readmissionRate':
      return [d[row + S.readmission], d[row + S.admission]];
    case 'avoidableAdmissionRate':
      return [d[row + OUTCOME + O.avoidableAdmissions] * 12000, people];
    case 'edVisitRate':
      return [d[row + S.edVisit] * 12000, people];
    case 'adlIndependentShare':
      return [d[row + OUTCOME + O.adlIndependent], d[row + EPISODES]];
    case 'directToStrokeUnitShare':
      return [d[row + OUTCOME + O.directToStrokeUnit], d[row + EPISODES]];
  }
  return [0, 0];
}

/**
 * Net payments received over the year by every account, from each group's `groupPaySums`, one
 * month's cost per provider (pools shared by cost) and units per provider (shared by activity).
 * @example steadyReceipts(plan, sums, monthCost, monthUnits)[plan.plan.providerAccount[0]]
 */
export function steadyReceipts(steady: SteadyPlan, sums: readonly Float64Array[][], monthCost: Float64Array, monthUnits: Float64Array): Float64Array {
  const { plan, items } = steady;
  const into: Receipts = { steady, net: new Float64Array(plan.accounts.length), poolShares: plan.pools.map((pool) => sharesOf(steady, pool, monthCost, monthUnits)) };
  for (let c = 0; c < items.length; c++) {
    const item = items[c];
    const { comp } = item;
    const spec = comp.spec;
    for (let t = 0; t < item.periods.length; t++) {
      const period = item.periods[t];
      if (spec.kind === 'fixed') {
        receive(into, item, item.accounts[0], item.fixed![t], true);
        continue;
      }
      if (spec.kind === 'variable') {
        const nS = comp.services.length;
        for (let ai = 0; ai < item.accounts.length; ai++) {
          let total = 0;
          let paid = false;
          for (let g = 0; g < GROUP_COUNT; g++) {
            const x = sums[g][c];
            if (x.length === 0) continue;
            for (let si = 0; si < nS; si++) {
              const s = comp.services[si];
              const o = (ai * nS + si) * 4;
              const excluded = period.excluded[g * SERVICE_COUNT + s];
              total += period.months * x[o] - excluded * x[o + 1];
              if ((excluded < period.months && x[o + 2]) || (excluded > 0 && x[o + 3])) paid = true;
            }
          }
          receive(into, item, item.accounts[ai], total, paid);
        }
        continue;
      }
      let a = 0;
      let b = 0;
      let people = 0;
      for (let g = 0; g < GROUP_COUNT; g++) {
        const x = sums[g][c];
        if (x.length === 0) continue;
        a += x[0];
        if (spec.kind === 'goal') [b, people] = [b + x[1], people + x[2]];
      }
      if (spec.kind !== 'goal') {
        receive(into, item, item.accounts[0], period.months * a, true);
        continue;
      }
      const factor = spec.deduction ? -(1 - attainment(comp, b > 0 ? a / b : NaN)) : attainment(comp, b > 0 ? a / b : NaN);
      receive(into, item, item.accounts[0], spec.perPerson ? (spec.amount / 12) * period.months * people * factor : period.count * spec.amount * factor, true);
    }
  }
  return into.net;
}

/** Where a year's receipts add up, and how each pool shares what it receives. */
interface Receipts {
  steady: SteadyPlan;
  net: Float64Array;
  poolShares: number[][];
}

/** Cap and floor act on what an account is paid in a period; pools pass it on at once. */
function receive({ steady, net, poolShares }: Receipts, item: Item, account: number, amount: number, paid: boolean): void {
  if (!paid) return;
  const spec = item.comp.spec;
  if (spec.cap !== undefined) amount = Math.min(amount, spec.cap);
  if (spec.floor !== undefined) amount = Math.max(amount, spec.floor);
  if (amount === 0) return;
  net[account] += amount * item.payerShare;
  const pool = steady.poolOf[account];
  if (pool < 0) return;
  const { plan } = steady;
  const members = plan.pools[pool].members;
  net[account] -= amount;
  for (let i = 0; i < members.length; i++) net[plan.providerAccount[members[i]]] += amount * poolShares[pool][i];
}

/** settle.ts `poolShares` in a steady year: every month has the same costs and units. */
function sharesOf(steady: SteadyPlan, pool: CompiledPool, monthCost: Float64Array, monthUnits: Float64Array): number[] {
  const rule = pool.sharing;
  let weights: number[];
  if (rule === 'equal') weights = pool.members.map(() => 1);
  else if (rule === 'by-cost') weights = pool.members.map((p) => 12 * monthCost[p]);
  else if (rule === 'by-activity') weights = pool.members.map((p) => monthUnits[p]);
  else weights = pool.members.map((p) => rule.shares[steady.model.providerIds[p]] ?? 0);
  const total = weights.reduce((a, b) => a + b, 0);
  return total > 0 ? weights.map((w) => w / total) : pool.members.map(() => 1 / pool.members.length);
}
