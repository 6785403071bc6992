/**
 * A PSA job spread over the worker pool (src/cli/pool.ts): blocks of draws go to whichever worker
 * is free; each worker reads the designs once. The blocks come back in draw order, so the result is
 * the one of a single thread whatever the number of workers.
 */
import { scenarioOrThrow, validateScenario } from '../scenario/validate.js';
import { runJob, type PsaJob, type PsaJobResult } from '../uncertainty/jobs.js';
import { shardDraws } from '../uncertainty/psa.js';
import { createPool } from './pool.js';

let runs = 0;

/**
 * Run `job` on `workers` threads (1: in this thread).
 * @example const { keys, results } = await runInWorkers(job, 2)
 */
export async function runInWorkers(job: PsaJob, workers: number, onProgress?: (fraction: number) => void): Promise<PsaJobResult> {
  const total = job.draws.length;
  const count = Math.max(1, Math.min(workers, total));
  if (count === 1) return runJob(job, (done) => onProgress?.(done / Math.max(1, total)));
  const [first] = job.designs;
  const pool = createPool({ setup: { scenario: scenarioOrThrow(validateScenario(first.raw, { models: job.models })), file: first.file }, workers: count });
  // Several blocks per worker, so a worker that finishes early takes another.
  const blocks = Math.min(total, count * 4);
  const done = new Float64Array(blocks);
  const run = `${process.pid}-${++runs}`;
  try {
    const parts = await Promise.all(
      Array.from({ length: blocks }, (_, b) => {
        const draws = shardDraws(total, b + 1, blocks).map((i) => job.draws[i]);
        return pool.run('psaDraws', { run, job: { ...job, draws } }, (f) => {
          done[b] = f * draws.length;
          onProgress?.(done.reduce((a, x) => a + x, 0) / total);
        });
      }),
    );
    const keys = parts.find((p) => p.keys.every((k) => k.length > 0))?.keys ?? parts[0].keys;
    return { keys, results: parts.flatMap((p) => p.results) };
  } finally {
    await pool.close();
  }
}
