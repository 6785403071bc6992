/**
 * Replications in parallel on the machine's cores (worker threads), with one progress figure.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Behaviour } from '../engine/model.js';
import type { LongRow, Period } from '../results/summary.js';
import type { Scenario } from '../scenario/types.js';
import type { ReplicationJob, ReplicationMessage } from './replication-worker.js';

export interface ParallelRun {
  scenario: Scenario;
  file: string;
  behaviour: Behaviour;
  replications: number;
  period: Period;
  workers?: number;
  onProgress?: (fraction: number) => void;
}

/**
 * Long rows of every replication, computed by up to one worker per core; replication r of the
 * result is replication r of a one-thread run.
 * @example const rows = await simulateInParallel({ scenario, file, behaviour, replications: 20, period: 'total' })
 */
export async function simulateInParallel(run: ParallelRun): Promise<LongRow[][]> {
  const count = Math.max(1, Math.min(run.workers ?? availableParallelism(), run.replications));
  const shares: number[][] = Array.from({ length: count }, () => []);
  for (let r = 0; r < run.replications; r++) shares[r % count].push(r);
  const fractions = new Float64Array(count);
  const report = () => run.onProgress?.(fractions.reduce((a, f, w) => a + f * shares[w].length, 0) / run.replications);
  const results = await Promise.all(
    shares.map(
      (indices, w) =>
        new Promise<LongRow[][]>((resolve, reject) => {
          const job: ReplicationJob = { scenario: run.scenario, file: run.file, behaviour: run.behaviour, indices, period: run.period };
          const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
            workerData: { entry: new URL('./replication-worker.ts', import.meta.url).href, job },
          });
          worker.on('message', (m: ReplicationMessage) => {
            if (m.kind === 'progress') {
              fractions[w] = m.fraction;
              report();
            } else if (m.kind === 'done') {
              resolve(m.rows);
              void worker.terminate();
            } else {
              reject(new Error(m.message));
              void worker.terminate();
            }
          });
          worker.on('error', reject);
        }),
    ),
  );
  const rows: LongRow[][] = new Array(run.replications);
  shares.forEach((indices, w) => indices.forEach((r, i) => (rows[r] = results[w][i])));
  return rows;
}
