/** A worker thread running one share of a PSA's draws (see parallel.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type PsaJob, type PsaJobResult } from './jobs.js';

export type PsaWorkerMessage = { kind: 'progress'; done: number } | { kind: 'done'; result: PsaJobResult } | { kind: 'error'; message: string };

const job = workerData.job as PsaJob;
try {
  const result = await runJob(job, (done) => parentPort!.postMessage({ kind: 'progress', done } satisfies PsaWorkerMessage));
  parentPort!.postMessage({ kind: 'done', result } satisfies PsaWorkerMessage);
} catch (error) {
  parentPort!.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) } satisfies PsaWorkerMessage);
}
