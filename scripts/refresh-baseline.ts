/**
 * The fixed-seed regression baseline: key outputs of two built-in scenarios — what each payer
 * spends, what each provider earns and costs, and key outcomes — in expectation and in a
 * 2-replication microsimulation, written to test/baseline/<scenario>.json.
 *
 * Refresh only when a change of the numbers is intended, and say why in the changelog:
 *   npx tsx scripts/refresh-baseline.ts        (or: npm run baseline:refresh)
 * test/regression.test.ts recomputes the same numbers and fails on any relative change > 1e-9.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GROUP_IDS } from '../src/domain.js';
import type { Metrics } from '../src/results/summary.js';
import { metricsOf } from '../src/results/summary.js';
import type { Outcome } from '../src/run.js';
import { runScenario } from '../src/run.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** What a baseline run uses: a smaller population and fewer years than the file, a fixed seed. */
export interface BaselineSettings {
  size: number;
  years: number;
  replications: number;
  seed: number;
}

/**
 * The scenarios in the baseline, with their settings: the default teaching scenario (equilibrium
 * behaviour, fragmented fees, DRG, capitation) and the value-based stroke chain (adaptive
 * behaviour, nine teams, value packages, a fee to every participant, episodes).
 */
export const BASELINE_SCENARIOS: readonly { file: string; settings: BaselineSettings }[] = [
  { file: 'scenarios/teaching-wrong-pocket.json', settings: { size: 4000, years: 2, replications: 2, seed: 20260101 } },
  { file: 'scenarios/skane-stroke-value-chain.json', settings: { size: 3000, years: 2, replications: 2, seed: 20101115 } },
];

/** Key outputs of one evaluation, in kr and counts over the whole run. */
export interface KeyOutputs {
  spendingKr: Record<string, number>;
  revenueKr: Record<string, number>;
  costKr: Record<string, number>;
  services: Record<string, number>;
  outcomes: Record<string, number>;
  teamCoordination: Record<string, number>;
}

export interface Baseline {
  scenario: string;
  file: string;
  settings: BaselineSettings;
  note: string;
  expected: KeyOutputs;
  replications: KeyOutputs[];
}

/**
 * A smaller copy of a scenario for tests and baselines: the population and everything sized to it —
 * lump sums, nursing-home places, providers' fixed costs — scaled by the same factor, so margins
 * and incentives stay what they are at full size. Amounts per person, visit or episode are kept.
 * @example scaledScenario(scenario, 3000, 1).population.size // 3000
 */
export function scaledScenario(scenario: Scenario, size: number, years = scenario.simulation.years): Scenario {
  const f = size / scenario.population.size;
  return {
    ...scenario,
    population: { ...scenario.population, size },
    providers: scenario.providers.map((p) => ({
      ...p,
      ...(p.places !== undefined ? { places: Math.round(p.places * f) } : {}),
      ...(p.fixedCostPerYear !== undefined ? { fixedCostPerYear: p.fixedCostPerYear * f } : {}),
    })),
    payment: {
      components: scenario.payment.components.map((c) => ('model' in c || c.kind !== 'fixed' || c.basis !== 'lump' ? c : { ...c, amount: c.amount * f })),
    },
    simulation: { ...scenario.simulation, years },
  };
}

const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0);
const sumEach = (record: Record<string, ArrayLike<number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, sum(v)]));

const SERVICES_KEPT = ['primaryVisit', 'specialistVisit', 'edVisit', 'admission', 'readmission', 'homeHealthVisit', 'shortTermStay', 'sipMeeting', 'dischargePlanning', 'mobileTeamVisit'] as const;
const OUTCOMES_KEPT = ['deaths', 'bedDays', 'qaly', 'daysAtHome', 'carePlans', 'episodes', 'adlIndependent', 'directToStrokeUnit'] as const;

/** @example keyOutputs(metricsOf(prepared, outcome)).spendingKr.region */
export function keyOutputs(m: Metrics): KeyOutputs {
  return {
    spendingKr: sumEach(m.spendingKr),
    revenueKr: sumEach(m.revenueKr),
    costKr: sumEach(m.costKr),
    services: Object.fromEntries(SERVICES_KEPT.map((s) => [s, sum(m.population.services[s])])),
    outcomes: Object.fromEntries(OUTCOMES_KEPT.map((o) => [o, sum(m.population.outcomes[o])])),
    teamCoordination: Object.fromEntries(GROUP_IDS.map((g, i) => [g, m.teamCoordinationByGroup[i]])),
  };
}

/**
 * Run one baseline scenario as the CLI does (its behaviour mode, then expected values and replications).
 * @example const b = await computeBaseline(BASELINE_SCENARIOS[0]); b.expected.spendingKr
 */
export async function computeBaseline(entry: (typeof BASELINE_SCENARIOS)[number]): Promise<Baseline> {
  const loaded = await loadScenarioFile(join(ROOT, entry.file));
  const { size, years, replications, seed } = entry.settings;
  const scaled = scaledScenario(loaded, size, years);
  const scenario: Scenario = { ...scaled, simulation: { ...scaled.simulation, replications, seed } };
  const run = runScenario(scenario, { engine: 'micro', replications, seed });
  const prepared = run.prepared;
  const outputs = (o: Outcome) => keyOutputs(metricsOf(prepared, o));
  return {
    scenario: scenario.id,
    file: entry.file,
    settings: entry.settings,
    note: 'Written by scripts/refresh-baseline.ts; checked by test/regression.test.ts. Refresh only for an intended change of outputs.',
    expected: outputs(run.expected),
    replications: run.replications.map(outputs),
  };
}

/** Where a scenario's baseline lives. @example baselinePath('teaching-wrong-pocket') */
export function baselinePath(id: string): string {
  return join(ROOT, 'test', 'baseline', `${id}.json`);
}

async function main(): Promise<void> {
  for (const entry of BASELINE_SCENARIOS) {
    const baseline = await computeBaseline(entry);
    const path = baselinePath(baseline.scenario);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(baseline, null, 2)}\n`);
    console.log(`wrote ${path}`);
  }
}

const invoked = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invoked) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
