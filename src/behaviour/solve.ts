/**
 * Solvers: the Nash equilibrium of the providers' game (damped iterated best response, started from
 * low and from high effort) and the social optimum (patient benefit minus the cost of care).
 *
 * A best response to the others is found decision by decision (Gauss–Seidel): a quadratic model of the
 * provider's objective from three nearby evaluations gives the candidate (exact when the objective
 * is quadratic, as in Ellis & McGuire's quantity choice), kept only if it is better than staying.
 */
import { GROUP_COUNT } from '../domain.js';
import { EFFORT_BOUNDS, INTENSITY_BOUNDS } from './parameters.js';
import type { Decisions, Evaluation, Score, SteadyContext } from './evaluate.js';
import { evaluateSteady } from './evaluate.js';
import type { GroupwiseEvaluator } from './groupwise.js';
import { groupwiseEvaluator } from './groupwise.js';

export interface Decision {
  kind: 'effort' | 'intensity';
  provider: number;
  group: number;
  index: number; // provider × GROUP_COUNT + group
  lower: number;
  upper: number;
}

export interface SolveOptions {
  /** Stop when no decision moves more than this (in effort units). */
  tolerance?: number;
  maxIterations?: number;
  /** Share of the way to the best response taken per iteration. */
  damping?: number;
  /** Step of the finite differences. */
  step?: number;
  /** Skip need groups whose decisions have settled when groups cannot interact (default true). */
  skipSettledGroups?: boolean;
  /**
   * Score every trial with the full engine (`evaluateSteady`) instead of the group-wise evaluator,
   * which recomputes only the need group a decision moves. Same answers, many times slower: for checks.
   */
  exact?: boolean;
  signal?: AbortSignal;
}

export interface Solution {
  decisions: Decisions;
  /** The full evaluation of `decisions`, computed when first read. */
  readonly evaluation: Evaluation;
  converged: boolean;
  iterations: number;
  /** Largest move of any decision towards its best response in the last iteration. */
  residual: number;
  start: 'low' | 'high' | 'given';
  evaluations: number;
}

export interface EquilibriumReport {
  /** Distinct equilibria found (from the low and high starts), lowest coordination first. */
  equilibria: Solution[];
  /** Every run, converged or not. */
  runs: Solution[];
}

/**
 * The decisions that matter in a context: effort where a provider is in a team with people,
 * intensity where it delivers discretionary care.
 * @example decisionsOf(ctx).length
 */
export function decisionsOf(ctx: SteadyContext): Decision[] {
  const out: Decision[] = [];
  const P = ctx.view.model.providerIds.length;
  for (let p = 0; p < P; p++)
    for (let g = 0; g < GROUP_COUNT; g++) {
      const index = p * GROUP_COUNT + g;
      if (ctx.effortActive[index]) out.push({ kind: 'effort', provider: p, group: g, index, lower: EFFORT_BOUNDS[0], upper: EFFORT_BOUNDS[1] });
      if (ctx.intensityActive[index]) out.push({ kind: 'intensity', provider: p, group: g, index, lower: INTENSITY_BOUNDS[0], upper: INTENSITY_BOUNDS[1] });
    }
  return out;
}

function copy(x: Decisions): Decisions {
  return { effort: Float64Array.from(x.effort), intensity: Float64Array.from(x.intensity) };
}

function get(x: Decisions, d: Decision): number {
  return d.kind === 'effort' ? x.effort[d.index] : x.intensity[d.index];
}

function set(x: Decisions, d: Decision, v: number): void {
  if (d.kind === 'effort') x.effort[d.index] = v;
  else x.intensity[d.index] = v;
}

/** Starting decisions: every active effort at `effort`, intensity 1 (usual practice). */
export function startingDecisions(ctx: SteadyContext, effort: number): Decisions {
  const n = ctx.view.model.providerIds.length * GROUP_COUNT;
  const x = { effort: new Float64Array(n), intensity: new Float64Array(n).fill(1) };
  for (let i = 0; i < n; i++) x.effort[i] = ctx.effortActive[i] ? effort : 0;
  return x;
}

/**
 * Best value of one decision: Newton on a three-point quadratic model of the objective in that
 * decision alone, clipped to bounds, kept only if it improves on the current value (a short step on
 * a concave model is trusted without a check). Also compares with zero effort when a setup cost
 * makes the objective jump there. Returns the evaluation at the chosen value when it made one.
 */
function bestValue(
  at: (v: number) => Score,
  score: (e: Score) => number,
  current: number,
  fCurrent: number,
  d: Decision,
  h: number,
  checkZero: boolean,
): { value: number; evaluations: number; evaluation?: Score } {
  let a = current - h;
  let b = current + h;
  if (a < d.lower) [a, b] = [current + h, current + 2 * h];
  else if (b > d.upper) [a, b] = [current - 2 * h, current - h];
  const fa = score(at(a));
  const fb = score(at(b));
  // Quadratic through (a, fa), (current, fCurrent), (b, fb).
  const xs = [a, current, b];
  const ys = [fa, fCurrent, fb];
  const denom = (xs[0] - xs[1]) * (xs[0] - xs[2]) * (xs[1] - xs[2]);
  const A = (xs[2] * (ys[1] - ys[0]) + xs[1] * (ys[0] - ys[2]) + xs[0] * (ys[2] - ys[1])) / denom;
  const B = (xs[2] * xs[2] * (ys[0] - ys[1]) + xs[1] * xs[1] * (ys[2] - ys[0]) + xs[0] * xs[0] * (ys[1] - ys[2])) / denom;
  const slope = 2 * A * current + B;
  let candidate: number;
  if (A < -1e-12 * Math.max(1, Math.abs(fCurrent))) candidate = -B / (2 * A);
  else candidate = slope > 0 ? d.upper : slope < 0 ? d.lower : current;
  candidate = Math.min(d.upper, Math.max(d.lower, candidate));
  let evaluations = 2;
  let best = current;
  let fBest = fCurrent;
  let evaluation: Score | undefined;
  if (Math.abs(candidate - current) <= 20 * h && A < 0) {
    best = candidate;
    fBest = fCurrent + (A * candidate * candidate + B * candidate) - (A * current * current + B * current);
  } else if (Math.abs(candidate - current) > 1e-12) {
    // Far from the current value the model may be wrong (a kink, e.g. the weakest link): check,
    // and if it overshot, try points closer in.
    for (let step = candidate - current, tries = 0; tries < 4; step /= 4, tries++) {
      const e = at(current + step);
      const fe = score(e);
      evaluations++;
      if (fe > fBest) {
        [best, fBest, evaluation] = [current + step, fe, e];
        break;
      }
    }
  }
  if (checkZero && best > 0) {
    const e = at(0);
    evaluations++;
    if (score(e) >= fBest) [best, evaluation] = [0, e];
  }
  return { value: best, evaluations, evaluation };
}

type Objective = (e: Score, d: Decision) => number;

/**
 * How a solver scores decisions: the group-wise evaluator when the design allows it, else (or when
 * asked for `exact`) the full evaluation.
 */
function scorer(ctx: SteadyContext, options: SolveOptions): (x: Decisions) => Score {
  const groupwise = options.exact ? null : sharedEvaluator(ctx);
  return groupwise ? (x) => groupwise.score(x) : (x) => evaluateSteady(ctx, x);
}

// One group-wise evaluator per context, shared by the solves on it: its layout is built once, and
// runs that start from the same decisions (low, high) find those parts already computed.
const evaluators = new WeakMap<SteadyContext, GroupwiseEvaluator | null>();
function sharedEvaluator(ctx: SteadyContext): GroupwiseEvaluator | null {
  if (!evaluators.has(ctx)) evaluators.set(ctx, groupwiseEvaluator(ctx));
  return evaluators.get(ctx)!;
}

/**
 * Gauss–Seidel iteration of per-decision best responses: each decision moves (damped) towards its
 * best response given the others' latest values. Damping halves when the largest move stops
 * shrinking (cycling) and recovers while it shrinks.
 */
function iterate(ctx: SteadyContext, start: Decisions, objective: Objective, label: Solution['start'], options: SolveOptions, separable: boolean): Solution {
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 200;
  const h = options.step ?? 1e-3;
  let damping = options.damping ?? 1;
  const decisions = decisionsOf(ctx);
  const evaluate = scorer(ctx, options);
  const x = copy(start);
  // Equal to x but while a decision's trial values are scored in it.
  const trial = copy(start);
  let base = evaluate(x);
  let evaluations = 1;
  let residual = Infinity;
  let iterations = 0;
  let lastResidual = Infinity;
  // When groups do not interact, a group none of whose decisions moved in the last sweep is still at
  // its best responses: skip it until something in it moves again.
  let settled = new Uint8Array(GROUP_COUNT);
  for (; iterations < maxIterations; iterations++) {
    if (options.signal?.aborted) throw new Error('solve cancelled');
    residual = 0;
    const moved = new Uint8Array(GROUP_COUNT);
    for (const d of decisions) {
      if (separable && options.skipSettledGroups !== false && settled[d.group]) continue;
      const at = (v: number) => {
        set(trial, d, v);
        return evaluate(trial);
      };
      const current = get(x, d);
      const checkZero = d.kind === 'effort' && ctx.parameters.setupCost[d.provider] > 0;
      const r = bestValue(at, (e) => objective(e, d), current, objective(base, d), d, h, checkZero);
      set(trial, d, current);
      evaluations += r.evaluations;
      residual = Math.max(residual, Math.abs(r.value - current));
      if (Math.abs(r.value - current) > tolerance) moved[d.group] = 1;
      const next = current + damping * (r.value - current);
      if (next === current) continue;
      set(x, d, next);
      set(trial, d, next);
      if (r.evaluation && next === r.value) base = r.evaluation;
      else {
        base = evaluate(x);
        evaluations++;
      }
    }
    if (residual <= tolerance) break;
    settled = Uint8Array.from(moved, (m) => 1 - m);
    damping = residual > 0.95 * lastResidual ? Math.max(0.1, damping / 2) : Math.min(options.damping ?? 1, damping * 1.5);
    lastResidual = residual;
  }
  // The solution carries the full evaluation (table, costs, ledger) of where it stopped, computed
  // when first read: a run that is not kept (the worse optimum, a repeated equilibrium) never needs it.
  let evaluation: Evaluation | undefined;
  return {
    decisions: x,
    get evaluation() {
      return (evaluation ??= evaluateSteady(ctx, x));
    },
    converged: residual <= tolerance,
    iterations,
    residual,
    start: label,
    evaluations: evaluations + 1,
  };
}

/**
 * Every provider's best response to `x` (each decision given all others at x), without moving.
 * @example bestResponses(ctx, x, evaluateSteady(ctx, x))
 */
export function bestResponses(ctx: SteadyContext, x: Decisions, base: Score, options: SolveOptions = {}): Decisions {
  const h = options.step ?? 1e-3;
  // One step, not a fixed point: the rounding of the quadratic fit would show in an adaptive path,
  // so this keeps the full evaluation unless told otherwise (`exact: false`).
  const evaluate = scorer(ctx, { exact: true, ...options });
  const out = copy(x);
  for (const d of decisionsOf(ctx)) {
    const trial = copy(x);
    const at = (v: number) => {
      set(trial, d, v);
      return evaluate(trial);
    };
    const checkZero = d.kind === 'effort' && ctx.parameters.setupCost[d.provider] > 0;
    set(out, d, bestValue(at, (e) => e.utility[d.provider], get(x, d), base.utility[d.provider], d, h, checkZero).value);
  }
  return out;
}

/**
 * The equilibrium reached from given decisions (e.g. last year's behaviour).
 * @example solveFrom(ctx, x).decisions
 */
export function solveFrom(ctx: SteadyContext, start: Decisions, options: SolveOptions = {}): Solution {
  return iterate(ctx, start, (e, d) => e.utility[d.provider], 'given', options, separableDesign(ctx));
}

/**
 * True when a provider's payoff from one need group does not depend on decisions for another:
 * no kind whose payout is not a sum over rows (a goal's indicator pools groups), no cap, floor, stop-loss, risk corridor or withhold (they act on
 * totals), and pools that share by fixed rules rather than by cost or activity.
 * @example separableDesign(steadyContext(prepared))
 */
export function separableDesign(ctx: SteadyContext): boolean {
  const plan = ctx.view.plan;
  const coupling = plan.components.some((c) => {
    const s = c.spec;
    // A kind whose payout is not a sum over rows (a goal's ratio) ties the groups together.
    return !c.kind.additive || s.cap !== undefined || s.floor !== undefined || s.stopLoss !== undefined || s.riskCorridor !== undefined || s.withhold !== undefined;
  });
  const sharedByResult = plan.pools.some((p) => p.sharing === 'by-cost' || p.sharing === 'by-activity');
  return !coupling && !sharedByResult;
}

/** Mean effort over active decisions, to order and compare equilibria. */
export function meanEffort(ctx: SteadyContext, x: Decisions): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < x.effort.length; i++)
    if (ctx.effortActive[i]) {
      sum += x.effort[i];
      n++;
    }
  return n > 0 ? sum / n : 0;
}

function distinct(a: Decisions, b: Decisions, tolerance: number): boolean {
  for (let i = 0; i < a.effort.length; i++) if (Math.abs(a.effort[i] - b.effort[i]) > tolerance || Math.abs(a.intensity[i] - b.intensity[i]) > tolerance) return true;
  return false;
}

/**
 * Nash equilibria: each provider maximises profit + α·benefit − risk penalty given the others.
 * @example solveEquilibrium(steadyContext(prepared)).equilibria[0].decisions.effort
 */
export function solveEquilibrium(ctx: SteadyContext, options: SolveOptions = {}): EquilibriumReport {
  const own: Objective = (e, d) => e.utility[d.provider];
  const separable = separableDesign(ctx);
  const runs = [iterate(ctx, startingDecisions(ctx, EFFORT_BOUNDS[0]), own, 'low', options, separable), iterate(ctx, startingDecisions(ctx, EFFORT_BOUNDS[1]), own, 'high', options, separable)];
  const equilibria: Solution[] = [];
  for (const r of runs) if (r.converged && equilibria.every((e) => distinct(e.decisions, r.decisions, 1e-3))) equilibria.push(r);
  equilibria.sort((a, b) => meanEffort(ctx, a.decisions) - meanEffort(ctx, b.decisions));
  return { equilibria, runs };
}

/**
 * The social optimum: the decisions that maximise patient benefit minus the total cost of care
 * (payments are transfers and cancel). Started from low and high effort; the better is kept.
 * @example solveOptimum(steadyContext(prepared)).evaluation.welfare
 */
export function solveOptimum(ctx: SteadyContext, options: SolveOptions = {}): Solution {
  const social: Objective = (e) => e.welfare;
  // Payments are transfers and cancel in welfare: the groups never interact in the social objective.
  const runs = [iterate(ctx, startingDecisions(ctx, EFFORT_BOUNDS[0]), social, 'low', options, true), iterate(ctx, startingDecisions(ctx, EFFORT_BOUNDS[1]), social, 'high', options, true)];
  return runs.reduce((a, b) => (b.evaluation.welfare > a.evaluation.welfare ? b : a));
}
