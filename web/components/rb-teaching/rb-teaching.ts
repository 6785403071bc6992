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
import { MODELS } from '../../state/models.js';
import { canToggle, isApplied, TEACHING_LEVERS, toggleLever } from './levers.js';
import type { TeachingLever, TodaysPay } from './levers.js';

const STEPS = ['people', 'payment', 'incentives', 'levers', 'dynamics', 'summary'] as const;
type Step = (typeof STEPS)[number];
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
      :host([presenting]) {
        font-size: 1.3rem;
        max-width: none;
      }
      [hidden] {
        display: none !important;
      }
      :host([presenting]) h1 {
        font-size: 2rem;
      }
      :host([presenting]) .explain,
      :host([presenting]) .fact p,
      :host([presenting]) .count:first-child {
        display: none;
      }
      :host([presenting]) .facts {
        grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr));
        gap: 0.6rem;
        margin: 0.6rem 0;
      }
      :host([presenting]) .fact {
        padding: 0.5rem 0.9rem;
      }
      :host([presenting]) .fact strong {
        font-size: 2.1rem;
      }
      :host([presenting]) .years {
        height: 11rem;
      }
      .fact .before {
        display: block;
        font-size: 0.85em;
        color: var(--rb-muted, #5b6675);
      }
      .fact.changed {
        border-left: 6px solid var(--rb-accent, #1f4e79);
      }
      .tools {
        margin: 0.4rem 0;
        font-size: 1rem;
      }
      .choice {
        display: inline-flex;
        gap: 0.4rem;
        align-items: center;
      }
      .predict {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        margin: 0.6rem 0;
        border-left: 6px solid var(--rb-warn, #8a5a00);
      }
      .summary li {
        margin-bottom: 0.6rem;
      }
      details.notes {
        margin-top: 1rem;
        font-size: 1rem;
        color: var(--rb-muted, #5b6675);
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
    presenting: { type: Boolean, reflect: true },
    year: { state: true },
    askFirst: { state: true },
    revealed: { state: true },
    playing: { state: true },
  };

  declare json: JsonObject | undefined;
  declare live: Dashboard | undefined;
  declare check: Checked | undefined;
  declare solved: Solved | undefined;
  declare solving: boolean;
  declare step: number;
  /** Presentation mode: large type, one screen per step, the room asked before each answer. */
  declare presenting: boolean;
  declare year: number;
  /** Hide each step's numbers until the room has guessed (on by default when presenting). */
  declare askFirst: boolean | undefined;
  /** The steps whose answer has been shown since the walk began. */
  declare revealed: ReadonlySet<number>;
  /** Step 4's figures before any lever was pressed, for the before/after marking. */
  private beforeLevers?: { key: string; d: Dashboard };
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
    this.presenting = false;
    this.askFirst = undefined;
    this.revealed = new Set();
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

  private fact(value: string, label: string, explain: string, before?: string) {
    const changed = before !== undefined && before !== value;
    return html`<div class="card fact ${changed ? 'changed' : ''}">
      <span>${label}</span><strong>${value}</strong>${changed ? html`<span class="before">${t('teach.before', { value: before })}</span>` : nothing}
      <p>${explain}</p>
    </div>`;
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
      <h2 ?hidden=${this.presenting}>${t('teach.providersTitle')}</h2>
      <div class="facts" ?hidden=${this.presenting}>
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
      <rb-money-flow ?hidden=${this.presenting} .flow=${d.moneyFlowKr} .names=${d.names} .principals=${d.principalIds}></rb-money-flow>`;
  }

  /**
   * What each provider is paid per component in the results on screen, and by which payer (the
   * reference's own payer, else the model's default; a list of payers splits by its shares).
   */
  private todaysPay(d: Dashboard): TodaysPay {
    const byId = new Map(((this.json?.payment as Row | undefined)?.components as Row[] | undefined ?? []).map((c) => [String(c.id), c]));
    const payersOf = (c: Row | undefined): { payer: string; share: number }[] => {
      if (!c) return [];
      const model = typeof c.model === 'string' ? MODELS[c.model] : undefined;
      const payer = (c.parameters as Row | undefined)?.payer ?? model?.parameters.payer?.default ?? c.payer;
      if (Array.isArray(payer)) return (payer as Row[]).map((p) => ({ payer: String(p.payer), share: Number(p.share) }));
      return typeof payer === 'string' ? [{ payer, share: 1 }] : [];
    };
    const received = d.providers.flatMap((p) =>
      p.revenueByComponentKr.flatMap((r) => {
        // Expanded components are named `reference.component`.
        const component = r.component.split('.')[0];
        return payersOf(byId.get(component)).map(({ payer, share }) => ({ component, provider: p.id, payer, kr: r.kr.mean * share }));
      }),
    );
    return { years: d.months / 12, received };
  }

  private press(lever: TeachingLever, d: Dashboard): void {
    const json = toggleLever(this.json!, lever, this.todaysPay(d), { team: t('teach.pool.team'), budget: t('teach.pool.budget') });
    if (json !== this.json) emit(this, 'rb-scenario-input', { json });
  }

  private levers(d: Dashboard) {
    const json = this.json!;
    const years = d.months / 12;
    const problems = this.check && !this.check.ok ? this.check.errors : [];
    const coordination = d.outcomes.all.values.coordinationExperiencedShare?.mean ?? 0;
    // The figures with no lever pressed are "before"; every pressed lever is compared with them.
    const pressed = TEACHING_LEVERS.some((l) => isApplied(json, l));
    const key = String(localText(json, 'title', 'en') ?? '');
    if (!pressed && !this.solving) this.beforeLevers = { key, d };
    const b = pressed && this.beforeLevers?.key === key ? this.beforeLevers.d : undefined;
    const kr = (dd: Dashboard | undefined, f: (x: Dashboard) => number) => (dd ? compactKr(f(dd) / years) : undefined);
    return html`<p class="explain">${t('teach.leversIntro')}</p>
      <div class="levers" role="group" aria-label=${t('teach.leversLabel')}>
        ${TEACHING_LEVERS.map(
          (lever) => html`<button
            aria-pressed=${isApplied(json, lever) ? 'true' : 'false'}
            data-lever=${lever}
            ?disabled=${!canToggle(json, lever, this.solving ? undefined : this.todaysPay(d))}
            @click=${() => this.press(lever, d)}
          >
            ${t(`teach.lever.${lever}` as MessageKey)}
          </button>`,
        )}
      </div>
      ${problems.length ? html`<p class="issue" role="alert">${problems[0].path}: ${issueText(problems[0])}</p>` : nothing}
      <p role="status">${this.solving ? t('teach.solving') : nothing}</p>
      ${b ? html`<p class="explain">${t('teach.beforeAfter')}</p>` : nothing}
      ${isApplied(json, 'shared-budget') ? this.budgetNote(json) : nothing}
      <div class="facts">
        ${this.fact(formatShare(coordination), t('tables.coordinated'), t('teach.coordinationExplain'), b ? formatShare(b.outcomes.all.values.coordinationExperiencedShare?.mean ?? 0) : undefined)}
        ${d.payerIds.map((id) => this.fact(compactKr(d.spendingKr[id].mean / years), t('tables.spends', { name: d.names[id] ?? id }), t('teach.spendingExplain', { name: d.names[id] ?? id }), kr(b, (x) => x.spendingKr[id]?.mean ?? 0)))}
        ${d.providers.map((p) =>
          this.fact(compactKr(p.marginKr.mean / years), d.names[p.id] ?? p.id, t(p.marginKr.mean < 0 ? 'teach.lossExplain' : 'teach.marginExplain'), kr(b, (x) => x.providers.find((q) => q.id === p.id)?.marginKr.mean ?? 0)),
        )}
      </div>`;
  }

  /** What the shared budget took over: today's pay of its members, a sum a year, split as today. */
  private budgetNote(json: JsonObject) {
    const budget = ((json.payment as Row).components as Row[]).find((c) => c.id === 'teach-shared-budget');
    const pool = ((json.pools ?? []) as Row[]).find((p) => p.id === (budget?.parameters as Row | undefined)?.payee);
    const names = new Map(((json.providers ?? []) as Row[]).map((p) => [String(p.id), String(p.name ?? p.id)]));
    const members = ((pool?.members ?? []) as string[]).map((id) => names.get(id) ?? id);
    return html`<p class="explain budget-note">${t('teach.budgetNote', { kr: compactKr(Number((budget?.parameters as Row | undefined)?.amount ?? 0)), names: members.join(', ') })}</p>`;
  }

  /**
   * Step 5 on a scenario whose providers do not adapt: the same scenario as a new variant (its own
   * draft; the original keeps its own) with a coordination grant that pays for the first year and
   * providers who adapt year by year, so the room sees the grant's rise and fall on its own case.
   */
  private grantVariant(): void {
    const json = this.json!;
    const sim = (json.simulation ?? {}) as Row;
    const withGrant = isApplied(json, 'coordination-activity-grant') ? json : toggleLever(json, 'coordination-activity-grant');
    const title = String(localText(json, 'title', locale()) ?? json.title ?? '');
    const name = t('teach.grantVariantName', { title });
    // The providers start where today's pay leaves them (its equilibrium, when solved), so what
    // the bars show is the grant's doing: up while it pays, back down when it ends.
    const effort = this.solved?.effort;
    const care = (withGrant.care ?? {}) as Row;
    const coordination = effort ? Object.fromEntries(effort.providers.map((id, i) => [id, Math.round(1000 * effort.years[0][i]) / 1000])) : care.coordination;
    const variant: JsonObject = {
      ...withGrant,
      id: `${String(json.id ?? 'scenario')}-grant-ends`,
      title: name,
      care: { ...care, coordination },
      simulation: { ...sim, behaviour: 'adaptive', years: Math.max(3, Number(sim.years ?? 0) || 0) },
    };
    // The variant's title is in the page's language already: the scenario's translations are of the original's.
    delete variant.translations;
    emit(this, 'rb-open', { json: variant, name, view: 'teach' });
  }

  private dynamics() {
    const mode = (this.json?.simulation as Row | undefined)?.behaviour;
    if (mode !== 'adaptive') {
      return html`<p class="explain">${t('teach.notAdaptive')}</p>
        <div class="bar">
          <button class="primary" ?disabled=${mode === 'equilibrium' && !this.solved?.effort} @click=${() => this.grantVariant()}>${t('teach.grantVariant')}</button>
          ${mode === 'equilibrium' && !this.solved?.effort ? html`<span role="status">${t('teach.solving')}</span>` : nothing}
          <button @click=${() => emit(this, 'rb-open', { ref: 'builtin:state-programme-2014-2017', name: t('teach.programmeName'), view: 'teach' })}>${t('teach.openProgramme')}</button>
        </div>`;
    }
    const effort = this.solved?.effort;
    if (!effort) return html`<p role="status">${t('teach.solving')}</p>`;
    const n = effort.years.length;
    const year = Math.min(this.year, n - 1);
    const start = Number(String((this.json?.simulation as Row).start ?? '2026').slice(0, 4));
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const team = effort.years.map(mean);
    const before = mean(effort.before ?? []);
    // Bars between the lowest and the highest year (numbers on top), so a rise and fall of a few
    // hundredths is seen at projector distance; the first bar is the effort before any response.
    const all = [before, ...team];
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const height = (v: number) => (hi - lo > 1e-9 ? 15 + (85 * (v - lo)) / (hi - lo) : 60);
    return html`<p class="explain">${t('teach.dynamicsIntro')}</p>
      <div class="bar">
        <button @click=${() => (this.pause(), (this.year = Math.max(0, year - 1)))} ?disabled=${year === 0}>${t('teach.prevYear')}</button>
        ${this.playing ? html`<button class="primary" @click=${() => this.pause()}>${t('teach.pause')}</button>` : html`<button class="primary" @click=${() => this.play(n)}>${t('teach.play')}</button>`}
        <button @click=${() => (this.pause(), (this.year = Math.min(n - 1, year + 1)))} ?disabled=${year === n - 1}>${t('teach.nextYear')}</button>
        <strong role="status" data-year=${start + year}>${t('teach.yearX', { year: start + year })}</strong>
      </div>
      <div class="years" role="img" aria-label=${t('teach.dynamicsLabel')}>
        <div class="col" data-effort=${String(before)}>
          <b>${formatNumber(before, 3)}</b><span style="height:${height(before)}%;background:${colour(1)}"></span><small>${t('teach.beforeBar')}</small>
        </div>
        ${team.map(
          (v, y) => html`<div class="col ${y > year ? 'future' : ''}" data-effort=${String(v)}>
            <b>${formatNumber(v, 3)}</b><span style="height:${height(v)}%;background:${colour(0)}"></span><small>${start + y}</small>
          </div>`,
        )}
      </div>
      <p class="muted">${t('teach.barsScaled')}</p>
      ${this.fact(formatNumber(team[year], 3), t('teach.teamEffort', { year: start + year }), t('teach.effortExplain'))}
      <p class="explain">${t('teach.grantEnds')}</p>`;
  }

  private summary() {
    return html`<ol class="summary">
        ${[1, 2, 3, 4].map((n) => html`<li>${t(`teach.summary.${n}` as MessageKey)}</li>`)}
      </ol>
      <div class="bar">
        <button @click=${() => emit(this, 'rb-navigate', { view: 'results' })}>${t('teach.openResults')}</button>
        <button @click=${() => this.printWorksheet()}>${t('teach.worksheet')}</button>
      </div>`;
  }

  /** A printable page for the room: each step's question, space for the group's guess and for what the model showed, and the facilitator's notes. */
  private printWorksheet(): void {
    const title = localText(this.json, 'title', locale()) ?? '';
    const esc = (x: string) => x.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
    const steps = STEPS.map(
      (s, i) => `<section><h2>${i + 1}. ${esc(t(`teach.step.${s}` as MessageKey))}</h2>
        <p class="q">${esc(t(`teach.predict.${s}` as MessageKey))}</p>
        <h3>${esc(t('teach.worksheetGuess'))}</h3><div class="box"></div>
        <h3>${esc(t('teach.worksheetModel'))}</h3><div class="box"></div>
        <aside><strong>${esc(t('teach.notes'))}:</strong> ${esc(t(`teach.note.${s}` as MessageKey))}</aside></section>`,
    );
    const doc = `<!doctype html><html lang="${locale()}"><head><meta charset="utf-8"><title>${esc(t('teach.worksheetTitle', { title }))}</title>
      <style>body{font:14pt/1.4 system-ui,sans-serif;margin:2cm}section{break-inside:avoid;margin-bottom:1.5cm}.q{font-size:15pt;font-weight:600}.box{border:1px solid #888;height:2.5cm;margin:.2cm 0 .4cm}aside{color:#444;font-size:11pt;border-left:3px solid #888;padding-left:.4cm}</style>
      </head><body><h1>${esc(t('teach.worksheetTitle', { title }))}</h1>${steps.join('')}</body></html>`;
    const url = URL.createObjectURL(new Blob([doc], { type: 'text/html' }));
    window.open(url, '_blank');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  private body(d: Dashboard) {
    switch (STEPS[this.step]) {
      case 'people':
        return this.people(d);
      case 'payment':
        return this.payment(d);
      case 'incentives':
        return html`<p class="explain">${t('teach.incentivesIntro')}</p>
          <rb-incentives .json=${this.json} auto ?compact=${this.presenting}></rb-incentives>`;
      case 'levers':
        return this.levers(d);
      case 'dynamics':
        return this.dynamics();
      default:
        return this.summary();
    }
  }

  private get asking(): boolean {
    return this.askFirst ?? this.presenting;
  }

  override render() {
    const d = this.dashboard;
    const step = Math.min(Math.max(0, this.step), STEPS.length - 1);
    const name: Step = STEPS[step];
    const title = localText(this.json, 'title', locale()) ?? '';
    const hidden = this.asking && !this.revealed.has(step) && name !== 'summary';
    return html`
      <p class="count">${t('teach.mode')} · ${title}</p>
      <div class="bar">
        <h1>${t(`teach.step.${name}` as MessageKey)}</h1>
        <span class="count">${t('teach.stepOf', { n: step + 1, total: STEPS.length })}</span>
        <button @click=${() => this.go(step - 1)} ?disabled=${step === 0}>← ${t('teach.back')}</button>
        <button class="primary" @click=${() => this.go(step + 1)} ?disabled=${step === STEPS.length - 1}>${t('teach.next')} →</button>
        <details class="glossary">
          <summary>${t('teach.glossary')}</summary>
          <dl>${GLOSSARY.map((g) => html`<dt><strong>${t(`gloss.${g}` as MessageKey)}</strong></dt><dd>${t(`gloss.${g}.text` as MessageKey)}</dd>`)}</dl>
        </details>
      </div>
      <div class="bar tools">
        <label class="choice"><input type="checkbox" .checked=${this.asking} @change=${(e: Event) => (this.askFirst = (e.target as HTMLInputElement).checked)} />${t('teach.askFirst')}</label>
        <button aria-pressed=${this.presenting ? 'true' : 'false'} @click=${() => emit(this, 'rb-settings', { pres: !this.presenting })}>${this.presenting ? t('teach.leavePresent') : t('teach.present')}</button>
        ${this.presenting ? nothing : html`<button @click=${() => this.printWorksheet()}>${t('teach.worksheet')}</button>`}
      </div>
      ${(this.asking && !(this.presenting && !hidden)) || name === 'summary'
        ? html`<div class="predict card" data-step=${name}>
            <strong>${t('teach.predictLabel')}:</strong> ${t(`teach.predict.${name}` as MessageKey)}
            ${hidden ? html`<button class="primary" @click=${() => (this.revealed = new Set([...this.revealed, step]))}>${t('teach.reveal')}</button>` : nothing}
          </div>`
        : nothing}
      ${hidden
        ? nothing
        : html`<div class="body ${this.solving ? 'pending' : ''}" aria-busy=${this.solving ? 'true' : 'false'}>
            ${name === 'summary' ? this.summary() : d ? this.body(d) : html`<p role="status">${t('results.computing')}</p>`}
          </div>`}
      ${this.presenting
        ? nothing
        : html`<details class="notes">
            <summary>${t('teach.notes')}</summary>
            <p>${t(`teach.note.${name}` as MessageKey)}</p>
          </details>`}
    `;
  }
}
