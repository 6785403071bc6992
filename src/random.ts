/**
 * Reproducible randomness with common random numbers.
 *
 * Each named stream has a key derived from `hash(seed, name)` by seedrandom. Draws are
 * counter-based: the uniforms for (stream, person, month) depend on nothing else, so changing the
 * payment design does not change who falls ill, drawing from one stream never shifts another, and
 * a worker can simulate any slice of people on its own. Never the unseeded platform generator.
 */

/** Names of the random streams used by the model; one per kind of chance event. */
export type StreamName = 'population' | 'care' | 'death' | 'outcomes' | 'history' | 'replication';

/**
 * The 32-bit key of a named stream.
 * @example streamKey(42, 'care') // a fixed int in [0, 2^32)
 */
export function streamKey(seed: number, name: StreamName | string): number {
  return arc4Int32(`${seed >>> 0}:${name}`) >>> 0;
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

// seedrandom's two generators the model uses, written out (seedrandom 3.0.5, MIT, David Bau; Alea
// by Johannes Baagøe), so the web app's worker ships these lines and not the package's module
// glue, entropy pool and six other generators. test/random.test.ts checks them against the package.

/** The first int32 of seedrandom(text): RC4-drop[256] keyed by the text's characters. */
function arc4Int32(text: string): number {
  const key: number[] = [];
  let smear = 0;
  for (let j = 0; j < text.length; j++) key[j & 255] = 255 & ((smear ^= (key[j & 255] ?? 0) * 19) + text.charCodeAt(j));
  const s = Array.from({ length: 256 }, (_, i) => i);
  const keylen = key.length || 1;
  if (key.length === 0) key.push(0);
  for (let i = 0, j = 0; i < 256; i++) {
    const t = s[i];
    j = 255 & (j + key[i % keylen] + t);
    s[i] = s[j];
    s[j] = t;
  }
  let i = 0;
  let j = 0;
  let r = 0;
  // 256 bytes dropped, then the four of the int32.
  for (let n = 0; n < 260; n++) {
    i = 255 & (i + 1);
    const t = s[i];
    j = 255 & (j + t);
    s[i] = s[j];
    s[j] = t;
    r = n < 256 ? 0 : r * 256 + s[255 & (s[i] + t)];
  }
  return r | 0;
}

/** seedrandom.alea(text): Baagøe's Alea seeded with his Mash hash. */
function alea(text: string): () => number {
  let n = 0xefc8249d;
  const mash = (data: string): number => {
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * 2.3283064365386963e-10;
  };
  let s0 = mash(' ');
  let s1 = mash(' ');
  let s2 = mash(' ');
  let c = 1;
  s0 -= mash(text);
  if (s0 < 0) s0 += 1;
  s1 -= mash(text);
  if (s1 < 0) s1 += 1;
  s2 -= mash(text);
  if (s2 < 0) s2 += 1;
  return () => {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    return (s2 = t - (c = t | 0));
  };
}
