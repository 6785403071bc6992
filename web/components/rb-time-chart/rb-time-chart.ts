/**
 * A time-series chart: one line per series with its 95 % band, over labelled periods. Wraps
 * uPlot: columns in, `setData` for new numbers, a rebuild only when the shape of the chart
 * (series, periods, axis range) changes. No statistics here: bands arrive computed.
 */
import { html, LitElement, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import uPlot from 'uplot';
import type { Band } from '../../../src/results/bands.js';
import { compactKr, formatKr } from '../../format.js';
import { LOCALE_CHANGED, t } from '../../i18n/index.js';
import { dash } from '../../styles/shared.js';
import { styles } from './rb-time-chart.styles.js';

export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  band: Band;
}

function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A y range that holds zero and leaves a little room above and below the lines. */
function headroom(lo: number, hi: number): [number, number] {
  const low = Math.min(0, lo);
  const high = Math.max(0, hi);
  const pad = (high - low || Math.abs(high) || 1) * 0.08;
  return [low < 0 ? low - pad : 0, high > 0 ? high + pad : low < 0 ? pad : 1];
}

/** Label every n-th period, with n a calendar-friendly step: every year for quarters and months when crowded. */
function tickStep(labels: readonly string[], room: number): number {
  const needed = labels.length / room;
  const quarters = labels[0]?.includes('Q');
  const months = /^\d{4}-\d{2}$/.test(labels[0] ?? '');
  const steps = quarters ? [1, 2, 4, 8, 12, 20] : months ? [1, 2, 3, 6, 12, 24, 36] : [1, 2, 5, 10, 20];
  return steps.find((s) => s >= needed) ?? Math.ceil(needed);
}

/** Draws y = 0 as a darker rule: above it a provider gains, below it loses. */
function zeroLine(u: uPlot): void {
  const y = u.valToPos(0, 'y', true);
  if (!Number.isFinite(y) || y < u.bbox.top || y > u.bbox.top + u.bbox.height) return;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = '#5b6675';
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.beginPath();
  ctx.moveTo(u.bbox.left, Math.round(y));
  ctx.lineTo(u.bbox.left + u.bbox.width, Math.round(y));
  ctx.stroke();
  ctx.restore();
}

export class RbTimeChart extends LitElement {
  static override styles = styles;
  static override properties = {
    heading: { type: String },
    labels: { attribute: false },
    series: { attribute: false },
    yRange: { attribute: false },
    sync: { type: String },
    readout: { state: true },
  };

  declare heading: string;
  declare labels: string[];
  declare series: ChartSeries[];
  /** A fixed y range (aligned charts in a comparison); default: fit the data. */
  declare yRange: [number, number] | undefined;
  /** Charts with the same key move their cursors together. */
  declare sync: string;
  declare readout: string;

  private plot: uPlot | undefined;
  private shape = '';
  private resize: ResizeObserver | undefined;
  /** Time the last draw took (setData or rebuild), for the redraw budget. */
  lastDrawMs = 0;

  constructor() {
    super();
    this.heading = '';
    this.labels = [];
    this.series = [];
    this.yRange = undefined;
    this.sync = '';
    this.readout = '';
  }

  /** Axis numbers follow the language: rebuild the plot when it changes. */
  private readonly onLocale = () => {
    this.shape = '';
    this.draw();
    this.requestUpdate();
  };

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
    this.shape = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('labels') && !changed.has('series') && !changed.has('yRange')) return;
    const t0 = performance.now();
    this.draw();
    this.lastDrawMs = performance.now() - t0;
  }

  private data(): uPlot.AlignedData {
    const x = Float64Array.from(this.labels, (_, i) => i);
    const columns: (Float64Array | number[])[] = [x];
    for (const s of this.series) columns.push(s.band.mean, s.band.lower, s.band.upper);
    return columns as unknown as uPlot.AlignedData;
  }

  private options(width: number): uPlot.Options {
    const labels = this.labels;
    const series: uPlot.Series[] = [{ label: t('chart.period') }];
    const bands: uPlot.Band[] = [];
    this.series.forEach((s, i) => {
      series.push({ label: s.label, stroke: s.color, width: 2.5, dash: dash(i), points: { show: labels.length < 30 }, value: (_u, v) => formatKr(v) });
      series.push({ label: `${s.label} 2.5 %`, stroke: 'transparent', width: 0, points: { show: false } });
      series.push({ label: `${s.label} 97.5 %`, stroke: 'transparent', width: 0, points: { show: false } });
      bands.push({ series: [3 * i + 3, 3 * i + 2], fill: withAlpha(s.color, 0.18) });
    });
    const font = '14px "DejaVu Sans", "Segoe UI", Arial, sans-serif';
    const range = this.yRange;
    return {
      width,
      height: parseInt(getComputedStyle(this).getPropertyValue('--rb-chart-height')) || 280,
      series,
      bands,
      legend: { show: false },
      padding: [12, 36, 0, 0],
      cursor: { sync: this.sync ? { key: this.sync } : undefined, drag: { x: false, y: false } },
      scales: {
        x: { time: false },
        y: range ? { range: () => range } : { range: (_u, lo, hi) => headroom(lo, hi) },
      },
      axes: [
        {
          font,
          size: 44,
          values: (_u, splits) => splits.map((i) => labels[Math.round(i)] ?? ''),
          splits: () => {
            const step = tickStep(labels, Math.max(2, Math.floor(width / 110)));
            return labels.map((_, i) => i).filter((i) => i % step === 0);
          },
        },
        { font, size: 88, values: (_u, splits) => splits.map(compactKr) },
      ],
      hooks: {
        draw: [zeroLine],
        setCursor: [(u) => this.onCursor(u)],
      },
    };
  }

  private onCursor(u: uPlot): void {
    const i = u.cursor.idx;
    if (i === null || i === undefined) {
      this.readout = '';
      return;
    }
    this.readout = `${this.labels[i]}: ${this.series.map((s) => `${s.label} ${compactKr(s.band.mean[i])}`).join(' · ')}`;
  }

  private draw(): void {
    const host = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!host) return;
    const width = Math.max(300, host.clientWidth || this.clientWidth || 600);
    const shape = JSON.stringify([this.labels, this.series.map((s) => [s.id, s.label, s.color]), this.yRange ?? null]);
    if (this.plot && shape === this.shape) {
      this.plot.setData(this.data());
      return;
    }
    this.plot?.destroy();
    this.shape = shape;
    this.plot = new uPlot(this.options(width), this.data(), host);
  }

  private fit(): void {
    const host = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!this.plot || !host) return;
    const width = Math.max(300, host.clientWidth);
    if (Math.abs(width - this.plot.width) > 2) this.plot.setSize({ width, height: this.plot.height });
  }

  override render() {
    return html`
      <div class="plot" role="img" aria-label=${this.heading}></div>
      <div class="readout" aria-hidden="true">${this.readout || nothing}</div>
      <ul class="legend" aria-label=${t('chart.legend')}>
        ${this.series.map(
          (s, i) =>
            html`<li><svg class="swatch" viewBox="0 0 28 8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4" stroke=${s.color} stroke-width="3" stroke-dasharray=${dash(i).join(' ') || 'none'}></line></svg>${s.label}</li>`,
        )}
      </ul>
    `;
  }
}
