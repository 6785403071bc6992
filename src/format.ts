/**
 * Numbers and tables for people reading a terminal: thousands separators, units on every number,
 * right-aligned columns; and user text made safe to show (control characters escaped, long text
 * shortened). Machine output (JSON, CSV) never goes through here.
 */
import { MAX_KEPT_PROBLEMS, MAX_PRINTED_PROBLEMS, MAX_SHOWN_TEXT } from './limits.js';
import { english, type Message } from './messages/index.js';
import type { Issue } from './scenario/issues.js';

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

// ---------------------------------------------------------------------------
// User text on a terminal

/**
 * Characters that a terminal acts on instead of showing: C0 and C1 controls (ESC starts ANSI
 * sequences, CR and LF can forge lines), DEL, and the bidirectional overrides that reorder text.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/**
 * Text with every control character written out visibly (`\n`, `\e`, `\u0007`), so nothing read
 * from a file can move the cursor, colour the terminal or start a line of its own.
 * @example escapeControl('a\u001b[31mb\nc') // 'a\\e[31mb\\nc'
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * User text as shown on a terminal: control characters escaped, and text longer than `max`
 * shortened to its first `max` characters and its length. The one function every CLI output of
 * user text goes through (directly, or through `terminalIssue` and `terminalLine`).
 * @example shown('x'.repeat(60000)) // 'xxxx…xxxx… (60,000 characters)' (80 x's)
 */
export function shown(text: string, max: number = MAX_SHOWN_TEXT): string {
  if (text.length <= max) return escapeControl(text);
  return `${escapeControl(text.slice(0, max))}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** Longest path shown; its keys are already shortened (keyPath), so only a deep path is cut. */
const MAX_PATH = 400;

/** Longest line of output about one problem, after its user text is shortened. */
const MAX_LINE = 2_000;

/**
 * A line of output for a terminal: control characters escaped and the line bounded.
 * @example terminalLine('bad\nline') // 'bad\\nline'
 */
export function terminalLine(text: string): string {
  return shown(text, MAX_LINE);
}

/**
 * A table or report for a terminal: its lines kept, every other control character in it (from
 * names and titles in the file) written out visibly.
 * @example terminalText('Title\u001b[2J\nrow') // 'Title\\e[2J\nrow'
 */
export function terminalText(text: string): string {
  return text.split('\n').map(escapeControl).join('\n');
}

/** Most items of a list parameter shown in a message (known ids, allowed values). */
const LIST_SHOWN = 20;

function shortenParam(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_SHOWN_TEXT ? `${value.slice(0, MAX_SHOWN_TEXT)}… (${value.length.toLocaleString('en-US')} characters)` : value;
  if (Array.isArray(value)) {
    const head = value.slice(0, LIST_SHOWN).map(shortenParam);
    return value.length > LIST_SHOWN ? [...head, `… ${value.length - LIST_SHOWN} more`] : head;
  }
  if (typeof value === 'object' && value !== null && 'code' in value && 'params' in value) return shortenMessage(value as Message);
  return value;
}

/** A message with each piece of user text in its parameters shortened (long keys, values, lists). */
function shortenMessage(message: Message): Message {
  return { code: message.code, params: Object.fromEntries(Object.entries(message.params).map(([k, v]) => [k, shortenParam(v)])) };
}

/**
 * One problem as a terminal line: its path and user text shortened, control characters escaped.
 * @example terminalIssue({ path: 'x', message: 'bad\u001b[2J' }) // 'x: bad\\e[2J'
 */
export function terminalIssue(issue: Issue): string {
  const message = issue.detail === undefined ? issue.message : english(shortenMessage(issue.detail));
  return terminalLine(issue.path === '' ? message : `${shown(issue.path, MAX_PATH)}: ${message}`);
}

/**
 * The lines listing a file's problems: at most MAX_PRINTED_PROBLEMS unless `all`, then how many
 * more there are; every problem is counted (`count`, when a huge file's were not all kept).
 * @example problemLines('a.json', issues, false) // ['a.json: 3 problems:', '  x: …', …]
 */
export function problemLines(source: string, issues: readonly Issue[], all: boolean, count: number = issues.length): string[] {
  const name = shown(source, 2 * MAX_SHOWN_TEXT);
  if (issues.length === 1 && count === 1) return [`${name}: ${terminalIssue(issues[0])}`];
  const listed = all ? issues : issues.slice(0, MAX_PRINTED_PROBLEMS);
  const lines = [`${name}: ${count.toLocaleString('en-US')} problems:`, ...listed.map((i) => `  ${terminalIssue(i)}`)];
  const more = count - listed.length;
  if (more > 0 && listed.length < issues.length) lines.push(`  … and ${more.toLocaleString('en-US')} more (--all lists every one; --format json gives them all)`);
  else if (more > 0) lines.push(`  … and ${more.toLocaleString('en-US')} more, not kept (a file's first ${MAX_KEPT_PROBLEMS.toLocaleString('en-US')} problems are)`);
  return lines;
}
