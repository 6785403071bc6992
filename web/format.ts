/**
 * Numbers as people read them, with their unit on every number. Whole-kronor amounts use the
 * CLI's formatting, so a number on screen reads exactly as in `reimburse run`.
 */
import { formatKr, formatNumber, formatShare } from '../src/cli/format.js';
import type { Stat } from '../src/results/dashboard.js';

export { formatKr, formatNumber, formatShare };

/**
 * Kronor in thousands or millions, for axes and tight cells.
 * @example compactKr(12_345_678) // '12.3 M kr'
 */
export function compactKr(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1e9) return `${formatNumber(x / 1e9, 2)} bn kr`;
  if (a >= 1e6) return `${formatNumber(x / 1e6, a >= 1e8 ? 0 : 1)} M kr`;
  if (a >= 1e4) return `${formatNumber(x / 1e3, 0)} k kr`;
  return formatKr(x);
}

/** A signed amount: '+1,234 kr', '-1,234 kr'. */
export function signedKr(x: number): string {
  return `${x > 0 ? '+' : ''}${formatKr(x)}`;
}

/** How to show one kind of number, with its unit. */
export interface Unit {
  format: (x: number) => string;
  /** The unit as a column heading says it. */
  label: string;
}

export const UNITS = {
  kr: { format: formatKr, label: 'kr' },
  share: { format: formatShare, label: '%' },
  perThousand: { format: (x: number) => `${formatNumber(x, 1)} /1,000 py`, label: 'per 1,000 person-years' },
  daysPerYear: { format: (x: number) => `${formatNumber(x, 1)} days`, label: 'days per person-year' },
  personYears: { format: (x: number) => `${formatNumber(x, 0)} py`, label: 'person-years' },
  index: { format: (x: number) => formatNumber(x, 3), label: '0–1' },
} satisfies Record<string, Unit>;

/**
 * The 95 % interval of a stat, or '' when it has none (expected values, or one replication).
 * @example intervalText({ mean: 2, lower: 1, upper: 3, n: 10 }, formatKr) // '95 % interval 1 kr – 3 kr'
 */
export function intervalText(stat: Stat, format: (x: number) => string): string {
  if (stat.n < 2 || stat.lower === stat.upper || !Number.isFinite(stat.lower)) return '';
  return `${format(stat.lower)} – ${format(stat.upper)}`;
}

/** Month 'YYYY-MM' as 'Jan 2026'. */
export function monthName(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1] ?? '?'} ${y}`;
}
