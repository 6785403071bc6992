/**
 * Exports from the results view, read back from the files the browser saved: each table as CSV
 * and every table in one spreadsheet hold the numbers on screen, each chart saves as a PNG, and
 * the printable report opens in a tab and prints to a PDF of several pages.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESULT_TABLES } from '../../src/report/table-ids.js';
import { EXPORT_COLUMNS } from '../../src/report/tables.js';
import { readXlsx } from '../../src/report/xlsx.js';
import { useBrowser, screenshot, SCREENSHOTS, shareCode } from './support/browser.js';
import { FIXTURE } from './support/core.js';

const b = useBrowser();
let json: Record<string, unknown>;

beforeAll(async () => {
  json = JSON.parse(await readFile(FIXTURE, 'utf8'));
  const { page, url } = b;
  // The incentive analysis kept up to date (inc=1), so the report can include it.
  await page.goto(`${url}#/results?inc=1&s=${await shareCode(page, json)}`);
  await page.locator('[data-engine="expected"] [data-metric="spendingKr"]').first().waitFor({ timeout: 60_000 });
  // The incentive table, once computed, appears above the export buttons and moves them down: wait
  // for it, so that no click aims at where a button was a moment before.
  await page.locator('rb-incentives table').first().waitFor({ timeout: 120_000 });
});

/** Click an export button and wait for the file the browser saves. */
async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  let file: Download;
  try {
    [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator(selector).click()]);
  } catch (error) {
    // Say what the export line reported, so a failure names its cause rather than only the wait.
    const status = await page.locator('rb-export [role="status"]').first().textContent({ timeout: 1000 }).catch(() => null);
    throw new Error(`no download after clicking ${selector}; the export said: ${status?.trim() || '(nothing)'}`, { cause: error });
  }
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

/** Comma-separated fields of a CSV line (the exported fields hold no quotes or commas but names may). */
function csvRows(text: string): string[][] {
  return text
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((f) => f.replace(/,$/, '').replace(/^"(.*)"$/s, '$1').replaceAll('""', '"')));
}

/** What the screen shows for a payer's spending: the exact mean (data-value) and the visible text. */
async function shownSpending(page: Page, payer: string): Promise<{ value: number; text: string }> {
  const card = page.locator(`[data-metric="spendingKr"][data-entity="${payer}"]`).first();
  return { value: Number(await card.getAttribute('data-value')), text: (await card.locator('.figure-value').textContent()) ?? '' };
}

function hasCommand(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const digits = (text: string) => text.replace(/\D/g, '');

describe('export', () => {
  it('saves each results table as CSV holding the numbers on screen', async () => {
    const { page } = b;
    await page.locator('rb-export').scrollIntoViewIfNeeded();
    await screenshot(page, '20-export-buttons');
    const spending = await shownSpending(page, 'region');
    // A design without shared savings or target prices has no reconciliation to save.
    expect(await page.locator('rb-export button[data-table="reconciliation"]').count()).toBe(0);
    for (const t of RESULT_TABLES.filter((x) => x.id !== 'reconciliation')) {
      const { name, bytes } = await download(page, `rb-export button[data-export="csv"][data-table="${t.id}"]`);
      expect(name).toBe(`${json.id}-${t.id}.csv`);
      const rows = csvRows(bytes.toString('utf8'));
      expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
      expect(rows.length).toBeGreaterThan(1);
      if (t.id === 'spending') {
        const region = rows.find((r) => r[2] === 'region' && r[7] === 'spendingKr')!;
        expect(Number(region[8])).toBe(spending.value);
        // The rounded kronor on screen are the file's number rounded.
        expect(digits(spending.text)).toBe(String(Math.round(Number(region[8]))));
      }
    }
  });

  it('saves a CSV for Excel in Swedish when the page is in Swedish: semicolons, decimal comma, öre, words not ids', async () => {
    const { page } = b;
    const spending = await shownSpending(page, 'region');
    await page.getByLabel('Language').selectOption('sv');
    try {
      const { bytes } = await download(page, 'rb-export button[data-export="csv"][data-table="spending"]');
      const text = bytes.toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const lines = text.slice(1).split('\r\n').filter((l) => l !== '');
      expect(lines[0]).toBe('Scenario;Beräknat som;Betalare, vårdgivare eller befolkning;Behovsgrupp;CNI-band;Period;Mått;Medelvärde;Nedre 95 %-gräns;Övre 95 %-gräns;Replikeringar');
      const region = lines.map((l) => l.split(';')).find((f) => f[2] === 'Region')!;
      expect(region.slice(0, 7)).toEqual([String(json.title), 'Väntevärde', 'Region', 'Alla', 'Alla', 'Hela körningen', 'Betalar ut (kr)']);
      expect(region[7]).toBe(String(Number(spending.value.toFixed(2))).replace('.', ','));
      expect(text).not.toMatch(/spendingKr|region;/);
      // The margins table: costs named in Swedish, amounts to the öre at most.
      const margins = (await download(page, 'rb-export button[data-export="csv"][data-table="by-component"]')).bytes.toString('utf8');
      expect(margins).toContain('Kostnad för insatser (kr)');
      for (const line of margins.split('\r\n').slice(1).filter((l) => l !== '')) expect(line.split(';')[7]).toMatch(/^-?\d+(,\d{1,2})?$/);
    } finally {
      await page.getByLabel('Språk').selectOption('en');
    }
  });

  it('saves a spreadsheet with a sheet per table and the same numbers as the screen and the CSV', async () => {
    const { page } = b;
    const { name, bytes } = await download(page, 'rb-export button[data-export="xlsx"]');
    expect(name).toBe(`${json.id}-results.xlsx`);
    const sheets = readXlsx(new Uint8Array(bytes));
    expect(sheets.length).toBe(RESULT_TABLES.length);
    const csv = csvRows((await download(page, 'rb-export button[data-export="csv"][data-table="margins"]')).bytes.toString('utf8'));
    const margins = sheets[1].rows;
    expect(margins.length).toBe(csv.length);
    for (let r = 1; r < csv.length; r++) expect(margins[r][8]).toBe(Number(csv[r][8]));
    const spending = sheets[0].rows.find((r) => r[2] === 'region' && r[7] === 'spendingKr')!;
    expect(spending[8]).toBe((await shownSpending(page, 'region')).value);
    const marginCell = page.locator('[data-metric="marginKr"][data-entity="sjukhus"]').first();
    expect(margins.find((r) => r[2] === 'sjukhus' && r[7] === 'marginKr')![8]).toBe(Number(await marginCell.getAttribute('data-value')));
  });

  it('saves each chart as a PNG', async () => {
    const { page } = b;
    const buttons = page.locator('rb-export button[data-export="png"]');
    expect(await buttons.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      const { name, bytes } = await download(page, `rb-export button[data-export="png"] >> nth=${i}`);
      expect(name).toMatch(/\.png$/);
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const width = bytes.readUInt32BE(16);
      const height = bytes.readUInt32BE(20);
      expect(width).toBeGreaterThan(300);
      expect(height).toBeGreaterThan(200);
      await writeFile(join(SCREENSHOTS, `24-chart-export-${i + 1}.png`), bytes);
    }
  });

  it('opens the printable report and prints it to a PDF of several pages', async () => {
    const { page, context } = b;
    const [tab] = await Promise.all([context.waitForEvent('page', { timeout: 30_000 }), page.locator('rb-export button[data-export="report"]').click()]);
    await tab.waitForURL(/^blob:/, { timeout: 30_000 });
    await tab.waitForLoadState('load');
    const title = String(json.title);
    expect(await tab.locator('h1').textContent()).toBe(title);
    expect(await tab.locator('[data-component]').count()).toBeGreaterThanOrEqual((json.payment as { components: unknown[] }).components.length);
    expect(await tab.locator('#incentives tr[data-provider]').count()).toBeGreaterThan(0);
    expect(await tab.locator('#sources li').count()).toBe((json.sources as unknown[]).length);
    // The report's spending figure is the screen's.
    const shown = await shownSpending(page, 'region');
    expect(digits((await tab.locator('#figures tr[data-entity="region"] td').first().textContent()) ?? '')).toBe(digits(shown.text));
    await tab.bringToFront();
    await tab.setViewportSize({ width: 1000, height: 1300 });
    await tab.screenshot({ path: join(SCREENSHOTS, '21-report.png'), fullPage: false });
    await tab.locator('#incentives').screenshot({ path: join(SCREENSHOTS, '22-report-incentives.png') });
    await tab.emulateMedia({ media: 'print' });
    await tab.screenshot({ path: join(SCREENSHOTS, '23-report-print.png'), fullPage: true });
    const pdf = Buffer.from(await tab.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text.match(/\/Type\s*\/Page(?!s)/g)?.length).toBeGreaterThanOrEqual(2);
    // Chromium puts the document's <title> in the PDF's metadata as UTF-16 hex.
    const hex = /\/Title\s*<FEFF([0-9A-F]+)>/i.exec(text)?.[1] ?? '';
    const metadataTitle = String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
    expect(metadataTitle).toContain(title);
    // The text itself, where poppler's pdftotext is installed (it is not needed otherwise).
    if (hasCommand('pdftotext')) {
      const file = join(SCREENSHOTS, '..', 'report.pdf');
      await writeFile(file, pdf);
      expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(title);
    }
    await tab.close();
  });
});
