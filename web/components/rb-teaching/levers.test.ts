import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/scenario/index.js';
import type { PaymentModel } from '../../../src/scenario/index.js';
import { isApplied, TEACHING_LEVERS, toggleLever } from './levers.js';

const models: Record<string, PaymentModel> = Object.fromEntries(
  readdirSync('models')
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`models/${f}`, 'utf8')) as PaymentModel)
    .map((m) => [m.id, m]),
);

describe('teaching levers', () => {
  const scenario = JSON.parse(readFileSync('scenarios/teaching-wrong-pocket.json', 'utf8')) as Record<string, unknown>;

  it('each gives a valid scenario, and pressing it again gives back the scenario as it was', () => {
    for (const lever of TEACHING_LEVERS) {
      const on = toggleLever(scenario, lever);
      expect(isApplied(on, lever), lever).toBe(true);
      const result = validateScenario(on, { models });
      expect(result.ok ? [] : result.errors, lever).toEqual([]);
      expect(toggleLever(on, lever), lever).toEqual(scenario);
    }
  });

  it('all together still give a valid scenario', () => {
    const all = TEACHING_LEVERS.reduce((json, lever) => toggleLever(json, lever), scenario);
    const result = validateScenario(all, { models });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('splits the shared budget in fixed equal shares, not by cost (a split by cost rewards whoever spends more)', () => {
    const on = toggleLever(scenario, 'shared-budget');
    const pools = on.pools as { id: string; sharing: unknown; members: string[] }[];
    const budget = pools.find((p) => p.id === 'teach-budget')!;
    expect(budget.sharing).toBe('equal');
    expect(budget.members.length).toBe((scenario.providers as unknown[]).length);
    const component = ((on.payment as { components: Record<string, unknown>[] }).components).find((c) => c.id === 'teach-shared-budget')!;
    const payer = (component.parameters as { payer: { share: number }[] }).payer;
    expect(payer.reduce((a, p) => a + p.share, 0)).toBeCloseTo(1, 9);
    // The system bonus keeps its own pool, split by cost.
    const both = toggleLever(on, 'system-result-pay');
    expect((both.pools as { id: string; sharing: unknown }[]).map((p) => [p.id, p.sharing])).toEqual(expect.arrayContaining([['teach-budget', 'equal'], ['teach-team', 'by-cost']]));
  });
});
