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
import { gapTable, incentiveTable } from './tables.js';

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
      td.pockets {
        text-align: left;
        font-size: 0.9rem;
        white-space: normal;
        min-width: 16rem;
      }
      .scroll {
        overflow-x: auto;
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
      return incentives;
    },
  });

  constructor() {
    super();
    this.json = undefined;
    this.auto = false;
    this.result = undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.analysis.abort();
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
      <p class="explain">
        For each provider and need group: what one more unit of coordination effort (from 0 to 1) does to the provider's own profit, and where its savings land
        instead. Below: how far the coordination the providers choose is from what is best for patients and society.
      </p>
      <div class="bar">
        ${!this.auto
          ? html`<button class="primary" @click=${() => emit(this, 'rb-settings', { inc: true })}>${r ? 'Analyse again, and keep up with changes' : 'Analyse incentives'}</button>
              <span class="muted">Solves the providers' equilibrium and the social optimum: a few seconds.</span>`
          : nothing}
        ${running
          ? html`<span role="status">Solving the equilibrium and the optimum…</span><button class="danger" @click=${this.cancel}>Cancel</button>`
          : this.auto
            ? html`<span class="muted">Kept up to date with the design.</span><button @click=${() => emit(this, 'rb-settings', { inc: false })}>Stop updating</button>`
            : nothing}
        ${status === TaskStatus.ERROR && !isAbort(this.analysis.error)
          ? html`<span class="issue" role="alert">The analysis failed: ${this.analysis.error instanceof Error ? this.analysis.error.message : String(this.analysis.error)}</span>`
          : nothing}
      </div>
      ${r
        ? html`<div class=${stale ? 'stale' : ''}>
            <p class="muted">
              Year ${r.incentives.year + 1} at steady state · ${r.incentives.equilibria === 0 ? 'no equilibrium converged (the last iterate is shown)' : r.incentives.equilibria === 1 ? 'one equilibrium' : `${r.incentives.equilibria} equilibria (the lowest is shown)`} ·
              solved in ${formatNumber(r.incentives.ms / 1000, 1)} s${stale ? ' · for the design before your last change' : ''}
            </p>
            <h3>Incentive table</h3>
            <div class="scroll">${incentiveTable(r.incentives)}</div>
            <h3>Coordination gap</h3>
            <div class="scroll">${gapTable(r.incentives)}</div>
          </div>`
        : nothing}
    `;
  }
}
