/**
 * Payment models (`models/*.json`): documented, parameterised sets of components that a scenario
 * uses by reference — `{ "model": "drg", "id": "hospital-drg", "parameters": { "price": 30000 } }`.
 * Expansion happens before component validation, so expanded components are validated like any
 * other, under a path that says where they came from. No file access here: this runs in browsers.
 */
import { type Issue, IssueList, indexPath, keyPath } from './issues.js';
import { isObject, type JsonObject, Reader, suggest, typeName, validateTranslations } from './validate-core.js';
import { asText, interpolate, INTERPOLATION } from './texts.js';
import type { ModelParameter, PaymentModel } from './types.js';

/** A component after expansion, with the path to report its problems under. */
export interface ExpandedComponent {
  component: unknown;
  path: string;
}

export interface Expansion {
  components: ExpandedComponent[];
  errors: Issue[];
}

const REFERENCE_KEYS = { required: ['model', 'id'], optional: ['parameters'] } as const;
const MODEL_KEYS = { required: ['id', 'title', 'description', 'source', 'parameters', 'components'], optional: ['translations'] } as const;
const PARAMETER_KEYS = { required: ['description'], optional: ['unit', 'default', 'min', 'max', 'range'] } as const;
const RANGE_KEYS = { required: ['low', 'high', 'source'], optional: [] } as const;
/** A whole string "$name" is replaced by the parameter's value, of whatever type. */
const PLACEHOLDER = /^\$([A-Za-z_][A-Za-z0-9_]*)$/;
/** "${name}" inside these keys is replaced by the value as text. */
const INTERPOLATED_KEYS = ['id', 'label', 'description'];
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** @example isModelReference({ model: 'drg', id: 'h' }) // true */
export function isModelReference(value: unknown): value is JsonObject {
  return isObject(value) && 'model' in value;
}

function isNumeric(parameter: ModelParameter): boolean {
  return typeof parameter.default === 'number' || parameter.min !== undefined || parameter.max !== undefined;
}

function substitute(node: unknown, values: ReadonlyMap<string, unknown>, key?: string): unknown {
  if (typeof node === 'string') {
    const whole = PLACEHOLDER.exec(node);
    if (whole !== null && values.has(whole[1])) return structuredClone(values.get(whole[1]));
    if (key === undefined || !INTERPOLATED_KEYS.includes(key)) return node;
    // An id keeps the values as written; a label or description says them in words (English, the files' own language).
    return interpolate(node, values, key === 'id' ? undefined : 'en');
  }
  if (Array.isArray(node)) return node.map((item) => substitute(item, values));
  if (isObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substitute(v, values, k)]));
  return node;
}

/** The parameter values of a reference, defaults filled in; undefined if any is missing or wrong. */
function parameterValues(r: Reader, ref: JsonObject, path: string, model: PaymentModel): Map<string, unknown> | undefined {
  const errorsBefore = r.issues.errors.length;
  const parametersPath = keyPath(path, 'parameters');
  const given = r.object(ref.parameters ?? {}, parametersPath) ?? {};
  const declared = Object.keys(model.parameters);
  for (const name of Object.keys(given)) {
    if (declared.includes(name)) continue;
    r.issues.error(keyPath(parametersPath, name), 'unknownParameter', { name, model: model.id, suggestion: suggest(name, declared), declared });
  }
  const values = new Map<string, unknown>();
  for (const [name, parameter] of Object.entries(model.parameters)) {
    const at = keyPath(parametersPath, name);
    const value = Object.hasOwn(given, name) ? given[name] : parameter.default;
    if (value === undefined) {
      r.issues.error(at, 'parameterRequired', { model: model.id });
    } else if (isNumeric(parameter)) {
      r.number(value, at, { min: parameter.min, max: parameter.max });
    } else if (typeof value !== 'string' && !Array.isArray(value)) {
      r.issues.error(at, 'notStringOrList', { got: typeName(value) });
    }
    values.set(name, value);
  }
  return r.issues.errors.length === errorsBefore ? values : undefined;
}

/**
 * Expand one model reference into its components (none if the reference has errors, which are recorded).
 * @example expandReference(reader, { model: 'drg', id: 'h', parameters: { payee: 'hospital' } }, 'payment.components[2]', models)
 */
export function expandReference(r: Reader, ref: JsonObject, path: string, models: Record<string, PaymentModel>): ExpandedComponent[] {
  r.keys(ref, path, REFERENCE_KEYS);
  const prefix = r.id(ref.id, keyPath(path, 'id'));
  const known = Object.keys(models);
  const modelPath = keyPath(path, 'model');
  let name: string | undefined;
  if (known.length === 0 && typeof ref.model === 'string') r.issues.error(modelPath, 'noModelsLoaded', { model: ref.model });
  else name = r.reference(ref.model, modelPath, known, 'model');
  const model = name === undefined ? undefined : models[name];
  if (model === undefined) return [];
  const values = parameterValues(r, ref, path, model);
  if (values === undefined || prefix === undefined) return [];
  return model.components.map((template, j) => {
    const component = substitute(template, values) as JsonObject;
    return { component: { ...component, id: `${prefix}.${asText(component.id)}` }, path: `${path}(model ${model.id}).components[${j}]` };
  });
}

/**
 * Replace every model reference in a component list by the components it stands for.
 * @example expandModels([{ model: 'drg', id: 'h', parameters: { payee: 'hospital' } }], models).components[0].component.id // 'h.drg'
 */
export function expandModels(components: readonly unknown[], models: Record<string, PaymentModel>, path = 'payment.components'): Expansion {
  const r = new Reader(new IssueList());
  const expanded = components.flatMap((entry, i): ExpandedComponent[] => {
    const at = indexPath(path, i);
    return isModelReference(entry) ? expandReference(r, entry, at, models) : [{ component: entry, path: at }];
  });
  return { components: expanded, errors: r.issues.errors };
}

/** Record every "$name" and "${name}" a template uses, and report names that are not declared. */
function collectUses(r: Reader, node: unknown, path: string, declared: readonly string[], used: Set<string>, key?: string): void {
  const use = (name: string): void => {
    used.add(name);
    if (!declared.includes(name)) r.issues.error(path, 'undeclaredParameter', { name, suggestion: suggest(name, declared) });
  };
  if (typeof node === 'string') {
    const whole = PLACEHOLDER.exec(node);
    if (whole !== null) use(whole[1]);
    else if (key !== undefined && INTERPOLATED_KEYS.includes(key)) for (const match of node.matchAll(INTERPOLATION)) use(match[1]);
  } else if (Array.isArray(node)) {
    node.forEach((item, i) => collectUses(r, item, indexPath(path, i), declared, used));
  } else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) collectUses(r, v, keyPath(path, k), declared, used, k);
  }
}

function checkParameter(r: Reader, value: unknown, path: string): void {
  const parameter = r.object(value, path, PARAMETER_KEYS);
  if (parameter === undefined) return;
  r.string(parameter.description, keyPath(path, 'description'));
  r.string(parameter.unit, keyPath(path, 'unit'));
  const min = r.number(parameter.min, keyPath(path, 'min'));
  const max = r.number(parameter.max, keyPath(path, 'max'));
  if (min !== undefined && max !== undefined && max < min) r.issues.error(keyPath(path, 'max'), 'maxBelowMin', { min, got: max });
  const fallback = parameter.default;
  const defaultPath = keyPath(path, 'default');
  let fits = typeof fallback === 'number' ? fallback : undefined;
  if (min !== undefined || max !== undefined) fits = r.number(fallback, defaultPath, { min, max });
  else if (fallback !== undefined && typeof fallback !== 'number' && typeof fallback !== 'string' && !Array.isArray(fallback)) {
    r.issues.error(defaultPath, 'notNumberStringOrList', { got: typeName(fallback) });
  }
  if (parameter.range !== undefined) checkRange(r, parameter.range, keyPath(path, 'range'), { min, max }, fits);
}

/** A sourced range: inside min–max, low ≤ high, and the default (if a number) inside it. */
function checkRange(r: Reader, value: unknown, path: string, bounds: { min?: number; max?: number }, fallback: number | undefined): void {
  const range = r.object(value, path, RANGE_KEYS);
  if (range === undefined) return;
  const source = r.string(range.source, keyPath(path, 'source'));
  if (source !== undefined && source.trim() === '') r.issues.error(keyPath(path, 'source'), 'notEmpty', {});
  const low = r.number(range.low, keyPath(path, 'low'), bounds);
  const high = r.number(range.high, keyPath(path, 'high'), bounds);
  if (low !== undefined && high !== undefined && high <= low) r.issues.error(keyPath(path, 'high'), 'uniformOrder', { min: low, got: high });
  else if (low !== undefined && high !== undefined && fallback !== undefined && (fallback < low || fallback > high)) r.issues.error(path, 'defaultOutsideRange', { low, high, got: fallback });
}

/**
 * Check a payment model file's JSON; issue paths start with `source` ("models/drg.json: parameters.price.min").
 * @example validateModel(JSON.parse(text), 'models/drg.json').ok // true
 */
export function validateModel(json: unknown, source = 'model'): { ok: true; model: PaymentModel } | { ok: false; errors: Issue[] } {
  const r = new Reader(new IssueList());
  const model = r.object(json, '', MODEL_KEYS);
  if (model !== undefined) {
    r.id(model.id, 'id');
    for (const key of ['title', 'description', 'source']) r.string(model[key], key);
    const parameters = r.object(model.parameters, 'parameters') ?? {};
    for (const [name, parameter] of Object.entries(parameters)) {
      const at = keyPath('parameters', name);
      if (!PARAMETER_NAME.test(name)) r.issues.error(at, 'parameterName', { name });
      checkParameter(r, parameter, at);
    }
    const declared = Object.keys(parameters);
    const used = new Set<string>();
    const ids: string[] = [];
    r.array(model.components, 'components', { nonEmpty: true })?.forEach((template, i) => {
      const at = indexPath('components', i);
      const component = r.object(template, at);
      if (component === undefined) return;
      if ('model' in component) r.issues.error(keyPath(at, 'model'), 'nestedModel', {});
      if (component.id === undefined) r.issues.error(keyPath(at, 'id'), 'required', {});
      const id = r.id(component.id, keyPath(at, 'id'));
      if (id !== undefined && ids.includes(id)) r.issues.error(keyPath(at, 'id'), 'duplicateId', { id });
      if (id !== undefined) ids.push(id);
      collectUses(r, component, at, declared, used);
    });
    for (const name of declared) {
      if (!used.has(name)) r.issues.error(keyPath('parameters', name), 'unusedParameter', {});
    }
    for (const [texts, at] of validateTranslations(r, model.translations, 'translations', ['title', 'description'], ['parameters', 'labels'])) {
      const parametersPath = keyPath(at, 'parameters');
      for (const [, text, textPath] of r.entries(texts.parameters, parametersPath, declared, 'parameter')) r.string(text, textPath);
      for (const [, text, textPath] of r.entries(texts.labels, keyPath(at, 'labels'), ids, 'component')) r.string(text, textPath);
    }
  }
  const errors = r.issues.errors.map((issue) => ({ ...issue, path: issue.path === '' ? source : `${source}: ${issue.path}` }));
  return errors.length === 0 ? { ok: true, model: json as PaymentModel } : { ok: false, errors };
}
