/**
 * Benchmarks (`npm run bench`). Figures are per-unit costs and ratios, printed with the machine's
 * core count; nothing here is a pass/fail test.
 */
import { cpus } from 'node:os';
import { prepare, evaluateExpected } from '../src/run.js';
import { runMicrosim } from '../src/engine/microsim.js';
import { POPULATION_BYTES_PER_PERSON } from '../src/population/population.js';
import { regionScenario } from './region.js';
import { decisionsOf, evaluateSteady, solveEquilibrium, solveOptimum, startingDecisions, steadyContext } from '../src/behaviour/index.js';

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

const people = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const years = 5;
console.log(`reimburse benchmarks — ${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores), node ${process.version}`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Expected-value engine, region of ~100 k people and ten providers, 60 months: the whole
// evaluation (rates, expected activity, provider costs, settlement into the ledger).
{
  const prepared = prepare(regionScenario(100_000, years));
  for (let i = 0; i < 5; i++) evaluateExpected(prepared); // warm-up: JIT
  const times = Array.from({ length: 50 }, () => time(() => evaluateExpected(prepared))[1]);
  console.log(
    `expected-value evaluation, 100,000 people (${prepared.cells.count.length} merged cells), 10 providers, 60 months: median ${median(times).toFixed(2)} ms, mean ${(times.reduce((a, b) => a + b) / times.length).toFixed(2)} ms (50 runs)`,
  );

  // Behaviour: equilibrium (from low and high effort) and social optimum for the same region.
  const ctx = steadyContext(prepared);
  const x = startingDecisions(ctx, 0.5);
  const steady = Array.from({ length: 30 }, () => time(() => evaluateSteady(ctx, x))[1]);
  const [eq, eqMs] = time(() => solveEquilibrium(ctx));
  const [opt, optMs] = time(() => solveOptimum(ctx));
  const evaluations = eq.runs.reduce((a, r) => a + r.evaluations, 0) + opt.evaluations;
  console.log(
    `behaviour solve, same region, ${decisionsOf(ctx).length} decisions: equilibrium ${eqMs.toFixed(0)} ms + optimum ${optMs.toFixed(0)} ms = ${(eqMs + optMs).toFixed(0)} ms; ${evaluations} steady-state evaluations at a median ${median(steady).toFixed(2)} ms`,
  );
  // The same solves scoring every trial with the full evaluation (the solver before the group-wise one), for the ratio.
  const [, exactEqMs] = time(() => solveEquilibrium(ctx, { exact: true }));
  const [, exactOptMs] = time(() => solveOptimum(ctx, { exact: true }));
  console.log(
    `behaviour solve with full evaluations (exact: true): equilibrium ${exactEqMs.toFixed(0)} ms + optimum ${exactOptMs.toFixed(0)} ms = ${(exactEqMs + exactOptMs).toFixed(0)} ms; group-wise is ${((exactEqMs + exactOptMs) / (eqMs + optMs)).toFixed(1)}× faster`,
  );
}

// Microsimulation, one replication on one core.
{
  const scenario = regionScenario(people, years);
  const before = process.memoryUsage();
  const [prepared, prepMs] = time(() => prepare(scenario));
  const ev = evaluateExpected(prepared);
  const { model, population, cells, plan } = prepared;
  const input = { model, population, cells, rates: ev.rates, extras: plan.extras, episodeWindow: plan.episodeWindow, seed: 7 };
  runMicrosim({ ...input, population: { ...population, size: Math.min(population.size, 20_000) } }); // warm-up
  const [result, ms] = time(() => runMicrosim(input));
  const after = process.memoryUsage();
  const personMonths = people * model.months;
  console.log(`population of ${people.toLocaleString('en')} prepared in ${prepMs.toFixed(0)} ms`);
  console.log(`microsimulation: ${(personMonths / (ms / 1000) / 1e6).toFixed(1)} million person-months per second on one core (${people.toLocaleString('en')} people × ${model.months} months in ${(ms / 1000).toFixed(2)} s)`);
  const perPersonState = POPULATION_BYTES_PER_PERSON + 1 + 2; // cell, catchment + admitted-last flag + episode end
  const tableBytes = result.table.data.byteLength;
  console.log(`memory: ${perPersonState} bytes per simulated person (+4 per stop-loss tracker); fixed: activity table ${(tableBytes / 1e6).toFixed(1)} MB; array buffers grew ${((after.arrayBuffers - before.arrayBuffers) / people).toFixed(1)} bytes per person in all`);
}

await (await import('./psa.js')).psaBench();
