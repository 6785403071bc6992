// seedrandom's generators as single files (src/random.ts takes two of them); typed by @types/seedrandom.
declare module 'seedrandom/seedrandom.js' {
  import type seedrandom from 'seedrandom';
  const arc4: (seed?: string) => seedrandom.PRNG;
  export default arc4;
}
declare module 'seedrandom/lib/alea.js' {
  import type seedrandom from 'seedrandom';
  const alea: seedrandom['alea'];
  export default alea;
}
