/**
 * src/random.ts writes out seedrandom's two generators the model uses; they must give the
 * package's numbers exactly, or every fixed-seed result would move.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { sequentialRng, streamKey } from '../src/random.js';

const NAMES = ['population', 'care', 'death', 'outcomes', 'history', 'replication', '', 'å', 'a-much-longer-stream-name-than-any-the-model-uses-'.repeat(8)];
const SEEDS = [0, 1, 42, 2 ** 31, 2 ** 32 - 1, -1, 123456789];

describe('seeded generators', () => {
  it('streamKey is the first int32 of seedrandom for the seed and name', () => {
    for (const seed of SEEDS) {
      for (const name of NAMES) expect(streamKey(seed, name)).toBe(seedrandom(`${seed >>> 0}:${name}`).int32() >>> 0);
    }
    for (let seed = 0; seed < 2000; seed++) expect(streamKey(seed, 'care')).toBe(seedrandom(`${seed}:care`).int32() >>> 0);
  });

  it('sequentialRng draws what seedrandom.alea draws', () => {
    for (const seed of SEEDS) {
      for (const name of NAMES) {
        const ours = sequentialRng(seed, name);
        const theirs = seedrandom.alea(`${seed >>> 0}:${name}`);
        for (let i = 0; i < 50; i++) expect(ours()).toBe(theirs());
      }
    }
  });
});
