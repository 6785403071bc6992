/**
 * PSA throughput (`npm run bench`, or alone: `npx tsx bench/psa.ts [--quick]`): the 100,000-person
 * region with the equilibrium solved in every draw, run as a user runs it, through the CLI bundle
 * (`reimburse psa region.json --draws N --behaviour warm --workers <cores>`), each figure the wall
 * time of the whole process: start-up, loading the model, the base equilibrium and every draw.
 *
 * - Full: the target itself, 1,000 draws on all cores (target: under a minute), and fewer draws on
 *   one core (said so); draws per second of each, and the scaling ratio against the one-core time
 *   of 1,000 draws, projected from its fixed start-up and per-draw time (labelled a projection).
 * - `--quick`: short runs only. Each setting runs twice, with a few draws and with more; the
 *   difference gives the per-draw (marginal) time, the rest is the fixed start-up, and 1,000 draws
 *   are a projection from the two, printed as one.
 *
 * Warm (src/uncertainty/behaviour.ts) is the fastest way of drawing that solves the equilibrium in
 * each draw; solve (as `run`) and hold (the base behaviour, no solve) are measured on one core for
 * comparison, marginal rate and start-up only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCli } from '../bin/build-cli.mjs';
import { loadModels } from '../src/scenario/load.js';
import { uncertainParameters } from '../src/uncertainty/presets.js';
import type { DrawBehaviour } from '../src/uncertainty/behaviour.js';
import { runNode } from './processes.js';
import { regionScenario } from './region.js';
import { median, round3 } from './stats.js';

/** Start-up and per-draw time of one setting, from runs with `few` and `many` draws. */
interface Split {
  behaviour: DrawBehaviour;
  workers: number;
  few: number;
  many: number;
  /** Wall time of the run with `many` draws. */
  wallMs: number;
  /** CPU time of that run, every thread of the process. */
  cpuMs: number;
  /** Fixed: the wall time of `few` draws minus their per-draw time. */
  startupMs: number;
  /** Marginal: wall time per draw between the two runs (all workers together). */
  perDrawMs: number;
  /** Marginal CPU time per draw (every thread): what a draw costs however busy the machine is. */
  cpuPerDrawMs: number;
  marginalDrawsPerSecond: number;
  /** A projection: start-up + 1,000 × per draw. */
  projected1000s: number;
}

export type Target = (name: string, figure: string, actual: number, op: '<=' | '>=', value: number) => string;

/**
 * Measure and print PSA throughput; returns the figures for bench/results.json.
 * @example results.psa = await psaBench({ quick: true })
 */
export async function psaBench(options: { quick?: boolean; log?: (line: string) => void; target?: Target } = {}): Promise<Record<string, unknown>> {
  const quick = options.quick ?? false;
  const log = options.log ?? ((line: string) => console.log(line));
  const target: Target = options.target ?? ((_n, _f, actual, op, value) => ((op === '<=' ? actual <= value : actual >= value) ? `met (target ${op} ${value})` : `MISSED (target ${op} ${value})`));
  const raw = { ...regionScenario(100_000, 5), uncertainty: { preset: 'local-follow-ups' } };
  raw.simulation = { ...raw.simulation, behaviour: 'equilibrium' };
  const models = await loadModels();
  const cores = availableParallelism();
  const uncertain = uncertainParameters({ preset: 'local-follow-ups' }, undefined, raw, models).length;
  await ensureCli({ quiet: true });
  const dir = mkdtempSync(join(tmpdir(), 'reimburse-psa-bench-'));
  const file = join(dir, 'region.json');
  writeFileSync(file, JSON.stringify(raw));
  const command = (behaviour: DrawBehaviour, workers: number, draws: number) =>
    `reimburse psa region.json --draws ${draws} --seed 1 --no-gap --behaviour ${behaviour} --workers ${workers} --format json -q --out out.json`;
  const psa = (behaviour: DrawBehaviour, workers: number, draws: number) =>
    runNode(['bin/reimburse.mjs', 'psa', file, '--draws', String(draws), '--seed', '1', '--no-gap', '--behaviour', behaviour, '--workers', String(workers), '--format', 'json', '-q', '--out', join(dir, 'out.json')]);
  const split = (behaviour: DrawBehaviour, workers: number, few: number, many: number, repeats: number): Split => {
    const a: { wallMs: number; cpuMs: number }[] = [];
    const b: { wallMs: number; cpuMs: number }[] = [];
    for (let i = 0; i < repeats; i++) {
      a.push(psa(behaviour, workers, few));
      b.push(psa(behaviour, workers, many));
    }
    const fewMs = median(a.map((r) => r.wallMs));
    const cpuPerDrawMs = (median(b.map((r) => r.cpuMs)) - median(a.map((r) => r.cpuMs))) / (many - few);
    const manyRun = b.find((r) => r.wallMs === median(b.map((x) => x.wallMs))) ?? b[0];
    const perDrawMs = Math.max(0, (manyRun.wallMs - fewMs) / (many - few));
    const startupMs = Math.max(0, fewMs - few * perDrawMs);
    return { behaviour, workers, few, many, wallMs: manyRun.wallMs, cpuMs: manyRun.cpuMs, startupMs, perDrawMs, cpuPerDrawMs, marginalDrawsPerSecond: 1000 / perDrawMs, projected1000s: (startupMs + 1000 * perDrawMs) / 1000 };
  };
  const describe = `100,000-person region, 5 years, ${uncertain} uncertain parameters (local-follow-ups effects, provider responses, sourced ranges), no optimum`;
  log(`PSA through the CLI bundle (${describe}); wall time of the whole process, start-up included`);
  const out: Record<string, unknown> = { scenario: describe, cores, commands: {} as Record<string, string> };
  const commands = out.commands as Record<string, string>;
  try {
    // Not counted: the first process after a build pays for reading the bundle from disk.
    psa('warm', 1, 1);
    const splitLine = (s: Split) =>
      `${s.behaviour} on ${s.workers} ${s.workers === 1 ? 'core' : 'cores'}: start-up ${(s.startupMs / 1000).toFixed(1)} s (fixed), then ${s.perDrawMs.toFixed(0)} ms a draw (${s.marginalDrawsPerSecond.toFixed(1)} draws/s marginal; ${s.cpuPerDrawMs.toFixed(0)} ms CPU a draw; from ${s.few} and ${s.many} draws)`;
    const json = (s: Split) => ({ few: s.few, many: s.many, startupS: round3(s.startupMs / 1000), perDrawMs: round3(s.perDrawMs), cpuPerDrawMs: round3(s.cpuPerDrawMs), marginalDrawsPerSecond: round3(s.marginalDrawsPerSecond), projected1000S: round3(s.projected1000s) });
    if (quick) {
      const one = split('warm', 1, 2, 12, 1);
      const all = cores > 1 ? split('warm', cores, 2 * cores, 2 * cores + 24, 1) : one;
      commands.warmOneCore = command('warm', 1, one.many);
      commands.warmAllCores = command('warm', cores, all.many);
      log(`  ${splitLine(one)}`);
      if (cores > 1) log(`  ${splitLine(all)}`);
      const scaling = one.perDrawMs / all.perDrawMs;
      log(`  PROJECTION (not measured): 1,000 draws would take about ${one.projected1000s.toFixed(0)} s on one core, ${all.projected1000s.toFixed(0)} s on ${cores} cores; marginal scaling ${scaling.toFixed(2)}× (per-draw time, one core / ${cores} cores)`);
      Object.assign(out, { quick: true, warm: { oneCore: json(one), allCores: json(all), marginalScaling: round3(scaling) } });
    } else {
      // The target: 1,000 draws on every core, as one process.
      const loadBefore = loadavg()[0];
      const full = psa('warm', cores, 1000);
      const loadAfter = loadavg()[0];
      commands.warm1000 = command('warm', cores, 1000);
      const allRate = 1000 / (full.wallMs / 1000);
      // One core: fewer draws (a run of 1,000 would take minutes), and its start-up apart.
      const one = split('warm', 1, 2, 200, 1);
      commands.warmOneCore = command('warm', 1, 200);
      const oneRate = one.many / (one.wallMs / 1000);
      const scaling = one.projected1000s / (full.wallMs / 1000);
      log(`  warm, 1,000 draws on ${cores} cores: ${(full.wallMs / 1000).toFixed(1)} s wall, ${allRate.toFixed(1)} draws/s ${target('psa1000', '1,000 region draws, equilibrium solved in each, all cores, wall s', full.wallMs / 1000, '<=', 60)}`);
      // On a shared machine the wall time says as much about the other processes as about this one.
      log(`    ${(full.cpuMs / 1000).toFixed(1)} s CPU over its threads (${(full.cpuMs / 1000 / cores).toFixed(1)} s if it had the ${cores} cores to itself); load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);
      log(`  warm, ${one.many} draws on one core: ${(one.wallMs / 1000).toFixed(1)} s wall, ${oneRate.toFixed(1)} draws/s (fewer draws than on ${cores} cores: its start-up weighs more); ${splitLine(one)}`);
      log(`  scaling ${scaling.toFixed(2)}×: one core's 1,000 draws PROJECTED from its start-up and per-draw time (${one.projected1000s.toFixed(0)} s) / the measured ${cores}-core time ${target('psaScaling', `one-core (projected) / ${cores}-core wall time of 1,000 draws`, scaling, '>=', 1.7)}`);
      Object.assign(out, {
        quick: false,
        warm: {
          allCores: { draws: 1000, workers: cores, wallS: round3(full.wallMs / 1000), cpuS: round3(full.cpuMs / 1000), drawsPerSecond: round3(allRate), loadAverage: [round3(loadBefore), round3(loadAfter)] },
          oneCore: { draws: one.many, workers: 1, wallS: round3(one.wallMs / 1000), drawsPerSecond: round3(oneRate), ...json(one) },
          scaling: round3(scaling),
        },
      });
    }
    // The other ways of drawing, one core, for comparison: start-up and per-draw time.
    for (const behaviour of ['solve', 'hold'] as const) {
      const s = split(behaviour, 1, 2, quick ? 8 : 20, 1);
      commands[`${behaviour}OneCore`] = command(behaviour, 1, s.many);
      log(`  ${splitLine(s)}`);
      out[behaviour] = { oneCore: json(s) };
    }
    log(`  (commands: ${Object.values(commands).join('; ')})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

// Alone from TypeScript only: in the bench bundle this module's URL is the bundle's, which bench/run.ts runs.
if (import.meta.url.endsWith('.ts') && import.meta.url === `file://${process.argv[1]}`) await psaBench({ quick: process.argv.includes('--quick') });
