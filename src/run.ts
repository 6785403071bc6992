/**
 * The one run pipeline: a validated scenario → its population → the compiled model and payment
 * plan → the providers' behaviour (as the scenario's behaviour mode says) → the expected-value
 * engine and, if asked, the microsimulation's replications, each settled into a ledger. Every CLI
 * command, the worker threads, the web worker and the baseline refresh run scenarios through
 * `runScenario`; what they do with the outcomes is their own.
 */
import { behaviourPath } from './behaviour/dynamics.js';
import type { SolveOptions } from './behaviour/solve.js';
import type { Behaviour } from './engine/model.js';
import type { Outcome, Prepared } from './payment/evaluation.js';
import { evaluateExpected, prepare, simulate } from './payment/evaluation.js';
import type { Population } from './population/population.js';
import type { Scenario } from './scenario/types.js';

export * from './payment/evaluation.js';

export interface RunOptions {
  /** 'expected': the expected-value engine only; 'micro': replications of the microsimulation too. */
  engine?: 'expected' | 'micro';
  /** A population read from the scenario's CSV; default: the synthetic one drawn from the scenario's seed. */
  population?: Population;
  /** A scenario already prepared (the same one), to skip drawing and compiling again. */
  prepared?: Prepared;
  /** The providers' decisions; default: as the behaviour mode says. */
  behaviour?: Behaviour;
  /** How the providers' decisions are set when not given; default: the scenario's `simulation.behaviour`. */
  mode?: 'fixed' | 'equilibrium' | 'adaptive';
  /** Options of the behaviour solver when the behaviour is solved here. */
  solve?: SolveOptions;
  /** Replications and seed; default: the scenario's. */
  replications?: number;
  seed?: number;
  /** Only these replications (by index), e.g. one worker's share. */
  indices?: readonly number[];
  /** The expected outcome under `behaviour` when the caller has it already (a worker running one replication at a time). */
  expected?: Outcome;
  trackPersonCost?: boolean;
  signal?: AbortSignal;
  /** Fraction done (0–1) of the microsimulation. */
  onProgress?: (fraction: number) => void;
}

/** A scenario run: what was prepared, the behaviour used, and the outcomes. */
export interface ScenarioRun {
  scenario: Scenario;
  prepared: Prepared;
  behaviour: Behaviour;
  /** Per year, whether the behaviour solver converged (always true for fixed or given behaviour). */
  converged: boolean[];
  expected: Outcome;
  /** Microsimulation replications, in the order of `indices` (empty for the expected-value engine). */
  replications: Outcome[];
}

/**
 * Run a validated scenario (model references expanded) through the whole pipeline.
 * @example const { expected, behaviour } = runScenario(scenario, { engine: 'micro', replications: 10 })
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const prepared = options.prepared ?? prepare(scenario, options.population);
  let behaviour = options.behaviour;
  let converged: boolean[];
  if (behaviour === undefined) {
    const path = behaviourPath(prepared, options.mode ?? scenario.simulation.behaviour ?? 'fixed', options.solve);
    behaviour = path.behaviour;
    converged = path.converged;
  } else converged = behaviour.effort.map(() => true);
  if (options.engine !== 'micro') return { scenario, prepared, behaviour, converged, expected: evaluateExpected(prepared, behaviour), replications: [] };
  const { expected, replications } = simulate(prepared, {
    behaviour,
    replications: options.replications,
    seed: options.seed,
    indices: options.indices,
    expected: options.expected,
    trackPersonCost: options.trackPersonCost,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  return { scenario, prepared, behaviour, converged, expected, replications };
}
