/**
 * The fields every component has, whatever its kind: who pays, who is paid, which people count,
 * and the contract terms (dates, settlement, timing, and the limits of limits.ts). The validator
 * checks them from here; the editor shows them from here.
 */
import { compileFormula, formulaProblem, formulaRangeProblem, type FormulaRanges } from '../../formula/sandbox.js';
import { MAX_THRESHOLD_KR, MAX_YEARLY_AMOUNT_KR } from '../../limits.js';
import type { Reader } from '../../scenario/validate-core.js';
import type { FieldDescription } from './kind.js';

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

/** Fields every component has, in the order the editor shows them. */
export const COMMON_FIELDS: readonly FieldDescription[] = [
  { key: 'id', type: 'choice', required: true, help: { en: 'A short name, unique in the design.', sv: 'Ett kort namn, unikt i utformningen.' } },
  { key: 'payer', type: 'choice', required: true, help: { en: 'Who pays: one payer, or several with shares that sum to 1.', sv: 'Vem som betalar: en huvudman, eller flera med andelar som summerar till 1.' } },
  {
    key: 'payee',
    type: 'choice',
    required: true,
    help: {
      en: "Who is paid: a provider, a pool (shared among its members by its rule), or 'participants' (each provider taking part in a joint activity).",
      sv: "Vem som får betalt: en vårdgivare, en pool (delas mellan medlemmarna enligt dess regel) eller 'participants' (varje vårdgivare som deltar i en gemensam aktivitet).",
    },
  },
  { key: 'groups', type: 'choice', required: false, help: { en: 'Only people in these need groups count (default: all).', sv: 'Bara personer i dessa behovsgrupper räknas (standard: alla).' } },
  {
    key: 'weight',
    type: 'formula',
    required: false,
    help: {
      en: 'A weight per person, a formula of age, sex, group, conditions, acg and cni: it multiplies what the component pays per person, per unit or per episode.',
      sv: 'En vikt per person, en formel av age, sex, group, conditions, acg och cni: den multiplicerar det komponenten betalar per person, per enhet eller per episod.',
    },
  },
  { key: 'start', type: 'choice', required: false, help: { en: "First month paid, 'YYYY-MM' (default: from the start).", sv: "Första månaden som betalas, 'ÅÅÅÅ-MM' (standard: från början)." } },
  { key: 'end', type: 'choice', required: false, help: { en: "First month no longer paid, 'YYYY-MM' (default: never).", sv: "Första månaden som inte längre betalas, 'ÅÅÅÅ-MM' (standard: aldrig)." } },
  { key: 'settlement', type: 'choice', required: false, values: ['month', 'quarter', 'year'], default: 'month', help: { en: 'How often the component is settled.', sv: 'Hur ofta komponenten avräknas.' } },
  {
    key: 'timing',
    type: 'choice',
    required: false,
    values: ['prospective', 'retrospective'],
    default: 'retrospective',
    help: {
      en: 'Prospective: the amount or price is set beforehand (a fixed amount is paid at the start of the period; a price per case is paid per actual case). Retrospective: paid afterwards for what happened.',
      sv: 'Prospektiv: beloppet eller priset bestäms i förväg (ett fast belopp betalas i periodens början; ett pris per fall betalas per faktiskt fall). Retrospektiv: betalas i efterhand för det som hände.',
    },
  },
  { key: 'cap', type: 'number', required: false, unit: 'kr/period', min: 0, max: MAX_YEARLY_AMOUNT_KR, help: { en: 'Most paid to a receiver per settlement period.', sv: 'Högsta belopp till en mottagare per avräkningsperiod.' } },
  { key: 'floor', type: 'number', required: false, unit: 'kr/period', min: 0, max: MAX_YEARLY_AMOUNT_KR, help: { en: 'Least paid to a receiver per settlement period.', sv: 'Lägsta belopp till en mottagare per avräkningsperiod.' } },
  {
    key: 'stopLoss',
    type: 'number',
    required: false,
    unit: 'kr/year',
    min: 0,
    max: MAX_THRESHOLD_KR,
    help: {
      en: "Outlier protection: the payer covers `share` of a person's yearly cost at a receiver above `threshold` kr.",
      sv: 'Skydd mot extremfall: betalaren täcker andelen `share` av en persons årskostnad hos en mottagare över `threshold` kr.',
    },
  },
  {
    key: 'riskCorridor',
    type: 'number',
    required: false,
    unit: 'share',
    min: 0,
    help: {
      en: "A corridor on a receiver's yearly margin: beyond ±band × its revenue from the component, the payer takes back (or covers) `share` of the excess.",
      sv: 'En riskkorridor på en mottagares årsmarginal: utanför ±band × dess intäkt från komponenten tar betalaren tillbaka (eller täcker) andelen `share` av överskottet.',
    },
  },
  {
    key: 'withhold',
    type: 'number',
    required: false,
    unit: 'share',
    min: 0,
    max: 1,
    source: 'fai-withhold, hillman-1989',
    label: { en: 'Withhold returned by quality', sv: 'Innehållen andel som återbetalas efter kvalitet' },
    help: {
      en: 'The payer holds back `share` of each payment during the year and returns share × the quality score of `quality` (goal indicators, 0–1) at year end; the rest is the payer’s. Quality withholds hold back 1–3 % of capitation (fai-withhold).',
      sv: 'Betalaren håller inne andelen `share` av varje utbetalning under året och betalar vid årets slut tillbaka den innehållna summan × kvalitetspoängen för `quality` (målindikatorer, 0–1); resten behåller betalaren. Kvalitetsinnehållanden håller inne 1–3 % av kapiteringen (fai-withhold).',
    },
  },
];
