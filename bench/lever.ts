/**
 * A lever move in the web app, on the core path its engine worker takes (web/engine/engine.worker.ts,
 * 'evaluate'): the scenario JSON checked, re-evaluated by the live evaluator (which keeps the
 * population and the activity and redoes only the payments), and the dashboard built. The region
 * is a million people over five years; the DRG price moves by 500 kr a step. The browser's own
 * drawing is not in this figure.
 */
import { dashboardOf } from '../src/results/dashboard.js';
import { LiveEvaluator } from '../src/results/live.js';
import { loadModels } from '../src/scenario/load.js';
import { validateScenario } from '../src/scenario/validate.js';
import { regionScenario } from './region.js';
import { median, round3 } from './stats.js';

/**
 * @example await leverFigures(false)
 */
export async function leverFigures(quick: boolean) {
  const models = await loadModels();
  const live = new LiveEvaluator();
  const json = JSON.parse(JSON.stringify(regionScenario(quick ? 200_000 : 1_000_000, 5)));
  const drg = json.payment.components.find((c: { id: string }) => c.id === 'drg');
  const evaluate = () => {
    const t0 = performance.now();
    const checked = validateScenario(json, { models });
    if (!checked.ok) throw new Error('the bench region does not validate');
    const result = live.evaluate(checked.scenario);
    const t1 = performance.now();
    dashboardOf(result.prepared, { expected: result.outcome, replications: [], seed: checked.scenario.simulation.seed });
    return { ms: performance.now() - t0, evaluateMs: t1 - t0, reuse: result.reuse };
  };
  const first = evaluate();
  const moves = [];
  for (let i = 0; i < 12; i++) {
    drg.price += 500;
    moves.push(evaluate());
  }
  const warm = moves.slice(2);
  return {
    people: json.population.size,
    firstResultsMs: round3(first.ms),
    moveMs: round3(median(warm.map((m) => m.ms))),
    moveMaxMs: round3(Math.max(...warm.map((m) => m.ms))),
    evaluateMs: round3(median(warm.map((m) => m.evaluateMs))),
    reuse: [...new Set(moves.map((m) => m.reuse))],
  };
}
