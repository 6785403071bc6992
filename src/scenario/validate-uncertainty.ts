/**
 * The `uncertainty` section: an evidence preset and uncertain parameters, each a path to a number
 * of this scenario, a distribution whose every draw the parameter can take, a source and an
 * optional one-way low/high.
 */
import type { PaymentModel } from './types.js';
import { isObject, type JsonObject, type Reader } from './validate-core.js';
import { DISTRIBUTION_TYPES, quantile, type Distribution } from '../uncertainty/distributions.js';
import { getParameter, parsePath } from '../uncertainty/paths.js';
import { PRESETS, presetEvidence } from '../uncertainty/presets.js';

const UNCERTAINTY_KEYS = { required: [], optional: ['preset', 'parameters', 'modelRanges'] } as const;
const PARAMETER_KEYS = { required: ['path', 'distribution', 'source'], optional: ['low', 'high'] } as const;
const DISTRIBUTION_KEYS: Record<Distribution['type'], readonly string[]> = {
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd'],
  beta: ['alpha', 'beta', 'mean', 'sd'],
  gamma: ['shape', 'scale', 'mean', 'sd'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  pert: ['min', 'mode', 'max'],
  discrete: ['values', 'weights'],
};

/** The smallest and largest uniform a draw uses (distributions.ts moves [0, 1) half a step in). */
const EXTREME = 2 ** -33;

/** The range the validator allows at a path, as far as the uncertainty check needs it. */
function parameterRange(path: string, current: number): { min?: number; max?: number } {
  if (/^care\.(effects|coordination)\./.test(path) || /\.share$/.test(path)) return { min: 0, max: 1 };
  if (/^care\.intensity\./.test(path)) return { min: 0, max: 3 };
  if (path === 'care.substitution') return { max: 1 };
  return current >= 0 ? { min: 0 } : {};
}

/** Checks the distribution's own parameters; true when it can be drawn from. */
function checkDistribution(r: Reader, value: unknown, path: string): Distribution | undefined {
  const d = r.object(value, path);
  if (d === undefined) return undefined;
  const type = r.oneOf(d.type, `${path}.type`, DISTRIBUTION_TYPES);
  if (type === undefined) {
    if (d.type === undefined) r.issues.error(`${path}.type`, 'required', {});
    return undefined;
  }
  r.keys(d, path, { required: ['type'], optional: DISTRIBUTION_KEYS[type] });
  const before = r.issues.errors.length;
  const num = (key: string) => r.number(d[key], `${path}.${key}`);
  const positive = (key: string) => {
    const v = num(key);
    if (v !== undefined && v <= 0) r.issues.error(`${path}.${key}`, 'mustBePositive', { got: v });
    return v;
  };
  const needs = (keys: string[], forms: string) => {
    if (keys.some((k) => d[k] === undefined)) r.issues.error(path, 'distributionForm', { type, forms });
  };
  switch (type) {
    case 'normal':
      needs(['mean', 'sd'], 'mean and sd');
      num('mean');
      r.number(d.sd, `${path}.sd`, { min: 0 });
      break;
    case 'lognormal':
      needs(['mean', 'sd'], 'mean and sd');
      positive('mean');
      r.number(d.sd, `${path}.sd`, { min: 0 });
      break;
    case 'beta':
    case 'gamma': {
      const [a, b] = type === 'beta' ? ['alpha', 'beta'] : ['shape', 'scale'];
      const shaped = d[a] !== undefined || d[b] !== undefined;
      if (shaped) {
        if (d[a] === undefined || d[b] === undefined || d.mean !== undefined || d.sd !== undefined) r.issues.error(path, 'distributionForm', { type, forms: `${a} and ${b}, or mean and sd` });
        positive(a);
        positive(b);
      } else {
        needs(['mean', 'sd'], `${a} and ${b}, or mean and sd`);
        const mean = type === 'beta' ? num('mean') : positive('mean');
        const sd = positive('sd');
        if (type === 'beta' && mean !== undefined && (mean <= 0 || mean >= 1)) r.issues.error(`${path}.mean`, 'betaMean', { got: mean });
        else if (type === 'beta' && mean !== undefined && sd !== undefined && sd > 0 && sd * sd >= mean * (1 - mean)) {
          r.issues.error(`${path}.sd`, 'betaSpread', { max: Number(Math.sqrt(mean * (1 - mean)).toPrecision(4)), got: sd });
        }
      }
      break;
    }
    case 'uniform': {
      needs(['min', 'max'], 'min and max');
      const min = num('min');
      const max = num('max');
      if (min !== undefined && max !== undefined && max <= min) r.issues.error(`${path}.max`, 'uniformOrder', { min, got: max });
      break;
    }
    case 'triangular':
    case 'pert': {
      needs(['min', 'mode', 'max'], 'min, mode and max');
      const min = num('min');
      const mode = num('mode');
      const max = num('max');
      if (min !== undefined && max !== undefined && max <= min) r.issues.error(`${path}.max`, 'uniformOrder', { min, got: max });
      else if (min !== undefined && max !== undefined && mode !== undefined && (mode < min || mode > max)) r.issues.error(`${path}.mode`, 'triangularMode', { min, max, got: mode });
      break;
    }
    case 'discrete': {
      needs(['values'], 'values');
      const values = r.array(d.values, `${path}.values`, { nonEmpty: true });
      values?.forEach((v, i) => r.number(v, `${path}.values[${i}]`));
      const weights = r.array(d.weights, `${path}.weights`);
      if (weights && values && weights.length !== values.length) r.issues.error(`${path}.weights`, 'discreteWeights', { values: values.length, got: weights.length });
      weights?.forEach((w, i) => r.number(w, `${path}.weights[${i}]`, { min: 0 }));
      if (weights?.every((w) => w === 0)) r.issues.error(`${path}.weights`, 'weightsSum', {});
      break;
    }
  }
  return r.issues.errors.length === before ? (d as unknown as Distribution) : undefined;
}

/**
 * Check `uncertainty` against the raw scenario (model references not yet expanded).
 * @example validateUncertainty(reader, json, models)
 */
export function validateUncertainty(r: Reader, doc: JsonObject, models: Record<string, PaymentModel>): void {
  const u = r.object(doc.uncertainty, 'uncertainty', UNCERTAINTY_KEYS);
  if (u === undefined) return;
  const preset = r.oneOf(u.preset, 'uncertainty.preset', PRESETS);
  r.boolean(u.modelRanges, 'uncertainty.modelRanges');
  const evidence = isObject(doc.care) ? doc.care.evidence : undefined;
  const runsWith = preset && presetEvidence(preset);
  if (runsWith && typeof evidence === 'string' && evidence !== runsWith) r.issues.error('uncertainty.preset', 'presetEvidenceClash', { preset: runsWith, evidence });
  const seen = new Map<string, string>();
  r.array(u.parameters, 'uncertainty.parameters')?.forEach((item, i) => {
    const at = `uncertainty.parameters[${i}]`;
    const p = r.object(item, at, PARAMETER_KEYS);
    if (p === undefined) return;
    r.string(p.source, `${at}.source`);
    const path = r.string(p.path, `${at}.path`);
    let current: number | undefined;
    if (path !== undefined) {
      if (parsePath(path) === undefined) r.issues.error(`${at}.path`, 'uncertainPath', { text: path });
      else if ((current = getParameter(doc, path, models)) === undefined) r.issues.error(`${at}.path`, 'uncertainNotNumber', { text: path });
      else if (seen.has(path)) r.issues.error(`${at}.path`, 'uncertainDuplicate', { text: path, first: seen.get(path)! });
      else seen.set(path, at);
    }
    const range = path !== undefined && current !== undefined ? parameterRange(path, current) : {};
    const inRange = (v: number) => (range.min === undefined || v >= range.min) && (range.max === undefined || v <= range.max);
    const d = checkDistribution(r, p.distribution, `${at}.distribution`);
    if (d && current !== undefined) {
      const lo = quantile(d, EXTREME);
      const hi = quantile(d, 1 - EXTREME);
      if (!inRange(lo) || !inRange(hi)) r.issues.error(`${at}.distribution`, 'distributionOutside', { lo: Number(lo.toPrecision(6)), hi: Number(hi.toPrecision(6)), ...range });
    }
    const rule = { min: range.min, max: range.max };
    const low = r.number(p.low, `${at}.low`, rule);
    const high = r.number(p.high, `${at}.high`, rule);
    if (low !== undefined && high !== undefined && high < low) r.issues.error(`${at}.high`, 'lowAboveHigh', { low, got: high });
  });
}
