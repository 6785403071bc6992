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
import { styles } from './rb-export.styles.js';

/** The charts of the results view this element sits in, with their section's heading. */
function chartsBeside(host: HTMLElement): { chart: HTMLElementTagNameMap['rb-time-chart']; label: string }[] {
  const root = host.getRootNode() as ParentNode;
  return [...root.querySelectorAll('rb-time-chart')].map((chart, i) => ({ chart, label: chart.closest('section')?.querySelector('h2')?.textContent?.trim() || `Chart ${i + 1}` }));
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
      this.status = { text: `Export failed: ${error instanceof Error ? error.message : String(error)}`, error: true };
    }
  }

  private csv(id: ResultTableId): Promise<void> {
    const d = this.dashboard!;
    const name = `${this.base}-${id}.csv`;
    return this.act(`Saved ${name}`, async () => {
      const { tableCsvText } = await import('../../report/exports.js');
      downloadBlob(name, new Blob([tableCsvText(d, id)], { type: 'text/csv;charset=utf-8' }));
    });
  }

  private xlsx(): Promise<void> {
    const d = this.dashboard!;
    const name = `${this.base}-results.xlsx`;
    return this.act(`Saved ${name}`, async () => {
      const { workbookBytes, XLSX_TYPE } = await import('../../report/exports.js');
      downloadBlob(name, new Blob([workbookBytes(d)], { type: XLSX_TYPE }));
    });
  }

  private png(index: number): Promise<void> {
    const entry = chartsBeside(this)[index];
    const name = `${this.base}-${fileSafe(entry?.label ?? `chart-${index + 1}`)}.png`;
    return this.act(`Saved ${name}`, async () => {
      if (!entry) throw new Error('the chart is not on the page');
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
    return this.act('Opened the report in a new tab: print it, or save it as PDF', async () => {
      const text = await this.report();
      const url = URL.createObjectURL(new Blob([text], { type: 'text/html;charset=utf-8' }));
      if (tab) tab.location.href = url;
      else downloadBlob(`${this.base}-report.html`, new Blob([text], { type: 'text/html;charset=utf-8' }));
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });
  }

  private saveReport(): Promise<void> {
    const name = `${this.base}-report.html`;
    return this.act(`Saved ${name}`, async () => downloadBlob(name, new Blob([await this.report()], { type: 'text/html;charset=utf-8' })));
  }

  override render() {
    if (!this.dashboard) return nothing;
    const charts = chartsBeside(this);
    return html`
      <p class="explain">The numbers on screen as files. Tables are long: one number per row, with its mean, its 95 % interval and the number of replications behind it.</p>
      <div class="row" role="group" aria-label="Tables as CSV">
        <span class="label">Tables (CSV)</span>
        ${RESULT_TABLES.map((t) => html`<button data-export="csv" data-table=${t.id} aria-label=${`${t.title} as CSV`} @click=${() => this.csv(t.id)}>${t.title}</button>`)}
      </div>
      <div class="row" role="group" aria-label="Spreadsheet">
        <span class="label">Spreadsheet</span>
        <button data-export="xlsx" @click=${this.xlsx}>Every table (.xlsx)</button>
      </div>
      <div class="row" role="group" aria-label="Charts as PNG">
        <span class="label">Charts (PNG)</span>
        ${charts.map(({ label }, i) => html`<button data-export="png" aria-label=${`${label} chart as PNG`} @click=${() => this.png(i)}>${label}</button>`)}
      </div>
      <div class="row" role="group" aria-label="Report">
        <span class="label">Report</span>
        <button class="primary" data-export="report" @click=${this.openReport}>Printable report</button>
        <button data-export="report-html" @click=${this.saveReport}>Report as HTML file</button>
      </div>
      <p class="status ${this.status?.error ? 'error' : ''}" role="status">${this.status?.text ?? ''}</p>
    `;
  }
}
