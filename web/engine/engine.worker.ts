/**
 * The engine worker: the simulation core from `src/`, answering the page's requests one at a
 * time. Cancelling a microsimulation terminates this worker (its loop never yields to read a
 * message), so nothing here needs to clean up after a cancelled run.
 */
/// <reference lib="webworker" />
import { analyzeIncentives, behaviourPath } from '../../src/behaviour/index.js';
import { evaluateExpected, runScenario } from '../../src/run.js';
import type { Outcome, Prepared } from '../../src/run.js';
import { comparisonOf } from '../../src/results/comparison.js';
import { explainDifference } from '../../src/results/explain.js';
import type { ExplainRun } from '../../src/results/explain.js';
import type { Behaviour } from '../../src/engine/model.js';
import { dashboardOf, evaluatedOf } from '../../src/results/dashboard.js';
import type { Dashboard, Evaluated as EvaluatedRuns } from '../../src/results/dashboard.js';
import { LiveEvaluator, behaviourKey } from '../../src/results/live.js';
import { BONUS_CURVE_NAMES, FormulaError, PERSON_WEIGHT_NAMES, formulaProblem } from '../../src/formula/sandbox.js';
import { issueOf, jsonProblem, parseJson, ScenarioError, validateScenario } from '../../src/scenario/index.js';
import { GROUP_COUNT } from '../../src/domain.js';
import { KIND_DESCRIPTIONS } from '../../src/payment/kinds/descriptions.js';
import type { PaymentModel, Scenario } from '../../src/scenario/index.js';
import type { Checked, EngineRequest, EngineResponses, Parsed, ReplyMessage, RequestMessage, RunSettings } from './protocol.js';
import { uncertaintyAnswer, type UncertaintyRequest } from './uncertainty.js';

declare const self: DedicatedWorkerGlobalScope;

// The payment models are data: fetched as JSON files, as the built-in scenarios are, rather than
// compiled into the worker's code. Every request waits until they are here.
const MODELS: Record<string, PaymentModel> = {};
const MODEL_URLS = import.meta.glob<string>('../../models/*.json', { query: '?url', import: 'default', eager: true });
const modelsLoaded = Promise.all(
  Object.values(MODEL_URLS).map(async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
    const model = (await response.json()) as PaymentModel;
    MODELS[model.id] = model;
  }),
);

const live = new LiveEvaluator();

function check(json: unknown): Checked & { scenario?: Scenario } {
  const result = validateScenario(json, { models: MODELS });
  return result.ok ? { ok: true, errors: [], warnings: result.warnings, scenario: result.scenario } : { ok: false, errors: result.errors, warnings: result.warnings };
}

function scenarioOf(json: unknown, settings?: RunSettings): Scenario {
  const checked = check(json);
  if (!checked.ok || !checked.scenario) {
    // The page says how many problems there are, and the first, in its own language.
    throw new ScenarioError(checked.errors);
  }
  const s = checked.scenario;
  // As the CLI's --seed and --reps: the run's settings replace the file's.
  return settings ? { ...s, simulation: { ...s.simulation, seed: settings.seed, replications: settings.replications } } : s;
}

function parse(text: string): Parsed {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, errors: [issueOf('', jsonProblem(parsed))], warnings: [] };
  const { ok, errors, warnings } = check(parsed.value);
  return { ok, errors, warnings, json: parsed.value };
}

interface Run {
  prepared: Prepared;
  behaviour: Behaviour;
  expected: Outcome;
  replications: Outcome[];
}

/** As `reimburse run`: providers behave as the scenario's behaviour mode says (fixed, equilibrium, adaptive). */
function run(scenario: Scenario, micro: boolean, onProgress: (fraction: number) => void): Run {
  return runScenario(scenario, { engine: micro ? 'micro' : 'expected', onProgress });
}

function isResponsive(scenario: Scenario): boolean {
  return (scenario.simulation.behaviour ?? 'fixed') !== 'fixed';
}

let solveCount = 0;

/** A provider's mean effort over the need groups that need coordination (all but the last, 'healthy'). */
function meanEffort(effort: Float64Array, provider: number): number {
  const n = GROUP_COUNT - 1;
  let sum = 0;
  for (let g = 0; g < n; g++) sum += effort[provider * GROUP_COUNT + g];
  return sum / n;
}

function throttled(id: number): (fraction: number) => void {
  let last = -1;
  let lastTime = 0;
  return (fraction) => {
    const now = performance.now();
    if (fraction < 1 && fraction - last < 0.005 && now - lastTime < 100) return;
    last = fraction;
    lastTime = now;
    reply({ id, kind: 'progress', fraction });
  };
}

function handle<T extends EngineRequest['type']>(id: number, request: EngineRequest & { type: T }): EngineResponses[T];
function handle(id: number, request: EngineRequest): EngineResponses[EngineRequest['type']] {
  switch (request.type) {
    case 'models':
      return MODELS;
    case 'kinds':
      return KIND_DESCRIPTIONS;
    case 'validate': {
      const { ok, errors, warnings } = check(request.json);
      return { ok, errors, warnings };
    }
    case 'parse':
      return parse(request.text);
    case 'check-formula': {
      const problem = formulaProblem(request.source, request.kind === 'weight' ? PERSON_WEIGHT_NAMES : BONUS_CURVE_NAMES);
      return problem === null ? null : issueOf(request.path, problem);
    }
    case 'evaluate': {
      const t0 = performance.now();
      const checked = check(request.json);
      const { ok, errors, warnings } = checked;
      if (!checked.scenario) return { check: { ok, errors, warnings }, responsive: false, evaluateMs: 0, dashboardMs: 0 };
      const scenario = checked.scenario;
      // A behaviour solved for an earlier design of the same model: the providers before they respond.
      const given = request.behaviour && request.behaviour.key === behaviourKey(scenario) ? request.behaviour : undefined;
      const result = live.evaluate(scenario, given);
      const t1 = performance.now();
      const dashboard = dashboardOf(result.prepared, { expected: result.outcome, replications: [], seed: checked.scenario.simulation.seed });
      return { check: { ok, errors, warnings }, dashboard, responsive: isResponsive(scenario), reuse: result.reuse, evaluateMs: t1 - t0, dashboardMs: performance.now() - t1 };
    }
    case 'solve': {
      const t0 = performance.now();
      const checked = check(request.json);
      const { ok, errors, warnings } = checked;
      if (!checked.scenario) return { check: { ok, errors, warnings }, converged: [], ms: 0 };
      const scenario = checked.scenario;
      // The live evaluator keeps the population between solves of the same model.
      const { prepared } = live.evaluate(scenario);
      const path = behaviourPath(prepared);
      const expected = evaluateExpected(prepared, path.behaviour);
      const dashboard = dashboardOf(prepared, { expected, replications: [], seed: scenario.simulation.seed });
      const behaviour = { key: behaviourKey(scenario), id: `solved-${++solveCount}`, value: path.behaviour };
      const providers = scenario.providers.map((p) => p.id);
      const effort = { providers, years: path.years.map((d) => providers.map((_, i) => meanEffort(d.effort, i))), before: providers.map((_, i) => meanEffort(prepared.model.behaviour.effort[0], i)) };
      return { check: { ok, errors, warnings }, dashboard, behaviour, converged: path.converged, effort, ms: performance.now() - t0 };
    }
    case 'simulate': {
      const t0 = performance.now();
      const scenario = scenarioOf(request.json, request.settings);
      const { prepared, expected, replications } = run(scenario, true, throttled(id));
      const dashboard = dashboardOf(prepared, { expected, replications, seed: request.settings.seed });
      return { dashboard, ms: performance.now() - t0 };
    }
    case 'incentives': {
      const t0 = performance.now();
      const scenario = scenarioOf(request.json);
      const { prepared } = runScenario(scenario, { mode: 'fixed' });
      const report = analyzeIncentives(prepared);
      const names: Record<string, string> = {};
      for (const p of [...scenario.payers, ...scenario.providers]) names[p.id] = p.name;
      return {
        year: report.year,
        rows: report.incentives,
        gap: report.gap,
        equilibria: report.equilibria.equilibria.length,
        runs: report.equilibria.runs.map((r) => ({ start: r.start, converged: r.converged, iterations: r.iterations })),
        names,
        ms: performance.now() - t0,
      };
    }
    case 'uncertain-parameters':
    case 'tornado':
    case 'sweep':
    case 'psa':
      return uncertaintyAnswer(request as UncertaintyRequest, MODELS, throttled(id));
    case 'compare': {
      const t0 = performance.now();
      const progress = throttled(id);
      const n = request.jsons.length;
      const dashboards: Dashboard[] = [];
      const evaluated: EvaluatedRuns[] = [];
      const runs: ExplainRun[] = [];
      // Common random numbers: every scenario runs with the same seed and replications.
      request.jsons.forEach((json, i) => {
        const scenario = scenarioOf(json, request.settings);
        const r = run(scenario, request.engine === 'micro', (f) => progress((i + f) / n));
        const input = { expected: r.expected, replications: r.replications, seed: request.settings.seed };
        const e = evaluatedOf(r.prepared, input);
        evaluated.push(e);
        dashboards.push(dashboardOf(r.prepared, input, e));
        // The replications' long rows are all "why did this change" needs of them (not their ledgers).
        runs.push({ prepared: r.prepared, behaviour: r.behaviour, expected: r.expected, replicationRows: r.replications.length > 0 ? e.rows : undefined });
        progress((i + 1) / n);
      });
      const explanations = runs.slice(1).map((r) => explainDifference(runs[0], r));
      return { comparison: comparisonOf(dashboards, evaluated), explanations, ms: performance.now() - t0 };
    }
  }
}

function reply(message: ReplyMessage): void {
  self.postMessage(message);
}

self.addEventListener('message', (event: MessageEvent<RequestMessage>) => void respond(event.data));

async function respond({ id, request }: RequestMessage): Promise<void> {
  try {
    await modelsLoaded;
    reply({ id, kind: 'result', value: handle(id, request) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ScenarioError) reply({ id, kind: 'error', message, issues: error.issues });
    else if (error instanceof FormulaError) reply({ id, kind: 'error', message, path: error.path, detail: error.detail });
    else reply({ id, kind: 'error', message });
  }
}
