/**
 * Two to four scenarios side by side: the same seed and replications for all (common random
 * numbers), charts on the same axes, and the differences from the first with 95 % intervals.
 */
import { css, html, LitElement, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { Resolution } from '../../../src/results/bands.js';
import type { Comparison } from '../../../src/results/comparison.js';
import type { DifferenceRow } from '../../../src/results/summary.js';
import { isAbort } from '../../engine/engine-client.js';
import { compareEngine } from '../../engine/engines.js';
import type { EngineKind, RunSettings } from '../../engine/protocol.js';
import { emit } from '../../events.js';
import { allRefs, resolveRef, type RefEntry } from '../../state/library.js';
import { componentNames } from '../../state/labels.js';
import { MODELS } from '../../state/models.js';
import { localText } from '../../../src/scenario/texts.js';
import type { JsonObject } from '../../state/library.js';
import { formatKr, formatNumber, intervalText } from '../../format.js';
import type { MessageKey } from '../../i18n/index.js';
import { LocaleController, errorText, locale, t } from '../../i18n/index.js';
import { colour, shared } from '../../styles/shared.js';
import type { ChartSeries } from '../rb-time-chart/index.js';
import './rb-ranking.js';
import '../rb-uncertainty/rb-uncertainty.js';
import './rb-waterfall.js';
import type { Explanation } from '../../../src/results/explain.js';

const MAX = 4;

/** Whether more of a measure is good or bad news for the reader: it colours a difference, not its sign. */
type Direction = 'higher-better' | 'lower-better';

const OUTCOME_ROWS: { metric: string; label: MessageKey; format: (x: number) => string; direction: Direction }[] = [
  { metric: 'avoidableAdmissionsPerThousandPersonYears', label: 'cmp.avoidable', format: (x) => t('cmp.perThousand', { n: formatNumber(x, 1) }), direction: 'lower-better' },
  { metric: 'readmissionsPerThousandPersonYears', label: 'cmp.readmissions', format: (x) => t('cmp.perThousand', { n: formatNumber(x, 1) }), direction: 'lower-better' },
  { metric: 'edVisitsPerThousandPersonYears', label: 'cmp.ed', format: (x) => t('cmp.perThousand', { n: formatNumber(x, 1) }), direction: 'lower-better' },
  { metric: 'daysAtHomePerPersonYear', label: 'cmp.daysAtHome', format: (x) => t('cmp.daysPerYear', { n: formatNumber(x, 2) }), direction: 'higher-better' },
  { metric: 'coordinationExperiencedShare', label: 'cmp.coordinated', format: (x) => t('cmp.points', { n: formatNumber(100 * x, 2) }), direction: 'higher-better' },
  { metric: 'teamCoordination', label: 'cmp.team', format: (x) => t('cmp.scale', { n: formatNumber(x, 3) }), direction: 'higher-better' },
];

function signed(format: (x: number) => string): (x: number) => string {
  return (x) => `${x > 0 ? '+' : ''}${format(x)}`;
}

/** A scenario's name in the page's language: a built-in one by its title there, marked as built in where it is offered. */
function entryLabel(entry: RefEntry, marked = false): string {
  if (!entry.builtin) return entry.name;
  const title = localText(entry.builtin, 'title', locale()) ?? entry.name;
  return marked ? t('cmp.builtinX', { name: title }) : title;
}

export class RbCompare extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      .pick {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr));
        gap: 0.3rem 1.5rem;
        margin: 0.5rem 0 1rem;
        padding: 0;
        border: none;
      }
      .pick label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
      .pick input {
        flex: none;
      }
      .tag {
        font-size: 0.78rem;
        padding: 0.05rem 0.45rem;
        border-radius: 999px;
        background: var(--rb-accent-soft, #e6eef7);
        color: var(--rb-accent, #1f4e79);
        font-weight: 600;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1.25rem;
        align-items: end;
      }
      .controls fieldset {
        border: none;
        padding: 0;
        margin: 0;
        display: flex;
        gap: 0.9rem;
      }
      .controls legend {
        font-weight: 600;
        font-size: 0.85rem;
        padding: 0;
      }
      .controls .field {
        display: flex;
        flex-direction: column;
        font-weight: 600;
        font-size: 0.85rem;
      }
      .controls .field input {
        width: 7rem;
        font-weight: 400;
      }
      .columns {
        display: grid;
        gap: 1rem;
        margin: 1.25rem 0;
      }
      .columns > .card {
        min-width: 0;
      }
      .columns h3 {
        min-height: 2.6em;
      }
      .payer-line {
        display: flex;
        justify-content: space-between;
        gap: 0.5rem;
        font-variant-numeric: tabular-nums;
      }
      rb-time-chart {
        --rb-chart-height: 220px;
        margin-top: 0.5rem;
      }
      h4 {
        margin: 0.75rem 0 0;
        font-size: 0.95rem;
      }
      progress {
        width: 14rem;
        height: 1rem;
      }
      .why {
        margin-top: 1.25rem;
      }
      .why rb-waterfall + rb-waterfall {
        margin-top: 1.5rem;
      }
      .diff th[scope='rowgroup'] {
        padding-top: 0.9rem;
        font-size: 1.02rem;
      }
    `,
  ];
  static override properties = {
    refs: { attribute: false },
    engine: { type: String },
    reps: { type: Number },
    seed: { type: Number },
    resolution: { type: String },
    options: { state: true },
    progress: { state: true },
    result: { state: true },
  };

  declare refs: string[];
  declare engine: EngineKind;
  declare reps: number | undefined;
  declare seed: number | undefined;
  declare resolution: Resolution;
  declare options: RefEntry[];
  declare progress: number;
  declare result: { refs: string[]; entries: RefEntry[]; jsons: JsonObject[]; comparison: Comparison; explanations: Explanation[]; settings: RunSettings; engine: EngineKind } | undefined;

  private firstJson: JsonObject | undefined;
  private firstJsonRef = '';

  private readonly comparing = new Task(this, {
    autoRun: false,
    task: async ([refs, engine]: readonly [string[], EngineKind], { signal }) => {
      this.progress = 0;
      const found = await Promise.all(refs.map((r) => resolveRef(r)));
      const missing = refs.filter((_, i) => !found[i]);
      if (missing.length) throw new Error(t('cmp.missing', { refs: missing.join(', ') }));
      const jsons = found.map((f) => f!.json);
      const settings = this.settingsFor(jsons[0]);
      const { comparison, explanations } = await compareEngine.call({ type: 'compare', jsons, engine, settings }, { signal, onProgress: (f) => (this.progress = f) });
      const entries = refs.map((ref, i): RefEntry => ({ ref, name: found[i]!.name, builtin: ref.startsWith('builtin:') ? found[i]!.json : undefined }));
      this.result = { refs, entries, jsons, comparison, explanations, settings, engine };
      return comparison;
    },
  });

  constructor() {
    super();
    new LocaleController(this);
    this.refs = [];
    this.engine = 'expected';
    this.reps = undefined;
    this.seed = undefined;
    this.resolution = 'quarter';
    this.options = [];
    this.progress = 0;
    this.result = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void allRefs().then((o) => (this.options = o));
  }

  protected override updated(): void {
    // The baseline's own seed and replications are the defaults, as in `reimburse compare`.
    const first = this.refs[0];
    if (first === undefined || first === this.firstJsonRef) return;
    this.firstJsonRef = first;
    void resolveRef(first).then((found) => {
      this.firstJson = found?.json;
      this.requestUpdate();
    });
  }

  private settingsFor(json: JsonObject | undefined): RunSettings {
    const sim = (json?.simulation ?? {}) as Record<string, unknown>;
    const n = (v: unknown, d: number) => (typeof v === 'number' && Number.isInteger(v) ? v : d);
    return { replications: this.reps ?? n(sim.replications, 10), seed: this.seed ?? n(sim.seed, 1) };
  }

  private toggle(ref: string, on: boolean): void {
    const next = on ? [...this.refs.filter((r) => r !== ref), ref].slice(0, MAX) : this.refs.filter((r) => r !== ref);
    emit(this, 'rb-compare-refs', { refs: next });
  }

  private makeBaseline(ref: string): void {
    emit(this, 'rb-compare-refs', { refs: [ref, ...this.refs.filter((r) => r !== ref)] });
  }

  private renderPicker() {
    const picked = new Set(this.refs);
    const running = this.comparing.status === TaskStatus.PENDING;
    const s = this.settingsFor(this.firstJson);
    const int = (e: Event) => {
      const v = Number((e.target as HTMLInputElement).value);
      return Number.isInteger(v) && v >= 0 ? v : undefined;
    };
    return html`<section class="card" aria-labelledby="pick-h">
      <h2 id="pick-h">${t('cmp.pick')}</h2>
      <p class="muted">${t('cmp.pickHelp')}</p>
      <fieldset class="pick">
        <legend class="visually-hidden">${t('cmp.scenarios')}</legend>
        ${this.options.map((entry) => {
          const { ref } = entry;
          const name = entryLabel(entry, true);
          const on = picked.has(ref);
          const index = this.refs.indexOf(ref);
          return html`<label>
            <input type="checkbox" .checked=${on} ?disabled=${!on && this.refs.length >= MAX} @change=${(e: Event) => this.toggle(ref, (e.target as HTMLInputElement).checked)} />
            ${name}
            ${index === 0 ? html`<span class="tag">${t('cmp.baseline')}</span>` : index > 0 ? html`<button class="quiet" @click=${() => this.makeBaseline(ref)} aria-label=${t('cmp.makeBaselineX', { name })}>${t('cmp.makeBaseline')}</button>` : nothing}
          </label>`;
        })}
      </fieldset>
      ${this.options.length < 2 ? html`<p class="muted">${t('cmp.saveFirst')}</p>` : nothing}
      <div class="controls">
        <fieldset>
          <legend>${t('cmp.engine')}</legend>
          <label><input type="radio" name="cmp-engine" .checked=${this.engine === 'expected'} @change=${() => emit(this, 'rb-settings', { engine: 'expected' })} /> ${t('cmp.expected')}</label>
          <label><input type="radio" name="cmp-engine" .checked=${this.engine === 'micro'} @change=${() => emit(this, 'rb-settings', { engine: 'micro' })} /> ${t('cmp.micro')}</label>
        </fieldset>
        ${this.engine === 'micro'
          ? html`<label class="field">${t('cmp.replications')}<input type="number" min="1" .value=${String(s.replications)} @change=${(e: Event) => emit(this, 'rb-settings', { reps: int(e) })} /></label>`
          : nothing}
        <label class="field">${t('cmp.seedAll')}<input type="number" min="0" .value=${String(s.seed)} @change=${(e: Event) => emit(this, 'rb-settings', { seed: int(e) })} /></label>
        <button class="primary" ?disabled=${this.refs.length < 2} @click=${() => this.comparing.run([this.refs, this.engine])}>${running ? t('cmp.restart') : t('cmp.compare')}</button>
        ${running
          ? html`<progress max="1" .value=${this.progress} aria-label=${t('cmp.progress')}></progress><span role="status">${formatNumber(100 * this.progress, 0)} %</span>
              <button class="danger" @click=${() => this.comparing.abort()}>${t('cmp.cancel')}</button>`
          : nothing}
      </div>
      ${this.comparing.status === TaskStatus.ERROR
        ? isAbort(this.comparing.error)
          ? html`<p role="status">${t('cmp.cancelled')}</p>`
          : html`<p class="issue" role="alert">${t('cmp.failed', { error: errorText(this.comparing.error) })}</p>`
        : nothing}
    </section>`;
  }

  private renderColumns() {
    const r = this.result!;
    const names = r.entries.map((e) => entryLabel(e));
    const c = r.comparison;
    const aligned = c.aligned[this.resolution];
    const series = (i: number, which: 'spendingKr' | 'marginKr'): ChartSeries[] => {
      const d = c.dashboards[i];
      const ids = which === 'spendingKr' ? d.payerIds : d.providerIds;
      return ids.map((id, k) => ({ id, label: d.names[id] ?? id, color: colour(k), band: aligned[which][i][id] }));
    };
    return html`<div class="columns" style="grid-template-columns: repeat(${c.dashboards.length}, minmax(0, 1fr))">
      ${c.dashboards.map(
        (d, i) => html`<section class="card" aria-label=${names[i]}>
          <h3>${names[i]} ${i === 0 ? html`<span class="tag">${t('cmp.baseline')}</span>` : nothing}</h3>
          ${d.payerIds.map(
            (id) => html`<div class="payer-line" data-metric="spendingKr" data-entity=${id} data-scenario=${i} data-value=${String(d.spendingKr[id].mean)}>
              <span>${t('cmp.spends', { name: d.names[id] ?? id })}</span><strong>${formatKr(d.spendingKr[id].mean)}</strong>
            </div>`,
          )}
          <h4>${t('cmp.spendingPerPayer')}</h4>
          <rb-time-chart heading=${t('cmp.spendingChart', { name: names[i] })} .labels=${aligned.labels} .series=${series(i, 'spendingKr')} .yRange=${aligned.spendingRange} sync="compare"></rb-time-chart>
          <h4>${t('cmp.marginPerProvider')}</h4>
          <rb-time-chart heading=${t('cmp.marginChart', { name: names[i] })} .labels=${aligned.labels} .series=${series(i, 'marginKr')} .yRange=${aligned.marginRange} sync="compare"></rb-time-chart>
        </section>`,
      )}
    </div>`;
  }

  private renderDifferences() {
    const r = this.result!;
    const names = r.entries.map((e) => entryLabel(e));
    const c = r.comparison;
    const base = c.dashboards[0];
    const find = (rows: DifferenceRow[], entity: string, metric: string) => rows.find((d) => d.entity === entity && d.metric === metric);
    const cell = (d: DifferenceRow | undefined, format: (x: number) => string, direction: Direction) => {
      if (!d) return html`<td>–</td>`;
      const ci = intervalText(d, signed(format));
      // Good or bad for the reader (less spending, more margin, fewer admissions…); an interval
      // that includes no change is neither, and so is a difference that rounds to nothing.
      const clear = d.n < 2 || !Number.isFinite(d.lower) || d.lower > 0 || d.upper < 0;
      const up = d.mean > 0;
      const tone = !clear || signed(format)(d.mean) === signed(format)(0) || d.mean === 0 ? '' : up === (direction === 'higher-better') ? 'good' : 'bad';
      return html`<td data-value=${String(d.mean)} data-tone=${tone || 'none'} class=${tone === 'good' ? 'pos' : tone === 'bad' ? 'neg' : ''}>
        ${signed(format)(d.mean)}${tone ? html`<span class="visually-hidden"> (${t(tone === 'good' ? 'cmp.better' : 'cmp.worse')})</span>` : nothing}${ci ? html`<span class="ci">95 %: ${ci}</span>` : nothing}
      </td>`;
    };
    const name = (id: string) => base.names[id] ?? c.dashboards.find((d) => d.names[id])?.names[id] ?? id;
    const payers = [...new Set(c.dashboards.flatMap((d) => d.payerIds))];
    const providers = [...new Set(c.dashboards.flatMap((d) => d.providerIds))];
    const others = names.slice(1);
    return html`<section class="card" aria-labelledby="diff-h">
      <h2 id="diff-h">${t('cmp.diffFrom', { name: names[0] })}</h2>
      <p class="muted">
        ${r.engine === 'micro'
          ? t('cmp.diffMicro', { reps: formatNumber(r.settings.replications), seed: r.settings.seed })
          : t('cmp.diffExpected')}
      </p>
      <p class="muted">${t('cmp.colours')}</p>
      <div class="scroll" tabindex="0" role="region" aria-label=${t('cmp.diffTable')}><table class="diff" aria-label=${t('cmp.diffTable')}>
        <thead>
          <tr>
            <th scope="col">${t('cmp.measure')}</th>
            ${others.map((n) => html`<th scope="col">${n} − ${names[0]}</th>`)}
          </tr>
        </thead>
        <tbody>
          <tr><th scope="rowgroup" colspan=${others.length + 1}>${t('cmp.spendingKr')}</th></tr>
          ${payers.map((id) => html`<tr data-entity=${id}><td>${name(id)}</td>${c.differences.map((rows) => cell(find(rows, id, 'spendingKr'), formatKr, 'lower-better'))}</tr>`)}
        </tbody>
        <tbody>
          <tr><th scope="rowgroup" colspan=${others.length + 1}>${t('cmp.marginKr')}</th></tr>
          ${providers.map((id) => html`<tr data-entity=${id}><td>${name(id)}</td>${c.differences.map((rows) => cell(find(rows, id, 'marginKr'), formatKr, 'higher-better'))}</tr>`)}
        </tbody>
        <tbody>
          <tr><th scope="rowgroup" colspan=${others.length + 1}>${t('cmp.outcomes')}</th></tr>
          ${OUTCOME_ROWS.map((o) => html`<tr><td>${t(o.label)}</td>${c.differences.map((rows) => cell(find(rows, 'population', o.metric), o.format, o.direction))}</tr>`)}
        </tbody>
      </table></div>
    </section>`;
  }

  private renderExplanations() {
    const r = this.result!;
    const names = r.entries.map((e) => entryLabel(e));
    return html`<section class="card why" aria-labelledby="why-h">
      <h2 id="why-h">${t('report.whyHeading')}</h2>
      ${r.explanations.map(
        (e, i) =>
          html`<rb-waterfall .explanation=${e} .labels=${{ ...componentNames(r.jsons[0], MODELS), ...componentNames(r.jsons[i + 1], MODELS) }} baseName=${names[0]} variantName=${names[i + 1]}></rb-waterfall>`,
      )}
    </section>`;
  }

  override render() {
    const res = this.resolution;
    return html`
      <h1>${t('cmp.title')}</h1>
      ${this.renderPicker()}
      ${this.result
        ? html`<div class="section-head" style="display:flex;justify-content:space-between;align-items:center;margin-top:1.25rem">
              <h2 style="margin:0">${t('cmp.sideBySide')}</h2>
              <div class="segmented" role="group" aria-label=${t('cmp.period')}>
                ${(['month', 'quarter', 'year'] as Resolution[]).map((r) => html`<button aria-pressed=${res === r ? 'true' : 'false'} @click=${() => emit(this, 'rb-settings', { res: r })}>${t(`results.${r}`)}</button>`)}
              </div>
            </div>
            ${this.renderColumns()} ${this.renderDifferences()} ${this.renderExplanations()}`
        : nothing}
      <rb-uncertainty .refs=${this.refs}></rb-uncertainty>
      <rb-ranking></rb-ranking>
    `;
  }
}
