/**
 * Shared savings in the app: the editor explains the kind's fields in the page's language, and
 * the results show the yearly reconciliation (benchmark, actual, savings rate, the minimum rate
 * and whether it was met, quality, what was paid) with the numbers the CLI computes.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { metricsOf } from '../../src/results/metrics.js';
import { runScenario } from '../../src/run.js';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { shareCode, useBrowser } from './support/browser.js';

const b = useBrowser();
const FILE = 'scenarios/shared-savings-1-one-sided.json';

describe('shared savings', () => {
  it('shows each year’s reconciliation with the CLI’s expected values', async () => {
    const { page, url } = b;
    const json = JSON.parse(await readFile(FILE, 'utf8'));
    await page.goto(`${url}#/results?s=${await shareCode(page, json)}`);
    const section = page.locator('[data-engine="expected"] #reconciliation');
    await section.waitFor({ timeout: 120_000 });
    // The equilibrium is solved after the instant values; wait for the solved dashboard.
    await page.locator('[data-solved="true"]').waitFor({ timeout: 120_000 });
    const run = runScenario(await loadScenarioFile(FILE), { engine: 'expected' });
    const lines = metricsOf(run.prepared, run.expected).reconciliations;
    expect(await section.locator('tbody tr').count()).toBe(lines.length);
    const paid = Number(await section.locator('tbody tr').first().locator('[data-metric="reconciledKr"]').getAttribute('data-value'));
    expect(paid).toBeCloseTo(lines[0].amountKr, 0);
    const met = Number(await section.locator('tbody tr').first().locator('[data-metric="thresholdMet"]').getAttribute('data-value'));
    expect(met).toBe(1);
    await expect.poll(() => section.getByText('Spending on care per member-month').isVisible()).toBe(true);
  });

  it('explains the kind’s fields in the editor', async () => {
    const { page, url } = b;
    const json = JSON.parse(await readFile('scenarios/shared-savings-2-two-sided.json', 'utf8'));
    await page.goto(`${url}#/edit?s=${await shareCode(page, json)}`);
    // The component is written out in the two-sided file (the one-sided one uses the model).
    const at = 'payment.components[11]';
    await page.locator(`[data-path="${at}"]`).first().waitFor({ state: 'attached', timeout: 30_000 });
    const text = (key: string) => page.locator(`[data-path="${at}.${key}"]`).first().textContent();
    const expected: Record<string, string> = {
      benchmark: 'Benchmark',
      minimumSavingsRate: 'Minimum savings rate',
      sharingRate: 'Sharing rate',
      minimumLossRate: 'Minimum loss rate',
      lossSharingRate: 'Loss-sharing rate',
      quality: 'Quality indicators',
      spendingProviders: 'Whose services count as spending',
    };
    for (const [key, label] of Object.entries(expected)) expect(await text(key)).toContain(label);
    // With its unit and help.
    expect(await text('benchmark')).toContain('kr per member-month');
    expect(await text('benchmark')).toContain('Expected spending per member-month without the contract');
  });
});
