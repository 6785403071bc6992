/**
 * Benchmarks (`npm run bench`). Figures are per-unit costs and ratios, printed with the machine's
 * core count; nothing here is a pass/fail test.
 */
import { cpus } from 'node:os';
import { prepare, evaluateExpected } from '../src/run.js';
import { runMicrosim } from '../src/engine/microsim.js';
import { POPULATION_BYTES_PER_PERSON } from '../src/population/population.js';
import { regionScenario } from './region.js';

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

const people = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const years = 5;
console.log(`reimburse benchmarks — ${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores), node ${process.version}`);

// Expected-value engine, region of ~100 k people and ten providers, 60 months.
{
  const prepared = prepare(regionScenario(100_000, years));
  evaluateExpected(prepared); // warm-up: JIT
  const runs = 20;
  const [, ms] = time(() => {
    for (let i = 0; i < runs; i++) evaluateExpected(prepared);
  });
  console.log(`expected-value evaluation, 100,000 people, 10 providers, 60 months: ${(ms / runs).toFixed(2)} ms per evaluation (mean of ${runs})`);
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
