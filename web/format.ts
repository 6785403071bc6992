/**
 * Numbers as people read them, with their unit on every number, in the app's language:
 * 'en-GB' (1,234.5) or 'sv-SE' (1 234,5). Kronor are 'kr' in both.
 */
import type { Stat } from '../src/results/dashboard.js';
import { intlLocale, t } from './i18n/index.js';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A number with thousands separators and a fixed number of decimals, for the current locale.
 * @example formatNumber(1234567.891, 1) // '1,234,567.9' (English), '1 234 567,9' (Swedish)
 */
export function formatNumber(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return '–';
  const tag = intlLocale();
  const key = `${tag}/${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(tag, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(key, f);
  }
  // "-0" after rounding reads as a loss that is not there.
  return f.format(Number(x.toFixed(decimals)) === 0 ? 0 : x);
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
 * Kronor in thousands or millions, for axes and tight cells.
 * @example compactKr(12_345_678) // '12.3 M kr' (English), '12,3 mnkr' (Swedish)
 */
export function compactKr(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1e9) return t('unit.billionKr', { n: formatNumber(x / 1e9, 2) });
  if (a >= 1e6) return t('unit.millionKr', { n: formatNumber(x / 1e6, a >= 1e8 ? 0 : 1) });
  if (a >= 1e4) return t('unit.thousandKr', { n: formatNumber(x / 1e3, 0) });
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
  readonly label: string;
}

export const UNITS = {
  kr: { format: formatKr, get label() {
      return 'kr';
    } },
  share: { format: formatShare, get label() {
      return '%';
    } },
  perThousand: { format: (x: number) => t('unit.perThousandValue', { n: formatNumber(x, 1) }), get label() {
      return t('unit.perThousand');
    } },
  daysPerYear: { format: (x: number) => t('unit.daysValue', { n: formatNumber(x, 1) }), get label() {
      return t('unit.daysPerYear');
    } },
  personYears: { format: (x: number) => t('unit.personYearsValue', { n: formatNumber(x, 0) }), get label() {
      return t('unit.personYears');
    } },
  index: { format: (x: number) => formatNumber(x, 3), get label() {
      return '0–1';
    } },
} satisfies Record<string, Unit>;

/**
 * The 95 % interval of a stat, or '' when it has none (expected values, or one replication).
 * @example intervalText({ mean: 2, lower: 1, upper: 3, n: 10 }, formatKr) // '1 kr – 3 kr'
 */
export function intervalText(stat: Stat, format: (x: number) => string): string {
  if (stat.n < 2 || stat.lower === stat.upper || !Number.isFinite(stat.lower)) return '';
  const lower = format(stat.lower);
  const upper = format(stat.upper);
  // An interval narrower than the rounding ('1.80 bn – 1.80 bn') says its width instead.
  if (lower === upper) return `± ${format((stat.upper - stat.lower) / 2).replace(/^[+]/, '')}`;
  return `${lower} – ${upper}`;
}

/**
 * Month 'YYYY-MM' in the current language.
 * @example monthName('2026-01') // 'Jan 2026' (English), 'jan. 2026' (Swedish)
 */
export function monthName(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  if (!Number.isInteger(y) || !Number.isInteger(m) || m < 1 || m > 12) return `? ${y}`;
  return new Intl.DateTimeFormat(intlLocale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

/**
 * A date and time in the current language.
 * @example formatDateTime(Date.now()) // '24 Nov 2026, 09:47'
 */
export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** Sentences that tell a developer what to type (a command, a source path) mean nothing in the app. */
const DEVELOPER_TEXT = /`[^`]*`|\b[\w-]+\.json\b|\bnpm (start|run|test)\b|\bsrc\/|\breimburse (run|compare|incentives|validate|report|calibrate|tornado|sweep|psa|explain|models|kinds)\b/;

/**
 * A scenario's note for readers of the app: the sentences that name commands or source files
 * (written for the command line) left out; undefined when nothing is left.
 * @example forApp('Run `reimburse compare` on it. Coordination rises.') // 'Coordination rises.'
 */
export function forApp(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const sentences = text.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [text];
  const kept = sentences.map((s) => s.trim()).filter((s) => s !== '' && !DEVELOPER_TEXT.test(s));
  return kept.length > 0 ? kept.join(' ') : undefined;
}

/**
 * A help text written for a file's author, for the page: code quotes (`places`) read as words.
 * @example plainHelp('The nursing home paid (it must have `places`)') // 'The nursing home paid (it must have places)'
 */
export function plainHelp(text: string): string;
export function plainHelp(text: string | undefined): string | undefined;
export function plainHelp(text: string | undefined): string | undefined {
  return text?.replace(/`([^`]*)`/g, '$1');
}
