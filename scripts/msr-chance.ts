/**
 * How often chance alone crosses a shared-savings contract's minimum savings rate (MSR): the
 * shipped scenario (scenarios/shared-savings-1-one-sided.json) with coordination effort held at
 * zero, its benchmark set to the expected spending per weighted member-month of that population
 * at zero effort, so that every saving is noise. Over microsimulation replications (each year of
 * each replication is one reconciliation) it prints, per listed population size: the MSR the
 * MSSP table gives, the spread of the yearly savings rate, the share of years crossing that MSR
 * (counted, and as a normal distribution with that spread would have it) and a fixed 2 % one, and
 * the mean yearly payout those chance savings earn with the MSR by size and with none (the same
 * replications: the payout without an MSR is the contract's terms applied to the same savings).
 *
 *   npx tsx scripts/msr-chance.ts [--reps 100] [--sizes 5000,10000,20000,50000] [--seed 7]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { msrForSize } from '../src/payment/kinds/shared-savings.js';
import { runScenario } from '../src/run.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import type { Scenario, SharedSavingsComponent } from '../src/scenario/types.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FILE = 'scenarios/shared-savings-1-one-sided.json';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/** The scenario at `size` people with no coordination effort, its shared-savings terms changed. */
function atZeroEffort(base: Scenario, size: number, terms: Partial<SharedSavingsComponent>): Scenario {
  const f = size / base.population.size;
  const zero = Object.fromEntries(base.providers.map((p) => [p.id, 0]));
  return {
    ...base,
    population: { ...base.population, size },
    providers: base.providers.map((p) => ({ ...p, ...(p.places !== undefined ? { places: Math.max(1, Math.round(p.places * f)) } : {}) })),
    care: { ...base.care, coordination: zero },
    payment: { components: base.payment.components.map((c) => ('kind' in c && c.kind === 'shared-savings' ? ({ ...c, ...terms } as SharedSavingsComponent) : c)) },
    simulation: { ...base.simulation, behaviour: 'fixed' },
  };
}

/** The standard normal distribution function (Abramowitz & Stegun 26.2.17, error below 7.5e-8). @example phi(0) // 0.5 */
function phi(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z > 0 ? 1 - p : p;
}

/** Mean and standard deviation. @example spread([1, 3]) // { mean: 2, sd: 1.414… } */
function spread(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return { mean, sd };
}

async function main(): Promise<void> {
  const reps = Number(option('reps', '100'));
  const seed = Number(option('seed', '7'));
  const sizes = option('sizes', '5000,10000,20000,50000').split(',').map(Number);
  const base = await loadScenarioFile(join(ROOT, FILE));
  console.log(`${FILE}, coordination effort 0, benchmark = expected spending at zero effort; ${reps} replications × ${base.simulation.years} years, seed ${seed}`);
  console.log('listed people | MSR by size | sd of yearly savings rate | mean savings rate | P(savings ≥ MSR by size), counted | same, normal | P(savings ≥ 2 %), counted | same, normal | mean payout/year, MSR by size | mean payout/year, no MSR');
  for (const size of sizes) {
    // The benchmark: this population's expected spending per weighted member-month at zero effort.
    const expected = runScenario(atZeroEffort(base, size, {}), { engine: 'expected' });
    const benchmark = expected.expected.ledger.reconciliations[0].actual;
    const scenario = atZeroEffort(base, size, { benchmark });
    const terms = scenario.payment.components.find((c): c is SharedSavingsComponent => 'kind' in c && c.kind === 'shared-savings')!;
    const lines = runScenario(scenario, { engine: 'micro', replications: reps, seed }).replications.flatMap((o) => o.ledger.reconciliations);
    const rates = lines.map((r) => r.savingsRate);
    const { mean, sd } = spread(rates);
    const share = (f: (x: number) => boolean) => rates.filter(f).length / rates.length;
    const normal = (threshold: number) => 1 - phi((threshold - mean) / sd);
    const msr = lines[0].threshold ?? msrForSize(size);
    // Without an MSR the same years pay the sharing rate of any saving, up to the cap, when quality passes.
    const unlimited = lines.map((r) => (r.quality >= 1 && r.savingsRate > 0 ? terms.sharingRate * Math.min(r.benchmark - r.actual, (terms.savingsCap ?? Infinity) * r.benchmark) * r.units : 0));
    const mean0 = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      [
        size.toLocaleString('en'),
        `${(100 * msr).toFixed(1)} %`,
        `${(100 * sd).toFixed(2)} %`,
        `${(100 * mean).toFixed(2)} %`,
        `${(100 * share((x) => x >= msr)).toFixed(1)} %`,
        `${(100 * normal(msr)).toFixed(2)} %`,
        `${(100 * share((x) => x >= 0.02)).toFixed(1)} %`,
        `${(100 * normal(0.02)).toFixed(2)} %`,
        `${Math.round(mean0(lines.map((r) => r.amount))).toLocaleString('en')} kr`,
        `${Math.round(mean0(unlimited)).toLocaleString('en')} kr`,
      ].join(' | '),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
