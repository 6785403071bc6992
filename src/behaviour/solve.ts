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
import { groupwiseEvaluator, welfareEvaluator } from './groupwise.js';
import type { WelfareEvaluator } from './groupwise.js';

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
  /**
   * What a warm start from this solution reuses: per decision (in `decisionsOf` order), the
   * curvature of its objective where it last stood still (NaN where it moved), for the objective
   * it was solved for.
   */
  curvature: Curvatures;
}

/** Per decision, a curvature and whether it is in √effort (see `bestResponse`), for one objective. */
export interface Curvatures {
  social: boolean;
  value: Float64Array;
  inRoot: Uint8Array;
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
 * decision alone, clipped to bounds, kept only if it improves on the current value (a step on a
 * concave model no longer than `trusted` is taken without a check). Also compares with zero effort when a setup cost
 * makes the objective jump there. Returns the evaluation at the chosen value when it made one.
 */
function bestValue<E>(
  at: (v: number) => E,
  score: (e: E) => number,
  current: number,
  fCurrent: number,
  d: Decision,
  h: number,
  checkZero: boolean,
  trusted = 20 * h,
  boundByModel = false,
  known = NaN,
  wasStuck = false,
): Response<E> {
  let stuck = false;
  let A: number;
  let B: number;
  let evaluations: number;
  if (Number.isFinite(known)) {
    // The curvature from the decision's last sweep, where it did not move: one point beside the
    // current value gives the slope, and with it the model's step.
    const b = current + h <= d.upper ? current + h : current - h;
    const fb = score(at(b));
    A = known;
    B = (fb - fCurrent) / (b - current) - A * (b + current);
    evaluations = 1;
  } else {
    let a = current - h;
    let b = current + h;
    if (a < d.lower) [a, b] = [current + h, current + 2 * h];
    else if (b > d.upper) [a, b] = [current - 2 * h, current - h];
    const fa = score(at(a));
    const fb = score(at(b));
    // Quadratic through (a, fa), (current, fCurrent), (b, fb).
    const denom = (a - current) * (a - b) * (current - b);
    A = (b * (fCurrent - fa) + current * (fa - fb) + a * (fb - fCurrent)) / denom;
    B = (b * b * (fa - fCurrent) + current * current * (fb - fa) + a * a * (fCurrent - fb)) / denom;
    evaluations = 2;
  }
  const slope = 2 * A * current + B;
  let candidate: number;
  if (A < -1e-12 * Math.max(1, Math.abs(fCurrent))) candidate = -B / (2 * A);
  else if (boundByModel) {
    // Not concave: the best of the model is at a bound. The slope alone cannot say which when it is
    // zero, as at zero effort in √effort, where every objective smooth in effort starts flat.
    const model = (v: number) => A * v * v + B * v;
    const [lo, hi, here] = [model(d.lower), model(d.upper), model(current)];
    candidate = hi > here && hi >= lo ? d.upper : lo > here ? d.lower : current;
  } else candidate = slope > 0 ? d.upper : slope < 0 ? d.lower : current;
  candidate = Math.min(d.upper, Math.max(d.lower, candidate));
  let best = current;
  let fBest = fCurrent;
  let evaluation: E | undefined;
  if (Math.abs(candidate - current) <= trusted && A < 0) {
    best = candidate;
    fBest = fCurrent + (A * candidate * candidate + B * candidate) - (A * current * current + B * current);
  } else if (Math.abs(candidate - current) > 1e-12) {
    // Far from the current value the model may be wrong (a kink, e.g. the weakest link): check,
    // and if it overshot, try points closer in.
    const full = candidate - current;
    stuck = true;
    let closest: { fe: number; e: E } | undefined;
    if (wasStuck) {
      // Every point towards the model's step did worse here last sweep (a decision sitting on a
      // kink, sweep after sweep): the full step, then the closest point first. When even that does
      // worse the objective, concave along the step, does worse at every point between.
      const e = at(current + full);
      const fe = score(e);
      evaluations++;
      if (fe > fBest) [best, fBest, evaluation, stuck] = [current + full, fe, e, false];
      else {
        const near = at(current + full / 64);
        evaluations++;
        closest = { fe: score(near), e: near };
      }
    }
    if (stuck && !(closest && !(closest.fe > fBest)))
      for (let step = closest ? full / 4 : full, tries = closest ? 1 : 0; tries < 4; step /= 4, tries++) {
        // The closest point, when already scored, is not scored again.
        const e = tries === 3 && closest ? closest.e : at(current + step);
        const fe = tries === 3 && closest ? closest.fe : score(e);
        if (!(tries === 3 && closest)) evaluations++;
        if (fe > fBest) {
          [best, fBest, evaluation, stuck] = [current + step, fe, e, false];
          break;
        }
      }
  }
  if (checkZero && best > 0) {
    const e = at(0);
    evaluations++;
    if (score(e) >= fBest) [best, evaluation] = [0, e];
  }
  return { value: best, evaluations, evaluation, curvature: A, stuck };
}

/**
 * A best value, the evaluations it took, the evaluation there when one was made, the model's
 * curvature, and whether every point checked towards the model's step did worse.
 */
interface Response<E> {
  value: number;
  evaluations: number;
  evaluation?: E;
  curvature: number;
  stuck: boolean;
}

type Objective<E> = (e: E, d: Decision) => number;

/**
 * How a solver scores decisions: the group-wise evaluator when the design allows it, else (or when
 * asked for `exact`) the full evaluation.
 */
function scorer(ctx: SteadyContext, options: SolveOptions): (x: Decisions) => Score {
  const groupwise = options.exact ? null : sharedEvaluator(ctx);
  return groupwise ? (x) => groupwise.score(x) : (x) => evaluateSteady(ctx, x);
}

/**
 * How the optimum scores decisions: welfare alone (`welfareEvaluator`), or from the full
 * evaluation when asked for `exact`.
 */
function welfareScorer(ctx: SteadyContext, options: SolveOptions): (x: Decisions) => number {
  if (options.exact) return (x) => evaluateSteady(ctx, x).welfare;
  if (!welfareEvaluators.has(ctx)) welfareEvaluators.set(ctx, welfareEvaluator(ctx));
  const evaluator = welfareEvaluators.get(ctx)!;
  return (x) => evaluator.welfare(x);
}
const welfareEvaluators = new WeakMap<SteadyContext, WelfareEvaluator>();

// One group-wise evaluator per context, shared by the solves on it: its layout is built once, and
// runs that start from the same decisions (low, high) find those parts already computed.
const evaluators = new WeakMap<SteadyContext, GroupwiseEvaluator | null>();
function sharedEvaluator(ctx: SteadyContext): GroupwiseEvaluator | null {
  if (!evaluators.has(ctx)) evaluators.set(ctx, groupwiseEvaluator(ctx));
  return evaluators.get(ctx)!;
}

/** Below this effort a best response is sought in √effort (see `bestResponse`). */
const SMALL_EFFORT = 0.01;

/**
 * The best value of one decision given the others, and the evaluation there when one was made.
 * Small efforts are sought in √effort: under a CES team product with substitution above −1
 * (Cobb–Douglas, ρ = ½) a member's effort lifts the team's coordination like √effort near zero,
 * with an infinite slope there, so a provider whose best response is a small effort (10⁻⁵) sits
 * inside a feature far narrower than any finite-difference step; its best response then jitters
 * from sweep to sweep, and a partner's best response, which moves about a hundred times as much,
 * never settles. In √effort the same objective is smooth (for two members at ρ = ½ a polynomial).
 * Elsewhere the decision itself is the coordinate: there the objective is often exactly quadratic
 * (Ellis & McGuire's quantity choice), and the quadratic model's step is the answer.
 */
function bestResponse<E>(at: (v: number) => E, score: (e: E) => number, current: number, fCurrent: number, d: Decision, h: number, checkZero: boolean, substitution: number, trusted: number, curvature: { value: number; inRoot: boolean; stuckAt: number }): Response<E> & { inRoot: boolean } {
  const wasStuck = curvature.stuckAt === current;
  if (d.kind !== 'effort' || current >= SMALL_EFFORT || !rootLike(substitution)) {
    const r = bestValue(at, score, current, fCurrent, d, h, checkZero, trusted, false, curvature.inRoot ? NaN : curvature.value, wasStuck && !curvature.inRoot);
    return withRoot(r, r.value, false);
  }
  const root = Math.sqrt(Math.max(0, current));
  const inRoot: Decision = { kind: d.kind, provider: d.provider, group: d.group, index: d.index, lower: Math.sqrt(d.lower), upper: Math.sqrt(d.upper) };
  const r = bestValue((u) => at(u * u), score, root, fCurrent, inRoot, h, checkZero, trusted / (2 * Math.max(root, h)), true, curvature.inRoot ? curvature.value : NaN, wasStuck && curvature.inRoot);
  const value = r.value * r.value;
  // The square of the square root need not give back the same number: staying is staying.
  return withRoot(r, r.value === Math.sqrt(Math.max(0, current)) ? current : value, true);
}

/**
 * A response at `value`, with where it was sought, as one object literal (a spread's copy can take a
 * map of its own, and the sweep's code reading it would be compiled again).
 */
function withRoot<E>(r: Response<E>, value: number, inRoot: boolean): Response<E> & { inRoot: boolean } {
  return { value, evaluations: r.evaluations, evaluation: r.evaluation, curvature: r.curvature, stuck: r.stuck, inRoot };
}

/**
 * True when a team product with this substitution rises like a root of a member's effort near zero:
 * Cobb–Douglas (ρ = 0) and CES with 0 < ρ < 1. Below zero (the weakest link among them) it rises
 * linearly, and searching in √effort would only resolve ties between members finer than matters.
 */
function rootLike(substitution: number): boolean {
  return substitution >= -1e-9 && substitution < 1;
}

/** Share of the tolerance below which a best response's step is not taken (see `iterate`). */
const NEGLIGIBLE = 0.01;

/** Efforts closer than this many finite-difference steps count as tied (see `iterate`). */
const TIE = 2;

/** Past sweeps Anderson acceleration combines. */
const ANDERSON_DEPTH = 5;

/**
 * Anderson acceleration (type II, Walker & Ni 2011) of a fixed-point map G: from the last few
 * pairs (x, G(x)) it takes the combination of the G(x) whose residuals G(x) − x cancel best. A
 * sweep of best responses that creeps (two providers whose best responses chase each other along
 * a ridge, each step a few per cent of the way) converges in a handful of sweeps instead of
 * hundreds; a two-cycle is solved like a secant.
 */
class Anderson {
  private xs: Float64Array[] = [];
  private gs: Float64Array[] = [];
  constructor(private readonly depth: number) {}

  reset(): void {
    this.xs = [];
    this.gs = [];
  }

  /** The next point after a sweep took x to g, or g itself while there is no history. */
  step(x: Float64Array, g: Float64Array): Float64Array {
    this.xs.push(Float64Array.from(x));
    this.gs.push(Float64Array.from(g));
    if (this.xs.length > this.depth + 1) {
      this.xs.shift();
      this.gs.shift();
    }
    const m = this.xs.length - 1;
    if (m === 0) return Float64Array.from(g);
    const n = x.length;
    const f = (i: number) => {
      const out = new Float64Array(n);
      for (let j = 0; j < n; j++) out[j] = this.gs[i][j] - this.xs[i][j];
      return out;
    };
    const fs = Array.from({ length: m + 1 }, (_, i) => f(i));
    const dF = Array.from({ length: m }, (_, i) => fs[i + 1].map((v, j) => v - fs[i][j]));
    const fk = fs[m];
    // Normal equations of min ‖f_k − ΔF γ‖, lightly regularised: the columns are often nearly dependent.
    const A = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => dot(dF[i], dF[j])));
    const b = Array.from({ length: m }, (_, i) => dot(dF[i], fk));
    const scale = A.reduce((a, row, i) => a + row[i], 0) / m;
    if (!(scale > 0)) return Float64Array.from(g);
    for (let i = 0; i < m; i++) A[i][i] += 1e-10 * scale;
    const gamma = solveLinear(A, b);
    if (!gamma) return Float64Array.from(g);
    const out = Float64Array.from(g);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j] -= gamma[i] * (this.gs[i + 1][j] - this.gs[i][j]);
    return out;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Gaussian elimination with partial pivoting of a small system; null when it is singular. */
function solveLinear(A: number[][], b: number[]): number[] | null {
  const m = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(M[r][c]) > Math.abs(M[pivot][c])) pivot = r;
    if (!(Math.abs(M[pivot][c]) > 0)) return null;
    [M[c], M[pivot]] = [M[pivot], M[c]];
    for (let r = c + 1; r < m; r++) {
      const k = M[r][c] / M[c][c];
      for (let j = c; j <= m; j++) M[r][j] -= k * M[c][j];
    }
  }
  const out = new Array<number>(m).fill(0);
  for (let r = m - 1; r >= 0; r--) {
    let v = M[r][m];
    for (let j = r + 1; j < m; j++) v -= M[r][j] * out[j];
    out[r] = v / M[r][r];
  }
  return out.every(Number.isFinite) ? out : null;
}

/**
 * Gauss–Seidel sweeps of per-decision best responses (each decision moves to its best response
 * given the others' latest values), accelerated by Anderson mixing of the sweeps. `social` says
 * the objective is one number for every decision (the optimum): a mixed point is then kept only
 * when it scores at least as well as the sweep's own. For an equilibrium there is no such number,
 * and the history is dropped whenever the largest move grows.
 */
function iterate<E>(ctx: SteadyContext, start: Decisions, evaluate: (x: Decisions) => E, objective: Objective<E>, label: Solution['start'], options: SolveOptions, separable: boolean, social = false, warm?: Curvatures): Solution {
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 200;
  const h = options.step ?? 1e-3;
  const damping = options.damping ?? 1;
  const decisions = decisionsOf(ctx);
  const n = decisions.length;
  const substitution = ctx.view.model.substitution;
  const x = copy(start);
  // Equal to x but while a decision's trial values are scored in it.
  const trial = copy(start);
  let base = evaluate(x);
  let evaluations = 1;
  let residual = Infinity;
  let iterations = 0;
  let lastResidual = Infinity;
  const anderson = new Anderson(ANDERSON_DEPTH);
  const before = new Float64Array(n);
  const after = new Float64Array(n);
  // Per decision, the curvature of its objective where it last stood still (NaN when it moved):
  // that changes little from sweep to sweep, so a decision that stays needs one trial, not two.
  const known = warm && warm.social === social && warm.value.length === n ? warm : undefined;
  // Also where a decision's check found every point towards the model's step worse (NaN if not).
  const curvature = Array.from({ length: n }, (_, i) => ({ value: known ? known.value[i] : NaN, inRoot: known ? known.inRoot[i] === 1 : false, stuckAt: NaN }));
  // Only what the mixing moved: a decision left where the sweep put it keeps its exact value, so the
  // group-wise evaluator finds the group's part already computed.
  const place = (coordinates: Float64Array) => {
    decisions.forEach((d, i) => {
      if (coordinates[i] === after[i]) return;
      const v = Math.min(d.upper, Math.max(d.lower, coordinates[i]));
      set(x, d, v);
      set(trial, d, v);
    });
  };
  // For the optimum under complementary effort (substitution below zero, the weakest link among it),
  // team members whose efforts are tied also move together: alone, one member's step up is lost in
  // the others' minimum and one member's step down loses the team's coordination, so decision by
  // decision the sweep only creeps along the tie, hundreds of sweeps for what one joint step does.
  const joint = social && substitution < 0;
  const effortsOf: number[][] = Array.from({ length: GROUP_COUNT }, () => []);
  decisions.forEach((d, i) => {
    if (d.kind === 'effort') effortsOf[d.group].push(i);
  });
  // Decisions that move together as one: member j is at place(v, its value now) for the joint
  // decision's value v (its value now at v = current). The move is kept where the objective does not
  // fall, and taken when it is more than `minimum`; returns its size (0 when not taken).
  const moveTogether = (members: readonly number[], place: (v: number, now: number) => number, current: number, lower: number, upper: number, minimum: number): number => {
    const now = members.map((i) => get(x, decisions[i]));
    const put = (target: Decisions, v: number) => members.forEach((i, j) => set(target, decisions[i], place(v, now[j])));
    const at = (v: number) => {
      put(trial, v);
      return evaluate(trial);
    };
    const first = decisions[members[0]];
    const fBase = objective(base, first);
    const joint: Decision = { kind: 'intensity', provider: first.provider, group: first.group, index: first.index, lower, upper };
    const r = bestValue(at, (e) => objective(e, first), current, fBase, joint, h, false);
    put(trial, current);
    evaluations += r.evaluations;
    const move = Math.abs(r.value - current);
    if (move <= minimum) return 0;
    put(x, r.value);
    put(trial, r.value);
    let e = r.evaluation;
    if (e === undefined) {
      e = evaluate(x);
      evaluations++;
    }
    if (objective(e, first) < fBase) {
      put(x, current);
      put(trial, current);
      return 0;
    }
    base = e;
    return move;
  };
  const jointMoves = (moved: Uint8Array, skip: Uint8Array): number => {
    let largest = 0;
    const took = (g: number, move: number) => {
      largest = Math.max(largest, move);
      if (move > tolerance) moved[g] = 1;
    };
    for (let g = 0; g < GROUP_COUNT; g++) {
      if (skip[g] && options.skipSettledGroups !== false) continue;
      // A ceiling on the group's efforts: every effort above it comes down to it at once. Under the
      // weakest link a member's effort above the least of each of its teams buys nothing, but two
      // such members in one team hold each other up: alone neither comes down, and they are not near
      // enough to count as tied. From high effort the optimum's sweeps then crept a few per cent a
      // sweep and stopped at a kink half a million kronor short of the optimum (the region of
      // bench/region.ts: ten sweeps, welfare 1.2e-5 below the one reached from low effort).
      const efforts = effortsOf[g].map((i) => get(x, decisions[i]));
      const [bottom, top] = [Math.min(...efforts), Math.max(...efforts)];
      if (top - bottom >= 2 * h) took(g, moveTogether(effortsOf[g], (ceiling, now) => Math.min(now, ceiling), top, bottom, top, tolerance));
      const levels = effortsOf[g].map((i) => ({ i, v: get(x, decisions[i]) })).sort((a, b) => a.v - b.v);
      for (let s = 0; s < levels.length; ) {
        let t = s + 1;
        while (t < levels.length && levels[t].v - levels[t - 1].v <= TIE * h) t++;
        const tied = levels.slice(s, t);
        s = t;
        if (tied.length < 2) continue;
        const lower = EFFORT_BOUNDS[0] - tied[0].v;
        const upper = EFFORT_BOUNDS[1] - tied[tied.length - 1].v;
        if (upper - lower < 2 * h) continue;
        took(g, moveTogether(tied.map(({ i }) => i), (by, now) => now + by, 0, lower, upper, 0));
      }
    }
    return largest;
  };
  // When groups do not interact, a group none of whose decisions moved in the last sweep is still at
  // its best responses: skip it until something in it moves again.
  let settled = new Uint8Array(GROUP_COUNT);
  for (; iterations < maxIterations; iterations++) {
    if (options.signal?.aborted) throw new Error('solve cancelled');
    residual = 0;
    const moved = new Uint8Array(GROUP_COUNT);
    for (let i = 0; i < n; i++) {
      const d = decisions[i];
      const current = get(x, d);
      before[i] = current;
      after[i] = current;
      if (separable && options.skipSettledGroups !== false && settled[d.group]) continue;
      const at = (v: number) => {
        set(trial, d, v);
        return evaluate(trial);
      };
      const checkZero = d.kind === 'effort' && ctx.parameters.setupCost[d.provider] > 0;
      // Every step is checked (the sweep scores the new point anyway, so the check is free) except
      // those within the tolerance: a trusted step across a kink or a curve the model misreads
      // would be rejected below and the decision left short of its best response.
      const r = bestResponse(at, (e) => objective(e, d), current, objective(base, d), d, h, checkZero, substitution, tolerance, curvature[i]);
      set(trial, d, current);
      curvature[i].inRoot = r.inRoot;
      curvature[i].stuckAt = r.stuck ? current : NaN;
      curvature[i].value = Math.abs(r.value - current) <= tolerance ? r.curvature : NaN;
      evaluations += r.evaluations;
      const next = damping === 1 ? r.value : current + damping * (r.value - current);
      // A step far inside the tolerance, which the model took unchecked, is not taken: the decision
      // is at its best response already, and taking it would cost an evaluation of the new point to
      // move by what the convergence test counts as nothing. (Up to the tolerance itself, a design
      // equal in expectation to another could settle a rounding apart from it.)
      if (next === current || (r.evaluation === undefined && Math.abs(next - current) <= NEGLIGIBLE * tolerance)) continue;
      set(x, d, next);
      set(trial, d, next);
      let e = next === r.value ? r.evaluation : undefined;
      if (e === undefined) {
        e = evaluate(x);
        evaluations++;
      }
      // A step the quadratic model trusted can cross a kink (the weakest link's, where one member's
      // effort meets another's) and score worse than staying: that is not a best response.
      if (objective(e, d) < objective(base, d)) {
        set(x, d, current);
        set(trial, d, current);
        continue;
      }
      base = e;
      after[i] = next;
      const move = Math.abs(r.value - current);
      residual = Math.max(residual, move);
      if (move > tolerance) moved[d.group] = 1;
    }
    if (joint) {
      residual = Math.max(residual, jointMoves(moved, settled));
      decisions.forEach((d, i) => (after[i] = get(x, d)));
    }
    if (residual <= tolerance) break;
    if (!social && residual > lastResidual) anderson.reset();
    lastResidual = residual;
    const mixed = anderson.step(before, after);
    let changed = false;
    for (let i = 0; i < n && !changed; i++) changed = Math.abs(mixed[i] - after[i]) > tolerance;
    if (changed) {
      place(mixed);
      const e = evaluate(x);
      evaluations++;
      if (social && objective(e, decisions[0]) < objective(base, decisions[0])) {
        // Worse than the sweep's own point: back to it, and start the history afresh.
        decisions.forEach((d, i) => {
          if (mixed[i] === after[i]) return;
          set(x, d, after[i]);
          set(trial, d, after[i]);
        });
        anderson.reset();
      } else {
        base = e;
        decisions.forEach((d, i) => {
          if (Math.abs(mixed[i] - after[i]) > tolerance) moved[d.group] = 1;
        });
      }
    }
    settled = Uint8Array.from(moved, (m) => 1 - m);
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
    curvature: { social, value: Float64Array.from(curvature, (c) => c.value), inRoot: Uint8Array.from(curvature, (c) => (c.inRoot ? 1 : 0)) },
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
 * The equilibrium reached from given decisions (e.g. last year's behaviour), or from a previous
 * solution (after a lever moved), whose decisions' curvatures then save a trial per settled decision.
 * @example solveFrom(ctx, x).decisions
 */
export function solveFrom(ctx: SteadyContext, start: Decisions | Solution, options: SolveOptions = {}): Solution {
  const from = 'curvature' in start ? start : undefined;
  return iterate(ctx, from ? from.decisions : (start as Decisions), scorer(ctx, options), (e, d) => e.utility[d.provider], 'given', options, separableDesign(ctx), false, from?.curvature);
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
  const own: Objective<Score> = (e, d) => e.utility[d.provider];
  const separable = separableDesign(ctx);
  const evaluate = scorer(ctx, options);
  const runs = [iterate(ctx, startingDecisions(ctx, EFFORT_BOUNDS[0]), evaluate, own, 'low', options, separable), iterate(ctx, startingDecisions(ctx, EFFORT_BOUNDS[1]), evaluate, own, 'high', options, separable)];
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
  return optimumRuns(ctx, options).optimum;
}

/**
 * Both runs of the optimum's search (from low and from high effort), and the better of them:
 * what `solveOptimum` returns.
 * @example optimumRuns(ctx).runs.reduce((n, r) => n + r.evaluations, 0)
 */
export function optimumRuns(ctx: SteadyContext, options: SolveOptions = {}): { optimum: Solution; runs: Solution[] } {
  const evaluate = welfareScorer(ctx, options);
  const social: Objective<number> = (welfare) => welfare;
  // Payments are transfers and cancel in welfare: the groups never interact in the social objective.
  const runs = [iterate(ctx, startingDecisions(ctx, EFFORT_BOUNDS[0]), evaluate, social, 'low', options, true, true), iterate(ctx, startingDecisions(ctx, EFFORT_BOUNDS[1]), evaluate, social, 'high', options, true, true)];
  // Compared by the solver's own score: the full evaluation is then made for the run kept alone, if read.
  const [low, high] = runs.map((r) => evaluate(r.decisions));
  return { optimum: high > low ? runs[1] : runs[0], runs };
}
