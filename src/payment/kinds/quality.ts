/**
 * A quality score from goal indicators, in [0, 1]: what a withhold returns and what adjusts a
 * target price's reconciliation. Each indicator attains 1 at its target and 0 short of it, or,
 * with a baseline, rises linearly from 0 at the baseline to 1 at the target; the score is the mean
 * attainment. An indicator with nothing to measure (no admissions for a readmission rate) attains
 * nothing, as in goal pay.
 */
import type { IndicatorId, QualityMeasure } from '../../scenario/types.js';
import type { JsonObject, Reader } from '../../scenario/validate-core.js';
import { INDICATORS, indicatorTerms } from './goal.js';
import type { RowCursor } from './kind.js';

const INDICATOR_IDS = Object.keys(INDICATORS) as IndicatorId[];
const MEASURE_KEYS = { required: ['indicator', 'target'], optional: ['baseline'] } as const;

/** Numbers a score accrues: numerator and denominator per indicator (each listed at most once). */
export const QUALITY_WIDTH = 2 * INDICATOR_IDS.length;

/**
 * Check a list of quality measures; each indicator once, targets and baselines on its scale.
 * @example checkQuality(reader, [{ indicator: 'carePlanShare', target: 0.5 }], 'payment.components[2].quality')
 */
export function checkQuality(r: Reader, value: unknown, path: string): void {
  const seen: string[] = [];
  r.array(value, path, { nonEmpty: true })?.forEach((item, i) => {
    const at = `${path}[${i}]`;
    const m: JsonObject | undefined = r.object(item, at, MEASURE_KEYS);
    if (m === undefined) return;
    const indicator = r.oneOf(m.indicator, `${at}.indicator`, INDICATOR_IDS);
    if (indicator !== undefined && seen.includes(indicator)) r.issues.error(`${at}.indicator`, 'listedTwice', { id: indicator });
    if (indicator !== undefined) seen.push(indicator);
    const range = indicator !== undefined && INDICATORS[indicator].share ? { min: 0, max: 1 } : { min: 0, max: 1e6 };
    const target = r.number(m.target, `${at}.target`, range);
    const baseline = r.number(m.baseline, `${at}.baseline`, range);
    if (baseline !== undefined && baseline === target) r.issues.error(`${at}.baseline`, 'baselineIsTarget', { value: baseline });
  });
}

/**
 * Add one row's indicator terms, `times` over, to `sums` from offset `o` (2 numbers per measure);
 * `at` places the row (spending per member prices its services by catchment and group).
 * @example accrueQuality(spec.quality, d, row, 12, acc.sums, slot * width + 3, cursor)
 */
export function accrueQuality(measures: readonly QualityMeasure[], d: Float64Array, row: number, times: number, sums: Float64Array, o: number, at?: Pick<RowCursor, 'model' | 'catchment' | 'group'>): void {
  for (let i = 0; i < measures.length; i++) {
    const [num, den] = indicatorTerms(measures[i].indicator, d, row, at);
    sums[o + 2 * i] += times * num;
    sums[o + 2 * i + 1] += times * den;
  }
}

/**
 * Attainment of one measure at an indicator value: a step at the target, or linear from the baseline.
 * @example measureAttainment({ indicator: 'carePlanShare', target: 0.6, baseline: 0.2 }, 0.4) // 0.5
 */
export function measureAttainment(m: QualityMeasure, value: number): number {
  if (Number.isNaN(value)) return 0;
  if (m.baseline !== undefined && m.baseline !== m.target) return Math.min(1, Math.max(0, (value - m.baseline) / (m.target - m.baseline)));
  return INDICATORS[m.indicator].lowerIsBetter ? (value <= m.target ? 1 : 0) : value >= m.target ? 1 : 0;
}

/**
 * The score of accrued sums: the mean attainment over the measures, summing `count` blocks of
 * `stride` numbers from offset `o` (a kind's slots), or 1 when there are no measures.
 * @example qualityScore(spec.quality, acc.sums, 3, acc.width, acc.slots)
 */
export function qualityScore(measures: readonly QualityMeasure[] | undefined, sums: Float64Array, o = 0, stride = 0, count = 1): number {
  if (measures === undefined || measures.length === 0) return 1;
  let total = 0;
  for (let i = 0; i < measures.length; i++) {
    let num = 0;
    let den = 0;
    for (let b = 0; b < count; b++) {
      num += sums[o + b * stride + 2 * i];
      den += sums[o + b * stride + 2 * i + 1];
    }
    total += measureAttainment(measures[i], den > 0 ? num / den : NaN);
  }
  return total / measures.length;
}
