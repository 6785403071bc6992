/**
 * Reproducible randomness with common random numbers.
 *
 * Each named stream has a key derived from `hash(seed, name)` by seedrandom. Draws are
 * counter-based: the uniforms for (stream, person, month) depend on nothing else, so changing the
 * payment design does not change who falls ill, drawing from one stream never shifts another, and
 * a worker can simulate any slice of people on its own. Never `Math.random()`.
 */
import seedrandom from 'seedrandom';

/** Names of the random streams used by the model; one per kind of chance event. */
export type StreamName = 'population' | 'care' | 'death' | 'outcomes' | 'replication';

/**
 * The 32-bit key of a named stream.
 * @example streamKey(42, 'care') // a fixed int in [0, 2^32)
 */
export function streamKey(seed: number, name: StreamName | string): number {
  return seedrandom(`${seed >>> 0}:${name}`).int32() >>> 0;
}

/** Avalanche finaliser of MurmurHash3: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A counter-based generator: `reset(person, month)` positions it, `next()` gives uniforms in [0,1).
 * The sequence after a reset is a Mulberry32 run seeded by a hash of (key, person, month).
 * @example const g = new CounterRng(streamKey(1, 'care')); g.reset(7, 0); g.next()
 */
export class CounterRng {
  private state = 0;
  constructor(readonly key: number) {}

  reset(person: number, month: number): void {
    this.state = fmix32(fmix32(this.key ^ Math.imul(person + 1, 0x9e3779b1)) ^ Math.imul(month + 1, 0x85ebca77));
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/**
 * A sequential seeded generator for set-up work (building a population): seedrandom's alea.
 * @example const r = sequentialRng(42, 'population'); r()
 */
export function sequentialRng(seed: number, name: StreamName | string): () => number {
  return seedrandom.alea(`${seed >>> 0}:${name}`);
}
