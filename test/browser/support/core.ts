/**
 * The numbers the CLI prints, computed in Node with the same code (`reimburse run <file> --seed S
 * --reps N`): what the browser must show for the same scenario and seed.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { behaviourPath } from '../../../src/behaviour/index.js';
import { evaluateExpected, prepare, simulate } from '../../../src/run.js';
import type { LongRow, SummaryRow } from '../../../src/results/summary.js';
import { longRows, metricRows, metricsOf, summarize } from '../../../src/results/summary.js';
import { loadModels } from '../../../src/scenario/load.js';
import { validateScenario } from '../../../src/scenario/index.js';
import type { Scenario } from '../../../src/scenario/types.js';

/**
 * The summary `reimburse run --format json --seed S --reps N` prints: providers behave as the
 * scenario's behaviour mode says, then the replications are simulated and summarized.
 */
export function cliSummary(scenario: Scenario, seed: number, replications: number): SummaryRow[] {
  const s = { ...scenario, simulation: { ...scenario.simulation, seed, replications } };
  const prepared = prepare(s);
  const { replications: reps } = simulate(prepared, { behaviour: behaviourPath(prepared).behaviour });
  return summarize(reps.map((o, r) => longRows(prepared, o, r, s.id)));
}

/** The expected values `reimburse run --engine expected` computes, as long rows. */
export function cliExpected(scenario: Scenario): LongRow[] {
  const prepared = prepare(scenario);
  return metricRows(metricsOf(prepared, evaluateExpected(prepared, behaviourPath(prepared).behaviour)), 'expected', scenario.id);
}

/** The CLI itself, as a user runs it: `reimburse run <file> --format json …` on the scenario written to a file, parsed. */
export async function runCli(json: unknown, ...args: string[]): Promise<{ summary: SummaryRow[] }> {
  const file = join(await mkdtemp(join(tmpdir(), 'reimburse-cli-')), 'scenario.json');
  await writeFile(file, JSON.stringify(json));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', file, '--format', 'json', '--quiet', ...args], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr || String(error))) : resolve(JSON.parse(stdout)),
    );
  });
}

/** @example total(summary, 'region', 'spendingKr').mean */
export function total(summary: SummaryRow[], entity: string, metric: string): SummaryRow {
  const row = summary.find((r) => r.entity === entity && r.metric === metric && r.group === 'all' && r.cni === 'all' && r.period === 'all');
  if (!row) throw new Error(`no ${metric} for ${entity}`);
  return row;
}

export interface Builtin {
  file: string;
  json: Record<string, unknown>;
  scenario: Scenario;
}

/**
 * The built-in scenarios as the app was built with them (dist/assets/<name>-<hash>.json, not
 * scenarios/, which may have changed since the build), those that validate, smallest (people ×
 * years) first.
 * @example const [first] = await validBuiltins()
 */
export async function validBuiltins(): Promise<Builtin[]> {
  const names = (await readdir('scenarios')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  const assets = (await readdir('dist/assets')).filter((f) => f.endsWith('.json'));
  const out: Builtin[] = [];
  for (const name of names.sort()) {
    const asset = assets.find((a) => a.startsWith(`${name}-`) && /^[A-Za-z0-9_-]{8}\.json$/.test(a.slice(name.length + 1)));
    if (!asset) continue;
    try {
      const json = JSON.parse(await readFile(join('dist/assets', asset), 'utf8'));
      out.push({ file: `${name}.json`, json, scenario: await scenarioOf(json) });
    } catch {
      // A built-in that does not validate (yet) cannot be compared with the CLI.
    }
  }
  const weight = (b: Builtin) => b.scenario.population.size * b.scenario.simulation.years;
  return out.sort((a, b) => weight(a) - weight(b));
}

/** A scenario from JSON, checked as the CLI checks files. */
export async function scenarioOf(json: unknown): Promise<Scenario> {
  const result = validateScenario(json, { models: await loadModels() });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.scenario;
}

export const FIXTURE = 'test/fixtures/minimal-scenario.json';
