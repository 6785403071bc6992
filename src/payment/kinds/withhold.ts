/**
 * The withhold: a layer any component may carry, whatever its kind (`withhold: { share, quality }`). The rule:
 * - during the year, `share` of each positive amount the component pays a receiver (per settlement
 *   period, after its cap and floor) is held back by the payer; amounts the receiver pays back
 *   (a deduction, a target price's collection) are not withheld;
 * - at the year end (the last month of each calendar year of the run, or the component's last
 *   month), the payer returns what it held that year × the quality score of that year, in that
 *   month, to the receiver it was held from; the rest is the payer's;
 * - the score is the mean attainment of `quality`'s goal indicators (kinds/quality.ts) over that
 *   year's rows of the component's people: its need groups (or the withhold's own `groups`), in
 *   the catchments the payee serves;
 * - stop-loss and risk-corridor payments are insurance on the year, not payments for services, and
 *   are never withheld.
 * The ledger's settlement and the behaviour solver's steady year apply it through `withhold`,
 * `returnWithheld` and `accrueWithholdQuality` below. Quality withholds in US programmes hold
 * back 1–3 % of capitation (docs/sources.md: fai-withhold); HMOs have long withheld part of
 * physicians' fees or capitation until year end (hillman-1989).
 */
import { GROUP_IDS } from '../../domain.js';
import type { Withhold } from '../../scenario/types.js';
import type { JsonObject, Reader } from '../../scenario/validate-core.js';
import type { ComponentView, RowCursor } from './kind.js';
import { QUALITY_WIDTH, accrueQuality, checkQuality, qualityScore } from './quality.js';

/** A withhold above this is warned about: far beyond the 1–3 % of the sources (ASSUMPTION). */
export const SOURCED_MAX_WITHHOLD = 0.2;

/** Numbers a withhold's score accrues per component. */
export const WITHHOLD_WIDTH = QUALITY_WIDTH;

/**
 * Check a component's withhold: a share in [0, 1] (warned above what the sources give) and at least one quality indicator.
 * @example checkWithhold(reader, { share: 0.1, quality: [{ indicator: 'carePlanShare', target: 0.5 }] }, 'payment.components[0].withhold')
 */
export function checkWithhold(r: Reader, value: unknown, path: string): void {
  const w: JsonObject | undefined = r.object(value, path, { required: ['share', 'quality'], optional: ['groups'] });
  if (w === undefined) return;
  const groups = r.array(w.groups, `${path}.groups`, { nonEmpty: true }) ?? [];
  const seen: unknown[] = [];
  groups.forEach((g, i) => {
    const id = r.oneOf(g, `${path}.groups[${i}]`, GROUP_IDS);
    if (id !== undefined && seen.includes(id)) r.issues.error(`${path}.groups[${i}]`, 'listedTwice', { id });
    seen.push(id);
  });
  const share = r.share(w.share, `${path}.share`);
  if (share !== undefined && share > SOURCED_MAX_WITHHOLD) r.issues.warn(`${path}.share`, 'withholdTooLarge', { got: share, max: SOURCED_MAX_WITHHOLD });
  checkQuality(r, w.quality, `${path}.quality`);
}

/**
 * Hold back `share` of each positive amount: it moves from `amounts` into `held` (same layout).
 * @example withhold(0.1, amounts, held) // amounts [100, -50] → [90, -50], held [10, 0]
 */
export function withhold(share: number, amounts: Float64Array, held: Float64Array): void {
  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i];
    if (a <= 0) continue;
    held[i] += share * a;
    amounts[i] = a - share * a;
  }
}

/**
 * Return `score` of what was held into `out`, and empty `held`.
 * @example returnWithheld(held, 0.5, out) // held [10, 0] → out [5, 0], held [0, 0]
 */
export function returnWithheld(held: Float64Array, score: number, out: Float64Array): void {
  for (let i = 0; i < held.length; i++) {
    out[i] += score * held[i];
    held[i] = 0;
  }
}

const SCORED = new WeakMap<Withhold, Uint8Array>();
/** 1 for each need group whose rows make a withhold's score. */
function scoredGroups(c: ComponentView, w: Withhold): Uint8Array {
  if (!w.groups) return c.groups;
  let mask = SCORED.get(w);
  if (!mask) SCORED.set(w, (mask = Uint8Array.from(GROUP_IDS, (id) => (w.groups!.includes(id) ? 1 : 0))));
  return mask;
}

/**
 * Add one row's indicator terms to a withhold's sums, when the row is among the component's people.
 * @example accrueWithholdQuality(comp, spec.withhold, cursor, sums)
 */
export function accrueWithholdQuality(c: ComponentView, w: Withhold, at: RowCursor, sums: Float64Array): void {
  if (!c.scope[at.catchment] || !scoredGroups(c, w)[at.group]) return;
  accrueQuality(w.quality, at.d, at.row, at.times, sums, 0, at);
}

/**
 * The score of a withhold's accrued sums, in [0, 1].
 * @example withholdScore(spec.withhold, sums) // 0.5
 */
export function withholdScore(w: Withhold, sums: Float64Array): number {
  return qualityScore(w.quality, sums);
}
