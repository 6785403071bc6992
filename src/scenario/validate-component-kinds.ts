/** The fields that belong to one kind of payment component (fixed, variable, goal, episode, value). */
import { SERVICE_IDS, type ServiceId } from '../domain.js';
import { BONUS_CURVE_NAMES, bonusCurveRanges, compileFormula, formulaProblem, formulaRangeProblem, type FormulaRanges } from '../formula/sandbox.js';
import { indexPath, keyPath } from './issues.js';
import { typeName, type JsonObject, type Reader } from './validate-core.js';
import { msg } from '../messages/index.js';
import type { ScenarioIndex } from './validate-parties.js';
import type { ComponentKind, IndicatorId } from './types.js';

/** Keys each kind adds to the common ones. */
export const KIND_KEYS: Record<ComponentKind, { required: readonly string[]; optional: readonly string[] }> = {
  fixed: { required: ['basis', 'amount'], optional: ['population'] },
  variable: { required: ['service', 'pricing', 'price'], optional: [] },
  goal: { required: ['indicator', 'target', 'amount'], optional: ['baseline', 'perPerson', 'curve', 'deduction', 'scope'] },
  episode: { required: ['trigger', 'price', 'windowMonths', 'includedServices'], optional: [] },
  value: { required: ['trigger', 'price', 'windowMonths', 'includedServices', 'outcomes'], optional: [] },
};
export const COMPONENT_KINDS = Object.keys(KIND_KEYS) as ComponentKind[];

/** Indicators, and whether each is a share (so its target lies in [0, 1]) or a rate per person-year. */
const INDICATORS: Record<IndicatorId, { share: boolean }> = {
  carePlanShare: { share: true },
  readmissionRate: { share: true }, // readmissions within 30 days per admission
  patientCoordination: { share: true },
  avoidableAdmissionRate: { share: false },
  edVisitRate: { share: false },
  adlIndependentShare: { share: true },
  directToStrokeUnitShare: { share: true },
};
const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];
const FIXED_BASES = ['lump', 'per-person', 'per-place'] as const;
const PRICING = ['fee', 'drg', 'cost'] as const;
const DRG_SERVICES: readonly ServiceId[] = ['admission', 'readmission'];
const VALUE_OUTCOMES = ['adlIndependent', 'directToStrokeUnit'] as const;
const OUTCOME_KEYS = { required: ['indicator', 'reference', 'valuePerPoint'] } as const;

/**
 * Check a formula field, over its variables' `ranges` when given (no division by zero, NaN or
 * Infinity there; a `weight` also not negative); returns the variable names it uses, or undefined
 * if it is not usable.
 * @example formulaNames(reader, 'value >= target', 'payment.components[3].curve', BONUS_CURVE_NAMES) // ['target', 'value']
 */
export function formulaNames(
  r: Reader,
  value: unknown,
  path: string,
  names: readonly string[],
  check?: { ranges: FormulaRanges; weight?: boolean },
): readonly string[] | undefined {
  const source = r.string(value, path);
  if (source === undefined) return undefined;
  const problem = check === undefined ? formulaProblem(source, names) : formulaRangeProblem(source, names, check.ranges, check);
  if (problem !== null) {
    r.issues.errorMessage(path, problem);
    return undefined;
  }
  return compileFormula(source, names, path).names;
}

/** A list of distinct service ids. */
function serviceList(r: Reader, value: unknown, path: string): ServiceId[] {
  const list = r.array(value, path, { nonEmpty: true }) ?? [];
  const found: ServiceId[] = [];
  list.forEach((item, i) => {
    const service = r.oneOf(item, indexPath(path, i), SERVICE_IDS);
    if (service !== undefined && found.includes(service)) r.issues.error(indexPath(path, i), 'listedTwice', { id: service });
    else if (service !== undefined) found.push(service);
  });
  return found;
}

/** @example checkFixed(reader, component, 'payment.components[0]', index) */
export function checkFixed(r: Reader, c: JsonObject, path: string, index: ScenarioIndex): void {
  const basis = r.oneOf(c.basis, keyPath(path, 'basis'), FIXED_BASES);
  r.number(c.amount, keyPath(path, 'amount'), { min: 0 });
  if (c.population !== undefined && basis !== undefined && basis !== 'per-person') {
    r.issues.error(keyPath(path, 'population'), 'populationOnlyPerPerson', { basis });
  } else {
    r.oneOf(c.population, keyPath(path, 'population'), ['listed', 'served']);
  }
  if (basis !== 'per-person' && basis !== undefined && c.weight !== undefined) {
    r.issues.error(keyPath(path, 'weight'), 'weightNeedsPerPerson', { basis });
  }
  const payee = typeof c.payee === 'string' ? index.providers.get(c.payee) : undefined;
  if (basis === 'per-place' && payee !== undefined && payee.places === undefined) {
    r.issues.error(keyPath(path, 'payee'), 'perPlaceNeedsPlaces', { path: payee.path });
  }
}

/** Returns the services the component pays for (those that are valid). @example checkVariable(reader, component, path) // ['primaryVisit'] */
export function checkVariable(r: Reader, c: JsonObject, path: string): ServiceId[] {
  const servicePath = keyPath(path, 'service');
  let services: ServiceId[] = [];
  if (Array.isArray(c.service)) services = serviceList(r, c.service, servicePath);
  else if (typeof c.service === 'string') {
    const service = r.oneOf(c.service, servicePath, SERVICE_IDS);
    if (service !== undefined) services = [service];
  } else if (c.service !== undefined) r.issues.error(servicePath, 'notServiceOrList', { got: typeName(c.service) });
  const pricing = r.oneOf(c.pricing, keyPath(path, 'pricing'), PRICING);
  const pricePath = keyPath(path, 'price');
  if (pricing === 'cost') {
    r.number(c.price, pricePath, { min: 0, max: 1, rangeMessage: (v) => msg('costShareRange', { got: v }) });
  } else {
    r.number(c.price, pricePath, { min: 0 });
  }
  const notDrg = services.filter((s) => !DRG_SERVICES.includes(s));
  if (pricing === 'drg' && notDrg.length > 0) {
    r.issues.error(servicePath, 'drgOnly', { allowed: DRG_SERVICES, not: notDrg });
  }
  return services;
}

/** @example checkGoal(reader, component, 'payment.components[3]') */
export function checkGoal(r: Reader, c: JsonObject, path: string): void {
  const indicator = r.oneOf(c.indicator, keyPath(path, 'indicator'), INDICATOR_IDS);
  const range = indicator !== undefined && INDICATORS[indicator].share ? { min: 0, max: 1 } : { min: 0 };
  r.number(c.target, keyPath(path, 'target'), range);
  r.number(c.baseline, keyPath(path, 'baseline'), range);
  r.number(c.amount, keyPath(path, 'amount'), {
    min: 0,
    rangeMessage: (v) => msg('deductionRange', { got: v }),
  });
  r.boolean(c.perPerson, keyPath(path, 'perPerson'));
  r.boolean(c.deduction, keyPath(path, 'deduction'));
  r.oneOf(c.scope, keyPath(path, 'scope'), ['payee', 'system']);
  // The curve is checked over the indicator's scale with the contract's own target and baseline.
  const target = typeof c.target === 'number' ? c.target : undefined;
  const baseline = typeof c.baseline === 'number' ? c.baseline : undefined;
  const needsMissingBaseline = baseline === undefined && typeof c.curve === 'string' && /\bbaseline\b/.test(c.curve);
  const ranges = target === undefined || needsMissingBaseline ? undefined : bonusCurveRanges(range.max === 1, target, baseline ?? target);
  const used = formulaNames(r, c.curve, keyPath(path, 'curve'), BONUS_CURVE_NAMES, ranges && { ranges });
  if (used?.includes('baseline') === true && c.baseline === undefined) {
    r.issues.error(keyPath(path, 'curve'), 'curveNeedsBaseline', {});
  }
}

/** Returns the window in months if valid. @example checkEpisode(reader, component, path, 'value') // 3 */
export function checkEpisode(r: Reader, c: JsonObject, path: string, kind: 'episode' | 'value'): number | undefined {
  r.oneOf(c.trigger, keyPath(path, 'trigger'), ['admission']);
  r.number(c.price, keyPath(path, 'price'), { min: 0 });
  const window = r.number(c.windowMonths, keyPath(path, 'windowMonths'), { min: 1, integer: true });
  serviceList(r, c.includedServices, keyPath(path, 'includedServices'));
  if (kind === 'value') {
    const outcomesPath = keyPath(path, 'outcomes');
    const seen: string[] = [];
    r.array(c.outcomes, outcomesPath, { nonEmpty: true })?.forEach((item, i) => {
      const at = indexPath(outcomesPath, i);
      const outcome = r.object(item, at, OUTCOME_KEYS);
      if (outcome === undefined) return;
      const indicator = r.oneOf(outcome.indicator, keyPath(at, 'indicator'), VALUE_OUTCOMES);
      if (indicator !== undefined && seen.includes(indicator)) r.issues.error(keyPath(at, 'indicator'), 'listedTwice', { id: indicator });
      if (indicator !== undefined) seen.push(indicator);
      r.share(outcome.reference, keyPath(at, 'reference'));
      r.number(outcome.valuePerPoint, keyPath(at, 'valuePerPoint'), { min: 0 });
    });
  }
  return window;
}
