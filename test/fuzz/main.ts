/**
 * `npm run fuzz`: the fuzz suite at full size (10,000 cases by default; `--cases N`, `--seed S`),
 * printing the count, crashes, hangs, non-finite numbers, the slowest case and peak memory.
 * Exit status 1 if any case crashed, hung or gave a non-finite number, or memory passed 1 GB.
 */
import { FUZZ_CASE_BUDGET_MS, FUZZ_MEMORY_BUDGET_BYTES } from '../../src/limits.js';
import { FUZZ_MAX_POPULATION, describeCase, runFuzz } from './runner.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
}

const cases = flag('cases', 10_000);
const seed = flag('seed', 13);
const started = performance.now();
const report = await runFuzz({
  cases,
  seed,
  onProgress: (done) => {
    if (done % 500 === 0) process.stderr.write(`fuzz: ${done} of ${cases}\n`);
  },
});
const seconds = (performance.now() - started) / 1000;
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
const lines = [
  `fuzz: ${report.cases} cases (seed ${seed}) in ${seconds.toFixed(0)} s: ${report.ran} ran (${report.scaled} of them valid above ${FUZZ_MAX_POPULATION.toLocaleString('en-US')} people, run at that size), ${report.refused} refused with a path`,
  `crashes: ${report.crashes.length}`,
  `hangs (a case over ${FUZZ_CASE_BUDGET_MS / 1000} s of processor time): ${report.hangs.length}`,
  `non-finite numbers: ${report.nonFinite.length}`,
  `slowest case: ${report.slowest.ms.toFixed(0)} ms of processor time, ${report.slowest.wallMs.toFixed(0)} ms on the clock (${report.slowest.seed}, ${report.slowest.verdict})`,
  `peak memory: ${mb(report.peakRss)} (limit ${mb(FUZZ_MEMORY_BUDGET_BYTES)})`,
];
for (const c of [...report.crashes, ...report.nonFinite].slice(0, 10)) lines.push(`  ${c.detail}\n    ${describeCase(report.context, c.case)}`);
for (const h of report.hangs.slice(0, 5)) lines.push(`  hang ${h.ms.toFixed(0)} ms: ${describeCase(report.context, h.case)}`);
process.stdout.write(`${lines.join('\n')}\n`);
const failed = report.crashes.length + report.hangs.length + report.nonFinite.length > 0 || report.peakRss >= FUZZ_MEMORY_BUDGET_BYTES;
process.exitCode = failed ? 1 : 0;
