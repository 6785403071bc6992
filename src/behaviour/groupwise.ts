/**
 * Scores of decisions in a steady year, assembled from one part per need group. A decision moves
 * one group's rates, so a solver's trial recomputes that group's part and reuses the other four;
 * settlement then runs on the parts' sums (steady-pay.ts). Gives what `evaluateSteady` gives, up to
 * rounding; test/behaviour-steady.test.ts holds the two together (the rows are computed apart from
 * the engine; the payments are the same kind code).
 */
import { CNI_BANDS, GROUP_COUNT, O, SERVICE_COUNT, S } from '../domain.js';
import { DISCRETIONARY } from '../care/parameters.js';
import { OUTCOME } from '../engine/activity.js';
import { deliveredCost } from '../engine/extras.js';
import type { CompiledModel } from '../engine/model.js';
import { serviceCost } from '../engine/model.js';
import type { Decisions, RowValues, Score, SteadyContext } from './evaluate.js';
import { addRowValues, providerObjectives, setupCostOf } from './evaluate.js';
import type { CatchmentAccruals, GroupSums, PayLayout, SteadyPlan } from './steady-pay.js';
import { accrueCatchment, catchmentAccruals, payLayout, paySums, settlesSummedRows, steadyPlan, steadyReceipts } from './steady-pay.js';
import type { RowLayout } from './steady-rows.js';
import { catchmentRows, rowLayout } from './steady-rows.js';

// Sizes and indices the hot loops read, as plain constants: an imported binding can cost a call per read.
const G = GROUP_COUNT;
const SC = SERVICE_COUNT;
const BANDS = CNI_BANDS;
const SIP = S.sipMeeting;
const DISCHARGE = S.dischargePlanning;
const MOBILE = S.mobileTeamVisit;
const COACH = S.careCoachContact;
const DISCRETIONARY_INDEX = DISCRETIONARY.map((id) => S[id]);
const PERSON_MONTHS = OUTCOME + O.personMonths;
const QALY = OUTCOME + O.qaly;

/**
 * One need group's share of a steady year under given decisions: per catchment a block of numbers
 * (one month's cost and units per provider, the year's patient benefit and margin variance, the
 * payment sums) and their totals over catchments, which the views below read.
 */
interface GroupPart {
  /** The group's decisions this part was computed for: effort, then intensity, per provider. */
  key: Float64Array;
  /**
   * Per catchment, its block laid out as `Blocks` says, kept sparse: a catchment's people are
   * served by a few providers and paid by a few components, so most of a block is zero. A part
   * derived from another shares the blocks of the catchments no moved decision reaches.
   */
  blocks: SparseBlock[];
  /** Sum of the catchments' blocks, in catchment order: the same decisions give the same numbers whichever way they were reached. */
  total: Float64Array;
  totalFlags: Uint8Array;
  cost: Float64Array;
  units: Float64Array;
  values: RowValues;
  /** Per payment component, the group's one-month sums. */
  pay: GroupSums[];
}

/** Per provider, the catchments of a group whose rows its effort or its intensity moves (`catchmentMoves`). */
interface Moves {
  effortMoves: Int32Array[];
  intensityMoves: Int32Array[];
}

/** Where a group's numbers sit in a catchment's block. */
interface Blocks extends Moves {
  size: number;
  pay: PayLayout;
  /** The block of a catchment not yet computed. */
  empty: SparseBlock;
}

const NONE = new Int32Array(0);

/**
 * How a catchment's rows are computed: one per CNI band ('bands'), or one row of their sum
 * ('summed', when every component settles from it: `settlesSummedRows`), or that sum without what
 * only settlement reads ('welfare').
 */
type Rows = 'bands' | 'summed' | 'welfare';

/** Parts kept per group: the current decisions and a solver's trial points around them. */
const KEPT = 4;

export interface GroupwiseEvaluator {
  /** Each provider's utility and the welfare of decisions, as `evaluateSteady` has them. */
  score(x: Decisions): Score;
  /** Group parts computed so far (a cached part is not counted). */
  partsComputed: number;
  /** Catchments whose blocks were computed so far: a part derived from a kept one recomputes only those its decisions move. */
  catchmentsComputed: number;
  /** True when every component settles from one row per catchment, the sum of its bands (`settlesSummedRows`). */
  readonly summedRows: boolean;
}

/**
 * The group-wise evaluator of a context, or null when the design needs the full evaluation
 * (a stop-loss or a risk corridor).
 * @example groupwiseEvaluator(ctx)?.score(x).welfare
 */
export function groupwiseEvaluator(ctx: SteadyContext): GroupwiseEvaluator | null {
  const { model, plan } = ctx.view;
  const steady = steadyPlan(model, plan);
  if (!steady) return null;
  const layout = layoutOf(ctx);
  const P = model.providerIds.length;
  const K = model.catchments.length;
  const blocks = Array.from({ length: G }, (_, g) => blockLayout(ctx, steady, layout, g));
  const newPart = (g: number): GroupPart => {
    const { size, pay } = blocks[g];
    const total = new Float64Array(size);
    const totalFlags = new Uint8Array(pay.flagSize);
    return {
      key: new Float64Array(2 * P),
      blocks: new Array<SparseBlock>(K).fill(blocks[g].empty),
      total,
      totalFlags,
      cost: total.subarray(0, P),
      units: total.subarray(P, 2 * P),
      values: { benefit: total.subarray(2 * P, 3 * P), variance: total.subarray(3 * P, 4 * P), health: 0, discretionaryBenefit: 0 },
      pay: paySums(steady, pay, g, total, totalFlags),
    };
  };
  const parts: GroupPart[] = new Array<GroupPart>(G);
  const scratch = newScratch(layout, P, Math.max(...blocks.map((b) => b.size)), Math.max(...blocks.map((b) => b.pay.flagSize)));
  scratch.accruals = blocks.map((b, g) => catchmentAccruals(steady, b.pay, g, scratch.block, scratch.flags));
  const combined = combineScratch(P);
  const rows: Rows = settlesSummedRows(steady) ? 'summed' : 'bands';
  const partFor = keptParts(blocks, P, K, newPart, (g, x, part, base, moved) => {
    evaluator.catchmentsComputed += computePart(ctx, steady, layout, blocks[g], g, x, part, base, moved, scratch, rows);
    evaluator.partsComputed++;
  });
  const evaluator: GroupwiseEvaluator = {
    partsComputed: 0,
    catchmentsComputed: 0,
    summedRows: rows === 'summed',
    score(x) {
      for (let g = 0; g < G; g++) parts[g] = partFor(g, x);
      return combine(ctx, steady, parts, x, combined);
    },
  };
  return evaluator;
}

function newScratch(layout: RowLayout, P: number, blockSize: number, flagSize: number): Scratch {
  return {
    rows: new Float64Array(BANDS * layout.cols),
    catchmentRow: new Float64Array(layout.cols),
    values: { benefit: new Float64Array(P), variance: new Float64Array(P), health: 0, discretionaryBenefit: 0 },
    block: new Float64Array(blockSize),
    flags: new Uint8Array(flagSize),
    sparse: new Float64Array(2 + 2 * blockSize + flagSize),
    accruals: [],
  };
}

/** One need group's welfare under given decisions, catchment by catchment (see `welfareEvaluator`). */
interface WelfarePart {
  /** The group's decisions: effort, then intensity, per provider. */
  key: Float64Array;
  /** Per catchment, patient benefit minus the cost of care over the year. */
  welfare: Float64Array;
  /** Their sum, in catchment order. */
  total: number;
}

export interface WelfareEvaluator {
  /** Patient benefit minus the cost of care over everyone, as `evaluateSteady` has it (up to rounding). */
  welfare(x: Decisions): number;
  /** Catchments whose welfare was computed so far. */
  catchmentsComputed: number;
}

/**
 * The social objective alone, for the optimum. Payments are transfers and cancel in it, so nothing
 * is settled, whatever the design (a stop-loss or a risk corridor included); and a catchment's
 * benefit and cost in a group depend only on the decisions of those who serve it there, so a trial
 * recomputes the catchments its decision moves and adds up one number per catchment.
 * @example welfareEvaluator(ctx).welfare(x)
 */
export function welfareEvaluator(ctx: SteadyContext): WelfareEvaluator {
  const { model } = ctx.view;
  const layout = layoutOf(ctx);
  const P = model.providerIds.length;
  const K = model.catchments.length;
  const moves = Array.from({ length: G }, (_, g) => catchmentMoves(ctx, layout, g));
  const scratch = newScratch(layout, P, 4 * P + PAY, 0);
  const newPart = (): WelfarePart => ({ key: new Float64Array(2 * P), welfare: new Float64Array(K), total: 0 });
  let fixed = 0;
  for (let p = 0; p < P; p++) fixed += 12 * model.fixedCostPerMonth[p];
  const { setupCost } = ctx.parameters;
  // Most designs have no setup costs: the providers that have one, to look at no other.
  const withSetup = Int32Array.from({ length: P }, (_, p) => p).filter((p) => setupCost[p] !== 0);
  const partFor = keptParts(moves, P, K, newPart, (g, x, part, base, moved) => {
    evaluator.catchmentsComputed += computeWelfare(ctx, layout, g, x, part, base, moved, scratch);
  });
  const evaluator: WelfareEvaluator = {
    catchmentsComputed: 0,
    welfare(x) {
      let welfare = 0;
      for (let g = 0; g < G; g++) {
        const part = partFor(g, x);
        welfare += part.total;
      }
      let setup = 0;
      for (let i = 0; i < withSetup.length; i++) setup += setupCostOf(ctx, x, withSetup[i]);
      return welfare - fixed - setup;
    },
  };
  return evaluator;
}

/** Group g's welfare part for x into `part`, from `base` where its decisions reach no catchment. Returns the catchments computed. */
function computeWelfare(ctx: SteadyContext, layout: RowLayout, g: number, x: Decisions, part: WelfarePart, base: WelfarePart | null, moved: Uint8Array, scratch: Scratch): number {
  const P = ctx.view.model.providerIds.length;
  const K = part.welfare.length;
  const { block } = scratch;
  if (base) part.welfare.set(base.welfare);
  let computed = 0;
  for (let k = 0; k < K; k++) {
    if (moved[k] === 0) continue;
    const local = layout.providersIn[k];
    catchmentValues(ctx, layout, g, k, x, block, scratch, 'welfare');
    let cost = 0;
    for (let i = 0; i < local.length; i++) cost += block[local[i]];
    part.welfare[k] = block[4 * P + HEALTH] + block[4 * P + DISCRETIONARY_BENEFIT] - 12 * cost;
    clearBlock(block, local, P, 4 * P + PAY);
    computed++;
  }
  let total = 0;
  for (let k = 0; k < K; k++) total += part.welfare[k];
  part.total = total;
  return computed;
}

/**
 * A group's part for given decisions, from the parts kept per group (the current decisions and a
 * solver's trial points around them): the one for exactly these decisions, else one computed by
 * `compute` from the kept part fewest catchments away (null when every catchment moves), told which
 * catchments the decisions that differ from it move (every one without it). Filled into a spare
 * part, whose key is then these decisions: a trial allocates none.
 */
function keptParts<T extends { key: Float64Array }>(moves: Moves[], P: number, K: number, make: (g: number) => T, compute: (g: number, x: Decisions, part: T, base: T | null, moved: Uint8Array) => void): (g: number, x: Decisions) => T {
  const kept: T[][] = Array.from({ length: G }, () => []);
  const spare: T[] = Array.from({ length: G }, (_, g) => make(g));
  const moved = new Uint8Array(K);
  return (g, x) => {
    const list = kept[g];
    // The kept part fewest catchments away from x (an upper bound: a catchment two moved decisions share counts twice).
    let found = -1;
    let fewest = Infinity;
    for (let i = 0; i < list.length && fewest > 0; i++) {
      const n = movedCount(moves[g], list[i].key, x, g, P, fewest);
      if (n < fewest) [found, fewest] = [i, n];
    }
    if (fewest === 0) {
      const part = list[found];
      // Most recent first, so the current decisions' part is found at once.
      for (let i = found; i > 0; i--) list[i] = list[i - 1];
      list[0] = part;
      return part;
    }
    const part = spare[g];
    const base = found >= 0 && fewest < K ? list[found] : null;
    if (base) {
      moved.fill(0);
      for (let p = 0; p < P; p++) {
        if (base.key[p] !== x.effort[p * G + g]) for (const k of moves[g].effortMoves[p]) moved[k] = 1;
        if (base.key[P + p] !== x.intensity[p * G + g]) for (const k of moves[g].intensityMoves[p]) moved[k] = 1;
      }
    } else moved.fill(1);
    compute(g, x, part, base, moved);
    for (let p = 0; p < P; p++) {
      part.key[p] = x.effort[p * G + g];
      part.key[P + p] = x.intensity[p * G + g];
    }
    if (list.length < KEPT) {
      list.unshift(part);
      spare[g] = make(g);
    } else {
      spare[g] = list.pop()!;
      list.unshift(part);
    }
    return part;
  };
}

// The rows' layout per context, shared by its two evaluators (the equilibrium's and the optimum's):
// it sums every cell of the population once.
const layouts = new WeakMap<SteadyContext, RowLayout>();
function layoutOf(ctx: SteadyContext): RowLayout {
  let layout = layouts.get(ctx);
  if (!layout) layouts.set(ctx, (layout = rowLayout(ctx.view.model, ctx.view.cells, ctx.view.plan)));
  return layout;
}

/** Buffers one catchment's computation reuses. */
interface Scratch {
  rows: Float64Array;
  catchmentRow: Float64Array;
  values: RowValues;
  /** One catchment's block and flags, dense, while computed. */
  block: Float64Array;
  flags: Uint8Array;
  /** A sparse block while it is written. */
  sparse: Float64Array;
  /** Per group, the accruals that add a catchment's payment sums straight into `block` and `flags`. */
  accruals: CatchmentAccruals[];
}

/**
 * The non-zero numbers of a block and the touched flags that are set, in one array (one
 * allocation per catchment computed): [n, f, position, value (n times), flag position (f times)].
 * A plain array: a typed array this size has its own backing store, several times as costly to
 * make and to collect as a trial's whole arithmetic.
 */
type SparseBlock = number[];

// Offsets in a block after the four per-provider arrays (cost, units, benefit, variance).
const HEALTH = 0;
const DISCRETIONARY_BENEFIT = 1;
const PAY = 2;

function blockLayout(ctx: SteadyContext, steady: SteadyPlan, layout: RowLayout, g: number): Blocks {
  const P = ctx.view.model.providerIds.length;
  const pay = payLayout(steady, g, 4 * P + PAY);
  const size = 4 * P + pay.size + PAY;
  const empty = [0, 0];
  const { effortMoves, intensityMoves } = catchmentMoves(ctx, layout, g);
  return { size, pay, empty, effortMoves, intensityMoves };
}

/**
 * Per provider, the catchments of group g (with people in it) whose rows its effort or its
 * intensity moves: where it is in the team or delivers the care the decision scales.
 */
function catchmentMoves(ctx: SteadyContext, layout: RowLayout, g: number): { effortMoves: Int32Array[]; intensityMoves: Int32Array[] } {
  const model = ctx.view.model;
  const P = model.providerIds.length;
  const K = model.catchments.length;
  const effort: number[][] = Array.from({ length: P }, () => []);
  const intensity: number[][] = Array.from({ length: P }, () => []);
  const people = layout.groups[g].people;
  for (let k = 0; k < K; k++) {
    let any = false;
    for (let b = 0; b < BANDS; b++) any ||= people[k * BANDS + b] > 0;
    // A catchment without people in the group has all-zero rows whatever is decided.
    if (!any) continue;
    const e = new Set<number>(model.team[k * G + g]);
    for (const s of [MOBILE, COACH]) if (model.serviceProvider[k * SC + s] >= 0) e.add(model.serviceProvider[k * SC + s]);
    e.forEach((p) => effort[p].push(k));
    const i = new Set<number>();
    for (const s of DISCRETIONARY_INDEX) if (model.serviceProvider[k * SC + s] >= 0) i.add(model.serviceProvider[k * SC + s]);
    i.forEach((p) => intensity[p].push(k));
  }
  return { effortMoves: effort.map((l) => Int32Array.from(l)), intensityMoves: intensity.map((l) => Int32Array.from(l)) };
}

/**
 * How many catchment blocks differ between the part for `key` and the part for x (counted per moved
 * decision), or any number from `enough` on once that many are counted.
 */
function movedCount(blocks: Moves, key: Float64Array, x: Decisions, g: number, P: number, enough = Infinity): number {
  let n = 0;
  for (let p = 0; p < P && n < enough; p++) {
    if (key[p] !== x.effort[p * G + g]) n += blocks.effortMoves[p].length;
    if (key[P + p] !== x.intensity[p * G + g]) n += blocks.intensityMoves[p].length;
  }
  return n;
}

/**
 * Group g's part for x into `part`: from `base` (a kept part) recomputing only the catchments whose
 * decisions differ, or from scratch. Returns how many catchments it computed.
 */
function computePart(ctx: SteadyContext, steady: SteadyPlan, layout: RowLayout, blocks: Blocks, g: number, x: Decisions, part: GroupPart, base: GroupPart | null, moved: Uint8Array, scratch: Scratch, rows: Rows): number {
  const model = ctx.view.model;
  const P = model.providerIds.length;
  const K = model.catchments.length;
  const { size, pay } = blocks;
  let computed = 0;
  if (base) for (let k = 0; k < K; k++) part.blocks[k] = base.blocks[k];
  const block = scratch.block;
  const flags = scratch.flags;
  for (let k = 0; k < K; k++) {
    if (moved[k] === 0) continue;
    const local = layout.providersIn[k];
    flags.fill(0, 0, pay.flagSize);
    computeCatchment(ctx, steady, layout, blocks, g, k, x, block, flags, scratch, rows);
    // A fresh sparse block: the one replaced may still be a kept part's.
    part.blocks[k] = sparse(block, local, P, size, flags, scratch.accruals[g].flagRanges, scratch.sparse);
    clearBlock(block, local, P, size);
    computed++;
  }
  const { total, totalFlags } = part;
  total.fill(0);
  totalFlags.fill(0);
  for (let k = 0; k < K; k++) {
    const b = part.blocks[k];
    const end = 2 + 2 * b[0];
    for (let j = 2; j < end; j += 2) total[b[j]] += b[j + 1];
    for (let j = end; j < end + b[1]; j++) totalFlags[b[j]] = 1;
  }
  part.values.health = total[4 * P + HEALTH];
  part.values.discretionaryBenefit = total[4 * P + DISCRETIONARY_BENEFIT];
  return computed;
}

/**
 * Zero what a catchment's block held once it is read, so that the next catchment starts from
 * zeros: the per-provider numbers of the providers its rows reach (no other is written), then
 * everything from health on.
 */
function clearBlock(block: Float64Array, local: Int32Array, P: number, size: number): void {
  for (let a = 0; a < 4 * P; a += P) for (let i = 0; i < local.length; i++) block[a + local[i]] = 0;
  block.fill(0, 4 * P, size);
}

/** The sparse form of a block cleared by `clearBlock` for the same providers. */
function sparse(block: Float64Array, local: Int32Array, P: number, size: number, flags: Uint8Array, flagRanges: Int32Array, into: Float64Array): SparseBlock {
  let i = 2;
  for (let a = 0; a < 4 * P; a += P)
    for (let l = 0; l < local.length; l++) {
      const j = a + local[l];
      if (block[j] !== 0) {
        into[i++] = j;
        into[i++] = block[j];
      }
    }
  for (let j = 4 * P; j < size; j++)
    if (block[j] !== 0) {
      into[i++] = j;
      into[i++] = block[j];
    }
  const n = (i - 2) / 2;
  for (let r = 0; r < flagRanges.length; r += 2) for (let j = flagRanges[r]; j < flagRanges[r + 1]; j++) if (flags[j] !== 0) into[i++] = j;
  into[0] = n;
  into[1] = i - 2 - 2 * n;
  const out: SparseBlock = new Array<number>(i);
  for (let j = 0; j < i; j++) out[j] = into[j];
  return out;
}

/**
 * Catchment k's block of group g: its rows, then their costs (engine/costs.ts, one month), row
 * values and payment sums.
 */
function computeCatchment(ctx: SteadyContext, steady: SteadyPlan, layout: RowLayout, blocks: Blocks, g: number, k: number, x: Decisions, block: Float64Array, flags: Uint8Array, scratch: Scratch, rows: Rows): void {
  const coordination = catchmentValues(ctx, layout, g, k, x, block, scratch, rows);
  const summed = rows === 'summed';
  accrueCatchment(steady, scratch.accruals[g], g, k, summed ? scratch.catchmentRow : scratch.rows, layout.cols, coordination, summed);
}

/**
 * Catchment k's rows of group g (into `scratch.rows`) and, at the start of `block`, their costs and
 * units per provider (one month), benefit and margin variance per provider, health and
 * discretionary benefit (the year's). Costs and row values are linear in a row and depend on its
 * catchment, not its CNI band: they are taken from the sum of its bands' rows. With `rows` other
 * than 'bands' that sum is all that is computed (into `scratch.catchmentRow`), and for 'welfare'
 * only what welfare reads: costs and units, health and discretionary benefit. Returns the team's
 * coordination.
 */
function catchmentValues(ctx: SteadyContext, layout: RowLayout, g: number, k: number, x: Decisions, block: Float64Array, scratch: Scratch, rows: Rows): number {
  const model = ctx.view.model;
  const P = model.providerIds.length;
  const at = 0;
  const welfareOnly = rows === 'welfare';
  // Only the columns costs and row values read: services, person-months and QALYs.
  const catchmentRow = scratch.catchmentRow;
  let coordination: number;
  if (rows !== 'bands') coordination = catchmentRows(layout, g, k, x.effort, x.intensity, catchmentRow, true, !welfareOnly);
  else {
    const { cols } = layout;
    const d = scratch.rows;
    coordination = catchmentRows(layout, g, k, x.effort, x.intensity, d);
    catchmentRow.fill(0);
    for (let b = 0; b < BANDS; b++) {
      const row = b * cols;
      // A row without people is all zeros and adds nothing.
      if (d[row + PERSON_MONTHS] === 0) continue;
      for (let j = 0; j < SC; j++) catchmentRow[j] += d[row + j];
      catchmentRow[PERSON_MONTHS] += d[row + PERSON_MONTHS];
      catchmentRow[QALY] += d[row + QALY];
    }
  }
  if (catchmentRow[PERSON_MONTHS] !== 0) {
    addCosts(model, block, at, catchmentRow, k, g, coordination, x.effort);
    const values = scratch.values;
    // Only the providers the catchment's rows reach can have a benefit or a variance from it.
    const local = welfareOnly ? NONE : layout.providersIn[k];
    for (let i = 0; i < local.length; i++) {
      values.benefit[local[i]] = 0;
      values.variance[local[i]] = 0;
    }
    values.health = 0;
    values.discretionaryBenefit = 0;
    addRowValues(ctx, values, catchmentRow, 0, k, g, 12, x.intensity, !welfareOnly);
    for (let i = 0; i < local.length; i++) {
      const p = local[i];
      block[at + 2 * P + p] = values.benefit[p];
      block[at + 3 * P + p] = values.variance[p];
    }
    block[at + 4 * P + HEALTH] = values.health;
    block[at + 4 * P + DISCRETIONARY_BENEFIT] = values.discretionaryBenefit;
  }
  return coordination;
}

/** One month's cost and units per provider of one catchment's row (engine/costs.ts). */
function addCosts(model: CompiledModel, block: Float64Array, at: number, d: Float64Array, k: number, g: number, coord: number, effort: Float64Array): void {
  const P = model.providerIds.length;
  const cost = at;
  const units = at + P;
  const team = model.team[k * G + g];
  for (let s = 0; s < SC; s++) {
    const n = d[s];
    if (n === 0) continue;
    if (s === SIP || s === DISCHARGE) {
      for (const p of team) {
        block[cost + p] += n * serviceCost(model, p, s, g);
        block[units + p] += n;
      }
    } else {
      const p = model.serviceProvider[k * SC + s];
      if (p < 0) continue;
      block[cost + p] += n * deliveredCost(model, p, s, g, coord);
      block[units + p] += n;
    }
  }
  const people = d[PERSON_MONTHS];
  // Effort costs rise more than in proportion (e²), as in engine/costs.ts.
  for (const p of team) {
    const e = effort[p * G + g];
    block[cost + p] += people * e * e * model.coordinationCost[p * G + g];
  }
}

/** The year from its group parts: costs, payments through settlement, then the objectives. */
function combine(ctx: SteadyContext, steady: SteadyPlan, parts: GroupPart[], x: Decisions, scratch: CombineScratch): Score {
  const model = ctx.view.model;
  const P = model.providerIds.length;
  const { monthCost, monthUnits, sums, revenue, cost, pay } = scratch;
  monthCost.fill(0);
  monthUnits.fill(0);
  sums.benefit.fill(0);
  sums.variance.fill(0);
  sums.health = 0;
  sums.discretionaryBenefit = 0;
  for (let g = 0; g < parts.length; g++) {
    const part = parts[g];
    pay[g] = part.pay;
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
  const net = steadyReceipts(steady, pay, monthCost, monthUnits);
  const account = ctx.view.plan.providerAccount;
  for (let p = 0; p < P; p++) {
    revenue[p] = net[account[p]];
    cost[p] = 12 * monthCost[p];
  }
  // Only the utilities are kept with the score: the rest is this evaluator's to reuse.
  const { utility, welfare } = providerObjectives(ctx, x, revenue, cost, sums, { profit: scratch.profit, setup: scratch.setup, utility: scratch.slab.take(P) });
  return { utility, welfare };
}

/**
 * Small typed arrays cut from a shared buffer: a typed array of its own past 64 bytes gets its own
 * backing store, which costs a trial more to make and to collect than the numbers in it.
 */
class Slab {
  private buffer = new ArrayBuffer(0);
  private used = 0;
  take(n: number): Float64Array {
    if (this.used + 8 * n > this.buffer.byteLength) {
      // A new slab; the old one is collected once no array cut from it is kept.
      this.buffer = new ArrayBuffer(Math.max(1 << 16, 8 * n));
      this.used = 0;
    }
    const out = new Float64Array(this.buffer, this.used, n);
    this.used += 8 * n;
    return out;
  }
}

/** What `combine` fills on every trial and does not keep. */
interface CombineScratch {
  /** Where the utilities a score keeps are cut from. */
  slab: Slab;
  monthCost: Float64Array;
  monthUnits: Float64Array;
  sums: RowValues;
  revenue: Float64Array;
  cost: Float64Array;
  profit: Float64Array;
  setup: Float64Array;
  pay: GroupSums[][];
}

function combineScratch(P: number): CombineScratch {
  const f = () => new Float64Array(P);
  return { slab: new Slab(), monthCost: f(), monthUnits: f(), sums: { benefit: f(), variance: f(), health: 0, discretionaryBenefit: 0 }, revenue: f(), cost: f(), profit: f(), setup: f(), pay: new Array<GroupSums[]>(G) };
}
