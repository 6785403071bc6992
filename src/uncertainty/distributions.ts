/**
 * Distributions of uncertain parameters: their quantile functions, and seeded draws taken through
 * them. A draw is the quantile of a counter-based uniform (src/random.ts) keyed by the run's seed,
 * the parameter's path and the draw's number, so draw d of a parameter is the same in every design
 * that has it (common draws) and on any thread or shard.
 */
import { CounterRng, streamKey } from '../random.js';

export type Distribution =
  | { type: 'normal'; mean: number; sd: number }
  /** mean and sd of the value itself (not of its log). */
  | { type: 'lognormal'; mean: number; sd: number }
  /** alpha and beta, or mean and sd (converted by the method of moments). */
  | { type: 'beta'; alpha?: number; beta?: number; mean?: number; sd?: number }
  /** shape and scale, or mean and sd. */
  | { type: 'gamma'; shape?: number; scale?: number; mean?: number; sd?: number }
  | { type: 'uniform'; min: number; max: number }
  | { type: 'triangular'; min: number; mode: number; max: number }
  /**
   * Beta-PERT on [min, max] with its most likely value at mode: a beta of shape 1 + 4·(mode − min)/(max − min),
   * 1 + 4·(max − mode)/(max − min), stretched to the range; mean (min + 4·mode + max)/6.
   */
  | { type: 'pert'; min: number; mode: number; max: number }
  /** A finite set of values, equally likely unless weighted; one value is a point mass. */
  | { type: 'discrete'; values: number[]; weights?: number[] };

export type DistributionType = Distribution['type'];
export const DISTRIBUTION_TYPES: readonly DistributionType[] = ['normal', 'lognormal', 'beta', 'gamma', 'uniform', 'triangular', 'pert', 'discrete'];

/** The default low and high of one-way analysis: the 2.5 and 97.5 % points. */
export const LOW_P = 0.025;
export const HIGH_P = 0.975;

/**
 * Standard normal quantile: Acklam's rational approximation (relative error below 1.2e-9 across
 * (0, 1), far inside any parameter's uncertainty).
 * @example normalQuantile(0.975) // 1.95996398…
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}

function logGamma(x: number): number {
  // Lanczos approximation, g = 7, n = 9.
  const g = [0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.61503916999186, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = g[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += g[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized incomplete beta I_x(a, b): Numerical Recipes' continued fraction (betacf, modified Lentz). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
  let h = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = 1 + num / c;
    c = Math.abs(c) < tiny ? tiny : c;
    h *= d * c;
    num = -((a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = 1 + num / c;
    c = Math.abs(c) < tiny ? tiny : c;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (front * h) / a;
}

/** Regularized lower incomplete gamma P(a, x): series below a + 1, continued fraction above. */
function incompleteGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  const lg = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - lg);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    d = Math.abs(d) < tiny ? tiny : d;
    c = b + an / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - lg) * h;
}

/** Invert a continuous increasing CDF on [lo, hi] by bisection to double precision. */
function invert(cdf: (x: number) => number, p: number, lo: number, hi: number): number {
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo), Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Beta's alpha and beta, from either form. */
export function betaShape(d: Extract<Distribution, { type: 'beta' }>): { alpha: number; beta: number } {
  if (d.alpha !== undefined && d.beta !== undefined) return { alpha: d.alpha, beta: d.beta };
  const m = d.mean ?? NaN;
  const v = (d.sd ?? NaN) ** 2;
  const k = (m * (1 - m)) / v - 1;
  return { alpha: m * k, beta: (1 - m) * k };
}

/** Gamma's shape and scale, from either form. */
export function gammaShape(d: Extract<Distribution, { type: 'gamma' }>): { shape: number; scale: number } {
  if (d.shape !== undefined && d.scale !== undefined) return { shape: d.shape, scale: d.scale };
  const m = d.mean ?? NaN;
  const s = d.sd ?? NaN;
  return { shape: (m * m) / (s * s), scale: (s * s) / m };
}

/**
 * A PERT's beta shape (the classic λ = 4 weight on the mode).
 * @example pertShape({ type: 'pert', min: 0, mode: 0.5, max: 1 }) // { alpha: 3, beta: 3 }
 */
export function pertShape(d: Extract<Distribution, { type: 'pert' }>): { alpha: number; beta: number } {
  const width = d.max - d.min;
  return { alpha: 1 + (4 * (d.mode - d.min)) / width, beta: 1 + (4 * (d.max - d.mode)) / width };
}

/**
 * The p-quantile of a distribution (p in (0, 1)).
 * @example quantile({ type: 'uniform', min: 0, max: 10 }, 0.25) // 2.5
 */
export function quantile(d: Distribution, p: number): number {
  switch (d.type) {
    case 'normal':
      return d.sd === 0 ? d.mean : d.mean + d.sd * normalQuantile(p);
    case 'lognormal': {
      if (d.sd === 0) return d.mean;
      const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      return Math.exp(Math.log(d.mean) - s2 / 2 + Math.sqrt(s2) * normalQuantile(p));
    }
    case 'beta': {
      const { alpha, beta } = betaShape(d);
      return invert((x) => incompleteBeta(x, alpha, beta), p, 0, 1);
    }
    case 'gamma': {
      const { shape, scale } = gammaShape(d);
      let hi = shape * scale + 10 * Math.sqrt(shape) * scale + scale;
      while (incompleteGamma(shape, hi / scale) < p) hi *= 2;
      return invert((x) => incompleteGamma(shape, x / scale), p, 0, hi);
    }
    case 'uniform':
      return d.min + p * (d.max - d.min);
    case 'triangular': {
      const { min, mode, max } = d;
      if (max === min) return min;
      const f = (mode - min) / (max - min);
      return p < f ? min + Math.sqrt(p * (max - min) * (mode - min)) : max - Math.sqrt((1 - p) * (max - min) * (max - mode));
    }
    case 'pert': {
      if (d.max === d.min) return d.min;
      const { alpha, beta } = pertShape(d);
      return d.min + (d.max - d.min) * invert((x) => incompleteBeta(x, alpha, beta), p, 0, 1);
    }
    case 'discrete': {
      const w = d.weights ?? d.values.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0);
      let cum = 0;
      for (let i = 0; i < d.values.length; i++) {
        cum += w[i] / total;
        if (p < cum) return d.values[i];
      }
      return d.values[d.values.length - 1];
    }
  }
}

/**
 * The mean of a distribution, the value a one-way analysis holds the others at when the
 * scenario does not give one.
 * @example meanOf({ type: 'triangular', min: 0, mode: 3, max: 6 }) // 3
 */
export function meanOf(d: Distribution): number {
  switch (d.type) {
    case 'normal':
    case 'lognormal':
      return d.mean;
    case 'beta': {
      const { alpha, beta } = betaShape(d);
      return alpha / (alpha + beta);
    }
    case 'gamma': {
      const { shape, scale } = gammaShape(d);
      return shape * scale;
    }
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'pert':
      return (d.min + 4 * d.mode + d.max) / 6;
    case 'discrete': {
      const w = d.weights ?? d.values.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0);
      return d.values.reduce((a, v, i) => a + (v * w[i]) / total, 0);
    }
  }
}

/** A uniform strictly inside (0, 1): the counter's [0, 1) moved by half a step, so no quantile is infinite. */
function openUniform(u: number): number {
  return u + 2 ** -33;
}

/**
 * Draw `draw` of the parameter at `path` for a run seeded `seed`: the same number in every design,
 * on every thread and in every shard.
 * @example drawValue({ type: 'uniform', min: 0, max: 1 }, 42, 'care.substitution', 0)
 */
export function drawValue(d: Distribution, seed: number, path: string, draw: number): number {
  const rng = new CounterRng(streamKey(seed, `uncertainty:${path}`));
  rng.reset(draw, 0);
  return quantile(d, openUniform(rng.next()));
}
