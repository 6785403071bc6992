/**
 * Present values of multi-year results against a hand calculation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { presentValue, presentValueRows } from '../src/results/discount.js';
import { metricsOf } from '../src/results/metrics.js';
import { evaluateExpected, prepare } from '../src/run.js';
import { parseScenario, scenarioOrThrow } from '../src/scenario/validate.js';
import { main } from '../src/cli/main.js';

describe('discounting', () => {
  it('divides year y of the run by (1 + r)^y, the first year undiscounted', () => {
    // 100 kr a month for three years at 3 %: 1,200 + 1,200/1.03 + 1,200/1.03².
    const monthly = Float64Array.from({ length: 36 }, () => 100);
    expect(presentValue(monthly, 0.03)).toBeCloseTo(1200 + 1200 / 1.03 + 1200 / 1.0609, 9);
    expect(presentValue(monthly, 0)).toBe(3600);
    // Month 12 is the first month of year 2, month 11 the last of year 1.
    const two = new Float64Array(24);
    two[11] = 1000;
    two[12] = 1000;
    expect(presentValue(two, 0.05)).toBeCloseTo(1000 + 1000 / 1.05, 12);
  });

  it('gives every payer and provider a present value next to its nominal sum', () => {
    const s = scenarioOrThrow(parseScenario(readFileSync(new URL('./fixtures/minimal-scenario.json', import.meta.url), 'utf8')), 'minimal-scenario.json');
    s.simulation.years = 2;
    const prepared = prepare(s);
    const metrics = metricsOf(prepared, evaluateExpected(prepared));
    const rows = presentValueRows(metrics, 0.04, 'expected', s.id);
    const region = rows.find((r) => r.entity === 'region' && r.metric === 'spendingKrPresentValue')!;
    const monthly = metrics.spendingKr.region;
    let year1 = 0;
    let year2 = 0;
    for (let m = 0; m < 12; m++) year1 += monthly[m];
    for (let m = 12; m < 24; m++) year2 += monthly[m];
    expect(region.value).toBeCloseTo(year1 + year2 / 1.04, 4);
    expect(rows.filter((r) => r.metric === 'marginKrPresentValue').map((r) => r.entity).sort()).toEqual([...prepared.model.providerIds].sort());
  });

  it('run shows the present value column for a multi-year scenario, at the rate asked for', async () => {
    let stdout = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } };
    expect(await main(['run', 'scenarios/teaching-wrong-pocket.json', '--engine', 'expected', '--discount', '0.05', '--quiet'], io)).toBe(0);
    expect(stdout).toMatch(/payer +expected +present value/);
    expect(await main(['run', 'scenarios/teaching-wrong-pocket.json', '--discount', '7', '--quiet'], io)).toBe(2);
  }, 60_000);
});
