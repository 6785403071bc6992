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
import { writeXlsx } from '../../src/report/xlsx.js';
import { locale, t } from '../i18n/index.js';
import type { MessageKey } from '../i18n/index.js';

/** The report's words in the app's language, from the catalogue's `report.*` keys. */
function reportText(): ReportText {
  return Object.fromEntries(Object.keys(REPORT_TEXT).map((k) => [k, t(`report.${k}` as MessageKey)])) as ReportText;
}

/**
 * One results table as CSV.
 * @example downloadBlob('x-spending.csv', new Blob([tableCsvText(d, 'spending')]))
 */
export function tableCsvText(d: Dashboard, id: ResultTableId): string {
  const table = dashboardTables(d).find((t) => t.id === id);
  if (!table) throw new Error(`no results table '${id}'`);
  return tableCsv(table);
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
