/**
 * Probabilistic sensitivity analysis: draw every uncertain parameter (common draws across the
 * compared designs), evaluate each design per draw, and summarise per measure: the mean, the
 * interval of the mean (Monte Carlo error), the range of outcomes, the split of the variance into
 * parameter and event uncertainty, and the probability that each design is best.
 *
 * Draws are independent of one another and of where they run, so a run can be cut into shards
 * (`--shard i/N`) and worker threads; the summary is computed from the draws in draw order, so the
 * merged shards and any number of workers write exactly the bytes of one sequential run.
 */
import { drawValue } from './distributions.js';
import { Design, drawReplicationSeed, MEASURES, type EvaluateOptions, type MeasureValue } from './evaluate.js';
import { percentile } from '../results/summary.js';
import { keyOf } from './oneway.js';
import type { DrawBehaviour } from './behaviour.js';

export interface PsaSettings {
  draws: number;
  seed: number;
  engine: 'expected' | 'micro';
  /** Replications inside each draw with the microsimulation. */
  replications: number;
  gap: boolean;
  preset?: string;
  /** How each draw sets the providers' behaviour (src/uncertainty/behaviour.ts); absent: 'solve'. */
  behaviour?: DrawBehaviour;
}

export interface DesignInfo {
  id: string;
  title: string;
  file: string;
  preset?: string;
}

/** One draw: the parameter values per design and each design's measures (values in the order of `keys`). */
export interface DrawResult {
  draw: number;
  /** Per design, the values drawn, in the order of that design's parameters. */
  parameters: number[][];
  /** Per design: expected-value measures. */
  values: number[][];
  /** Per design, per replication (micro only). */
  replications?: number[][][];
}

/** What a shard writes and `reimburse merge` reads. */
export interface PsaShard {
  format: 'reimburse-psa-shard';
  version: 1;
  settings: PsaSettings;
  designs: DesignInfo[];
  parameters: { path: string; source: string }[][];
  keys: string[][];
  shard: { index: number; count: number };
  draws: DrawResult[];
}

/**
 * The draws of shard `index` of `count` (1-based): a contiguous block, the same on every machine.
 * @example shardDraws(10, 2, 4) // [2, 3, 4]
 */
export function shardDraws(draws: number, index: number, count: number): number[] {
  const from = Math.floor(((index - 1) * draws) / count);
  const to = Math.floor((index * draws) / count);
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/**
 * Evaluate designs at these draws (one worker's or one shard's share).
 * @example runDraws(designs, settings, [0, 1, 2])
 */
export function runDraws(designs: Design[], settings: PsaSettings, draws: readonly number[], onDraw?: (done: number) => void): { keys: string[][]; results: DrawResult[] } {
  const keys: string[][] = designs.map(() => []);
  const options: EvaluateOptions = { gap: settings.gap, engine: settings.engine, replications: settings.replications, ...(settings.behaviour ? { behaviour: settings.behaviour } : {}) };
  const results = draws.map((draw, i) => {
    const parameters: number[][] = [];
    const values: number[][] = [];
    const replications: number[][][] = [];
    designs.forEach((design, j) => {
      const drawn = design.parameters.map((p) => drawValue(p.distribution, settings.seed, p.path, draw));
      parameters.push(drawn);
      const e = design.evaluate(new Map(design.parameters.map((p, k) => [p.path, drawn[k]])), options, drawReplicationSeed(settings.seed, draw));
      if (keys[j].length === 0) keys[j] = e.expected.map(keyOf);
      values.push(aligned(keys[j], e.expected));
      replications.push(e.replications.map((r) => aligned(keys[j], r)));
    });
    onDraw?.(i + 1);
    return { draw, parameters, values, ...(settings.engine === 'micro' ? { replications } : {}) };
  });
  return { keys, results };
}

/** Values in the order of `keys` (a measure a draw lacks, as a provider nobody uses, is NaN). */
function aligned(keys: string[], values: MeasureValue[]): number[] {
  const byKey = new Map(values.map((v) => [keyOf(v), v.value]));
  return keys.map((k) => byKey.get(k) ?? NaN);
}

export interface PsaSummaryRow {
  design: string;
  measure: string;
  entity: string;
  mean: number;
  /** 95 % interval of the mean: mean ± 1.96 × standard error over the draws (Monte Carlo error). */
  meanLower: number;
  meanUpper: number;
  /** 95 % range of outcomes: 2.5th–97.5th percentile of the outcomes (draws, or draws × replications). */
  rangeLower: number;
  rangeUpper: number;
  /** Variance of the outcomes, and the shares due to the parameters and to chance events. */
  variance: number;
  parameterShare: number;
  eventShare: number;
  n: number;
}

export interface ProbabilityBestRow {
  design: string;
  measure: string;
  entity: string;
  /** Share of draws in which this design is best on the measure (ties shared equally). */
  probability: number;
}

export interface PsaResult {
  kind: 'psa';
  settings: PsaSettings;
  designs: DesignInfo[];
  parameters: { path: string; source: string }[][];
  labels: { mean: string; meanInterval: string; range: string; variance: string };
  summary: PsaSummaryRow[];
  probabilityBest: ProbabilityBestRow[];
}

export const PSA_LABELS = {
  mean: 'mean over the draws',
  meanInterval: '95 % interval of the mean (mean ± 1.96 standard errors: how precisely the draws pin down the mean)',
  range: '95 % range of outcomes (2.5th–97.5th percentile: where single outcomes fall)',
  variance: 'variance of outcomes split into parameter uncertainty (between draws) and event uncertainty (chance within a draw, microsimulation only)',
};

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: readonly number[]) => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) * (x - m), 0) / (xs.length - 1);
};

/**
 * The summary and probability-best tables from every draw, in draw order.
 * @example summarizePsa(settings, designs, params, keys, results).probabilityBest
 */
export function summarizePsa(settings: PsaSettings, designs: DesignInfo[], parameters: { path: string; source: string }[][], keys: string[][], results: DrawResult[]): PsaResult {
  const sorted = [...results].sort((a, b) => a.draw - b.draw);
  const summary: PsaSummaryRow[] = [];
  // Per design, per key: the value the draw ranks designs by (the draw's mean over its replications with micro).
  const perDraw: number[][][] = designs.map((_, j) =>
    keys[j].map((_, k) => sorted.map((r) => (r.replications && r.replications[j].length > 0 ? mean(r.replications[j].map((rep) => rep[k])) : r.values[j][k]))),
  );
  designs.forEach((design, j) => {
    keys[j].forEach((key, k) => {
      const [measure, entity] = splitKey(key);
      const drawMeans = perDraw[j][k];
      const outcomes = sorted.flatMap((r) => (r.replications && r.replications[j].length > 0 ? r.replications[j].map((rep) => rep[k]) : [r.values[j][k]]));
      if (outcomes.some((v) => Number.isNaN(v))) return;
      const m = mean(outcomes);
      const n = drawMeans.length;
      const reps = settings.engine === 'micro' ? settings.replications : 1;
      // Law of total variance: Var Y = E[Var(Y | θ)] + Var(E[Y | θ]); the spread of draw means also
      // carries E[Var]/R of event noise, taken off so the parameter share is not overstated.
      const event = settings.engine === 'micro' && reps > 1 ? mean(sorted.map((r) => variance(r.replications![j].map((rep) => rep[k])))) : 0;
      const parameter = Math.max(0, variance(drawMeans) - event / reps);
      const total = parameter + event;
      const se = Math.sqrt(variance(drawMeans) / n);
      const ordered = Float64Array.from(outcomes).sort();
      summary.push({
        design: design.id,
        measure,
        entity,
        mean: m,
        meanLower: m - 1.96 * se,
        meanUpper: m + 1.96 * se,
        rangeLower: percentile(ordered, 0.025),
        rangeUpper: percentile(ordered, 0.975),
        variance: total,
        parameterShare: total > 0 ? parameter / total : 0,
        eventShare: total > 0 ? event / total : 0,
        n: outcomes.length,
      });
    });
  });
  return { kind: 'psa', settings, designs, parameters, labels: PSA_LABELS, summary, probabilityBest: probabilityBest(designs, keys, perDraw) };
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

function probabilityBest(designs: DesignInfo[], keys: string[][], perDraw: number[][][]): ProbabilityBestRow[] {
  const rows: ProbabilityBestRow[] = [];
  // Keys every design has, in the first design's order.
  for (const key of keys[0]) {
    const [measure, entity] = splitKey(key);
    const direction = MEASURES[measure]?.direction ?? 'none';
    if (direction === 'none') continue;
    const index = keys.map((ks) => ks.indexOf(key));
    if (index.some((i) => i < 0)) continue;
    const series = designs.map((_, j) => perDraw[j][index[j]]);
    if (series.some((s) => s.some((v) => Number.isNaN(v)))) continue;
    const wins = new Float64Array(designs.length);
    const draws = series[0].length;
    for (let d = 0; d < draws; d++) {
      const vs = series.map((s) => s[d]);
      const best = direction === 'lower' ? Math.min(...vs) : Math.max(...vs);
      const tied = vs.filter((v) => v === best).length;
      vs.forEach((v, j) => {
        if (v === best) wins[j] += 1 / tied;
      });
    }
    designs.forEach((design, j) => rows.push({ design: design.id, measure, entity, probability: draws > 0 ? wins[j] / draws : NaN }));
  }
  return rows;
}

/**
 * Combine shards into the result of the unsharded run; throws when they do not belong together or
 * a draw is missing or repeated.
 * @example mergeShards([s1, s2]).summary
 */
export function mergeShards(shards: PsaShard[]): PsaResult {
  if (shards.length === 0) throw new Error('no shards to merge');
  const [first] = shards;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const s of shards) {
    if (s.format !== 'reimburse-psa-shard' || s.version !== 1) throw new Error('not a PSA shard file (write one with psa --shard i/N --out FILE)');
    if (!same(s.settings, first.settings) || !same(s.designs, first.designs) || s.shard.count !== first.shard.count) throw new Error(`shard ${s.shard.index}/${s.shard.count} is from a different run (settings, designs or shard count differ)`);
  }
  const seen = new Set<number>();
  for (const s of shards) {
    if (seen.has(s.shard.index)) throw new Error(`shard ${s.shard.index}/${s.shard.count} given twice`);
    seen.add(s.shard.index);
  }
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new Error(`missing shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${first.shard.count}`).join(', ')}`);
  const keys = shards.find((s) => s.keys.every((k) => k.length > 0))?.keys ?? first.keys;
  // JSON writes NaN (a measure a draw lacks) as null; read it back as NaN.
  const nan = (rows: (number | null)[]) => rows.map((v) => v ?? NaN);
  const draws = shards.flatMap((s) => s.draws).map((d) => ({ ...d, values: d.values.map(nan), ...(d.replications ? { replications: d.replications.map((r) => r.map(nan)) } : {}) }));
  return summarizePsa(first.settings, first.designs, first.parameters, keys, draws);
}
