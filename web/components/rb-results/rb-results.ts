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
import { formatNumber, forApp } from '../../format.js';
import { onRemembered, recall, remember } from '../../state/results-cache.js';
import { colour } from '../../styles/shared.js';
import type { ChartSeries } from '../rb-time-chart/index.js';
import { componentTable, outcomeTable, payerCards, providerTable } from './tables.js';
import { reconciliationSection } from './reconciliation.js';
import type { MessageKey } from '../../i18n/index.js';
import { LocaleController, issueText, locale, t } from '../../i18n/index.js';
import { localText } from '../../../src/scenario/texts.js';
import { componentNames } from '../../state/labels.js';
import { MODELS } from '../../state/models.js';
import '../rb-export/index.js';
import { styles } from './rb-results.styles.js';

const RESOLUTION_LABELS: Record<Resolution, () => string> = { month: () => t('results.month'), quarter: () => t('results.quarter'), year: () => t('results.year') };
const PER: Record<Resolution, () => string> = { month: () => t('results.perMonth'), quarter: () => t('results.perQuarter'), year: () => t('results.perYear') };

/** A need group's number and name in the current language. */
export function needGroupLabel(id: string): string {
  const g = NEED_GROUPS.find((x) => x.id === id);
  return g ? `${g.number}. ${t(`group.${g.id}`)}` : id;
}

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
    solvedFresh: { type: Boolean },
    scenarioKey: { type: String },
    engine: { type: String },
    reps: { type: Number },
    seed: { type: Number },
    resolution: { type: String },
    incentives: { type: Boolean },
    progress: { state: true },
    micro: { state: true },
    leversOpen: { state: true },
  };

  declare json: JsonObject | undefined;
  /** The newest live (expected-value) evaluation of `json` or of a moment before. */
  declare live: Evaluated | undefined;
  declare livePending: boolean;
  /** Expected values with the providers' response to exactly this design solved (responsive scenarios). */
  declare solved: Solved | undefined;
  declare solving: boolean;
  /**
   * `solved` is for exactly the design shown. When not, it is the last response solved for this
   * scenario: shown dimmed while the new one is solved, never the live values with the old
   * behaviour (they can have the wrong sign for a moment).
   */
  declare solvedFresh: boolean;
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
  /** Below 1100 px the levers are a drawer over the results: open or not. */
  declare leversOpen: boolean;

  private readonly simulation = new Task(this, {
    autoRun: false,
    task: async ([json, settings]: readonly [JsonObject, RunSettings], { signal }) => {
      this.progress = 0;
      // Counted by the browser tests: results kept across views must not be run again.
      performance.mark('reimburse:micro-started');
      const key = JSON.stringify([json, settings]);
      const scenario = this.scenarioKey;
      const result = await runEngine.call({ type: 'simulate', json, settings }, { signal, onProgress: (f) => (this.progress = f) });
      this.micro = { key, dashboard: result.dashboard, ms: result.ms };
      // Kept for this scenario: a visit to another view, or a run finishing while it is shown, keeps it.
      remember('micro', scenario, this.micro);
      return result;
    },
  });

  constructor() {
    super();
    new LocaleController(this);
    this.json = undefined;
    this.live = undefined;
    this.livePending = false;
    this.solved = undefined;
    this.solving = false;
    this.solvedFresh = false;
    this.scenarioKey = '';
    this.engine = 'expected';
    this.reps = undefined;
    this.seed = undefined;
    this.resolution = 'quarter';
    this.incentives = false;
    this.progress = 0;
    this.micro = undefined;
    this.leversOpen = false;
  }

  private readonly onEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.leversOpen) void this.toggleLevers(false);
  };

  private forget?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onEscape);
    this.forget = onRemembered((scope, key) => {
      if (scope === 'micro' && key === this.scenarioKey && this.simulation.status !== TaskStatus.PENDING) this.micro = recall('micro', key);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onEscape);
    this.forget?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scenarioKey')) this.micro = recall('micro', this.scenarioKey);
  }

  /** The levers come after the results in the tab order; this link takes the keyboard there (opening the drawer on a narrow screen). */
  private async focusLevers(): Promise<void> {
    const drawer = getComputedStyle(this.renderRoot.querySelector('.levers-toggle')!).display !== 'none';
    if (drawer) this.leversOpen = true;
    await this.updateComplete;
    const first = this.renderRoot.querySelector('rb-levers')?.shadowRoot?.querySelector<HTMLElement>('input');
    first?.focus();
  }

  private async toggleLevers(open: boolean): Promise<void> {
    this.leversOpen = open;
    await this.updateComplete;
    // Focus goes into the drawer and back to the button that opened it.
    const target = open ? this.renderRoot.querySelector<HTMLElement>('aside .close') : this.renderRoot.querySelector<HTMLElement>('.levers-toggle');
    target?.focus();
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
    return html`<div class="card run" role="group" aria-label=${t('results.runSettings')}>
      <fieldset>
        <legend>${t('results.engine')}</legend>
        <label class="choice"><input type="radio" name="engine" value="expected" .checked=${this.engine === 'expected'} @change=${() => setting({ engine: 'expected' })} />${t('results.expected')}</label>
        <label class="choice"><input type="radio" name="engine" value="micro" .checked=${this.engine === 'micro'} @change=${() => setting({ engine: 'micro' })} />${t('results.micro')}</label>
      </fieldset>
      ${this.engine === 'micro'
        ? html`<label class="field">${t('results.replications')}<input type="number" min="1" max="10000" step="1" .value=${String(s.replications)} @change=${(e: Event) => setting({ reps: intInput(e) })} /></label>
            <label class="field">${t('results.seed')}<input type="number" min="0" step="1" .value=${String(s.seed)} @change=${(e: Event) => setting({ seed: intInput(e) })} /></label>
            <button class="primary" @click=${this.run} ?disabled=${!this.live?.check.ok}>${running ? t('results.restart') : this.currentMicro ? t('results.runAgain') : t('results.runMicro')}</button>
            ${running
              ? html`<div class="progress">
                  ${this.progress > 0
                    ? html`<progress max="1" .value=${this.progress} aria-label=${t('results.progress')}></progress>
                        <span role="status">${formatNumber(100 * this.progress, this.progress < 0.1 ? 1 : 0)} %</span>`
                    : html`<progress aria-label=${t('results.progress')}></progress><span role="status">${t('results.preparing')}</span>`}
                  <button class="danger" @click=${this.cancel}>${t('results.cancel')}</button>
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
          <strong>${t('results.problems', { count: check.errors.length })}</strong>${t('results.cannotRun')} ${shown ? t('results.fromBefore') : ''}
          <ul>
            ${check.errors.slice(0, 5).map((i) => html`<li><code>${i.path}</code>: ${issueText(i)}</li>`)}
          </ul>
          ${check.errors.length > 5
            ? html`<details>
                <summary>${t('inc.more', { count: check.errors.length - 5 })}</summary>
                <ul>
                  ${check.errors.slice(5).map((i) => html`<li><code>${i.path}</code>: ${issueText(i)}</li>`)}
                </ul>
              </details>`
            : nothing}
        </div>
        <button @click=${() => emit(this, 'rb-navigate', { view: 'edit' })}>${t('results.fix')}</button>
      </div>`;
    }
    const status = this.simulation.status;
    const error = status === TaskStatus.ERROR ? this.simulation.error : undefined;
    const messages = [];
    if (error !== undefined) {
      messages.push(isAbort(error) ? html`<span role="status"><strong>${t('results.cancelled')}</strong> ${this.currentMicro ? t('results.showingLast') : t('results.showingExpected')}</span>` : html`<span role="alert" class="neg"><strong>${t('results.failed')}</strong> ${error instanceof Error ? error.message : String(error)}</span>`);
    }
    if (shown?.engine === 'micro') {
      messages.push(html`<span><strong>${t('results.microStatus')}</strong> · ${t('results.microDetail', { reps: formatNumber(shown.replications), seed: shown.seed, s: formatNumber((this.micro?.ms ?? 0) / 1000, 1) })}</span>`);
    } else if (shown) {
      const ms = this.live ? this.live.evaluateMs + this.live.dashboardMs : 0;
      const modeId = typeof (this.json?.simulation as Record<string, unknown> | undefined)?.behaviour === 'string' ? String((this.json!.simulation as Record<string, unknown>).behaviour) : 'fixed';
      const mode = ['fixed', 'equilibrium', 'adaptive', 'optimum'].includes(modeId) ? t(`mode.${modeId}` as MessageKey) : modeId;
      const fresh = this.solvedFresh ? this.solved : undefined;
      if (fresh) {
        const unconverged = fresh.converged.filter((c) => !c).length;
        messages.push(html`<span data-solved="true"><strong>${t('results.expectedStatus')}</strong> · ${t('results.solvedDetail', { mode, s: formatNumber(fresh.ms / 1000, 1) })}${this.engine === 'micro' ? ` · ${t('results.seeSpread')}` : ''}</span>`);
        if (unconverged) {
          messages.push(html`<details class="warning converge"><summary>${t('results.notConverged', { count: unconverged })}</summary>${t('results.notConvergedWhy')}</details>`);
        }
      } else if (this.live?.responsive && this.solved) {
        messages.push(html`<span role="status"><strong>${t('results.expectedStatus')}</strong> · ${t('results.previousDimmed')} · ${this.solving ? t('results.solving', { mode }) : t('results.solvedWhenRest')}</span>`);
      } else if (this.live?.responsive) {
        messages.push(html`<span role="status"><strong>${t('results.expectedStatus')}</strong> · ${t('results.beforeChange', { ms: formatNumber(ms, 0) })} · ${this.solving ? t('results.solving', { mode }) : t('results.solvedWhenRest')}</span>`);
      } else {
        messages.push(html`<span><strong>${t('results.expectedStatus')}</strong> · ${t('results.recomputed', { ms: formatNumber(ms, 0) })}${this.engine === 'micro' ? ` · ${t('results.seeSpread')}` : ''}</span>`);
      }
      if (this.engine === 'micro' && this.micro && !this.currentMicro) messages.push(html`<span class="warning">${t('results.designChanged')}</span>`);
    }
    const csv = (this.json?.population as Record<string, unknown> | undefined)?.csv;
    if (typeof csv === 'string') {
      messages.push(html`<span class="warning">${t('results.csvWarning', { file: csv })}</span>`);
    }
    return html`<div class="status ${this.engine === 'micro' && !this.currentMicro && this.micro ? 'stale' : ''}">${messages}</div>`;
  }

  private series(d: Dashboard, which: 'spendingKr' | 'marginKr'): ChartSeries[] {
    const ids = which === 'spendingKr' ? d.payerIds : d.providerIds;
    const bands = d.series[this.resolution][which];
    return ids.map((id, i) => ({ id, label: d.names[id] ?? id, color: colour(i), band: bands[id] }));
  }

  private renderResolution() {
    return html`<div class="segmented" role="group" aria-label=${t('results.period')}>
      ${(Object.keys(RESOLUTION_LABELS) as Resolution[]).map(
        (r) => html`<button aria-pressed=${this.resolution === r ? 'true' : 'false'} @click=${() => emit(this, 'rb-settings', { res: r })}>${RESOLUTION_LABELS[r]()}</button>`,
      )}
    </div>`;
  }

  private renderJumps() {
    const sections: [string, string][] = [
      ['spending', t('results.jumpSpending')],
      ['margins', t('results.jumpMargins')],
      ['outcomes', t('results.jumpOutcomes')],
      ['money-flow', t('results.jumpFlow')],
      ['incentives', t('results.jumpIncentives')],
      ['by-component', t('results.jumpComponents')],
    ];
    return html`<nav class="jumps" aria-label=${t('results.sections')}>
      <a href="#levers" @click=${(e: Event) => (e.preventDefault(), void this.focusLevers())}>${t('results.levers')}</a>
      ${sections.map(([id, label]) => html`<a href="#${id}" @click=${(e: Event) => (e.preventDefault(), this.renderRoot.querySelector(`#${id}`)?.scrollIntoView({ block: 'start' }))}>${label}</a>`)}
    </nav>`;
  }

  private renderDashboard(d: Dashboard) {
    const labels = d.series[this.resolution].labels;
    const per = PER[this.resolution]();
    const waiting = d.engine === 'expected' && (this.livePending || (this.live?.responsive === true && !this.solvedFresh));
    return html`<div class="dash ${waiting ? 'pending' : ''}" data-engine=${d.engine} aria-busy=${waiting ? 'true' : 'false'}>
      <section class="card" id="spending" aria-labelledby="spending-h">
        <div class="section-head">
          <h2 id="spending-h">${t('results.spendingTitle')}</h2>
          ${this.renderResolution()}
        </div>
        ${payerCards(d)}
        <p class="explain">${t(d.engine === 'micro' ? 'results.spendingExplainMicro' : 'results.spendingExplain', { per })}</p>
        <rb-time-chart heading=${t('results.spendingChart', { per })} .labels=${labels} .series=${this.series(d, 'spendingKr')} sync="results"></rb-time-chart>
      </section>
      <section class="card" id="margins" aria-labelledby="margins-h">
        <div class="section-head">
          <h2 id="margins-h">${t('results.marginTitle')}</h2>
          ${this.renderResolution()}
        </div>
        <p class="explain">${t('results.marginExplain', { per })}</p>
        <rb-time-chart heading=${t('results.marginChart', { per })} .labels=${labels} .series=${this.series(d, 'marginKr')} sync="results"></rb-time-chart>
        ${providerTable(d)}
      </section>
      <section class="card" id="outcomes" aria-labelledby="outcomes-h">
        <h2 id="outcomes-h">${t('results.outcomesTitle')}</h2>
        <p class="explain">${t('results.outcomesExplain')}</p>
        ${outcomeTable(d, d.outcomes.byGroup, (r) => needGroupLabel(r.group), t('results.needGroup'))}
        <h3 style="margin-top:1.25rem">${t('results.byBand')}</h3>
        ${outcomeTable(d, d.outcomes.byBand, (r) => t('results.cniBandN', { n: r.cni }), t('results.cniBand'))}
      </section>
      <section class="card" id="money-flow" aria-labelledby="flow-h">
        <h2 id="flow-h">${t('results.flowTitle')}</h2>
        <p class="explain">${t('results.flowExplain')}</p>
        <rb-money-flow .flow=${d.moneyFlowKr} .names=${d.names} .principals=${d.principalIds}></rb-money-flow>
      </section>
      <section class="card" id="incentives" aria-labelledby="incentives-h">
        <h2 id="incentives-h">${t('results.incentivesTitle')}</h2>
        <rb-incentives .json=${this.json} .auto=${this.incentives}></rb-incentives>
      </section>
      <section class="card" id="by-component" aria-labelledby="components-h">
        <h2 id="components-h">${t('results.componentsTitle')}</h2>
        <p class="explain">${t('results.componentsExplain')}</p>
        ${componentTable(d)}
      </section>
      ${reconciliationSection(d)}
      <section class="card" id="export" aria-labelledby="export-h">
        <h2 id="export-h">${t('results.exportTitle')}</h2>
        <rb-export .dashboard=${d} .json=${this.json}></rb-export>
      </section>
    </div>`;
  }

  private named?: { from: Dashboard; json: unknown; lang: string; to: Dashboard };

  /**
   * The dashboard with the payment components taken from models named in the page's language
   * (the engine names them as the model files do, in English); the same object while nothing
   * changed, so the charts are not redrawn for it.
   */
  private inLanguage(d: Dashboard | undefined): Dashboard | undefined {
    const lang = locale();
    if (!d) return d;
    const n = this.named;
    if (n && n.from === d && n.json === this.json && n.lang === lang) return n.to;
    const to = { ...d, names: { ...d.names, ...componentNames(this.json, MODELS) } };
    this.named = { from: d, json: this.json, lang, to };
    return to;
  }

  override render() {
    const json = this.json;
    const micro = this.engine === 'micro' ? this.currentMicro : undefined;
    // A responsive design shows solved numbers only: the last solved (dimmed) until the new one is.
    const expected = this.live?.responsive && this.solved ? this.solved.dashboard : this.live?.dashboard;
    const shown = this.inLanguage(micro ?? expected);
    const title = localText(json, 'title', locale()) ?? t('results.scenario');
    const question = localText(json, 'question', locale());
    const lookAt = forApp(localText(json, 'lookAt', locale()));
    return html`
      <div class="head">
        <div class="title">
          <h1>${title}</h1>
          ${question ? html`<p class="question">${question}</p>` : nothing}
          ${lookAt ? html`<details class="look-at muted"><summary><strong>${t('results.lookAt')}</strong></summary> ${lookAt}</details>` : nothing}
        </div>
      </div>
      <button class="levers-toggle" aria-expanded=${this.leversOpen ? 'true' : 'false'} aria-controls="levers" @click=${() => this.toggleLevers(!this.leversOpen)}><span aria-hidden="true">☰</span> ${t('results.openLevers')}</button>
      <div class="layout">
        <div class="dash">
          ${this.renderRunPanel()} ${this.renderStatus(shown)} ${shown ? this.renderJumps() : nothing}
          ${shown ? this.renderDashboard(shown) : this.live ? nothing : html`<p class="card muted" role="status">${t('results.computing')}</p>`}
        </div>
        <!-- After the results in the tab order (Run is reached in a few steps), before them on screen. -->
        ${this.leversOpen ? html`<div class="backdrop" @click=${() => this.toggleLevers(false)}></div>` : nothing}
        <aside id="levers" class="card ${this.leversOpen ? 'open' : ''}" aria-label=${t('results.levers')}>
          <button class="quiet close" aria-label=${t('results.closeLevers')} @click=${() => this.toggleLevers(false)}>✕</button>
          <rb-levers .json=${json} scenarioKey=${this.scenarioKey}></rb-levers>
        </aside>
      </div>
    `;
  }
}
