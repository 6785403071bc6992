/**
 * Small, fully controlled scenarios for hand-calculated tests: a population laid out cell by cell,
 * every base rate zero unless a test sets it, no coordination.
 */
import { SERVICE_IDS } from '../../src/domain.js';
import type { NeedGroupId, ServiceId } from '../../src/domain.js';
import { cellIndex, CELL_COUNT } from '../../src/population/cells.js';
import type { CellParts } from '../../src/population/cells.js';
import { catchmentsOf, populationFromCounts } from '../../src/population/population.js';
import type { Population } from '../../src/population/population.js';
import { validateScenario } from '../../src/scenario/index.js';
import type { CareSpec, PaymentComponent, Scenario } from '../../src/scenario/types.js';
import { prepare } from '../../src/run.js';
import type { Prepared } from '../../src/run.js';

export const GROUPS: NeedGroupId[] = ['complex-low-capacity', 'rapid-onset', 'few-contacts-low-capacity', 'complex-high-capacity', 'healthy'];

/** Every service at zero for every group, then `rates` (per person-year) on top. */
export function onlyRates(rates: Partial<Record<NeedGroupId, Partial<Record<ServiceId, number>>>>): CareSpec['rates'] {
  const out: Partial<Record<NeedGroupId, Partial<Record<ServiceId, number>>>> = {};
  for (const g of GROUPS) {
    out[g] = Object.fromEntries(SERVICE_IDS.filter((s) => s !== 'nursingHomeDay').map((s) => [s, 0]));
    Object.assign(out[g]!, rates[g] ?? {});
  }
  return out;
}

export const TINY_PROVIDERS: Scenario['providers'] = [
  { id: 'hospital', name: 'Hospital', type: 'hospital', principal: 'region' },
  { id: 'pc-a', name: 'PC A', type: 'primary-care', principal: 'region' },
  { id: 'pc-b', name: 'PC B', type: 'primary-care', principal: 'region' },
  { id: 'home-health', name: 'Home health', type: 'home-health', principal: 'town' },
  { id: 'home-care', name: 'Home care', type: 'home-care', principal: 'town' },
  { id: 'nursing-home', name: 'Nursing home', type: 'nursing-home', principal: 'town', places: 30 },
];

/** The tiny providers with some fields changed per provider id (behaviour, costs). */
export function providersWith(changes: Record<string, Partial<Scenario['providers'][number]>>): Scenario['providers'] {
  return TINY_PROVIDERS.map((p) => ({ ...p, ...(changes[p.id] ?? {}) }));
}

const ZERO_EFFORT = Object.fromEntries(['hospital', 'pc-a', 'pc-b', 'home-health', 'home-care', 'nursing-home'].map((p) => [p, 0]));

/** A scenario with one region, one municipality, a provider of each type and two primary care centres. */
export function tinyScenario(components: PaymentComponent[], overrides: Partial<Scenario> = {}): Scenario {
  const json: Scenario = {
    schemaVersion: 1,
    id: 'tiny',
    title: 'Tiny',
    description: 'Hand-calculated test case.',
    sources: [],
    population: {
      size: 100,
      municipalities: [{ id: 'town', name: 'Town', share: 1 }],
      listing: [
        { provider: 'pc-a', share: 0.5 },
        { provider: 'pc-b', share: 0.5 },
      ],
      // A perfect grouper (weight = the cell's relative expected cost), so weights are hand-computable.
      riskWeightR2: 1,
    },
    payers: [
      { id: 'region', name: 'Region', kind: 'region' },
      { id: 'town', name: 'Town', kind: 'municipality' },
      { id: 'state', name: 'State', kind: 'state' },
    ],
    providers: TINY_PROVIDERS,
    pools: [{ id: 'joint', name: 'Joint', members: ['hospital', 'home-health'], sharing: 'equal' }],
    care: {
      rates: onlyRates({}),
      coordination: ZERO_EFFORT,
    },
    payment: { components },
    simulation: { start: '2026-01', years: 1, stepsPerYear: 12, replications: 1, seed: 1 },
    ...overrides,
  };
  // A test's care settings add to the defaults above (zero rates, zero coordination) rather than replace them.
  if (overrides.care) json.care = { rates: onlyRates({}), ...overrides.care, coordination: { ...ZERO_EFFORT, ...(overrides.care.coordination ?? {}) } };
  const result = validateScenario(json);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.scenario;
}

export interface CellCount extends Partial<CellParts> {
  /** Index into the listing: 0 = pc-a, 1 = pc-b. */
  listing?: number;
  count: number;
}

/** A population with exactly these people (defaults: group 5, frailty class 0, at home, 45–64, female, CNI band 1, pc-a). */
export function tinyPopulation(scenario: Scenario, cells: CellCount[]): Population {
  const catchments = catchmentsOf(scenario);
  const counts = new Float64Array(catchments.length * CELL_COUNT);
  for (const c of cells) {
    const cell = cellIndex({ group: c.group ?? 4, frailty: c.frailty ?? 0, residence: c.residence ?? 0, ageBand: c.ageBand ?? 2, sex: c.sex ?? 0, cni: c.cni ?? 0 });
    counts[(c.listing ?? 0) * CELL_COUNT + cell] += c.count;
  }
  return populationFromCounts(counts, catchments, 1);
}

/** Prepare a tiny scenario with its exact population. */
export function tiny(components: PaymentComponent[], cells: CellCount[], overrides: Partial<Scenario> = {}): Prepared {
  const scenario = tinyScenario(components, overrides);
  return prepare(scenario, tinyPopulation(scenario, cells));
}

/** kr received per account id over the whole run, for one component or all. */
export function received(prepared: Prepared, ledger: Iterable<{ to: number; from: number; amount: number; component: number }>, component?: string): Record<string, number> {
  const out: Record<string, number> = {};
  const index = component === undefined ? -1 : prepared.plan.components.findIndex((c) => c.spec.id === component);
  for (const t of ledger) {
    if (index >= 0 && t.component !== index) continue;
    const to = prepared.plan.accounts[t.to].id;
    const from = prepared.plan.accounts[t.from].id;
    out[to] = (out[to] ?? 0) + t.amount;
    out[from] = (out[from] ?? 0) - t.amount;
  }
  return out;
}
