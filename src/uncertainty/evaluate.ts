/**
 * One design evaluated at one set of parameter values: the single place where the uncertainty
 * commands call the run pipeline (`runScenario`: prepare → behaviour → expected values, and replications with the
 * microsimulation), so that they follow it when it changes. Returns the measures the analyses rank,
 * sweep and compare: each payer's spending, each provider's margin, admissions, the coordination
 * gap and each provider's chosen coordination effort.
 */
import { CNI_BANDS, GROUP_COUNT, GROUP_IDS, O, S } from '../domain.js';
import { OUTCOME, rowOffset } from '../engine/activity.js';
import { COST_SLOTS } from '../engine/costs.js';
import { prepare, replicationSeed, runScenario, type Outcome, type Prepared } from '../run.js';
import type { Behaviour } from '../engine/model.js';
import type { Decisions } from '../behaviour/index.js';
import { warmEquilibriumPath, type DrawBehaviour } from './behaviour.js';
import { coordinationGap, solveFrom, solveOptimum, steadyContext } from '../behaviour/index.js';
import { synthesizePopulation, type Population } from '../population/population.js';
import { scenarioOrThrow, validateScenario } from '../scenario/validate.js';
import type { PaymentModel, Scenario } from '../scenario/types.js';
import { streamKey } from '../random.js';
import { setInPlace } from './paths.js';
import { presetEvidence, uncertainParameters, type PresetId, type UncertainParameter } from './presets.js';

/** Which way is better for a measure: for the payer, the provider, the patients, or no way. */
export type Direction = 'lower' | 'higher' | 'none';

/** A measure and whether less or more of it is better. */
export const MEASURES: Readonly<Record<string, { direction: Direction; unit: string; description: string }>> = {
  spending: { direction: 'lower', unit: 'kr', description: "a payer's net spending over the run" },
  margin: { direction: 'higher', unit: 'kr', description: "a provider's margin (revenue − cost) over the run" },
  admissions: { direction: 'lower', unit: 'admissions', description: 'admissions over the run' },
  avoidableAdmissionsPerThousand: { direction: 'lower', unit: 'per 1,000 person-years', description: 'avoidable admissions per 1,000 person-years' },
  qaly: { direction: 'higher', unit: 'QALY', description: 'quality-adjusted life years over the run' },
  teamCoordination: { direction: 'higher', unit: '0–1', description: 'team coordination of a need group, mean over the run' },
  coordinationGap: { direction: 'lower', unit: 'kr / per 1,000', description: 'social optimum minus equilibrium in the first year (welfare kr a year, avoidable admissions per 1,000)' },
  effort: { direction: 'none', unit: '0–1', description: "a provider's coordination effort in the first year (mean over the need groups it coordinates for)" },
};

/** One measured value: measure, entity (a payer, a provider, a group or 'population'), value. */
export interface MeasureValue {
  measure: string;
  entity: string;
  value: number;
}

export interface EvaluateOptions {
  /** Also solve the social optimum for the coordination gap (costs a second solve). Default true. */
  gap?: boolean;
  /** 'micro' adds `replications` microsimulation runs per evaluation (event uncertainty). */
  engine?: 'expected' | 'micro';
  replications?: number;
  /** How the providers' behaviour is set at these values (src/uncertainty/behaviour.ts); default 'solve'. */
  behaviour?: DrawBehaviour;
}

/** Values of one evaluation: from the expected-value engine, and per replication with the microsimulation. */
export interface Evaluation {
  expected: MeasureValue[];
  replications: MeasureValue[][];
}

type Json = Record<string, unknown>;

/**
 * A design ready to be evaluated many times: the raw JSON (with the preset applied), its models and
 * a population reused while the population section is unchanged.
 * @example const d = new Design(json, models); d.evaluate(new Map([['care.substitution', 0.3]]))
 */
export class Design {
  readonly raw: Json;
  readonly parameters: UncertainParameter[];
  readonly preset: PresetId | undefined;
  private population?: { key: string; value: Population };
  private base?: { behaviour: Behaviour; years: Decisions[] };

  constructor(
    raw: unknown,
    readonly models: Record<string, PaymentModel>,
    options: { preset?: PresetId; population?: Population; seed?: number } = {},
  ) {
    const json = structuredClone(raw) as Json;
    // As `run --seed`: the scenario's own seed (its population, its replications) replaced.
    if (options.seed !== undefined) json.simulation = { ...((json.simulation as Json | undefined) ?? {}), seed: options.seed };
    const spec = (json.uncertainty ?? {}) as Scenario['uncertainty'];
    this.preset = options.preset ?? spec?.preset;
    if (this.preset) {
      json.uncertainty = { ...(spec ?? {}), preset: this.preset };
      const evidence = presetEvidence(this.preset);
      if (evidence) json.care = { ...((json.care as Json | undefined) ?? {}), evidence };
    }
    this.raw = json;
    this.parameters = uncertainParameters(json.uncertainty as Scenario['uncertainty'], undefined, json, models);
    if (options.population) this.population = { key: populationKey(scenarioOrThrow(validateScenario(json, { models }))), value: options.population };
  }

  /**
   * The validated scenario with these values set.
   * @example design.scenario(new Map()).id
   */
  scenario(values: ReadonlyMap<string, number>): Scenario {
    const json = structuredClone(this.raw);
    for (const [path, v] of values) setInPlace(json, path, v, this.models);
    return scenarioOrThrow(validateScenario(json, { models: this.models }));
  }

  /** The population, kept from the last evaluation when its inputs did not change. */
  private populationOf(scenario: Scenario): Population {
    const key = populationKey(scenario);
    if (this.population?.key !== key) this.population = { key, value: synthesizePopulation(scenario, scenario.simulation.seed) };
    return this.population.value;
  }

  /**
   * The behaviour of the design at its point values (solved once, then kept): what `warm` starts
   * each draw from and `hold` keeps.
   * @example design.baseBehaviour().years[0].effort
   */
  baseBehaviour(): { behaviour: Behaviour; years: Decisions[] } {
    if (this.base === undefined) {
      const scenario = this.scenario(new Map());
      const { behaviour } = runScenario(scenario, { population: this.populationOf(scenario) });
      this.base = { behaviour, years: behaviour.effort.map((effort, y) => ({ effort, intensity: behaviour.intensity[y] })) };
    }
    return this.base;
  }

  /** The behaviour a draw runs with when it is not solved as `run` would (undefined: solve it so). */
  private drawBehaviour(scenario: Scenario, prepared: () => Prepared, how: DrawBehaviour | undefined): Behaviour | undefined {
    const mode = scenario.simulation.behaviour ?? 'fixed';
    if (how === 'hold' && mode !== 'fixed') return this.baseBehaviour().behaviour;
    if (how === 'warm' && mode === 'equilibrium') return warmEquilibriumPath(prepared(), this.baseBehaviour().years[0]).behaviour;
    return undefined;
  }

  /**
   * Measures at these parameter values (the rest as written); `seed` seeds the replications.
   * @example design.evaluate(new Map(), { gap: false }).expected
   */
  evaluate(values: ReadonlyMap<string, number>, options: EvaluateOptions = {}, seed = 0): Evaluation {
    const scenario = this.scenario(values);
    const micro = options.engine === 'micro';
    let prepared: Prepared | undefined;
    const preparedNow = () => (prepared ??= prepare(scenario, this.populationOf(scenario)));
    const behaviour = this.drawBehaviour(scenario, preparedNow, options.behaviour);
    const run = runScenario(scenario, {
      population: this.populationOf(scenario),
      ...(prepared ? { prepared } : {}),
      ...(behaviour ? { behaviour } : {}),
      engine: micro ? 'micro' : 'expected',
      ...(micro ? { replications: options.replications ?? scenario.simulation.replications, seed } : {}),
    });
    const firstYear = { effort: run.behaviour.effort[0], intensity: run.behaviour.intensity[0] };
    const behaviourRows = behaviourMeasures(run.prepared, firstYear, options.gap ?? true);
    return {
      expected: [...outcomeMeasures(run.prepared, run.expected), ...behaviourRows],
      replications: run.replications.map((o) => [...outcomeMeasures(run.prepared, o), ...behaviourRows]),
    };
  }
}

/** The seed of the replications inside draw `draw`: shared by every design (common random numbers). */
export function drawReplicationSeed(seed: number, draw: number): number {
  return replicationSeed(streamKey(seed, 'psa-events'), draw);
}

function populationKey(scenario: Scenario): string {
  return `${scenario.simulation.seed}:${JSON.stringify(scenario.population)}`;
}

const sum = (xs: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
};

/**
 * Money and patient measures of one outcome (expected or one replication). The same sums as
 * results/metrics.ts's metricsOf, in the same order (so the same numbers to the last bit), without
 * the tables the analyses do not need: it is a fifth of a region draw's time otherwise.
 * @example outcomeMeasures(prepared, evaluateExpected(prepared))
 */
export function outcomeMeasures(prepared: Prepared, outcome: Outcome): MeasureValue[] {
  const { model, plan } = prepared;
  const months = model.months;
  const P = model.providerIds.length;
  const A = plan.accounts.length;
  const net = outcome.ledger.netByMonth(months);
  const out: MeasureValue[] = [];
  model.payerIds.forEach((id, i) => {
    const a = plan.payerAccount[i];
    let total = 0;
    for (let m = 0; m < months; m++) total += -net[m * A + a];
    out.push({ measure: 'spending', entity: id, value: total });
  });
  model.providerIds.forEach((id, p) => {
    const a = plan.providerAccount[p];
    let total = 0;
    for (let m = 0; m < months; m++) {
      let cost = 0;
      const o = (m * P + p) * COST_SLOTS;
      for (let s = 0; s < COST_SLOTS; s++) cost += outcome.costs.total[o + s];
      total += net[m * A + a] - cost;
    }
    out.push({ measure: 'margin', entity: id, value: total });
  });
  const { table, rates } = outcome;
  const d = table.data;
  const slots = GROUP_COUNT * CNI_BANDS;
  const admissions = new Float64Array(slots);
  const avoidable = new Float64Array(slots);
  const qaly = new Float64Array(slots);
  const personMonths = new Float64Array(slots);
  const weighted = new Float64Array(GROUP_COUNT);
  const groupPersonMonths = new Float64Array(GROUP_COUNT);
  for (let m = 0; m < table.months; m++)
    for (let k = 0; k < table.catchments; k++)
      for (let g = 0; g < GROUP_COUNT; g++) {
        const coord = rates[m].coordination[k * GROUP_COUNT + g];
        for (let b = 0; b < CNI_BANDS; b++) {
          const row = rowOffset(table, m, k, g, b);
          const slot = g * CNI_BANDS + b;
          const people = d[row + OUTCOME + O.personMonths];
          admissions[slot] += d[row + S.admission];
          avoidable[slot] += d[row + OUTCOME + O.avoidableAdmissions];
          qaly[slot] += d[row + OUTCOME + O.qaly];
          personMonths[slot] += people;
          weighted[g] += people * coord;
          groupPersonMonths[g] += people;
        }
      }
  const personYears = sum(personMonths.map((x) => x / 12));
  out.push({ measure: 'admissions', entity: 'population', value: sum(admissions) });
  out.push({ measure: 'avoidableAdmissionsPerThousand', entity: 'population', value: personYears > 0 ? (1000 * sum(avoidable)) / personYears : 0 });
  out.push({ measure: 'qaly', entity: 'population', value: sum(qaly) });
  GROUP_IDS.forEach((g, i) => {
    if (g !== 'healthy') out.push({ measure: 'teamCoordination', entity: g, value: groupPersonMonths[i] > 0 ? weighted[i] / groupPersonMonths[i] : NaN });
  });
  return out;
}

/** First-year behaviour: each provider's effort and, when asked, the coordination gap. */
function behaviourMeasures(prepared: Prepared, decisions: { effort: Float64Array; intensity: Float64Array }, gap: boolean): MeasureValue[] {
  const ctx = steadyContext(prepared, 0);
  const out: MeasureValue[] = [];
  prepared.model.providerIds.forEach((id, p) => {
    let total = 0;
    let n = 0;
    for (let g = 0; g < GROUP_COUNT; g++)
      if (ctx.effortActive[p * GROUP_COUNT + g]) {
        total += decisions.effort[p * GROUP_COUNT + g];
        n++;
      }
    if (n > 0) out.push({ measure: 'effort', entity: id, value: total / n });
  });
  if (gap) {
    const equilibrium = solveFrom(ctx, decisions);
    const g = coordinationGap(ctx, equilibrium, solveOptimum(ctx));
    out.push({ measure: 'coordinationGap', entity: 'welfare', value: g.difference.welfare });
    out.push({ measure: 'coordinationGap', entity: 'avoidableAdmissionsPerThousand', value: -g.difference.avoidableAdmissionsPerThousand });
  }
  return out;
}
