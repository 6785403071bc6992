/**
 * The files the results view exports, built from the dashboard on screen with the library's
 * code (src/report): CSV per table, one spreadsheet, the printable report. Loaded on demand by
 * rb-export (a dynamic import), so the first page load does not carry it.
 */
import { NEED_GROUPS } from '../../src/domain.js';
import type { Dashboard } from '../../src/results/dashboard.js';
import { REPORT_TEXT, reportHtml, reportScenario } from '../../src/report/html.js';
import type { ReportIncentives, ReportText } from '../../src/report/html.js';
import type { ResultTableId } from '../../src/report/table-ids.js';
import { dashboardTables, tableCsv, tableSheets } from '../../src/report/tables.js';
import type { ExportRow } from '../../src/report/tables.js';
import { swedishCsv, toCsv } from '../../src/results/export.js';
import { writeXlsx } from '../../src/report/xlsx.js';
import { locale, t } from '../i18n/index.js';
import type { MessageKey } from '../i18n/index.js';

/** The report's words in the app's language, from the catalogue's `report.*` keys. */
function reportText(): ReportText {
  return Object.fromEntries(Object.keys(REPORT_TEXT).map((k) => [k, t(`report.${k}` as MessageKey)])) as ReportText;
}

const METRIC_LABELS: Record<string, MessageKey> = {
  spendingKr: 'csv.spendingKr',
  revenueKr: 'csv.revenueKr',
  costKr: 'csv.costKr',
  marginKr: 'csv.marginKr',
  avoidableAdmissionsPerThousandPersonYears: 'csv.avoidable',
  readmissionsPerThousandPersonYears: 'csv.readmissions',
  edVisitsPerThousandPersonYears: 'csv.ed',
  daysAtHomePerPersonYear: 'csv.daysAtHome',
  coordinationExperiencedShare: 'csv.coordinated',
  carePlanShare: 'csv.carePlan',
  personYears: 'csv.personYears',
  teamCoordination: 'csv.team',
};
const COST_KINDS: Record<string, MessageKey> = { services: 'tables.costServices', coordination: 'tables.costCoordination', fixed: 'tables.costFixed' };

/**
 * A metric id as a reader says it: 'revenueKr:vc-kap' → 'Intäkter från Vårdpeng (kr)'. An id the
 * app has no words for stays as it is (a new metric is never dropped).
 */
export function metricLabel(metric: string, names: Record<string, string>): string {
  const [base, part] = metric.split(':');
  if (part !== undefined && base === 'revenueKr') return t('csv.revenueFrom', { name: names[part] ?? part });
  if (part !== undefined && base === 'costKr') return `${COST_KINDS[part] ? t(COST_KINDS[part]) : part} (kr)`;
  if (part !== undefined && base === 'paidToPrincipalKr') return t('csv.paidTo', { name: names[part] ?? part });
  return METRIC_LABELS[metric] ? t(METRIC_LABELS[metric]) : metric;
}

/** Kronor to the öre; rates and shares to four decimals (a share in per cent with two). */
function rounded(x: number, metric: string): number {
  return Number(x.toFixed(/Kr(:|$)/.test(metric) ? 2 : 4));
}

/** A row of a table with words for a reader instead of ids, in the page's language. */
function labelledRow(r: ExportRow, d: Dashboard, scenario: string): Record<string, unknown> {
  const group = NEED_GROUPS.find((g) => g.id === r.group);
  return {
    [t('csv.scenario')]: scenario,
    [t('csv.engine')]: r.engine === 'micro' ? t('csv.micro') : t('csv.expected'),
    [t('csv.who')]: r.name,
    [t('csv.group')]: group ? `${group.number}. ${t(`group.${group.id}`)}` : r.group === 'all' ? t('csv.all') : r.group,
    [t('csv.cni')]: r.cni === 'all' ? t('csv.all') : r.cni,
    [t('csv.period')]: r.period === 'all' ? t('csv.wholeRun') : r.period,
    [t('csv.metric')]: metricLabel(r.metric, d.names),
    [t('csv.mean')]: rounded(r.mean, r.metric),
    [t('csv.lower')]: r.n > 1 ? rounded(r.lower, r.metric) : undefined,
    [t('csv.upper')]: r.n > 1 ? rounded(r.upper, r.metric) : undefined,
    [t('csv.n')]: r.n,
  };
}

/**
 * One results table as CSV. In Swedish: for Excel set to Swedish (';', decimal comma, kronor to
 * öre, words instead of ids); in English: RFC 4180 with full precision and ids, as the CLI writes.
 * @example downloadBlob('x-spending.csv', new Blob([tableCsvText(d, 'spending')]))
 */
export function tableCsvText(d: Dashboard, id: ResultTableId, scenarioTitle = d.scenarioId): string {
  const table = dashboardTables(d).find((t) => t.id === id);
  if (!table) throw new Error(`no results table '${id}'`);
  if (locale() !== 'sv') return tableCsv(table);
  return toCsv(
    table.rows.map((r) => labelledRow(r, d, scenarioTitle)),
    swedishCsv(() => undefined),
  );
}

/**
 * Every results table as a sheet of one .xlsx workbook.
 * @example new Blob([workbookBytes(d)], { type: XLSX_TYPE })
 */
export function workbookBytes(d: Dashboard): Uint8Array<ArrayBuffer> {
  const bytes = writeXlsx(tableSheets(dashboardTables(d)));
  return new Uint8Array(bytes);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The printable report of the scenario as edited and the results on screen; the incentive
 * analysis when the results view has computed it for this very design.
 * @example window.open(URL.createObjectURL(new Blob([reportDocument(d, json)], { type: 'text/html' })))
 */
export function reportDocument(d: Dashboard, json: object, incentives?: ReportIncentives): string {
  const groupNames = Object.fromEntries(NEED_GROUPS.map((g) => [g.id, t(`group.${g.id}`)]));
  return reportHtml({ scenario: reportScenario(json, locale()), dashboard: d, incentives, generated: new Date().toISOString().slice(0, 10), text: reportText(), groupNames });
}
