/**
 * "How sure is the answer?" in the compare view: the tornado and the PSA show the numbers the core
 * computes in Node for the same designs and seed, the sweep draws its chart with the decision flips
 * the core finds, long runs show progress and can be cancelled, everything is in Swedish when the
 * page is, and nothing scrolls sideways on a 1024×768 projector or a wide screen.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Design } from '../../src/uncertainty/evaluate.js';
import { sweep, tornado } from '../../src/uncertainty/oneway.js';
import { runDraws, summarizePsa, type PsaSettings } from '../../src/uncertainty/psa.js';
import { loadModels } from '../../src/scenario/load.js';
import { useBrowser, screenshotWithoutToasts, shareCode, saveScenario } from './support/browser.js';
import { englishLeft } from './support/english.js';
import { FIXTURE } from './support/core.js';

const b = useBrowser();
const models = await loadModels();
const PRICE = 'payment.components[3].price';
const EFFECT = 'care.effects.complex-low-capacity.admission';

const close = (a: number, want: number) => Math.abs(a - want) <= 1e-9 * Math.max(1, Math.abs(want));

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical axe violations inside the uncertainty views. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    type Result = { id: string; impact?: string; nodes: { target: unknown[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Result[] }> } }).axe;
    const result = await axe.run(document, {});
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`))
      .filter((t) => t.includes('rb-uncertainty'));
  });
}

async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('sensitivity and uncertainty in the compare view', () => {
  it('shows the tornado, a sweep and the PSA of two designs as the core computes them, at 1024×768 and on a wide screen', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width: 1024, height: 768 });
    // Two designs with two uncertain parameters each (the DRG price and an effect of coordination) and providers who respond.
    const base = JSON.parse(await readFile(FIXTURE, 'utf8'));
    base.simulation = { ...base.simulation, behaviour: 'equilibrium' };
    base.uncertainty = {
      parameters: [
        { path: PRICE, distribution: { type: 'uniform', min: 20000, max: 40000 }, source: 'ASSUMPTION (test)' },
        { path: EFFECT, distribution: { type: 'beta', mean: 0.5, sd: 0.1 }, source: 'ASSUMPTION (test)', low: 0.3, high: 0.7 },
      ],
    };
    // B = A and a yearly grant from the region to the hospital (the DRG price is drawn in both, the same in each draw).
    const higher = structuredClone(base);
    higher.title = 'With a hospital grant';
    higher.payment.components.push({ id: 'grant', kind: 'fixed', basis: 'lump', amount: 1_000_000, payer: 'region', payee: 'sjukhus' });
    for (const json of [base, higher]) {
      await page.goto(`${url}#/results?s=${await shareCode(page, json)}`);
      await page.locator('[data-metric="spendingKr"]').first().waitFor({ timeout: 120_000 });
      await saveScenario(page);
      await page.getByText(`Saved '${json.title}' in this browser.`).waitFor();
    }
    await page.getByRole('link', { name: 'Compare' }).click();
    await page.getByRole('checkbox', { name: base.title }).check();
    await page.getByRole('checkbox', { name: 'With a hospital grant' }).check();
    await page.getByRole('heading', { name: 'How sure is the answer?' }).waitFor();

    // Tornado of the baseline: every row's low and high results are the core's.
    const tornadoCard = page.getByRole('region', { name: 'What drives this? (tornado)' });
    await tornadoCard.getByRole('button', { name: 'Run' }).click();
    const tornadoTable = tornadoCard.getByRole('table');
    await tornadoTable.waitFor({ timeout: 120_000 });
    const measure = await tornadoTable.getAttribute('data-measure');
    const expected = tornado(new Design(base, models), { gap: false }).rows.filter((r) => `${r.measure}/${r.entity}` === measure);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(await tornadoTable.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')))).toEqual(expected.map((r) => r.path));
    for (const row of expected) {
      const cells = tornadoTable.locator(`tr[data-path="${row.path}"] td[data-value]`);
      const [low, high] = (await cells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))))) as [number, number];
      expect(close(low, row.atLow) && close(high, row.atHigh), `${row.path}: ${low}, ${high} against ${row.atLow}, ${row.atHigh}`).toBe(true);
    }
    // Each parameter in words: no path, no camelCase key, no source file in its note.
    const named = await tornadoTable.locator('tbody tr td:first-child').evaluateAll((tds) => tds.map((td) => `${td.textContent ?? ''} ${td.getAttribute('title') ?? ''}`));
    expect(named.filter((text) => /\b[a-z]+[A-Z]\w*|\w\.\w+\[|\[\d+\]|\bsrc\/|care\.effects/.test(text))).toEqual([]);

    // A two-way sweep: one line per value of the second parameter, and the flips the core finds.
    const sweepCard = page.getByRole('region', { name: 'Along a range (sweep)' });
    await sweepCard.locator('#unc-first').selectOption(PRICE);
    expect(await sweepCard.getByLabel('From').first().inputValue()).toBe('20500');
    await sweepCard.getByLabel('Points').first().fill('3');
    await sweepCard.getByLabel('Points').first().blur();
    await sweepCard.getByLabel('Second parameter (optional)').selectOption(EFFECT);
    await sweepCard.getByLabel('Points').nth(1).fill('2');
    await sweepCard.getByLabel('Points').nth(1).blur();
    await sweepCard.getByRole('button', { name: 'Run' }).click();
    await sweepCard.locator('rb-xy-chart canvas').waitFor({ timeout: 120_000 });
    expect(await sweepCard.locator('rb-xy-chart .legend li').count()).toBe(2);
    const swept = sweep(new Design(base, models), [{ path: PRICE, from: 20500, to: 39500, steps: 3 }, { path: EFFECT, from: 0.3, to: 0.7, steps: 2 }], { gap: false });
    const shownFlips = await sweepCard.locator('.flips li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-provider'), Number(li.getAttribute('data-at'))]));
    expect(shownFlips.map(([p]) => p)).toEqual(swept.flips.map((f) => f.provider));
    if (swept.flips.length === 0) await sweepCard.getByText('No provider’s decision flips in this range.').waitFor();

    // PSA of both with common draws: the probability each is best is the core's.
    const psaCard = page.getByRole('region', { name: /How likely is each design to be best/ });
    await psaCard.getByLabel('Draws', { exact: true }).fill('12');
    await psaCard.getByLabel('Draws', { exact: true }).blur();
    await psaCard.getByRole('button', { name: 'Run' }).click();
    const best = psaCard.getByRole('table', { name: 'Probability each design is best, per measure' });
    await best.waitFor({ timeout: 180_000 });
    const settings: PsaSettings = { draws: 12, seed: base.simulation.seed, engine: 'expected', replications: 0, gap: false, behaviour: 'warm' };
    const designs = [new Design(base, models), new Design(higher, models)];
    const { keys, results } = runDraws(designs, settings, Array.from({ length: 12 }, (_, d) => d));
    const info = [0, 1].map((i) => ({ id: String(i), title: '', file: '' }));
    const psa = summarizePsa(settings, info, [[], []], keys, results);
    for (const key of ['spending/region', 'margin/sjukhus']) {
      for (const design of ['0', '1']) {
        const want = psa.probabilityBest.find((r) => `${r.measure}/${r.entity}` === key && r.design === design)!.probability;
        const shown = Number(await best.locator(`tr[data-key="${key}"] td[data-design="${design}"]`).getAttribute('data-value'));
        expect(shown, `${key} ${design}`).toBe(want);
      }
    }
    // The grant costs the region more in every draw and pays the hospital more.
    expect(psa.probabilityBest.find((r) => r.measure === 'spending' && r.entity === 'region' && r.design === '1')!.probability).toBe(0);
    expect(psa.probabilityBest.find((r) => r.measure === 'margin' && r.entity === 'sjukhus' && r.design === '1')!.probability).toBe(1);
    await psaCard.getByRole('table', { name: 'Mean, interval of the mean and range of outcomes per design' }).waitFor();
    await expect.poll(() => psaCard.locator('rb-xy-chart canvas').count()).toBe(2);
    expect(await sideways(page)).toBe(0);
    expect(await violations(page)).toEqual([]);
    await screenshotWithoutToasts(page, '14-uncertainty-1024', true);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(() => sideways(page)).toBe(0);
    await screenshotWithoutToasts(page, '14-uncertainty-wide', true);

    // In Swedish, all of it says everything in Swedish.
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('heading', { name: 'Hur säkert är svaret?' }).waitFor();
    expect(await englishLeft(page)).toEqual([]);
    await page.getByLabel('Språk').selectOption('en');
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  it('shows the progress of a long PSA and cancels it', async () => {
    const { page } = b;
    const psaCard = page.getByRole('region', { name: /How likely is each design to be best/ });
    await psaCard.getByLabel('Draws', { exact: true }).fill('2000');
    await psaCard.getByLabel('Draws', { exact: true }).blur();
    await psaCard.getByLabel('Providers in each draw').selectOption('solve');
    await psaCard.getByRole('button', { name: 'Run' }).click();
    const bar = psaCard.getByRole('progressbar', { name: 'Progress' });
    await bar.waitFor();
    await expect.poll(async () => Number(await bar.evaluate((p: HTMLProgressElement) => p.value)), { timeout: 60_000 }).toBeGreaterThan(0);
    await psaCard.getByRole('button', { name: 'Cancel' }).click();
    await psaCard.getByText('Cancelled.').waitFor();
    expect(await bar.count()).toBe(0);
  });
});
