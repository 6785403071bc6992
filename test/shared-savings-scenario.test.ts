/**
 * The shipped shared-savings scenarios show what their descriptions say (expected values, full
 * population, the equilibrium of each year): coordination rises over today's fragmented pay, the
 * savings cross the MSR the table gives 20,000 people, the pool splits the share by its stated
 * shares; the two-sided variant is the same contract in expectation (no year reaches the loss threshold).
 */
import { describe, expect, it } from 'vitest';
import { GROUP_IDS } from '../src/domain.js';
import { metricsOf } from '../src/results/metrics.js';
import { runScenario } from '../src/run.js';
import { loadScenarioFile } from '../src/scenario/load.js';

const run = async (id: string) => {
  const r = runScenario(await loadScenarioFile(`scenarios/${id}.json`), { engine: 'expected' });
  return { r, m: metricsOf(r.prepared, r.expected) };
};
const COMPLEX = GROUP_IDS.indexOf('complex-low-capacity');

describe('shared savings for a region’s hospital and primary care', async () => {
  const fragmented = await run('teaching-wrong-pocket-1-fragmented');
  const one = await run('shared-savings-1-one-sided');
  const two = await run('shared-savings-2-two-sided');

  it('raises team coordination of the most ill over today’s fragmented pay and saves the region money', () => {
    expect(one.m.teamCoordinationByGroup[COMPLEX]).toBeGreaterThan(2 * fragmented.m.teamCoordinationByGroup[COMPLEX]);
    const total = (x: Float64Array) => x.reduce((a, b) => a + b, 0);
    expect(total(one.m.spendingKr.region)).toBeLessThan(total(fragmented.m.spendingKr.region));
  });

  it('crosses the MSR of 20,000 people (2.5 %) every year and pays the pool, which splits it 50 / 27.5 / 22.5', () => {
    expect(one.m.reconciliations).toHaveLength(3);
    for (const r of one.m.reconciliations) {
      expect(r).toMatchObject({ entity: 'acc', thresholdRate: 0.025, thresholdMet: true, qualityScore: 1 });
      expect(r.savingsRate).toBeGreaterThan(0.025);
      expect(r.amountKr).toBeCloseTo(0.5 * (r.benchmarkKrPerUnit - r.actualKrPerUnit) * r.units, 2);
    }
    const paid = one.m.reconciliations.reduce((a, r) => a + r.amountKr, 0);
    const share = (id: string) => one.m.revenueByComponentKr[id]['delade.shared-savings'];
    expect(share('sjukhuset')).toBeCloseTo(0.5 * paid, 0);
    expect(share('vc-centrum')).toBeCloseTo(0.275 * paid, 0);
    expect(share('vc-norr')).toBeCloseTo(0.225 * paid, 0);
  });

  it('two-sided is the same contract in expectation: no year reaches the 2 % loss threshold', () => {
    expect(two.m.reconciliations.map((r) => r.amountKr)).toEqual(one.m.reconciliations.map((r) => r.amountKr));
    expect(two.m.teamCoordinationByGroup[COMPLEX]).toBeCloseTo(one.m.teamCoordinationByGroup[COMPLEX], 9);
  });
});
