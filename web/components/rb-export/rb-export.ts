/**
 * Export of the results on screen: each table as CSV (long format, one number per row), every
 * table in one spreadsheet (.xlsx, a sheet per table), each chart as a PNG, and the printable
 * report (opened in a new tab to print or save as PDF, or downloaded as an HTML file). The code
 * that builds the files (web/report/exports.ts) is loaded on the first click.
 */
import { html, LitElement, nothing } from 'lit';
import type { Dashboard } from '../../../src/results/dashboard.js';
import { RESULT_TABLES } from '../../../src/report/table-ids.js';
import type { ResultTableId } from '../../../src/report/table-ids.js';
import type { JsonObject } from '../../state/library.js';
import { downloadBlob, fileSafe } from '../../report/download.js';
import { LocaleController, errorText, locale, t } from '../../i18n/index.js';
import { localText } from '../../../src/scenario/texts.js';
import { styles } from './rb-export.styles.js';

/** The charts of the results view this element sits in, with their section's heading. */
function chartsBeside(host: HTMLElement): { chart: HTMLElementTagNameMap['rb-time-chart']; label: string }[] {
  const root = host.getRootNode() as ParentNode;
  return [...root.querySelectorAll('rb-time-chart')].map((chart, i) => ({ chart, label: chart.closest('section')?.querySelector('h2')?.textContent?.trim() || t('export.chartN', { n: i + 1 }) }));
}

export class RbExport extends LitElement {
  static override styles = styles;
  static override properties = {
    dashboard: { attribute: false },
    json: { attribute: false },
    status: { state: true },
  };

  declare dashboard: Dashboard | undefined;
  /** The scenario as edited: its title, question, description, design and sources go into the report. */
  declare json: JsonObject | undefined;
  declare status: { text: string; error: boolean } | undefined;

  constructor() {
    super();
    this.dashboard = undefined;
    this.json = undefined;
    this.status = undefined;
    new LocaleController(this);
  }

  private get base(): string {
    return fileSafe(this.dashboard?.scenarioId ?? 'scenario');
  }

  /** Run one export, saying what was saved or why it failed. */
  private async act(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.status = { text: what, error: false };
    } catch (error) {
      this.status = { text: t('export.failed', { error: errorText(error) }), error: true };
    }
  }

  private csv(id: ResultTableId): Promise<void> {
    const d = this.dashboard!;
    const name = `${this.base}-${id}.csv`;
    return this.act(t('export.saved', { name }), async () => {
      const { tableCsvText } = await import('../../report/exports.js');
      downloadBlob(name, new Blob([tableCsvText(d, id, localText(this.json, 'title', locale()))], { type: 'text/csv;charset=utf-8' }));
    });
  }

  private xlsx(): Promise<void> {
    const d = this.dashboard!;
    const name = `${this.base}-results.xlsx`;
    return this.act(t('export.saved', { name }), async () => {
      const { workbookBytes, XLSX_TYPE } = await import('../../report/exports.js');
      downloadBlob(name, new Blob([workbookBytes(d)], { type: XLSX_TYPE }));
    });
  }

  private png(index: number): Promise<void> {
    const entry = chartsBeside(this)[index];
    const name = `${this.base}-${fileSafe(entry?.label ?? `chart-${index + 1}`)}.png`;
    return this.act(t('export.saved', { name }), async () => {
      if (!entry) throw new Error(t('export.noChart'));
      const { chartPng } = await import('../../report/png.js');
      downloadBlob(name, await chartPng(entry.chart));
    });
  }

  /** The report's HTML, with the incentive analysis if the results view holds one for this design. */
  private async report(): Promise<string> {
    const { reportDocument } = await import('../../report/exports.js');
    const analysis = (this.getRootNode() as ParentNode).querySelector('rb-incentives')?.result;
    const incentives = analysis && analysis.json === this.json ? analysis.incentives : undefined;
    return reportDocument(this.dashboard!, this.json ?? {}, incentives);
  }

  private openReport(): Promise<void> {
    // Open the tab now, in the click: a tab opened after an await counts as a pop-up.
    const tab = window.open('', '_blank');
    return this.act(t('export.opened'), async () => {
      const text = await this.report();
      const url = URL.createObjectURL(new Blob([text], { type: 'text/html;charset=utf-8' }));
      if (tab) tab.location.href = url;
      else downloadBlob(`${this.base}-report.html`, new Blob([text], { type: 'text/html;charset=utf-8' }));
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });
  }

  private saveReport(): Promise<void> {
    const name = `${this.base}-report.html`;
    return this.act(t('export.saved', { name }), async () => downloadBlob(name, new Blob([await this.report()], { type: 'text/html;charset=utf-8' })));
  }

  override render() {
    if (!this.dashboard) return nothing;
    const charts = chartsBeside(this);
    return html`
      <p class="explain">${t('export.explain')}</p>
      <div class="row" role="group" aria-label=${t('export.csvGroup')}>
        <span class="label">${t('export.csvLabel')}</span>
        ${RESULT_TABLES.filter((tb) => tb.id !== 'reconciliation' || this.dashboard!.reconciliations.length > 0).map((tb) => {
          const title = t(`export.table.${tb.id}`);
          return html`<button data-export="csv" data-table=${tb.id} aria-label=${t('export.asCsv', { title })} @click=${() => this.csv(tb.id)}>${title}</button>`;
        })}
      </div>
      <div class="row" role="group" aria-label=${t('export.spreadsheet')}>
        <span class="label">${t('export.spreadsheet')}</span>
        <button data-export="xlsx" @click=${this.xlsx}>${t('export.xlsx')}</button>
      </div>
      <div class="row" role="group" aria-label=${t('export.pngGroup')}>
        <span class="label">${t('export.pngLabel')}</span>
        ${charts.map(({ label }, i) => html`<button data-export="png" aria-label=${t('export.asPng', { label })} @click=${() => this.png(i)}>${label}</button>`)}
      </div>
      <div class="row" role="group" aria-label=${t('export.report')}>
        <span class="label">${t('export.report')}</span>
        <button class="primary" data-export="report" @click=${this.openReport}>${t('export.printable')}</button>
        <button data-export="report-html" @click=${this.saveReport}>${t('export.reportHtml')}</button>
      </div>
      <p class="status ${this.status?.error ? 'error' : ''}" role="status">${this.status?.text ?? ''}</p>
    `;
  }
}
