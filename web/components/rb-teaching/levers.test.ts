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
});
