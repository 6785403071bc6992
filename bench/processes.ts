/**
 * Whole processes timed from outside: wall time, and the CPU time and peak memory each process
 * reports at exit (bench/usage.cjs, preloaded into both commands alike).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats.js';

const USAGE = join(process.cwd(), 'bench/usage.cjs');

export interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  maxRssMiB: number;
  status: number | null;
}

/**
 * Run `node <args>` once and measure it.
 * @example runNode(['-e', '0']).wallMs
 */
export function runNode(args: readonly string[]): ProcessRun {
  const dir = mkdtempSync(join(tmpdir(), 'reimburse-bench-'));
  const file = join(dir, 'usage.json');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', USAGE, ...args], { env: { ...process.env, BENCH_USAGE_FILE: file }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  let usage = { cpuMs: NaN, maxRssKiB: NaN };
  try {
    usage = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // the process died before exit handlers ran
  }
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`);
  return { wallMs, cpuMs: usage.cpuMs, maxRssMiB: usage.maxRssKiB / 1024, status: r.status };
}

export interface PairedProcesses {
  a: { wallMs: number; cpuMs: number; maxRssMiB: number };
  b: { wallMs: number; cpuMs: number; maxRssMiB: number };
  /** Medians of the pair-by-pair ratios A/B. */
  ratio: { wall: number; cpu: number };
  runs: number;
}

/**
 * `node A…` and `node B…` in turn, `runs` pairs after one warm-up pair; medians and paired ratios.
 * @example pairedProcesses(['bin/reimburse.mjs', 'validate', 'x.json'], ['-e', '0'], 7).ratio.wall
 */
export function pairedProcesses(a: readonly string[], b: readonly string[], runs: number): PairedProcesses {
  runNode(a);
  runNode(b);
  const ra: ProcessRun[] = [];
  const rb: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    ra.push(runNode(a));
    rb.push(runNode(b));
  }
  const summary = (rs: ProcessRun[]) => ({ wallMs: median(rs.map((r) => r.wallMs)), cpuMs: median(rs.map((r) => r.cpuMs)), maxRssMiB: median(rs.map((r) => r.maxRssMiB)) });
  return {
    a: summary(ra),
    b: summary(rb),
    ratio: { wall: median(ra.map((r, i) => r.wallMs / rb[i].wallMs)), cpu: median(ra.map((r, i) => r.cpuMs / rb[i].cpuMs)) },
    runs,
  };
}

/**
 * Two copies of `node <args>` started together, each on its own: the wall time until both are done.
 * @example await sideBySide(['bin/reimburse.mjs', 'run', 'x.json', '--workers', '1'])
 */
export async function sideBySide(args: readonly string[]): Promise<number> {
  const t0 = performance.now();
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-500)));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`))));
    });
  await Promise.all([one(), one()]);
  return performance.now() - t0;
}

/**
 * Two copies of `node <both>` side by side, in turn with `node <alone>` on its own: medians of
 * `runs` pairs after one warm-up, and the median of the pairs' ratios (side by side / alone).
 * With the same command for both, 2 / ratio is what two cores give two independent copies of the
 * same one-thread work: the parallel speed-up the machine itself allows, whatever the program does
 * (below 2 where the cores share caches, memory bandwidth or a physical core with other tenants).
 * @example (await sideBySideAgainst(run1, run1, 3)).ratio
 */
export async function sideBySideAgainst(both: readonly string[], alone: readonly string[], runs: number): Promise<{ sideBySideMs: number; aloneMs: number; ratio: number }> {
  await sideBySide(both);
  runNode(alone);
  const side: number[] = [];
  const one: number[] = [];
  for (let i = 0; i < runs; i++) {
    one.push(runNode(alone).wallMs);
    side.push(await sideBySide(both));
  }
  return { sideBySideMs: median(side), aloneMs: median(one), ratio: median(side.map((s, i) => s / one[i])) };
}
