/**
 * Results as files: CSV for spreadsheets (RFC 4180: a header row, CRLF line ends, fields quoted
 * only when they must be) and JSON with typed arrays written as plain arrays.
 */

function field(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  // String(x) is the shortest text that reads back as the same double: full precision, no separators.
  else if (typeof value === 'number') text = Number.isNaN(value) ? '' : String(value);
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as CSV; the columns are the union of the rows' keys in order of first appearance.
 * @example toCsv([{ metric: 'spendingKr', value: 1234567.5 }]) // 'metric,value\r\nspendingKr,1234567.5\r\n'
 */
export function toCsv(rows: object[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  if (columns.length === 0) return '';
  const lines = [columns.map(field).join(',')];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    lines.push(columns.map((c) => field(record[c])).join(','));
  }
  return lines.map((l) => `${l}\r\n`).join('');
}

/**
 * JSON of results: typed arrays become arrays (JSON.stringify would write them as objects keyed
 * "0", "1", …); NaN and infinities become null as usual.
 * @example toJson({ spendingKr: new Float64Array([1, 2]) }) // '{"spendingKr":[1,2]}'
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Float64Array) : v), indent);
}
