/**
 * The documented results of the target-price and withhold scenarios, with the behaviour model on a
 * small copy of each population (the full one for the stroke teams' base-year spending): a target price per stroke episode makes coordination pay each
 * hospital where today's pay makes it cost; a 3 % withhold raises a centre's revenue from
 * coordination by the capitation it brings back, far below what coordination costs.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Decisions } from '../src/behaviour/index.js';
import { incentiveTable, steadyContext } from '../src/behaviour/index.js';
import type { Prepared } from '../src/run.js';
import { evaluateExpected, prepare } from '../src/run.js';
import { validateScenario } from '../src/scenario/index.js';
import { loadModels, loadScenarioFile } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { scaledScenario } from '../scripts/refresh-baseline.js';

const small = (scenario: Scenario, size: number) => prepare(scaledScenario(scenario, size, 1));
const given = (prepared: Prepared): Decisions => ({ effort: Float64Array.from(prepared.model.behaviour.effort[0]), intensity: Float64Array.from(prepared.model.behaviour.intensity[0]) });

/** A shipped scenario without the components whose id starts with `prefix`. */
async function without(id: string, prefix: string): Promise<Scenario> {
  const raw = JSON.parse(await readFile(`scenarios/${id}.json`, 'utf8')) as { payment: { components: { id: string }[] } };
  raw.payment.components = raw.payment.components.filter((c) => !c.id.startsWith(prefix));
  const result = validateScenario(raw, { models: await loadModels() });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.scenario;
}

/** Each provider's row of the incentive table for one need group, at the given decisions. */
function rows(prepared: Prepared, group: string, x: Decisions) {
  return Object.fromEntries(incentiveTable(steadyContext(prepared), x).filter((r) => r.group === group).map((r) => [r.provider, r]));
}

describe('skane-stroke-target-price', () => {
  it('pays the teams below the regional spending and charges the costly ones at 2010 behaviour', async () => {
    // The full population: a small copy draws another case mix per area, and other base-year spending.
    const p = prepare(await loadScenarioFile('scenarios/skane-stroke-target-price.json'));
    // The model's behaviour is the care inputs: the teams' 2010 results.
    const { ledger } = evaluateExpected(p);
    const amount = (team: string) => ledger.reconciliations.find((r) => r.month === 11 && p.plan.accounts[r.account].id === `strokeenhet-${team}`)!;
    expect(ledger.reconciliations).toHaveLength(27);
    expect(amount('hassleholm').amount).toBeGreaterThan(0);
    expect(amount('hassleholm').actual).toBeLessThan(amount('hassleholm').benchmark);
    expect(amount('lund').amount).toBeLessThan(0);
    expect(amount('lund').actual).toBeGreaterThan(amount('lund').benchmark);
  });

  it('raises each hospital’s own profit from coordinating group 2, and turns it positive for the teams that coordinated least in 2010', async () => {
    const target = small(await loadScenarioFile('scenarios/skane-stroke-target-price.json'), 9000);
    const fees = small(await without('skane-stroke-target-price', 'malpris-'), 9000);
    const x = given(target);
    const withTarget = rows(target, 'rapid-onset', x);
    const withoutTarget = rows(fees, 'rapid-onset', x);
    const teams = Object.keys(withTarget).filter((p) => p.startsWith('strokeenhet-'));
    expect(teams).toHaveLength(9);
    for (const team of teams) {
      expect(withoutTarget[team].marginalProfit).toBeLessThan(0);
      expect(withTarget[team].marginalProfit).toBeGreaterThan(withoutTarget[team].marginalProfit);
      if (withTarget[team].effort < 0.1) expect(withTarget[team].marginalProfit, team).toBeGreaterThan(0);
      // The reconciliation returns what the window saves: the hospital's revenue from coordinating rises.
      expect(withTarget[team].ownRevenue).toBeGreaterThan(withoutTarget[team].ownRevenue);
    }
  });
});

describe('withhold-coordination', () => {
  it('raises a centre’s revenue from coordination by what the withheld capitation brings back, far below its cost', async () => {
    const withhold = small(await loadScenarioFile('scenarios/withhold-coordination.json'), 4000);
    const fragmented = small(await loadScenarioFile('scenarios/teaching-wrong-pocket-1-fragmented.json'), 4000);
    const x = given(withhold);
    const held = rows(withhold, 'complex-low-capacity', x);
    const plain = rows(fragmented, 'complex-low-capacity', x);
    for (const centre of ['vc-centrum', 'vc-norr']) {
      expect(held[centre].ownRevenue).toBeGreaterThan(plain[centre].ownRevenue);
      expect(held[centre].ownRevenue - plain[centre].ownRevenue).toBeLessThan(0.1 * held[centre].coordinationCost);
      expect(held[centre].marginalProfit).toBeLessThan(0);
    }
  });

  it('pays 97 % of the capitation each month and returns the scored part in December', async () => {
    const p = small(await loadScenarioFile('scenarios/withhold-coordination.json'), 4000);
    const { ledger } = evaluateExpected(p);
    const comp = p.plan.components.findIndex((c) => c.spec.id === 'vc-centrum-kap.capitation');
    const months = new Array<number>(12).fill(0);
    for (const t of ledger) if (t.component === comp) months[t.month] += t.amount;
    const gross = months[0] / 0.97;
    for (let m = 0; m < 11; m++) expect(months[m]).toBeCloseTo(months[0], 6);
    const returned = months[11] - months[0];
    expect(returned).toBeGreaterThan(0);
    expect(returned).toBeLessThan(0.03 * 12 * gross);
  });
});
