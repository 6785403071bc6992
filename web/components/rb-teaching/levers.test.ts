import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { validateScenario } from '../../../src/scenario/index.js';
import type { PaymentModel } from '../../../src/scenario/index.js';
import { canToggle, isApplied, TEACHING_LEVERS, toggleLever } from './levers.js';
import type { TodaysPay } from './levers.js';

const models: Record<string, PaymentModel> = Object.fromEntries(
  readdirSync('models')
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`models/${f}`, 'utf8')) as PaymentModel)
    .map((m) => [m.id, m]),
);

/**
 * Today's pay in the wrong-pocket scenario over its three years with today's behaviour (kr,
 * rounded; the run of teaching-wrong-pocket.json with behaviour 'fixed').
 */
const TODAY: TodaysPay = {
  years: 3,
  received: [
    { component: 'sjukhus-drg', provider: 'sjukhuset', payer: 'region', kr: 537_445_006 },
    { component: 'sjukhus-specialist', provider: 'sjukhuset', payer: 'region', kr: 475_597_203 },
    { component: 'sjukhus-akut', provider: 'sjukhuset', payer: 'region', kr: 77_475_532 },
    { component: 'vc-centrum-kap', provider: 'vc-centrum', payer: 'region', kr: 118_225_561 },
    { component: 'vc-norr-kap', provider: 'vc-norr', payer: 'region', kr: 94_467_979 },
    { component: 'vc-centrum-besok', provider: 'vc-centrum', payer: 'region', kr: 29_462_494 },
    { component: 'vc-norr-besok', provider: 'vc-norr', payer: 'region', kr: 23_368_315 },
    { component: 'hsv-besok', provider: 'hemsjukvarden', payer: 'kommun', kr: 296_555_068 },
    { component: 'hemtjanst-timme', provider: 'hemtjansten', payer: 'kommun', kr: 542_144_582 },
    { component: 'sabo-plats', provider: 'saboendet', payer: 'kommun', kr: 1_381_985_520 },
    { component: 'korttid-vistelse', provider: 'korttiden', payer: 'kommun', kr: 59_341_743 },
  ],
};

describe('teaching levers', () => {
  const scenario = JSON.parse(readFileSync('scenarios/teaching-wrong-pocket.json', 'utf8')) as Record<string, unknown>;

  it('each gives a valid scenario, and pressing it again gives back the scenario as it was', () => {
    for (const lever of TEACHING_LEVERS) {
      const on = toggleLever(scenario, lever, TODAY);
      expect(isApplied(on, lever), lever).toBe(true);
      const result = validateScenario(on, { models });
      expect(result.ok ? [] : result.errors, lever).toEqual([]);
      expect(toggleLever(on, lever), lever).toEqual(scenario);
    }
  });

  it('all together still give a valid scenario, and taken away in another order give it back', () => {
    const all = TEACHING_LEVERS.reduce((json, lever) => toggleLever(json, lever, TODAY), scenario);
    const result = validateScenario(all, { models });
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect([...TEACHING_LEVERS].reverse().reduce((json, lever) => toggleLever(json, lever), all)).toEqual(scenario);
  });

  it('the shared budget moves today\'s pay into one budget instead of adding money', () => {
    expect(canToggle(scenario, 'shared-budget')).toBe(false); // no results on screen yet
    expect(toggleLever(scenario, 'shared-budget')).toBe(scenario);
    const on = toggleLever(scenario, 'shared-budget', TODAY);
    const components = (on.payment as { components: Record<string, unknown>[] }).components;
    // Only the nursing homes' per-place fee stays; the rest of today's pay is in the budget.
    expect(components.map((c) => c.id)).toEqual(['sabo-plats', 'teach-shared-budget']);
    const budget = components[1] as { model: string; parameters: { amount: number; payer: { payer: string; share: number }[]; payee: string } };
    expect(budget.model).toBe('global-budget');
    // By hand: region 537,445,006 + 475,597,203 + 77,475,532 + 118,225,561 + 94,467,979 + 29,462,494
    // + 23,368,315 = 1,356,042,090; kommun 296,555,068 + 542,144,582 + 59,341,743 = 898,041,393;
    // together 2,254,083,483 over 3 years = 751,361,161 a year.
    expect(budget.parameters.amount).toBe(751_361_161);
    expect(budget.parameters.payer).toEqual([
      { payer: 'region', share: 0.601593552 }, // 1,356,042,090 / 2,254,083,483
      { payer: 'kommun', share: 0.398406448 },
    ]);
    const pool = (on.pools as { id: string; members: string[]; sharing: { shares: Record<string, number> } }[]).find((p) => p.id === budget.parameters.payee)!;
    expect(pool.members).toEqual(['sjukhuset', 'vc-centrum', 'vc-norr', 'hemsjukvarden', 'hemtjansten', 'korttiden']);
    // The hospital's share: (537,445,006 + 475,597,203 + 77,475,532) / 2,254,083,483.
    expect(pool.sharing.shares.sjukhuset).toBeCloseTo(1_090_517_741 / 2_254_083_483, 9);
    expect(Object.values(pool.sharing.shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Each payer's yearly part is what it pays the pooled providers today, to the krona.
    for (const p of budget.parameters.payer) {
      const today = TODAY.received.filter((r) => r.payer === p.payer && r.component !== 'sabo-plats').reduce((a, r) => a + r.kr, 0);
      expect(Math.abs(p.share * budget.parameters.amount * 3 - today)).toBeLessThan(5);
    }
    expect(canToggle(on, 'shared-budget')).toBe(true);
    // The system bonus keeps its own pool, split by cost.
    const both = toggleLever(on, 'system-result-pay');
    expect((both.pools as { id: string; sharing: unknown }[]).map((p) => p.id)).toEqual(['teach-team', 'teach-budget']);
  });

  it('gives today\'s pay back after a reload (the replaced components kept in session storage, the last 20 presses)', async () => {
    const items = new Map<string, string>();
    vi.stubGlobal('sessionStorage', { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) });
    try {
      const ons = Array.from({ length: 25 }, (_, i) => toggleLever(scenario, 'shared-budget', { ...TODAY, years: 3 + i }));
      expect(Object.keys(JSON.parse(items.get('rb-teach-budget-moved')!) as object).length).toBe(20);
      // A fresh page: the module's memory is gone, the tab's session storage is not.
      vi.resetModules();
      const fresh = await import('./levers.js');
      expect(fresh.toggleLever(ons[24], 'shared-budget')).toEqual(scenario);
      expect(fresh.canToggle(ons[0], 'shared-budget')).toBe(false); // too old to be kept
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
