/**
 * Parameter paths as the validator writes them (`payment.components[0].parameters.price`,
 * `care.effects.complex-low-capacity.admission`), read and written on the raw scenario JSON
 * before its payment models are expanded. A path the file leaves out still names a number when the
 * model has a default for it (a coordination effect from the evidence preset, a base rate, a
 * provider's altruism, a provider response of src/care/response.ts, a payment model's parameter): reading it gives that default and writing it
 * adds it to the file.
 */
import { GROUP_IDS, SERVICE_IDS, type NeedGroupId, type ServiceId } from '../domain.js';
import { BASE_RATES, EFFECTS } from '../care/parameters.js';
import { ADJUSTMENT_SPEED, ALTRUISM, RISK_AVERSION } from '../behaviour/parameters.js';
import { RESPONSE, type ResponseParameter } from '../care/response.js';
import type { PaymentModel } from '../scenario/types.js';

export type PathPart = string | number;
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The parts of a path; undefined when it is not one.
 * @example parsePath('payment.components[0].parameters.price') // ['payment', 'components', 0, 'parameters', 'price']
 */
export function parsePath(path: string): PathPart[] | undefined {
  const parts: PathPart[] = [];
  const re = /([A-Za-z0-9_-]+)|\[(\d+)\]|(\.)/gy;
  let expectKey = true;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    m = re.exec(path);
    if (m === null) return undefined;
    if (m[1] !== undefined) {
      if (!expectKey) return undefined;
      parts.push(m[1]);
      expectKey = false;
    } else if (m[2] !== undefined) {
      if (expectKey) return undefined;
      parts.push(Number(m[2]));
    } else {
      if (expectKey) return undefined;
      expectKey = true;
    }
    at = re.lastIndex;
  }
  return parts.length > 0 && !expectKey ? parts : undefined;
}

/** A number written in the file at `parts`, or undefined. */
function written(json: unknown, parts: readonly PathPart[]): unknown {
  let v: unknown = json;
  for (const p of parts) {
    if (typeof p === 'number') v = Array.isArray(v) ? v[p] : undefined;
    else v = isObject(v) ? v[p] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

const BEHAVIOUR_DEFAULTS: Record<string, number> = { altruism: ALTRUISM.default, riskAversion: RISK_AVERSION.default, adjustmentSpeed: ADJUSTMENT_SPEED.default, setupCost: 0 };

/** The model's value where the file says nothing, or undefined when the path names no parameter. */
function defaultAt(json: Json, parts: readonly PathPart[], models: Record<string, PaymentModel>): number | undefined {
  const [a, b, c, d, e] = parts;
  if (a === 'care' && (b === 'effects' || b === 'rates') && parts.length === 4 && GROUP_IDS.includes(c as NeedGroupId) && SERVICE_IDS.includes(d as ServiceId)) {
    const care = isObject(json.care) ? json.care : {};
    const evidence = care.evidence === 'controlled-trials' ? 'controlled-trials' : 'local-follow-ups';
    const table = b === 'effects' ? EFFECTS[evidence] : BASE_RATES;
    return table[c as NeedGroupId][d as ServiceId] ?? 0;
  }
  if (a === 'response' && parts.length === 2 && typeof b === 'string' && Object.hasOwn(RESPONSE, b)) return RESPONSE[b as ResponseParameter].default;
  if (a === 'providers' && typeof b === 'number' && c === 'behaviour' && parts.length === 4 && typeof d === 'string' && d in BEHAVIOUR_DEFAULTS) {
    return Array.isArray(json.providers) && isObject(json.providers[b]) ? BEHAVIOUR_DEFAULTS[d] : undefined;
  }
  if (a === 'payment' && b === 'components' && typeof c === 'number' && d === 'parameters' && typeof e === 'string' && parts.length === 5) {
    const component = written(json, ['payment', 'components', c]);
    const model = isObject(component) && typeof component.model === 'string' ? models[component.model] : undefined;
    const value = model?.parameters[e]?.default;
    return typeof value === 'number' ? value : undefined;
  }
  return undefined;
}

/**
 * The number at a path of raw scenario JSON (written there, or the model's default), or undefined
 * when the path names no number.
 * @example getParameter(json, 'care.substitution') // 0.5
 */
export function getParameter(json: unknown, path: string, models: Record<string, PaymentModel> = {}): number | undefined {
  const parts = parsePath(path);
  if (parts === undefined || !isObject(json)) return undefined;
  const v = written(json, parts);
  if (v !== undefined) return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  return defaultAt(json, parts, models);
}

/**
 * A copy of raw scenario JSON with the number at `path` replaced (objects on the way created where
 * the file left them out). Throws when the path names no number.
 * @example setParameter(json, 'payment.components[0].parameters.price', 32000)
 */
export function setParameter<T>(json: T, path: string, value: number, models: Record<string, PaymentModel> = {}): T {
  const copy = structuredClone(json);
  setInPlace(copy, path, value, models);
  return copy;
}

/**
 * Like setParameter, on the object itself (for many parameters on one copy).
 * @example setInPlace(copy, 'care.substitution', 0.3)
 */
export function setInPlace(json: unknown, path: string, value: number, models: Record<string, PaymentModel> = {}): void {
  if (getParameter(json, path, models) === undefined) throw new Error(`${path}: not a numeric parameter of this scenario`);
  const parts = parsePath(path)!;
  let v = json as Json | unknown[];
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i];
    const next = (v as Record<string | number, unknown>)[p];
    if (next === undefined) (v as Record<string | number, unknown>)[p] = {};
    v = (v as Record<string | number, unknown>)[p] as Json;
  }
  (v as Record<string | number, unknown>)[parts[parts.length - 1]] = value;
}
