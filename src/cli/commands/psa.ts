/**
 * `reimburse psa <a.json> [b.json …] --draws N`: probabilistic sensitivity analysis with common
 * draws across the designs; `--shard i/N` writes one deterministic slice for `reimburse merge`,
 * `--queue redis://HOST:PORT` hands the slices to `reimburse worker`s through BullMQ.
 */
import { availableParallelism } from 'node:os';
import type { CliIo } from '../main.js';
import { UsageError } from '../args.js';
import { formatHeading, formatNumber, formatTable } from '../../format.js';
import { progress } from '../progress.js';
import { toCsv, toJson } from '../../results/export.js';
import { scenarioOrThrow, validateScenario } from '../../scenario/validate.js';
import { uncertainParameters, type UncertaintySpec } from '../../uncertainty/presets.js';
import type { DesignSpec, PsaJob } from '../../uncertainty/jobs.js';
import { runInWorkers } from '../psa-parallel.js';
import { psaThroughQueue } from '../../uncertainty/queue.js';
import { shardDraws, summarizePsa, type DesignInfo, type PsaResult, type PsaSettings, type PsaShard } from '../../uncertainty/psa.js';
import { MEASURES } from '../../uncertainty/evaluate.js';
import type { Scenario } from '../../scenario/types.js';
import type { DrawBehaviour } from '../../uncertainty/behaviour.js';
import { emit, formatOf, models, parseCommand, readDesign } from './common.js';

const DEFAULT_DRAWS = 100;

const BEHAVIOUR_TEXT: Record<DrawBehaviour, string> = {
  solve: "providers' behaviour solved in every draw as run solves it",
  warm: "providers' behaviour solved in every draw from the base equilibrium, a repeated year's game not solved again",
  hold: "providers' behaviour held at the base run's (the draws do not change what providers do)",
};

/** @example process.exitCode = await psaCommand(['a.json', 'b.json', '--draws', '200'], process) */
export async function psaCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const o = parseCommand('psa', argv, ['draws', 'seed', 'engine', 'reps', 'workers', 'shard', 'shards', 'queue', 'measure', 'preset', 'behaviour', 'no-gap', 'format', 'out']);
  if (o.files.length === 0) throw new UsageError('psa takes at least one scenario file');
  if (o.shard && o.queue) throw new UsageError('--shard and --queue do not go together (the queue makes its own shards)');
  if (o.shards !== undefined && !o.queue) throw new UsageError('--shards applies to --queue only (use --shard i/N for one slice)');
  if (o.reps !== undefined && o.engine !== 'micro') throw new UsageError('--reps applies to --engine micro only');
  const all = await models();
  const specs: DesignSpec[] = [];
  for (const file of o.files) specs.push(await readDesign(file, o.preset));
  const scenarios = specs.map((s) => scenarioOrThrow(validateScenario(s.raw, { models: all }), s.file));
  const ids = scenarios.map((s) => s.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new UsageError(`two designs have the id '${twice}'; give each compared scenario its own id`);
  const settings: PsaSettings = {
    draws: o.draws ?? DEFAULT_DRAWS,
    seed: o.seed ?? scenarios[0].simulation.seed,
    engine: o.engine,
    replications: o.engine === 'micro' ? (o.reps ?? scenarios[0].simulation.replications) : 0,
    gap: o.gap,
    ...(o.preset ? { preset: o.preset } : {}),
    // Absent for the default, so that a default run's output reads as it did before the option.
    ...(o.behaviour && o.behaviour !== 'solve' ? { behaviour: o.behaviour } : {}),
  };
  const designs: DesignInfo[] = scenarios.map((s, i) => ({ id: s.id, title: s.title, file: o.files[i], ...(presetOf(s, o.preset) ? { preset: presetOf(s, o.preset) } : {}) }));
  // On the raw file, as the designs draw them: paths and the models' sourced ranges refer to it before model references are expanded.
  const parameters = specs.map((spec) => {
    const raw = spec.raw as { uncertainty?: UncertaintySpec; simulation?: unknown };
    return uncertainParameters(raw.uncertainty, o.preset, raw, all).map((p) => ({ path: p.path, source: p.source }));
  });
  parameters.forEach((p, i) => {
    if (p.length === 0 && !o.quiet) io.stderr.write(`reimburse: warning: ${o.files[i]}: no uncertain parameters (no 'uncertainty' section, no --preset): every draw gives the same result\n`);
  });
  const format = formatOf(o);
  if (o.shard) {
    if (format === 'csv') throw new UsageError('--shard writes JSON (merge the shards for CSV)');
    const draws = shardDraws(settings.draws, o.shard.index, o.shard.count);
    const { keys, results } = await runWith({ designs: specs, models: all, settings, draws }, o.workers ?? 1, `psa shard ${o.shard.index}/${o.shard.count}`, io, o.quiet);
    const shard: PsaShard = { format: 'reimburse-psa-shard', version: 1, settings, designs, parameters, keys, shard: o.shard, draws: results };
    return emit(`${toJson(shard)}\n`, o, io);
  }
  let result: PsaResult;
  if (o.queue) {
    const bar = progress(`psa via ${o.queue}`, io.stderr, o.quiet);
    try {
      result = await psaThroughQueue(o.queue, { designs: specs, models: all, settings }, { designs, parameters }, o.shards ?? 4, bar.update);
    } finally {
      bar.done();
    }
  } else {
    const draws = Array.from({ length: settings.draws }, (_, d) => d);
    const { keys, results } = await runWith({ designs: specs, models: all, settings, draws }, o.workers ?? 1, 'psa', io, o.quiet);
    result = summarizePsa(settings, designs, parameters, keys, results);
  }
  return emit(psaText(result, format, o.measure), o, io);
}

function presetOf(s: Scenario, override: string | undefined): string | undefined {
  return override ?? s.uncertainty?.preset;
}

async function runWith(job: PsaJob, workers: number, label: string, io: CliIo, quiet: boolean) {
  const bar = progress(label, io.stderr, quiet);
  try {
    return await runInWorkers(job, Math.min(workers, availableParallelism() * 4), bar.update);
  } finally {
    bar.done();
  }
}

/**
 * A PSA result as the command writes it (JSON, CSV or tables); `merge` writes it the same way.
 * @example psaText(result, 'json')
 */
export function psaText(result: PsaResult, format: 'json' | 'csv' | undefined, measure?: string): string {
  const pick = <T extends { measure: string; entity: string }>(rows: T[]) => rows.filter((r) => measure === undefined || r.measure === measure || `${r.measure}/${r.entity}` === measure);
  if (format === 'json') return `${toJson(result, 2)}\n`;
  if (format === 'csv') return toCsv(pick(result.summary));
  const s = result.settings;
  const head = [
    formatHeading(`Probabilistic sensitivity analysis: ${result.designs.map((d) => d.id).join(' vs ')}`),
    `${s.draws} draws, seed ${s.seed}, ${s.engine === 'micro' ? `expected values + microsimulation (${s.replications} replications per draw)` : 'expected-value engine'}, ${BEHAVIOUR_TEXT[s.behaviour ?? 'solve']}; evidence preset: ${result.designs.map((d) => `${d.id}: ${d.preset ?? 'none'}`).join(', ')}.`,
    `Mean: ${result.labels.mean}. Interval of the mean: ${result.labels.meanInterval}. Range of outcomes: ${result.labels.range}.`,
  ];
  const shown = pick(result.summary);
  const fmt = (v: number) => (Math.abs(v) >= 100 ? formatNumber(v) : formatNumber(v, 3));
  const summary = formatTable(
    ['design', 'measure', 'mean', 'interval of the mean', 'range of outcomes', 'parameter share', 'event share'],
    shown.map((r) => [r.design, `${r.measure}/${r.entity}`, fmt(r.mean), `[${fmt(r.meanLower)} – ${fmt(r.meanUpper)}]`, `[${fmt(r.rangeLower)} – ${fmt(r.rangeUpper)}]`, `${formatNumber(100 * r.parameterShare, 0)} %`, `${formatNumber(100 * r.eventShare, 0)} %`]),
  );
  const best = pick(result.probabilityBest);
  const bestTable =
    result.designs.length > 1
      ? `\n\nProbability each design is best (${Object.entries(MEASURES)
          .filter(([, m]) => m.direction !== 'none')
          .map(([k, m]) => `${k}: ${m.direction}`)
          .join(', ')} is better):\n${formatTable(['measure', ...result.designs.map((d) => d.id)], [...new Set(best.map((r) => `${r.measure}/${r.entity}`))].map((k) => [k, ...result.designs.map((d) => `${formatNumber(100 * (best.find((r) => r.design === d.id && `${r.measure}/${r.entity}` === k)?.probability ?? NaN), 1)} %`)]))}`
      : '';
  return `${head.join('\n')}\n\n${summary}${bestTable}\n`;
}
