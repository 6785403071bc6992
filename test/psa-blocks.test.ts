/**
 * How a PSA's draws are cut into blocks for the worker threads: enough blocks that the workers
 * finish close together, none longer than 16 draws, every draw in exactly one block.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockCount, runInWorkers } from '../src/cli/psa-parallel.js';
import { shardDraws } from '../src/uncertainty/psa.js';
import { runJob, type PsaJob } from '../src/uncertainty/jobs.js';
import { loadModels } from '../src/scenario/load.js';

describe('PSA blocks for the workers', () => {
  it.each([
    [1000, 2, 63],
    [1000, 8, 64],
    [100, 2, 16],
    [10, 2, 10],
    [3, 4, 3],
  ])('%i draws on %i workers: %i blocks', (draws, workers, blocks) => {
    expect(blockCount(draws, workers)).toBe(blocks);
    const cut = Array.from({ length: blocks }, (_, b) => shardDraws(draws, b + 1, blocks));
    expect(cut.flat()).toEqual(Array.from({ length: draws }, (_, d) => d));
    expect(Math.max(...cut.map((c) => c.length))).toBeLessThanOrEqual(16);
    expect(Math.min(...cut.map((c) => c.length))).toBeGreaterThanOrEqual(1);
  });

  it('gives the draws of one thread, in order, when the blocks are capped at 16 draws', async () => {
    const raw = JSON.parse(readFileSync('test/fixtures/minimal-scenario.json', 'utf8'));
    raw.population.size = 500;
    raw.simulation.years = 1;
    raw.uncertainty = { parameters: [{ path: 'payment.components[3].price', distribution: { type: 'uniform', min: 20000, max: 40000 }, source: 'ASSUMPTION (test)' }] };
    const draws = 272;
    // 272 draws on two workers: 17 blocks of 16, more than the eight per worker.
    expect(blockCount(draws, 2)).toBe(17);
    const job: PsaJob = { designs: [{ raw, file: 'test/fixtures/minimal-scenario.json' }], models: await loadModels(), settings: { draws, seed: 2, engine: 'expected', replications: 0, gap: false }, draws: Array.from({ length: draws }, (_, d) => d) };
    const two = await runInWorkers(job, 2);
    expect(JSON.stringify(two)).toBe(JSON.stringify(await runJob(job)));
  }, 120_000);
});
