/**
 * Replications in parallel on the machine's cores, with one progress figure: a worker pool
 * (src/cli/pool.ts) that loads the scenario once per worker; every thread takes one replication at a
 * time from a counter they share.
 * Given the scenario already prepared, this thread computes replications too, so `workers: 2` is
 * this thread and one worker thread: one start-up fewer, and no thread waits idle.
 */
import { availableParallelism } from 'node:os';
import type { Behaviour } from '../engine/model.js';
import type { LongRow, Period } from '../results/summary.js';
import { longRows } from '../results/summary.js';
import type { Outcome, Prepared } from '../run.js';
import { evaluateExpected, replicationInputs, runScenario, settleReplication } from '../run.js';
import type { Scenario } from '../scenario/types.js';
import type { ActivityTable } from '../engine/activity.js';
import type { SharedTablesInput, TablePart } from './pool-tasks.js';
import type { Pool, WorkerSetup } from './pool.js';
import { createPool } from './pool.js';

export interface ParallelRun {
  scenario: Scenario;
  file: string;
  behaviour: Behaviour;
  replications: number;
  period: Period;
  /** Threads computing replications, this one included when `prepared` is given; default one per core. */
  workers?: number;
  /** The scenario prepared in this thread: it then takes replications as well. */
  prepared?: Prepared;
  /** The expected outcome under `behaviour` when the caller has it (this thread then need not evaluate it again). */
  expected?: Outcome;
  /** A pool already started over the same scenario (kept open afterwards); otherwise one is started and closed. */
  pool?: Pool;
  onProgress?: (fraction: number) => void;
}

/**
 * What a worker's sharedTables reads of a scenario prepared here: the microsimulation's inputs
 * without the population, which each worker loaded at its setup (sent again, it would be copied).
 * @example await pool.run('sharedTables', { ...input, rates, inputs: tablesInputs(prepared) })
 */
export function tablesInputs(prepared: Prepared): SharedTablesInput['inputs'] {
  const { model, cells, extras, episodeWindow, seed } = replicationInputs(prepared);
  return { model, cells, extras, episodeWindow, seed };
}

/**
 * The worker threads of a run with `threads` threads computing replications, this one included,
 * started before this thread prepares the scenario: each loads the bundle meanwhile, instead of
 * after. None when `threads` is 1. Close it when done.
 * @example const pool = startWorkers({ scenario, file, population }, 2); try { … } finally { await pool?.close() }
 */
export function startWorkers(setup: WorkerSetup, threads: number): Pool | undefined {
  return threads > 1 ? createPool({ setup, workers: threads - 1 }) : undefined;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Long rows of every replication, computed by up to one thread per core; replication r of the
 * result is replication r of a one-thread run.
 * @example const rows = await simulateInParallel({ scenario, file, behaviour, replications: 20, period: 'total', prepared })
 */
export async function simulateInParallel(run: ParallelRun): Promise<LongRow[][]> {
  const n = run.replications;
  const threads = Math.max(1, Math.min(run.workers ?? availableParallelism(), n));
  const local = run.prepared !== undefined;
  const pool = run.pool ?? (threads > (local ? 1 : 0) ? createPool({ setup: { scenario: run.scenario, file: run.file, population: run.prepared?.population }, workers: threads - (local ? 1 : 0) }) : undefined);
  // Every thread takes its next replication from this counter: none waits for a message to get one.
  const next = new Int32Array(new SharedArrayBuffer(4));
  const take = () => {
    const r = Atomics.add(next, 0, 1);
    return r < n ? r : -1;
  };
  const stop = () => Atomics.store(next, 0, n); // no thread starts another replication
  const done = new Float64Array(pool ? pool.size + 1 : 1);
  let reported = 0;
  const report = () => {
    // A figure that only grows, at most a few hundred times a run.
    const f = Math.min(1, done.reduce((a, b) => a + b, 0) / n);
    if (f - reported >= 0.002 || f === 1) run.onProgress?.((reported = f));
  };
  const rows: LongRow[][] = new Array(n);
  // This thread's expected outcome: its rate tables go to the workers, which then need not evaluate it again.
  const expected = run.prepared ? (run.expected ?? evaluateExpected(run.prepared, run.behaviour)) : undefined;
  const remote = async (slot: number) => {
    const input = { next, count: n, behaviour: run.behaviour, period: run.period, rates: expected?.rates };
    const progress = (f: number) => {
      done[slot] = f;
      report();
    };
    if (run.prepared && expected) {
      // The worker only simulates, from a copy of what the microsimulation reads of this thread's
      // prepared scenario (it prepares nothing, and compiles little); this thread settles each table
      // as it arrives, in between its own replications, and writes its rows.
      const prepared = run.prepared;
      let failed: { error: unknown } | undefined;
      await pool!.run('sharedTables', { ...input, rates: expected.rates, inputs: tablesInputs(prepared) } satisfies SharedTablesInput, progress, (part) => {
        if (failed) return;
        try {
          const { replication: r, table: t } = part as TablePart;
          // The same shape as tables made here (createActivityTable): settling code sees one kind of object.
          const table: ActivityTable = { months: t.months, catchments: t.catchments, cols: t.cols, data: t.data };
          rows[r] = longRows(prepared, settleReplication(prepared, { table }, expected.rates, run.behaviour), r, run.scenario.id, { period: run.period });
        } catch (error) {
          failed = { error };
          stop();
        }
      });
      if (failed) throw failed.error;
      return;
    }
    const got = await pool!.run('sharedReplications', input, progress);
    got.indices.forEach((r, i) => (rows[r] = got.rows[i]));
  };
  const here = async (prepared: Prepared) => {
    const slot = done.length - 1;
    for (let count = 0; ; count++) {
      await nextTurn(); // let the workers' progress in between replications
      const r = take();
      if (r < 0) return;
      const onProgress = (f: number) => {
        done[slot] = count + f;
        report();
      };
      const { replications } = runScenario(run.scenario, { prepared, behaviour: run.behaviour, engine: 'micro', indices: [r], expected, onProgress });
      rows[r] = longRows(prepared, replications[0], r, run.scenario.id, { period: run.period });
    }
  };
  try {
    const stopOnError = (error: unknown) => {
      stop();
      throw error;
    };
    const loops = pool ? Array.from({ length: pool.size }, (_, slot) => remote(slot).catch(stopOnError)) : [];
    await Promise.all(run.prepared ? [...loops, here(run.prepared).catch(stopOnError)] : loops);
    return rows;
  } finally {
    if (pool && !run.pool) await pool.close();
  }
}
