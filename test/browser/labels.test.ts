/**
 * No internal ids in the compare view and its waterfall: components are named from their model's
 * label, their kind and their services' names, told apart by whom they pay, in English and in
 * Swedish, at 1024×768 and 1440×900. The teaching scenarios have two weighted capitations (one per
 * centre), fees per service and a DRG price; the fixture has hand-written components without labels.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SERVICE_IDS } from '../../src/domain.js';
import { pickTwo, saveEach, useBrowser } from './support/browser.js';
import { FIXTURE } from './support/core.js';

const b = useBrowser();

type Row = Record<string, unknown>;

/** The ids a reader must never see: the scenarios' components (and expanded ones), services, payers, providers and pools written as camelCase or kebab-case. */
async function idsOf(files: string[]): Promise<string[]> {
  const ids = new Set<string>(SERVICE_IDS);
  for (const file of files) {
    const json = JSON.parse(await readFile(file, 'utf8')) as Row;
    for (const key of ['payers', 'providers', 'pools']) for (const p of (json[key] ?? []) as Row[]) ids.add(String(p.id));
    for (const c of (json.payment as { components: Row[] }).components) ids.add(String(c.id));
  }
  return [...ids].filter((id) => /[a-z][A-Z]|-/.test(id));
}

/** Every label of the comparison: the differences table's rows and columns, each waterfall's figures and bars, for every figure. */
async function labels(page: Page): Promise<string[]> {
  const out: string[] = [];
  out.push(...(await page.locator('rb-compare table.diff th, rb-compare table.diff td:first-child').allTextContents()));
  out.push(...(await page.locator('rb-compare .columns h3, rb-compare rb-time-chart').allTextContents()));
  const waterfalls = page.locator('rb-waterfall');
  for (let w = 0; w < (await waterfalls.count()); w++) {
    const select = waterfalls.nth(w).locator('select');
    const options = await select.locator('option').allTextContents();
    out.push(...options);
    for (let i = 0; i < options.length; i++) {
      await select.selectOption({ index: i });
      await expect.poll(() => waterfalls.nth(w).locator('ol').getAttribute('aria-label')).toBe(options[i]);
      out.push(...(await waterfalls.nth(w).locator('li > span:first-child').allTextContents()));
    }
  }
  return out.map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s !== '');
}

const leaks = (shown: string[], ids: string[]) => shown.filter((s) => ids.some((id) => new RegExp(`(^|[^\\p{L}\\d-])${id}($|[^\\p{L}\\d-])`, 'u').test(s)));

describe.each([
  { width: 1024, height: 768, language: 'en' },
  { width: 1440, height: 900, language: 'sv' },
  { width: 1024, height: 768, language: 'sv' },
  { width: 1440, height: 900, language: 'en' },
])('compare labels at $width×$height in $language', ({ width, height, language }) => {
  it('the teaching scenarios: fragmented pay against the shared budget', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width, height });
    await page.goto(`${url}#/compare?cmp=builtin:teaching-wrong-pocket-1-fragmented,builtin:teaching-wrong-pocket-2-shared-budget&engine=expected`);
    await page.getByLabel(/Language|Språk/).selectOption(language);
    await page.getByRole('button', { name: language === 'sv' ? 'Jämför' : 'Compare', exact: true }).click();
    await page.locator('rb-waterfall li').first().waitFor({ timeout: 170_000 });
    const shown = await labels(page);
    expect(shown.length).toBeGreaterThan(20);
    expect(leaks(shown, await idsOf(['scenarios/teaching-wrong-pocket-1-fragmented.json', 'scenarios/teaching-wrong-pocket-2-shared-budget.json']))).toEqual([]);
    // The two centres' capitations are told apart, by name.
    const capitation = language === 'sv' ? 'Viktad kapitering' : 'Weighted capitation';
    const both = [...new Set(shown.filter((s) => s.startsWith(capitation)))];
    expect(both.some((s) => s.includes('Vårdcentralen Centrum')) && both.some((s) => s.includes('Vårdcentralen Norr'))).toBe(true);
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
    expect(scroll).toBeLessThanOrEqual(inner);
  });
});

describe('compare labels of hand-written components', () => {
  it('names a DRG price and a fee without a label from their kind and services, in both languages', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByLabel(/Language|Språk/).selectOption('en');
    const base = JSON.parse(await readFile(FIXTURE, 'utf8'));
    const variant = structuredClone(base);
    variant.title = 'Dearer DRG, dearer visits';
    variant.payment.components[3].price = 31000;
    variant.payment.components[2].price = 200;
    await saveEach(page, url, [base, variant]);
    await pickTwo(page, base.title, variant.title);
    await page.getByLabel('Expected values').check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.locator('rb-waterfall li').first().waitFor({ timeout: 120_000 });
    const ids = await idsOf([FIXTURE]);
    for (const language of ['en', 'sv']) {
      await page.getByLabel(/Language|Språk/).selectOption(language);
      await page.getByRole('heading', { name: language === 'sv' ? 'Varför ändrades det?' : 'Why did this change?', exact: true }).waitFor();
      const shown = await labels(page);
      expect(leaks(shown, ids), language).toEqual([]);
      const drg = language === 'sv' ? 'DRG-ersättning per inläggning, återinläggning (ändrad)' : 'DRG price per admission, readmission (changed)';
      expect(shown, language).toContain(drg);
    }
    await page.getByLabel('Språk').selectOption('en');
  });
});
