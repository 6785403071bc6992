/**
 * "How sure is the answer?" under the comparison: a tornado and a one- or two-way sweep of one of
 * the picked scenarios, and a probabilistic sensitivity analysis of all of them with common draws.
 * Everything runs in engine workers of its own (one per view, so cancelling one never stops
 * another), with progress and a cancel button; the numbers are the CLI's (src/uncertainty/).
 */
import { css, html, LitElement, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { EngineClient, isAbort } from '../../engine/engine-client.js';
import type { PsaAnswer, SweepAnswer, TornadoAnswer, UncertainInfo } from '../../engine/protocol.js';
import type { DrawBehaviour } from '../../../src/uncertainty/behaviour.js';
import type { SweepParameter } from '../../../src/uncertainty/oneway.js';
import { formatNumber } from '../../format.js';
import { LocaleController, errorText, t } from '../../i18n/index.js';
import type { MessageKey } from '../../i18n/index.js';
import { resolveRef, type JsonObject } from '../../state/library.js';
import { colour, shared } from '../../styles/shared.js';
import { formatMeasure, formatParameter, measureLabel, namesOf, parameterLabel, readerSource, splitKey } from './labels.js';
import './rb-xy-chart.js';
import type { XyMarker, XySeries } from './rb-xy-chart.js';

const tornadoEngine = new EngineClient('reimburse-tornado', true);
const sweepEngine = new EngineClient('reimburse-sweep', true);
const psaEngine = new EngineClient('reimburse-psa', true);

const BEHAVIOURS: DrawBehaviour[] = ['warm', 'solve', 'hold'];
const HISTOGRAM_BINS = 20;

interface Picked {
  refs: string[];
  names: string[];
  jsons: JsonObject[];
}

/** Draws' values binned on shared edges, as shares of the draws, per design. */
function histogram(series: number[][]): { x: number[]; y: number[][] } {
  const all = series.flat().filter(Number.isFinite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const width = hi > lo ? (hi - lo) / HISTOGRAM_BINS : 1;
  const x = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => lo + i * width);
  const y = series.map((values) => {
    const counts = new Array<number>(HISTOGRAM_BINS + 1).fill(0);
    for (const v of values) if (Number.isFinite(v)) counts[Math.min(HISTOGRAM_BINS - 1, Math.floor((v - lo) / width))]++;
    // The last edge repeats the last bin, so the step closes at the right end.
    counts[HISTOGRAM_BINS] = counts[HISTOGRAM_BINS - 1];
    return counts.map((c) => c / Math.max(1, values.length));
  });
  return { x, y };
}

export class RbUncertainty extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        margin-top: 1.25rem;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem 1rem;
        align-items: end;
        margin: 0.5rem 0;
      }
      .field {
        display: flex;
        flex-direction: column;
        font-weight: 600;
        font-size: 0.85rem;
        min-width: 0;
      }
      .field select {
        max-width: 100%;
        font-weight: 400;
      }
      .field input {
        width: 7rem;
        font-weight: 400;
      }
      progress {
        width: 12rem;
        height: 1rem;
      }
      .bar-cell {
        width: 40%;
        min-width: 10rem;
      }
      .bar {
        position: relative;
        height: 1.1rem;
        background: var(--rb-surface-2, #f1f4f8);
      }
      .bar span {
        position: absolute;
        top: 0;
        bottom: 0;
      }
      .bar .span-low {
        background: #2166ac;
      }
      .bar .span-high {
        background: #b2182b;
      }
      .bar .base {
        width: 2px;
        background: #1b2430;
      }
      td.num,
      th.num {
        text-align: right;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .legend-keys {
        font-size: 0.85rem;
      }
      .legend-keys .k {
        display: inline-block;
        width: 0.9rem;
        height: 0.9rem;
        vertical-align: -0.12rem;
        margin: 0 0.25rem 0 0.6rem;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
        gap: 1rem;
      }
      .charts > * {
        min-width: 0;
      }
      h3 {
        margin: 1rem 0 0.25rem;
        font-size: 1rem;
      }
    `,
  ];
  static override properties = {
    refs: { attribute: false },
    picked: { state: true },
    subject: { state: true },
    parameters: { state: true },
    tornadoMeasure: { state: true },
    sweepMeasure: { state: true },
    first: { state: true },
    second: { state: true },
    psaMeasure: { state: true },
    draws: { state: true },
    seed: { state: true },
    behaviour: { state: true },
    progress: { state: true },
  };

  declare refs: string[];
  declare picked: Picked | undefined;
  declare subject: number;
  declare parameters: UncertainInfo[];
  declare tornadoMeasure: string;
  declare sweepMeasure: string;
  declare first: SweepParameter | undefined;
  declare second: SweepParameter | undefined;
  declare psaMeasure: string;
  declare draws: number;
  declare seed: number | undefined;
  declare behaviour: DrawBehaviour;
  declare progress: { tornado: number; sweep: number; psa: number };

  private pickedKey = '';

  private readonly tornadoTask = new Task(this, {
    autoRun: false,
    task: async ([json]: readonly [JsonObject], { signal }): Promise<TornadoAnswer> =>
      tornadoEngine.call({ type: 'tornado', json }, { signal, onProgress: (f) => (this.progress = { ...this.progress, tornado: f }) }),
  });

  private readonly sweepTask = new Task(this, {
    autoRun: false,
    task: async ([json, params]: readonly [JsonObject, SweepParameter[]], { signal }): Promise<SweepAnswer & { params: SweepParameter[] }> => {
      const answer = await sweepEngine.call({ type: 'sweep', json, params }, { signal, onProgress: (f) => (this.progress = { ...this.progress, sweep: f }) });
      return { ...answer, params };
    },
  });

  private readonly psaTask = new Task(this, {
    autoRun: false,
    task: async ([jsons, draws, seed, behaviour]: readonly [JsonObject[], number, number, DrawBehaviour], { signal }): Promise<PsaAnswer> =>
      psaEngine.call({ type: 'psa', jsons, draws, seed, behaviour }, { signal, onProgress: (f) => (this.progress = { ...this.progress, psa: f }) }),
  });

  constructor() {
    super();
    new LocaleController(this);
    this.refs = [];
    this.picked = undefined;
    this.subject = 0;
    this.parameters = [];
    this.tornadoMeasure = '';
    this.sweepMeasure = '';
    this.first = undefined;
    this.second = undefined;
    this.psaMeasure = '';
    this.draws = 100;
    this.seed = undefined;
    this.behaviour = 'warm';
    this.progress = { tornado: 0, sweep: 0, psa: 0 };
  }

  protected override updated(): void {
    const key = this.refs.join('|');
    if (key === this.pickedKey) return;
    this.pickedKey = key;
    void this.resolve(this.refs);
  }

  private async resolve(refs: string[]): Promise<void> {
    const found = await Promise.all(refs.map((r) => resolveRef(r)));
    if (refs.join('|') !== this.pickedKey) return;
    const ok = found.map((f, i) => (f ? { ref: refs[i], name: f.name, json: f.json } : undefined)).filter((f) => f !== undefined);
    this.picked = { refs: ok.map((f) => f.ref), names: ok.map((f) => f.name), jsons: ok.map((f) => f.json) };
    this.subject = Math.min(this.subject, Math.max(0, ok.length - 1));
    await this.loadParameters();
  }

  private async loadParameters(): Promise<void> {
    const json = this.picked?.jsons[this.subject];
    this.parameters = [];
    this.first = undefined;
    this.second = undefined;
    if (!json) return;
    try {
      const parameters = await sweepEngine.call({ type: 'uncertain-parameters', json });
      if (json !== this.picked?.jsons[this.subject]) return;
      this.parameters = parameters;
      const p = parameters[0];
      this.first = p ? { path: p.path, from: p.low, to: p.high, steps: 7 } : undefined;
    } catch (error) {
      if (!isAbort(error)) this.parameters = [];
    }
  }

  private names(i = this.subject): Record<string, string> {
    return namesOf(this.picked?.jsons[i]);
  }

  private status(task: Task<readonly unknown[], unknown>, which: keyof RbUncertainty['progress'], run: () => void, disabled = false) {
    const running = task.status === TaskStatus.PENDING;
    return html`<button class="primary" ?disabled=${disabled} @click=${run}>${t('unc.run')}</button>
      ${running
        ? html`<progress max="1" .value=${this.progress[which]} aria-label=${t('unc.progress')}></progress><span role="status">${formatNumber(100 * this.progress[which], 0)} %</span>
            <button class="danger" @click=${() => task.abort()}>${t('unc.cancel')}</button>`
        : nothing}
      ${task.status === TaskStatus.ERROR
        ? isAbort(task.error)
          ? html`<span role="status">${t('unc.cancelled')}</span>`
          : html`<span class="issue" role="alert">${t('unc.failed', { error: errorText(task.error) })}</span>`
        : nothing}`;
  }

  private measureSelect(id: string, keys: string[], value: string, names: Record<string, string>, set: (v: string) => void) {
    return html`<label class="field" for=${id}>${t('unc.measure')}
      <select id=${id} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        ${keys.map((k) => html`<option value=${k} ?selected=${k === value}>${measureLabel(k, names)}</option>`)}
      </select></label
    >`;
  }

  private renderSubject() {
    const p = this.picked!;
    return html`<label class="field" for="unc-subject">${t('unc.scenario')}
      <select
        id="unc-subject"
        @change=${(e: Event) => {
          this.subject = Number((e.target as HTMLSelectElement).value);
          void this.loadParameters();
        }}
      >
        ${p.names.map((n, i) => html`<option value=${i} ?selected=${i === this.subject}>${n}</option>`)}
      </select></label
    >`;
  }

  private renderTornado() {
    const json = this.picked?.jsons[this.subject];
    const answer = this.tornadoTask.value;
    const rows = answer?.tornado.rows ?? [];
    const keys = [...new Set(rows.map((r) => `${r.measure}/${r.entity}`))];
    const measure = keys.includes(this.tornadoMeasure) ? this.tornadoMeasure : (keys[0] ?? '');
    const shown = rows.filter((r) => `${r.measure}/${r.entity}` === measure);
    const lo = Math.min(...shown.flatMap((r) => [r.atLow, r.atHigh, r.baseValue]));
    const hi = Math.max(...shown.flatMap((r) => [r.atLow, r.atHigh, r.baseValue]));
    const pos = (v: number) => (hi > lo ? (100 * (v - lo)) / (hi - lo) : 50);
    const names = this.names();
    return html`<section class="card" aria-labelledby="unc-tornado-h">
      <h3 id="unc-tornado-h">${t('unc.tornado')}</h3>
      <p class="muted">${t('unc.tornadoHelp')}</p>
      <div class="controls">
        ${this.status(this.tornadoTask, 'tornado', () => json && this.tornadoTask.run([json]), !json)}
        ${keys.length ? this.measureSelect('unc-tornado-measure', keys, measure, names, (v) => (this.tornadoMeasure = v)) : nothing}
      </div>
      ${answer && answer.parameters.length === 0 ? html`<p class="muted">${t('unc.none')}</p>` : nothing}
      ${shown.length
        ? html`<p class="legend-keys muted">
              <span class="k" style="background:#2166ac"></span>${t('unc.atLow')} <span class="k" style="background:#b2182b"></span>${t('unc.atHigh')}
              <span class="k" style="background:#1b2430;width:2px"></span>${t('unc.base')}: ${formatMeasure(measure, shown[0].baseValue, false)}
            </p>
            <div class="scroll" tabindex="0" role="region" aria-label=${t('unc.tornadoTable')}>
              <table aria-label=${t('unc.tornadoTable')} data-measure=${measure}>
                <thead>
                  <tr>
                    <th scope="col">${t('unc.parameter')}</th>
                    <th scope="col" class="num">${t('unc.low')}</th>
                    <th scope="col" class="num">${t('unc.high')}</th>
                    <th scope="col" class="bar-cell"><span class="visually-hidden">${t('unc.swing')}</span></th>
                    <th scope="col" class="num">${t('unc.atLow')}</th>
                    <th scope="col" class="num">${t('unc.atHigh')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${shown.map((r) => {
                    const base = pos(r.baseValue);
                    const low = pos(r.atLow);
                    const high = pos(r.atHigh);
                    return html`<tr data-path=${r.path} data-swing=${String(r.swing)}>
                      <td title=${readerSource(r.source)}>${parameterLabel(r.path, json)}</td>
                      <td class="num">${formatParameter(r.low)}</td>
                      <td class="num">${formatParameter(r.high)}</td>
                      <td class="bar-cell">
                        <div class="bar" aria-hidden="true">
                          <span class="span-low" style="left:${Math.min(low, base)}%;width:${Math.abs(base - low)}%"></span>
                          <span class="span-high" style="left:${Math.min(high, base)}%;width:${Math.abs(high - base)}%"></span>
                          <span class="base" style="left:calc(${base}% - 1px)"></span>
                        </div>
                      </td>
                      <td class="num" data-value=${String(r.atLow)}>${formatMeasure(measure, r.atLow)}</td>
                      <td class="num" data-value=${String(r.atHigh)}>${formatMeasure(measure, r.atHigh)}</td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`
        : nothing}
    </section>`;
  }

  private parameterFields(which: 'first' | 'second') {
    const current = this[which];
    const id = `unc-${which}`;
    const choose = (path: string) => {
      const p = this.parameters.find((x) => x.path === path);
      this[which] = p ? { path: p.path, from: p.low, to: p.high, steps: which === 'first' ? 7 : 3 } : undefined;
      if (which === 'first' && this.second?.path === path) this.second = undefined;
    };
    const num = (key: 'from' | 'to' | 'steps') => (e: Event) => {
      const v = Number((e.target as HTMLInputElement).value);
      if (!current || !Number.isFinite(v)) return;
      this[which] = { ...current, [key]: key === 'steps' ? Math.max(which === 'first' ? 2 : 1, Math.min(50, Math.round(v))) : v };
    };
    const json = this.picked?.jsons[this.subject];
    return html`<label class="field" for=${id}>${t(which === 'first' ? 'unc.parameter' : 'unc.second')}
        <select id=${id} @change=${(e: Event) => choose((e.target as HTMLSelectElement).value)}>
          ${which === 'second' ? html`<option value="" ?selected=${!current}>${t('unc.noSecond')}</option>` : nothing}
          ${this.parameters
            // The same parameter twice would set one value over the other.
            .filter((p) => which === 'first' || p.path !== this.first?.path)
            .map((p) => html`<option value=${p.path} ?selected=${current?.path === p.path}>${parameterLabel(p.path, json)}</option>`)}
        </select></label
      >
      ${current
        ? html`<label class="field">${t('unc.from')}<input type="number" step="any" .value=${String(current.from)} @change=${num('from')} /></label>
            <label class="field">${t('unc.to')}<input type="number" step="any" .value=${String(current.to)} @change=${num('to')} /></label>
            <label class="field">${t('unc.steps')}<input type="number" min="1" max="50" .value=${String(current.steps)} @change=${num('steps')} /></label>`
        : nothing}`;
  }

  private renderSweep() {
    const json = this.picked?.jsons[this.subject];
    const answer = this.sweepTask.value;
    const names = this.names();
    const params = [this.first, this.second].filter((p): p is SweepParameter => p !== undefined);
    let chart: unknown = nothing;
    let flips: unknown = nothing;
    if (answer && answer.points.length) {
      const measure = answer.keys.includes(this.sweepMeasure) ? this.sweepMeasure : (answer.keys.find((k) => k.startsWith('spending/')) ?? answer.keys[0]);
      const [p1, p2] = answer.params;
      const xs = [...new Set(answer.points.map((p) => p.at[0]))];
      const others = p2 ? [...new Set(answer.points.map((p) => p.at[1]))] : [undefined];
      const series: XySeries[] = others.map((o, i) => ({
        label: o === undefined ? measureLabel(measure, names) : `${parameterLabel(p2.path, json)} = ${formatParameter(o)}`,
        color: colour(i),
        y: xs.map((x) => answer.points.find((p) => p.at[0] === x && (o === undefined || p.at[1] === o))?.values[measure] ?? NaN),
      }));
      const describe = (f: SweepAnswer['flips'][number]) =>
        `${t(f.direction === 'starts' ? 'unc.flipStarts' : 'unc.flipStops', { provider: names[f.provider] ?? f.provider, at: formatParameter(f.at) })}${f.other === undefined ? '' : ` ${t('unc.flipOther', { other: formatParameter(f.other) })}`}`;
      const markers: XyMarker[] = answer.flips.map((f) => ({ x: f.at, label: describe(f) }));
      chart = html`${this.measureSelect('unc-sweep-measure', answer.keys, measure, names, (v) => (this.sweepMeasure = v))}
        <rb-xy-chart
          heading=${t('unc.sweepChart', { measure: measureLabel(measure, names), path: parameterLabel(p1.path, json) })}
          .xLabel=${parameterLabel(p1.path, json)}
          .yLabel=${measureLabel(measure, names)}
          .x=${xs}
          .series=${series}
          .markers=${markers}
          .xFormat=${formatParameter}
          .yFormat=${(v: number) => formatMeasure(measure, v)}
          mode="lines"
        ></rb-xy-chart>`;
      flips = html`<h3>${t('unc.flips')}</h3>
        ${answer.flips.length ? html`<ul class="flips">${answer.flips.map((f) => html`<li data-provider=${f.provider} data-at=${String(f.at)}>${describe(f)}</li>`)}</ul>` : html`<p class="muted">${t('unc.noFlips')}</p>`}`;
    }
    return html`<section class="card" aria-labelledby="unc-sweep-h">
      <h3 id="unc-sweep-h">${t('unc.sweep')}</h3>
      <p class="muted">${t('unc.sweepHelp')}</p>
      ${this.parameters.length === 0 ? html`<p class="muted">${t('unc.none')}</p>` : html`<div class="controls">${this.parameterFields('first')}</div><div class="controls">${this.parameterFields('second')}</div>`}
      <div class="controls">${this.status(this.sweepTask, 'sweep', () => json && params.length && this.sweepTask.run([json, params]), !json || params.length === 0)}</div>
      ${chart} ${flips}
    </section>`;
  }

  private renderPsa() {
    const p = this.picked;
    if (!p || p.jsons.length < 2) return html`<section class="card" aria-labelledby="unc-psa-h"><h3 id="unc-psa-h">${t('unc.psa')}</h3><p class="muted">${t('unc.needTwo')}</p></section>`;
    const firstSeed = (p.jsons[0].simulation as { seed?: number } | undefined)?.seed ?? 1;
    const seed = this.seed ?? firstSeed;
    const answer = this.psaTask.value;
    const names = this.names(0);
    const int = (e: Event) => Number((e.target as HTMLInputElement).value);
    let results: unknown = nothing;
    if (answer && answer.keys[0]) {
      const r = answer.result;
      const designs = r.designs.map((_, i) => p.names[i] ?? String(i));
      const bestKeys = [...new Set(r.probabilityBest.map((b) => `${b.measure}/${b.entity}`))];
      const keys = answer.keys[0];
      const measure = keys.includes(this.psaMeasure) ? this.psaMeasure : (keys.find((k) => k.startsWith('spending/')) ?? keys[0]);
      const rows = r.summary.filter((s) => `${s.measure}/${s.entity}` === measure);
      const perDesign = answer.keys.map((ks, j) => answer.perDraw[j][ks.indexOf(measure)] ?? []);
      const hist = histogram(perDesign);
      const payer = keys.find((k) => k.startsWith('spending/'));
      const avoidable = 'avoidableAdmissionsPerThousand/population';
      const scatters = payer
        ? designs.slice(1).map((name, j) => {
            const d = j + 1;
            const at = (design: number, key: string) => answer.perDraw[design][answer.keys[design].indexOf(key)] ?? [];
            const dx = at(d, avoidable).map((v, k) => v - at(0, avoidable)[k]);
            const dy = at(d, payer).map((v, k) => v - at(0, payer)[k]);
            const order = dx.map((_, k) => k).sort((a, b) => dx[a] - dx[b]);
            return html`<rb-xy-chart
              heading=${t('unc.scatter', { name, base: designs[0] })}
              .xLabel=${t('unc.scatterX')}
              .yLabel=${t('unc.scatterY', { payer: names[splitKey(payer)[1]] ?? splitKey(payer)[1] })}
              .x=${order.map((k) => dx[k])}
              .series=${[{ label: `${name} − ${designs[0]}`, color: colour(d), y: order.map((k) => dy[k]) }]}
              .xFormat=${(v: number) => formatNumber(v, Math.abs(v) >= 10 ? 0 : 2)}
              .yFormat=${(v: number) => formatMeasure(payer, v, false)}
              mode="points"
            ></rb-xy-chart>`;
          })
        : [];
      results = html`<h3>${t('unc.probabilityBest')}</h3>
        <div class="scroll" tabindex="0" role="region" aria-label=${t('unc.probabilityTable')}>
          <table aria-label=${t('unc.probabilityTable')}>
            <thead>
              <tr>
                <th scope="col">${t('unc.measure')}</th>
                ${designs.map((d) => html`<th scope="col" class="num">${d}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${bestKeys.map(
                (k) => html`<tr data-key=${k}>
                  <td>${measureLabel(k, names)}</td>
                  ${r.designs.map((d) => {
                    const v = r.probabilityBest.find((b) => b.design === d.id && `${b.measure}/${b.entity}` === k)?.probability ?? NaN;
                    return html`<td class="num" data-design=${d.id} data-value=${String(v)}>${formatNumber(100 * v, 1)} %</td>`;
                  })}
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <div class="controls">${this.measureSelect('unc-psa-measure', keys, measure, names, (v) => (this.psaMeasure = v))}</div>
        <h3>${t('unc.summary', { measure: measureLabel(measure, names) })}</h3>
        <div class="scroll" tabindex="0" role="region" aria-label=${t('unc.summaryTable')}>
          <table aria-label=${t('unc.summaryTable')}>
            <thead>
              <tr>
                <th scope="col">${t('unc.design')}</th>
                <th scope="col" class="num">${t('unc.mean')}</th>
                <th scope="col" class="num" title=${t('unc.meanIntervalHelp')}>${t('unc.meanInterval')}</th>
                <th scope="col" class="num" title=${t('unc.rangeHelp')}>${t('unc.range')}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (s) => html`<tr data-design=${s.design}>
                  <td>${designs[Number(s.design)]}</td>
                  <td class="num" data-value=${String(s.mean)}>${formatMeasure(measure, s.mean)}</td>
                  <td class="num">${formatMeasure(measure, s.meanLower)} – ${formatMeasure(measure, s.meanUpper)}</td>
                  <td class="num">${formatMeasure(measure, s.rangeLower)} – ${formatMeasure(measure, s.rangeUpper)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <p class="muted">${t('unc.meanInterval')}: ${t('unc.meanIntervalHelp')}. ${t('unc.range')}: ${t('unc.rangeHelp')}.</p>
        <div class="charts">
          <rb-xy-chart
            heading=${t('unc.histogram', { measure: measureLabel(measure, names) })}
            .xLabel=${measureLabel(measure, names)}
            .yLabel=${t('unc.drawsShare')}
            .x=${hist.x}
            .series=${hist.y.map((y, i) => ({ label: designs[i], color: colour(i), y }))}
            .xFormat=${(v: number) => formatMeasure(measure, v)}
            .yFormat=${(v: number) => `${formatNumber(100 * v, 0)} %`}
            mode="steps"
          ></rb-xy-chart>
          ${scatters}
        </div>`;
    }
    return html`<section class="card" aria-labelledby="unc-psa-h">
      <h3 id="unc-psa-h">${t('unc.psa')}</h3>
      <p class="muted">${t('unc.psaHelp')}</p>
      <div class="controls">
        <label class="field">${t('unc.draws')}<input type="number" min="1" max="2000" .value=${String(this.draws)} @change=${(e: Event) => (this.draws = Math.max(1, Math.min(2000, Math.round(int(e)) || 1)))} /></label>
        <label class="field">${t('unc.seed')}<input type="number" min="0" .value=${String(seed)} @change=${(e: Event) => (this.seed = Math.max(0, Math.round(int(e)) || 0))} /></label>
        <label class="field" for="unc-behaviour"
          >${t('unc.behaviour')}
          <select id="unc-behaviour" @change=${(e: Event) => (this.behaviour = (e.target as HTMLSelectElement).value as DrawBehaviour)}>
            ${BEHAVIOURS.map((b) => html`<option value=${b} ?selected=${b === this.behaviour}>${t(`unc.behaviour.${b}` as MessageKey)}</option>`)}
          </select></label
        >
        ${this.status(this.psaTask, 'psa', () => this.psaTask.run([p.jsons, this.draws, seed, this.behaviour]))}
      </div>
      ${results}
    </section>`;
  }

  override render() {
    if (!this.picked || this.picked.jsons.length === 0) return nothing;
    return html`<section aria-labelledby="unc-h">
      <h2 id="unc-h">${t('unc.title')}</h2>
      <p class="muted">${t('unc.intro')}</p>
      <div class="controls">${this.renderSubject()}</div>
      ${this.renderTornado()} ${this.renderSweep()} ${this.renderPsa()}
    </section>`;
  }
}

if (!customElements.get('rb-uncertainty')) customElements.define('rb-uncertainty', RbUncertainty);

declare global {
  interface HTMLElementTagNameMap {
    'rb-uncertainty': RbUncertainty;
  }
}
