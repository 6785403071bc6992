/**
 * What a behaviour is worth to each provider and to society in one year of steady state, under
 * the payment design active in that year. Uses the expected-value engine and the same settlement
 * as every run, on a twelve-month horizon.
 */
import { CNI_BANDS, GROUP_COUNT, O, SERVICE_COUNT, S } from '../domain.js';
import { DISCRETIONARY } from '../care/parameters.js';
import { OUTCOME, rowOffset } from '../engine/activity.js';
import { CELL_GROUP, RATE_CLASSES_PER_GROUP } from '../population/cells.js';
import { COST_SLOTS } from '../engine/costs.js';
import type { Behaviour } from '../engine/model.js';
import { serviceCost } from '../engine/model.js';
import type { Outcome, Prepared } from '../payment/evaluation.js';
import { evaluateExpected } from '../payment/evaluation.js';
import { ALTRUISM, RISK_AVERSION, ADJUSTMENT_SPEED, benefitCurve, providerResponse } from './parameters.js';
import type { ResponseParameter } from './parameters.js';

/** A provider's coordination effort and discretionary intensity per need group, [provider × GROUP_COUNT + group]. */
export interface Decisions {
  effort: Float64Array;
  intensity: Float64Array;
}

/** Behaviour parameters of every provider, defaults filled in. */
export interface ProviderParameters {
  altruism: Float64Array;
  riskAversion: Float64Array;
  adjustmentSpeed: Float64Array;
  setupCost: Float64Array;
}

/** A year's view of a prepared scenario: twelve months, with the components active in that year. */
export interface SteadyContext {
  prepared: Prepared;
  view: Prepared;
  year: number;
  parameters: ProviderParameters;
  /** 1 where a provider's effort for a group matters (it is in that group's team somewhere with people). */
  effortActive: Uint8Array;
  /** 1 where a provider delivers discretionary services to a group. */
  intensityActive: Uint8Array;
  /** Revenue per unit of each service from linear components, per provider × group × service (risk). */
  unitRevenue: Float64Array;
  /** Catchments each provider serves or lists: [provider × catchments + catchment]. */
  scope: Uint8Array;
  /** The same by catchment: the providers that serve or list its people, in order. */
  inScope: Int32Array[];
  curve: { b: number; k: number };
  /** How providers respond to pay (the scenario's `response`, defaults filled in). */
  response: Record<ResponseParameter, number>;
}

export interface Evaluation {
  outcome: Outcome;
  /** kr per year, per provider. */
  revenue: Float64Array;
  cost: Float64Array;
  profit: Float64Array;
  /** Patient benefit in the provider's care (kr-equivalent per year): health and discretionary care. */
  benefit: Float64Array;
  /** Variance of the yearly margin (kr²). */
  variance: Float64Array;
  setup: Float64Array;
  /** The provider's objective: profit + α·benefit − (ρ/2)·variance − setup costs. */
  utility: Float64Array;
  /** Patient benefit minus the cost of care, over everyone (the social objective). */
  welfare: number;
  /** kr-equivalent of QALYs over everyone. */
  health: number;
  /** Discretionary-care benefit over everyone. */
  discretionaryBenefit: number;
  totalCost: number;
  /** kr paid per payer (net). */
  spending: Float64Array;
}

/**
 * Fill provider behaviour parameters from the scenario, with the defaults of parameters.ts.
 * @example providerParameters(prepared).altruism[0] // 0.5 unless the scenario says otherwise
 */
export function providerParameters(prepared: Prepared): ProviderParameters {
  const providers = prepared.scenario.providers;
  const pick = (f: (p: (typeof providers)[number]) => number) => Float64Array.from(providers, f);
  return {
    altruism: pick((p) => p.behaviour?.altruism ?? ALTRUISM.default),
    riskAversion: pick((p) => p.behaviour?.riskAversion ?? RISK_AVERSION.default),
    adjustmentSpeed: pick((p) => p.behaviour?.adjustmentSpeed ?? ADJUSTMENT_SPEED.default),
    setupCost: pick((p) => p.behaviour?.setupCost ?? 0),
  };
}

/**
 * The twelve-month view of year `year`: components keep their dates, moved so the year starts at month 0.
 * @example const ctx = steadyContext(prepared, 0)
 */
export function steadyContext(prepared: Prepared, year = 0): SteadyContext {
  const { model, plan, cells } = prepared;
  const P = model.providerIds.length;
  const K = model.catchments.length;
  // Copied with Object.assign onto fresh objects, not spread: a spread's copy can take a map of its
  // own, so that the solver's hot loops, compiled for one context's objects, are thrown away and
  // compiled again for the next context's (a PSA's draws, a lever's moves, every year of a path).
  const components = plan.components.map((c) => Object.assign({}, c, { startMonth: Math.max(0, c.startMonth - 12 * year), endMonth: Math.min(12, c.endMonth - 12 * year) }));
  const view: Prepared = Object.assign({}, prepared, {
    model: Object.assign({}, model, { months: 12, years: 1, startMonth: model.startMonth + 12 * year }),
    plan: Object.assign({}, plan, { components }),
  });

  const peopleIn = new Float64Array(K * GROUP_COUNT);
  for (let i = 0; i < cells.count.length; i++) peopleIn[cells.catchment[i] * GROUP_COUNT + CELL_GROUP[cells.cell[i]]] += cells.count[i];
  const classesPerGroup = RATE_CLASSES_PER_GROUP;

  const effortActive = new Uint8Array(P * GROUP_COUNT);
  const intensityActive = new Uint8Array(P * GROUP_COUNT);
  const scope = new Uint8Array(P * K);
  for (let k = 0; k < K; k++) {
    const listed = model.catchments[k].listedAt;
    if (listed >= 0) scope[listed * K + k] = 1;
    for (let s = 0; s < SERVICE_COUNT; s++) {
      const p = model.serviceProvider[k * SERVICE_COUNT + s];
      if (p >= 0) scope[p * K + k] = 1;
    }
    for (let g = 0; g < GROUP_COUNT; g++) {
      if (peopleIn[k * GROUP_COUNT + g] === 0) continue;
      for (const p of model.team[k * GROUP_COUNT + g]) effortActive[p * GROUP_COUNT + g] = 1;
      for (const id of DISCRETIONARY) {
        const s = S[id];
        const p = model.serviceProvider[k * SERVICE_COUNT + s];
        if (p < 0) continue;
        let any = false;
        for (let rc = g * classesPerGroup; rc < (g + 1) * classesPerGroup && !any; rc++) any = model.baseRate[rc * SERVICE_COUNT + s] > 0;
        if (any) intensityActive[p * GROUP_COUNT + g] = 1;
      }
    }
  }

  const unitRevenue = new Float64Array(P * GROUP_COUNT * SERVICE_COUNT);
  for (const c of plan.components) {
    const perUnit = c.kind.revenuePerUnit;
    // Pay into a pool reaches a provider only through the pool's sharing rule: not per unit it does.
    if (!perUnit || c.recipient.kind === 'pool') continue;
    for (let p = 0; p < P; p++) {
      if (c.receiverOf[p] < 0) continue;
      for (let g = 0; g < GROUP_COUNT; g++) {
        if (!c.groups[g]) continue;
        for (let s = 0; s < SERVICE_COUNT; s++) unitRevenue[(p * GROUP_COUNT + g) * SERVICE_COUNT + s] += perUnit(c, model, p, s, g);
      }
    }
  }
  const response = providerResponse(prepared.scenario);
  const inScope = Array.from({ length: K }, (_, k) => Int32Array.from({ length: P }, (_, p) => p).filter((p) => scope[p * K + k] === 1));
  return { prepared, view, year, parameters: providerParameters(prepared), effortActive, intensityActive, unitRevenue, scope, inScope, curve: benefitCurve(ALTRUISM.default, response.feeForServiceVolume), response };
}

const DISCRETIONARY_INDEX = DISCRETIONARY.map((id) => S[id]);

/**
 * Evaluate decisions in the steady state of the context's year.
 * @example evaluateSteady(ctx, { effort, intensity }).utility
 */
export function evaluateSteady(ctx: SteadyContext, decisions: Decisions): Evaluation {
  const { view } = ctx;
  const model = view.model;
  const P = model.providerIds.length;
  const K = model.catchments.length;
  const behaviour: Behaviour = { effort: [decisions.effort], intensity: [decisions.intensity] };
  const outcome = evaluateExpected(view, behaviour);
  const { table, costs, ledger } = outcome;
  const A = view.plan.accounts.length;
  const net = ledger.netByMonth(12);
  const revenue = new Float64Array(P);
  const cost = new Float64Array(P);
  const spending = new Float64Array(view.plan.payerAccount.length);
  for (let m = 0; m < 12; m++) {
    for (let p = 0; p < P; p++) {
      revenue[p] += net[m * A + view.plan.providerAccount[p]];
      for (let s = 0; s < COST_SLOTS; s++) cost[p] += costs.total[(m * P + p) * COST_SLOTS + s];
    }
    view.plan.payerAccount.forEach((a, i) => (spending[i] -= net[m * A + a]));
  }

  const sums: RowValues = { benefit: new Float64Array(P), variance: new Float64Array(P), health: 0, discretionaryBenefit: 0 };
  // A month that repeats the one before adds the same again: count it instead of reading it.
  const weight = new Float64Array(12);
  for (let m = 0, last = 0; m < 12; m++) {
    if (m > 0 && table.repeats?.[m]) weight[last]++;
    else weight[(last = m)] = 1;
  }
  for (let m = 0; m < 12; m++) {
    const times = weight[m];
    if (times === 0) continue;
    for (let k = 0; k < K; k++)
      for (let g = 0; g < GROUP_COUNT; g++)
        for (let b = 0; b < CNI_BANDS; b++) addRowValues(ctx, sums, table.data, rowOffset(table, m, k, g, b), k, g, times, decisions.intensity);
  }
  const objectives = providerObjectives(ctx, decisions, revenue, cost, sums);
  const { benefit, variance, health, discretionaryBenefit } = sums;
  return { outcome, revenue, cost, benefit, variance, health, discretionaryBenefit, spending, ...objectives };
}

/** What the solvers compare: each provider's objective and the social one. */
export interface Score {
  utility: Float64Array;
  welfare: number;
}

/**
 * Provider p's setup costs over the year: one per need group where its effort is in use.
 * @example setupCostOf(ctx, x, 0)
 */
export function setupCostOf(ctx: SteadyContext, decisions: Decisions, p: number): number {
  const cost = ctx.parameters.setupCost[p];
  let setup = 0;
  if (cost !== 0) for (let g = 0; g < GROUP_COUNT; g++) if (ctx.effortActive[p * GROUP_COUNT + g] && decisions.effort[p * GROUP_COUNT + g] > 1e-9) setup += cost;
  return setup;
}

/**
 * Profit, setup costs, each provider's utility and welfare from a year's revenue, cost and row values,
 * into the arrays of `into` when given (a solver's trials then allocate only what they keep).
 * @example providerObjectives(ctx, x, revenue, cost, sums).utility
 */
export function providerObjectives(ctx: SteadyContext, decisions: Decisions, revenue: Float64Array, cost: Float64Array, sums: RowValues, into?: { profit: Float64Array; setup: Float64Array; utility: Float64Array }): Score & { profit: Float64Array; setup: Float64Array; totalCost: number } {
  const { parameters } = ctx;
  const P = revenue.length;
  const profit = into?.profit ?? new Float64Array(P);
  const setup = into?.setup ?? new Float64Array(P);
  const utility = into?.utility ?? new Float64Array(P);
  let totalCost = 0;
  let totalSetup = 0;
  for (let p = 0; p < P; p++) {
    setup[p] = setupCostOf(ctx, decisions, p);
    profit[p] = revenue[p] - cost[p] - setup[p];
    utility[p] = profit[p] + parameters.altruism[p] * sums.benefit[p] - (parameters.riskAversion[p] / 2) * sums.variance[p];
    totalCost += cost[p];
    totalSetup += setup[p];
  }
  const welfare = sums.health + sums.discretionaryBenefit - totalCost - totalSetup;
  return { profit, setup, utility, welfare, totalCost: totalCost + totalSetup };
}

/** Patient benefit and margin variance, summed over rows. */
export interface RowValues {
  benefit: Float64Array;
  variance: Float64Array;
  health: number;
  discretionaryBenefit: number;
}

/**
 * Add one row's patient benefit (health, discretionary care) and margin variance, for `times` months;
 * without `perProvider`, only the totals over everyone (health and discretionary benefit: welfare's part).
 * @example addRowValues(ctx, sums, table.data, rowOffset(table, 0, k, g, b), k, g, 12, x.intensity)
 */
export function addRowValues(ctx: SteadyContext, sums: RowValues, d: Float64Array, row: number, k: number, g: number, times: number, intensity: Float64Array, perProvider = true): void {
  const { curve, unitRevenue } = ctx;
  const model = ctx.view.model;
  const { benefit, variance } = sums;
  const qalyValue = times * d[row + OUTCOME + O.qaly] * ctx.response.valuePerQaly;
  sums.health += qalyValue;
  const inScope = ctx.inScope[k];
  if (perProvider) for (let i = 0; i < inScope.length; i++) benefit[inScope[i]] += qalyValue;
  for (const s of DISCRETIONARY_INDEX) {
    const p = model.serviceProvider[k * SERVICE_COUNT + s];
    if (p < 0 || d[row + s] === 0) continue;
    const level = Math.max(1e-9, intensity[p * GROUP_COUNT + g]);
    const c = serviceCost(model, p, s, g);
    // Benefit of intensity relative to usual practice (d = 1): volume that coordination makes
    // unnecessary is not a loss to patients, so need-driven volume carries no value of its own.
    const value = times * c * (d[row + s] / level) * (curve.b * (level - 1) - (curve.k / 2) * (level * level - 1));
    if (perProvider) benefit[p] += value;
    sums.discretionaryBenefit += value;
  }
  if (!perProvider) return;
  for (let s = 0; s < SERVICE_COUNT; s++) {
    const x = times * d[row + s];
    if (x === 0) continue;
    if (s === S.sipMeeting || s === S.dischargePlanning) {
      for (const p of model.team[k * GROUP_COUNT + g]) {
        const margin = unitRevenue[(p * GROUP_COUNT + g) * SERVICE_COUNT + s] - serviceCost(model, p, s, g);
        variance[p] += x * margin * margin;
      }
    } else {
      const p = model.serviceProvider[k * SERVICE_COUNT + s];
      if (p < 0) continue;
      const margin = unitRevenue[(p * GROUP_COUNT + g) * SERVICE_COUNT + s] - serviceCost(model, p, s, g);
      variance[p] += x * margin * margin;
    }
  }
}
