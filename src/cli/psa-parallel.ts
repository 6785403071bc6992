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
  // One block held per worker (no prefetch): this thread is idle and hands out the next at once,
  // and a block held in reserve by a busy worker would keep an idle one waiting at the end.
  const pool = createPool({ setup: { scenario: scenarioOrThrow(validateScenario(first.raw, { models: job.models })), file: first.file }, workers: count });
  const blocks = blockCount(total, count);
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

/** Draws per block at most: a region draw takes about a tenth of a second, so a block is under two seconds. */
const MAX_BLOCK = 16;

/**
 * How many blocks `total` draws are cut into for `workers` threads: at least eight per worker, so a
 * worker that finishes early (a slower draw elsewhere, a core shared with another process) takes
 * another and the last blocks end close together, and blocks of at most MAX_BLOCK draws for long
 * runs. A block costs one message each way; the designs are read once per worker, not per block.
 * @example blockCount(1000, 2) // 63
 */
export function blockCount(total: number, workers: number): number {
  return Math.min(total, Math.max(workers * 8, Math.ceil(total / MAX_BLOCK)));
}
