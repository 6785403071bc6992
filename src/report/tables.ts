/**
 * The results dashboard as long tables (hesim style: one number per row, keyed by entity, group,
 * CNI band, period and metric, with its mean and 95 % interval): what the CSV and spreadsheet
 * exports hold, one table per section of the dashboard. Plain data, no DOM.
 */
import type { Dashboard, Stat } from '../results/dashboard.js';
import { OUTCOME_METRICS } from '../results/dashboard.js';
import { toCsv } from '../results/export.js';
import type { ResultTableId } from './table-ids.js';
import { RESULT_TABLES } from './table-ids.js';
import type { CellValue, Sheet } from './xlsx.js';

/** One row of an exported table: a summary row of the dashboard with the entity's display name. */
export interface ExportRow {
  scenario: string;
  engine: 'expected' | 'micro';
  entity: string;
  name: string;
  group: string;
  cni: number | 'all';
  period: string;
  metric: string;
  mean: number;
  lower: number;
  upper: number;
  n: number;
}

export interface ResultTable {
  /** File-name friendly: `spending`, `margins`, … */
  id: ResultTableId;
  title: string;
  rows: ExportRow[];
}

/** The columns of every table, in order. */
export const EXPORT_COLUMNS: readonly (keyof ExportRow)[] = ['scenario', 'engine', 'entity', 'name', 'group', 'cni', 'period', 'metric', 'mean', 'lower', 'upper', 'n'];

const title = (id: ResultTableId) => RESULT_TABLES.find((t) => t.id === id)!.title;

/**
 * Every table of the dashboard: spending, provider totals, outcomes, money flow, margin by
 * component, and spending and margin per month.
 * @example dashboardTables(d).find((t) => t.id === 'spending')!.rows[0].mean
 */
export function dashboardTables(d: Dashboard): ResultTable[] {
  const row = (entity: string, metric: string, stat: Stat, key: { group?: string; cni?: number | 'all'; period?: string } = {}): ExportRow => ({
    scenario: d.scenarioId,
    engine: d.engine,
    entity,
    name: d.names[entity] ?? entity,
    group: key.group ?? 'all',
    cni: key.cni ?? 'all',
    period: key.period ?? 'all',
    metric,
    mean: stat.mean,
    lower: stat.lower,
    upper: stat.upper,
    n: stat.n,
  });
  const outcomeRows = [d.outcomes.all, ...d.outcomes.byGroup, ...d.outcomes.byBand];
  const series = d.series.month;
  const perMonth = (which: 'spendingKr' | 'marginKr', ids: string[]) =>
    ids.flatMap((id) => {
      const band = series[which][id];
      return series.labels.map((label, i) => row(id, which, { mean: band.mean[i], lower: band.lower[i], upper: band.upper[i], n: band.n }, { period: label }));
    });
  return [
    { id: 'spending', title: title('spending'), rows: d.payerIds.map((id) => row(id, 'spendingKr', d.spendingKr[id])) },
    {
      id: 'margins',
      title: title('margins'),
      rows: d.providers.flatMap((p) => [row(p.id, 'revenueKr', p.revenueKr), row(p.id, 'costKr', p.costKr), row(p.id, 'marginKr', p.marginKr)]),
    },
    {
      id: 'outcomes',
      title: title('outcomes'),
      rows: [...outcomeRows.flatMap((r) => OUTCOME_METRICS.map((m) => row('population', m, r.values[m], { group: r.group, cni: r.cni }))), row('population', 'teamCoordination', d.teamCoordination)],
    },
    {
      id: 'money-flow',
      title: title('money-flow'),
      rows: d.payerIds.flatMap((payer) => d.principalIds.map((principal) => row(payer, `paidToPrincipalKr:${principal}`, d.moneyFlowKr[payer][principal]))),
    },
    {
      id: 'by-component',
      title: title('by-component'),
      rows: d.providers.flatMap((p) => [
        ...p.revenueByComponentKr.map((c) => row(p.id, `revenueKr:${c.component}`, c.kr)),
        ...p.costByKindKr.map((c) => row(p.id, `costKr:${c.kind}`, c.kr)),
        row(p.id, 'marginKr', p.marginKr),
      ]),
    },
    { id: 'per-month', title: title('per-month'), rows: [...perMonth('spendingKr', d.payerIds), ...perMonth('marginKr', d.providerIds)] },
    {
      id: 'reconciliation',
      title: title('reconciliation'),
      rows: d.reconciliations.flatMap((r) => {
        const at = (metric: string, stat: Stat) => row(r.entity, `${metric}:${r.component}`, stat, { period: `year ${r.year + 1}` });
        return [
          at('benchmarkKrPerUnit', r.benchmarkKrPerUnit),
          at('actualKrPerUnit', r.actualKrPerUnit),
          at('reconciledUnits', r.units),
          at('savingsRate', r.savingsRate),
          at('thresholdRate', r.thresholdRate),
          at('thresholdMet', r.thresholdMet),
          at('qualityScore', r.qualityScore),
          at('reconciledKr', r.reconciledKr),
        ];
      }),
    },
  ];
}

/**
 * A table as CSV (RFC 4180, the CLI's `toCsv`).
 * @example tableCsv(dashboardTables(d)[0])
 */
export function tableCsv(table: ResultTable): string {
  // An empty table (no reconciliation in a design without shared savings) still says its columns.
  if (table.rows.length === 0) return `${EXPORT_COLUMNS.join(',')}\r\n`;
  return toCsv(table.rows.map((r) => Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, r[c]]))));
}

/** 'money-flow' → 'Money flow': short enough for a sheet tab (31 characters at most). */
function sheetName(id: string): string {
  const words = id.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The tables as spreadsheet sheets: a header row, then one row per number.
 * @example writeXlsx(tableSheets(dashboardTables(d)))
 */
export function tableSheets(tables: readonly ResultTable[]): Sheet[] {
  return tables.map((t) => ({ name: sheetName(t.id), rows: [[...EXPORT_COLUMNS], ...t.rows.map((r) => EXPORT_COLUMNS.map((c): CellValue => r[c]))] }));
}
