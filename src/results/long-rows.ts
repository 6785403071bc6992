/**
 * Metrics as a long table (hesim style): one number per row, keyed by replication, scenario,
 * entity, group, CNI band, period and metric — what spreadsheets, CSV and the summaries want.
 */
import { CNI_BANDS, GROUP_COUNT, GROUP_IDS, OUTCOMES, SERVICE_IDS } from '../domain.js';
import type { Outcome, Prepared } from '../run.js';
import type { Metrics } from './metrics.js';
import { GROUP_SLOTS, metricsOf, perThousand } from './metrics.js';

/**
 * One number. `entity` is a payer or provider id, or 'population'. `group` is a need group id,
 * 'all', or 'unattributed' (money not tied to people: lump sums, fixed costs). `cni` is the
 * band 1–5. `period` is a month or year index from the start, or 'all' for the whole run.
 * Qualified metrics read `revenueKr:<component id>`, `costKr:<cost kind>`,
 * `paidToPrincipalKr:<principal id>`. A benchmark-based component's yearly reconciliation is rows
 * keyed by its receiver (a provider or a pool) and the year index, one per field, each qualified
 * by the component id: `benchmarkKrPerUnit`, `actualKrPerUnit`, `reconciledUnits` (member-months
 * or episodes), `savingsRate`, `thresholdRate`, `thresholdMet` (1 or 0: its mean over replications
 * is the chance the minimum rate was crossed), `qualityScore`, `reconciledKr` (paid +, owed −).
 * `careSpendingKr` and `spendingPerMemberMonthKr` are spending on care at the model's unit costs.
 */
export interface LongRow extends RowKey {
  replication: number | 'expected';
  value: number;
}

/** The key of a long row without its replication and value. */
export interface RowKey {
  scenario: string;
  entity: string;
  group: string;
  cni: number | 'all';
  period: number | 'all';
  metric: string;
}

export type Period = 'month' | 'year' | 'total';

export interface LongRowOptions {
  /** Totals over the run are always included; 'month' or 'year' adds rows per period. Default 'total'. */
  period?: Period;
}

/**
 * Long rows of one evaluation.
 * @example longRows(prepared, replications[0], 0, scenario.id, { period: 'year' })
 */
export function longRows(prepared: Prepared, outcome: Outcome, replication: number | 'expected', scenarioId: string, opts: LongRowOptions = {}): LongRow[] {
  return metricRows(metricsOf(prepared, outcome), replication, scenarioId, opts);
}

/**
 * Long rows of metrics already computed (saves recomputing them when both are needed).
 * @example metricRows(metricsOf(prepared, ev), 'expected', 'minimal')
 */
export function metricRows(metrics: Metrics, replication: number | 'expected', scenarioId: string, opts: LongRowOptions = {}): LongRow[] {
  const rows: LongRow[] = [];
  const push = (entity: string, group: string, cni: number | 'all', period: number | 'all', metric: string, value: number) => {
    // A rate over nobody is not a number; leaving the row out keeps means over replications honest.
    if (Number.isFinite(value)) rows.push({ replication, scenario: scenarioId, entity, group, cni, period, metric, value });
  };
  const periods = periodRanges(metrics.months, opts.period ?? 'total');
  const sumOver = (a: Float64Array, from: number, to: number) => a.subarray(from, to).reduce((x, y) => x + y, 0);

  for (const id of metrics.payerIds) {
    for (const [period, from, to] of periods) push(id, 'all', 'all', period, 'spendingKr', sumOver(metrics.spendingKr[id], from, to));
    for (const [principal, kr] of Object.entries(metrics.moneyFlowKr[id])) push(id, 'all', 'all', 'all', `paidToPrincipalKr:${principal}`, kr);
  }
  for (const id of metrics.providerIds) {
    for (const [period, from, to] of periods) {
      push(id, 'all', 'all', period, 'revenueKr', sumOver(metrics.revenueKr[id], from, to));
      push(id, 'all', 'all', period, 'costKr', sumOver(metrics.costKr[id], from, to));
      push(id, 'all', 'all', period, 'marginKr', sumOver(metrics.marginKr[id], from, to));
    }
    for (const [component, kr] of Object.entries(metrics.revenueByComponentKr[id])) push(id, 'all', 'all', 'all', `revenueKr:${component}`, kr);
    for (const [kind, kr] of Object.entries(metrics.costByKindKr[id])) push(id, 'all', 'all', 'all', `costKr:${kind}`, kr);
    const revenue = metrics.revenueByGroupKr[id];
    const cost = metrics.costByGroupKr[id];
    for (let slot = 0; slot <= GROUP_SLOTS; slot++) {
      // Who is there does not vary between replications, so every replication gets the same keys.
      if (slot < GROUP_SLOTS && metrics.population.outcomes.personMonths[slot] === 0) continue;
      const group = slot === GROUP_SLOTS ? 'unattributed' : GROUP_IDS[Math.floor(slot / CNI_BANDS)];
      const cni = slot === GROUP_SLOTS ? 'all' : (slot % CNI_BANDS) + 1;
      push(id, group, cni, 'all', 'revenueKr', revenue[slot]);
      push(id, group, cni, 'all', 'costKr', cost[slot]);
      push(id, group, cni, 'all', 'marginKr', revenue[slot] - cost[slot]);
    }
  }
  populationRows(metrics, push);
  reconciliationRows(metrics, push);
  for (const [period, from, to] of periods) {
    if (period === 'all') continue;
    const totals = new Map<string, number>();
    for (const id of SERVICE_IDS) totals.set(id, sumOver(metrics.servicesByMonth[id], from, to));
    for (const id of OUTCOMES) totals.set(id, sumOver(metrics.outcomesByMonth[id], from, to));
    totals.set('careSpendingKr', sumOver(metrics.careSpendingByMonth, from, to));
    for (const [metric, value] of derived(totals)) push('population', 'all', 'all', period, metric, value);
  }
  return rows;
}

type Push = (entity: string, group: string, cni: number | 'all', period: number | 'all', metric: string, value: number) => void;

/** One row per field of each yearly reconciliation, keyed by receiver and year. */
function reconciliationRows(metrics: Metrics, push: Push): void {
  for (const r of metrics.reconciliations) {
    const at = (metric: string, value: number) => push(r.entity, 'all', 'all', r.year, `${metric}:${r.component}`, value);
    at('benchmarkKrPerUnit', r.benchmarkKrPerUnit);
    at('actualKrPerUnit', r.actualKrPerUnit);
    at('reconciledUnits', r.units);
    at('savingsRate', r.savingsRate);
    at('thresholdRate', r.thresholdRate);
    at('thresholdMet', r.thresholdMet ? 1 : 0);
    at('qualityScore', r.qualityScore);
    at('reconciledKr', r.amountKr);
  }
}

/** Population totals per group × band, per group, per band and overall, over the whole run. */
function populationRows(metrics: Metrics, push: Push): void {
  const pop = metrics.population;
  const groupOptions: (number | 'all')[] = [...GROUP_IDS.keys(), 'all'];
  const bandOptions: (number | 'all')[] = [...Array(CNI_BANDS).keys(), 'all'];
  for (const g of groupOptions) {
    for (const b of bandOptions) {
      const slots: number[] = [];
      for (let gi = 0; gi < GROUP_COUNT; gi++) for (let bi = 0; bi < CNI_BANDS; bi++) if ((g === 'all' || g === gi) && (b === 'all' || b === bi)) slots.push(gi * CNI_BANDS + bi);
      const totals = new Map<string, number>();
      const sum = (a: Float64Array) => slots.reduce((x, s) => x + a[s], 0);
      for (const id of SERVICE_IDS) totals.set(id, sum(pop.services[id]));
      for (const id of OUTCOMES) totals.set(id, sum(pop.outcomes[id]));
      totals.set('careSpendingKr', sum(pop.careSpendingKr));
      if (totals.get('personMonths') === 0) continue;
      const group = g === 'all' ? 'all' : GROUP_IDS[g];
      const cni = b === 'all' ? 'all' : b + 1;
      for (const [metric, value] of derived(totals)) push('population', group, cni, 'all', metric, value);
      if (b === 'all') push('population', group, 'all', 'all', 'teamCoordination', g === 'all' ? overallCoordination(metrics) : metrics.teamCoordinationByGroup[g]);
    }
  }
}

/** Raw totals followed by person-years, rates per 1,000 person-years and shares. */
function derived(totals: Map<string, number>): [string, number][] {
  const personMonths = totals.get('personMonths')!;
  const personYears = personMonths / 12;
  return [
    ...totals,
    ['personYears', personYears],
    ['avoidableAdmissionsPerThousandPersonYears', perThousand(totals.get('avoidableAdmissions')!, personYears)],
    ['readmissionsPerThousandPersonYears', perThousand(totals.get('readmission')!, personYears)],
    ['edVisitsPerThousandPersonYears', perThousand(totals.get('edVisit')!, personYears)],
    ['deathsPerThousandPersonYears', perThousand(totals.get('deaths')!, personYears)],
    ['coordinationExperiencedShare', personMonths > 0 ? totals.get('coordinationExperienced')! / personMonths : NaN],
    ['carePlanShare', personMonths > 0 ? totals.get('carePlans')! / personMonths : NaN],
    ['spendingPerMemberMonthKr', personMonths > 0 ? totals.get('careSpendingKr')! / personMonths : NaN],
  ];
}

function overallCoordination(metrics: Metrics): number {
  const pm = metrics.population.outcomes.personMonths;
  let weighted = 0;
  let people = 0;
  for (let g = 0; g < GROUP_COUNT; g++) {
    let n = 0;
    for (let b = 0; b < CNI_BANDS; b++) n += pm[g * CNI_BANDS + b];
    if (n > 0) weighted += n * metrics.teamCoordinationByGroup[g];
    people += n;
  }
  return people > 0 ? weighted / people : NaN;
}

/** [period, first month, month after last]: always the whole run, then months or years if asked. */
function periodRanges(months: number, period: Period): [number | 'all', number, number][] {
  const out: [number | 'all', number, number][] = [['all', 0, months]];
  const step = period === 'month' ? 1 : period === 'year' ? 12 : 0;
  if (step > 0) for (let i = 0; i * step < months; i++) out.push([i, i * step, Math.min(months, (i + 1) * step)]);
  return out;
}
