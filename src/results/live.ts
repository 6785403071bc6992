/**
 * Expected values for a scenario that changes a little at a time (a lever in the web app):
 * keeps what did not change — the population, the compiled model, the activity table and the
 * providers' costs — and redoes only what the change touches. The answer is always the same as
 * `evaluateExpected(prepare(scenario), behaviour)`; only the time it takes differs.
 *
 * The providers' behaviour is an input here. Where a scenario's providers respond to the design
 * (`simulation.behaviour` 'equilibrium' or 'adaptive'), solving their response takes seconds; the
 * app shows these values at once and the solved ones when they come.
 */
import type { Behaviour } from '../engine/model.js';
import type { Population } from '../population/population.js';
import { synthesizePopulation } from '../population/population.js';
import type { Outcome, Prepared } from '../run.js';
import { evaluateExpected, paymentComponents, prepare } from '../run.js';
import type { CompiledComponent, PaymentPlan } from '../payment/plan.js';
import { compilePlan } from '../payment/plan.js';
import { settle } from '../payment/settle.js';
import type { PaymentComponent, Scenario } from '../scenario/types.js';

/** What the last evaluation could keep: 'settlement' redid only the payments. */
export type Reuse = 'nothing' | 'population' | 'model' | 'activity' | 'settlement';

export interface LiveResult {
  prepared: Prepared;
  outcome: Outcome;
  reuse: Reuse;
}

/** A behaviour to evaluate with, and a name that changes whenever it does (fast comparison). */
export interface GivenBehaviour {
  id: string;
  value: Behaviour;
}

/**
 * Fields of a component that `compilePlan` turns into indices, masks, weights or extra columns.
 * Any other field (amounts, prices, targets, caps, shares…) is read when payments are settled,
 * so a change there needs only a new settlement.
 */
const COMPILED_FIELDS = ['id', 'kind', 'payer', 'payee', 'groups', 'weight', 'service', 'windowMonths', 'curve', 'start', 'end', 'settlement'] as const;

function compiledShape(c: PaymentComponent): string {
  const record = c as unknown as Record<string, unknown>;
  const picked = COMPILED_FIELDS.map((k) => record[k]);
  return JSON.stringify([picked, c.stopLoss === undefined ? null : c.stopLoss.threshold]);
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when two plans make the engines count the same extra columns and episode windows. */
function sameActivityInputs(a: PaymentPlan, b: PaymentPlan): boolean {
  if (!sameArray(a.episodeWindow, b.episodeWindow) || a.extras.length !== b.extras.length) return false;
  return a.extras.every((x, i) => {
    const y = b.extras[i];
    if (x.kind === 'weighted' && y.kind === 'weighted') return sameArray(x.services, y.services) && sameArray(x.weight, y.weight);
    if (x.kind === 'excess' && y.kind === 'excess') return x.threshold === y.threshold && sameArray(x.providers, y.providers);
    if (x.kind === 'people' && y.kind === 'people') return sameArray(x.weight, y.weight);
    return false;
  });
}

/**
 * Everything but the payment design, as a key: when it is unchanged, so are the population and
 * the compiled model — and a behaviour solved for one design fits the next.
 * @example behaviourKey(a) === behaviourKey(b) // a and b differ only in payment
 */
export function behaviourKey(scenario: Scenario): string {
  return JSON.stringify({ ...scenario, payment: null });
}

function populationKey(scenario: Scenario): string {
  return JSON.stringify([scenario.population, scenario.providers.map((p) => [p.id, p.type]), scenario.simulation.seed]);
}

/**
 * Keeps the last evaluation and answers the next one by redoing only what changed.
 * @example const live = new LiveEvaluator(); live.evaluate(scenario).outcome.ledger
 */
export class LiveEvaluator {
  private population: { key: string; value: Population } | undefined;
  private last: { key: string; prepared: Prepared; outcome: Outcome } | undefined;

  /**
   * Expected values of a validated (model-expanded) scenario, with the model's given behaviour or
   * with `behaviour` (which must fit the scenario's model: same `behaviourKey`).
   */
  evaluate(scenario: Scenario, behaviour?: GivenBehaviour): LiveResult {
    const key = `${behaviourKey(scenario)}\u0000${behaviour?.id ?? 'given'}`;
    const result = this.last?.key === key ? this.redoPayments(scenario) : this.fresh(scenario, behaviour?.value);
    this.last = { key, prepared: result.prepared, outcome: result.outcome };
    return result;
  }

  /** Forget everything kept (frees a region-sized population). */
  clear(): void {
    this.population = undefined;
    this.last = undefined;
  }

  private fresh(scenario: Scenario, behaviour: Behaviour | undefined): LiveResult {
    const key = populationKey(scenario);
    const kept = this.population?.key === key;
    const population = kept ? this.population!.value : synthesizePopulation(scenario, scenario.simulation.seed);
    this.population = { key, value: population };
    const prepared = prepare(scenario, population);
    return { prepared, outcome: evaluateExpected(prepared, behaviour ?? prepared.model.behaviour), reuse: kept ? 'population' : 'nothing' };
  }

  private redoPayments(scenario: Scenario): LiveResult {
    const last = this.last!;
    const { model, population, caseMix } = last.prepared;
    const components = paymentComponents(scenario);
    const before = last.prepared.plan.components;
    const sameShape = components.length === before.length && components.every((c, i) => compiledShape(c) === compiledShape(before[i].spec));
    let plan: PaymentPlan;
    if (sameShape) {
      // Only numbers read at settlement changed: keep every compiled mask and weight, swap the specs.
      plan = { ...last.prepared.plan, components: before.map((c): CompiledComponent => ({ ...c, spec: components[c.index] })) };
    } else {
      plan = compilePlan(model, population, components, caseMix);
    }
    const prepared: Prepared = { ...last.prepared, scenario, plan };
    if (!sameActivityInputs(plan, last.prepared.plan)) return { prepared, outcome: evaluateExpected(prepared, last.outcome.behaviour), reuse: 'model' };
    const { table, costs, rates, behaviour } = last.outcome;
    const ledger = settle({ model, plan, actual: table, costs, rates });
    return { prepared, outcome: { table, costs, rates, behaviour, ledger }, reuse: sameShape ? 'settlement' : 'activity' };
  }
}
