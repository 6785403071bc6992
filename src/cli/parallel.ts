/**
 * Replications in parallel on the machine's cores, with one progress figure: a worker pool
 * (src/cli/pool.ts) that loads the scenario once per worker and takes one replication at a time.
 */
import { availableParallelism } from 'node:os';
import type { Behaviour } from '../engine/model.js';
import type { LongRow, Period } from '../results/summary.js';
import type { Scenario } from '../scenario/types.js';
import type { Pool } from './pool.js';
import { createPool } from './pool.js';

export interface ParallelRun {
  scenario: Scenario;
  file: string;
  behaviour: Behaviour;
  replications: number;
  period: Period;
  workers?: number;
  /** A pool already started over the same scenario (kept open afterwards); otherwise one is started and closed. */
  pool?: Pool;
  onProgress?: (fraction: number) => void;
}

/**
 * Long rows of every replication, computed by up to one worker per core; replication r of the
 * result is replication r of a one-thread run.
 * @example const rows = await simulateInParallel({ scenario, file, behaviour, replications: 20, period: 'total' })
 */
export async function simulateInParallel(run: ParallelRun): Promise<LongRow[][]> {
  const pool = run.pool ?? createPool({ setup: { scenario: run.scenario, file: run.file }, workers: Math.min(run.workers ?? availableParallelism(), run.replications) });
  const fractions = new Float64Array(run.replications);
  let reported = 0;
  const report = () => {
    // A figure that only grows, at most a few hundred times a run.
    const f = fractions.reduce((a, b) => a + b, 0) / run.replications;
    if (f - reported >= 0.002 || f === 1) run.onProgress?.((reported = f));
  };
  try {
    // One replication per task: a worker that finishes early takes the next one.
    return await Promise.all(
      Array.from({ length: run.replications }, (_, r) =>
        pool
          .run('replications', { indices: [r], behaviour: run.behaviour, period: run.period }, (f) => {
            fractions[r] = f;
            report();
          })
          .then((rows) => {
            fractions[r] = 1;
            report();
            return rows[0];
          }),
      ),
    );
  } finally {
    if (!run.pool) await pool.close();
  }
}
