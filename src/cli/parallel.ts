/**
 * Replications in parallel on the machine's cores, with one progress figure: a worker pool
 * (src/cli/pool.ts) that loads the scenario once per worker and takes one replication at a time.
 * Given the scenario already prepared, this thread computes replications too, so `workers: 2` is
 * this thread and one worker thread: one start-up fewer, and no thread waits idle.
 */
import { availableParallelism } from 'node:os';
import type { Behaviour } from '../engine/model.js';
import type { LongRow, Period } from '../results/summary.js';
import { longRows } from '../results/summary.js';
import type { Prepared } from '../run.js';
import { evaluateExpected, runScenario } from '../run.js';
import type { Scenario } from '../scenario/types.js';
import type { Pool } from './pool.js';
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
  /** A pool already started over the same scenario (kept open afterwards); otherwise one is started and closed. */
  pool?: Pool;
  onProgress?: (fraction: number) => void;
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
  // A worker holds two tasks when this thread computes too: it may be busy when a worker finishes.
  const prefetch = local ? 2 : 1;
  const pool = run.pool ?? (threads > (local ? 1 : 0) ? createPool({ setup: { scenario: run.scenario, file: run.file, population: run.prepared?.population }, workers: threads - (local ? 1 : 0), prefetch }) : undefined);
  const fractions = new Float64Array(n);
  let reported = 0;
  const report = () => {
    // A figure that only grows, at most a few hundred times a run.
    const f = fractions.reduce((a, b) => a + b, 0) / n;
    if (f - reported >= 0.002 || f === 1) run.onProgress?.((reported = f));
  };
  const progress = (r: number) => (f: number) => {
    fractions[r] = f;
    report();
  };
  const rows: LongRow[][] = new Array(n);
  let next = 0;
  const take = () => (next < n ? next++ : -1);
  // Each loop keeps one task in the pool; a worker finishing takes the next replication.
  const remote = async () => {
    for (let r = take(); r >= 0; r = take()) rows[r] = (await pool!.run('replications', { indices: [r], behaviour: run.behaviour, period: run.period }, progress(r)))[0];
  };
  const here = async (prepared: Prepared) => {
    const expected = evaluateExpected(prepared, run.behaviour);
    for (;;) {
      await nextTurn(); // let the workers' replies in, and hand out their next tasks, between replications
      const r = take();
      if (r < 0) return;
      const { replications } = runScenario(run.scenario, { prepared, behaviour: run.behaviour, engine: 'micro', indices: [r], expected, onProgress: progress(r) });
      rows[r] = longRows(prepared, replications[0], r, run.scenario.id, { period: run.period });
    }
  };
  try {
    const stopOnError = (error: unknown) => {
      next = n; // no thread starts another replication
      throw error;
    };
    const loops = pool ? Array.from({ length: pool.size * prefetch }, () => remote().catch(stopOnError)) : [];
    await Promise.all(run.prepared ? [...loops, here(run.prepared).catch(stopOnError)] : loops);
    return rows;
  } finally {
    if (pool && !run.pool) await pool.close();
  }
}
