/**
 * Goal-based pay (målrelaterad ersättning): a bonus (or a deduction) by how far an indicator
 * reaches its target over a settlement period — per period, or per (weighted) person-year of the
 * payee's people; measured on the payee's own people or on the whole system (aggregation).
 */
import { O, S } from '../../domain.js';
import { OUTCOME } from '../../engine/activity.js';
import { BONUS_CURVE_NAMES, bonusCurveRanges, compileFormula } from '../../formula/sandbox.js';
import { MAX_YEARLY_AMOUNT_KR } from '../../limits.js';
import { msg } from '../../messages/index.js';
import type { GoalComponent, IndicatorId } from '../../scenario/types.js';
import type { ComponentView, FieldUnit, KindDescription, PaymentKind, RowCursor } from './kind.js';
import { rowSpending, spendingPrices } from './spending.js';
import { formulaNames } from './fields.js';
import { meanPersonWeight } from './rows.js';
import { INDICATOR_LABELS } from './indicators.js';

/** Indicators, and whether each is a share (so its target lies in [0, 1]) or a rate per person-year. */
export const INDICATORS: Record<IndicatorId, { share: boolean; lowerIsBetter: boolean; unit?: FieldUnit }> = {
  carePlanShare: { share: true, lowerIsBetter: false },
  readmissionRate: { share: true, lowerIsBetter: true }, // readmissions within 30 days per admission
  patientCoordination: { share: true, lowerIsBetter: false },
  avoidableAdmissionRate: { share: false, lowerIsBetter: true },
  edVisitRate: { share: false, lowerIsBetter: true },
  adlIndependentShare: { share: true, lowerIsBetter: false },
  directToStrokeUnitShare: { share: true, lowerIsBetter: false },
  // Spending on care per member-month at the model's unit costs, every provider (spending.ts).
  spendingPerMember: { share: false, lowerIsBetter: true, unit: 'kr/member-month' },
};
const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];

/** A target or baseline is a share for share indicators, spending in kr per member-month, a rate per 1,000 person-years for the others. */
export const INDICATOR_UNIT = { key: 'indicator', units: Object.fromEntries(INDICATOR_IDS.map((id) => [id, INDICATORS[id].unit ?? (INDICATORS[id].share ? 'share' : 'per 1,000 person-years')])) as Record<string, FieldUnit> };

const PEOPLE = OUTCOME + O.personMonths;
const EPISODES = OUTCOME + O.episodes;

/**
 * Numerator and denominator of an indicator in one row; summed over rows and divided, they give
 * the indicator over those rows. Spending needs the row's place (`at`: its model, catchment and group).
 * @example indicatorTerms('readmissionRate', d, row) // [readmissions, admissions]
 */
export function indicatorTerms(indicator: IndicatorId, d: Float64Array, row: number, at?: Pick<RowCursor, 'model' | 'catchment' | 'group'>): [number, number] {
  const people = d[row + PEOPLE];
  switch (indicator) {
    case 'spendingPerMember':
      if (!at) throw new Error('indicatorTerms: spending per member needs the row’s catchment and group');
      return [rowSpending(spendingPrices(at.model, null), d, row, at.catchment, at.group), people];
    case 'carePlanShare':
      return [d[row + OUTCOME + O.carePlans], people];
    case 'patientCoordination':
      return [d[row + OUTCOME + O.coordinationExperienced], people];
    case 'readmissionRate':
      return [d[row + S.readmission], d[row + S.admission]];
    case 'avoidableAdmissionRate':
      return [d[row + OUTCOME + O.avoidableAdmissions] * 12000, people];
    case 'edVisitRate':
      return [d[row + S.edVisit] * 12000, people];
    case 'adlIndependentShare':
      return [d[row + OUTCOME + O.adlIndependent], d[row + EPISODES]];
    case 'directToStrokeUnitShare':
      return [d[row + OUTCOME + O.directToStrokeUnit], d[row + EPISODES]];
  }
}

/**
 * Attainment in [0, 1] of a goal at an indicator value: the payer's curve, or a step at the target.
 * An indicator with nothing to measure (no admissions for a readmission rate) attains nothing.
 * @example attainment(view, 0.12)
 */
export function attainment(c: ComponentView<GoalComponent>, value: number): number {
  const spec = c.spec;
  if (Number.isNaN(value)) return 0;
  if (c.own.curve) return Math.min(1, Math.max(0, c.own.curve({ value, target: spec.target, baseline: spec.baseline ?? spec.target })));
  return INDICATORS[spec.indicator].lowerIsBetter ? (value <= spec.target ? 1 : 0) : value >= spec.target ? 1 : 0;
}

const ALL = new WeakMap<Uint8Array, Uint8Array>();
/** Catchments whose rows make the indicator: the payee's, or every one for a system-wide goal. */
function indicatorScope(c: ComponentView<GoalComponent>): Uint8Array {
  if (c.spec.scope !== 'system') return c.scope;
  let all = ALL.get(c.scope);
  if (!all) ALL.set(c.scope, (all = new Uint8Array(c.scope.length).fill(1)));
  return all;
}

/** Catchments whose people a per-person bonus counts: those listed with the payee, or else those it serves. */
const PAID = new WeakMap<Uint8Array, Uint8Array>();
function paidScope(c: ComponentView): Uint8Array {
  let paid = PAID.get(c.listed);
  if (!paid) PAID.set(c.listed, (paid = c.listed.some((x) => x === 1) ? c.listed : c.scope));
  return paid;
}

/** The goal kind as people read it: its fields, for the validator, the editor and the docs. */
export const description: KindDescription = {
  kind: 'goal',
  label: { en: 'Goal-based (bonus or deduction)', sv: 'Målrelaterad ersättning (bonus eller avdrag)' },
  help: {
    en: 'A bonus (or a deduction) by how far an indicator reaches its target in each settlement period.',
    sv: 'En bonus (eller ett avdrag) efter hur väl en indikator når sitt mål under varje avräkningsperiod.',
  },
  fields: [
    {
      key: 'indicator',
      type: 'choice',
      required: true,
      values: INDICATOR_IDS,
      label: { en: 'Indicator', sv: 'Indikator' },
      valueLabels: INDICATOR_LABELS,
      help: { en: 'What is measured.', sv: 'Vad som mäts.' },
    },
    {
      key: 'target',
      lever: true,
      type: 'number',
      required: true,
      unit: 'rate',
      label: { en: 'Target', sv: 'Målvärde' },
      unitBy: INDICATOR_UNIT,
      min: 0,
      help: {
        en: 'The value that earns the full amount (a share 0–1, a rate per 1,000 person-years, or kr per member-month for spending).',
        sv: 'Värdet som ger hela beloppet (en andel 0–1, en takt per 1 000 personår, eller kr per listningsmånad för kostnader).',
      },
    },
    {
      key: 'baseline',
      type: 'number',
      required: false,
      unit: 'rate',
      label: { en: 'Baseline', sv: 'Utgångsläge' },
      unitBy: INDICATOR_UNIT,
      min: 0,
      help: { en: 'The indicator before the contract; a curve may pay for progress from it.', sv: 'Indikatorn före avtalet; en kurva kan betala för framsteg från den.' },
    },
    {
      key: 'amount',
      lever: true,
      type: 'number',
      required: true,
      unit: 'kr/period',
      label: { en: 'Bonus at full attainment', sv: 'Bonus vid full måluppfyllelse' },
      labelWhen: { key: 'deduction', label: { en: 'Deduction at zero attainment', sv: 'Avdrag vid noll måluppfyllelse' } },
      unitBy: { key: 'perPerson', units: { true: 'kr/person-year', false: 'kr/period' } },
      min: 0,
      max: MAX_YEARLY_AMOUNT_KR,
      help: { en: 'kr per settlement period at full attainment, or kr per person-year with perPerson.', sv: 'kr per avräkningsperiod vid full måluppfyllelse, eller kr per personår med perPerson.' },
    },
    { key: 'perPerson', type: 'boolean', required: false, default: false, label: { en: 'Amount is per person-year', sv: 'Beloppet gäller per personår' }, help: { en: 'The amount is per person-year of the payee’s people.', sv: 'Beloppet gäller per personår för mottagarens personer.' } },
    {
      key: 'curve',
      type: 'formula',
      required: false,
      label: { en: 'Attainment curve (optional; default: 1 when the target is met)', sv: 'Kurva för måluppfyllelse (valfri; standard: 1 när målet nås)' },
      help: {
        en: 'Attainment 0–1 as a formula of value, target and baseline; default: 1 when the target is met, else 0.',
        sv: 'Måluppfyllelse 0–1 som en formel av value, target och baseline; standard: 1 när målet nås, annars 0.',
      },
    },
    {
      key: 'deduction',
      type: 'boolean',
      required: false,
      default: false,
      label: { en: 'A deduction (the payee pays back what it misses)', sv: 'Ett avdrag (mottagaren betalar tillbaka det som inte nås)' },
      help: { en: 'The payee pays back amount × (1 − attainment) instead of receiving a bonus.', sv: 'Mottagaren betalar tillbaka belopp × (1 − måluppfyllelse) i stället för att få en bonus.' },
    },
    {
      key: 'scope',
      type: 'choice',
      required: false,
      values: ['payee', 'system'],
      default: 'payee',
      label: { en: 'Measured over', sv: 'Mäts över' },
      valueLabels: { payee: { en: 'The payee’s own patients', sv: 'Mottagarens egna patienter' }, system: { en: 'The whole system (aggregation)', sv: 'Hela systemet (aggregering)' } },
      help: { en: 'Measured over the payee’s own people, or over the whole system (aggregation).', sv: 'Mäts för mottagarens egna personer, eller för hela systemet (aggregering).' },
    },
  ],
  template: { indicator: 'readmissionRate', target: 0.1, amount: 0, settlement: 'year' },
};

export const goal: PaymentKind<GoalComponent> = {
  description,
  check(r, c, path) {
    const indicator = r.oneOf(c.indicator, `${path}.indicator`, INDICATOR_IDS);
    const range = indicator !== undefined && INDICATORS[indicator].share ? { min: 0, max: 1 } : { min: 0, max: 1e6 };
    const target = r.number(c.target, `${path}.target`, range);
    const baseline = r.number(c.baseline, `${path}.baseline`, range);
    r.number(c.amount, `${path}.amount`, { min: 0, max: MAX_YEARLY_AMOUNT_KR, rangeMessage: (v) => (v < 0 ? msg('deductionRange', { got: v }) : msg('range', { min: 0, max: MAX_YEARLY_AMOUNT_KR, got: v })) });
    r.boolean(c.perPerson, `${path}.perPerson`);
    r.boolean(c.deduction, `${path}.deduction`);
    r.oneOf(c.scope, `${path}.scope`, ['payee', 'system']);
    // The curve is checked over the indicator's scale with the contract's own target and baseline.
    const needsMissingBaseline = baseline === undefined && typeof c.curve === 'string' && /\bbaseline\b/.test(c.curve);
    const ranges = target === undefined || needsMissingBaseline ? undefined : bonusCurveRanges(range.max === 1, target, baseline ?? target);
    const used = formulaNames(r, c.curve, `${path}.curve`, BONUS_CURVE_NAMES, ranges && { ranges });
    if (used?.includes('baseline') === true && c.baseline === undefined) r.issues.error(`${path}.curve`, 'curveNeedsBaseline', {});
    // A curve that measures from baseline to target without dividing by their difference still says nothing when they are equal.
    else if (used?.includes('baseline') === true && baseline !== undefined && baseline === target) r.issues.error(`${path}.baseline`, 'baselineIsTarget', { value: baseline });
    if (c.timing === 'prospective') r.issues.error(`${path}.timing`, 'resultPayIsRetrospective', { kind: 'goal' });
    return { services: [] };
  },
  refuses(c, key) {
    if (key === 'weight' && c.perPerson !== true) return msg('lumpBonusHasNoPeople', {});
    return undefined;
  },
  compile: (spec, ctx) => ({ services: [], weightedColumn: -1, curve: spec.curve ? compileFormula(spec.curve, BONUS_CURVE_NAMES, `${ctx.path}.curve`) : null, covers: [] }),
  // Per slot: the indicator's numerator and denominator, and the (weighted) person-months paid for.
  width: 3,
  additive: false,
  readsRows: true,
  accrue(c, at, into) {
    const k = at.catchment;
    const o = at.slot * 3; // one receiver: the payee
    const s = into.sums;
    if (indicatorScope(c)[k]) {
      const [num, den] = indicatorTerms(c.spec.indicator, at.d, at.row, at);
      s[o] += at.times * num;
      s[o + 1] += at.times * den;
    }
    if (c.spec.perPerson && paidScope(c)[k]) s[o + 2] += at.times * at.d[at.row + PEOPLE] * meanPersonWeight(c, at.d, at.row, at.group, at.band, k);
  },
  // Indicator terms are sums of columns; only a person weight on per-person pay reads the band.
  bandFree: (c) => !(c.spec.perPerson && c.cellWeight),
  payout(c, acc, period, out) {
    const spec = c.spec;
    const s = acc.sums;
    let num = 0;
    let den = 0;
    for (let slot = 0; slot < acc.slots; slot++) {
      num += s[slot * 3];
      den += s[slot * 3 + 1];
    }
    const a = attainment(c, den > 0 ? num / den : NaN);
    const factor = spec.deduction ? -(1 - a) : a;
    acc.touched[0] = 1;
    if (!spec.perPerson) {
      out[period.lump] += spec.amount * factor;
      return;
    }
    for (let slot = 0; slot < acc.slots; slot++) out[slot] += (spec.amount / 12) * s[slot * 3 + 2] * factor;
  },
};

