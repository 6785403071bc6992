/**
 * A worker thread that simulates some of a run's replications and sends back their long rows.
 * Replication r depends only on the seed and r, so splitting them over workers gives the same
 * numbers as one thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Behaviour } from '../engine/model.js';
import { loadPopulationForScenario } from '../population/load-csv.js';
import type { LongRow, Period } from '../results/summary.js';
import { longRows } from '../results/summary.js';
import { prepare, simulate } from '../run.js';
import type { Scenario } from '../scenario/types.js';

/** What the main thread sends. */
export interface ReplicationJob {
  scenario: Scenario;
  file: string;
  behaviour: Behaviour;
  indices: number[];
  period: Period;
}

/** What the worker sends back: progress as it goes, then the rows of every replication. */
export type ReplicationMessage = { kind: 'progress'; fraction: number } | { kind: 'done'; rows: LongRow[][] } | { kind: 'error'; message: string };

const job = workerData.job as ReplicationJob;
try {
  const population = await loadPopulationForScenario(job.scenario, job.file);
  const prepared = prepare(job.scenario, population);
  const { replications } = simulate(prepared, {
    behaviour: job.behaviour,
    indices: job.indices,
    onProgress: (fraction) => parentPort!.postMessage({ kind: 'progress', fraction } satisfies ReplicationMessage),
  });
  const rows = replications.map((o, i) => longRows(prepared, o, job.indices[i], job.scenario.id, { period: job.period }));
  parentPort!.postMessage({ kind: 'done', rows } satisfies ReplicationMessage);
} catch (error) {
  parentPort!.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) } satisfies ReplicationMessage);
}
