/**
 * Reproducible randomness with common random numbers.
 *
 * Each named stream has a key derived from `hash(seed, name)` by seedrandom. Draws are
 * counter-based: the uniforms for (stream, person, month) depend on nothing else, so changing the
 * payment design does not change who falls ill, drawing from one stream never shifts another, and
 * a worker can simulate any slice of people on its own. Never the unseeded platform generator.
 */
// The two generators used, not the package's index, which brings six more along.
import arc4 from 'seedrandom/seedrandom.js';
import alea from 'seedrandom/lib/alea.js';

/** Names of the random streams used by the model; one per kind of chance event. */
export type StreamName = 'population' | 'care' | 'death' | 'outcomes' | 'history' | 'replication';

/**
 * The 32-bit key of a named stream.
 * @example streamKey(42, 'care') // a fixed int in [0, 2^32)
 */
export function streamKey(seed: number, name: StreamName | string): number {
  return arc4(`${seed >>> 0}:${name}`).int32() >>> 0;
}

/** Avalanche finaliser of MurmurHash3: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a month, mixed once per month and shared by every person. */
export function monthHash(month: number): number {
  return fmix32(Math.imul(month + 1, 0x85ebca77) ^ 0x5bd1e995);
}

/** Hash of (person, month), the root of all of that person-month's draws in every stream. */
export function personMonthHash(person: number, monthKey: number): number {
  return fmix32(Math.imul(person + 1, 0x9e3779b1) ^ monthKey);
}

/**
 * Root of one stream's draws for a person-month. The person-month hash is already fully mixed,
 * so XOR with the stream's random key separates streams without another round.
 */
export function streamRoot(personMonth: number, key: number): number {
  return (personMonth ^ key) >>> 0;
}

/**
 * The index-th uniform in [0,1) of a stream root: a hashed Weyl sequence (as in SplitMix), so any
 * draw can be taken without taking the ones before it.
 */
export function uniformAt(root: number, index: number): number {
  return fmix32((root + Math.imul(index + 1, 0x9e3779b9)) | 0) / 4294967296;
}

/**
 * A counter-based generator: `reset(person, month)` positions it, `next()` gives uniforms in [0,1),
 * `at(i)` the i-th one directly. Draws depend only on (stream key, person, month, index).
 * @example const g = new CounterRng(streamKey(1, 'care')); g.reset(7, 0); g.next()
 */
export class CounterRng {
  private root = 0;
  private index = 0;
  constructor(readonly key: number) {}

  reset(person: number, month: number): void {
    this.root = streamRoot(personMonthHash(person, monthHash(month)), this.key);
    this.index = 0;
  }

  next(): number {
    return uniformAt(this.root, this.index++);
  }

  at(index: number): number {
    return uniformAt(this.root, index);
  }
}

/**
 * A sequential seeded generator for set-up work (building a population): seedrandom's alea.
 * @example const r = sequentialRng(42, 'population'); r()
 */
export function sequentialRng(seed: number, name: StreamName | string): () => number {
  return alea(`${seed >>> 0}:${name}`);
}
