/**
 * PSA throughput (`npm run bench`, or alone: `npx tsx bench/psa.ts`): draws per second for the
 * 100,000-person region with the equilibrium solved in every draw, on one core and on all cores,
 * and the scaling ratio, for each way a draw sets the behaviour (src/uncertainty/behaviour.ts: solve,
 * warm, hold). BENCH_PSA_DRAWS sets the draws per measurement (default 20); the figure for 1,000
 * draws is extrapolated from it and printed as such.
 *
 * From TypeScript (tsx) the draws run through the worker pool in this process; from the bench
 * bundle, through the CLI bundle as a user runs it (`reimburse psa --workers N`, start-up included),
 * since the pool's threads load the bundle they are started from, and the bench bundle is not the
 * CLI's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCli } from '../bin/build-cli.mjs';
import { loadModels } from '../src/scenario/load.js';
import { runInWorkers } from '../src/cli/psa-parallel.js';
import type { PsaSettings } from '../src/uncertainty/psa.js';
import { DRAW_BEHAVIOURS, type DrawBehaviour } from '../src/uncertainty/behaviour.js';
import { regionScenario } from './region.js';
import { uncertainParameters } from '../src/uncertainty/presets.js';

/**
 * Measure and print PSA draws per second.
 * @example await psaBench()
 */
export async function psaBench(): Promise<void> {
  const draws = Number(process.env.BENCH_PSA_DRAWS ?? 20);
  const raw = { ...regionScenario(100_000, 5), uncertainty: { preset: 'local-follow-ups' } };
  raw.simulation = { ...raw.simulation, behaviour: 'equilibrium' };
  const models = await loadModels();
  const cores = availableParallelism();
  const uncertain = uncertainParameters({ preset: 'local-follow-ups' }, undefined, raw, models).length;
  const bundled = !import.meta.url.endsWith('.ts');
  const dir = bundled ? mkdtempSync(join(tmpdir(), 'reimburse-psa-bench-')) : '';
  const file = join(dir, 'region.json');
  if (bundled) {
    await ensureCli({ quiet: true });
    writeFileSync(file, JSON.stringify(raw));
  }
  const rate = async (behaviour: DrawBehaviour, workers: number) => {
    const settings: PsaSettings = { draws, seed: 1, engine: 'expected', replications: 0, gap: false, ...(behaviour === 'solve' ? {} : { behaviour }) };
    const job = { designs: [{ raw, file: 'bench/region.ts' }], models, settings, draws: Array.from({ length: draws }, (_, d) => d) };
    const t0 = performance.now();
    if (bundled) {
      const args = ['bin/reimburse.mjs', 'psa', file, '--draws', String(draws), '--seed', '1', '--no-gap', '--behaviour', behaviour, '--workers', String(workers), '--format', 'json', '-q', '--out', join(dir, 'out.json')];
      execFileSync(process.execPath, args, { stdio: 'ignore' });
    } else await runInWorkers(job, workers);
    return draws / ((performance.now() - t0) / 1000);
  };
  const only = process.env.BENCH_PSA_BEHAVIOUR;
  for (const behaviour of DRAW_BEHAVIOURS) {
    if (only && only !== behaviour) continue;
    const one = await rate(behaviour, 1);
    const all = cores > 1 ? await rate(behaviour, cores) : one;
    const best = Math.max(one, all);
    console.log(
      `PSA, 100,000-person region, 5 years, behaviour per draw: ${behaviour} (${uncertain} uncertain parameters: local-follow-ups effects, provider responses, sourced ranges; no optimum): ${one.toFixed(2)} draws/s on one core, ${all.toFixed(2)} draws/s on ${cores} cores (scaling ${(all / one).toFixed(2)}×, ${draws} draws each, ${bundled ? 'the CLI bundle, process and worker start-up included' : 'worker start-up included'}); 1,000 draws would take about ${(1000 / best).toFixed(0)} s`,
    );
  }
  if (bundled) rmSync(dir, { recursive: true, force: true });
}

// Alone from TypeScript only: in the bench bundle this module's URL is the bundle's, which bench/run.ts runs.
if (import.meta.url.endsWith('.ts') && import.meta.url === `file://${process.argv[1]}`) await psaBench();
