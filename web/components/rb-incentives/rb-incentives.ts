/**
 * The incentive table and the coordination gap (src/behaviour `analyzeIncentives`): solved in
 * their own worker because finding equilibria takes seconds. On demand; once asked for, kept up
 * to date with the design (a newer analysis cancels a stale one).
 */
import { css, html, LitElement, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { isAbort } from '../../engine/engine-client.js';
import { incentiveEngine } from '../../engine/engines.js';
import type { Incentives } from '../../engine/protocol.js';
import { emit } from '../../events.js';
import type { JsonObject } from '../../state/library.js';
import { formatNumber } from '../../format.js';
import { shared } from '../../styles/shared.js';
import { LocaleController, errorText, t } from '../../i18n/index.js';
import { gapTable, incentiveTable } from './tables.js';
import { recall, remember } from '../../state/results-cache.js';

export class RbIncentives extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: center;
        margin-bottom: 0.75rem;
      }
      .unit {
        font-weight: 400;
        font-size: 0.78rem;
      }
      .group-row th {
        padding-top: 0.9rem;
        font-size: 1rem;
      }
      tr.team td {
        font-style: italic;
      }
      td {
        white-space: nowrap;
      }
      /* Provider names may wrap, so the table fits a projector's width in both languages. */
      td:first-child {
        white-space: normal;
      }
      td.pockets {
        text-align: left;
        font-size: 0.9rem;
        white-space: normal;
        min-width: 12rem;
      }
      .nowrap {
        white-space: nowrap;
      }
      table {
        margin-bottom: 1.25rem;
      }
      .stale {
        opacity: 0.6;
      }
      .explain {
        color: var(--rb-muted, #5b6675);
        max-width: 62rem;
      }
    `,
  ];
  static override properties = {
    json: { attribute: false },
    auto: { type: Boolean },
    result: { state: true },
  };

  declare json: JsonObject | undefined;
  /** Keep the analysis up to date with the design. */
  declare auto: boolean;
  declare result: { json: JsonObject; incentives: Incentives } | undefined;

  private timer = 0;

  private readonly analysis = new Task(this, {
    autoRun: false,
    task: async ([json]: readonly [JsonObject], { signal }) => {
      const incentives = await incentiveEngine.call({ type: 'incentives', json }, { signal });
      this.result = { json, incentives };
      remember('incentives', JSON.stringify(json), incentives);
      return incentives;
    },
  });

  constructor() {
    super();
    new LocaleController(this);
    this.json = undefined;
    this.auto = false;
    this.result = undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.analysis.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The analysis of this very design, done before this view was last left, is shown at once.
    if (changed.has('json') && this.json && this.result?.json !== this.json) {
      const kept = recall<Incentives>('incentives', JSON.stringify(this.json));
      if (kept) this.result = { json: this.json, incentives: kept };
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.auto || !this.json) return;
    if (!changed.has('json') && !changed.has('auto')) return;
    if (this.result?.json === this.json) return;
    // Wait for the levers to rest: each analysis takes seconds.
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.analysis.run([this.json!]), changed.has('auto') ? 0 : 800);
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.analysis.abort();
    emit(this, 'rb-settings', { inc: false });
  }

  override render() {
    const status = this.analysis.status;
    const running = status === TaskStatus.PENDING;
    const r = this.result;
    const stale = r !== undefined && r.json !== this.json;
    return html`
      <p class="explain">${t('inc.explain')}</p>
      <div class="bar">
        ${!this.auto
          ? html`<button class="primary" @click=${() => emit(this, 'rb-settings', { inc: true })}>${r ? t('inc.again') : t('inc.analyse')}</button>
              <span class="muted">${t('inc.takes')}</span>`
          : nothing}
        ${running
          ? html`<span role="status">${t('inc.solving')}</span><button class="danger" @click=${this.cancel}>${t('inc.cancel')}</button>`
          : this.auto
            ? html`<span class="muted">${t('inc.kept')}</span><button @click=${() => emit(this, 'rb-settings', { inc: false })}>${t('inc.stop')}</button>`
            : nothing}
        ${status === TaskStatus.ERROR && !isAbort(this.analysis.error)
          ? html`<span class="issue" role="alert">${t('inc.failed', { error: errorText(this.analysis.error) })}</span>`
          : nothing}
      </div>
      ${r
        ? html`<div class=${stale ? 'stale' : ''}>
            <p class="muted">
              ${t('inc.yearSteady', { year: r.incentives.year + 1 })} ·
              ${r.incentives.equilibria === 0 ? t('inc.noEquilibrium') : r.incentives.equilibria === 1 ? t('inc.oneEquilibrium') : t('inc.manyEquilibria', { count: r.incentives.equilibria })} ·
              ${t('inc.solvedIn', { s: formatNumber(r.incentives.ms / 1000, 1) })}${stale ? ` · ${t('inc.beforeChange')}` : ''}
            </p>
            <h3>${t('inc.table')}</h3>
            ${incentiveTable(r.incentives)}
            <h3>${t('inc.gap')}</h3>
            ${gapTable(r.incentives)}
          </div>`
        : nothing}
    `;
  }
}
