/**
 * "Why did this change?" in the compare view, at 1024×768 and on a wide screen: the waterfall's
 * bars add up to the difference they explain to the öre, match the core's in Node and a hand
 * calculation, and fit the page without sideways scrolling, in English and Swedish.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { explainDifference } from '../../src/results/explain.js';
import { runScenario } from '../../src/run.js';
import { pickTwo, saveEach, screenshotWithoutToasts, useBrowser } from './support/browser.js';
import { englishLeft } from './support/english.js';
import { FIXTURE, scenarioOf } from './support/core.js';

const b = useBrowser();

/** The bars of the waterfall on screen, in öre, by step kind, and the figure it is about. */
async function bars(page: Page): Promise<{ kind: string; ore: number; label: string }[]> {
  const items = page.locator('rb-waterfall li');
  const n = await items.count();
  const out: { kind: string; ore: number; label: string }[] = [];
  for (let i = 0; i < n; i++) {
    const li = items.nth(i);
    out.push({ kind: (await li.getAttribute('data-step'))!, ore: Number(await li.getAttribute('data-ore')), label: (await li.locator('span').first().textContent())!.trim() });
  }
  return out;
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, width: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(width);
}

describe('why did this change (compare view)', () => {
  it('shows a waterfall whose bars add up to the difference, to the öre, at 1024×768 and 1440×900', async () => {
    const { page, url } = b;
    const base = JSON.parse(await readFile(FIXTURE, 'utf8'));
    const variant = structuredClone(base);
    variant.title = 'Grant and dearer DRG';
    variant.payment.components[3].price = 31000;
    variant.payment.components.push({ id: 'grant', label: 'Grant', kind: 'fixed', basis: 'lump', amount: 123456.78, payer: 'region', payee: 'vc-norr' });
    await saveEach(page, url, [base, variant]);
    await page.setViewportSize({ width: 1024, height: 768 });
    await pickTwo(page, base.title, variant.title);
    await page.getByLabel('Expected values').check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.locator('rb-waterfall li').first().waitFor({ timeout: 120_000 });

    // The region's spending: each step's bar, in öre, as the core computes it in Node.
    const [a, v] = await Promise.all([scenarioOf(base), scenarioOf(variant)]);
    const explained = explainDifference(runScenario(a), runScenario(v));
    const region = explained.waterfalls.find((w) => w.measure === 'spendingKr' && w.entity === 'region')!;
    const shown = await bars(page);
    expect(shown.map((x) => x.kind)).toEqual([...region.steps.map((s) => s.kind), 'difference']);
    expect(shown.map((x) => x.ore)).toEqual([...region.steps.map((s) => s.ore), region.differenceOre]);
    // By hand: the grant adds 123 456.78 kr, and nothing the providers do moves (fixed behaviour).
    expect(shown.find((x) => x.label === 'Grant (added)')?.ore).toBe(12_345_678);
    expect(shown.find((x) => x.kind === 'behaviour')?.ore).toBe(0);
    const steps = shown.filter((x) => x.kind !== 'difference');
    expect(steps.reduce((s, x) => s + x.ore, 0)).toBe(shown.at(-1)!.ore);
    // …and the difference is the variant's figure less the base's, as shown to the öre.
    expect(shown.at(-1)!.ore).toBe(Math.round(region.variantKr * 100) - Math.round(region.baseKr * 100));
    await noSidewaysScroll(page);

    // Another figure: the hospital's margin, with the dearer DRG price as its first step.
    await page.locator('rb-waterfall select').selectOption({ label: 'Margin of Sjukhuset' });
    const hospital = explained.waterfalls.find((w) => w.measure === 'marginKr' && w.entity === 'sjukhus')!;
    await expect.poll(async () => (await bars(page)).map((x) => x.ore)).toEqual([...hospital.steps.map((s) => s.ore), hospital.differenceOre]);
    expect(hospital.steps[0]).toMatchObject({ kind: 'component', component: 'hospital-drg', change: 'changed' });
    expect(hospital.steps[0].ore).toBeGreaterThan(0);

    await page.setViewportSize({ width: 1440, height: 900 });
    await noSidewaysScroll(page);
    const box = await page.locator('rb-waterfall ol').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1440);

    // In Swedish, at 1024×768: every word Swedish; the screenshot for the docs.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('heading', { name: 'Varför ändrades det?', exact: true }).waitFor();
    await page.locator('rb-waterfall select').selectOption({ index: 0 });
    expect((await bars(page)).find((x) => x.ore === 12_345_678)?.label).toBe('Grant (tillagd)');
    expect(await englishLeft(page)).toEqual([]);
    await noSidewaysScroll(page);
    await page.locator('rb-waterfall').scrollIntoViewIfNeeded();
    await page.getByRole('heading', { name: 'Varför ändrades det?', exact: true }).evaluate((h) => h.scrollIntoView());
    await screenshotWithoutToasts(page, 'waterfall-sv-1024x768');
    await page.getByLabel('Språk').selectOption('en');
  });
});
