/**
 * Numbers and tables for people reading a terminal: thousands separators, units on every number,
 * right-aligned columns. Machine output (JSON, CSV) never goes through here.
 */

/**
 * A number with thousands separators and a fixed number of decimals.
 * @example formatNumber(1234567.891, 1) // '1,234,567.9'
 */
export function formatNumber(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return '–';
  const fixed = Math.abs(x).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  // "-0" after rounding reads as a loss that is not there.
  const negative = x < 0 && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Kronor, rounded to whole kronor.
 * @example formatKr(-1234567.4) // '-1,234,567 kr'
 */
export function formatKr(x: number): string {
  return `${formatNumber(x)} kr`;
}

/**
 * A share in [0,1] as a percentage.
 * @example formatShare(0.1234) // '12.3 %'
 */
export function formatShare(x: number): string {
  return `${formatNumber(100 * x, 1)} %`;
}

/**
 * A 95 % interval, or an empty string when it has no width (one replication, or no variation).
 * @example formatInterval(1, 3, (x) => formatNumber(x)) // '[1 – 3]'
 */
export function formatInterval(lower: number, upper: number, format: (x: number) => string): string {
  if (lower === upper) return '';
  return `[${format(lower)} – ${format(upper)}]`;
}

/**
 * A plain-text table: the first column left-aligned, the others right-aligned, two spaces apart.
 * @example console.log(formatTable(['provider', 'margin'], [['sjukhus', '-12 kr']]))
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/**
 * A section title underlined, for grouping tables.
 * @example formatHeading('Payer spending') // 'Payer spending\n══════════════'
 */
export function formatHeading(title: string): string {
  return `${title}\n${'═'.repeat(title.length)}`;
}
