/**
 * Messages between the app and the engine worker. The worker runs everything that needs the
 * simulation core (validation, formula checks, expected values, microsimulation), so the page
 * itself ships no model code and stays responsive while a run goes on.
 */
import type { KindDescription } from '../../src/payment/kinds/kind.js';
import type { ComponentKind } from '../../src/scenario/types.js';
import type { CoordinationGap, IncentiveRow } from '../../src/behaviour/index.js';
import type { Comparison } from '../../src/results/comparison.js';
import type { Explanation } from '../../src/results/explain.js';
import type { Dashboard } from '../../src/results/dashboard.js';
import type { Behaviour } from '../../src/engine/model.js';
import type { Message } from '../../src/messages/index.js';
import type { Issue } from '../../src/scenario/issues.js';
import type { PaymentModel } from '../../src/scenario/types.js';
import type { Flip, SweepParameter, Tornado } from '../../src/uncertainty/oneway.js';
import type { PsaResult } from '../../src/uncertainty/psa.js';
import type { DrawBehaviour } from '../../src/uncertainty/behaviour.js';

/** Which variables a formula may use: a per-person weight or a goal's bonus curve. */
export type FormulaKind = 'weight' | 'curve';
export type EngineKind = 'expected' | 'micro';

/** The result of checking scenario JSON with the CLI's validator (`validateScenario`). */
export interface Checked {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
}

/** The result of reading a file: the JSON as written (kept for saving) and its check. */
export interface Parsed extends Checked {
  json?: unknown;
}

/**
 * Providers' behaviour solved for one design (src/behaviour `behaviourPath`), reusable for the
 * next design while everything but the payment stays the same (`key`).
 */
export interface SolvedBehaviour {
  key: string;
  id: string;
  value: Behaviour;
}

export interface Evaluated {
  check: Checked;
  dashboard?: Dashboard;
  /** The providers respond to the design (`simulation.behaviour` 'equilibrium' or 'adaptive'): solve for the CLI's numbers. */
  responsive: boolean;
  /** What the live evaluator could keep from the previous evaluation. */
  reuse?: string;
  /** Time in the worker: evaluation, then the dashboard. */
  evaluateMs: number;
  dashboardMs: number;
}

/** Expected values with the providers' response solved, as `reimburse run --engine expected` computes them. */
export interface Solved {
  check: Checked;
  dashboard?: Dashboard;
  behaviour?: SolvedBehaviour;
  /** Per year: did the solver converge. */
  converged: boolean[];
  /** Mean coordination effort (0–1, need groups with coordination needs) per year, per provider: the dynamics a class watches. */
  effort?: { providers: string[]; years: number[][]; /** The same before the first year's response: the behaviour the scenario states. */ before: number[] };
  ms: number;
}

export interface Simulated {
  dashboard: Dashboard;
  ms: number;
}

export interface Compared {
  comparison: Comparison;
  /** For each scenario after the first: why it differs from the first (src/results/explain.ts). */
  explanations: Explanation[];
  ms: number;
}

/** The incentive analysis (src/behaviour `analyzeIncentives`), without its large intermediate tables. */
export interface Incentives {
  year: number;
  rows: IncentiveRow[];
  gap: CoordinationGap;
  /** Distinct equilibria found from low and high starting efforts. */
  equilibria: number;
  runs: { start: string; converged: boolean; iterations: number }[];
  names: Record<string, string>;
  ms: number;
}

/** One uncertain parameter of a design (src/uncertainty/): its value as written and its one-way range. */
export interface UncertainInfo {
  path: string;
  source: string;
  base: number;
  low: number;
  high: number;
}

/** The tornado of a design over every measure (src/uncertainty/oneway.ts), without the coordination gap. */
export interface TornadoAnswer {
  tornado: Tornado;
  parameters: UncertainInfo[];
  ms: number;
}

/** A one- or two-way sweep: the measures (`measure/entity` keys) at each point, and the decision flips. */
export interface SweepAnswer {
  points: { at: number[]; values: Record<string, number> }[];
  flips: Flip[];
  keys: string[];
  ms: number;
}

/** A PSA of the designs with common draws (src/uncertainty/psa.ts), and each design's value per measure per draw for plots. */
export interface PsaAnswer {
  result: PsaResult;
  keys: string[][];
  /** [design][measure key][draw]. */
  perDraw: number[][][];
  ms: number;
}

export interface RunSettings {
  replications: number;
  seed: number;
}

export type EngineRequest =
  | { type: 'validate'; json: unknown }
  | { type: 'parse'; text: string }
  | { type: 'check-formula'; source: string; kind: FormulaKind; path: string }
  | { type: 'evaluate'; json: unknown; behaviour?: SolvedBehaviour }
  | { type: 'solve'; json: unknown }
  | { type: 'simulate'; json: unknown; settings: RunSettings }
  | { type: 'compare'; jsons: unknown[]; engine: EngineKind; settings: RunSettings }
  | { type: 'incentives'; json: unknown }
  | { type: 'models' }
  | { type: 'kinds' }
  | { type: 'uncertain-parameters'; json: unknown }
  | { type: 'tornado'; json: unknown }
  | { type: 'sweep'; json: unknown; params: SweepParameter[] }
  | { type: 'psa'; jsons: unknown[]; draws: number; seed: number; behaviour?: DrawBehaviour };

/** What each request answers. */
export interface EngineResponses {
  validate: Checked;
  parse: Parsed;
  'check-formula': Issue | null;
  evaluate: Evaluated;
  solve: Solved;
  simulate: Simulated;
  compare: Compared;
  incentives: Incentives;
  models: Record<string, PaymentModel>;
  /** Every payment kind's description (src/payment/kinds/): the editor's and the levers' fields. */
  kinds: Record<ComponentKind, KindDescription>;
  'uncertain-parameters': UncertainInfo[];
  tornado: TornadoAnswer;
  sweep: SweepAnswer;
  psa: PsaAnswer;
}

export type EngineRequestType = EngineRequest['type'];

/** From the page to the worker. */
export interface RequestMessage {
  id: number;
  request: EngineRequest;
}

/** From the worker to the page. */
export type ReplyMessage =
  | { id: number; kind: 'result'; value: unknown }
  /** `detail` and `issues` say what went wrong as data, so the page can say it in its language. */
  | { id: number; kind: 'error'; message: string; path?: string; detail?: Message; issues?: Issue[] }
  | { id: number; kind: 'progress'; fraction: number };
