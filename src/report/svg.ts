/**
 * A line chart as inline SVG text (no DOM): one line per series with its 95 % band, a zero line
 * and a legend. For the self-contained HTML report, which must print without scripts.
 */

export interface SvgSeries {
  label: string;
  color: string;
  mean: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

export interface SvgChart {
  title: string;
  labels: readonly string[];
  series: readonly SvgSeries[];
  width?: number;
  height?: number;
}

/** Colours for series, the web app's palette (Okabe–Ito, darkened). */
/** Dash patterns by series, so lines differ by more than colour (as in the app's charts). */
export const SERIES_DASHES = ['', '10 5', '2 4', '12 4 2 4', '6 3', '2 2 8 2'];

export const SERIES_COLOURS = ['#0b6bb0', '#c55a00', '#12806a', '#b8446f', '#6a51a3', '#8c6d00', '#3f4a56', '#d0343a', '#2a9fd6', '#7a9a01'];

function escapeText(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

/**
 * Kronor in thousands or millions, for an axis.
 * @example axisKr(12_345_678) // '12 M'
 */
export function axisKr(x: number): string {
  const a = Math.abs(x);
  const fixed = (v: number, digits: number) => v.toFixed(digits).replace(/\.0$/, '');
  if (a >= 1e9) return `${fixed(x / 1e9, a >= 1e10 ? 0 : 1)} G`;
  if (a >= 1e6) return `${fixed(x / 1e6, a >= 1e7 ? 0 : 1)} M`;
  if (a >= 1e3) return `${fixed(x / 1e3, a >= 1e4 ? 0 : 1)} k`;
  return x.toFixed(0);
}

/** A round distance between grid lines (1, 2 or 5 × a power of ten) giving about `count` lines. */
function gridStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / count || Math.abs(hi) / count || 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

/**
 * The chart as an `<svg>` element's text, `role="img"` with the title as its name.
 * @example lineChartSvg({ title: 'Spending', labels: ['2025', '2026'], series: [{ label: 'Region', color: '#0b6bb0', mean, lower, upper }] })
 */
export function lineChartSvg(chart: SvgChart): string {
  const width = chart.width ?? 720;
  const height = chart.height ?? 260;
  const left = 64;
  const right = 30;
  const top = 10;
  const bottom = 28;
  const n = chart.labels.length;
  const values = chart.series.flatMap((s) => [...Array.from(s.lower), ...Array.from(s.upper), ...Array.from(s.mean)]).filter(Number.isFinite);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  // Grid lines at round numbers, and the axis from one below the lowest value to one above the highest.
  const step = gridStep(lo, hi, 5);
  const y0 = Math.floor(lo / step) * step;
  const y1 = Math.max(Math.ceil(hi / step) * step, y0 + step);
  const x = (i: number) => left + (n <= 1 ? 0 : (i * (width - left - right)) / (n - 1));
  const y = (v: number) => top + ((y1 - v) * (height - top - bottom)) / (y1 - y0);
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  for (let k = 0; y0 + k * step <= y1 + step * 1e-9; k++) {
    const t = Math.abs(y0 + k * step) < step * 1e-9 ? 0 : y0 + k * step;
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${f(y(t))}" y2="${f(y(t))}" stroke="${t === 0 ? '#5b6675' : '#e3e7ec'}" stroke-width="${t === 0 ? 1.5 : 1}"/>`);
    parts.push(`<text x="${left - 6}" y="${f(y(t) + 4)}" text-anchor="end">${escapeText(axisKr(t))}</text>`);
  }
  const every = Math.max(1, Math.ceil(n / Math.floor((width - left - right) / 70)));
  for (let i = 0; i < n; i += every) parts.push(`<text x="${f(x(i))}" y="${height - 8}" text-anchor="middle">${escapeText(chart.labels[i])}</text>`);
  for (const [k, s] of chart.series.entries()) {
    const idx = [...Array(n).keys()].filter((i) => Number.isFinite(s.mean[i]));
    const banded = idx.some((i) => s.upper[i] !== s.lower[i]);
    if (banded) {
      const points = [...idx.map((i) => `${f(x(i))},${f(y(s.upper[i]))}`), ...idx.reverse().map((i) => `${f(x(i))},${f(y(s.lower[i]))}`)];
      idx.reverse();
      parts.push(`<polygon points="${points.join(' ')}" fill="${s.color}" fill-opacity="0.18" stroke="none"/>`);
    }
    parts.push(`<polyline points="${idx.map((i) => `${f(x(i))},${f(y(s.mean[i]))}`).join(' ')}" fill="none" stroke="${s.color}" stroke-width="2.2"${SERIES_DASHES[k % SERIES_DASHES.length] ? ` stroke-dasharray="${SERIES_DASHES[k % SERIES_DASHES.length]}"` : ''}/>`);
  }
  const legend = chart.series
    .map((s, k) => {
      const d = SERIES_DASHES[k % SERIES_DASHES.length];
      return `<li><svg class="swatch" viewBox="0 0 28 8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4" stroke="${s.color}" stroke-width="3"${d ? ` stroke-dasharray="${d}"` : ''}/></svg>${escapeText(s.label)}</li>`;
    })
    .join('');
  return `<figure class="chart"><figcaption>${escapeText(chart.title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeText(chart.title)}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" fill="#3f4a56">${parts.join('')}</svg><ul class="legend">${legend}</ul></figure>`;
}
