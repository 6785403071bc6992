/**
 * The cell layout: every person belongs to one cell of
 * need group × frailty class × residence × age band × sex × CNI band.
 *
 * Care rates depend on the "rate class" (group × frailty × residence); payment weights and
 * mortality on the whole cell. Keeping people as a cell index (2 bytes) instead of a dozen
 * attributes is what lets a million people fit in a few megabytes, and lets the expected-value
 * engine work on cell counts rather than people.
 */
import { CNI_BANDS, GROUP_COUNT } from '../domain.js';

/** Age bands (lower bound inclusive, years) and the age used for a band in formulas (its midpoint). */
export const AGE_BANDS = [
  { id: '0-19', from: 0, to: 19, age: 10 },
  { id: '20-44', from: 20, to: 44, age: 32 },
  { id: '45-64', from: 45, to: 64, age: 55 },
  { id: '65-74', from: 65, to: 74, age: 70 },
  { id: '75-79', from: 75, to: 79, age: 77 },
  { id: '80-84', from: 80, to: 84, age: 82 },
  { id: '85-89', from: 85, to: 89, age: 87 },
  { id: '90+', from: 90, to: 110, age: 92 },
] as const;
export const AGE_BAND_COUNT = AGE_BANDS.length;

/**
 * Frailty classes: quantile bins of a lognormal frailty with mean 1. Bins are finer in the upper
 * tail because the heaviest users carry most of the cost (Forum för Health Policy 2013: top 1 % ≈ 30 % of cost).
 */
export const FRAILTY_QUANTILES = [0, 0.2, 0.4, 0.6, 0.75, 0.85, 0.9, 0.94, 0.96, 0.975, 0.985, 0.99, 0.994, 0.997, 0.999, 0.9998, 1];
export const FRAILTY_CLASSES = FRAILTY_QUANTILES.length - 1;
export const RESIDENCES = 2; // 0 = at home, 1 = nursing home
export const SEXES = 2; // 0 = female, 1 = male

/** Rate classes (frailty class × residence) within one need group. */
export const RATE_CLASSES_PER_GROUP = FRAILTY_CLASSES * RESIDENCES;
export const RATE_CLASS_COUNT = GROUP_COUNT * RATE_CLASSES_PER_GROUP;
export const CELL_COUNT = RATE_CLASS_COUNT * AGE_BAND_COUNT * SEXES * CNI_BANDS;

export interface CellParts {
  group: number; // 0-based need group index
  frailty: number;
  residence: number;
  ageBand: number;
  sex: number;
  cni: number; // 0-based CNI band index
}

/**
 * Cell index of a combination of attributes.
 * @example cellIndex({ group: 0, frailty: 3, residence: 0, ageBand: 5, sex: 1, cni: 2 })
 */
export function cellIndex(p: CellParts): number {
  const rate = rateClassIndex(p.group, p.frailty, p.residence);
  return ((rate * AGE_BAND_COUNT + p.ageBand) * SEXES + p.sex) * CNI_BANDS + p.cni;
}

/**
 * Rate class of a group, frailty class and residence.
 * @example rateClassIndex(0, 15, 1) // the frailest nursing-home residents of group 1
 */
export function rateClassIndex(group: number, frailty: number, residence: number): number {
  return (group * FRAILTY_CLASSES + frailty) * RESIDENCES + residence;
}

/**
 * Attributes of a cell.
 * @example cellParts(cellIndex(p)) // deep-equals p
 */
export function cellParts(cell: number): CellParts {
  const cni = cell % CNI_BANDS;
  let rest = (cell - cni) / CNI_BANDS;
  const sex = rest % SEXES;
  rest = (rest - sex) / SEXES;
  const ageBand = rest % AGE_BAND_COUNT;
  const rate = (rest - ageBand) / AGE_BAND_COUNT;
  const residence = rate % RESIDENCES;
  const gf = (rate - residence) / RESIDENCES;
  const frailty = gf % FRAILTY_CLASSES;
  const group = (gf - frailty) / FRAILTY_CLASSES;
  return { group, frailty, residence, ageBand, sex, cni };
}

/** Lookup tables from cell to its parts, built once: the inner loops index these. */
export const CELL_RATE_CLASS = new Uint16Array(CELL_COUNT);
export const CELL_GROUP = new Uint8Array(CELL_COUNT);
export const CELL_CNI = new Uint8Array(CELL_COUNT);
export const CELL_AGE_BAND = new Uint8Array(CELL_COUNT);
for (let c = 0; c < CELL_COUNT; c++) {
  const p = cellParts(c);
  CELL_RATE_CLASS[c] = rateClassIndex(p.group, p.frailty, p.residence);
  CELL_GROUP[c] = p.group;
  CELL_CNI[c] = p.cni;
  CELL_AGE_BAND[c] = p.ageBand;
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 via erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Mean frailty multiplier within each frailty class for a lognormal with mean 1 and log-spread σ:
 * E[X | q_a < F(X) < q_b] = (Φ(z_b − σ) − Φ(z_a − σ)) / (b − a), a closed form.
 * @example frailtyMultipliers(0.9) // 16 increasing numbers whose probability-weighted mean is 1
 */
export function frailtyMultipliers(sigma: number): Float64Array {
  const out = new Float64Array(FRAILTY_CLASSES);
  for (let k = 0; k < FRAILTY_CLASSES; k++) {
    const a = FRAILTY_QUANTILES[k];
    const b = FRAILTY_QUANTILES[k + 1];
    const za = normalQuantile(a);
    const zb = normalQuantile(b);
    out[k] = (normalCdf(zb - sigma) - normalCdf(za - sigma)) / (b - a);
  }
  return out;
}

/** Probability of each frailty class (the widths of the quantile bins). */
export const FRAILTY_PROBABILITY = Float64Array.from({ length: FRAILTY_CLASSES }, (_, k) => FRAILTY_QUANTILES[k + 1] - FRAILTY_QUANTILES[k]);

/** Number of chronic conditions typical of a group and frailty class (frailer people have more). */
export function chronicConditions(group: number, frailty: number): number {
  const base = [2, 1, 0, 2, 0][group]; // ASSUMPTION; groups 1 and 4 multimorbid (Forum för Health Policy 2013: typically 2–3)
  const extra = frailty >= 13 ? 3 : frailty >= 9 ? 2 : frailty >= 5 ? 1 : 0;
  return group === 4 ? Math.min(1, extra) : base + extra;
}
