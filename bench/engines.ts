/**
 * The engines against their references, in the same run: the expected-value engine against writing
 * its own result table, the microsimulation against a minimal kernel making the same draws; and
 * how each grows with people, months and providers.
 */
import { createActivityTable } from '../src/engine/activity.js';
import { providerCosts } from '../src/engine/costs.js';
import { runExpected } from '../src/engine/expected.js';
import { runMicrosim } from '../src/engine/microsim.js';
import type { MicrosimInput } from '../src/engine/microsim.js';
import { settle } from '../src/payment/settle.js';
import { POPULATION_BYTES_PER_PERSON } from '../src/population/population.js';
import type { Prepared } from '../src/run.js';
import { evaluateExpected, prepare, ratesFor } from '../src/run.js';
import { minimalKernel } from './kernel.js';
import { regionScenario } from './region.js';
import { exponent, paired, round3, timeIt } from './stats.js';

function microInput(prepared: Prepared): MicrosimInput {
  const { model, population, cells, plan } = prepared;
  const rates = evaluateExpected(prepared).rates;
  return { model, population, cells, rates, extras: plan.extras, episodeWindow: plan.episodeWindow, seed: 7 };
}

function expectedInput(prepared: Prepared) {
  const { model, cells, plan } = prepared;
  return { model, cells, rates: ratesFor(model, model.behaviour), extras: plan.extras, episodeWindow: plan.episodeWindow };
}

/** The reference of the expected-value engine: a table of the same shape, allocated and every value written once. */
function writeTable(months: number, catchments: number, extras: number): number {
  const table = createActivityTable(months, catchments, extras);
  const d = table.data;
  for (let i = 0; i < d.length; i++) d[i] = i * 0.5;
  return d[d.length - 1];
}

/**
 * Expected-value engine on the region (100,000 people, ten providers, 60 months): its table against
 * writing that table, and the parts of a whole evaluation (rates, table, provider costs, settlement).
 * @example expectedFigures(false).ratio
 */
export function expectedFigures(quick: boolean) {
  const prepared = prepare(regionScenario(100_000, 5));
  const input = expectedInput(prepared);
  const { model } = prepared;
  const runs = quick ? 9 : 31;
  const p = paired(
    () => runExpected(input),
    () => writeTable(model.months, model.catchments.length, prepared.plan.extras.length),
    runs,
    3,
  );
  const table = runExpected(input);
  const rates = timeIt(() => ratesFor(model, model.behaviour), runs).median;
  const costs = timeIt(() => providerCosts(model, table, input.rates, model.behaviour), runs).median;
  const c = providerCosts(model, table, input.rates, model.behaviour);
  const settlement = timeIt(() => settle({ model, plan: prepared.plan, actual: table, costs: c, rates: input.rates }), runs).median;
  const whole = timeIt(() => evaluateExpected(prepared), runs).median;
  return {
    people: 100_000,
    providers: model.providerIds.length,
    cells: prepared.cells.count.length,
    tableValues: table.data.length,
    engineMs: round3(p.a),
    writeTableMs: round3(p.b),
    ratio: round3(p.ratio),
    wholeEvaluationMs: round3(whole),
    partsMs: { rates: round3(rates), table: round3(p.a), providerCosts: round3(costs), settlement: round3(settlement) },
  };
}

/**
 * Microsimulation of one replication against the minimal kernel (bench/kernel.ts), paired.
 * @example microsimFigures(200_000, false).ratio
 */
export function microsimFigures(people: number, quick: boolean) {
  const prepared = prepare(regionScenario(people, 5));
  const input = microInput(prepared);
  const small = { ...input, population: { ...input.population, size: Math.min(input.population.size, 20_000) } };
  runMicrosim(small); // warm-up: the JIT, on a part of the population
  minimalKernel(small);
  const before = process.memoryUsage().arrayBuffers;
  const result = runMicrosim(input);
  const grewPerPerson = (process.memoryUsage().arrayBuffers - before - result.table.data.byteLength) / people;
  const p = paired(() => runMicrosim(input), () => minimalKernel(input), quick ? 3 : 9, 0);
  const fastestRatio = Math.min(...p.runsA) / Math.min(...p.runsB);
  const personMonths = people * prepared.model.months;
  return {
    people,
    months: prepared.model.months,
    microsimMs: round3(p.a),
    kernelMs: round3(p.b),
    ratio: round3(p.ratio),
    // Fastest run against fastest run: the least disturbed by other load on a shared machine.
    fastestRatio: round3(fastestRatio),
    millionPersonMonthsPerSecond: round3(personMonths / p.a / 1000),
    // cell and catchment (population), the admitted-last flag and the episode end (the run's own state)
    bytesPerPerson: POPULATION_BYTES_PER_PERSON + 1 + 2,
    arrayBuffersGrewPerPerson: round3(grewPerPerson),
  };
}

interface GrowthPoint {
  people: number;
  years: number;
  providers: number;
  cells: number;
  expectedMs: number;
  /** A whole expected-value evaluation: rates, the table, provider costs and settlement. */
  evaluationMs: number;
  microsimMs: number;
}

function growthSetup(people: number, years: number, providers: number) {
  const prepared = prepare(regionScenario(people, years, providers));
  const e = expectedInput(prepared);
  const m = microInput(prepared);
  return { people, years, providers, cells: prepared.cells.count.length, expected: () => runExpected(e), evaluation: () => evaluateExpected(prepared), microsim: () => runMicrosim(m) };
}

/** Fastest of `rounds` runs, the points taken in turn each round: the least disturbed by other load. */
function fastest(fns: (() => unknown)[], rounds: number): number[] {
  const best = fns.map(() => Infinity);
  for (let r = 0; r < rounds; r++)
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      best[i] = Math.min(best[i], performance.now() - t0);
    });
  return best;
}

/**
 * Growth table: a base region (20,000 people, 1 year, 7 providers) and each dimension scaled alone
 * (people ×10, months ×5, providers ×6), with the exponent b of time ∝ factor^b.
 * @example growthTable(false).rows
 */
export function growthTable(quick: boolean) {
  const points = [growthSetup(20_000, 1, 7), growthSetup(200_000, 1, 7), growthSetup(20_000, 5, 7), growthSetup(20_000, 1, 42)];
  fastest(points.flatMap((p) => [p.expected, p.evaluation, p.microsim]), 2); // warm-up: every engine compiled before any is timed
  const expected = fastest(points.map((p) => p.expected), quick ? 9 : 31);
  const evaluation = fastest(points.map((p) => p.evaluation), quick ? 5 : 15);
  const microsim = fastest(points.map((p) => p.microsim), quick ? 2 : 5);
  const [base, ...rest]: GrowthPoint[] = points.map((p, i) => ({ people: p.people, years: p.years, providers: p.providers, cells: p.cells, expectedMs: round3(expected[i]), evaluationMs: round3(evaluation[i]), microsimMs: round3(microsim[i]) }));
  const variants = [
    { dimension: 'people ×10', factor: 10, point: rest[0] },
    { dimension: 'months ×5', factor: 5, point: rest[1] },
    { dimension: 'providers ×6', factor: 6, point: rest[2] },
  ];
  return {
    base,
    rows: variants.map(({ dimension, factor, point }) => {
      const work = (point.providers * point.cells) / (base.providers * base.cells);
      return {
        dimension,
        factor,
        ...point,
        expectedExponent: round3(exponent(1, factor, base.expectedMs, point.expectedMs)),
        evaluationExponent: round3(exponent(1, factor, base.evaluationMs, point.evaluationMs)),
        microsimExponent: round3(exponent(1, factor, base.microsimMs, point.microsimMs)),
        // Providers bring catchments and so cells: the engine's work is providers × cells.
        ...(dimension.startsWith('providers') ? {
              providersTimesCells: round3(work),
              expectedExponentInProvidersTimesCells: round3(exponent(1, work, base.expectedMs, point.expectedMs)),
              evaluationExponentInProvidersTimesCells: round3(exponent(1, work, base.evaluationMs, point.evaluationMs)),
            } : {}),
      };
    }),
  };
}
