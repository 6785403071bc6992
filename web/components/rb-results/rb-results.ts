/**
 * The results dashboard: live expected values on every change, a microsimulation in a worker on
 * demand (progress, cancel, a newer run cancels a stale one), and what both say — spending per
 * payer, margin per provider, outcomes per need group and CNI band, money flow between
 * principals and margin by payment component.
 */
import { html, LitElement, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { NEED_GROUPS } from '../../../src/domain.js';
import type { Resolution } from '../../../src/results/bands.js';
import type { Dashboard } from '../../../src/results/dashboard.js';
import { isAbort } from '../../engine/engine-client.js';
import { runEngine } from '../../engine/engines.js';
import type { EngineKind, Evaluated, RunSettings, Solved } from '../../engine/protocol.js';
import { emit } from '../../events.js';
import type { JsonObject } from '../../state/library.js';
import { formatNumber } from '../../format.js';
import { colour } from '../../styles/shared.js';
import type { ChartSeries } from '../rb-time-chart/index.js';
import { componentTable, outcomeTable, payerCards, providerTable } from './tables.js';
import { styles } from './rb-results.styles.js';

const RESOLUTION_LABELS: Record<Resolution, string> = { month: 'Month', quarter: 'Quarter', year: 'Year' };

function simulationSetting(json: JsonObject | undefined, key: 'seed' | 'replications', fallback: number): number {
  const sim = json?.simulation as Record<string, unknown> | undefined;
  const v = sim?.[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
}

export class RbResults extends LitElement {
  static override styles = styles;
  static override properties = {
    json: { attribute: false },
    live: { attribute: false },
    livePending: { type: Boolean },
    solved: { attribute: false },
    solving: { type: Boolean },
    scenarioKey: { type: String },
    engine: { type: String },
    reps: { type: Number },
    seed: { type: Number },
    resolution: { type: String },
    incentives: { type: Boolean },
    progress: { state: true },
    micro: { state: true },
  };

  declare json: JsonObject | undefined;
  /** The newest live (expected-value) evaluation of `json` or of a moment before. */
  declare live: Evaluated | undefined;
  declare livePending: boolean;
  /** Expected values with the providers' response to exactly this design solved (responsive scenarios). */
  declare solved: Solved | undefined;
  declare solving: boolean;
  declare scenarioKey: string;
  declare engine: EngineKind;
  /** Replications and seed from the URL; default: the scenario's own. */
  declare reps: number | undefined;
  declare seed: number | undefined;
  declare resolution: Resolution;
  /** Keep the incentive analysis up to date (URL `inc=1`). */
  declare incentives: boolean;
  declare progress: number;
  /** The last finished microsimulation and the scenario and settings it ran. */
  declare micro: { key: string; dashboard: Dashboard; ms: number } | undefined;

  private readonly simulation = new Task(this, {
    autoRun: false,
    task: async ([json, settings]: readonly [JsonObject, RunSettings], { signal }) => {
      this.progress = 0;
      const key = JSON.stringify([json, settings]);
      const result = await runEngine.call({ type: 'simulate', json, settings }, { signal, onProgress: (f) => (this.progress = f) });
      this.micro = { key, dashboard: result.dashboard, ms: result.ms };
      return result;
    },
  });

  constructor() {
    super();
    this.json = undefined;
    this.live = undefined;
    this.livePending = false;
    this.solved = undefined;
    this.solving = false;
    this.scenarioKey = '';
    this.engine = 'expected';
    this.reps = undefined;
    this.seed = undefined;
    this.resolution = 'quarter';
    this.incentives = false;
    this.progress = 0;
    this.micro = undefined;
  }

  private get settings(): RunSettings {
    return { replications: this.reps ?? simulationSetting(this.json, 'replications', 10), seed: this.seed ?? simulationSetting(this.json, 'seed', 1) };
  }

  /** The microsimulation, if it ran on exactly this scenario and these settings. */
  private get currentMicro(): Dashboard | undefined {
    if (!this.micro || !this.json) return undefined;
    return this.micro.key === JSON.stringify([this.json, this.settings]) ? this.micro.dashboard : undefined;
  }

  private run(): void {
    if (!this.json) return;
    // A newer run aborts the pending one (the Task aborts its signal; the worker is terminated).
    void this.simulation.run([this.json, this.settings]);
  }

  private cancel(): void {
    this.simulation.abort();
  }

  protected override async updated(changed: PropertyValues<this>): Promise<void> {
    if (!changed.has('live') && !changed.has('solved') && !changed.has('micro') && !changed.has('resolution') && !changed.has('engine')) return;
    // Mark when the charts have drawn the new numbers: the redraw budget is measured from here.
    const charts = [...this.renderRoot.querySelectorAll('rb-time-chart')];
    await Promise.all(charts.map((c) => c.updateComplete));
    performance.mark('reimburse:results-drawn', { detail: { evaluateMs: this.live?.evaluateMs, dashboardMs: this.live?.dashboardMs, reuse: this.live?.reuse } });
  }

  private renderRunPanel() {
    const s = this.settings;
    const running = this.simulation.status === TaskStatus.PENDING;
    const setting = (detail: { engine?: EngineKind; reps?: number; seed?: number }) => emit(this, 'rb-settings', detail);
    const intInput = (e: Event) => {
      const v = Number((e.target as HTMLInputElement).value);
      return Number.isInteger(v) && v >= 0 ? v : undefined;
    };
    return html`<div class="card run" role="group" aria-label="Run settings">
      <fieldset>
        <legend>Engine</legend>
        <label class="choice"><input type="radio" name="engine" value="expected" .checked=${this.engine === 'expected'} @change=${() => setting({ engine: 'expected' })} />Expected values (instant)</label>
        <label class="choice"><input type="radio" name="engine" value="micro" .checked=${this.engine === 'micro'} @change=${() => setting({ engine: 'micro' })} />Microsimulation (with uncertainty)</label>
      </fieldset>
      ${this.engine === 'micro'
        ? html`<label class="field">Replications<input type="number" min="1" max="10000" step="1" .value=${String(s.replications)} @change=${(e: Event) => setting({ reps: intInput(e) })} /></label>
            <label class="field">Seed<input type="number" min="0" step="1" .value=${String(s.seed)} @change=${(e: Event) => setting({ seed: intInput(e) })} /></label>
            <button class="primary" @click=${this.run} ?disabled=${!this.live?.check.ok}>${running ? 'Restart run' : this.currentMicro ? 'Run again' : 'Run microsimulation'}</button>
            ${running
              ? html`<div class="progress">
                  <progress max="1" .value=${this.progress} aria-label="Microsimulation progress"></progress>
                  <span role="status">${formatNumber(100 * this.progress, this.progress < 0.1 ? 1 : 0)} %</span>
                  <button class="danger" @click=${this.cancel}>Cancel</button>
                </div>`
              : nothing}`
        : nothing}
    </div>`;
  }

  private renderStatus(shown: Dashboard | undefined) {
    const check = this.live?.check;
    if (check && !check.ok) {
      return html`<div class="status problems" role="alert">
        <div>
          <strong>The scenario has ${check.errors.length} problem${check.errors.length === 1 ? '' : 's'}</strong>, so it cannot run. ${shown ? 'The results below are from before the change.' : ''}
          <ul>
            ${check.errors.slice(0, 5).map((i) => html`<li><code>${i.path}</code>: ${i.message}</li>`)}
          </ul>
        </div>
        <button @click=${() => emit(this, 'rb-navigate', { view: 'edit' })}>Fix in the editor</button>
      </div>`;
    }
    const status = this.simulation.status;
    const error = status === TaskStatus.ERROR ? this.simulation.error : undefined;
    const messages = [];
    if (error !== undefined) {
      messages.push(isAbort(error) ? html`<span role="status"><strong>Run cancelled.</strong> Showing ${this.currentMicro ? 'the last finished run' : 'expected values'}.</span>` : html`<span role="alert" class="neg"><strong>The run failed:</strong> ${error instanceof Error ? error.message : String(error)}</span>`);
    }
    if (shown?.engine === 'micro') {
      messages.push(html`<span><strong>Microsimulation</strong> · ${shown.replications} replications · seed ${shown.seed} · means with 95 % intervals · ran in ${formatNumber((this.micro?.ms ?? 0) / 1000, 1)} s</span>`);
    } else if (shown) {
      const ms = this.live ? this.live.evaluateMs + this.live.dashboardMs : 0;
      const mode = typeof (this.json?.simulation as Record<string, unknown> | undefined)?.behaviour === 'string' ? String((this.json!.simulation as Record<string, unknown>).behaviour) : 'fixed';
      if (this.solved) {
        const unconverged = this.solved.converged.filter((c) => !c).length;
        messages.push(html`<span data-solved="true"><strong>Expected values</strong> · providers' response solved (${mode}) in ${formatNumber(this.solved.ms / 1000, 1)} s${unconverged ? html` · <span class="warning">did not converge in ${unconverged} year${unconverged === 1 ? '' : 's'}</span>` : ''}${this.engine === 'micro' ? ' · run the microsimulation to see the spread' : ''}</span>`);
      } else if (this.live?.responsive) {
        messages.push(html`<span role="status"><strong>Expected values</strong> · ${formatNumber(ms, 0)} ms, with the providers' behaviour before this change · ${this.solving ? html`solving their response (${mode})…` : 'their response is solved when the levers rest'}</span>`);
      } else {
        messages.push(html`<span><strong>Expected values</strong> · recomputed on every change (${formatNumber(ms, 0)} ms)${this.engine === 'micro' ? ' · run the microsimulation to see the spread' : ''}</span>`);
      }
      if (this.engine === 'micro' && this.micro && !this.currentMicro) messages.push(html`<span class="warning">The design changed since the last microsimulation.</span>`);
    }
    const csv = (this.json?.population as Record<string, unknown> | undefined)?.csv;
    if (typeof csv === 'string') {
      messages.push(html`<span class="warning">This scenario names a population file (${csv}); the web app cannot read files beside a scenario, so it simulates a synthetic population of the same size. The CLI reads the file.</span>`);
    }
    return html`<div class="status ${this.engine === 'micro' && !this.currentMicro && this.micro ? 'stale' : ''}">${messages}</div>`;
  }

  private series(d: Dashboard, which: 'spendingKr' | 'marginKr'): ChartSeries[] {
    const ids = which === 'spendingKr' ? d.payerIds : d.providerIds;
    const bands = d.series[this.resolution][which];
    return ids.map((id, i) => ({ id, label: d.names[id] ?? id, color: colour(i), band: bands[id] }));
  }

  private renderResolution() {
    return html`<div class="segmented" role="group" aria-label="Period">
      ${(Object.keys(RESOLUTION_LABELS) as Resolution[]).map(
        (r) => html`<button aria-pressed=${this.resolution === r ? 'true' : 'false'} @click=${() => emit(this, 'rb-settings', { res: r })}>${RESOLUTION_LABELS[r]}</button>`,
      )}
    </div>`;
  }

  private renderJumps() {
    const sections: [string, string][] = [
      ['spending', 'Spending'],
      ['margins', 'Margins'],
      ['outcomes', 'Outcomes'],
      ['money-flow', 'Money flow'],
      ['incentives', 'Incentives'],
      ['by-component', 'By component'],
    ];
    return html`<nav class="jumps" aria-label="Results sections">
      ${sections.map(([id, label]) => html`<a href="#${id}" @click=${(e: Event) => (e.preventDefault(), this.renderRoot.querySelector(`#${id}`)?.scrollIntoView({ block: 'start' }))}>${label}</a>`)}
    </nav>`;
  }

  private renderDashboard(d: Dashboard) {
    const labels = d.series[this.resolution].labels;
    const per = RESOLUTION_LABELS[this.resolution].toLowerCase();
    const groupLabel = (id: string) => {
      const g = NEED_GROUPS.find((x) => x.id === id);
      return g ? `${g.number}. ${g.label}` : id;
    };
    return html`<div class="dash ${this.livePending && d.engine === 'expected' ? 'pending' : ''}" data-engine=${d.engine}>
      <section class="card" id="spending" aria-labelledby="spending-h">
        <div class="section-head">
          <h2 id="spending-h">Spending per payer</h2>
          ${this.renderResolution()}
        </div>
        ${payerCards(d)}
        <p class="explain">Net kronor each payer pays out per ${per}${d.engine === 'micro' ? '; the shaded band holds 95 % of the replications' : ''}.</p>
        <rb-time-chart heading="Spending per payer per ${per}, kr" .labels=${labels} .series=${this.series(d, 'spendingKr')} sync="results"></rb-time-chart>
      </section>
      <section class="card" id="margins" aria-labelledby="margins-h">
        <div class="section-head">
          <h2 id="margins-h">Margin per provider</h2>
          ${this.renderResolution()}
        </div>
        <p class="explain">Revenue minus cost per ${per}. Below the dark line a provider loses money on these patients.</p>
        <rb-time-chart heading="Margin per provider per ${per}, kr" .labels=${labels} .series=${this.series(d, 'marginKr')} sync="results"></rb-time-chart>
        ${providerTable(d)}
      </section>
      <section class="card" id="outcomes" aria-labelledby="outcomes-h">
        <h2 id="outcomes-h">Outcomes for patients</h2>
        <p class="explain">Rates per 1,000 person-years; days at home per person-year (of 365); coordination as patients experience it (share of person-months).</p>
        ${outcomeTable(d, d.outcomes.byGroup, (r) => groupLabel(r.group), 'Need group')}
        <h3 style="margin-top:1.25rem">By Care Need Index band (1 = least need, 5 = most)</h3>
        ${outcomeTable(d, d.outcomes.byBand, (r) => `CNI band ${r.cni}`, 'CNI band')}
      </section>
      <section class="card" id="money-flow" aria-labelledby="flow-h">
        <h2 id="flow-h">Money flow between principals</h2>
        <p class="explain">Kronor from each payer to the providers each principal owns, over the run; pool payments are followed to the members that got them.</p>
        <rb-money-flow .flow=${d.moneyFlowKr} .names=${d.names} .principals=${d.principalIds}></rb-money-flow>
      </section>
      <section class="card" id="incentives" aria-labelledby="incentives-h">
        <h2 id="incentives-h">Incentives to coordinate</h2>
        <rb-incentives .json=${this.json} .auto=${this.incentives}></rb-incentives>
      </section>
      <section class="card" id="by-component" aria-labelledby="components-h">
        <h2 id="components-h">Margin by payment component</h2>
        <p class="explain">Where each provider's margin comes from: every payment component that reaches it, minus what its care costs.</p>
        ${componentTable(d)}
      </section>
    </div>`;
  }

  override render() {
    const json = this.json;
    const micro = this.engine === 'micro' ? this.currentMicro : undefined;
    const shown = micro ?? this.solved?.dashboard ?? this.live?.dashboard;
    const title = typeof json?.title === 'string' ? json.title : 'Scenario';
    return html`
      <div class="head">
        <div class="title">
          <h1>${title}</h1>
          ${typeof json?.question === 'string' ? html`<p class="question">${json.question}</p>` : nothing}
          ${typeof json?.lookAt === 'string' ? html`<p class="muted"><strong>Look at:</strong> ${json.lookAt}</p>` : nothing}
        </div>
      </div>
      <div class="layout">
        <aside class="card" aria-label="Levers"><rb-levers .json=${json} scenarioKey=${this.scenarioKey}></rb-levers></aside>
        <div class="dash">
          ${this.renderRunPanel()} ${this.renderStatus(shown)} ${shown ? this.renderJumps() : nothing}
          ${shown ? this.renderDashboard(shown) : this.live ? nothing : html`<p class="card muted" role="status">Computing expected values…</p>`}
        </div>
      </div>
    `;
  }
}
