/**
 * A numeric x–y chart on uPlot for the uncertainty views: lines (a sweep), points (a scatter of
 * draws) or steps (a histogram), with vertical markers (decision flips). The caller formats the
 * axes; the chart only draws. Like rb-time-chart, it rebuilds when its shape changes and follows
 * its width.
 */
import { css, html, LitElement, nothing, unsafeCSS } from 'lit';
import type { PropertyValues } from 'lit';
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import { LOCALE_CHANGED, t } from '../../i18n/index.js';
import { dash } from '../../styles/shared.js';

export interface XySeries {
  label: string;
  color: string;
  /** y per x of the chart (NaN: no value there). */
  y: number[];
}

export type XyMode = 'lines' | 'points' | 'steps';

/** Vertical markers at these x, e.g. where a provider's decision flips. */
export interface XyMarker {
  x: number;
  label: string;
}

function padded(lo: number, hi: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.08;
  return [lo - pad, hi + pad];
}

export class RbXyChart extends LitElement {
  static override styles = [
    unsafeCSS(uplotCss),
    css`
      :host {
        display: block;
        --rb-chart-height: 260px;
      }
      .plot {
        width: 100%;
        min-height: var(--rb-chart-height);
      }
      .axis {
        font-size: 0.85rem;
        color: var(--rb-muted, #5b6675);
        margin: 0.2rem 0 0;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
        margin: 0.25rem 0 0;
        padding: 0;
        list-style: none;
        font-size: 0.9rem;
      }
      .legend li {
        display: flex;
        align-items: center;
        gap: 0.4rem;
      }
      .swatch {
        width: 1.75rem;
        height: 0.5rem;
        flex: none;
      }
      .u-legend {
        display: none;
      }
    `,
  ];
  static override properties = {
    heading: { type: String },
    xLabel: { attribute: false },
    yLabel: { attribute: false },
    x: { attribute: false },
    series: { attribute: false },
    mode: { type: String },
    markers: { attribute: false },
    xFormat: { attribute: false },
    yFormat: { attribute: false },
  };

  declare heading: string;
  declare xLabel: string;
  declare yLabel: string;
  declare x: number[];
  declare series: XySeries[];
  declare mode: XyMode;
  declare markers: XyMarker[];
  declare xFormat: (v: number) => string;
  declare yFormat: (v: number) => string;

  private plot: uPlot | undefined;
  private resize: ResizeObserver | undefined;

  constructor() {
    super();
    this.heading = '';
    this.xLabel = '';
    this.yLabel = '';
    this.x = [];
    this.series = [];
    this.mode = 'lines';
    this.markers = [];
    this.xFormat = String;
    this.yFormat = String;
  }

  private readonly onLocale = () => this.draw();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(LOCALE_CHANGED, this.onLocale);
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(LOCALE_CHANGED, this.onLocale);
    this.resize?.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('x') || changed.has('series') || changed.has('mode') || changed.has('markers')) this.draw();
  }

  private options(width: number): uPlot.Options {
    const font = '13px "DejaVu Sans", "Segoe UI", Arial, sans-serif';
    const mode = this.mode;
    const series: uPlot.Series[] = [{ label: this.xLabel, value: (_u, v) => this.xFormat(v) }];
    this.series.forEach((s, i) => {
      series.push({
        label: s.label,
        stroke: s.color,
        width: mode === 'points' ? 0 : 2.25,
        dash: mode === 'lines' ? dash(i) : undefined,
        paths: mode === 'points' ? () => null : mode === 'steps' ? uPlot.paths.stepped!({ align: 1 }) : undefined,
        points: { show: mode !== 'steps', size: mode === 'points' ? 5 : 6, fill: s.color, stroke: s.color },
        value: (_u, v) => this.yFormat(v),
      });
    });
    const markers = this.markers;
    return {
      width,
      height: parseInt(getComputedStyle(this).getPropertyValue('--rb-chart-height')) || 260,
      series,
      legend: { show: false },
      padding: [12, 24, 0, 0],
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: (_u, lo, hi) => (mode === 'steps' ? [lo, hi] : padded(lo, hi)) }, y: { range: (_u, lo, hi) => (mode === 'steps' ? [0, hi * 1.1 || 1] : padded(lo, hi)) } },
      axes: [
        { font, size: 40, values: (_u, splits) => splits.map((v) => this.xFormat(v)) },
        { font, size: 84, values: (_u, splits) => splits.map((v) => this.yFormat(v)) },
      ],
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = '#8a4b00';
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
            for (const m of markers) {
              const x = Math.round(u.valToPos(m.x, 'x', true));
              if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
  }

  private draw(): void {
    const host = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!host || this.x.length === 0) return;
    const width = Math.max(280, host.clientWidth || this.clientWidth || 600);
    this.plot?.destroy();
    const data = [Float64Array.from(this.x), ...this.series.map((s) => s.y.map((v) => (Number.isFinite(v) ? v : null)))] as unknown as uPlot.AlignedData;
    this.plot = new uPlot(this.options(width), data, host);
  }

  private fit(): void {
    const host = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!this.plot || !host) return;
    const width = Math.max(280, host.clientWidth);
    if (Math.abs(width - this.plot.width) > 2) this.plot.setSize({ width, height: this.plot.height });
  }

  override render() {
    return html`
      <div class="plot" role="img" aria-label=${this.heading}></div>
      <p class="axis">→ ${this.xLabel} · ↑ ${this.yLabel}</p>
      ${this.series.length > 1 || this.markers.length > 0
        ? html`<ul class="legend" aria-label=${t('chart.legend')}>
            ${this.series.map(
              (s, i) =>
                html`<li><svg class="swatch" viewBox="0 0 28 8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4" stroke=${s.color} stroke-width="3" stroke-dasharray=${this.mode === 'lines' ? dash(i).join(' ') || 'none' : 'none'}></line></svg>${s.label}</li>`,
            )}
            ${this.markers.map((m) => html`<li><svg class="swatch" viewBox="0 0 28 8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4" stroke="#8a4b00" stroke-width="3" stroke-dasharray="6 4"></line></svg>${m.label}</li>`)}
          </ul>`
        : nothing}
    `;
  }
}

if (!customElements.get('rb-xy-chart')) customElements.define('rb-xy-chart', RbXyChart);

declare global {
  interface HTMLElementTagNameMap {
    'rb-xy-chart': RbXyChart;
  }
}
