/**
 * A minimal spreadsheet writer (Office Open XML, .xlsx): one worksheet per table, numbers as
 * numbers at full precision, text as inline strings, in a STORED zip (no compression library).
 * Opens in LibreOffice Calc and Excel. `readXlsx` reads back what `writeXlsx` writes.
 */
import { unzipStored, zipStored } from './zip.js';

export type CellValue = string | number | null;

export interface Sheet {
  name: string;
  rows: readonly (readonly CellValue[])[];
}

function escapeXml(text: string): string {
  // Control characters other than tab and newlines are not allowed in XML 1.0.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

/**
 * The column letters of a 0-based index.
 * @example columnName(27) // 'AB'
 */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function columnIndex(name: string): number {
  let n = 0;
  for (const ch of name) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook.
 * @example sheetNames(['Spending', 'Spending']) // ['Spending', 'Spending (2)']
 */
export function sheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw) => {
    const base = raw.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - ` (${i})`.length)} (${i})`;
    used.add(name.toLowerCase());
    return name;
  });
}

function cellXml(value: CellValue, ref: string): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '';
  if (typeof value === 'number') return `<c r="${ref}"><v>${String(value)}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

function sheetXml(sheet: Sheet): string {
  const rows = sheet.rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, `${columnName(c)}${r + 1}`)).join('')}</row>`);
  // The header row stays in view while scrolling.
  const freeze = '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${freeze}<sheetData>${rows.join('')}</sheetData></worksheet>`;
}

/**
 * An .xlsx file with one worksheet per sheet, in order.
 * @example writeXlsx([{ name: 'Spending', rows: [['payer', 'kr'], ['region', 1234.5]] }])
 */
export function writeXlsx(sheets: readonly Sheet[]): Uint8Array {
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  const names = sheetNames(sheets.map((s) => s.name));
  const encode = (text: string) => new TextEncoder().encode(text);
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const contentTypes = `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
    .map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('')}</Types>`;
  const rels = `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names
    .map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const workbookRels = `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map((_s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('')}</Relationships>`;
  return zipStored([
    { name: '[Content_Types].xml', data: encode(contentTypes) },
    { name: '_rels/.rels', data: encode(rels) },
    { name: 'xl/workbook.xml', data: encode(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: encode(workbookRels) },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: encode(sheetXml({ ...s, name: names[i] })) })),
  ]);
}

/**
 * The sheets of an .xlsx file written by `writeXlsx` (STORED zip, inline strings, numbers):
 * enough to check an export, not a general reader. Empty cells read as null.
 * @example readXlsx(writeXlsx(sheets))[0].rows[1][1] // 1234.5
 */
export function readXlsx(bytes: Uint8Array): Sheet[] {
  const files = unzipStored(bytes);
  const text = (name: string) => {
    const data = files.get(name);
    if (!data) throw new Error(`not a workbook: ${name} is missing`);
    return new TextDecoder().decode(data);
  };
  const targets = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)) targets.set(m[1], m[2]);
  const sheets: Sheet[] = [];
  for (const m of text('xl/workbook.xml').matchAll(/<sheet name="([^"]*)" sheetId="\d+" r:id="([^"]+)"\/>/g)) {
    const xml = text(`xl/${targets.get(m[2])}`);
    const rows: CellValue[][] = [];
    for (const row of xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/gs)) {
      const cells: CellValue[] = [];
      for (const c of row[2].matchAll(/<c r="([A-Z]+)\d+"( t="inlineStr")?>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g)) {
        const col = columnIndex(c[1]);
        while (cells.length < col) cells.push(null);
        cells[col] = c[2] ? unescapeXml(c[4] ?? '') : Number(c[3]);
      }
      rows[Number(row[1]) - 1] = cells;
    }
    sheets.push({ name: unescapeXml(m[1]), rows: Array.from(rows, (r) => r ?? []) });
  }
  return sheets;
}
