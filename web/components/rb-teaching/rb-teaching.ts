/**
 * Teaching mode: a guided walk through a scenario for a room, one step per screen (Next/Back,
 * arrow keys): who the patients and providers are, who pays whom today, what coordination is
 * worth to each provider, one design change at a time, and coordination year by year.
 */
import { css, html, LitElement, nothing } from 'lit';
import { NEED_GROUPS } from '../../../src/domain.js';
import type { Dashboard } from '../../../src/results/dashboard.js';
import type { Checked, Solved } from '../../engine/protocol.js';
import { emit } from '../../events.js';
import { compactKr, formatNumber, formatShare } from '../../format.js';
import type { MessageKey } from '../../i18n/index.js';
import { LocaleController, issueText, t, locale } from '../../i18n/index.js';
import { localText } from '../../../src/scenario/texts.js';
import type { JsonObject } from '../../state/library.js';
import { colour, shared } from '../../styles/shared.js';
import { isApplied, TEACHING_LEVERS, toggleLever } from './levers.js';

const STEPS = ['people', 'payment', 'incentives', 'levers', 'dynamics'] as const;
const GLOSSARY = ['ersattningsmodell', 'huvudman', 'vardcentral', 'hemsjukvard', 'samordning', 'sip', 'aggregering', 'viktning', 'projektsyndrom'] as const;
type Row = Record<string, unknown>;

export class RbTeaching extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        font-size: 1.2rem;
        max-width: 80rem;
        margin: 0 auto;
        /* Tables here sit on the page, not on a card: a sticky column takes the page's colour. */
        --rb-sticky-bg: var(--rb-soft, #f3f5f8);
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        flex-wrap: wrap;
      }
      .bar h1 {
        margin: 0 auto 0 0;
      }
      .count {
        color: var(--rb-muted, #5b6675);
      }
      .facts {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
        gap: 1rem;
        margin: 1rem 0;
      }
      .fact strong {
        display: block;
        font-size: 2rem;
      }
      .fact p,
      .explain {
        margin: 0.3rem 0 0;
        color: var(--rb-muted, #5b6675);
      }
      .levers {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 1rem 0;
      }
      .levers button[aria-pressed='true'] {
        background: var(--rb-accent, #1f4e79);
        color: #fff;
      }
      .years {
        display: flex;
        gap: 1rem;
        align-items: flex-end;
        height: 16rem;
        margin: 1rem 0;
      }
      .col {
        flex: 1;
        display: flex;
        flex-direction: column;
        justify-content: flex-end;
        height: 100%;
        text-align: center;
      }
      .col span {
        display: block;
        border-radius: 4px 4px 0 0;
      }
      .col.future span {
        opacity: 0.15;
      }
      details.glossary {
        position: relative;
      }
      /* Fixed to the viewport, not to the button: wherever the bar wraps, the list is on-screen. */
      details.glossary dl {
        position: fixed;
        right: 1rem;
        top: 5rem;
        z-index: 5;
        width: min(34rem, calc(100vw - 2rem));
        max-height: calc(100vh - 6rem);
        overflow: auto;
        background: #fff;
        border: 1px solid #ccd3dc;
        border-radius: 8px;
        padding: 0.75rem 1rem;
        box-shadow: 0 6px 24px rgba(0, 0, 0, 0.15);
        font-size: 1rem;
      }
      dd {
        margin: 0 0 0.6rem;
      }
      /* The last solved numbers, dimmed, until the providers' response to the change is solved. */
      .body.pending .fact strong {
        opacity: 0.45;
        transition: opacity 0.2s;
      }
    `,
  ];
  static override properties = {
    json: { attribute: false },
    live: { attribute: false },
    check: { attribute: false },
    solved: { attribute: false },
    solving: { type: Boolean },
    step: { type: Number },
    year: { state: true },
    playing: { state: true },
  };

  declare json: JsonObject | undefined;
  declare live: Dashboard | undefined;
  declare check: Checked | undefined;
  declare solved: Solved | undefined;
  declare solving: boolean;
  declare step: number;
  declare year: number;
  declare playing: boolean;

  private timer = 0;
  private readonly onKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement | null)?.closest?.('input, select, textarea')) return;
    if (e.key === 'ArrowRight') this.go(this.step + 1);
    if (e.key === 'ArrowLeft') this.go(this.step - 1);
  };

  constructor() {
    super();
    new LocaleController(this);
    this.json = undefined;
    this.live = undefined;
    this.check = undefined;
    this.solved = undefined;
    this.solving = false;
    this.step = 0;
    this.year = 0;
    this.playing = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKey);
    this.pause();
  }

  private go(step: number): void {
    if (step < 0 || step >= STEPS.length) return;
    this.pause();
    emit(this, 'rb-settings', { step });
  }

  private play(years: number): void {
    this.pause();
    if (this.year >= years - 1) this.year = 0;
    this.playing = true;
    this.timer = window.setInterval(() => {
      if (this.year >= years - 1) this.pause();
      else this.year += 1;
    }, 1200);
  }

  private pause(): void {
    clearInterval(this.timer);
    this.playing = false;
  }

  private get dashboard(): Dashboard | undefined {
    return this.solved?.dashboard ?? this.live;
  }

  private fact(value: string, label: string, explain: string) {
    return html`<div class="card fact"><span>${label}</span><strong>${value}</strong><p>${explain}</p></div>`;
  }

  private people(d: Dashboard) {
    const years = d.months / 12;
    const providers = (Array.isArray(this.json?.providers) ? this.json.providers : []) as Row[];
    return html`<p class="explain">${t('teach.peopleIntro')}</p>
      <div class="facts">
        ${d.outcomes.byGroup.map((r) => {
          const g = NEED_GROUPS.find((x) => x.id === r.group);
          const n = (r.values.personYears?.mean ?? 0) / years;
          return this.fact(formatNumber(n), g ? `${g.number}. ${t(`group.${g.id}`)}` : r.group, t('teach.peopleExplain', { n: formatNumber(n) }));
        })}
      </div>
      <h2>${t('teach.providersTitle')}</h2>
      <div class="facts">
        ${d.principalIds.map(
          (q) => html`<div class="card fact">
            <span>${d.names[q] ?? q}</span>
            <strong>${providers.filter((p) => p.principal === q).length}</strong>
            <p>${t('teach.providersExplain', { names: providers.filter((p) => p.principal === q).map((p) => String(p.name ?? p.id)).join(', ') })}</p>
          </div>`,
        )}
      </div>`;
  }

  private payment(d: Dashboard) {
    const years = d.months / 12;
    return html`<div class="facts">
        ${d.payerIds.map((id) => this.fact(compactKr(d.spendingKr[id].mean / years), t('tables.spends', { name: d.names[id] ?? id }), t('teach.spendingExplain', { name: d.names[id] ?? id })))}
        ${d.providers.map((p) => this.fact(compactKr(p.marginKr.mean / years), d.names[p.id] ?? p.id, t(p.marginKr.mean < 0 ? 'teach.lossExplain' : 'teach.marginExplain')))}
      </div>
      <p class="explain">${t('teach.flowExplain')}</p>
      <rb-money-flow .flow=${d.moneyFlowKr} .names=${d.names} .principals=${d.principalIds}></rb-money-flow>`;
  }

  private levers(d: Dashboard) {
    const json = this.json!;
    const years = d.months / 12;
    const problems = this.check && !this.check.ok ? this.check.errors : [];
    const coordination = d.outcomes.all.values.coordinationExperiencedShare?.mean ?? 0;
    return html`<p class="explain">${t('teach.leversIntro')}</p>
      <div class="levers" role="group" aria-label=${t('teach.leversLabel')}>
        ${TEACHING_LEVERS.map(
          (lever) => html`<button aria-pressed=${isApplied(json, lever) ? 'true' : 'false'} data-lever=${lever} @click=${() => emit(this, 'rb-scenario-input', { json: toggleLever(json, lever) })}>
            ${t(`teach.lever.${lever}` as MessageKey)}
          </button>`,
        )}
      </div>
      ${problems.length ? html`<p class="issue" role="alert">${problems[0].path}: ${issueText(problems[0])}</p>` : nothing}
      <p role="status">${this.solving ? t('teach.solving') : nothing}</p>
      <div class="facts">
        ${this.fact(formatShare(coordination), t('tables.coordinated'), t('teach.coordinationExplain'))}
        ${d.payerIds.map((id) => this.fact(compactKr(d.spendingKr[id].mean / years), t('tables.spends', { name: d.names[id] ?? id }), t('teach.spendingExplain', { name: d.names[id] ?? id })))}
        ${d.providers.map((p) => this.fact(compactKr(p.marginKr.mean / years), d.names[p.id] ?? p.id, t(p.marginKr.mean < 0 ? 'teach.lossExplain' : 'teach.marginExplain')))}
      </div>`;
  }

  private dynamics() {
    const mode = (this.json?.simulation as Row | undefined)?.behaviour;
    if (mode !== 'adaptive') {
      return html`<p class="explain">${t('teach.notAdaptive')}</p>
        <button class="primary" @click=${() => emit(this, 'rb-open', { ref: 'builtin:state-programme-2014-2017', name: t('teach.programmeName'), view: 'teach' })}>${t('teach.openProgramme')}</button>`;
    }
    const effort = this.solved?.effort;
    if (!effort) return html`<p role="status">${t('teach.solving')}</p>`;
    const n = effort.years.length;
    const year = Math.min(this.year, n - 1);
    const start = Number(String((this.json?.simulation as Row).start ?? '2026').slice(0, 4));
    const team = effort.years.map((ys) => ys.reduce((a, b) => a + b, 0) / Math.max(1, ys.length));
    return html`<p class="explain">${t('teach.dynamicsIntro')}</p>
      <div class="bar">
        <button @click=${() => (this.pause(), (this.year = Math.max(0, year - 1)))} ?disabled=${year === 0}>${t('teach.prevYear')}</button>
        ${this.playing ? html`<button class="primary" @click=${() => this.pause()}>${t('teach.pause')}</button>` : html`<button class="primary" @click=${() => this.play(n)}>${t('teach.play')}</button>`}
        <button @click=${() => (this.pause(), (this.year = Math.min(n - 1, year + 1)))} ?disabled=${year === n - 1}>${t('teach.nextYear')}</button>
        <strong role="status" data-year=${start + year}>${t('teach.yearX', { year: start + year })}</strong>
      </div>
      <div class="years" role="img" aria-label=${t('teach.dynamicsLabel')}>
        ${team.map(
          (v, y) => html`<div class="col ${y > year ? 'future' : ''}">
            <b>${formatNumber(v, 2)}</b><span style="height:${Math.max(2, 100 * v)}%;background:${colour(0)}"></span><small>${start + y}</small>
          </div>`,
        )}
      </div>
      ${this.fact(formatNumber(team[year], 2), t('teach.teamEffort', { year: start + year }), t('teach.effortExplain'))}
      <p class="explain">${t('teach.grantEnds')}</p>`;
  }

  private body(d: Dashboard) {
    switch (STEPS[this.step]) {
      case 'people':
        return this.people(d);
      case 'payment':
        return this.payment(d);
      case 'incentives':
        return html`<p class="explain">${t('teach.incentivesIntro')}</p>
          <rb-incentives .json=${this.json} auto></rb-incentives>`;
      case 'levers':
        return this.levers(d);
      default:
        return this.dynamics();
    }
  }

  override render() {
    const d = this.dashboard;
    const step = Math.min(Math.max(0, this.step), STEPS.length - 1);
    const title = localText(this.json, 'title', locale()) ?? '';
    return html`
      <p class="count">${t('teach.mode')} · ${title}</p>
      <div class="bar">
        <h1>${t(`teach.step.${STEPS[step]}` as MessageKey)}</h1>
        <span class="count">${t('teach.stepOf', { n: step + 1, total: STEPS.length })}</span>
        <button @click=${() => this.go(step - 1)} ?disabled=${step === 0}>← ${t('teach.back')}</button>
        <button class="primary" @click=${() => this.go(step + 1)} ?disabled=${step === STEPS.length - 1}>${t('teach.next')} →</button>
        <details class="glossary">
          <summary>${t('teach.glossary')}</summary>
          <dl>${GLOSSARY.map((g) => html`<dt><strong>${t(`gloss.${g}` as MessageKey)}</strong></dt><dd>${t(`gloss.${g}.text` as MessageKey)}</dd>`)}</dl>
        </details>
      </div>
      <div class="body ${this.solving ? 'pending' : ''}" aria-busy=${this.solving ? 'true' : 'false'}>${d ? this.body(d) : html`<p role="status">${t('results.computing')}</p>`}</div>
    `;
  }
}
