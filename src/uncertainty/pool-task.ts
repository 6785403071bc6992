/**
 * The PSA's task for the worker pool (src/cli/pool.ts): a block of draws of one run. Each worker
 * reads the run's designs once (kept under the run's id) and evaluates whatever blocks it is given.
 */
import type { Design } from './evaluate.js';
import { designsOf, type PsaJob, type PsaJobResult } from './jobs.js';
import { runDraws } from './psa.js';

export interface PsaDrawsInput {
  /** Identifies the run, so that a worker reads its designs once however many blocks it gets. */
  run: string;
  job: PsaJob;
}

/** The part of a pool worker's context the task uses. */
interface Keeper {
  memo<T>(key: string, make: () => T): T;
}

/**
 * Evaluate the job's draws in this worker.
 * @example await psaDraws(ctx, { run: 'r1', job }, () => {})
 */
export async function psaDraws(ctx: Keeper, input: PsaDrawsInput, progress: (fraction: number) => void): Promise<PsaJobResult> {
  const designs = await ctx.memo<Promise<Design[]>>(`psa:${input.run}`, () => designsOf(input.job.designs, input.job.models));
  return runDraws(designs, input.job.settings, input.job.draws, (done) => progress(done / Math.max(1, input.job.draws.length)));
}
