/**
 * The waterfall of a difference as data and as bars: what "why did this change?" returns
 * (src/results/explain.ts computes it) and how it is drawn. No engine code here, so the web
 * page and the report can draw a waterfall without carrying the simulation.
 */

/** What a figure is about: a payer's spending or a provider's margin. */
export type ExplainedMeasure = 'spendingKr' | 'marginKr';

/**
 * One bar. `beyond-payment`: step 1; `component`: one component's price effect (`component`,
 * `change`); `other`: the part of step 2 no single component carries (contract limits settled
 * across components, costs); `behaviour` or `solver-noise`: step 3; `event-noise`: step 4;
 * `undecomposed`: the whole expected difference when the two cannot be taken apart (different
 * providers or years).
 */
export interface WaterfallStep {
  kind: 'beyond-payment' | 'component' | 'other' | 'behaviour' | 'solver-noise' | 'event-noise' | 'undecomposed';
  component?: string;
  change?: 'added' | 'removed' | 'changed';
  /** The bar in whole öre (kr × 100). */
  ore: number;
  /** For event noise: the 95 % interval of the mean of the paired replication differences, less the expected difference (kr). */
  interval?: [number, number];
}

export interface Waterfall {
  measure: ExplainedMeasure;
  /** A payer id (spending) or a provider id (margin). */
  entity: string;
  /** The base's and the variant's figure (kr), as compared (mean of replications in a microsimulation). */
  baseKr: number;
  variantKr: number;
  /** variant − base in whole öre: the bars add up to exactly this. */
  differenceOre: number;
  steps: WaterfallStep[];
}

/**
 * Kronor to whole öre; + 0 turns −0 into 0 (a bar of nothing has no sign).
 * @example toOre(1.005) // 100 or 101, as the float rounds
 */
export function toOre(kr: number): number {
  return Math.round(kr * 100) + 0;
}

/** One bar of a waterfall as drawn, in öre from the base's figure (0); the last, `difference`, is the sum. */
export interface WaterfallBar {
  kind: 'difference' | WaterfallStep['kind'];
  step?: WaterfallStep;
  from: number;
  to: number;
}

/**
 * The bars of a waterfall as drawn: each step from the running change since the base, then the
 * whole difference from 0; and the range they span (with 0), for the scale.
 * @example waterfallBars(w).bars.at(-1).to === w.differenceOre
 */
export function waterfallBars(w: Waterfall): { bars: WaterfallBar[]; min: number; max: number } {
  let level = 0;
  const bars: WaterfallBar[] = [];
  for (const step of w.steps) {
    bars.push({ kind: step.kind, step, from: level, to: level + step.ore });
    level += step.ore;
  }
  bars.push({ kind: 'difference', from: 0, to: level });
  const ends = bars.flatMap((b) => [b.from, b.to]);
  return { bars, min: Math.min(0, ...ends), max: Math.max(0, ...ends) };
}
