/**
 * "Why did this change?": the difference between a variant and its base, for each payer's
 * spending and each provider's margin, taken apart one change at a time in a fixed order:
 *
 *   1. beyond the payment — the variant's population, care and costs, still paid as the base pays
 *      and with the base's behaviour (only when the scenarios differ there);
 *   2. the payment, component by component — the variant's rules at the base's behaviour (the
 *      price effect; a component in only one of the two counts in full, as added or removed);
 *   3. the providers' response — the variant's rules at the variant's behaviour, less step 2 (the
 *      behaviour effect; called solver noise when the two behaviours are within the solver's
 *      resolution of each other);
 *   4. chance events — in a microsimulation, what the replications add to the expected values'
 *      difference: noise, not an effect of the design.
 *
 * The bars are whole öre, taken as differences of the rounded running total, so they add up to
 * the difference shown to the öre. Steps 1–3 are expected values: exact, no noise.
 */
import type { Behaviour } from '../engine/model.js';
import { COST_SLOTS } from '../engine/costs.js';
import type { Outcome, Prepared } from '../run.js';
import { evaluateExpected, prepare } from '../run.js';
import type { Scenario } from '../scenario/types.js';
import type { LongRow } from './long-rows.js';
import type { ExplainedMeasure, Waterfall, WaterfallStep } from './waterfall.js';
import { toOre } from './waterfall.js';

export * from './waterfall.js';

export interface Explanation {
  baseId: string;
  variantId: string;
  engine: 'expected' | 'micro';
  /** False when the two have different providers or years: one undecomposed bar per figure. */
  decomposed: boolean;
  /** True when the scenarios differ beyond the payment and that part could not be priced apart (it is in the component bars). */
  mixed: boolean;
  /** Largest difference between the two behaviours (effort or intensity units). */
  behaviourShift: number;
  waterfalls: Waterfall[];
  /** Display names of payers, providers and components of both scenarios, by id. */
  names: Record<string, string>;
}

/** A run as the explanation needs it: prepared, the behaviour used, its expected outcome, and per replication the long rows (micro). */
export interface ExplainRun {
  prepared: Prepared;
  behaviour: Behaviour;
  expected: Outcome;
  /** Long rows of each replication (totals over the run suffice); empty for expected values. */
  replicationRows?: readonly (readonly LongRow[])[];
}

/** Behaviours closer than this (effort and intensity units) differ by the solver's rounding, not by a response: 100 × its tolerance. */
export const SOLVER_RESOLUTION = 1e-4;

/** Totals over the run of one evaluation: per figure, its total and what each component contributed. */
interface Totals {
  /** `${measure}\u0000${entity}` → kr. */
  total: Map<string, number>;
  /** component id → (figure key → kr). */
  byComponent: Map<string, Map<string, number>>;
}

const key = (measure: ExplainedMeasure, entity: string) => `${measure}\u0000${entity}`;

function totalsOf(prepared: Prepared, outcome: Outcome): Totals {
  const { model, plan } = prepared;
  const A = plan.accounts.length;
  const C = plan.components.length;
  const byComp = outcome.ledger.receivedByComponent(C);
  const net = outcome.ledger.netByMonth(model.months);
  const P = model.providerIds.length;
  const total = new Map<string, number>();
  const byComponent = new Map<string, Map<string, number>>();
  for (const c of plan.components) byComponent.set(c.spec.id, new Map());
  const accountTotal = (a: number) => {
    let s = 0;
    for (let m = 0; m < model.months; m++) s += net[m * A + a];
    return s;
  };
  model.payerIds.forEach((id, i) => {
    const a = plan.payerAccount[i];
    total.set(key('spendingKr', id), -accountTotal(a));
    // Only the components this payer pays into: a component in one scenario only then shows where it belongs.
    for (const c of plan.components) if (c.payers.some((x) => x.account === a)) byComponent.get(c.spec.id)!.set(key('spendingKr', id), -byComp[c.index * A + a]);
  });
  model.providerIds.forEach((id, p) => {
    const a = plan.providerAccount[p];
    let cost = 0;
    for (let m = 0; m < model.months; m++) for (let s = 0; s < COST_SLOTS; s++) cost += outcome.costs.total[(m * P + p) * COST_SLOTS + s];
    total.set(key('marginKr', id), accountTotal(a) - cost);
    for (const c of plan.components) if (c.providers.includes(p)) byComponent.get(c.spec.id)!.set(key('marginKr', id), byComp[c.index * A + a]);
  });
  return { total, byComponent };
}

/** Mean over replications of a figure's whole-run total, and the paired differences' interval. */
function replicationTotals(rows: readonly (readonly LongRow[])[] | undefined): Map<string, number[]> | undefined {
  if (!rows || rows.length === 0) return undefined;
  const out = new Map<string, number[]>();
  rows.forEach((replication, r) => {
    for (const row of replication) {
      if (row.period !== 'all' || row.group !== 'all' || row.cni !== 'all') continue;
      if (row.metric !== 'spendingKr' && row.metric !== 'marginKr') continue;
      const k = key(row.metric, row.entity);
      let values = out.get(k);
      if (!values) out.set(k, (values = new Array<number>(rows.length).fill(0)));
      values[r] = row.value;
    }
  });
  return out;
}

/** The parts of a scenario that are neither its payment nor its texts nor the run's settings. */
function beyondPayment(s: Scenario): string {
  const rest: Record<string, unknown> = { ...s };
  for (const k of ['id', 'title', 'description', 'question', 'lookAt', 'sources', 'translations', 'payment', 'pools']) delete rest[k];
  rest.simulation = { ...s.simulation, seed: 0, replications: 0 };
  return JSON.stringify(rest);
}

function largestShift(a: Behaviour, b: Behaviour): number {
  let shift = 0;
  for (const [x, y] of [
    [a.effort, b.effort],
    [a.intensity, b.intensity],
  ]) {
    x.forEach((row, t) => row.forEach((v, i) => (shift = Math.max(shift, Math.abs(v - y[t][i])))));
  }
  return shift;
}

function compatible(a: Prepared, b: Prepared): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.model.providerIds, b.model.providerIds) && a.model.years === b.model.years && a.model.months === b.model.months;
}

function namesOf(prepared: Prepared, into: Record<string, string>): void {
  const s = prepared.scenario;
  for (const p of [...s.payers, ...s.providers, ...(s.pools ?? [])]) into[p.id] ??= p.name;
  for (const c of prepared.plan.components) into[c.spec.id] ??= c.spec.label ?? c.spec.id;
}


/**
 * Bars in öre from changes in kr: each bar is the rounded running level less the one before, the
 * last level being the variant's figure itself, so the bars add up to exactly the variant's
 * figure less the base's, both as shown to the öre.
 */
function inOre(baseKr: number, variantKr: number, changes: readonly { step: Omit<WaterfallStep, 'ore'>; kr: number }[]): { steps: WaterfallStep[]; differenceOre: number } {
  let level = baseKr;
  let previous = toOre(baseKr);
  const steps = changes.map(({ step, kr }, i) => {
    level = i === changes.length - 1 ? variantKr : level + kr;
    const now = toOre(level);
    const ore = now - previous;
    previous = now;
    return { ...step, ore };
  });
  return { steps, differenceOre: toOre(variantKr) - toOre(baseKr) };
}

/**
 * Take apart the difference between a variant and its base (both run with the same seed and
 * replications) for every payer's spending and every provider's margin.
 * @example explainDifference(runScenario(base), runScenario(variant)).waterfalls[0].steps
 */
export function explainDifference(base: ExplainRun, variant: ExplainRun): Explanation {
  const names: Record<string, string> = {};
  namesOf(variant.prepared, names);
  namesOf(base.prepared, names);
  const A = totalsOf(base.prepared, base.expected);
  const V = totalsOf(variant.prepared, variant.expected);
  const decomposed = compatible(base.prepared, variant.prepared);
  const shift = decomposed ? largestShift(base.behaviour, variant.behaviour) : NaN;
  // Step 2's end: the variant's rules (and model) with the providers behaving as under the base.
  const H = decomposed ? totalsOf(variant.prepared, shift === 0 ? variant.expected : evaluateExpected(variant.prepared, base.behaviour)) : undefined;
  // Step 1's end: the variant's model paid as the base pays, at the base's behaviour.
  let G: Totals | undefined = decomposed ? A : undefined;
  let mixed = false;
  if (decomposed && beyondPayment(base.prepared.scenario) !== beyondPayment(variant.prepared.scenario)) {
    try {
      const scenario: Scenario = { ...variant.prepared.scenario, payment: base.prepared.scenario.payment, pools: base.prepared.scenario.pools };
      const prepared = prepare(scenario, variant.prepared.population);
      G = totalsOf(prepared, evaluateExpected(prepared, base.behaviour));
    } catch {
      // The base's payment does not fit the variant's model (a payer it lacks): price both together.
      G = A;
      mixed = true;
    }
  }
  const baseReps = replicationTotals(base.replicationRows);
  const variantReps = replicationTotals(variant.replicationRows);
  const micro = baseReps !== undefined && variantReps !== undefined;
  const baseComponents = base.prepared.plan.components.map((c) => c.spec.id);
  const variantComponents = variant.prepared.plan.components.map((c) => c.spec.id);
  const componentIds = [...new Set([...baseComponents, ...variantComponents])];
  const figures: [ExplainedMeasure, string][] = [
    ...[...new Set([...base.prepared.model.payerIds, ...variant.prepared.model.payerIds])].map((id): [ExplainedMeasure, string] => ['spendingKr', id]),
    ...[...new Set([...base.prepared.model.providerIds, ...variant.prepared.model.providerIds])].map((id): [ExplainedMeasure, string] => ['marginKr', id]),
  ];
  const waterfalls = figures.map(([measure, entity]): Waterfall => {
    const k = key(measure, entity);
    const a = A.total.get(k) ?? 0;
    const v = V.total.get(k) ?? 0;
    const changes: { step: Omit<WaterfallStep, 'ore'>; kr: number }[] = [];
    if (H && G) {
      const g = G.total.get(k) ?? 0;
      const h = H.total.get(k) ?? 0;
      if (G !== A) changes.push({ step: { kind: 'beyond-payment' }, kr: g - a });
      let priced = 0;
      for (const id of componentIds) {
        const before = G.byComponent.get(id)?.get(k);
        const after = H.byComponent.get(id)?.get(k);
        if (before === undefined && after === undefined) continue;
        const change = !G.byComponent.has(id) ? 'added' : !H.byComponent.has(id) ? 'removed' : 'changed';
        const kr = (after ?? 0) - (before ?? 0);
        // A component in only one of the two is always shown (a bonus paying 0 says so); a shared one when it moved.
        if (change !== 'changed' || toOre(kr) !== 0) changes.push({ step: { kind: 'component', component: id, change }, kr });
        priced += kr;
      }
      const other = h - g - priced;
      if (toOre(other) !== 0) changes.push({ step: { kind: 'other' }, kr: other });
      changes.push({ step: { kind: shift > 0 && shift <= SOLVER_RESOLUTION ? 'solver-noise' : 'behaviour' }, kr: v - h });
    } else changes.push({ step: { kind: 'undecomposed' }, kr: v - a });
    let baseKr = a;
    let variantKr = v;
    if (micro) {
      const as = baseReps.get(k);
      const vs = variantReps.get(k);
      const n = Math.max(as?.length ?? 0, vs?.length ?? 0);
      const paired = Array.from({ length: n }, (_, r) => (vs?.[r] ?? 0) - (as?.[r] ?? 0));
      const mean = (xs: readonly number[] | undefined) => (xs && xs.length > 0 ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
      baseKr = mean(as);
      variantKr = mean(vs);
      const d = mean(paired);
      const sd = n > 1 ? Math.sqrt(paired.reduce((s, x) => s + (x - d) ** 2, 0) / (n - 1)) : 0;
      const half = (1.96 * sd) / Math.sqrt(Math.max(1, n));
      const noise = variantKr - baseKr - (v - a);
      changes.push({ step: { kind: 'event-noise', interval: [noise - half, noise + half] }, kr: noise });
    }
    const { steps, differenceOre } = inOre(baseKr, variantKr, changes);
    return { measure, entity, baseKr, variantKr, differenceOre, steps };
  });
  return {
    baseId: base.prepared.scenario.id,
    variantId: variant.prepared.scenario.id,
    engine: micro ? 'micro' : 'expected',
    decomposed,
    mixed,
    behaviourShift: shift,
    waterfalls,
    names,
  };
}
