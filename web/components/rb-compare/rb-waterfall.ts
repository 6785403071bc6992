/**
 * "Why did this change?": one variant against its base as a waterfall per payer's spending or
 * provider's margin (src/results/explain.ts), one figure at a time, chosen from a list. Bars in
 * whole öre that add up to the difference; noise hatched, not coloured as an effect.
 */
import { css, html, LitElement, nothing } from 'lit';
import type { Explanation } from '../../../src/results/explain.js';
import type { Waterfall, WaterfallStep } from '../../../src/results/waterfall.js';
import { waterfallBars } from '../../../src/results/waterfall.js';
import { formatNumber } from '../../format.js';
import { LocaleController, t } from '../../i18n/index.js';
import { shared } from '../../styles/shared.js';

/** Kronor to the öre, signed: the waterfall's own precision. */
function signedOre(ore: number): string {
  return `${ore > 0 ? '+' : ore < 0 ? '−' : ''}${formatNumber(Math.abs(ore) / 100, 2)} kr`;
}

/**
 * A step's words in the page's language (the report's catalogue keys, so both say the same).
 * @example stepLabel({ kind: 'behaviour', ore: 0 }, {}) // "Providers' response (behaviour effect)"
 */
export function stepLabel(step: WaterfallStep, names: Record<string, string>): string {
  switch (step.kind) {
    case 'beyond-payment':
      return t('report.stepBeyond');
    case 'component': {
      const change = t(step.change === 'added' ? 'report.changeAdded' : step.change === 'removed' ? 'report.changeRemoved' : 'report.changeChanged');
      return t('report.stepComponent', { name: names[step.component!] ?? step.component!, change });
    }
    case 'other':
      return t('report.stepOther');
    case 'behaviour':
      return t('report.stepBehaviour');
    case 'solver-noise':
      return t('report.stepSolverNoise');
    case 'event-noise':
      return t('report.stepEventNoise', { lower: signedOre(Math.round((step.interval?.[0] ?? NaN) * 100)), upper: signedOre(Math.round((step.interval?.[1] ?? NaN) * 100)) });
    case 'undecomposed':
      return t('report.stepUndecomposed');
  }
}

export class RbWaterfall extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      .pickline {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        margin: 0.5rem 0;
      }
      select {
        max-width: 100%;
      }
      ol {
        list-style: none;
        padding: 0;
        margin: 0.5rem 0 0;
      }
      li {
        display: grid;
        grid-template-columns: minmax(10rem, 2fr) 10.5rem minmax(8rem, 3fr);
        gap: 0.75rem;
        align-items: center;
        padding: 0.3rem 0;
        border-bottom: 1px solid var(--rb-line, #d5dbe2);
      }
      li.total {
        font-weight: 700;
      }
      .amount {
        text-align: right;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .track {
        position: relative;
        height: 1.1rem;
      }
      .bar {
        position: absolute;
        top: 0;
        bottom: 0;
        min-width: 2px;
      }
      .bar.good {
        background: var(--rb-good, #1e6b3a);
      }
      .bar.bad {
        background: var(--rb-bad, #a3262a);
      }
      .bar.noise {
        background: repeating-linear-gradient(45deg, #6b7785 0 3px, transparent 3px 6px);
        outline: 1px solid #6b7785;
      }
      .bar.total {
        background: var(--rb-ink, #1d2733);
      }
      .zero {
        position: absolute;
        top: -0.2rem;
        bottom: -0.2rem;
        border-left: 1px dashed #6b7785;
      }
      @media (max-width: 700px) {
        li {
          grid-template-columns: 1fr auto;
        }
        .track {
          grid-column: 1 / -1;
        }
      }
    `,
  ];
  static override properties = {
    explanation: { attribute: false },
    labels: { attribute: false },
    baseName: { type: String },
    variantName: { type: String },
    picked: { state: true },
  };

  declare explanation: Explanation | undefined;
  /** Components' names in the page's language (web/state/labels.ts), over the engine's. */
  declare labels: Record<string, string>;
  declare baseName: string;
  declare variantName: string;
  declare picked: number;

  constructor() {
    super();
    new LocaleController(this);
    this.explanation = undefined;
    this.labels = {};
    this.baseName = '';
    this.variantName = '';
    this.picked = 0;
  }

  private figureName(w: Waterfall): string {
    const name = this.explanation!.names[w.entity] ?? w.entity;
    return t(w.measure === 'spendingKr' ? 'report.whySpending' : 'report.whyMargin', { name });
  }

  private renderWaterfall(w: Waterfall) {
    const { bars, min, max } = waterfallBars(w);
    const span = max - min || 1;
    const at = (ore: number) => `${((100 * (ore - min)) / span).toFixed(3)}%`;
    const names = { ...this.explanation!.names, ...this.labels };
    return html`<ol aria-label=${this.figureName(w)}>
      ${bars.map((b) => {
        const ore = b.to - b.from;
        // What the change means for whose figure it is: less spending, more margin is good news.
        const good = w.measure === 'marginKr' ? ore > 0 : ore < 0;
        const tone = b.kind === 'difference' ? 'total' : b.kind.endsWith('noise') ? 'noise' : ore === 0 ? '' : good ? 'good' : 'bad';
        const label = b.step ? stepLabel(b.step, names) : t('report.whyDifference');
        return html`<li class=${b.kind === 'difference' ? 'total' : ''} data-step=${b.kind} data-ore=${String(ore)}>
          <span>${label}</span>
          <span class="amount ${tone === 'good' ? 'pos' : tone === 'bad' ? 'neg' : ''}">${signedOre(ore)}</span>
          <span class="track" aria-hidden="true"
            ><span class="zero" style="left:${at(0)}"></span><span class="bar ${tone}" style="left:${at(Math.min(b.from, b.to))};width:${((100 * Math.abs(ore)) / span).toFixed(3)}%"></span
          ></span>
        </li>`;
      })}
    </ol>`;
  }

  override render() {
    const e = this.explanation;
    if (!e) return nothing;
    const picked = Math.min(this.picked, e.waterfalls.length - 1);
    const w = e.waterfalls[picked];
    const id = `wf-${e.variantId}`;
    return html`<h3>${this.variantName} − ${this.baseName}</h3>
      <p class="muted">${t('report.whyIntro', { variant: this.variantName, base: this.baseName })}</p>
      ${e.mixed ? html`<p class="muted">${t('report.whyMixed')}</p>` : nothing}
      ${e.decomposed ? nothing : html`<p class="muted">${t('report.whyUndecomposed')}</p>`}
      <div class="pickline">
        <label for=${id}>${t('cmp.whyFigure')}</label>
        <select id=${id} @change=${(ev: Event) => (this.picked = Number((ev.target as HTMLSelectElement).value))}>
          ${e.waterfalls.map((x, i) => html`<option value=${String(i)} ?selected=${i === picked}>${this.figureName(x)}</option>`)}
        </select>
      </div>
      ${w
        ? html`<p class="amount-line">
              ${t('report.whyBase')}: <strong>${formatNumber(w.baseKr, 2)} kr</strong> → ${t('report.whyVariant')}: <strong>${formatNumber(w.variantKr, 2)} kr</strong>
            </p>
            ${this.renderWaterfall(w)}`
        : nothing}`;
  }
}

customElements.define('rb-waterfall', RbWaterfall);
