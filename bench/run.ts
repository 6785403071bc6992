/**
 * Benchmarks (`npm run bench`): every figure as a ratio against its reference measured in the
 * same run (node's start-up, one worker, 7 providers, a minimal kernel, writing the result table),
 * with absolute times and the target each is held to. Written to bench/results.json; `--json`
 * prints the same JSON on stdout. Nothing here is a pass/fail test: the machine is shared and
 * noisy, so figures are medians of paired runs.
 *
 * Options: --json, --quick (fewer and smaller runs), --only startup,workers,expected,microsim,growth,solver,lever,psa.
 * Runs as a bundle (bin/build-cli.mjs bench), like the CLI: the code measured is the code shipped.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCli } from '../bin/build-cli.mjs';
import { expectedFigures, growthTable, microsimFigures } from './engines.js';
import { leverFigures } from './lever.js';
import { pairedProcesses, sideBySideAgainst } from './processes.js';
import { regionScenario } from './region.js';
import { solverFigures } from './solver.js';
import { round3 } from './stats.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? new Set((onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',')) : undefined;
const wanted = (section: string) => only === undefined || only.has(section);
const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

interface Target {
  /** What is compared: a ratio or an absolute figure. */
  figure: string;
  op: '<=' | '>=';
  value: number;
  actual: number;
  met: boolean;
}

const targets: Record<string, Target> = {};
function target(name: string, figure: string, actual: number, op: '<=' | '>=', value: number): string {
  const met = op === '<=' ? actual <= value : actual >= value;
  targets[name] = { figure, op, value, actual: round3(actual), met };
  return `${met ? 'met' : 'MISSED'} (target ${op} ${value})`;
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? 'cpu', cores: availableParallelism(), node: process.version, loadAverage: (await import('node:os')).loadavg().map(round3) },
  quick,
};
log(`reimburse benchmarks — ${cpus()[0]?.model ?? 'cpu'} (${availableParallelism()} cores), node ${process.version}${quick ? ', quick' : ''}`);

const teaching = 'scenarios/teaching-wrong-pocket.json';
if (wanted('startup') || wanted('workers')) await ensureCli({ quiet: true });

if (wanted('startup')) {
  const runs = quick ? 3 : 9;
  const bundle = pairedProcesses(['bin/reimburse.mjs', 'validate', teaching], ['-e', '0'], runs);
  const tsx = pairedProcesses(['--import', 'tsx', 'src/cli/main.ts', 'validate', teaching], ['-e', '0'], quick ? 1 : 3);
  const extra = bundle.a.maxRssMiB - bundle.b.maxRssMiB;
  results.startup = {
    command: `reimburse validate ${teaching}`,
    reference: 'node -e 0',
    runs,
    wallMs: round3(bundle.a.wallMs),
    cpuMs: round3(bundle.a.cpuMs),
    peakMiB: round3(bundle.a.maxRssMiB),
    nodeWallMs: round3(bundle.b.wallMs),
    nodeCpuMs: round3(bundle.b.cpuMs),
    nodePeakMiB: round3(bundle.b.maxRssMiB),
    wallRatio: round3(bundle.ratio.wall),
    cpuRatio: round3(bundle.ratio.cpu),
    extraMiB: round3(extra),
    throughTsx: { wallMs: round3(tsx.a.wallMs), wallRatio: round3(tsx.ratio.wall), cpuRatio: round3(tsx.ratio.cpu), peakMiB: round3(tsx.a.maxRssMiB) },
  };
  log(`start-up: reimburse validate ${bundle.a.wallMs.toFixed(0)} ms wall, ${bundle.a.cpuMs.toFixed(0)} ms CPU, ${bundle.a.maxRssMiB.toFixed(0)} MiB; node -e 0 ${bundle.b.wallMs.toFixed(0)} ms, ${bundle.b.maxRssMiB.toFixed(0)} MiB (medians of ${runs} pairs)`);
  log(`  wall ${bundle.ratio.wall.toFixed(2)}× node's ${target('startupWall', 'wall time / node -e 0', bundle.ratio.wall, '<=', 4)}; CPU ${bundle.ratio.cpu.toFixed(2)}×`);
  log(`  memory +${extra.toFixed(0)} MiB over node's ${target('startupMemory', 'peak MiB − node -e 0 peak MiB', extra, '<=', 60)}`);
  log(`  the same through tsx (before the bundle): ${tsx.a.wallMs.toFixed(0)} ms, ${tsx.ratio.wall.toFixed(1)}× node's wall, ${tsx.a.maxRssMiB.toFixed(0)} MiB`);
}

if (wanted('workers')) {
  const reps = quick ? 6 : 20;
  const dir = mkdtempSync(join(tmpdir(), 'reimburse-bench-'));
  const file = join(dir, 'region.json');
  writeFileSync(file, JSON.stringify(regionScenario(100_000, 5)));
  const run = (workers: number, replications = reps) => ['bin/reimburse.mjs', 'run', file, '--reps', String(replications), '--workers', String(workers), '--quiet', '--no-incentives', '--format', 'json'];
  const runs = quick ? 1 : 3;
  const two = pairedProcesses(run(1), run(2), runs);
  const cores = availableParallelism();
  const all = cores > 2 ? pairedProcesses(run(1), run(cores), runs) : undefined;
  // The reference: two one-thread runs side by side, each its own process, against one alone.
  const machine = await sideBySideAgainst(run(1), run(1), runs);
  const ceiling = 2 / machine.ratio;
  // And the same job split by hand: two processes of half the replications each, side by side.
  const halves = await sideBySideAgainst(run(1, reps / 2), run(2), runs);
  const split = halves.ratio;
  rmSync(dir, { recursive: true, force: true });
  const speedup = two.ratio.wall;
  results.workers = {
    replications: reps,
    people: 100_000,
    runs,
    oneWorkerWallMs: round3(two.a.wallMs),
    twoWorkersWallMs: round3(two.b.wallMs),
    speedup2: round3(speedup),
    cpuRatio2: round3(1 / two.ratio.cpu),
    attainableSpeedup2: round3((2 * two.a.cpuMs) / two.b.cpuMs),
    machine: { oneAloneWallMs: round3(machine.aloneMs), twoSideBySideWallMs: round3(machine.sideBySideMs), ceiling2: round3(ceiling) },
    speedup2OfCeiling: round3(speedup / ceiling),
    twoProcessesOfHalfWallMs: round3(halves.sideBySideMs),
    twoWorkersOfTwoProcesses: round3(split),
    ...(all ? { cores, speedupAllCores: round3(all.ratio.wall), scalingPerCore: round3(all.ratio.wall / cores) } : { cores }),
  };
  log(`workers: ${reps} replications of the region (100,000 people, 5 years): one ${two.a.wallMs.toFixed(0)} ms, two ${two.b.wallMs.toFixed(0)} ms wall (${two.b.cpuMs.toFixed(0)} ms CPU against ${two.a.cpuMs.toFixed(0)})`);
  log(`  two workers ${speedup.toFixed(2)}× the speed of one ${target('workers2', 'wall(1 worker) / wall(2 workers)', speedup, '>=', 1.7)}`);
  // What two idle cores would give: the work of one thread over the work of each of two (start-up and hand-over included).
  log(`  work: two threads use ${(two.b.cpuMs / two.a.cpuMs).toFixed(2)}× the CPU of one, so two idle cores give at most ${((2 * two.a.cpuMs) / two.b.cpuMs).toFixed(2)}×`);
  log(`  the machine's own ceiling: two one-thread runs side by side, each its own process, finish in ${machine.sideBySideMs.toFixed(0)} ms against ${machine.aloneMs.toFixed(0)} ms for one alone: two cores do ${ceiling.toFixed(2)}× the work of one here, and two workers reach ${(speedup / ceiling).toFixed(2)} of that`);
  log(`  the same ${reps} replications as two processes of ${reps / 2} side by side: ${halves.sideBySideMs.toFixed(0)} ms; two workers in one process run at ${split.toFixed(2)} of their speed`);
  if (all) log(`  ${cores} workers ${all.ratio.wall.toFixed(2)}× one: ${(all.ratio.wall / cores).toFixed(2)} per core ${target('workersPerCore', 'speedup / cores', all.ratio.wall / cores, '>=', 0.8)}`);
  else log(`  (${cores} cores here: the scaling to N cores needs a larger machine)`);
}

if (wanted('expected')) {
  const e = expectedFigures(quick);
  results.expected = e;
  log(`expected-value engine, region (${e.people.toLocaleString('en')} people, ${e.providers} providers, ${e.cells} cells, 60 months): table ${e.engineMs} ms against ${e.writeTableMs} ms to write it: ${e.ratio}× ${target('expectedVsTable', 'runExpected / writing its table', e.ratio, '<=', 1.5)}`);
  log(`  a whole evaluation ${e.wholeEvaluationMs} ms: rates ${e.partsMs.rates}, table ${e.partsMs.table}, provider costs ${e.partsMs.providerCosts}, settlement ${e.partsMs.settlement} ms`);
}

if (wanted('microsim')) {
  const people = Number(process.env.BENCH_PEOPLE ?? (quick ? 50_000 : 150_000));
  const m = microsimFigures(people, quick);
  results.microsim = m;
  log(`microsimulation, ${people.toLocaleString('en')} people × ${m.months} months: ${m.microsimMs} ms against ${m.kernelMs} ms for the minimal kernel: ${m.ratio}× ${target('microsimVsKernel', 'runMicrosim / minimal kernel', m.ratio, '<=', 1.3)} (fastest against fastest ${m.fastestRatio}×)`);
  log(`  ${m.millionPersonMonthsPerSecond} million person-months per second on one core; ${m.bytesPerPerson} bytes per person ${target('microsimBytes', 'bytes of state per person', m.bytesPerPerson, '<=', 7)}`);
}

if (wanted('growth')) {
  const g = growthTable(quick);
  results.growth = g;
  log(`growth from ${g.base.people.toLocaleString('en')} people, ${g.base.years} year, ${g.base.providers} providers (expected-value table ${g.base.expectedMs} ms, whole evaluation ${g.base.evaluationMs} ms, microsimulation ${g.base.microsimMs} ms); exponent b of time ∝ factor^b:`);
  for (const r of g.rows) {
    const extra = 'expectedExponentInProvidersTimesCells' in r ? `\n    providers × cells ×${r.providersTimesCells}: table b = ${r.expectedExponentInProvidersTimesCells}, whole evaluation b = ${r.evaluationExponentInProvidersTimesCells}` : '';
    log(`  ${r.dimension.padEnd(13)} table ${String(r.expectedMs).padStart(6)} ms b = ${r.expectedExponent}; whole evaluation ${String(r.evaluationMs).padStart(6)} ms b = ${r.evaluationExponent}; microsimulation ${String(r.microsimMs).padStart(6)} ms b = ${r.microsimExponent}${extra}`);
  }
  const providers = g.rows.find((r) => r.dimension.startsWith('providers'));
  if (providers && 'expectedExponentInProvidersTimesCells' in providers) {
    log(`  expected-value engine ${target('expectedLinear', 'exponent in providers × cells', providers.expectedExponentInProvidersTimesCells as number, '<=', 1.15)} in providers × cells`);
  }
}

if (wanted('solver')) {
  const s = await solverFigures(quick);
  results.solver = s;
  log(`behaviour solver (as it is): region ${s.region.ms} ms (${s.region.decisions} decisions, iterations ${JSON.stringify(s.region.iterations)}, ${s.region.evaluations} evaluations) ${target('solverRegion', 'region solve ms, compiled', s.region.ms, '<=', 50)}`);
  log(`  the fastest of the solves: ${s.region.fastestMs} ms`);
  log(`  the first solve in a fresh process, before the compiler has optimised the solver: ${s.region.firstSolveMs} ms`);
  log(`  7 providers ${s.providers7.ms} ms (${s.providers7.decisions} decisions, ${s.providers7.evaluations} evaluations), 45 providers ${s.providers45.ms} ms (${s.providers45.decisions} decisions, ${s.providers45.evaluations} evaluations): ${s.ratio45to7}× ${target('solver45', '45-provider / 7-provider solve', s.ratio45to7, '<=', 10)}`);
  log(`  of which: ${s.decisionsRatio45to7}× the decisions, ${s.evaluationsRatio45to7}× the evaluations, each ${s.perEvaluationRatio45to7}× as costly (a trial recomputes the catchments its decision reaches: the hospital and the municipalities serve 20× as many)`);
  log(`  a lever move re-solved from the last equilibrium: ${s.leverMoveWarmStart.ms} ms, ${s.leverMoveWarmStart.iterations} iterations ${target('solverWarm', 'warm re-solve ms', s.leverMoveWarmStart.ms, '<=', 15)}`);
  for (const r of s.shipped) log(`  ${r.scenario.padEnd(45)} ${String(r.ms).padStart(7)} ms, iterations ${r.iterations.equilibriumLow}/${r.iterations.equilibriumHigh}/${r.iterations.optimum}, ${r.evaluations} evaluations${r.converged ? '' : ', NOT converged'}`);
  const unconverged = s.shipped.filter((r) => !r.converged).length;
  log(`  ${s.shipped.length - unconverged} of ${s.shipped.length} shipped scenarios converge ${target('solverConverges', 'shipped scenarios not converging', unconverged, '<=', 0)}`);
}

if (wanted('lever')) {
  const l = await leverFigures(quick);
  results.lever = l;
  log(`lever move (core path of the web app's engine worker), ${l.people.toLocaleString('en')} people: ${l.moveMs} ms median, ${l.moveMaxMs} ms max, first results ${l.firstResultsMs} ms; reuse ${l.reuse.join(', ')} ${target('leverMove', 'check + evaluate + dashboard ms', l.moveMs, '<=', 100)}`);
}

if (wanted('psa')) results.psa = await (await import('./psa.js')).psaBench({ quick, log, target });

results.targets = targets;
const text = `${JSON.stringify(results, null, 2)}\n`;
if (only === undefined) writeFileSync('bench/results.json', text);
else log('(--only: bench/results.json left as it was)');
if (json) process.stdout.write(text);
