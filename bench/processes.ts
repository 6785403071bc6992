/**
 * Whole processes timed from outside: wall time, and the CPU time and peak memory each process
 * reports at exit (bench/usage.cjs, preloaded into both commands alike).
 */
import { spawnSync } from 'node:child_process';
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
