/**
 * Levers: the numbers of a payment design a person most wants to move (prices, amounts, targets,
 * and the coordination effort put in), each a slider with a number box. Moving one changes the
 * working scenario; the live expected values follow.
 */
import { html, LitElement, nothing } from 'lit';
import { emit } from '../../events.js';
import type { JsonObject } from '../../state/library.js';
import { pathText, setIn } from '../../state/json-path.js';
import { formatNumber } from '../../format.js';
import type { Lever } from './levers.js';
import { leversOf, sliderMin } from './levers.js';
import { LocaleController, locale, t } from '../../i18n/index.js';
import { styles } from './rb-levers.styles.js';

/** A round upper bound for a slider: about twice the first value. */
function sliderMax(first: number): number {
  const target = Math.max(Math.abs(first) * 2, 1);
  const magnitude = 10 ** Math.floor(Math.log10(target));
  return Math.ceil(target / magnitude) * magnitude;
}

/** A lever's value as typed, in the page's language, never rounded ('3 528,25', '0,125'). */
function exactText(value: number): string {
  return new Intl.NumberFormat(locale() === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 10, useGrouping: false }).format(value);
}

/** A typed number: '1,234.5' in English, '1 234,5' in Swedish (and '−' as minus). */
function parseNumber(text: string): number | undefined {
  const spaced = text.replace(/[\s\u00a0\u202f_]/g, '').replace('\u2212', '-');
  const clean = locale() === 'sv' ? spaced.replace(',', '.') : spaced.replace(/,/g, '');
  if (clean === '' || !/^-?\d*\.?\d+(e-?\d+)?$/i.test(clean)) return undefined;
  return Number(clean);
}

export class RbLevers extends LitElement {
  static override styles = styles;
  static override properties = {
    json: { attribute: false },
    scenarioKey: { type: String },
  };

  declare json: JsonObject | undefined;
  /** Levers keep their ranges while this stays the same (the draft's id). */
  declare scenarioKey: string;

  private firstValues = new Map<string, number>();
  private rangesFor = '';

  constructor() {
    super();
    new LocaleController(this);
    this.json = undefined;
    this.scenarioKey = '';
  }

  private set(lever: Lever, value: number): void {
    if (!this.json || !Number.isFinite(value)) return;
    // One drag of a lever undoes as one step.
    emit(this, 'rb-scenario-input', { json: setIn(this.json, lever.path, value), group: pathText(lever.path) });
  }

  private resetAll(levers: Lever[]): void {
    if (!this.json) return;
    let json = this.json;
    for (const l of levers) {
      const first = this.firstValues.get(pathText(l.path));
      if (first !== undefined && first !== l.value) json = setIn(json, l.path, first);
    }
    if (json !== this.json) emit(this, 'rb-scenario-input', { json });
  }

  override render() {
    if (!this.json) return nothing;
    if (this.rangesFor !== this.scenarioKey) {
      this.rangesFor = this.scenarioKey;
      this.firstValues = new Map();
    }
    const levers = leversOf(this.json);
    for (const l of levers) if (!this.firstValues.has(pathText(l.path))) this.firstValues.set(pathText(l.path), l.value);
    let group = '';
    const changed = levers.some((l) => this.firstValues.get(pathText(l.path)) !== l.value);
    return html`
      <h2>${t('levers.title')}</h2>
      <p class="muted">${t('levers.intro')}</p>
      ${levers.length === 0 ? html`<p class="muted">${t('levers.none')}</p>` : nothing}
      ${levers.map((l) => {
        const key = pathText(l.path);
        const first = this.firstValues.get(key)!;
        const max = l.bounded ? 1 : Math.min(sliderMax(first), l.max ?? Infinity);
        const min = Math.max(0, l.min ?? 0);
        const step = l.bounded ? 0.005 : (max - min) / 200;
        const id = `lever-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;
        const heading = l.group !== group ? ((group = l.group), html`<h3>${l.group}</h3>`) : nothing;
        return html`${heading}
          <div class="lever ${first !== l.value ? 'changed' : ''}" data-path=${key}>
            <label for=${id}>${l.label}<span class="unit">${l.unit}</span></label>
            <div class="controls">
              <input
                id=${id}
                type="range"
                min=${sliderMin(min, l.value, step)}
                max=${Math.max(max, l.value)}
                step=${step}
                .value=${String(l.value)}
                aria-valuetext=${`${formatNumber(l.value, l.bounded ? 3 : 0)} ${l.unit}`}
                @input=${(e: Event) => this.set(l, Number((e.target as HTMLInputElement).value))}
              />
              <input
                type="text"
                inputmode="decimal"
                aria-label="${l.label} (${l.group}), ${l.unit}"
                .value=${exactText(l.value)}
                @change=${(e: Event) => {
                  const v = parseNumber((e.target as HTMLInputElement).value);
                  if (v !== undefined) this.set(l, v);
                  else (e.target as HTMLInputElement).value = exactText(l.value);
                }}
              />
            </div>
          </div>`;
      })}
      ${changed ? html`<button class="reset" @click=${() => this.resetAll(levers)}>${t('levers.reset')}</button>` : nothing}
    `;
  }
}
