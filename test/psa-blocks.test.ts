/**
 * How a PSA's draws are cut into blocks for the worker threads: enough blocks that the workers
 * finish close together, none longer than 16 draws, every draw in exactly one block.
 */
import { describe, expect, it } from 'vitest';
import { blockCount } from '../src/cli/psa-parallel.js';
import { shardDraws } from '../src/uncertainty/psa.js';

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
});
