/**
 * Results as files: CSV for spreadsheets (RFC 4180: a header row, CRLF line ends, fields quoted
 * only when they must be) and JSON with typed arrays written as plain arrays.
 */

/**
 * How a CSV is written. The default is RFC 4180 with full-precision numbers (what the CLI writes
 * and scripts read back); `SWEDISH_CSV` is what Excel in Swedish opens as columns of numbers.
 */
export interface CsvFormat {
  separator: ',' | ';';
  /** Write 1234,5 rather than 1234.5. */
  decimalComma: boolean;
  /** Decimals to round a column's numbers to (undefined: full precision). */
  decimals?: (column: string) => number | undefined;
  /** Start with a byte-order mark, so Excel reads the file as UTF-8 (å, ä, ö). */
  bom: boolean;
}

/** RFC 4180, ',' between fields, full precision: the English CSV, as it always was. */
export const ENGLISH_CSV: CsvFormat = { separator: ',', decimalComma: false, bom: false };

/**
 * For Excel set to Swedish: ';' between fields, decimal comma, a byte-order mark; numbers rounded
 * to `decimals` (kronor to öre: 2).
 * @example toCsv(rows, swedishCsv((column) => (column.endsWith('(kr)') ? 2 : 4)))
 */
export function swedishCsv(decimals: (column: string) => number | undefined): CsvFormat {
  return { separator: ';', decimalComma: true, decimals, bom: true };
}

function field(value: unknown, column: string, format: CsvFormat): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') {
    const places = format.decimals?.(column);
    // String(x) is the shortest text that reads back as the same double: full precision, no separators.
    const rounded = places === undefined || !Number.isFinite(value) ? value : Number(value.toFixed(places));
    text = Number.isNaN(rounded) ? '' : String(Object.is(rounded, -0) ? 0 : rounded);
    if (format.decimalComma) text = text.replace('.', ',');
  } else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  const special = format.separator === ';' ? /[";\r\n]/ : /[",\r\n]/;
  return special.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as CSV; the columns are the union of the rows' keys in order of first appearance.
 * @example toCsv([{ metric: 'spendingKr', value: 1234567.5 }]) // 'metric,value\r\nspendingKr,1234567.5\r\n'
 */
export function toCsv(rows: object[], format: CsvFormat = ENGLISH_CSV): string {
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
  const lines = [columns.map((c) => field(c, c, { ...format, decimals: undefined })).join(format.separator)];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    lines.push(columns.map((c) => field(record[c], c, format)).join(format.separator));
  }
  return (format.bom ? '\uFEFF' : '') + lines.map((l) => `${l}\r\n`).join('');
}

/**
 * JSON of results: typed arrays become arrays (JSON.stringify would write them as objects keyed
 * "0", "1", …); NaN and infinities become null as usual.
 * @example toJson({ spendingKr: new Float64Array([1, 2]) }) // '{"spendingKr":[1,2]}'
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Float64Array) : v), indent);
}
