/**
 * Variable pay (rörlig ersättning): a fee per unit done, a DRG price per admission (a price per
 * case set beforehand, paid per actual case), or a share of what the units cost the provider.
 */
import { S, SERVICE_IDS, type ServiceId } from '../../domain.js';
import { IN_EPISODE } from '../../engine/activity.js';
import { deliveredCost } from '../../engine/extras.js';
import type { CompiledModel } from '../../engine/model.js';
import { STOCHASTIC_SERVICES } from '../../engine/model.js';
import { MAX_PRICE_KR } from '../../limits.js';
import { msg } from '../../messages/index.js';
import type { VariableComponent } from '../../scenario/types.js';
import { typeName } from '../../scenario/validate-core.js';
import type { KindDescription, PaymentKind } from './kind.js';
import { accrueAmount, payoutAsAccrued } from './kind.js';
import { meanWeight, serviceList, teamOrProvider } from './rows.js';

const PRICING = ['fee', 'drg', 'cost'] as const;
const DRG_SERVICES: readonly ServiceId[] = ['admission', 'readmission'];

/**
 * What provider p is paid per unit of service s for a person in group g: the fee, the DRG price
 * times the group's case weight, or the reimbursed share of what the unit cost the provider — at
 * the team's `coordination`, since a home-health visit costs more when coordination fails, and
 * cost-based pay reimburses that waste too (Ellis & McGuire's r·c·q).
 * @example unitPrice({ pricing: 'drg', price: 40000 } as VariableComponent, model, 0, S.admission, 1, 0.5)
 */
export function unitPrice(spec: VariableComponent, model: CompiledModel, p: number, s: number, g: number, coordination: number): number {
  if (spec.pricing === 'fee') return spec.price;
  if (spec.pricing === 'drg') return spec.price * model.drgWeight[g];
  return spec.price * deliveredCost(model, p, s, g, coordination);
}

/** True when a component's price per unit varies with coordination (cost-based pay of home-health visits). */
export function priceFollowsCoordination(spec: VariableComponent): boolean {
  const services = Array.isArray(spec.service) ? spec.service : [spec.service];
  return spec.pricing === 'cost' && services.includes('homeHealthVisit');
}

/** The variable kind as people read it: its fields, for the validator, the editor and the docs. */
export const description: KindDescription = {
  kind: 'variable',
  label: { en: 'Variable (fee per activity, DRG, cost)', sv: 'Rörlig ersättning (prestationsersättning, DRG, kostnad)' },
  help: {
    en: 'Paid per unit of activity: a fee per visit or hour, a DRG price per admission, or a share of the provider’s cost.',
    sv: 'Betalas per utförd aktivitet: ett arvode per besök eller timme, ett DRG-pris per vårdtillfälle eller en andel av vårdgivarens kostnad.',
  },
  fields: [
    {
      key: 'service',
      type: 'services',
      required: true,
      label: { en: 'Services paid for', sv: 'Insatser som ersätts' },
      help: { en: 'The service (or list of services) paid for per unit.', sv: 'Tjänsten (eller listan av tjänster) som ersätts per enhet.' },
    },
    {
      key: 'pricing',
      type: 'choice',
      required: true,
      values: PRICING,
      label: { en: 'Pricing', sv: 'Prissättning' },
      valueLabels: {
        fee: { en: 'Fee per unit', sv: 'Ersättning per prestation' },
        drg: { en: 'DRG price per point (prospective per case)', sv: 'DRG-pris per poäng (i förväg per fall)' },
        cost: { en: 'Share of the payee’s cost', sv: 'Andel av mottagarens kostnad' },
      },
      help: {
        en: 'fee: kr per unit; drg: kr per DRG point, times the need group’s case weight, per admission; cost: the share of the provider’s cost reimbursed.',
        sv: 'fee: kr per enhet; drg: kr per DRG-poäng gånger behovsgruppens vårdtyngd, per vårdtillfälle; cost: den andel av vårdgivarens kostnad som ersätts.',
      },
    },
    {
      key: 'price',
      lever: true,
      type: 'number',
      required: true,
      unit: 'kr/unit',
      label: { en: 'Price', sv: 'Pris' },
      unitBy: { key: 'pricing', units: { fee: 'kr/unit', drg: 'kr/DRG point', cost: 'share' } },
      min: 0,
      max: MAX_PRICE_KR,
      help: {
        en: 'kr per unit (fee), kr per DRG point (drg), or the share of cost reimbursed, 0–1 (cost).',
        sv: 'kr per enhet (fee), kr per DRG-poäng (drg) eller den ersatta andelen av kostnaden, 0–1 (cost).',
      },
    },
  ],
  template: { service: 'primaryVisit', pricing: 'fee', price: 0 },
};

export const variable: PaymentKind<VariableComponent> = {
  description,
  check(r, c, path) {
    const servicePath = `${path}.service`;
    let services: ServiceId[] = [];
    if (Array.isArray(c.service)) services = serviceList(r, c.service, servicePath);
    else if (typeof c.service === 'string') {
      const service = r.oneOf(c.service, servicePath, SERVICE_IDS);
      if (service !== undefined) services = [service];
    } else if (c.service !== undefined) r.issues.error(servicePath, 'notServiceOrList', { got: typeName(c.service) });
    const pricing = r.oneOf(c.pricing, `${path}.pricing`, PRICING);
    if (pricing === 'cost') r.number(c.price, `${path}.price`, { min: 0, max: 1, rangeMessage: (v) => msg('costShareRange', { got: v }) });
    else r.number(c.price, `${path}.price`, { min: 0, max: MAX_PRICE_KR });
    const notDrg = services.filter((s) => !DRG_SERVICES.includes(s));
    if (pricing === 'drg' && notDrg.length > 0) r.issues.error(servicePath, 'drgOnly', { allowed: DRG_SERVICES, not: notDrg });
    // Cost-based pay reimburses what was spent, which is known only afterwards.
    if (pricing === 'cost' && c.timing === 'prospective') r.issues.error(`${path}.timing`, 'costPayIsRetrospective', {});
    return { services };
  },
  refuses: () => undefined,
  compile(spec, ctx) {
    const services = (Array.isArray(spec.service) ? spec.service : [spec.service]).map((s) => SERVICE_IDS.indexOf(s));
    let weightedColumn = -1;
    // The engines count weighted units only for drawn services; others use the row's mean weight.
    const drawn = services.every((s) => STOCHASTIC_SERVICES.includes(s) || s === S.readmission);
    if (ctx.cellWeight && drawn) {
      weightedColumn = ctx.extras.length;
      ctx.extras.push({ kind: 'weighted', services, weight: ctx.cellWeight });
    }
    return { services, weightedColumn, curve: null, covers: [] };
  },
  width: 1,
  additive: true,
  readsRows: true,
  accrue(c, at, into) {
    const { d, row, covered } = at;
    const services = c.own.services;
    let weight = NaN;
    for (let i = 0; i < services.length; i++) {
      const s = services[i];
      let units = d[row + s];
      if (covered[s]) units -= d[row + IN_EPISODE + s];
      if (units === 0) continue;
      if (Number.isNaN(weight)) weight = c.cellWeight ? meanWeight(c, d, row, at.group, at.band, at.catchment) : 1;
      // Indexed, not for…of: the settlement runs this per row and trial, and an iterator per call was a third of a PSA draw's garbage.
      const payees = teamOrProvider(at, s);
      for (let j = 0; j < payees.length; j++) {
        const p = payees[j];
        if (p < 0) continue;
        const receiver = c.receiverOf[p];
        if (receiver < 0) continue;
        accrueAmount(into, receiver, at.slot, at.times * units * weight * unitPrice(c.spec, at.model, p, s, at.group, at.coordination));
      }
    }
  },
  // Units times a price per unit; only a person weight (meanWeight) reads the band.
  bandFree: (c) => !c.cellWeight,
  payout: payoutAsAccrued,
  // At full coordination, i.e. the unit cost: the risk term counts costs at unit cost too.
  revenuePerUnit: (c, model, p, s, g) => (c.own.services.includes(s) ? unitPrice(c.spec, model, p, s, g, 1) : 0),
};

