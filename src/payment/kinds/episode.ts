/**
 * Episode pay (vårdepisodersättning) and value-based pay (värdebaserad ersättning): one package
 * price per episode started by an index admission, covering the services it includes within its
 * window (no separate fee for them); the value-based package is adjusted by patient outcomes.
 */
import { O, S } from '../../domain.js';
import { OUTCOME } from '../../engine/activity.js';
import { MAX_PRICE_KR, MAX_WINDOW_MONTHS } from '../../limits.js';
import type { EpisodeComponent, ValueComponent } from '../../scenario/types.js';
import type { JsonObject, Reader } from '../../scenario/validate-core.js';
import type { Accrual, ComponentView, FieldDescription, KindDescription, KindFacts, PaymentKind, Period, RowCursor } from './kind.js';
import { accrueAmount, payoutAsAccrued } from './kind.js';
import { meanPersonWeight, serviceList } from './rows.js';

const EPISODES = OUTCOME + O.episodes;
const ADL_INDEPENDENT = OUTCOME + O.adlIndependent;
const STROKE_UNIT = OUTCOME + O.directToStrokeUnit;
const VALUE_OUTCOMES = ['adlIndependent', 'directToStrokeUnit'] as const;
const OUTCOME_KEYS = { required: ['indicator', 'reference', 'valuePerPoint'] } as const;

const PACKAGE_FIELDS: readonly FieldDescription[] = [
  { key: 'trigger', type: 'choice', required: true, values: ['admission'], label: { en: 'Starts with', sv: 'Börjar med' }, valueLabels: { admission: { en: 'An admission', sv: 'En inläggning' } }, help: { en: 'What starts an episode: an index admission.', sv: 'Vad som startar en episod: ett indexvårdtillfälle.' } },
  {
    key: 'price',
    lever: true,
    type: 'number',
    required: true,
    unit: 'kr/episode',
    label: { en: 'Package price', sv: 'Paketpris' },
    min: 0,
    max: MAX_PRICE_KR,
    help: {
      en: 'kr per episode (times the mean weight of the episode’s people when the component has a weight).',
      sv: 'kr per episod (gånger medelvikten för episodens personer när komponenten har en vikt).',
    },
  },
  {
    key: 'windowMonths',
    type: 'integer',
    required: true,
    unit: 'months',
    label: { en: 'Window', sv: 'Ansvarstid' },
    min: 1,
    max: MAX_WINDOW_MONTHS,
    help: { en: 'Months the episode lasts from its index admission.', sv: 'Antal månader episoden varar från indexvårdtillfället.' },
  },
  {
    key: 'includedServices',
    type: 'services',
    required: true,
    label: { en: 'Services the package covers', sv: 'Insatser som paketet omfattar' },
    help: { en: 'Services inside the window that the package covers: no other fee is paid for them.', sv: 'Tjänster inom fönstret som paketet täcker: ingen annan ersättning betalas för dem.' },
  },
];

function checkPackage(r: Reader, c: JsonObject, path: string, kind: string): KindFacts {
  r.oneOf(c.trigger, `${path}.trigger`, ['admission']);
  r.number(c.price, `${path}.price`, { min: 0, max: MAX_PRICE_KR });
  const window = r.number(c.windowMonths, `${path}.windowMonths`, { min: 1, max: MAX_WINDOW_MONTHS, integer: true });
  serviceList(r, c.includedServices, `${path}.includedServices`);
  if (c.timing === 'prospective') r.issues.error(`${path}.timing`, 'resultPayIsRetrospective', { kind });
  return { services: [], windowMonths: window };
}

function compilePackage(spec: EpisodeComponent | ValueComponent, ctx: { groups: Uint8Array; episodeWindow: Int16Array }) {
  for (let g = 0; g < ctx.groups.length; g++) if (ctx.groups[g]) ctx.episodeWindow[g] = spec.windowMonths;
  return { services: [], weightedColumn: -1, curve: null, covers: spec.includedServices.map((id) => S[id]) };
}

/** The episode kind as people read it. */
export const episodeDescription: KindDescription = {
  kind: 'episode',
  label: { en: 'Episode (package price)', sv: 'Vårdepisodersättning (paketpris)' },
  help: {
    en: 'One package price per episode (e.g. 90 days after a stroke), covering the services it includes.',
    sv: 'Ett paketpris per episod (t.ex. 90 dagar efter en stroke) som täcker de tjänster som ingår.',
  },
  fields: PACKAGE_FIELDS,
  template: { trigger: 'admission', price: 0, windowMonths: 3, includedServices: ['admission', 'readmission'] },
};

/**
 * What both package kinds pay: the package price per episode (weighted by the mean weight of the
 * episode's people), plus for a value-based package its outcome adjustment (per point, unweighted).
 */
const PACKAGE = {
  refuses: () => undefined,
  compile: compilePackage,
  width: 1,
  additive: true,
  readsRows: true,
  accrue(c: ComponentView<EpisodeComponent | ValueComponent>, at: RowCursor, into: Accrual): void {
    if (!c.scope[at.catchment]) return;
    const { d, row } = at;
    const episodes = d[row + EPISODES];
    into.touched[0] = 1;
    let amount = episodes * c.spec.price * meanPersonWeight(c, d, row, at.group, at.band, at.catchment);
    if (c.spec.kind === 'value') {
      for (const o of c.spec.outcomes) {
        const achieved = d[row + (o.indicator === 'adlIndependent' ? ADL_INDEPENDENT : STROKE_UNIT)];
        amount += o.valuePerPoint * 100 * (achieved - o.reference * episodes);
      }
    }
    if (amount !== 0) accrueAmount(into, 0, at.slot, at.times * amount);
  },
  // Episodes and outcome points times prices; only a person weight reads the band.
  bandFree: (c: ComponentView) => !c.cellWeight,
  payout(c: ComponentView, sums: Accrual, period: Period, out: Float64Array): void {
    sums.touched[0] = 1;
    payoutAsAccrued(c, sums, period, out);
  },
};

export const episode: PaymentKind<EpisodeComponent> = {
  ...PACKAGE,
  description: episodeDescription,
  check: (r, c, path) => checkPackage(r, c, path, 'episode'),
};

/** The value kind as people read it. */
export const valueDescription: KindDescription = {
  kind: 'value',
  label: { en: 'Value-based (package adjusted by outcomes)', sv: 'Värdebaserad ersättning (paket justerat efter utfall)' },
  help: {
    en: 'A package for the whole care chain, adjusted by patient outcomes: kronor per percentage point above or below a reference.',
    sv: 'Ett paket för hela vårdkedjan som justeras efter patientutfall: kronor per procentenhet över eller under en referensnivå.',
  },
  fields: [
    ...PACKAGE_FIELDS,
    {
      key: 'outcomes',
      type: 'outcomes',
      required: true,
      label: { en: 'Outcome adjustments', sv: 'Justering efter utfall' },
      help: {
        en: 'Each outcome (adlIndependent, directToStrokeUnit) with the share at which the package pays its price (reference) and the kr per episode per percentage point above or below it.',
        sv: 'Varje utfall (adlIndependent, directToStrokeUnit) med den andel där paketet betalar sitt pris (reference) och kr per episod per procentenhet över eller under den.',
      },
    },
  ],
  template: { trigger: 'admission', price: 0, windowMonths: 3, includedServices: ['admission', 'readmission'], outcomes: [{ indicator: 'adlIndependent', reference: 0.6, valuePerPoint: 0 }] },
};

export const value: PaymentKind<ValueComponent> = {
  ...PACKAGE,
  description: valueDescription,
  check(r, c, path) {
    const facts = checkPackage(r, c, path, 'value');
    const outcomesPath = `${path}.outcomes`;
    const seen: string[] = [];
    r.array(c.outcomes, outcomesPath, { nonEmpty: true })?.forEach((item, i) => {
      const at = `${outcomesPath}[${i}]`;
      const outcome = r.object(item, at, OUTCOME_KEYS);
      if (outcome === undefined) return;
      const indicator = r.oneOf(outcome.indicator, `${at}.indicator`, VALUE_OUTCOMES);
      if (indicator !== undefined && seen.includes(indicator)) r.issues.error(`${at}.indicator`, 'listedTwice', { id: indicator });
      if (indicator !== undefined) seen.push(indicator);
      r.share(outcome.reference, `${at}.reference`);
      r.number(outcome.valuePerPoint, `${at}.valuePerPoint`, { min: 0, max: MAX_PRICE_KR });
    });
    return facts;
  },
};
