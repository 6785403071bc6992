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
import { attainment, episodeExclusions, meanWeight, unitPrice } from '../payment/settle.js';

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
}

/** The components of a year, ready to settle from group sums. */
export interface SteadyPlan {
  model: CompiledModel;
  plan: PaymentPlan;
  items: Item[];
}

/**
 * The plan of a steady year, or null when it has a stop-loss, a risk corridor or an extra
 * column that is not a weighted count (those need the full evaluation).
 * @example const plan = steadyPlan(ctx.view.model, ctx.view.plan)
 */
export function steadyPlan(model: CompiledModel, plan: PaymentPlan): SteadyPlan | null {
  if (plan.extras.some((x) => x.kind !== 'weighted')) return null;
  if (plan.components.some((c) => c.spec.stopLoss !== undefined || c.spec.riskCorridor !== undefined)) return null;
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
    return { comp, periods, accounts, payerShare, fixed };
  });
  return { model, plan, items };
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
  return steady.items.map(({ comp, accounts }) => {
    const spec = comp.spec;
    if (!comp.groups[g] || spec.kind === 'fixed') return EMPTY;
    if (spec.kind === 'variable') {
      // [(account × services + service) × 4 + full | in episode | any unit | any unit outside episodes],
      // accounts and services numbered as in the item and the component.
      const out = new Float64Array(accounts.length * comp.services.length * 4);
      for (let k = 0; k < K; k++)
        for (let b = 0; b < CNI_BANDS; b++) {
          const row = (k * CNI_BANDS + b) * cols;
          for (let si = 0; si < comp.services.length; si++) {
            const s = comp.services[si];
            const units = d[row + s];
            const inside = d[row + IN_EPISODE + s];
            if (units === 0 && units - inside === 0) continue;
            const weight = comp.cellWeight ? meanWeight(comp, d, row, g, b, k) : 1;
            const receivers = s === S.sipMeeting || s === S.dischargePlanning ? model.team[k * GROUP_COUNT + g] : [model.serviceProvider[k * SERVICE_COUNT + s]];
            for (const p of receivers) {
              if (p < 0) continue;
              let account: number;
              if (comp.recipient.kind === 'participants') account = p;
              else if (comp.providers.includes(p)) account = 0;
              else continue;
              const price = unitPrice(spec, model, p, s, g);
              const o = (account * comp.services.length + si) * 4;
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
        for (let b = 0; b < CNI_BANDS; b++) {
          const row = (k * CNI_BANDS + b) * cols;
          if (paid[k]) people += d[row + OUTCOME + O.personMonths];
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
      for (let b = 0; b < CNI_BANDS; b++) {
        const row = (k * CNI_BANDS + b) * cols;
        const episodes = d[row + OUTCOME + O.episodes];
        amount += episodes * spec.price;
        if (spec.kind === 'value') {
          for (const o of spec.outcomes) {
            const achieved = d[row + OUTCOME + (o.indicator === 'adlIndependent' ? O.adlIndependent : O.directToStrokeUnit)];
            amount += o.valuePerPoint * 100 * (achieved - o.reference * episodes);
          }
        }
      }
    }
    return Float64Array.of(amount);
  });
}

const EMPTY = new Float64Array(0);

/** Numerator and denominator of a goal indicator in one row (settle.ts `indicatorValue`). */
function indicatorTerms(indicator: string, d: Float64Array, row: number): [number, number] {
  const people = d[row + OUTCOME + O.personMonths];
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
      return [d[row + OUTCOME + O.adlIndependent], d[row + OUTCOME + O.episodes]];
    case 'directToStrokeUnitShare':
      return [d[row + OUTCOME + O.directToStrokeUnit], d[row + OUTCOME + O.episodes]];
  }
  return [0, 0];
}

/**
 * Net payments received over the year by every account, from each group's `groupPaySums`, one
 * month's cost per provider (pools shared by cost) and units per provider (shared by activity).
 * @example steadyReceipts(plan, sums, monthCost, monthUnits)[plan.plan.providerAccount[0]]
 */
export function steadyReceipts(steady: SteadyPlan, sums: readonly Float64Array[][], monthCost: Float64Array, monthUnits: Float64Array): Float64Array {
  const { plan } = steady;
  const net = new Float64Array(plan.accounts.length);
  const poolShares = plan.pools.map((pool) => sharesOf(steady, pool, monthCost, monthUnits));
  const poolOf = new Map(plan.pools.map((pool) => [pool.account, pool.index]));
  steady.items.forEach((item, c) => {
    const { comp } = item;
    const spec = comp.spec;
    item.periods.forEach((period, t) => {
      if (spec.kind === 'fixed') return receive(item.accounts[0], item.fixed![t], true);
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
          receive(item.accounts[ai], total, paid);
        }
        return;
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
      if (spec.kind !== 'goal') return receive(item.accounts[0], period.months * a, true);
      const factor = spec.deduction ? -(1 - attainment(comp, b > 0 ? a / b : NaN)) : attainment(comp, b > 0 ? a / b : NaN);
      receive(item.accounts[0], spec.perPerson ? (spec.amount / 12) * period.months * people * factor : period.count * spec.amount * factor, true);
    });

    /** Cap and floor act on what an account is paid in a period; pools pass it on at once. */
    function receive(account: number, amount: number, paid: boolean): void {
      if (!paid) return;
      if (comp.spec.cap !== undefined) amount = Math.min(amount, comp.spec.cap);
      if (comp.spec.floor !== undefined) amount = Math.max(amount, comp.spec.floor);
      if (amount === 0) return;
      net[account] += amount * item.payerShare;
      const pool = poolOf.get(account);
      if (pool === undefined) return;
      const members = plan.pools[pool].members;
      net[account] -= amount;
      members.forEach((p, i) => (net[plan.providerAccount[p]] += amount * poolShares[pool][i]));
    }
  });
  return net;
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
