/**
 * Comparing saved scenarios: the same seed for all (common random numbers), charts side by side
 * on the same axes, and paired differences with intervals that match the core's in Node.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { prepare, simulate } from '../../src/run.js';
import { differences, longRows } from '../../src/results/summary.js';
import { pickTwo, saveEach, screenshotWithoutToasts, useBrowser } from './support/browser.js';
import { englishLeft } from './support/english.js';
import { FIXTURE, scenarioOf } from './support/core.js';

const b = useBrowser();

describe('compare', () => {
  it('compares two saved scenarios with common random numbers', async () => {
    const { page, url } = b;
    const base = JSON.parse(await readFile(FIXTURE, 'utf8'));
    const higher = structuredClone(base);
    higher.title = 'Higher DRG price';
    higher.payment.components[3].price = 40000;
    await saveEach(page, url, [base, higher]);
    await pickTwo(page, base.title, 'Higher DRG price');
    await page.getByLabel('Microsimulation').check();
    const reps = page.getByLabel('Replications');
    await reps.fill('4');
    await reps.blur();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const table = page.getByRole('table', { name: 'Differences from the baseline' });
    await table.waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('rb-compare rb-time-chart canvas').count()).toBeGreaterThanOrEqual(4);

    // The same paired differences as the core computes in Node (replication r of each with the same seed).
    const rowsOf = async (json: unknown) => {
      const s = await scenarioOf(json);
      const scenario = { ...s, simulation: { ...s.simulation, seed: 42, replications: 4 } };
      const prepared = prepare(scenario);
      return simulate(prepared).replications.map((o, r) => longRows(prepared, o, r, scenario.id));
    };
    const diffs = differences(await rowsOf(base), await rowsOf(higher));
    const hospital = diffs.find((d) => d.entity === 'sjukhus' && d.metric === 'marginKr' && d.period === 'all' && d.group === 'all' && d.cni === 'all')!;
    const cell = table.locator('tr[data-entity="sjukhus"] td[data-value]');
    expect(Number(await cell.getAttribute('data-value'))).toBe(hospital.mean);
    expect(hospital.mean).toBeGreaterThan(0);
    // Same illnesses in both: activity does not differ, so neither do ED visits.
    const ed = diffs.find((d) => d.entity === 'population' && d.metric === 'edVisitsPerThousandPersonYears' && d.group === 'all' && d.cni === 'all' && d.period === 'all')!;
    expect(ed.mean).toBe(0);
    // Aligned: both scenarios' margin charts share one y range.
    expect(page.url()).toMatch(/#\/compare\?.*cmp=saved:/);
    await screenshotWithoutToasts(page, '09-compare');
    await screenshotWithoutToasts(page, '10-compare-full', true);

    // In Swedish the comparison says everything in Swedish.
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('table', { name: 'Skillnader mot jämförelsealternativet' }).waitFor();
    expect(await englishLeft(page)).toEqual([]);
    await page.getByLabel('Språk').selectOption('en');
  });
});
