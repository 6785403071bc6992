/**
 * The engine worker's uncertainty requests: the uncertain parameters of a design, its tornado, a
 * one- or two-way sweep, and a PSA of several designs with common draws. The same code as the CLI's
 * `tornado`, `sweep` and `psa` (src/uncertainty/), in expected values and without the coordination
 * gap (a second solve per point, too slow for the page). Long requests report progress; the page
 * cancels them by terminating the worker.
 */
import { Design } from '../../src/uncertainty/evaluate.js';
import { HIGH_P, LOW_P, quantile } from '../../src/uncertainty/distributions.js';
import { keyOf, sweep, tornado } from '../../src/uncertainty/oneway.js';
import { getParameter } from '../../src/uncertainty/paths.js';
import { runDraws, summarizePsa, type PsaSettings } from '../../src/uncertainty/psa.js';
import { scenarioOrThrow, validateScenario } from '../../src/scenario/index.js';
import type { PaymentModel } from '../../src/scenario/index.js';
import type { EngineRequest, EngineResponses, UncertainInfo } from './protocol.js';

export type UncertaintyRequest = Extract<EngineRequest, { type: 'uncertain-parameters' | 'tornado' | 'sweep' | 'psa' }>;

/** Largest PSA the page runs: beyond it, the CLI (with workers, shards or a queue). */
export const MAX_WEB_DRAWS = 2000;

function designOf(json: unknown, models: Record<string, PaymentModel>): Design {
  // Refused with the validator's issues, as the other requests are.
  scenarioOrThrow(validateScenario(json, { models }));
  return new Design(json, models);
}

function parametersOf(design: Design): UncertainInfo[] {
  return design.parameters.map((p) => ({
    path: p.path,
    source: p.source,
    base: getParameter(design.raw, p.path, design.models) ?? NaN,
    low: p.low ?? quantile(p.distribution, LOW_P),
    high: p.high ?? quantile(p.distribution, HIGH_P),
  }));
}

/**
 * Answer one uncertainty request.
 * @example uncertaintyAnswer({ type: 'tornado', json }, MODELS, (f) => reply(f))
 */
export function uncertaintyAnswer(request: UncertaintyRequest, models: Record<string, PaymentModel>, progress: (fraction: number) => void): EngineResponses[UncertaintyRequest['type']] {
  const t0 = performance.now();
  switch (request.type) {
    case 'uncertain-parameters':
      return parametersOf(designOf(request.json, models));
    case 'tornado': {
      const design = designOf(request.json, models);
      const result = tornado(design, { gap: false, onProgress: progress });
      return { tornado: result, parameters: parametersOf(design), ms: performance.now() - t0 };
    }
    case 'sweep': {
      const design = designOf(request.json, models);
      const { points, flips } = sweep(design, request.params, { gap: false, onProgress: progress });
      const keys = points[0]?.values.map(keyOf) ?? [];
      return { points: points.map((p) => ({ at: p.at, values: Object.fromEntries(p.values.map((v) => [keyOf(v), v.value])) })), flips, keys, ms: performance.now() - t0 };
    }
    case 'psa': {
      const draws = Math.max(1, Math.min(MAX_WEB_DRAWS, Math.floor(request.draws)));
      const designs = request.jsons.map((json) => designOf(json, models));
      // By position: two saved variants of one scenario share its id, and the page names them itself.
      const ids = designs.map((_, i) => String(i));
      const settings: PsaSettings = { draws, seed: request.seed, engine: 'expected', replications: 0, gap: false, ...(request.behaviour && request.behaviour !== 'solve' ? { behaviour: request.behaviour } : {}) };
      const { keys, results } = runDraws(designs, settings, Array.from({ length: draws }, (_, d) => d), (done) => progress(done / draws));
      const info = designs.map((d, i) => ({ id: ids[i], title: typeof d.raw.title === 'string' ? d.raw.title : ids[i], file: ids[i], ...(d.preset ? { preset: d.preset } : {}) }));
      const parameters = designs.map((d) => d.parameters.map((p) => ({ path: p.path, source: p.source })));
      const result = summarizePsa(settings, info, parameters, keys, results);
      const perDraw = keys.map((ks, j) => ks.map((_, k) => results.map((r) => r.values[j][k])));
      return { result, keys, perDraw, ms: performance.now() - t0 };
    }
  }
}
