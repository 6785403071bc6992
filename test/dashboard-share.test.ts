/**
 * The dashboard's margin share (margin over revenue) per provider: a ratio per replication, then
 * its mean and 95 % range, so the table can show it with an interval like every other figure.
 */
import { describe, expect, it } from 'vitest';
import { dashboardOf } from '../src/results/dashboard.js';
import { interval, metricsOf } from '../src/results/summary.js';
import { prepare, simulate } from '../src/run.js';
import { loadScenarioFile } from '../src/scenario/load.js';

describe('margin share', () => {
  it('is summarized over replications, with an interval', async () => {
    const scenario = await loadScenarioFile('test/fixtures/minimal-scenario.json');
    const prepared = prepare(scenario);
    const { expected, replications } = simulate(prepared, { replications: 4, seed: 3 });
    const d = dashboardOf(prepared, { expected, replications, seed: 3 });
    const hospital = d.providers.find((p) => p.id === 'sjukhus')!;
    const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
    const shares = replications.map((o) => {
      const m = metricsOf(prepared, o);
      return sum(m.marginKr.sjukhus) / sum(m.revenueKr.sjukhus);
    });
    expect(hospital.marginShare).toEqual(interval(shares));
    expect(hospital.marginShare.n).toBe(4);
    expect(hospital.marginShare.lower).toBeLessThan(hospital.marginShare.upper);
  });
});
