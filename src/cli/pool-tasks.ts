/**
 * What a pool worker (src/cli/pool.ts) can do: each task kind is a function of the worker's context
 * (the scenario it was started with, its population and prepared model, loaded once and kept) and
 * the task's input. A new kind is one more entry in TASKS; its input and output must survive
 * structured cloning (plain data, typed arrays).
 */
import type { Transferable } from 'node:worker_threads';
import type { ActivityTable } from '../engine/activity.js';
import type { Behaviour } from '../engine/model.js';
import type { RateTable } from '../engine/rates.js';
import type { Population } from '../population/population.js';
import { loadPopulationForScenario } from '../population/load-csv.js';
import type { LongRow, Period } from '../results/summary.js';
import { longRows } from '../results/summary.js';
import type { Outcome, Prepared } from '../run.js';
import type { ReplicationInputs } from '../run.js';
import { evaluateExpected, prepare, runScenario, simulateReplication } from '../run.js';
import type { Scenario } from '../scenario/types.js';
import { psaDraws } from '../uncertainty/pool-task.js';

/** What every worker of a pool starts with. */
export interface WorkerSetup {
  scenario: Scenario;
  /** The scenario's file: a population CSV is read relative to it. */
  file: string;
  /** The population when the starting thread has it already: copied to each worker instead of built again. */
  population?: Population;
}

/** A worker's state, kept from one task to the next. */
export interface WorkerContext {
  readonly setup: WorkerSetup;
  /** The scenario's population, loaded on first use. */
  population(): Promise<Population>;
  /** The scenario prepared over that population, on first use. */
  prepared(): Promise<Prepared>;
  /**
   * Anything else worth keeping between tasks (e.g. a prepared variant of the scenario).
   * @example const p = await ctx.memo(`draw-${k}`, async () => prepare(variant, await ctx.population()))
   */
  memo<T>(key: string, make: () => T): T;
}

/** Reports a task's progress, 0…1. */
export type TaskProgress = (fraction: number) => void;

/** Sends a part of a task's result before the task ends (its typed arrays' buffers in `transfer` are moved, not copied). */
export type TaskSend = (part: unknown, transfer?: Transferable[]) => void;

/** One replication's activity table, as sharedTables sends it. */
export interface TablePart {
  replication: number;
  table: ActivityTable;
}

/** Replications of the worker's scenario under a given behaviour, as long rows. */
export interface ReplicationsInput {
  indices: number[];
  behaviour: Behaviour;
  period: Period;
  /** The rate tables of the expected outcome under `behaviour` when the sender has them: the worker then skips that evaluation. */
  rates?: RateTable[];
}

/**
 * Replications taken one at a time from a counter shared with the other threads, until `count` are
 * taken: no thread waits for a message to get its next replication, and all finish within one
 * replication of each other.
 */
export interface SharedReplicationsInput {
  /** Element 0 is the next replication to take (Atomics.add). */
  next: Int32Array;
  count: number;
  behaviour: Behaviour;
  period: Period;
  rates?: RateTable[];
}

/** Replications to simulate only, from what the sender prepared: the worker prepares nothing. */
export interface SharedTablesInput extends SharedReplicationsInput {
  rates: RateTable[];
  /** What the microsimulation reads of the sender's prepared scenario, its population left out (the worker has it from its setup). */
  inputs: Omit<ReplicationInputs, 'population'>;
}

/**
 * The task kinds.
 * @example await pool.run('replications', { indices: [0, 1], behaviour, period: 'total' })
 */
export const TASKS = {
  /** Replication r of the result is replication r of a one-thread run: it depends only on the seed and r. */
  async replications(ctx: WorkerContext, input: ReplicationsInput, progress: TaskProgress): Promise<LongRow[][]> {
    const prepared = await ctx.prepared();
    const expected = expectedOf(ctx, prepared, input);
    const { replications } = runScenario(ctx.setup.scenario, { prepared, behaviour: input.behaviour, engine: 'micro', indices: input.indices, expected, onProgress: progress });
    return replications.map((o, i) => longRows(prepared, o, input.indices[i], ctx.setup.scenario.id, { period: input.period }));
  },
  /**
   * Replications taken from a shared counter (SharedReplicationsInput); progress is in replications
   * done by this worker (fractional), not a fraction of the task, whose size is not known beforehand.
   */
  async sharedReplications(ctx: WorkerContext, input: SharedReplicationsInput, progress: TaskProgress): Promise<{ indices: number[]; rows: LongRow[][] }> {
    const prepared = await ctx.prepared();
    const expected = expectedOf(ctx, prepared, input);
    const indices: number[] = [];
    const rows: LongRow[][] = [];
    for (let r = Atomics.add(input.next, 0, 1); r < input.count; r = Atomics.add(input.next, 0, 1)) {
      const done = indices.length;
      const { replications } = runScenario(ctx.setup.scenario, { prepared, behaviour: input.behaviour, engine: 'micro', indices: [r], expected, onProgress: (f) => progress(done + f) });
      indices.push(r);
      rows.push(longRows(prepared, replications[0], r, ctx.setup.scenario.id, { period: input.period }));
    }
    return { indices, rows };
  },
  /**
   * Replications taken from a shared counter like sharedReplications, but only simulated: each
   * one's activity table is sent (TablePart) as soon as it is done, and the thread that started the
   * pool settles it and writes its rows. The worker then runs, and compiles, nothing but the
   * microsimulation. Returns the replications it simulated.
   */
  async sharedTables(ctx: WorkerContext, input: SharedTablesInput, progress: TaskProgress, send: TaskSend): Promise<number[]> {
    const inputs: ReplicationInputs = { ...input.inputs, population: await ctx.population() };
    const { rates } = input;
    const indices: number[] = [];
    for (let r = Atomics.add(input.next, 0, 1); r < input.count; r = Atomics.add(input.next, 0, 1)) {
      const done = indices.length;
      const { table } = simulateReplication(inputs, rates, r, { onProgress: (month, months) => progress(done + month / months) });
      indices.push(r);
      send({ replication: r, table } satisfies TablePart, [table.data.buffer as ArrayBuffer]);
    }
    return indices;
  },
  /** A block of a PSA's draws (src/uncertainty/pool-task.ts). */
  psaDraws,
} satisfies Record<string, (ctx: WorkerContext, input: never, progress: TaskProgress, send: TaskSend) => unknown>;

/**
 * The expected outcome (the settlement's forecast) once per behaviour, not once per task. When the
 * sender gave its rate tables, they stand in for it: replications read nothing else of it.
 */
function expectedOf(ctx: WorkerContext, prepared: Prepared, input: { behaviour: Behaviour; rates?: RateTable[] }): Outcome {
  return ctx.memo(`expected ${behaviourKey(input.behaviour)}`, () => (input.rates ? ({ rates: input.rates, behaviour: input.behaviour } as Outcome) : evaluateExpected(prepared, input.behaviour)));
}

/** A behaviour's values as text: equal behaviours, equal keys. */
function behaviourKey(b: Behaviour): string {
  return [...b.effort, ...b.intensity].map((a) => a.join(',')).join(';');
}

/** A task's name. */
export type TaskKind = keyof typeof TASKS;
/** What a task kind takes. */
export type TaskInput<K extends TaskKind> = Parameters<(typeof TASKS)[K]>[1];
/** What a task kind gives back. */
export type TaskOutput<K extends TaskKind> = Awaited<ReturnType<(typeof TASKS)[K]>>;

/**
 * A worker's context over its setup; what is loaded is kept for the worker's life.
 * @example const ctx = workerContext({ scenario, file: 'scenarios/x.json' })
 */
export function workerContext(setup: WorkerSetup): WorkerContext {
  const kept = new Map<string, unknown>();
  const memo = <T>(key: string, make: () => T): T => {
    if (!kept.has(key)) kept.set(key, make());
    return kept.get(key) as T;
  };
  const population = () => memo('population', async () => setup.population ?? loadPopulationForScenario(setup.scenario, setup.file));
  return {
    setup,
    memo,
    population,
    prepared: () => memo('prepared', async () => prepare(setup.scenario, await population())),
  };
}
