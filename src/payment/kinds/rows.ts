/** What several kinds read from rows and fields alike: weights of units, who delivered a service, service lists. */
import { CNI_BANDS, GROUP_COUNT, JOINT_SERVICES_INDEX, O, SERVICE_COUNT, SERVICE_IDS, type ServiceId } from '../../domain.js';
import { EXTRA, OUTCOME } from '../../engine/activity.js';
import type { Reader } from '../../scenario/validate-core.js';
import type { ComponentView, RowCursor } from './kind.js';

const NO_ONE: readonly number[] = [];
const one = new Int32Array(1);

/**
 * Who delivered service s in a row: the team for joint services (a SIP meeting, joint discharge
 * planning: everyone taking part), otherwise the one provider serving the catchment (−1 for none).
 * @example for (const p of teamOrProvider(cursor, S.sipMeeting)) …
 */
export function teamOrProvider(at: RowCursor, s: number): ArrayLike<number> & Iterable<number> {
  const { model } = at;
  if (JOINT_SERVICES_INDEX[s]) return model.team[at.catchment * GROUP_COUNT + at.group] ?? NO_ONE;
  one[0] = model.serviceProvider[at.catchment * SERVICE_COUNT + s];
  return one;
}

/**
 * Mean weight of a component's units in a row: from the engines' weighted counts for drawn
 * services, otherwise the mean weight of the row's people.
 * @example meanWeight(view, d, row, 4, 0, 2)
 */
export function meanWeight(c: ComponentView, d: Float64Array, row: number, g: number, b: number, k: number): number {
  if (c.own.weightedColumn >= 0) {
    let units = 0;
    for (const s of c.own.services) units += d[row + s];
    if (units > 0) return d[row + EXTRA + c.own.weightedColumn] / units;
  }
  return meanPersonWeight(c, d, row, g, b, k);
}

/** Mean weight of the people in a row (1 without a weight formula). @example meanPersonWeight(view, d, row, 4, 0, 2) */
export function meanPersonWeight(c: ComponentView, d: Float64Array, row: number, g: number, b: number, k: number): number {
  if (!c.cellWeight) return 1;
  const people = d[row + OUTCOME + O.personMonths];
  // The behaviour solver's steady rows do not count weighted people: they keep the start's weights.
  if (c.peopleColumn >= 0 && people > 0 && d[row + c.peopleColumn] > 0) return d[row + c.peopleColumn] / people;
  return people > 0 ? c.weightedPeople[(k * GROUP_COUNT + g) * CNI_BANDS + b] / people : 1;
}

/** A list of distinct service ids. @example serviceList(reader, ['admission'], 'payment.components[2].includedServices') */
export function serviceList(r: Reader, value: unknown, path: string): ServiceId[] {
  const list = r.array(value, path, { nonEmpty: true }) ?? [];
  const found: ServiceId[] = [];
  list.forEach((item, i) => {
    const service = r.oneOf(item, `${path}[${i}]`, SERVICE_IDS);
    if (service !== undefined && found.includes(service)) r.issues.error(`${path}[${i}]`, 'listedTwice', { id: service });
    else if (service !== undefined) found.push(service);
  });
  return found;
}
