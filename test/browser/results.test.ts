/**
 * Opening a scenario, running it, and reading results: the microsimulation in the worker gives
 * the CLI's numbers for the same seed; a lever changes the expected values at once; a long run
 * can be cancelled; the app is usable by keyboard and every control has a name.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatKr } from '../../src/format.js';
import { useBrowser, screenshot, shareCode, unlabelledControls } from './support/browser.js';
import type { Builtin } from './support/core.js';
import { cliExpected, cliSummary, FIXTURE, runCli, scenarioOf, total, validBuiltins } from './support/core.js';

const b = useBrowser();
/** The smallest valid built-in scenario, for the flows. */
let builtin: Builtin | undefined;
/** The smallest whose providers do not respond to the design: bit-for-bit the CLI's numbers. */
let fixedBuiltin: Builtin | undefined;

const isFixed = (x: Builtin) => (x.scenario.simulation.behaviour ?? 'fixed') === 'fixed';

beforeAll(async () => {
  const all = await validBuiltins();
  builtin = all[0];
  fixedBuiltin = all.find(isFixed);
});

/** Open a built-in scenario from the library (or, while there is none, the test fixture by link). */
async function openScenario(which: Builtin | undefined = builtin): Promise<{ json: Record<string, unknown>; title: string }> {
  const { page, url } = b;
  if (which) {
    await page.goto(url);
    const title = String(which.json.title);
    await page.getByRole('button', { name: `Open ${title}`, exact: true }).click();
    return { json: which.json, title };
  }
  const json = JSON.parse(await readFile(FIXTURE, 'utf8'));
  await page.goto(`${url}#/results?s=${await shareCode(page, json)}`);
  return { json, title: json.title };
}

describe('results', () => {
  it('loads the library with every control named and no errors', async () => {
    const { page, url } = b;
    await page.goto(url);
    await expect.poll(() => page.getByRole('heading', { name: 'Scenario library' }).isVisible()).toBe(true);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '01-library');
  });

  it('opens a built-in scenario and shows live expected values', async () => {
    const { page } = b;
    const { title } = await openScenario();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: title }).isVisible()).toBe(true);
    await page.locator('[data-engine="expected"] [data-metric="spendingKr"]').first().waitFor({ timeout: 60_000 });
    // uPlot drew into its canvases.
    await expect.poll(() => page.locator('rb-time-chart canvas').count()).toBeGreaterThanOrEqual(2);
    expect(await unlabelledControls(page)).toEqual([]);
    // Where providers respond to the design, their response is solved after the instant values.
    const json = builtin?.json ?? JSON.parse(await readFile(FIXTURE, 'utf8'));
    const scenario = await scenarioOf(json);
    if ((scenario.simulation.behaviour ?? 'fixed') !== 'fixed') await page.locator('[data-solved="true"]').waitFor({ timeout: 120_000 });
    const card = page.locator('[data-engine="expected"] [data-metric="spendingKr"]').first();
    const payer = (await card.getAttribute('data-entity'))!;
    const expected = cliExpected(scenario).find((r) => r.entity === payer && r.metric === 'spendingKr' && r.period === 'all')!;
    // Solving the equilibrium iterates Math.log and friends, which differ in the last bit between
    // Node's V8 and Chromium's in rare cases (1 ulp), which the solver's tolerance can spread to ~1e-9.
    const shown = Number(await card.getAttribute('data-value'));
    if (!isFixed({ scenario } as Builtin)) expect(Math.abs(shown - expected.value)).toBeLessThan(1e-7 * Math.abs(expected.value));
    else expect(shown).toBe(expected.value);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '02-results-expected');
    await screenshot(page, '03-results-expected-full', true);
  });

  it('runs the microsimulation in a worker and shows the number the CLI prints for the same seed', async () => {
    const { page } = b;
    // A built-in whose providers do not respond to the design: bit for bit (or the fixture by link).
    const { json } = await openScenario(fixedBuiltin);
    await page.getByLabel('Microsimulation (with uncertainty)').check();
    const reps = page.getByLabel('Replications');
    await reps.fill('3');
    await reps.press('Enter');
    await reps.blur();
    const seed = page.getByLabel('Seed');
    await seed.fill('7');
    await seed.blur();
    await page.getByRole('button', { name: 'Run microsimulation' }).click();
    const card = page.locator('[data-engine="micro"] [data-metric="spendingKr"]').first();
    await card.waitFor({ timeout: 120_000 });
    const payer = (await card.getAttribute('data-entity'))!;
    const shown = Number(await card.getAttribute('data-value'));

    const cli = cliSummary(await scenarioOf(json), 7, 3);
    const expected = total(cli, payer, 'spendingKr');
    expect(expected.n).toBe(3);
    expect(shown).toBe(expected.mean);
    // And the CLI itself, run as a user runs it, prints the same number.
    if (fixedBuiltin) expect(total((await runCli(fixedBuiltin.json, '--seed', '7', '--reps', '3', '--no-incentives')).summary, payer, 'spendingKr').mean).toBe(shown);
    expect(await card.locator('.figure-value').textContent()).toBe(formatKr(expected.mean));
    // A provider's margin in the table, with its interval, is the CLI's too.
    const marginCell = page.locator('[data-engine="micro"] td[data-metric="marginKr"]').first();
    const provider = (await marginCell.getAttribute('data-entity'))!;
    expect(Number(await marginCell.getAttribute('data-value'))).toBe(total(cli, provider, 'marginKr').mean);
    await expect.poll(() => page.locator('[data-engine="micro"] rb-time-chart canvas').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, '04-results-microsimulation');
    // The URL holds the whole view: engine, replications and seed.
    expect(page.url()).toMatch(/engine=micro/);
    expect(page.url()).toMatch(/reps=3/);
    expect(page.url()).toMatch(/seed=7/);
  });

  it('changes the results when a rate is changed', async () => {
    const { page } = b;
    await openScenario();
    const card = page.locator('[data-engine="expected"] [data-metric="spendingKr"]').first();
    await card.waitFor({ timeout: 60_000 });
    const before = await card.getAttribute('data-value');
    const lever = page.locator('rb-levers .lever').first();
    const box = lever.locator('input[type="text"]');
    const value = Number(await box.inputValue());
    await box.fill(String(value * 2 + 1000));
    await box.press('Enter');
    await expect.poll(() => card.getAttribute('data-value'), { timeout: 30_000 }).not.toBe(before);
    await expect.poll(() => page.locator('.badge', { hasText: 'unsaved changes' }).isVisible()).toBe(true);
  });

  it('cancels a long run, and the next run works', async () => {
    const { page } = b;
    await openScenario();
    await page.getByLabel('Microsimulation (with uncertainty)').check();
    const reps = page.getByLabel('Replications');
    await reps.fill('2000');
    await reps.blur();
    await page.getByRole('button', { name: /Run microsimulation|Run again/ }).click();
    const progress = page.getByRole('progressbar', { name: 'Microsimulation progress' });
    await progress.waitFor();
    await expect.poll(async () => Number(await progress.evaluate((p: HTMLProgressElement) => p.value)), { timeout: 60_000 }).toBeGreaterThan(0);
    await screenshot(page, '05-run-in-progress');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByText('Run cancelled.').isVisible()).toBe(true);
    expect(await progress.count()).toBe(0);
    // A fresh worker takes the next run.
    await reps.fill('2');
    await reps.blur();
    await page.getByRole('button', { name: /Run microsimulation|Run again/ }).click();
    await page.locator('[data-engine="micro"] [data-metric="spendingKr"]').first().waitFor({ timeout: 120_000 });
  });

  it('analyses incentives on demand: the incentive table and the coordination gap', async () => {
    const { page } = b;
    await openScenario();
    await page.locator('[data-engine="expected"] [data-metric="spendingKr"]').first().waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Analyse incentives' }).click();
    const table = page.getByRole('table', { name: /Incentive table/ });
    await table.waitFor({ timeout: 150_000 });
    const profits = await table.locator('td.profit').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
    expect(profits.length).toBeGreaterThan(0);
    expect(profits.every(Number.isFinite)).toBe(true);
    await page.getByRole('table', { name: /Coordination gap/ }).waitFor();
    expect(page.url()).toMatch(/inc=1/);
    await page.locator('#incentives').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, '12-incentives');

    // The table keeps up with the design: change a rate and the marginal profits change.
    const profitsNow = () => table.locator('td.profit').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value')).join(','));
    const before = await profitsNow();
    const box = page.locator('rb-levers .lever').first().locator('input[type="text"]');
    await box.fill(String(Number(await box.inputValue()) * 3 + 5000));
    await box.press('Enter');
    await expect.poll(profitsNow, { timeout: 150_000 }).not.toBe(before);
    await page.getByRole('button', { name: 'Stop updating' }).click();
  });

  it('can be worked by keyboard: the views are links in the tab order', async () => {
    const { page, url } = b;
    await page.goto(url);
    await page.keyboard.press('Tab'); // skip link
    expect(await page.evaluate(() => document.querySelector('reimburse-app')?.shadowRoot?.activeElement?.textContent)).toBe('Skip to the content');
    await page.keyboard.press('Tab'); // brand
    await page.keyboard.press('Tab'); // Library
    await page.keyboard.press('Tab'); // Editor
    await page.keyboard.press('Tab'); // Results
    await page.keyboard.press('Tab'); // Compare
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Compare scenarios' }).isVisible()).toBe(true);
  });

  it('reaches Run in a few Tab presses, and keeps the focus on it through a run', async () => {
    const { page, url } = b;
    await page.goto(`${url}#/results?src=builtin:teaching-wrong-pocket&engine=micro&reps=2`);
    await page.locator('[data-metric="spendingKr"]').first().waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const focused = () => page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.textContent?.trim() ?? '';
    });
    let presses = 0;
    while (presses < 30 && !/^Run microsimulation$/.test(await focused())) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await focused()).toBe('Run microsimulation');
    expect(presses).toBeLessThanOrEqual(16);
    await page.keyboard.press('Enter');
    await page.locator('[data-engine="micro"] [data-metric="spendingKr"]').first().waitFor({ timeout: 120_000 });
    expect(await focused()).toBe('Run again');
  });
});
