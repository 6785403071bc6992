/**
 * Target-price episodes (målpris per vårdepisod, as in the US bundled-payment models CJR and BPCI
 * Advanced, docs/sources.md: cjr-rule, bpci-advanced): an episode opens with an index admission
 * and lasts its window, as for episode pay; the providers keep their usual fees all year (this
 * component pays nothing during it), and at the yearly reconciliation the payer pays the payee
 * target − actual episode spending when positive and collects actual − target when negative.
 *
 * - target per episode = ((1 − w) × own history + w × regional average) × (1 − discount), times
 *   the mean weight of the episode's people when the component has a weight (risk adjustment);
 * - actual episode spending = every included service done inside an episode window, whoever did
 *   it, at what it cost the provider that did it (the model's unit costs: what the region pays
 *   for it at cost-based prices). An episode is counted in the year it opens and its spending in
 *   the months it happens, so a window that crosses a year end puts its tail into the next year:
 *   in a steady state the two are the same;
 * - the gain is at most stopGainRate × target spending, the loss at most stopLossRate × target
 *   spending (BPCI Advanced: 20 % each; CJR: 5 % rising to 20 %);
 * - then quality: with a score s from goal indicators and an adjustment a, a gain is paid
 *   × (1 − a·(1 − s)) and a loss collected × (1 − a·s) (BPCI Advanced: a up to 10 %).
 */
import { O, S } from '../../domain.js';
import { IN_EPISODE, OUTCOME } from '../../engine/activity.js';
import { deliveredCost } from '../../engine/extras.js';
import { MAX_PRICE_KR, MAX_WINDOW_MONTHS } from '../../limits.js';
import type { TargetPriceComponent } from '../../scenario/types.js';
import type { ComponentView, KindDescription, PaymentKind, ReconciliationLine } from './kind.js';
import { QUALITY_WIDTH, accrueQuality, checkQuality, qualityScore } from './quality.js';
import { meanPersonWeight, serviceList, teamOrProvider } from './rows.js';

const EPISODES = OUTCOME + O.episodes;
/** Per slot: weighted episodes, episodes, actual spending, then the quality terms. */
const WIDTH = 3 + QUALITY_WIDTH;

/**
 * The target price per (unweighted) episode: the blend of own history and regional average, less the discount.
 * @example targetPrice({ historicalPrice: 30000, regionalPrice: 26000, regionalWeight: 2 / 3, discount: 0.03 }) // 26513.33…
 */
export function targetPrice(spec: Pick<TargetPriceComponent, 'historicalPrice' | 'regionalPrice' | 'regionalWeight' | 'discount'>): number {
  return ((1 - spec.regionalWeight) * spec.historicalPrice + spec.regionalWeight * spec.regionalPrice) * (1 - spec.discount);
}

/**
 * The reconciliation of a year from target and actual spending, after stop-gain, stop-loss and quality.
 * @example reconciliationAmount(spec, 2651333.33, 2500000, 1) // 132566.67 with stopGainRate 0.05
 */
export function reconciliationAmount(spec: TargetPriceComponent, targetSpending: number, actualSpending: number, score: number): number {
  let amount = targetSpending - actualSpending;
  if (amount > 0 && spec.stopGainRate !== undefined) amount = Math.min(amount, spec.stopGainRate * targetSpending);
  if (amount < 0 && spec.stopLossRate !== undefined) amount = Math.max(amount, -spec.stopLossRate * targetSpending);
  const a = spec.quality && spec.quality.length > 0 ? (spec.qualityAdjustment ?? 0) : 0;
  return amount > 0 ? amount * (1 - a * (1 - score)) : amount * (1 - a * score);
}

const INCLUDED = new WeakMap<TargetPriceComponent, Int32Array>();
function included(spec: TargetPriceComponent): Int32Array {
  let list = INCLUDED.get(spec);
  if (!list) INCLUDED.set(spec, (list = Int32Array.from(spec.includedServices, (id) => S[id])));
  return list;
}

/** Sums over a period's slots: weighted episodes, episodes, actual spending. */
function totals(sums: Float64Array, slots: number): [number, number, number] {
  let weighted = 0;
  let episodes = 0;
  let spending = 0;
  for (let slot = 0; slot < slots; slot++) {
    const o = slot * WIDTH;
    weighted += sums[o];
    episodes += sums[o + 1];
    spending += sums[o + 2];
  }
  return [weighted, episodes, spending];
}

const SOURCE = 'cjr-rule, bpci-advanced';

/** The target-price kind as people read it. */
export const description: KindDescription = {
  kind: 'target-price',
  label: { en: 'Target price per episode (reconciled yearly)', sv: 'Målpris per vårdepisod (avräknas årsvis)' },
  help: {
    en: 'Providers keep their usual fees; at year end the payer pays the payee what episode spending came in under a target price per episode (up to a stop-gain), and collects what it went over (up to a stop-loss).',
    sv: 'Vårdgivarna får sin vanliga ersättning; vid årets slut betalar betalaren mottagaren det som kostnaden per vårdepisod blev lägre än ett målpris (upp till ett vinsttak) och tar tillbaka det den blev högre (upp till ett förlusttak).',
  },
  fields: [
    { key: 'trigger', type: 'choice', required: true, values: ['admission'], label: { en: 'Starts with', sv: 'Börjar med' }, valueLabels: { admission: { en: 'An admission', sv: 'En inläggning' } }, help: { en: 'What starts an episode: an index admission of a person in the component’s groups.', sv: 'Vad som startar en episod: ett indexvårdtillfälle för en person i komponentens grupper.' } },
    {
      key: 'windowMonths',
      type: 'integer',
      required: true,
      unit: 'months',
      label: { en: 'Window', sv: 'Ansvarstid' },
      min: 1,
      max: MAX_WINDOW_MONTHS,
      source: SOURCE,
      help: { en: 'Months the episode lasts from its index admission (CJR and BPCI Advanced: 90 days, 3 months).', sv: 'Antal månader episoden varar från indexvårdtillfället (CJR och BPCI Advanced: 90 dagar, 3 månader).' },
    },
    {
      key: 'includedServices',
      type: 'services',
      required: true,
      label: { en: 'Services counted as episode spending', sv: 'Insatser som räknas till episodens kostnad' },
      help: {
        en: 'Services done inside the window, by anyone, whose cost counts as episode spending. They keep their usual fees.',
        sv: 'Insatser inom ansvarstiden, av vem som helst, vars kostnad räknas till episodens kostnad. De ersätts som vanligt.',
      },
    },
    {
      key: 'historicalPrice',
      lever: true,
      type: 'number',
      required: true,
      unit: 'kr/episode',
      label: { en: 'Own historical spending', sv: 'Egen historisk kostnad' },
      min: 0,
      max: MAX_PRICE_KR,
      help: { en: 'The payee’s own spending per episode in the base years, kr.', sv: 'Mottagarens egen kostnad per vårdepisod under basåren, kr.' },
    },
    {
      key: 'regionalPrice',
      type: 'number',
      required: true,
      unit: 'kr/episode',
      label: { en: 'Regional average spending', sv: 'Regionens genomsnittliga kostnad' },
      min: 0,
      max: MAX_PRICE_KR,
      help: { en: 'The region’s average spending per episode in the base years, kr.', sv: 'Regionens genomsnittliga kostnad per vårdepisod under basåren, kr.' },
    },
    {
      key: 'regionalWeight',
      type: 'number',
      required: true,
      unit: 'share',
      label: { en: 'Weight of the regional average', sv: 'Vikt för regionens genomsnitt' },
      min: 0,
      max: 1,
      source: 'cjr-rule',
      help: {
        en: 'The target blends (1 − weight) × own history with weight × the regional average (CJR: 1/3 in years 1–2, 2/3 in year 3, 1 from year 4).',
        sv: 'Målpriset väger samman (1 − vikt) × egen historik med vikt × regionens genomsnitt (CJR: 1/3 år 1–2, 2/3 år 3, 1 från år 4).',
      },
    },
    {
      key: 'discount',
      lever: true,
      type: 'number',
      required: true,
      unit: 'share',
      label: { en: 'Discount', sv: 'Rabatt' },
      min: 0,
      max: 1,
      source: SOURCE,
      help: { en: 'Share taken off the blend: the payer’s saving before any gain is shared (CJR and BPCI Advanced: 3 %).', sv: 'Andel som dras av från det sammanvägda priset: betalarens besparing innan någon vinst delas (CJR och BPCI Advanced: 3 %).' },
    },
    {
      key: 'stopGainRate',
      type: 'number',
      required: false,
      unit: 'share',
      label: { en: 'Stop-gain (share of target spending)', sv: 'Vinsttak (andel av målkostnaden)' },
      min: 0,
      max: 1,
      source: SOURCE,
      help: { en: 'Most paid at reconciliation, as a share of target spending (BPCI Advanced: 20 %; CJR: 5 % rising to 20 %). Default: no limit.', sv: 'Högsta belopp som betalas vid avräkningen, som andel av målkostnaden (BPCI Advanced: 20 %; CJR: 5 % stigande till 20 %). Standard: inget tak.' },
    },
    {
      key: 'stopLossRate',
      type: 'number',
      required: false,
      unit: 'share',
      label: { en: 'Stop-loss (share of target spending)', sv: 'Förlusttak (andel av målkostnaden)' },
      min: 0,
      max: 1,
      source: SOURCE,
      help: {
        en: 'Most collected at reconciliation, as a share of target spending; 0 makes the design upside only (BPCI Advanced: 20 %; CJR: none in year 1, then 5 % rising to 20 %). Default: no limit.',
        sv: 'Högsta belopp som tas tillbaka vid avräkningen, som andel av målkostnaden; 0 gör avtalet ensidigt (BPCI Advanced: 20 %; CJR: inget år 1, sedan 5 % stigande till 20 %). Standard: inget tak.',
      },
    },
    {
      key: 'quality',
      type: 'quality',
      required: false,
      label: { en: 'Quality indicators', sv: 'Kvalitetsindikatorer' },
      help: {
        en: 'Goal indicators whose score (0–1, the mean attainment: 1 at the target, or linear from a baseline) adjusts the reconciliation.',
        sv: 'Målindikatorer vars poäng (0–1, medelvärdet av måluppfyllelsen: 1 vid målvärdet, eller linjärt från ett utgångsläge) justerar avräkningen.',
      },
    },
    {
      key: 'qualityAdjustment',
      type: 'number',
      required: false,
      unit: 'share',
      label: { en: 'Most the quality score moves the reconciliation', sv: 'Största justering efter kvalitet' },
      min: 0,
      max: 1,
      source: 'bpci-advanced',
      help: {
        en: 'With score s and this share a: a gain is paid × (1 − a·(1 − s)), a loss collected × (1 − a·s) (BPCI Advanced: up to 10 %). Default: 0.',
        sv: 'Med poängen s och andelen a: en vinst betalas × (1 − a·(1 − s)), en förlust tas tillbaka × (1 − a·s) (BPCI Advanced: upp till 10 %). Standard: 0.',
      },
    },
  ],
  template: { trigger: 'admission', windowMonths: 3, includedServices: ['admission', 'readmission'], historicalPrice: 0, regionalPrice: 0, regionalWeight: 0.5, discount: 0.03, settlement: 'year' },
};

export const targetPriceKind: PaymentKind<TargetPriceComponent> = {
  description,
  check(r, c, path) {
    r.oneOf(c.trigger, `${path}.trigger`, ['admission']);
    const window = r.number(c.windowMonths, `${path}.windowMonths`, { min: 1, max: MAX_WINDOW_MONTHS, integer: true });
    serviceList(r, c.includedServices, `${path}.includedServices`);
    r.number(c.historicalPrice, `${path}.historicalPrice`, { min: 0, max: MAX_PRICE_KR });
    r.number(c.regionalPrice, `${path}.regionalPrice`, { min: 0, max: MAX_PRICE_KR });
    r.share(c.regionalWeight, `${path}.regionalWeight`);
    r.share(c.discount, `${path}.discount`);
    r.share(c.stopGainRate, `${path}.stopGainRate`);
    r.share(c.stopLossRate, `${path}.stopLossRate`);
    if (c.quality !== undefined) checkQuality(r, c.quality, `${path}.quality`);
    r.share(c.qualityAdjustment, `${path}.qualityAdjustment`);
    if (c.qualityAdjustment !== undefined && c.quality === undefined) r.issues.error(`${path}.qualityAdjustment`, 'adjustmentNeedsQuality', {});
    // The reconciliation compares a year's spending with its target: a shorter period would pay on part of a year's episodes.
    if (c.settlement !== 'year') r.issues.error(`${path}.settlement`, 'reconciledYearly', { kind: 'target-price', got: String(c.settlement ?? 'month') });
    if (c.timing === 'prospective') r.issues.error(`${path}.timing`, 'resultPayIsRetrospective', { kind: 'target-price' });
    return { services: [], windowMonths: window };
  },
  refuses: () => undefined,
  compile(spec, ctx) {
    for (let g = 0; g < ctx.groups.length; g++) if (ctx.groups[g]) ctx.episodeWindow[g] = spec.windowMonths;
    // No package covers anything: the usual fees are paid all year.
    return { services: [], weightedColumn: -1, curve: null, covers: [] };
  },
  width: WIDTH,
  additive: false,
  readsRows: true,
  accrue(c, at, into) {
    if (!c.scope[at.catchment]) return;
    const { d, row, times } = at;
    const s = into.sums;
    const o = at.slot * WIDTH;
    const episodes = d[row + EPISODES];
    s[o] += times * episodes * meanPersonWeight(c, d, row, at.group, at.band, at.catchment);
    s[o + 1] += times * episodes;
    let spending = 0;
    for (const sv of included(c.spec)) {
      const units = d[row + IN_EPISODE + sv];
      if (units === 0) continue;
      for (const p of teamOrProvider(at, sv)) if (p >= 0) spending += units * deliveredCost(at.model, p, sv, at.group, at.coordination);
    }
    s[o + 2] += times * spending;
    if (c.spec.quality) accrueQuality(c.spec.quality, d, row, times, s, o + 3, at);
    into.touched[0] = 1;
  },
  // Episodes, their spending at cost and quality terms are sums of columns; only a person weight reads the band.
  bandFree: (c) => !c.cellWeight,
  payout(c, acc, _period, out) {
    const [weighted, episodes, spending] = totals(acc.sums, acc.slots);
    acc.touched[0] = 1;
    if (episodes <= 0) return;
    const score = qualityScore(c.spec.quality, acc.sums, 3, WIDTH, acc.slots);
    const amount = reconciliationAmount(c.spec, targetPrice(c.spec) * weighted, spending, score);
    // Attributed to need groups and CNI bands by their share of the episodes.
    for (let slot = 0; slot < acc.slots; slot++) {
      const e = acc.sums[slot * WIDTH + 1];
      if (e !== 0) out[slot] += (amount * e) / episodes;
    }
  },
  reconcile(c: ComponentView<TargetPriceComponent>, acc, _period, out): ReconciliationLine[] {
    const [weighted, episodes, spending] = totals(acc.sums, acc.slots);
    if (episodes <= 0) return [];
    const target = targetPrice(c.spec) * weighted;
    let amount = 0;
    for (let i = 0; i < acc.slots; i++) amount += out[i];
    return [
      {
        receiver: 0,
        benchmark: target / episodes,
        actual: spending / episodes,
        units: episodes,
        savingsRate: target > 0 ? (target - spending) / target : 0,
        thresholdMet: true,
        quality: qualityScore(c.spec.quality, acc.sums, 3, WIDTH, acc.slots),
        amount,
      },
    ];
  },
};
