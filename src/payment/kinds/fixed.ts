/**
 * Fixed pay (fast ersättning): decided beforehand for a period — a lump sum (anslag), an amount per
 * listed or served person (kapitering, weighted by a formula), or per place (bed).
 */
import { CNI_BANDS, GROUP_COUNT } from '../../domain.js';
import { MAX_PER_PERSON_YEAR_KR, MAX_YEARLY_AMOUNT_KR } from '../../limits.js';
import { msg } from '../../messages/index.js';
import type { FixedComponent, PerPlaceComponent } from '../../scenario/types.js';
import type { KindDescription, PaymentKind } from './kind.js';
import { slotOf } from './kind.js';
import { rowOffset } from '../../engine/activity.js';

const BASES = ['lump', 'per-person', 'per-place'] as const;

/** The fixed kind as people read it: its fields, for the validator, the editor and the docs. */
export const description: KindDescription = {
  kind: 'fixed',
  label: { en: 'Fixed (budget, capitation, per place)', sv: 'Fast ersättning (anslag, kapitering, per plats)' },
  help: {
    en: 'Decided beforehand for a period: a budget, a capitation per listed person, or a fee per place.',
    sv: 'Bestäms i förväg för en period: ett anslag, en kapitering per listad person eller en ersättning per plats.',
  },
  fields: [
    {
      key: 'basis',
      type: 'choice',
      required: true,
      values: BASES,
      label: { en: 'Basis', sv: 'Grund' },
      valueLabels: {
        lump: { en: 'Lump sum per year (budget, grant)', sv: 'Klumpsumma per år (anslag, bidrag)' },
        'per-person': { en: 'Per person-year (capitation)', sv: 'Per personår (kapitering)' },
        'per-place': { en: 'Per place-year', sv: 'Per platsår' },
      },
      help: {
        en: 'lump: kr per year; per-person: kr per person-year (capitation); per-place: kr per place-year.',
        sv: 'lump: kr per år; per-person: kr per personår (kapitering); per-place: kr per platsår.',
      },
    },
    {
      key: 'amount',
      lever: true,
      type: 'number',
      required: true,
      unit: 'kr/year',
      label: { en: 'Amount', sv: 'Belopp' },
      unitBy: { key: 'basis', units: { lump: 'kr/year', 'per-person': 'kr/person-year', 'per-place': 'kr/place-year' } },
      min: 0,
      max: MAX_YEARLY_AMOUNT_KR,
      help: { en: 'kr per year, per person-year or per place-year, as the basis says.', sv: 'kr per år, per personår eller per platsår, efter basis.' },
    },
    {
      key: 'population',
      type: 'choice',
      required: false,
      values: ['listed', 'served'],
      label: { en: 'Which people count', sv: 'Vilka personer som räknas' },
      valueLabels: { listed: { en: 'Those listed with the payee', sv: 'De som är listade hos mottagaren' }, served: { en: 'Everyone the payee serves', sv: 'Alla som mottagaren ger vård' } },
      showWhen: { key: 'basis', values: ['per-person'] },
      default: 'listed',
      help: {
        en: 'Per person: the people listed with the payee, or everyone it serves.',
        sv: 'Per person: de som är listade hos mottagaren, eller alla den betjänar.',
      },
    },
  ],
  template: { basis: 'per-person', amount: 0 },
};

export const fixed: PaymentKind<FixedComponent | PerPlaceComponent> = {
  description,
  check(r, c, path, index) {
    const basis = r.oneOf(c.basis, `${path}.basis`, BASES);
    const max = basis === 'lump' ? MAX_YEARLY_AMOUNT_KR : MAX_PER_PERSON_YEAR_KR;
    r.number(c.amount, `${path}.amount`, { min: 0, max });
    if (c.population !== undefined && basis !== undefined && basis !== 'per-person') {
      r.issues.error(`${path}.population`, 'populationOnlyPerPerson', { basis });
    } else r.oneOf(c.population, `${path}.population`, ['listed', 'served']);
    const payee = typeof c.payee === 'string' ? index.providers.get(c.payee) : undefined;
    if (basis === 'per-place' && payee !== undefined && payee.places === undefined) r.issues.error(`${path}.payee`, 'perPlaceNeedsPlaces', { path: payee.path });
    return { services: [] };
  },
  refuses(c, key) {
    if (key === 'weight' && c.basis !== 'per-person' && typeof c.basis === 'string') return msg('weightNeedsPerPerson', { basis: c.basis });
    return undefined;
  },
  compile: () => ({ services: [], weightedColumn: -1, curve: null, covers: [] }),
  width: 0,
  additive: true,
  readsRows: false,
  accrue: () => undefined,
  payout(c, acc, period, out) {
    const spec = c.spec;
    acc.touched[0] = 1;
    const perMonth = spec.amount / 12;
    if (spec.basis === 'lump') out[period.lump] += perMonth * period.months;
    else if (spec.basis === 'per-place') {
      const places = c.providers.reduce((sum, p) => sum + period.model.places[p], 0);
      out[period.lump] += perMonth * period.months * places;
    } else {
      // A stationary population has the same people every month; a changing one is counted from
      // the period's rows, person-month by person-month (weighted where the component weighs).
      const mask = spec.population === 'served' ? c.scope : c.listed;
      const K = mask.length;
      const rows = c.peopleColumn >= 0 ? period.rows : undefined;
      if (rows) {
        const t = rows.table;
        for (let m = rows.from; m < rows.from + period.months; m++)
          for (let k = 0; k < K; k++) {
            if (!mask[k]) continue;
            for (let g = 0; g < GROUP_COUNT; g++) {
              if (!c.groups[g]) continue;
              for (let b = 0; b < CNI_BANDS; b++) {
                const people = t.data[rowOffset(t, m, k, g, b) + c.peopleColumn];
                if (people !== 0) out[slotOf(period, g, b)] += perMonth * people;
              }
            }
          }
        return;
      }
      for (let k = 0; k < K; k++) {
        if (!mask[k]) continue;
        for (let g = 0; g < GROUP_COUNT; g++) {
          if (!c.groups[g]) continue;
          for (let b = 0; b < CNI_BANDS; b++) {
            const people = c.weightedPeople[(k * GROUP_COUNT + g) * CNI_BANDS + b];
            if (people !== 0) out[slotOf(period, g, b)] += perMonth * period.months * people;
          }
        }
      }
    }
  },
};
