/**
 * Everything the results dashboard draws, computed in one place from one run: totals with 95 %
 * intervals (the same `summarize` the CLI prints), time series with bands, outcomes per need
 * group and CNI band, money flow between principals and margin by payment component.
 * Plain data and typed arrays only, so it crosses from a web worker by structured clone.
 */
import { CNI_BANDS, GROUP_IDS, NEED_GROUPS } from '../domain.js';
import type { Outcome, Prepared } from '../run.js';
import type { Band, Resolution } from './bands.js';
import { monthlyBands, periodLabels } from './bands.js';
import type { LongRow, Metrics, SummaryRow } from './summary.js';
import { interval, metricRows, metricsOf, summarize } from './summary.js';

/** Mean and 95 % interval over `n` replications (n = 1 for expected values: no interval). */
export interface Stat {
  mean: number;
  lower: number;
  upper: number;
  n: number;
}

/** The population outcomes shown per need group and CNI band. */
export const OUTCOME_METRICS = [
  'avoidableAdmissionsPerThousandPersonYears',
  'readmissionsPerThousandPersonYears',
  'edVisitsPerThousandPersonYears',
  'daysAtHomePerPersonYear',
  'coordinationExperiencedShare',
  'carePlanShare',
  'personYears',
  'spendingPerMemberMonthKr',
] as const;
export type OutcomeMetric = (typeof OUTCOME_METRICS)[number];

export interface OutcomeRow {
  /** A need group id or 'all'. */
  group: string;
  /** A CNI band 1–5 or 'all'. */
  cni: number | 'all';
  values: Record<OutcomeMetric, Stat>;
}

export interface ProviderTotals {
  id: string;
  revenueKr: Stat;
  costKr: Stat;
  marginKr: Stat;
  /** Margin over revenue, per replication then summarized (a ratio of means would have no interval). */
  marginShare: Stat;
  /** kr received per payment component that can pay the provider (pool payments under the feeding component). */
  revenueByComponentKr: { component: string; kr: Stat }[];
  costByKindKr: { kind: string; kr: Stat }[];
}

export interface TimeSeries {
  labels: string[];
  /** Net spending per payer per period. */
  spendingKr: Record<string, Band>;
  /** Margin per provider per period. */
  marginKr: Record<string, Band>;
}

/**
 * One yearly reconciliation of a benchmark-based component for one receiver, over replications:
 * per unit is per member-month (shared savings) or per episode (a target price); the mean of
 * `thresholdMet` is the share of replications in which the minimum rate was crossed.
 */
export interface ReconciliationSummary {
  component: string;
  /** The receiver: a provider or a pool. */
  entity: string;
  /** Year index from the start. */
  year: number;
  benchmarkKrPerUnit: Stat;
  actualKrPerUnit: Stat;
  units: Stat;
  savingsRate: Stat;
  thresholdRate: Stat;
  thresholdMet: Stat;
  qualityScore: Stat;
  reconciledKr: Stat;
}

export interface Dashboard {
  scenarioId: string;
  title: string;
  engine: 'expected' | 'micro';
  replications: number;
  seed: number;
  start: string;
  months: number;
  /** Display names of payers, providers, pools and components by id. */
  names: Record<string, string>;
  payerIds: string[];
  providerIds: string[];
  principalIds: string[];
  componentIds: string[];
  spendingKr: Record<string, Stat>;
  providers: ProviderTotals[];
  /** Outcomes for the whole population, per need group and per CNI band. */
  outcomes: { all: OutcomeRow; byGroup: OutcomeRow[]; byBand: OutcomeRow[] };
  /** kr from each payer (outer) to the providers of each principal (inner), pools resolved. */
  moneyFlowKr: Record<string, Record<string, Stat>>;
  teamCoordination: Stat;
  series: Record<Resolution, TimeSeries>;
  /** Yearly reconciliations of shared savings and target prices (empty without such components). */
  reconciliations: ReconciliationSummary[];
}

/** The runs behind a dashboard: the expected-value evaluation and, for a microsimulation, its replications. */
export interface DashboardInput {
  expected: Outcome;
  replications: Outcome[];
  seed: number;
}

/** Per replication: its long rows (totals over the run) and its metrics (for the time series). */
export interface Evaluated {
  rows: LongRow[][];
  metrics: Metrics[];
}

/**
 * Long rows and metrics of each replication, or of the expected values when there are none;
 * rows carry derived per-person rates (days at home per person-year) next to the CLI's metrics.
 * @example evaluatedOf(prepared, { expected, replications, seed: 42 }).rows.length
 */
export function evaluatedOf(prepared: Prepared, input: DashboardInput): Evaluated {
  const id = prepared.scenario.id;
  const runs = input.replications.length > 0 ? input.replications : [input.expected];
  const metrics = runs.map((o) => metricsOf(prepared, o));
  const rows = metrics.map((m, r) => withDerived(metricRows(m, input.replications.length > 0 ? r : 'expected', id)));
  return { rows, metrics };
}

/** Adds `daysAtHomePerPersonYear` next to every population `daysAtHome` row (a ratio per replication, then summarized). */
function withDerived(rows: LongRow[]): LongRow[] {
  const personYears = new Map<string, number>();
  const key = (r: LongRow) => `${r.group}\u0000${r.cni}\u0000${r.period}`;
  for (const r of rows) if (r.entity === 'population' && r.metric === 'personYears') personYears.set(key(r), r.value);
  const extra: LongRow[] = [];
  for (const r of rows) {
    if (r.entity !== 'population' || r.metric !== 'daysAtHome') continue;
    const py = personYears.get(key(r));
    if (py !== undefined && py > 0) extra.push({ ...r, metric: 'daysAtHomePerPersonYear', value: r.value / py });
  }
  return rows.concat(extra);
}

const NO_STAT: Stat = { mean: NaN, lower: NaN, upper: NaN, n: 0 };

function marginShareOf(metrics: readonly Metrics[], id: string): Stat {
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const shares = metrics.map((m) => sum(m.marginKr[id]) / sum(m.revenueKr[id])).filter(Number.isFinite);
  return shares.length > 0 ? interval(shares) : NO_STAT;
}

function statOf(row: SummaryRow | undefined): Stat {
  return row ? { mean: row.mean, lower: row.lower, upper: row.upper, n: row.n } : NO_STAT;
}

/** Index of summary rows by entity, group, band, period and metric. */
class SummaryIndex {
  private readonly byKey = new Map<string, SummaryRow>();

  constructor(rows: readonly SummaryRow[]) {
    for (const r of rows) this.byKey.set(SummaryIndex.key(r.entity, r.group, r.cni, r.period, r.metric), r);
  }

  static key(entity: string, group: string, cni: number | 'all', period: number | 'all', metric: string): string {
    return `${entity}\u0000${group}\u0000${cni}\u0000${period}\u0000${metric}`;
  }

  total(entity: string, metric: string, group = 'all', cni: number | 'all' = 'all'): Stat {
    return statOf(this.byKey.get(SummaryIndex.key(entity, group, cni, 'all', metric)));
  }

  /** One period's row of an entity (a reconciliation year). */
  inPeriod(entity: string, metric: string, period: number): Stat {
    return statOf(this.byKey.get(SummaryIndex.key(entity, 'all', 'all', period, metric)));
  }
}

function outcomeRow(index: SummaryIndex, group: string, cni: number | 'all'): OutcomeRow {
  const values = Object.fromEntries(OUTCOME_METRICS.map((m) => [m, index.total('population', m, group, cni)])) as Record<OutcomeMetric, Stat>;
  return { group, cni, values };
}

function namesOf(prepared: Prepared): Record<string, string> {
  const s = prepared.scenario;
  const names: Record<string, string> = {};
  for (const p of s.payers) names[p.id] = p.name;
  for (const p of s.providers) names[p.id] = p.name;
  for (const p of s.pools ?? []) names[p.id] = p.name;
  for (const c of prepared.plan.components) names[c.spec.id] = c.spec.label ?? c.spec.id;
  for (const g of NEED_GROUPS) names[g.id] = g.label;
  return names;
}

/** Each (component, receiver, year) reconciled in the run, its fields summarised over replications. */
function reconciliationsOf(first: Metrics, index: SummaryIndex): ReconciliationSummary[] {
  return first.reconciliations.map(({ component, entity, year }) => {
    const at = (metric: string) => index.inPeriod(entity, `${metric}:${component}`, year);
    return {
      component,
      entity,
      year,
      benchmarkKrPerUnit: at('benchmarkKrPerUnit'),
      actualKrPerUnit: at('actualKrPerUnit'),
      units: at('reconciledUnits'),
      savingsRate: at('savingsRate'),
      thresholdRate: at('thresholdRate'),
      thresholdMet: at('thresholdMet'),
      qualityScore: at('qualityScore'),
      reconciledKr: at('reconciledKr'),
    };
  });
}

/**
 * The dashboard of one run: expected values alone (`replications: []`) or a microsimulation.
 * @example const d = dashboardOf(prepared, { expected, replications, seed: 42 }); d.spendingKr['region'].mean
 */
export function dashboardOf(prepared: Prepared, input: DashboardInput, evaluated: Evaluated = evaluatedOf(prepared, input)): Dashboard {
  const { scenario } = prepared;
  const first = evaluated.metrics[0];
  const index = new SummaryIndex(summarize(evaluated.rows));
  const resolutions: Resolution[] = ['month', 'quarter', 'year'];
  const series = Object.fromEntries(
    resolutions.map((res) => [
      res,
      {
        labels: periodLabels(scenario.simulation.start, first.months, res),
        spendingKr: monthlyBands(evaluated.metrics.map((m) => m.spendingKr), res),
        marginKr: monthlyBands(evaluated.metrics.map((m) => m.marginKr), res),
      },
    ]),
  ) as Record<Resolution, TimeSeries>;
  const providers: ProviderTotals[] = first.providerIds.map((id) => ({
    id,
    revenueKr: index.total(id, 'revenueKr'),
    costKr: index.total(id, 'costKr'),
    marginKr: index.total(id, 'marginKr'),
    marginShare: marginShareOf(evaluated.metrics, id),
    revenueByComponentKr: Object.keys(first.revenueByComponentKr[id]).map((component) => ({ component, kr: index.total(id, `revenueKr:${component}`) })),
    costByKindKr: Object.keys(first.costByKindKr[id]).map((kind) => ({ kind, kr: index.total(id, `costKr:${kind}`) })),
  }));
  const moneyFlowKr = Object.fromEntries(
    first.payerIds.map((payer) => [payer, Object.fromEntries(first.principalIds.map((principal) => [principal, index.total(payer, `paidToPrincipalKr:${principal}`)]))]),
  );
  const bands = Array.from({ length: CNI_BANDS }, (_, b) => b + 1);
  return {
    scenarioId: scenario.id,
    title: scenario.title,
    engine: input.replications.length > 0 ? 'micro' : 'expected',
    replications: input.replications.length,
    seed: input.seed,
    start: scenario.simulation.start,
    months: first.months,
    names: namesOf(prepared),
    payerIds: first.payerIds,
    providerIds: first.providerIds,
    principalIds: first.principalIds,
    componentIds: first.componentIds,
    spendingKr: Object.fromEntries(first.payerIds.map((id) => [id, index.total(id, 'spendingKr')])),
    providers,
    outcomes: {
      all: outcomeRow(index, 'all', 'all'),
      byGroup: GROUP_IDS.map((g) => outcomeRow(index, g, 'all')).filter((r) => r.values.personYears.n > 0),
      byBand: bands.map((b) => outcomeRow(index, 'all', b)).filter((r) => r.values.personYears.n > 0),
    },
    moneyFlowKr,
    teamCoordination: index.total('population', 'teamCoordination'),
    series,
    reconciliations: reconciliationsOf(first, index),
  };
}
