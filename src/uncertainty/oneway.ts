/**
 * One-way analyses: the tornado (each uncertain parameter at its low and its high, the others as
 * written, ranked by how far the measure swings) and the sweep (measures along a parameter's
 * range, or a grid of two, with the points where a provider's coordination decision flips).
 */
import { HIGH_P, LOW_P, quantile } from './distributions.js';
import type { Design, EvaluateOptions, MeasureValue } from './evaluate.js';
import { getParameter } from './paths.js';

/** Measure key as the commands write it: `measure/entity`. */
export const keyOf = (m: { measure: string; entity: string }) => `${m.measure}/${m.entity}`;

/**
 * Whether a measure value is selected by `--measure M` (M = a measure, or measure/entity).
 * @example selects('spending', { measure: 'spending', entity: 'region', value: 1 }) // true
 */
export function selects(selector: string | undefined, m: { measure: string; entity: string }): boolean {
  return selector === undefined || selector === m.measure || selector === keyOf(m);
}

export interface TornadoRow {
  measure: string;
  entity: string;
  path: string;
  source: string;
  /** The parameter's value as written, and its one-way low and high. */
  base: number;
  low: number;
  high: number;
  baseValue: number;
  atLow: number;
  atHigh: number;
  /** |atHigh − atLow|: what ranks the rows. */
  swing: number;
}

export interface Tornado {
  preset?: string;
  rows: TornadoRow[];
}

/**
 * Ranked one-way low/high analysis of every uncertain parameter of a design.
 * @example tornado(design, { gap: true }).rows[0]
 */
export function tornado(design: Design, options: EvaluateOptions & { measure?: string; onProgress?: (f: number) => void } = {}): Tornado {
  const evalOptions = { ...options, engine: 'expected' as const };
  const base = design.evaluate(new Map(), evalOptions).expected;
  const runs = design.parameters.map((p, i) => {
    const low = p.low ?? quantile(p.distribution, LOW_P);
    const high = p.high ?? quantile(p.distribution, HIGH_P);
    const atLow = design.evaluate(new Map([[p.path, low]]), evalOptions).expected;
    const atHigh = design.evaluate(new Map([[p.path, high]]), evalOptions).expected;
    options.onProgress?.((i + 1) / design.parameters.length);
    return { p, low, high, atLow, atHigh };
  });
  const rows: TornadoRow[] = [];
  base.forEach((b, k) => {
    if (!selects(options.measure, b)) return;
    const forKey: TornadoRow[] = runs.map(({ p, low, high, atLow, atHigh }) => ({
      measure: b.measure,
      entity: b.entity,
      path: p.path,
      source: p.source,
      base: getParameter(design.raw, p.path, design.models) ?? NaN,
      low,
      high,
      baseValue: b.value,
      atLow: valueAt(atLow, k, b),
      atHigh: valueAt(atHigh, k, b),
      swing: Math.abs(valueAt(atHigh, k, b) - valueAt(atLow, k, b)),
    }));
    // Stable: equal swings keep the scenario's order of parameters.
    forKey.sort((x, y) => y.swing - x.swing);
    rows.push(...forKey);
  });
  return { preset: design.preset, rows };
}

/** The value of the same measure in another evaluation (same position when the shape is the same). */
function valueAt(values: MeasureValue[], k: number, like: MeasureValue): number {
  const same = values[k];
  if (same && same.measure === like.measure && same.entity === like.entity) return same.value;
  return values.find((v) => v.measure === like.measure && v.entity === like.entity)?.value ?? NaN;
}

export interface SweepParameter {
  path: string;
  from: number;
  to: number;
  steps: number;
}

export interface SweepPoint {
  /** Parameter values at this point, in the order of the sweep's parameters. */
  at: number[];
  values: MeasureValue[];
}

/** Where a provider's decision to coordinate changes between two neighbouring points along the first parameter. */
export interface Flip {
  provider: string;
  path: string;
  /** The second parameter's value, in a two-way sweep. */
  other?: number;
  /** The interval of the first parameter where effort crosses FLIP_EFFORT, and the crossing by linear interpolation. */
  between: [number, number];
  at: number;
  /** 'starts' when coordination becomes worth its while as the parameter rises, 'stops' when it ceases to be. */
  direction: 'starts' | 'stops';
}

/**
 * A provider coordinates when its mean effort over the groups it coordinates for is at least this:
 * half of full effort, so a flip is a change of decision rather than a drift.
 */
export const FLIP_EFFORT = 0.5;

/**
 * The points of a range: `steps` values from `from` to `to`, both included.
 * @example gridOf({ path: 'x', from: 0, to: 1, steps: 3 }) // [0, 0.5, 1]
 */
export function gridOf(p: SweepParameter): number[] {
  if (p.steps === 1) return [p.from];
  return Array.from({ length: p.steps }, (_, i) => (i === p.steps - 1 ? p.to : p.from + ((p.to - p.from) * i) / (p.steps - 1)));
}

/**
 * Measures along one parameter's range, or on the grid of two (the first varying fastest).
 * @example sweep(design, [{ path: 'care.substitution', from: 0, to: 1, steps: 5 }])
 */
export function sweep(design: Design, parameters: SweepParameter[], options: EvaluateOptions & { onProgress?: (f: number) => void } = {}): { points: SweepPoint[]; flips: Flip[] } {
  const [first, second] = parameters;
  const xs = gridOf(first);
  const ys = second ? gridOf(second) : [undefined];
  const points: SweepPoint[] = [];
  const flips: Flip[] = [];
  let done = 0;
  for (const y of ys) {
    const line: SweepPoint[] = [];
    for (const x of xs) {
      const values = new Map([[first.path, x]]);
      if (second && y !== undefined) values.set(second.path, y);
      const at = y === undefined ? [x] : [x, y];
      line.push({ at, values: design.evaluate(values, { ...options, engine: 'expected' }).expected });
      options.onProgress?.(++done / (xs.length * ys.length));
    }
    points.push(...line);
    flips.push(...flipsAlong(line, first.path, y));
  }
  return { points, flips };
}

function flipsAlong(line: SweepPoint[], path: string, other: number | undefined): Flip[] {
  const out: Flip[] = [];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    for (const ea of a.values) {
      if (ea.measure !== 'effort') continue;
      const eb = b.values.find((v) => v.measure === 'effort' && v.entity === ea.entity);
      if (!eb) continue;
      const before = ea.value >= FLIP_EFFORT;
      const after = eb.value >= FLIP_EFFORT;
      if (before === after) continue;
      const t = (FLIP_EFFORT - ea.value) / (eb.value - ea.value);
      const x0 = a.at[0];
      const x1 = b.at[0];
      out.push({
        provider: ea.entity,
        path,
        ...(other === undefined ? {} : { other }),
        between: [x0, x1],
        at: x0 + t * (x1 - x0),
        direction: after === x1 > x0 ? 'starts' : 'stops',
      });
    }
  }
  return out;
}
