/**
 * A scenario prepared once (population, compiled model, payment plan), then evaluated in
 * expectation or simulated in replications, each settled into a ledger. The steps below the
 * behaviour solver; `runScenario` in run.ts adds the providers' response on top.
 * Same code in Node, the browser and a web worker.
 */
import type { Scenario, PaymentComponent } from '../scenario/types.js';
import type { Population } from '../population/population.js';
import { synthesizePopulation } from '../population/population.js';
import type { ActivityTable, CellList } from '../engine/activity.js';
import type { Behaviour, CompiledModel } from '../engine/model.js';
import { compileModel } from '../engine/model.js';
import { keptCaseMix, keptCells } from './kept.js';
import type { RateTable } from '../engine/rates.js';
import { computeRates } from '../engine/rates.js';
import { runExpected } from '../engine/expected.js';
import type { ExtraColumn } from '../engine/extras.js';
import type { MicrosimResult } from '../engine/microsim.js';
import { RunCancelled, runMicrosim } from '../engine/microsim.js';
import type { ProviderCosts } from '../engine/costs.js';
import { providerCosts } from '../engine/costs.js';
import type { PaymentPlan } from './plan.js';
import { compilePlan } from './plan.js';
import { settle } from './settle.js';
import type { Ledger } from './ledger.js';
import { streamKey } from '../random.js';

export { RunCancelled };

export interface Prepared {
  scenario: Scenario;
  population: Population;
  cells: CellList;
  model: CompiledModel;
  plan: PaymentPlan;
  /** ACG-like case-mix weight per cell: expected cost relative to the population mean (mean 1.00). */
  caseMix: Float64Array;
}

/** One evaluation: the activity, the providers' costs and the ledger of payments. */
export interface Outcome {
  table: ActivityTable;
  costs: ProviderCosts;
  ledger: Ledger;
  rates: RateTable[];
  behaviour: Behaviour;
  personYearCosts?: Float32Array;
}

/**
 * The payment components of a validated scenario (model references must already be expanded).
 * @example paymentComponents(scenario).length
 */
export function paymentComponents(scenario: Scenario): PaymentComponent[] {
  return scenario.payment.components.map((c, i) => {
    if ('model' in c) throw new Error(`payment.components[${i}]: model '${c.model}' was not expanded; load the scenario with its models`);
    return c;
  });
}

/**
 * Prepare a validated scenario: draw (or take) its population and compile model and payments.
 * @example const prepared = prepare(scenario)
 */
export function prepare(scenario: Scenario, population?: Population): Prepared {
  const pop = population ?? synthesizePopulation(scenario, scenario.simulation.seed);
  const model = compileModel(scenario, pop);
  const caseMix = keptCaseMix(model, pop, scenario.population.riskWeightR2);
  const plan = compilePlan(model, pop, paymentComponents(scenario), caseMix);
  const cells = keptCells(pop, model.deathProbability, plan.extras.map((x) => (x.kind === 'weighted' ? x.weight : null)));
  return { scenario, population: pop, cells, model, plan, caseMix };
}

/** Rate tables per month for a behaviour (one table per year, shared by its months). */
export function ratesFor(model: CompiledModel, behaviour: Behaviour): RateTable[] {
  // Years with the same behaviour share one table: the expected-value engine then sees a steady
  // state across years and copies months instead of recomputing them.
  const byYear: RateTable[] = [];
  behaviour.effort.forEach((e, y) => {
    const i = behaviour.intensity[y];
    const same = y > 0 && sameValues(e, behaviour.effort[y - 1]) && sameValues(i, behaviour.intensity[y - 1]);
    byYear.push(same ? byYear[y - 1] : computeRates(model, e, i));
  });
  return Array.from({ length: model.months }, (_, m) => byYear[Math.floor(m / 12)]);
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Evaluate in expectation (fast; what sliders and solvers use).
 * @example const ev = evaluateExpected(prepare(scenario))
 */
export function evaluateExpected(prepared: Prepared, behaviour: Behaviour = prepared.model.behaviour): Outcome {
  const { model, plan, cells } = prepared;
  const rates = ratesFor(model, behaviour);
  const table = runExpected({ model, cells, rates, extras: plan.extras, episodeWindow: plan.episodeWindow });
  const costs = providerCosts(model, table, rates, behaviour);
  const ledger = settle({ model, plan, actual: table, costs, rates, expected: true });
  return { table, costs, ledger, rates, behaviour };
}

export interface SimulateOptions {
  replications?: number;
  seed?: number;
  behaviour?: Behaviour;
  trackPersonCost?: boolean;
  /** Only these replications (by index), e.g. one worker's share; default 0 … replications − 1. */
  indices?: readonly number[];
  /** The expected outcome under `behaviour` when the caller has it already (a worker running one replication at a time). */
  expected?: Outcome;
  signal?: AbortSignal;
  /** Called with the fraction done (0–1) after every simulated month. */
  onProgress?: (fraction: number) => void;
}

/**
 * Seed of replication `r`: derived from the run's seed so replications are independent and
 * replication r of two scenarios shares its random numbers (common random numbers).
 * @example replicationSeed(42, 0)
 */
export function replicationSeed(seed: number, replication: number): number {
  return streamKey(seed, `replication-${replication}`);
}

/**
 * Simulate replications of the microsimulation, each settled on what happened in it.
 * @example const reps = simulate(prepare(scenario), { replications: 10 })
 */
export function simulate(prepared: Prepared, options: SimulateOptions = {}): { expected: Outcome; replications: Outcome[] } {
  const { model } = prepared;
  const behaviour = options.behaviour ?? model.behaviour;
  const expected = options.expected ?? evaluateExpected(prepared, behaviour);
  const reps = options.replications ?? prepared.scenario.simulation.replications;
  const seed = options.seed ?? prepared.scenario.simulation.seed;
  const out: Outcome[] = [];
  const indices = options.indices ?? Array.from({ length: reps }, (_, r) => r);
  const inputs = replicationInputs(prepared, seed);
  for (const [done, r] of indices.entries()) {
    const result = simulateReplication(inputs, expected.rates, r, {
      trackPersonCost: options.trackPersonCost,
      signal: options.signal,
      onProgress: (month, months) => options.onProgress?.((done + month / months) / indices.length),
    });
    out.push(settleReplication(prepared, result, expected.rates, behaviour));
  }
  return { expected, replications: out };
}

/**
 * What the microsimulation reads of a prepared scenario: plain data (no functions), so a worker
 * thread given a copy simulates without preparing the scenario itself.
 */
export interface ReplicationInputs {
  model: CompiledModel;
  population: Population;
  cells: CellList;
  extras: ExtraColumn[];
  episodeWindow: Int16Array;
  /** The run's seed; replication r draws from replicationSeed(seed, r). */
  seed: number;
}

/**
 * The microsimulation's inputs of a prepared scenario.
 * @example const inputs = replicationInputs(prepare(scenario))
 */
export function replicationInputs(prepared: Prepared, seed = prepared.scenario.simulation.seed): ReplicationInputs {
  const { model, population, cells, plan } = prepared;
  return { model, population, cells, extras: plan.extras, episodeWindow: plan.episodeWindow, seed };
}

/**
 * Replication `r` of the microsimulation under the given rate tables, not yet settled: the part of
 * `simulate` a worker thread runs when another thread settles its tables.
 * @example const { table } = simulateReplication(replicationInputs(prepared), evaluateExpected(prepared).rates, 3)
 */
export function simulateReplication(
  inputs: ReplicationInputs,
  rates: RateTable[],
  r: number,
  options: { trackPersonCost?: boolean; signal?: AbortSignal; onProgress?: (month: number, months: number) => void } = {},
): MicrosimResult {
  const { model, population, cells, extras, episodeWindow } = inputs;
  return runMicrosim({
    model,
    population,
    cells,
    rates,
    extras,
    episodeWindow,
    seed: replicationSeed(inputs.seed, r),
    trackPersonCost: options.trackPersonCost,
    signal: options.signal,
    onProgress: options.onProgress,
  });
}

/**
 * A simulated replication settled on what happened in it: its providers' costs and ledger.
 * @example const outcome = settleReplication(prepared, simulateReplication(prepared, rates, 0), rates, behaviour)
 */
export function settleReplication(prepared: Prepared, result: MicrosimResult, rates: RateTable[], behaviour: Behaviour): Outcome {
  const { model, plan } = prepared;
  const costs = providerCosts(model, result.table, rates, behaviour);
  const ledger = settle({ model, plan, actual: result.table, costs, rates });
  return { table: result.table, costs, ledger, rates, behaviour, personYearCosts: result.personYearCosts };
}

