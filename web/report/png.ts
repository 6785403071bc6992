/**
 * A chart as a PNG: uPlot's canvas on white, under the chart's heading and above its legend
 * (which uPlot leaves to the page), at the screen's pixel density.
 */
import type { RbTimeChart } from '../components/rb-time-chart/index.js';
import { dash } from '../styles/shared.js';

/**
 * The PNG of a drawn time chart; rejects when the chart has not drawn yet.
 * @example downloadBlob('spending.png', await chartPng(chart))
 */
export async function chartPng(chart: RbTimeChart): Promise<Blob> {
  const plot = chart.shadowRoot?.querySelector('canvas');
  if (!plot || plot.width === 0) throw new Error('the chart has not been drawn yet');
  const scale = plot.width / Math.max(1, plot.clientWidth || plot.width);
  const pad = 12 * scale;
  const line = 22 * scale;
  const font = (px: number, weight = 400) => `${weight} ${px * scale}px "DejaVu Sans", "Segoe UI", Arial, sans-serif`;
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to draw the PNG on');
  // The legend wraps: measure it before sizing the image.
  ctx.font = font(13);
  const rows: { label: string; color: string; x: number; dash: number[] }[][] = [[]];
  let x = pad;
  for (const [i, s] of chart.series.entries()) {
    const w = line + ctx.measureText(s.label).width + pad * 1.5;
    if (x + w > plot.width - pad && rows.at(-1)!.length > 0) {
      rows.push([]);
      x = pad;
    }
    rows.at(-1)!.push({ label: s.label, color: s.color, x, dash: dash(i).map((d) => d * scale) });
    x += w;
  }
  const titleHeight = 34 * scale;
  out.width = plot.width;
  out.height = titleHeight + plot.height + rows.length * line + pad;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#1d2733';
  ctx.font = font(15, 600);
  ctx.textBaseline = 'middle';
  ctx.fillText(chart.heading, pad, titleHeight / 2);
  ctx.drawImage(plot, 0, titleHeight);
  ctx.font = font(13);
  rows.forEach((row, r) => {
    const y = titleHeight + plot.height + r * line + line / 2 + pad / 2;
    for (const item of row) {
      ctx.strokeStyle = item.color;
      ctx.lineWidth = 3 * scale;
      ctx.setLineDash(item.dash);
      ctx.beginPath();
      ctx.moveTo(item.x, y);
      ctx.lineTo(item.x + 14 * scale, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#1d2733';
      ctx.fillText(item.label, item.x + 18 * scale, y);
    }
  });
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}
