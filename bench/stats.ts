/**
 * Small statistics for the bench: medians, paired ratios, fitted growth exponents, timing.
 */

/** Median of a non-empty list. @example median([3, 1, 2]) // 2 */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Rounded for the JSON file: 3 significant digits. @example round3(1234.5) // 1230 */
export function round3(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const p = 10 ** (2 - Math.floor(Math.log10(Math.abs(x))));
  return Math.round(x * p) / p;
}

/**
 * Exponent b of t ∝ size^b from two points.
 * @example exponent(10, 100, 1, 10) // 1
 */
export function exponent(size1: number, size2: number, t1: number, t2: number): number {
  return Math.log(t2 / t1) / Math.log(size2 / size1);
}

/**
 * Milliseconds of `fn`, run `runs` times after `warmup` runs; the median and every run.
 * @example timeIt(() => work(), 10).median
 */
export function timeIt(fn: () => unknown, runs: number, warmup = 2): { median: number; runs: number[] } {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return { median: median(out), runs: out };
}

/**
 * Two functions timed in turn (A B A B …) and their ratio pair by pair, so a change of the
 * machine's speed during the run hits both alike.
 * @example paired(() => engine(), () => reference(), 9).ratio
 */
export function paired(a: () => unknown, b: () => unknown, runs: number, warmup = 2): { a: number; b: number; ratio: number; ratios: number[]; runsA: number[]; runsB: number[] } {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    b();
    tb.push(performance.now() - t0);
  }
  const ratios = ta.map((t, i) => t / tb[i]);
  return { a: median(ta), b: median(tb), ratio: median(ratios), ratios, runsA: ta, runsB: tb };
}
