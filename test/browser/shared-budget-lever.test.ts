/**
 * The teaching step's shared-budget lever moves today's pay into one budget instead of adding
 * money: with the providers doing what they do today, every payer pays and every provider
 * receives what it does today (checked against the scenario run here in Node), and with the
 * providers responding, the money each receives no longer falls with the care it avoids, so they
 * coordinate more. At 1024×768 and 1440×900.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, shareCode, screenshotWithoutToasts } from './support/browser.js';
import { englishLeft } from './support/english.js';
import { validateScenario } from '../../src/scenario/index.js';
import { loadModels } from '../../src/scenario/load.js';
import { runScenario } from '../../src/run.js';
import { dashboardOf } from '../../src/results/dashboard.js';
import type { Dashboard } from '../../src/results/dashboard.js';

const b = useBrowser();

type Row = Record<string, unknown>;
interface Shown {
  solving: boolean;
  /** Whether the results on screen are the providers' solved response (not today's behaviour held). */
  solved: boolean;
  json: Row;
  d: Dashboard | undefined;
}

/** What the teaching view holds: its scenario, the results on screen and whether it is solving. */
async function shown(page: Page): Promise<Shown> {
  return page.locator('rb-teaching').evaluate((el) => {
    const v = el as unknown as { solving: boolean; json: Row; solved?: { dashboard: Dashboard }; live?: Dashboard };
    return JSON.parse(JSON.stringify({ solving: v.solving, solved: !!v.solved, json: v.json, d: v.solved?.dashboard ?? v.live }));
  });
}

const budgetOf = (json: Row) => ((json.payment as { components: Row[] }).components.find((c) => c.id === 'teach-shared-budget') as { parameters: { amount: number; payer: { payer: string; share: number }[] } } | undefined);
const hasBudget = (d: Dashboard | undefined) => !!d?.componentIds.includes('teach-shared-budget.budget');

/** The results for the lever's scenario once drawn (with the budget in them, solved if the scenario solves). */
async function drawnWithBudget(page: Page): Promise<Shown> {
  await expect.poll(async () => { const s = await shown(page); return !s.solving && hasBudget(s.d); }, { timeout: 170_000 }).toBe(true);
  return shown(page);
}

async function scenario(behaviour: 'fixed' | 'equilibrium'): Promise<Row> {
  const json = JSON.parse(await readFile('scenarios/teaching-wrong-pocket.json', 'utf8')) as Row;
  return { ...json, simulation: { ...(json.simulation as Row), behaviour } };
}

describe.each([
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
])('the shared-budget lever at $width×$height', ({ width, height }) => {
  it('with today\'s behaviour, pays every payer\'s and every provider\'s money of today into one budget, and takes it back', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width, height });
    const json = await scenario('fixed');
    await page.goto(`${url}#/teach?s=${await shareCode(page, json)}&step=3`);
    const button = page.getByRole('button', { name: 'Shared budget', exact: true });
    await button.waitFor({ timeout: 60_000 });
    await expect.poll(() => button.isEnabled(), { timeout: 60_000 }).toBe(true);

    // By hand, in Node: today's pay over the run, without the nursing homes' per-place fee (a
    // place is paid whatever the care), split by payer; the budget is its sum per year.
    const models = await loadModels('models');
    const checked = validateScenario(json, { models });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const run = runScenario(checked.scenario);
    const today = dashboardOf(run.prepared, { expected: run.expected, replications: [], seed: 0 });
    const paid = (provider: string) => today.providers.find((p) => p.id === provider)!.revenueKr.mean;
    const region = ['sjukhuset', 'vc-centrum', 'vc-norr'].reduce((a, p) => a + paid(p), 0);
    const kommun = ['hemsjukvarden', 'hemtjansten', 'korttiden'].reduce((a, p) => a + paid(p), 0);

    const before = await shown(page);
    expect(before.d!.spendingKr.region.mean).toBeCloseTo(today.spendingKr.region.mean, 0);
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    const after = await drawnWithBudget(page);
    const budget = budgetOf(after.json)!;
    expect(budget.parameters.amount).toBe(Math.round((region + kommun) / 3));
    expect(budget.parameters.payer.map((p) => p.payer)).toEqual(['region', 'kommun']);
    expect(budget.parameters.payer[0].share).toBeCloseTo(region / (region + kommun), 8);
    // The payers pay what they pay today, to a few kronor in two billion (the budget is rounded to the krona a year).
    for (const payer of ['region', 'kommun']) expect(Math.abs(after.d!.spendingKr[payer].mean - today.spendingKr[payer].mean)).toBeLessThan(10);
    // So does every provider receive, now from the budget: no money added, none taken away.
    for (const p of today.providers) {
      const now = after.d!.providers.find((q) => q.id === p.id)!;
      expect(Math.abs(now.revenueKr.mean - p.revenueKr.mean), p.id).toBeLessThan(10);
    }
    const hospital = after.d!.providers.find((p) => p.id === 'sjukhuset')!.revenueByComponentKr;
    expect(hospital.map((c) => c.component)).toEqual(['teach-shared-budget.budget']);
    await expect.poll(() => page.locator('rb-teaching .budget-note').textContent()).toMatch(/^The shared budget pays 751 M kr a year to Sjukhuset, Vårdcentralen Centrum, .*Korttidsboendet: what they are paid today/);
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
    expect(scroll).toBeLessThanOrEqual(inner);

    // Pressed again, today's pay comes back as it was.
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    expect((await shown(page)).json.payment).toEqual(json.payment);
  });
});

describe('the shared-budget lever with the providers responding', () => {
  it('keeps the payers\' spending and changes what coordination is worth: the providers coordinate more', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width: 1440, height: 900 });
    const json = await scenario('equilibrium');
    await page.goto(`${url}#/teach?s=${await shareCode(page, json)}&step=3`);
    const button = page.getByRole('button', { name: 'Shared budget', exact: true });
    await button.waitFor({ timeout: 60_000 });
    await expect.poll(async () => { const s = await shown(page); return s.solved && !s.solving && (await button.isEnabled()); }, { timeout: 170_000 }).toBe(true);
    const before = (await shown(page)).d!;
    await button.click();
    const drawn = await drawnWithBudget(page);
    await expect.poll(async () => (await shown(page)).solved).toBe(true);
    const after = (await shown(page)).d!;
    expect(drawn.json).toEqual((await shown(page)).json);
    // The budget is today's pay in equilibrium, a lump sum: the payers pay the same, whatever the providers do.
    for (const payer of ['region', 'kommun']) expect(Math.abs(after.spendingKr[payer].mean - before.spendingKr[payer].mean)).toBeLessThan(10);
    // Avoided admissions no longer cost the hospital revenue, so coordination rises and with it
    // the hospital's margin (its budget stays, its costs fall).
    const coordination = (d: Dashboard) => d.teamCoordination.mean;
    expect(coordination(after)).toBeGreaterThan(coordination(before));
    const margin = (d: Dashboard, id: string) => d.providers.find((p) => p.id === id)!.marginKr.mean;
    expect(margin(after, 'sjukhuset')).toBeGreaterThan(margin(before, 'sjukhuset'));
    // The numbers on screen show before and after.
    expect(await page.locator('rb-teaching .fact.changed').count()).toBeGreaterThan(0);

    // In Swedish: the lever, its note and every figure.
    await page.getByLabel('Language').selectOption('sv');
    await expect.poll(() => page.locator('rb-teaching .budget-note').textContent()).toMatch(/^Den gemensamma budgeten betalar [\d,]+ (mn|md)kr per år till Sjukhuset, /);
    expect(await page.getByRole('button', { name: 'Gemensam budget', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await englishLeft(page)).toEqual([]);
    await screenshotWithoutToasts(page, 'teach-sv-4-shared-budget');
    await page.getByLabel('Språk').selectOption('en');
  });
});
