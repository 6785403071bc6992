/**
 * Default distributions from the ranges the model's own parameters carry with a source: a
 * scenario's tornado and PSA vary them even where its `uncertainty` section says nothing about
 * them (its own entry, or its preset's, replaces the default for the same path).
 *
 * The family is beta-PERT on the sourced range with its mode at the model's value. The ranges are
 * the extremes sources report (regions' or studies' spread: readmissions 5–13 % across regions, the
 * fee-for-service volume response +20 to +46 % across studies), not equally likely values, so a
 * uniform would overweight the ends; and the documented value is the best estimate, which PERT
 * weights four times the ends' pull (mean (low + 4·mode + high)/6) while, unlike a triangular,
 * thinning the tails smoothly. A range whose source is only an assumption gives no default: a
 * reader should choose to vary it (e.g. through a preset), not find it varied.
 *
 * Which ranges count: a payment model's parameter with `range: { low, high, source }` (models/*.json;
 * its `min`/`max` only bound what the model accepts and are no evidence), and the provider
 * responses of src/care/response.ts with a source, where providers choose their behaviour
 * (`equilibrium` or `adaptive`; with fixed behaviour they change nothing). The payment kinds'
 * fields carry validation bounds only (no field names a source), so they give none.
 */
import { RESPONSE, RESPONSE_PARAMETERS } from '../care/response.js';
import type { PaymentModel } from '../scenario/types.js';
import type { Distribution } from './distributions.js';
import type { UncertainParameter } from './presets.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when a source is only an assumption. */
const assumed = (source: string) => /^\s*assumption\b/i.test(source);

/**
 * Beta-PERT over [low, high] with its mode at `value`.
 * @example pertOn(0.05, 0.13, 0.12) // { type: 'pert', min: 0.05, mode: 0.12, max: 0.13 }
 */
export function pertOn(low: number, high: number, value: number): Distribution {
  return { type: 'pert', min: low, mode: value, max: high };
}

/**
 * The default uncertain parameters of a raw scenario (model references not expanded): one per
 * sourced range that applies to it and holds the value the scenario runs with (its mode). A value
 * outside the range is the scenario's own evidence, and its parameter gets no default.
 * @example rangeParameters(json, models).map((p) => p.path) // ['response.feeForServiceVolume', …]
 */
export function rangeParameters(json: unknown, models: Record<string, PaymentModel> = {}): UncertainParameter[] {
  if (!isObject(json)) return [];
  const out: UncertainParameter[] = [];
  const simulation = isObject(json.simulation) ? json.simulation : {};
  if (simulation.behaviour === 'equilibrium' || simulation.behaviour === 'adaptive') {
    const response = isObject(json.response) ? json.response : {};
    for (const key of RESPONSE_PARAMETERS) {
      const { min, max, source, default: fallback } = RESPONSE[key];
      if (assumed(source)) continue;
      const given = typeof response[key] === 'number' ? (response[key] as number) : fallback;
      if (given < min || given > max) continue;
      out.push({ path: `response.${key}`, distribution: pertOn(min, max, given), source: `${source} (src/care/response.ts; beta-PERT on the sourced range, mode at the value used)` });
    }
  }
  const payment = isObject(json.payment) ? json.payment : {};
  const components = Array.isArray(payment.components) ? payment.components : [];
  components.forEach((c, i) => {
    if (!isObject(c) || typeof c.model !== 'string') return;
    const model = models[c.model];
    if (model === undefined) return;
    const given = isObject(c.parameters) ? c.parameters : {};
    for (const [name, parameter] of Object.entries(model.parameters)) {
      const range = parameter.range;
      if (range === undefined || assumed(range.source)) continue;
      const value = typeof given[name] === 'number' ? (given[name] as number) : parameter.default;
      // A value outside the range is the scenario's own evidence: varying it over the range would overrule it.
      if (typeof value !== 'number' || value < range.low || value > range.high) continue;
      out.push({
        path: `payment.components[${i}].parameters.${name}`,
        distribution: pertOn(range.low, range.high, value),
        source: `${range.source} (models/${model.id}.json; beta-PERT on the sourced range, mode at the value used)`,
      });
    }
  });
  return out;
}
