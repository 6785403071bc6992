/**
 * Plain numbers from one evaluation (expected or one replication): what each payer spent, what
 * each provider earned, cost and kept, what happened to people, and where the money went.
 * Units are in the names: Kr, PersonYears, PerThousandPersonYears, Share.
 */
import { CNI_BANDS, GROUP_COUNT, O, OUTCOME_COUNT, OUTCOMES, SERVICE_COUNT, SERVICE_IDS } from '../domain.js';
import type { OutcomeId, ServiceId } from '../domain.js';
import { OUTCOME, rowOffset } from '../engine/activity.js';
import { COST_KINDS, COST_SLOTS } from '../engine/costs.js';
import type { CompiledModel } from '../engine/model.js';
import { rowSpending, spendingPrices } from '../payment/kinds/spending.js';
import type { Outcome, Prepared } from '../run.js';

export type CostKind = (typeof COST_KINDS)[number];

/** Slots of a per-group array: [group × CNI_BANDS + band], and for money one more, last, for lump sums. */
export const GROUP_SLOTS = GROUP_COUNT * CNI_BANDS;

export interface PopulationMetrics {
  /** Service counts per [group × CNI_BANDS + band], summed over the run. */
  services: Record<ServiceId, Float64Array>;
  /** Outcome totals per [group × CNI_BANDS + band] (counts, days, QALYs, person-months as recorded). */
  outcomes: Record<OutcomeId, Float64Array>;
  personYears: Float64Array;
  avoidableAdmissionsPerThousandPersonYears: Float64Array;
  readmissionsPerThousandPersonYears: Float64Array;
  edVisitsPerThousandPersonYears: Float64Array;
  /** Share of person-months experienced as coordinated (survey). */
  coordinationExperiencedShare: Float64Array;
  /** Share of person-months with a joint care plan in force. */
  carePlanShare: Float64Array;
  /** Spending on care at the model's unit costs (payment/kinds/spending.ts), every provider, per slot over the run. */
  careSpendingKr: Float64Array;
}

/**
 * One yearly reconciliation of a benchmark-based component (shared savings, a target price), as
 * the ledger recorded it: per unit is per member-month or per episode, as the kind says.
 */
export interface ReconciliationRow {
  component: string;
  /** The receiving account: a provider or a pool. */
  entity: string;
  /** Year index from the start, of the month the reconciliation was settled in. */
  year: number;
  benchmarkKrPerUnit: number;
  actualKrPerUnit: number;
  units: number;
  /** (benchmark − actual) / benchmark: positive is a saving. */
  savingsRate: number;
  /** The minimum rate the savings (or losses) had to cross; NaN when the design has none. */
  thresholdRate: number;
  thresholdMet: boolean;
  qualityScore: number;
  /** Paid (+) or owed (−), before the component's cap and floor. */
  amountKr: number;
}

export interface Metrics {
  months: number;
  payerIds: string[];
  providerIds: string[];
  /** Payers that own at least one provider, in order of first appearance among providers. */
  principalIds: string[];
  componentIds: string[];
  /** `municipality/listing provider` per catchment. */
  catchmentIds: string[];
  /** Net kr paid per payer per month (paid out − received back). */
  spendingKr: Record<string, Float64Array>;
  revenueKr: Record<string, Float64Array>;
  costKr: Record<string, Float64Array>;
  marginKr: Record<string, Float64Array>;
  /**
   * kr each provider received from each component that can pay it, over the run; pool payments
   * count under the component that fed the pool ("why did provider X gain").
   */
  revenueByComponentKr: Record<string, Record<string, number>>;
  costByKindKr: Record<string, Record<CostKind, number>>;
  /** kr per provider per [group × CNI_BANDS + band], last slot: not attributable to people (lump sums, fixed cost). */
  revenueByGroupKr: Record<string, Float64Array>;
  costByGroupKr: Record<string, Float64Array>;
  /** kr paid by each payer (outer key) to providers owned by each principal (inner key), pools resolved to their members. */
  moneyFlowKr: Record<string, Record<string, number>>;
  population: PopulationMetrics;
  /** Population totals per month. */
  servicesByMonth: Record<ServiceId, Float64Array>;
  outcomesByMonth: Record<OutcomeId, Float64Array>;
  /** Team coordination C ∈ [0,1] per [catchment × GROUP_COUNT + group], mean over months. */
  teamCoordination: Float64Array;
  /** Team coordination per group, mean over months weighted by person-months. */
  teamCoordinationByGroup: Float64Array;
  /** Spending on care at the model's unit costs per month, every provider. */
  careSpendingByMonth: Float64Array;
  /** Reconciliations of benchmark-based components, in the order they were settled. */
  reconciliations: ReconciliationRow[];
}

/**
 * Rate per 1,000 person-years; NaN when nobody was there, so that "no data" never reads as "no events".
 * @example perThousand(5, 2000) // 2.5
 */
export function perThousand(count: number, personYears: number): number {
  return personYears > 0 ? (1000 * count) / personYears : NaN;
}

/**
 * The per-replication metrics of one evaluation.
 * @example const m = metricsOf(prepared, evaluateExpected(prepared)); m.marginKr['sjukhus']
 */
export function metricsOf(prepared: Prepared, outcome: Outcome): Metrics {
  const { model, plan, scenario } = prepared;
  const months = model.months;
  const money = moneyMetrics(prepared, outcome);
  const catchmentIds = model.catchments.map((c) => `${scenario.population.municipalities[c.municipality].id}/${model.providerIds[c.listedAt] ?? 'none'}`);
  return {
    months,
    payerIds: model.payerIds,
    providerIds: model.providerIds,
    principalIds: principals(prepared),
    componentIds: plan.components.map((c) => c.spec.id),
    catchmentIds,
    ...money,
    moneyFlowKr: moneyFlow(prepared, outcome),
    ...activityMetrics(outcome, model),
    reconciliations: byYear(
      outcome.ledger.reconciliations.map((r) => ({
        component: plan.components[r.component].spec.id,
        entity: plan.accounts[r.account].id,
        year: Math.floor(r.month / 12),
        benchmarkKrPerUnit: r.benchmark,
        actualKrPerUnit: r.actual,
        units: r.units,
        savingsRate: r.savingsRate,
        thresholdRate: r.threshold ?? NaN,
        thresholdMet: r.thresholdMet,
        qualityScore: r.quality,
        amountKr: r.amount,
      })),
    ),
  };
}

/**
 * One row per component, receiver and year: a contract year that does not start in January ends
 * twice in the last year when the run cuts it short, and the two are shown as one (per-unit
 * figures weighted by units, amounts summed, the minimum rate met if either met it).
 */
function byYear(rows: ReconciliationRow[]): ReconciliationRow[] {
  const out = new Map<string, ReconciliationRow>();
  for (const r of rows) {
    const key = `${r.component}\u0000${r.entity}\u0000${r.year}`;
    const a = out.get(key);
    if (!a) {
      out.set(key, r);
      continue;
    }
    const units = a.units + r.units;
    const mean = (x: number, y: number) => (units > 0 ? (x * a.units + y * r.units) / units : NaN);
    const benchmark = mean(a.benchmarkKrPerUnit, r.benchmarkKrPerUnit);
    const actual = mean(a.actualKrPerUnit, r.actualKrPerUnit);
    out.set(key, {
      ...a,
      benchmarkKrPerUnit: benchmark,
      actualKrPerUnit: actual,
      units,
      savingsRate: (benchmark - actual) / benchmark,
      thresholdMet: a.thresholdMet || r.thresholdMet,
      qualityScore: mean(a.qualityScore, r.qualityScore),
      amountKr: a.amountKr + r.amountKr,
    });
  }
  return [...out.values()];
}

function principals(prepared: Prepared): string[] {
  return [...new Set(prepared.scenario.providers.map((p) => p.principal))];
}

function moneyMetrics(prepared: Prepared, outcome: Outcome) {
  const { model, plan } = prepared;
  const months = model.months;
  const P = model.providerIds.length;
  const A = plan.accounts.length;
  const net = outcome.ledger.netByMonth(months);
  const byComponent = outcome.ledger.receivedByComponent(plan.components.length);
  const byGroup = outcome.ledger.netByGroup();
  const spendingKr: Record<string, Float64Array> = {};
  model.payerIds.forEach((id, i) => {
    const a = plan.payerAccount[i];
    spendingKr[id] = Float64Array.from({ length: months }, (_, m) => -net[m * A + a]);
  });
  const revenueKr: Record<string, Float64Array> = {};
  const costKr: Record<string, Float64Array> = {};
  const marginKr: Record<string, Float64Array> = {};
  const revenueByComponentKr: Record<string, Record<string, number>> = {};
  const costByKindKr: Record<string, Record<CostKind, number>> = {};
  const revenueByGroupKr: Record<string, Float64Array> = {};
  const costByGroupKr: Record<string, Float64Array> = {};
  model.providerIds.forEach((id, p) => {
    const a = plan.providerAccount[p];
    const revenue = new Float64Array(months);
    const cost = new Float64Array(months);
    const costSlots = new Float64Array(COST_SLOTS);
    for (let m = 0; m < months; m++) {
      revenue[m] = net[m * A + a];
      const o = (m * P + p) * COST_SLOTS;
      for (let s = 0; s < COST_SLOTS; s++) {
        cost[m] += outcome.costs.total[o + s];
        costSlots[s] += outcome.costs.total[o + s];
      }
    }
    revenueKr[id] = revenue;
    costKr[id] = cost;
    marginKr[id] = revenue.map((r, m) => r - cost[m]);
    // Only components that can pay this provider (as payee, pool member or participant): the same keys in every replication.
    const paying = plan.components.filter((c) => c.providers.includes(p));
    revenueByComponentKr[id] = Object.fromEntries(paying.map((c) => [c.spec.id, byComponent[c.index * A + a]]));
    costByKindKr[id] = Object.fromEntries(COST_KINDS.map((k, i) => [k, outcome.costs.byKind[p * COST_KINDS.length + i]])) as Record<CostKind, number>;
    // The ledger and the cost table share the slot layout: group × CNI band, then one unattributable slot.
    revenueByGroupKr[id] = byGroup.slice(a * COST_SLOTS, (a + 1) * COST_SLOTS);
    costByGroupKr[id] = costSlots;
  });
  return { spendingKr, revenueKr, costKr, marginKr, revenueByComponentKr, costByKindKr, revenueByGroupKr, costByGroupKr };
}

/**
 * Payer × principal flows. A pool keeps nothing, and passes on each component's money in the month
 * it arrives, so within one (pool, month, component) the payers' contributions are split in
 * proportion to what each member got.
 */
function moneyFlow(prepared: Prepared, outcome: Outcome): Record<string, Record<string, number>> {
  const { plan, scenario } = prepared;
  const payerOf = new Map(plan.payerAccount.map((a, i) => [a, i]));
  const providerOf = new Map(plan.providerAccount.map((a, i) => [a, i]));
  const owner = scenario.providers.map((p) => p.principal);
  const flow: Record<string, Record<string, number>> = {};
  for (const payer of scenario.payers) flow[payer.id] = Object.fromEntries(principals(prepared).map((id) => [id, 0]));
  const payerIds = scenario.payers.map((p) => p.id);
  const viaPool = new Map<string, { pool: number; payers: Float64Array; providers: Float64Array }>();
  const poolEntry = (pool: number, month: number, component: number) => {
    const key = `${pool}:${month}:${component}`;
    let e = viaPool.get(key);
    if (!e) viaPool.set(key, (e = { pool, payers: new Float64Array(payerIds.length), providers: new Float64Array(owner.length) }));
    return e;
  };
  for (const t of outcome.ledger) {
    const from = plan.accounts[t.from].kind;
    const to = plan.accounts[t.to].kind;
    if (from === 'payer' && to === 'provider') flow[payerIds[payerOf.get(t.from)!]][owner[providerOf.get(t.to)!]] += t.amount;
    else if (from === 'provider' && to === 'payer') flow[payerIds[payerOf.get(t.to)!]][owner[providerOf.get(t.from)!]] -= t.amount;
    else if (from === 'payer' && to === 'pool') poolEntry(t.to, t.month, t.component).payers[payerOf.get(t.from)!] += t.amount;
    else if (from === 'pool' && to === 'payer') poolEntry(t.from, t.month, t.component).payers[payerOf.get(t.to)!] -= t.amount;
    else if (from === 'pool' && to === 'provider') poolEntry(t.from, t.month, t.component).providers[providerOf.get(t.to)!] += t.amount;
    else if (from === 'provider' && to === 'pool') poolEntry(t.to, t.month, t.component).providers[providerOf.get(t.from)!] -= t.amount;
  }
  for (const e of viaPool.values()) {
    const members = plan.pools.find((p) => p.account === e.pool)!.members;
    const passed = e.providers.reduce((a, b) => a + b, 0);
    // Nothing passed on in net (a bonus and a deduction cancelling): split evenly, which keeps the total.
    const share = (p: number) => (Math.abs(passed) > 1e-9 ? e.providers[p] / passed : members.includes(p) ? 1 / members.length : 0);
    e.payers.forEach((x, a) => {
      if (x === 0) return;
      for (let p = 0; p < owner.length; p++) {
        const s = share(p);
        if (s !== 0) flow[payerIds[a]][owner[p]] += x * s;
      }
    });
  }
  return flow;
}

function activityMetrics(outcome: Outcome, model: CompiledModel) {
  const { table, rates } = outcome;
  const prices = spendingPrices(model, null);
  const careSpendingKr = new Float64Array(GROUP_SLOTS);
  const careSpendingByMonth = new Float64Array(table.months);
  const K = table.catchments;
  const months = table.months;
  const services = Object.fromEntries(SERVICE_IDS.map((id) => [id, new Float64Array(GROUP_SLOTS)])) as Record<ServiceId, Float64Array>;
  const outcomes = Object.fromEntries(OUTCOMES.map((id) => [id, new Float64Array(GROUP_SLOTS)])) as Record<OutcomeId, Float64Array>;
  const servicesByMonth = Object.fromEntries(SERVICE_IDS.map((id) => [id, new Float64Array(months)])) as Record<ServiceId, Float64Array>;
  const outcomesByMonth = Object.fromEntries(OUTCOMES.map((id) => [id, new Float64Array(months)])) as Record<OutcomeId, Float64Array>;
  // Indexed views of the records above: a region-sized table has millions of rows to sum.
  const serviceColumns = SERVICE_IDS.map((id) => services[id]);
  const serviceMonths = SERVICE_IDS.map((id) => servicesByMonth[id]);
  const outcomeColumns = OUTCOMES.map((id) => outcomes[id]);
  const outcomeMonths = OUTCOMES.map((id) => outcomesByMonth[id]);
  const coordinationSum = new Float64Array(K * GROUP_COUNT);
  const weightedCoordination = new Float64Array(GROUP_COUNT);
  const groupPersonMonths = new Float64Array(GROUP_COUNT);
  const d = table.data;
  for (let m = 0; m < months; m++) {
    for (let k = 0; k < K; k++) {
      for (let g = 0; g < GROUP_COUNT; g++) {
        const coord = rates[m].coordination[k * GROUP_COUNT + g];
        coordinationSum[k * GROUP_COUNT + g] += coord;
        for (let b = 0; b < CNI_BANDS; b++) {
          const row = rowOffset(table, m, k, g, b);
          const slot = g * CNI_BANDS + b;
          for (let s = 0; s < SERVICE_COUNT; s++) {
            serviceColumns[s][slot] += d[row + s];
            serviceMonths[s][m] += d[row + s];
          }
          for (let o = 0; o < OUTCOME_COUNT; o++) {
            outcomeColumns[o][slot] += d[row + OUTCOME + o];
            outcomeMonths[o][m] += d[row + OUTCOME + o];
          }
          const spent = rowSpending(prices, d, row, k, g);
          careSpendingKr[slot] += spent;
          careSpendingByMonth[m] += spent;
          const people = d[row + OUTCOME + O.personMonths];
          weightedCoordination[g] += people * coord;
          groupPersonMonths[g] += people;
        }
      }
    }
  }
  const personMonths = outcomes.personMonths;
  const personYears = personMonths.map((x) => x / 12);
  const rate = (count: Float64Array) => count.map((x, i) => perThousand(x, personYears[i]));
  const share = (count: Float64Array) => count.map((x, i) => (personMonths[i] > 0 ? x / personMonths[i] : NaN));
  return {
    population: {
      services,
      outcomes,
      personYears,
      avoidableAdmissionsPerThousandPersonYears: rate(outcomes.avoidableAdmissions),
      readmissionsPerThousandPersonYears: rate(services.readmission),
      edVisitsPerThousandPersonYears: rate(services.edVisit),
      coordinationExperiencedShare: share(outcomes.coordinationExperienced),
      carePlanShare: share(outcomes.carePlans),
      careSpendingKr,
    },
    careSpendingByMonth,
    servicesByMonth,
    outcomesByMonth,
    teamCoordination: coordinationSum.map((x) => (months > 0 ? x / months : 0)),
    teamCoordinationByGroup: weightedCoordination.map((x, g) => (groupPersonMonths[g] > 0 ? x / groupPersonMonths[g] : NaN)),
  };
}
