/**
 * The budgets: JavaScript shipped (gzip, workers included, written to test-output/budget.json), and
 * that a lever move on a region-sized scenario (1 million people, 5 years, monthly) redraws the
 * results reusing the activity (only the payments are redone). How long a lever move takes is a
 * figure of `npm run bench` (its `lever` section), never timed here.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { regionScenario } from '../../bench/region.js';
import { drawnCount, drawnMore, useBrowser, screenshot, shareCode } from './support/browser.js';

const report: Record<string, unknown> = {};
const b = useBrowser();

afterAll(async () => {
  await writeFile('test-output/budget.json', `${JSON.stringify(report, null, 2)}\n`);
});

describe('budgets', () => {
  // Every .js file of the build counts, those loaded on demand too. About 247 kB today: the engine
  // worker ~111 kB (the payment kinds, the core's English messages, the solver and the formula
  // sandbox with the number-only mathjs, trimmed by vite.config.ts), the page ~125 kB (the two
  // catalogues, en and sv, ~27 kB; uPlot ~20 kB; Lit ~6 kB; the rest the components), the exports
  // ~10 kB and the PNG export ~1 kB, both loaded when first used. See the README's web app notes.
  it('ships at most 250 kB of JavaScript (gzip), workers included', async () => {
    const files = (await readdir('dist/assets')).filter((f) => f.endsWith('.js'));
    const sizes = await Promise.all(files.map(async (f) => ({ file: f, gzip: gzipSync(await readFile(join('dist/assets', f)), { level: 9 }).length })));
    const total = sizes.reduce((a, s) => a + s.gzip, 0);
    report.javascriptGzipBytes = { total, files: sizes };
    expect(files.some((f) => f.startsWith('engine.worker'))).toBe(true);
    expect(total).toBeLessThanOrEqual(250_000);
  });

  it('redraws the results after a lever move for a region of a million people, redoing only the payments', async () => {
    const { page, url } = b;
    const scenario = regionScenario(1_000_000, 5);
    await page.goto(`${url}#/results?s=${await shareCode(page, scenario)}`);
    await page.locator('[data-engine="expected"] [data-metric="spendingKr"]').first().waitFor({ timeout: 120_000 });
    const slider = page.locator('rb-levers .lever[data-path="payment.components[5].price"] input[type="range"]');
    const card = page.locator('[data-metric="spendingKr"][data-entity="region"]');
    let value = 45000;
    for (let i = 0; i < 12; i++) {
      value += 500;
      const before = await card.getAttribute('data-value');
      const seen = await drawnCount(page);
      await slider.evaluate((el: HTMLInputElement, v) => {
        el.value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      }, value);
      await drawnMore(page, seen);
      const detail = await page.evaluate(() => (performance.getEntriesByName('reimburse:results-drawn').at(-1) as PerformanceMark).detail as { reuse: string });
      expect(detail.reuse).toBe('settlement');
      await expect.poll(() => card.getAttribute('data-value')).not.toBe(before);
    }
    await screenshot(page, '11-region-million-people');
  });
});
