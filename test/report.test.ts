/**
 * Exports and the printable report: the CSV and the spreadsheet hold the metrics' numbers, the
 * spreadsheet reads back as written (and opens in LibreOffice when it is installed), and the
 * report names the scenario, every payment component, every incentive-table row and the sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeIncentives, behaviourPath } from '../src/behaviour/index.js';
import { main } from '../src/cli/main.js';
import { REPORT_TEXT, reportHtml, reportScenario } from '../src/report/html.js';
import { NEED_GROUP_NAMES_SV, REPORT_TEXT_SV } from '../src/report/text-sv.js';
import { NEED_GROUPS } from '../src/domain.js';
import type { ReportIncentives } from '../src/report/html.js';
import { dashboardTables, EXPORT_COLUMNS, tableCsv, tableSheets } from '../src/report/tables.js';
import { readXlsx, writeXlsx } from '../src/report/xlsx.js';
import { crc32, unzipStored, zipStored } from '../src/report/zip.js';
import type { Dashboard } from '../src/results/dashboard.js';
import { dashboardOf } from '../src/results/dashboard.js';
import { metricsOf } from '../src/results/summary.js';
import type { Metrics } from '../src/results/summary.js';
import { evaluateExpected, prepare, simulate } from '../src/run.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';

const FIXTURE = 'test/fixtures/minimal-scenario.json';

/** RFC 4180 CSV into rows of fields (quoted fields with commas, quotes and line ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') field += c;
  }
  return rows;
}

const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);

let scenario: Scenario;
let expected: Dashboard;
let micro: Dashboard;
let metrics: Metrics;
let incentives: ReportIncentives;

beforeAll(async () => {
  scenario = await loadScenarioFile(FIXTURE);
  const prepared = prepare(scenario);
  const behaviour = behaviourPath(prepared).behaviour;
  const ev = evaluateExpected(prepared, behaviour);
  metrics = metricsOf(prepared, ev);
  expected = dashboardOf(prepared, { expected: ev, replications: [], seed: scenario.simulation.seed });
  micro = dashboardOf(prepared, { expected: ev, replications: simulate(prepared, { behaviour }).replications, seed: scenario.simulation.seed });
  const analysis = analyzeIncentives(prepared, 0);
  incentives = { year: analysis.year, rows: analysis.incentives, gap: analysis.gap };
});

describe('zip (stored)', () => {
  it('computes the standard CRC-32 and reads back what it writes', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const entries = [
      { name: 'a.txt', data: new TextEncoder().encode('hello') },
      { name: 'dir/å.xml', data: new Uint8Array([0, 1, 2, 255]) },
    ];
    const back = unzipStored(zipStored(entries));
    expect([...back.keys()]).toEqual(['a.txt', 'dir/å.xml']);
    expect([...back.get('dir/å.xml')!]).toEqual([0, 1, 2, 255]);
  });
});

describe('CSV export of the results tables', () => {
  it('holds every table in long format with the metrics’ totals', () => {
    const tables = dashboardTables(expected);
    expect(tables.map((t) => t.id)).toEqual(['spending', 'margins', 'outcomes', 'money-flow', 'by-component', 'per-month', 'reconciliation']);
    for (const t of tables) {
      const rows = parseCsv(tableCsv(t));
      expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
      expect(rows.length - 1).toBe(t.rows.length);
    }
    const spending = parseCsv(tableCsv(tables[0]));
    for (const id of metrics.payerIds) {
      const row = spending.find((r) => r[2] === id && r[7] === 'spendingKr')!;
      // Full precision: the CSV number is the double the dashboard holds, which is the metrics' total.
      expect(Number(row[8])).toBeCloseTo(sum(metrics.spendingKr[id]), 6);
      expect(Number(row[8])).toBe(expected.spendingKr[id].mean);
    }
    const margins = parseCsv(tableCsv(tables[1]));
    for (const id of metrics.providerIds) {
      const row = margins.find((r) => r[2] === id && r[7] === 'marginKr')!;
      expect(Number(row[8])).toBeCloseTo(sum(metrics.marginKr[id]), 6);
    }
    const perMonth = parseCsv(tableCsv(tables[5])).filter((r) => r[7] === 'spendingKr' && r[2] === metrics.payerIds[0]);
    expect(perMonth.length).toBe(metrics.months);
    expect(perMonth.reduce((a, r) => a + Number(r[8]), 0)).toBeCloseTo(sum(metrics.spendingKr[metrics.payerIds[0]]), 4);
  });

  it('carries the 95 % interval and the number of replications of a microsimulation', () => {
    const spending = dashboardTables(micro)[0];
    expect(spending.rows.every((r) => r.engine === 'micro' && r.n === scenario.simulation.replications && r.lower <= r.mean && r.mean <= r.upper)).toBe(true);
  });
});

describe('spreadsheet export (.xlsx)', () => {
  it('reads back with one sheet per table and the same numbers as the CSV', () => {
    const tables = dashboardTables(micro);
    const sheets = readXlsx(writeXlsx(tableSheets(tables)));
    expect(sheets.map((s) => s.name)).toEqual(['Spending', 'Margins', 'Outcomes', 'Money flow', 'By component', 'Per month', 'Reconciliation']);
    for (const [i, t] of tables.entries()) {
      const csv = parseCsv(tableCsv(t));
      const sheet = sheets[i].rows;
      expect(sheet.length).toBe(csv.length);
      for (const [r, row] of csv.entries()) {
        for (const [c, text] of row.entries()) {
          const cell = sheet[r][c] ?? null;
          if (typeof cell === 'number') expect(cell).toBe(Number(text));
          else expect(cell ?? '').toBe(text);
        }
      }
    }
  });

  it('keeps text with markup characters and makes sheet names Excel accepts', () => {
    const sheets = readXlsx(writeXlsx([{ name: 'a/b: [c]', rows: [['Söder & <Norr> "x"', 1.5e-7, null, -0]] }, { name: 'a/b: [c]', rows: [[1]] }]));
    expect(sheets.map((s) => s.name)).toEqual(['a b   c', 'a b   c (2)']);
    expect(sheets[0].rows[0]).toEqual(['Söder & <Norr> "x"', 1.5e-7, null, 0]);
  });

  const office = ['libreoffice', 'soffice'].find((cmd) => {
    try {
      execFileSync('which', [cmd], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  it.skipIf(!office)(`opens in LibreOffice Calc with the same numbers${office ? '' : ' (skipped: LibreOffice is not installed; apt-get install libreoffice-calc to run it)'}`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reimburse-xlsx-'));
    const tables = dashboardTables(micro);
    await writeFile(join(dir, 'results.xlsx'), writeXlsx(tableSheets(tables)));
    // The first sheet; LibreOffice writes numbers as shown, so compare to a relative precision.
    execFileSync(office!, ['--headless', '--convert-to', 'csv', '--outdir', dir, join(dir, 'results.xlsx')], { stdio: 'ignore', timeout: 120_000, env: { ...process.env, HOME: dir } });
    expect(await readdir(dir)).toContain('results.csv');
    const rows = parseCsv(await readFile(join(dir, 'results.csv'), 'utf8'));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    const ours = parseCsv(tableCsv(tables[0]));
    expect(rows.length).toBe(ours.length);
    for (let r = 1; r < rows.length; r++) expect(Number(rows[r][8])).toBeCloseTo(Number(ours[r][8]), 0);
  });
});

describe('printable report', () => {
  const escaped = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

  it('names the scenario, every payment component, every incentive-table row and the sources', () => {
    const html = reportHtml({ scenario: reportScenario(scenario), dashboard: micro, incentives });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<h1>${escaped(scenario.title)}</h1>`);
    if (scenario.question) expect(html).toContain(escaped(scenario.question));
    for (const c of scenario.payment.components) expect(html).toContain(`data-component="${escaped(c.id)}"`);
    for (const id of micro.componentIds) expect(html).toContain(`data-component="${escaped(id)}"`);
    expect(incentives.rows.length).toBeGreaterThan(0);
    for (const r of incentives.rows) expect(html).toContain(`data-provider="${escaped(r.provider)}" data-group="${escaped(r.group)}"`);
    expect(html).toContain('The coordination gap');
    for (const s of scenario.sources) expect(html).toContain(escaped(s.citation));
    // Two charts, drawn as inline SVG: nothing to load, nothing to run.
    expect(html.match(/<svg xmlns/g)?.length).toBe(2);
    expect(html).not.toMatch(/<script|src="http/);
  });

  it('writes numbers in the report\'s language: a space between thousands and a decimal comma in Swedish', () => {
    const english = reportHtml({ scenario: reportScenario(scenario), dashboard: expected });
    const swedish = reportHtml({ scenario: reportScenario(scenario), dashboard: expected, text: { ...REPORT_TEXT, lang: 'sv' } });
    const spending = expected.spendingKr[expected.payerIds[0]].mean;
    const rounded = Math.round(spending);
    expect(english).toContain(`${rounded.toLocaleString('en-US')} kr`);
    expect(swedish).toContain(`${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }).format(rounded)} kr`);
    expect(swedish).not.toContain(`${rounded.toLocaleString('en-US')} kr`);
  });

  it('says so when the incentive analysis was not run', () => {
    const html = reportHtml({ scenario: reportScenario(scenario), dashboard: expected });
    expect(html).toContain('data-incentives="missing"');
    expect(html).toContain('expected values');
  });
});

describe('reimburse report', () => {
  const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };

  it('writes the report as a self-contained HTML file', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'reimburse-report-')), 'report.html');
    expect(await main(['report', FIXTURE, '--engine', 'expected', '--out', out, '--quiet'], quiet)).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain(`<h1>${escapedTitle()}</h1>`);
    expect(html).toContain('Incentives to coordinate (year 1)');
  });

  it('writes it in Swedish with --lang sv: its words, the need groups and the scenario\'s Swedish texts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reimburse-report-sv-'));
    const scenario = JSON.parse(await readFile(FIXTURE, 'utf8'));
    scenario.translations = { sv: { title: 'Svensk titel', question: 'Lönar det sig att samordna?' } };
    const file = join(dir, 'svensk.json');
    await writeFile(file, JSON.stringify(scenario));
    const out = join(dir, 'rapport.html');
    expect(await main(['report', file, '--engine', 'expected', '--lang', 'sv', '--out', out, '--quiet'], quiet)).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<h1>Svensk titel</h1>');
    expect(html).toContain('Lönar det sig att samordna?');
    expect(html).toContain(REPORT_TEXT_SV.incentivesYear.replace('{year}', '1'));
    for (const g of NEED_GROUPS) {
      expect(html).toContain(NEED_GROUP_NAMES_SV[g.id]);
      expect(html).not.toContain(g.label);
    }
    expect(await main(['report', file, '--lang', 'de'], quiet)).toBe(2);
  });

  it("names a model's components in Swedish in the Swedish report", async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'reimburse-report-sv-')), 'rapport.html');
    expect(await main(['report', 'scenarios/aktiv-halsostyrning.json', '--engine', 'expected', '--no-incentives', '--lang', 'sv', '--out', out, '--quiet'], quiet)).toBe(0);
    const design = /<section id="design"[^]*?<\/section>/.exec(await readFile(out, 'utf8'))![0];
    expect(design).toContain('DRG-pris per vårdtillfälle');
    expect(design).toContain('Ersättning per besök på vårdcentral');
    expect(design).not.toContain('DRG price per admission');
  });

  it('explains that --pdf needs Chromium when there is none', async () => {
    const previous = process.env.REIMBURSE_CHROMIUM;
    process.env.REIMBURSE_CHROMIUM = '/nonexistent/chromium';
    let stderr = '';
    try {
      const code = await main(['report', FIXTURE, '--engine', 'expected', '--no-incentives', '--pdf', '--out', join(tmpdir(), 'never.pdf')], { stdout: quiet.stdout, stderr: { write: (t: string) => (stderr += t) } });
      expect(code).toBe(1);
    } finally {
      if (previous === undefined) delete process.env.REIMBURSE_CHROMIUM;
      else process.env.REIMBURSE_CHROMIUM = previous;
    }
    expect(stderr).toMatch(/--pdf needs Chromium, and \/nonexistent\/chromium does not exist/);
  });

  it.skipIf(!existsSync('/usr/bin/chromium'))('renders the report to a PDF of several pages with --pdf', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'reimburse-report-')), 'report.pdf');
    expect(await main(['report', FIXTURE, '--engine', 'expected', '--pdf', '--out', out, '--quiet'], quiet)).toBe(0);
    const pdf = await readFile(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length).toBeGreaterThanOrEqual(2);
  });
});

function escapedTitle(): string {
  return scenario.title.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}
