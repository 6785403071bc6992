/**
 * A PSA job spread over worker threads: each loads the designs and models once and runs a
 * contiguous block of the draws; the blocks come back in draw order, so the result is the one of a
 * single thread whatever the number of workers.
 */
import { Worker } from 'node:worker_threads';
import { runJob, type PsaJob, type PsaJobResult } from './jobs.js';
import { shardDraws } from './psa.js';
import type { PsaWorkerMessage } from './psa-worker.js';

/**
 * Run `job` on `workers` threads (1: in this thread).
 * @example const { keys, results } = await runInWorkers(job, 2)
 */
export async function runInWorkers(job: PsaJob, workers: number, onProgress?: (fraction: number) => void): Promise<PsaJobResult> {
  const total = job.draws.length;
  const count = Math.max(1, Math.min(workers, total));
  if (count === 1) return runJob(job, (done) => onProgress?.(done / Math.max(1, total)));
  const blocks = Array.from({ length: count }, (_, w) => shardDraws(total, w + 1, count).map((i) => job.draws[i]));
  const done = new Float64Array(count);
  const parts = await Promise.all(
    blocks.map(
      (draws, w) =>
        new Promise<PsaJobResult>((resolve, reject) => {
          const worker = new Worker(new URL('../cli/worker-boot.mjs', import.meta.url), {
            workerData: { entry: new URL('./psa-worker.ts', import.meta.url).href, job: { ...job, draws } satisfies PsaJob },
          });
          worker.on('message', (m: PsaWorkerMessage) => {
            if (m.kind === 'progress') {
              done[w] = m.done;
              onProgress?.(done.reduce((a, b) => a + b, 0) / total);
            } else {
              void worker.terminate();
              if (m.kind === 'done') resolve(m.result);
              else reject(new Error(m.message));
            }
          });
          worker.on('error', reject);
        }),
    ),
  );
  const keys = parts.find((p) => p.keys.every((k) => k.length > 0))?.keys ?? parts[0].keys;
  return { keys, results: parts.flatMap((p) => p.results) };
}
