/**
 * Scores of decisions in a steady year, assembled from one part per need group. A decision moves
 * one group's rates, so a solver's trial recomputes that group's part and reuses the other four;
 * settlement then runs on the parts' sums (steady-pay.ts). Gives what `evaluateSteady` gives, up to
 * rounding; test/behaviour-steady.test.ts holds the two together (the rows are computed apart from
 * the engine; the payments are the same kind code).
 */
import { CNI_BANDS, GROUP_COUNT, O, SERVICE_COUNT, S } from '../domain.js';
import { OUTCOME } from '../engine/activity.js';
import { deliveredCost } from '../engine/extras.js';
import type { CompiledModel } from '../engine/model.js';
import { serviceCost } from '../engine/model.js';
import type { Decisions, RowValues, Score, SteadyContext } from './evaluate.js';
import { addRowValues, providerObjectives } from './evaluate.js';
import type { GroupSums, SteadyPlan } from './steady-pay.js';
import { groupPaySums, steadyPlan, steadyReceipts } from './steady-pay.js';
import type { RowLayout } from './steady-rows.js';
import { groupRows, rowLayout } from './steady-rows.js';

// Sizes and indices the hot loops read, as plain constants: an imported binding can cost a call per read.
const G = GROUP_COUNT;
const SC = SERVICE_COUNT;
const BANDS = CNI_BANDS;
const SIP = S.sipMeeting;
const DISCHARGE = S.dischargePlanning;
const PERSON_MONTHS = OUTCOME + O.personMonths;
const QALY = OUTCOME + O.qaly;

/** One need group's share of a steady year under given decisions. */
interface GroupPart {
  /** The group's decisions this part was computed for: effort, then intensity, per provider. */
  key: Float64Array;
  /** One month's cost and service units per provider. */
  cost: Float64Array;
  units: Float64Array;
  /** Patient benefit and margin variance over the year. */
  values: RowValues;
  /** Per payment component, the group's one-month sums. */
  pay: GroupSums[];
}

/** Parts kept per group: the current decisions and a solver's trial points around them. */
const KEPT = 4;

export interface GroupwiseEvaluator {
  /** Each provider's utility and the welfare of decisions, as `evaluateSteady` has them. */
  score(x: Decisions): Score;
  /** Group parts computed so far (a cached part is not counted). */
  partsComputed: number;
}

/**
 * The group-wise evaluator of a context, or null when the design needs the full evaluation
 * (a stop-loss or a risk corridor).
 * @example groupwiseEvaluator(ctx)?.score(x).welfare
 */
export function groupwiseEvaluator(ctx: SteadyContext): GroupwiseEvaluator | null {
  const { model, cells, plan } = ctx.view;
  const steady = steadyPlan(model, plan);
  if (!steady) return null;
  const layout = rowLayout(model, cells, plan);
  const P = model.providerIds.length;
  const kept: GroupPart[][] = Array.from({ length: GROUP_COUNT }, () => []);
  const parts: GroupPart[] = new Array<GroupPart>(GROUP_COUNT);
  const evaluator: GroupwiseEvaluator = {
    partsComputed: 0,
    score(x) {
      for (let g = 0; g < G; g++) {
        const list = kept[g];
        let found = -1;
        for (let i = 0; i < list.length && found < 0; i++) if (decidedBy(list[i].key, x, g, P)) found = i;
        if (found >= 0) {
          const part = list[found];
          // Most recent first, so the current decisions' part is found at once.
          for (let i = found; i > 0; i--) list[i] = list[i - 1];
          list[0] = part;
          parts[g] = part;
          continue;
        }
        const part = groupPart(ctx, steady, layout, g, x, keyOf(x, g, P));
        evaluator.partsComputed++;
        list.unshift(part);
        if (list.length > KEPT) list.pop();
        parts[g] = part;
      }
      return combine(ctx, steady, parts, x);
    },
  };
  return evaluator;
}

function keyOf(x: Decisions, g: number, P: number): Float64Array {
  const key = new Float64Array(2 * P);
  for (let p = 0; p < P; p++) {
    key[p] = x.effort[p * G + g];
    key[P + p] = x.intensity[p * G + g];
  }
  return key;
}

/** True when x makes the decisions for group g that `key` holds. */
function decidedBy(key: Float64Array, x: Decisions, g: number, P: number): boolean {
  for (let p = 0; p < P; p++) if (key[p] !== x.effort[p * G + g] || key[P + p] !== x.intensity[p * G + g]) return false;
  return true;
}

/**
 * Rows of group g, then its costs (engine/costs.ts, one month), row values and payment sums. Costs
 * and row values are linear in a row and depend on its catchment, not its CNI band: they are
 * taken once per catchment, from the sum of its bands' rows.
 */
function groupPart(ctx: SteadyContext, steady: SteadyPlan, layout: RowLayout, g: number, x: Decisions, key: Float64Array): GroupPart {
  const model = ctx.view.model;
  const P = model.providerIds.length;
  const K = model.catchments.length;
  const { cols } = layout;
  const rows = groupRows(layout, g, x.effort, x.intensity);
  const d = rows.data;
  const cost = new Float64Array(P);
  const units = new Float64Array(P);
  const values: RowValues = { benefit: new Float64Array(P), variance: new Float64Array(P), health: 0, discretionaryBenefit: 0 };
  const catchmentRow = new Float64Array(cols);
  for (let k = 0; k < K; k++) {
    // Only the columns costs and row values read: services, person-months and QALYs. A row
    // without people is all zeros and adds nothing.
    catchmentRow.fill(0);
    for (let b = 0; b < BANDS; b++) {
      const row = (k * BANDS + b) * cols;
      if (d[row + PERSON_MONTHS] === 0) continue;
      for (let j = 0; j < SC; j++) catchmentRow[j] += d[row + j];
      catchmentRow[PERSON_MONTHS] += d[row + PERSON_MONTHS];
      catchmentRow[QALY] += d[row + QALY];
    }
    if (catchmentRow[PERSON_MONTHS] === 0) continue;
    addCosts(model, cost, units, catchmentRow, k, g, rows.coordination[k], x.effort);
    addRowValues(ctx, values, catchmentRow, 0, k, g, 12, x.intensity);
  }
  return { key, cost, units, values, pay: groupPaySums(steady, g, d, cols, rows.coordination) };
}

/** One month's cost and units per provider of one catchment's row (engine/costs.ts). */
function addCosts(model: CompiledModel, cost: Float64Array, units: Float64Array, d: Float64Array, k: number, g: number, coord: number, effort: Float64Array): void {
  const team = model.team[k * G + g];
  for (let s = 0; s < SC; s++) {
    const n = d[s];
    if (n === 0) continue;
    if (s === SIP || s === DISCHARGE) {
      for (const p of team) {
        cost[p] += n * serviceCost(model, p, s, g);
        units[p] += n;
      }
    } else {
      const p = model.serviceProvider[k * SC + s];
      if (p < 0) continue;
      cost[p] += n * deliveredCost(model, p, s, g, coord);
      units[p] += n;
    }
  }
  const people = d[PERSON_MONTHS];
  // Effort costs rise more than in proportion (e²), as in engine/costs.ts.
  for (const p of team) {
    const e = effort[p * G + g];
    cost[p] += people * e * e * model.coordinationCost[p * G + g];
  }
}

/** The year from its group parts: costs, payments through settlement, then the objectives. */
function combine(ctx: SteadyContext, steady: SteadyPlan, parts: GroupPart[], x: Decisions): Score {
  const model = ctx.view.model;
  const P = model.providerIds.length;
  const monthCost = new Float64Array(P);
  const monthUnits = new Float64Array(P);
  const sums: RowValues = { benefit: new Float64Array(P), variance: new Float64Array(P), health: 0, discretionaryBenefit: 0 };
  for (const part of parts) {
    for (let p = 0; p < P; p++) {
      monthCost[p] += part.cost[p];
      monthUnits[p] += part.units[p];
      sums.benefit[p] += part.values.benefit[p];
      sums.variance[p] += part.values.variance[p];
    }
    sums.health += part.values.health;
    sums.discretionaryBenefit += part.values.discretionaryBenefit;
  }
  for (let p = 0; p < P; p++) monthCost[p] += model.fixedCostPerMonth[p];
  const net = steadyReceipts(steady, parts.map((part) => part.pay), monthCost, monthUnits);
  const account = ctx.view.plan.providerAccount;
  const revenue = new Float64Array(P);
  const cost = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    revenue[p] = net[account[p]];
    cost[p] = 12 * monthCost[p];
  }
  return providerObjectives(ctx, x, revenue, cost, sums);
}
