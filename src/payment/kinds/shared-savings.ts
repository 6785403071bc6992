/**
 * Shared savings (delade besparingar; the accountable-care contracts of the US Medicare Shared
 * Savings Program): providers keep being paid as before; once a year the payer compares what care
 * for the payee's attributed population cost per member-month with a benchmark, and pays the payee
 * a share of the savings when they reach a minimum savings rate (MSR) — scaled or gated by a quality
 * score, up to a cap. Two-sided, the payee also pays back a share of losses beyond a minimum loss
 * rate, up to a cap. Paid to one provider, or to a pool that splits it among its members by its rule
 * (stated shares, equal, by cost, by activity).
 *
 * Spending is priced as spending.ts says. Attribution: the people listed with the payee (or a
 * pool's members), or by plurality of primary care visits. In the model everyone in a catchment
 * makes their primary care visits at the one provider serving the catchment, so attribution by
 * visits is exact here: the catchments where the payee delivers the primary care visits.
 */
import { CNI_BANDS, GROUP_COUNT, O, S, SERVICE_COUNT } from '../../domain.js';
import { OUTCOME } from '../../engine/activity.js';
import type { CompiledModel } from '../../engine/model.js';
import { msg } from '../../messages/index.js';
import type { SharedSavingsComponent } from '../../scenario/types.js';
import { isObject } from '../../scenario/validate-core.js';
import { QUALITY_WIDTH, accrueQuality, checkQuality, qualityScore } from './quality.js';
import type { Accrual, ComponentView, FieldDescription, KindDescription, KindPlan, PaymentKind, Period, ReconciliationLine } from './kind.js';
import { rowSpending, spendingPrices } from './spending.js';

const PEOPLE = OUTCOME + O.personMonths;
/** Per slot: spending, member-months, case-mix weighted member-months, then the quality measures' numerators and denominators. */
const WIDTH = 3 + QUALITY_WIDTH;
const DEFAULT_MSR = 0.02;

/**
 * The MSSP's minimum savings rate by the number of assigned beneficiaries (one-sided track,
 * 42 CFR § 425.604(b); docs/sources.md `mssp-msr`): [fewest people, rate]. The programme sets it
 * at a 90 % confidence interval of the yearly change in per-capita spending, so chance alone
 * rarely crosses it.
 */
export const MSR_TABLE: readonly (readonly [number, number])[] = [
  [5000, 0.039],
  [6000, 0.036],
  [7000, 0.034],
  [8000, 0.032],
  [9000, 0.031],
  [10000, 0.03],
  [15000, 0.027],
  [20000, 0.025],
  [50000, 0.022],
  [60000, 0.02],
];

/**
 * The minimum savings rate for an attributed population of `people`: the MSSP table from 5,000;
 * below it (the programme's minimum size) the 5,000 rate grows as 1/√people — the law of a mean's
 * random error (ASSUMPTION: the table itself flattens faster than that above 5,000).
 * @example msrForSize(12000) // 0.03
 */
export function msrForSize(people: number): number {
  if (!(people > 0)) return 1;
  if (people < MSR_TABLE[0][0]) return MSR_TABLE[0][1] * Math.sqrt(MSR_TABLE[0][0] / people);
  let rate = MSR_TABLE[0][1];
  for (const [from, r] of MSR_TABLE) if (people >= from) rate = r;
  return rate;
}

/** What compile adds to the common plan: where people are attributed, how spending is priced and risk-weighted. */
interface SavingsPlan extends KindPlan {
  /** 1 for catchments whose people are attributed to the payee. */
  attributed: Uint8Array;
  /** kr per unit of each service (spending.ts), over the chosen providers. */
  prices: Float64Array;
  /** Mean case-mix weight of a row's people, [(catchment × GROUP_COUNT + group) × CNI_BANDS + band], or null unadjusted. */
  rowWeight: Float64Array | null;
}

/** The members of a payee: the provider itself, or a pool's members. */
function payeeMembers(model: CompiledModel, payee: string): Uint8Array {
  const member = new Uint8Array(model.providerIds.length);
  const pool = model.scenario.pools?.find((p) => p.id === payee);
  for (const id of pool ? pool.members : [payee]) {
    const p = model.providerIds.indexOf(id);
    if (p >= 0) member[p] = 1;
  }
  return member;
}

/** A share field (a rate, a cap) with its help in both languages. */
const rate = (en: string, sv: string, extra: Partial<FieldDescription> & { key: string }): FieldDescription => ({ type: 'number', required: false, unit: 'share', min: 0, max: 1, help: { en, sv }, ...extra });

/** The shared-savings kind as people read it: its fields, for the validator, the editor and the docs. */
export const description: KindDescription = {
  kind: 'shared-savings',
  label: { en: 'Shared savings (benchmark and yearly reconciliation)', sv: 'Delade besparingar (jämförelsenivå och årlig avstämning)' },
  help: {
    en: 'Once a year, spending per member-month of the attributed population is compared with a benchmark; savings beyond a minimum rate are shared with the payee (and, two-sided, losses beyond a minimum rate are paid back).',
    sv: 'En gång per år jämförs kostnaden per listningsmånad för den tillskrivna befolkningen med en jämförelsenivå; besparingar över en lägsta nivå delas med mottagaren (och i ett tvåsidigt avtal betalas förluster över en lägsta nivå tillbaka).',
  },
  fields: [
    {
      key: 'benchmark',
      lever: true,
      type: 'number',
      required: true,
      unit: 'kr/member-month',
      label: { en: 'Benchmark', sv: 'Jämförelsenivå' },
      min: 0,
      max: 1_000_000,
      help: {
        en: 'Expected spending per member-month without the contract, in benchmarkYear (per case-mix weighted member-month when risk-adjusted).',
        sv: 'Förväntad kostnad per listningsmånad utan avtalet, för benchmarkYear (per vårdtyngdsviktad listningsmånad vid riskjustering).',
      },
    },
    {
      key: 'benchmarkYear',
      type: 'integer',
      required: false,
      unit: 'year',
      label: { en: 'Baseline year of the benchmark', sv: 'Basår för jämförelsenivån' },
      min: 1900,
      max: 2200,
      help: {
        en: 'The calendar year the benchmark was measured in; with a trend, each later year’s benchmark is benchmark × (1 + trend)^(years since).',
        sv: 'Det kalenderår jämförelsenivån mättes; med en trend blir varje senare års nivå jämförelsenivån × (1 + trend)^(antal år sedan dess).',
      },
    },
    {
      key: 'trend',
      type: 'number',
      required: false,
      unit: 'rate',
      label: { en: 'Yearly trend of the benchmark', sv: 'Årlig uppräkning av jämförelsenivån' },
      min: -0.5,
      max: 0.5,
      default: 0,
      help: {
        en: 'Yearly growth of the benchmark from its baseline year (0.03 = 3 % a year). The model’s prices do not grow, so 0 keeps it in the model’s constant prices.',
        sv: 'Årlig ökning av jämförelsenivån från basåret (0,03 = 3 % per år). Modellens priser växer inte, så 0 håller den i modellens fasta priser.',
      },
    },
    {
      key: 'riskAdjusted',
      type: 'boolean',
      required: false,
      default: false,
      label: { en: 'Risk-adjusted (case-mix weights)', sv: 'Riskjusterad (vårdtyngdsvikter)' },
      help: {
        en: 'Benchmark and spending per member-month weighted by the scenario’s case-mix weights (ACG-like, mean 1.00), so a sicker population is not read as a costlier one.',
        sv: 'Jämförelsenivå och kostnad per listningsmånad viktade med scenariots vårdtyngdsvikter (ACG-liknande, medel 1,00), så att en sjukare befolkning inte läses som en dyrare.',
      },
    },
    {
      key: 'attribution',
      type: 'choice',
      required: false,
      values: ['listed', 'visits'],
      default: 'listed',
      label: { en: 'Whose people count', sv: 'Vilka personer som räknas' },
      valueLabels: { listed: { en: 'Listed with the payee', sv: 'Listade hos mottagaren' }, visits: { en: 'Plurality of primary care visits', sv: 'Flest besök i primärvården' } },
      help: {
        en: 'The attributed population: people listed with the payee (or a pool’s members), or people who make most of their primary care visits there.',
        sv: 'Den tillskrivna befolkningen: personer listade hos mottagaren (eller hos poolens medlemmar), eller personer som gör flest av sina primärvårdsbesök där.',
      },
    },
    {
      key: 'spendingProviders',
      type: 'providers',
      required: false,
      label: { en: 'Whose services count as spending', sv: 'Vems insatser som räknas som kostnad' },
      help: {
        en: 'Providers whose services make the spending (default: every provider, the total cost of care).',
        sv: 'Vårdgivare vars insatser utgör kostnaden (standard: alla vårdgivare, den totala vårdkostnaden).',
      },
    },
    rate('Savings must reach this share of the benchmark before any is shared (default 0.02).', 'Besparingen måste nå denna andel av jämförelsenivån innan något delas (standard 0,02).', {
      key: 'minimumSavingsRate',
      label: { en: 'Minimum savings rate', sv: 'Lägsta besparingsgrad' },
      max: 0.5,
      source: 'mssp-msr',
    }),
    {
      key: 'msrBySize',
      type: 'boolean',
      required: false,
      default: false,
      label: { en: 'Minimum savings rate by population size', sv: 'Lägsta besparingsgrad efter befolkningens storlek' },
      source: 'mssp-msr',
      help: {
        en: 'Set the minimum savings rate from the attributed population’s size, as the Medicare Shared Savings Program does (3.9 % at 5,000 people to 2 % at 60,000), so chance alone rarely crosses it.',
        sv: 'Sätt den lägsta besparingsgraden efter den tillskrivna befolkningens storlek, som Medicare Shared Savings Program gör (3,9 % vid 5 000 personer till 2 % vid 60 000), så att slumpen sällan ensam når över den.',
      },
    },
    rate('Share of the savings paid to the payee.', 'Andel av besparingen som betalas till mottagaren.', {
      key: 'sharingRate',
      lever: true,
      required: true,
      label: { en: 'Sharing rate', sv: 'Delningsgrad' },
      source: 'mssp-sharing',
    }),
    rate('Most shared in a year, as a share of benchmark spending (none by default).', 'Högsta delade belopp per år, som andel av kostnaden på jämförelsenivån (inget tak som standard).', {
      key: 'savingsCap',
      label: { en: 'Cap on shared savings', sv: 'Tak för delade besparingar' },
      source: 'mssp-sharing',
    }),
    {
      key: 'twoSided',
      type: 'boolean',
      required: false,
      default: false,
      label: { en: 'Two-sided (losses are shared too)', sv: 'Tvåsidigt (även förluster delas)' },
      help: { en: 'The payee also pays back a share of spending above the benchmark.', sv: 'Mottagaren betalar också tillbaka en andel av kostnaden över jämförelsenivån.' },
    },
    rate('Losses must reach this share of the benchmark before any is owed (default: the minimum savings rate).', 'Förlusten måste nå denna andel av jämförelsenivån innan något ska betalas tillbaka (standard: den lägsta besparingsgraden).', {
      key: 'minimumLossRate',
      label: { en: 'Minimum loss rate', sv: 'Lägsta förlustgrad' },
      max: 0.5,
      showWhen: { key: 'twoSided', values: [true] },
      source: 'mssp-sharing',
    }),
    rate('Share of the losses the payee pays back (default: the sharing rate).', 'Andel av förlusten som mottagaren betalar tillbaka (standard: delningsgraden).', {
      key: 'lossSharingRate',
      label: { en: 'Loss-sharing rate', sv: 'Andel av förlusten' },
      showWhen: { key: 'twoSided', values: [true] },
      source: 'mssp-sharing',
    }),
    rate('Most owed in a year, as a share of benchmark spending (none by default).', 'Högsta belopp att betala tillbaka per år, som andel av kostnaden på jämförelsenivån (inget tak som standard).', {
      key: 'lossCap',
      label: { en: 'Cap on losses', sv: 'Tak för förluster' },
      showWhen: { key: 'twoSided', values: [true] },
      source: 'mssp-sharing',
    }),
    {
      key: 'quality',
      type: 'quality',
      required: false,
      label: { en: 'Quality indicators', sv: 'Kvalitetsindikatorer' },
      help: {
        en: 'Goal indicators, measured on the attributed population, whose score (0–1, the mean attainment: 1 at the target, or linear from a baseline) scales the share of savings or gates it.',
        sv: 'Målindikatorer, mätta på den tillskrivna befolkningen, vars poäng (0–1, medelvärdet av måluppfyllelsen: 1 vid målvärdet, eller linjärt från ett utgångsläge) skalar andelen av besparingen eller spärrar den.',
      },
    },
    {
      key: 'qualityGate',
      type: 'choice',
      required: false,
      values: ['scale', 'floor'],
      default: 'scale',
      label: { en: 'How quality acts', sv: 'Hur kvaliteten verkar' },
      valueLabels: { scale: { en: 'Scales the share', sv: 'Skalar andelen' }, floor: { en: 'Nothing below a floor', sv: 'Inget under en lägsta nivå' } },
      help: {
        en: 'scale: the share of savings is multiplied by the quality score; floor: the full share at a score of at least qualityFloor, nothing below it.',
        sv: 'scale: andelen av besparingen multipliceras med kvalitetspoängen; floor: hela andelen vid en poäng på minst qualityFloor, inget under den.',
      },
    },
    rate('The least quality score that earns a share (default 1: the target met).', 'Den lägsta kvalitetspoäng som ger en andel (standard 1: målet nått).', {
      key: 'qualityFloor',
      label: { en: 'Quality floor', sv: 'Lägsta kvalitetspoäng' },
      showWhen: { key: 'qualityGate', values: ['floor'] },
    }),
  ],
  template: { benchmark: 1000, sharingRate: 0.5, minimumSavingsRate: 0.02, settlement: 'year' },
};

/** Calendar year in which a period starts (a steady year's view of the model starts in its own year). */
function yearOf(period: Period): number {
  return Math.floor((period.model.startMonth + (period.start ?? 0)) / 12);
}


/**
 * A year's reconciliation from its sums: benchmark, actual spending, savings rate, whether the
 * minimum rate was crossed, quality and the amount paid (+) or owed (−).
 * @example reconcileYear(view, acc, period).amount
 */
export function reconcileYear(c: ComponentView<SharedSavingsComponent>, acc: Accrual, period: Period): ReconciliationLine {
  const spec = c.spec;
  const s = acc.sums;
  let spending = 0;
  let memberMonths = 0;
  let weighted = 0;
  for (let slot = 0; slot < acc.slots; slot++) {
    const o = slot * acc.width;
    spending += s[o];
    memberMonths += s[o + 1];
    weighted += s[o + 2];
  }
  const units = spec.riskAdjusted ? weighted : memberMonths;
  const years = spec.benchmarkYear === undefined ? 0 : yearOf(period) - spec.benchmarkYear;
  const benchmark = spec.benchmark * Math.pow(1 + (spec.trend ?? 0), years);
  const msr = spec.msrBySize ? msrForSize(memberMonths / Math.max(1, period.months)) : (spec.minimumSavingsRate ?? DEFAULT_MSR);
  const mlr = spec.minimumLossRate ?? msr;
  if (!(units > 0) || !(benchmark > 0)) return { receiver: 0, benchmark, actual: NaN, units, savingsRate: NaN, thresholdMet: false, quality: NaN, amount: 0, threshold: msr };
  const actual = spending / units;
  const savingsRate = (benchmark - actual) / benchmark;
  const score = qualityScore(spec.quality, s, 3, acc.width, acc.slots);
  const factor = spec.qualityGate === 'floor' ? (score >= (spec.qualityFloor ?? 1) ? 1 : 0) : score;
  let amount = 0;
  let thresholdMet = false;
  if (savingsRate >= 0 && savingsRate >= msr) {
    thresholdMet = true;
    amount = spec.sharingRate * factor * (benchmark - actual) * units;
    if (spec.savingsCap !== undefined) amount = Math.min(amount, spec.savingsCap * benchmark * units);
  } else if (spec.twoSided && savingsRate < 0 && -savingsRate >= mlr) {
    thresholdMet = true;
    amount = -(spec.lossSharingRate ?? spec.sharingRate) * (actual - benchmark) * units;
    if (spec.lossCap !== undefined) amount = Math.max(amount, -spec.lossCap * benchmark * units);
  }
  // Zero, never −0: a ledger line of nothing is no line.
  return { receiver: 0, benchmark, actual, units, savingsRate, thresholdMet, quality: score, amount: amount === 0 ? 0 : amount, threshold: savingsRate >= 0 ? msr : mlr };
}

export const sharedSavings: PaymentKind<SharedSavingsComponent> = {
  description,
  check(r, c, path, index) {
    r.number(c.benchmark, `${path}.benchmark`, { min: 0, max: 1_000_000 });
    const year = r.number(c.benchmarkYear, `${path}.benchmarkYear`, { min: 1900, max: 2200, integer: true });
    const trend = r.number(c.trend, `${path}.trend`, { min: -0.5, max: 0.5 });
    if (trend !== undefined && trend !== 0 && year === undefined) r.issues.error(`${path}.trend`, 'trendNeedsYear', {});
    r.boolean(c.riskAdjusted, `${path}.riskAdjusted`);
    r.oneOf(c.attribution, `${path}.attribution`, ['listed', 'visits']);
    const providers = r.array(c.spendingProviders, `${path}.spendingProviders`, { nonEmpty: true });
    const seen: string[] = [];
    providers?.forEach((item, i) => {
      const id = r.reference(item, `${path}.spendingProviders[${i}]`, index.providers.keys(), 'provider');
      if (id !== undefined && seen.includes(id)) r.issues.error(`${path}.spendingProviders[${i}]`, 'listedTwice', { id });
      else if (id !== undefined) seen.push(id);
    });
    r.number(c.minimumSavingsRate, `${path}.minimumSavingsRate`, { min: 0, max: 0.5 });
    const bySize = r.boolean(c.msrBySize, `${path}.msrBySize`);
    if (bySize === true && c.minimumSavingsRate !== undefined) r.issues.error(`${path}.msrBySize`, 'msrTwice', {});
    r.share(c.sharingRate, `${path}.sharingRate`);
    r.share(c.savingsCap, `${path}.savingsCap`);
    const twoSided = r.boolean(c.twoSided, `${path}.twoSided`);
    r.number(c.minimumLossRate, `${path}.minimumLossRate`, { min: 0, max: 0.5 });
    r.share(c.lossSharingRate, `${path}.lossSharingRate`);
    r.share(c.lossCap, `${path}.lossCap`);
    if (twoSided !== true) for (const key of ['minimumLossRate', 'lossSharingRate', 'lossCap']) if (c[key] !== undefined) r.issues.error(`${path}.${key}`, 'oneSidedHasNoLosses', { key });
    checkQuality(r, c.quality, `${path}.quality`);
    if (Array.isArray(c.quality)) c.quality.forEach((m, i) => isObject(m) && m.indicator === 'spendingPerMember' && r.issues.error(`${path}.quality[${i}].indicator`, 'spendingIndicatorIsSpending', {}));
    const gate = r.oneOf(c.qualityGate, `${path}.qualityGate`, ['scale', 'floor']);
    r.share(c.qualityFloor, `${path}.qualityFloor`);
    if (c.qualityFloor !== undefined && gate !== 'floor') r.issues.error(`${path}.qualityFloor`, 'floorNeedsGate', {});
    if (c.quality === undefined) for (const key of ['qualityGate', 'qualityFloor']) if (c[key] !== undefined) r.issues.error(`${path}.${key}`, 'qualityNeedsIndicator', { key });
    if (c.settlement !== 'year') r.issues.error(`${path}.settlement`, 'savingsSettleYearly', { got: typeof c.settlement === 'string' ? c.settlement : 'month' });
    if (c.timing === 'prospective') r.issues.error(`${path}.timing`, 'resultPayIsRetrospective', { kind: 'shared-savings' });
    return { services: [] };
  },
  refuses(c, key) {
    if (key === 'weight') return msg('savingsWeightRefused', {});
    if (key === 'floor' && c.twoSided === true) return msg('floorCancelsLosses', {});
    if (key === 'withhold') return msg('savingsWithholdRefused', {});
    return undefined;
  },
  compile(spec, ctx): SavingsPlan {
    const { model } = ctx;
    const K = model.catchments.length;
    const member = payeeMembers(model, spec.payee);
    const attributed = new Uint8Array(K);
    for (let k = 0; k < K; k++) {
      const p = spec.attribution === 'visits' ? model.serviceProvider[k * SERVICE_COUNT + S.primaryVisit] : model.catchments[k].listedAt;
      if (p >= 0 && member[p]) attributed[k] = 1;
    }
    let chosen: Uint8Array | null = null;
    if (spec.spendingProviders) {
      chosen = new Uint8Array(model.providerIds.length);
      for (const id of spec.spendingProviders) chosen[model.providerIds.indexOf(id)] = 1;
    }
    let rowWeight: Float64Array | null = null;
    if (spec.riskAdjusted && ctx.caseMixPeople) {
      const { people, weighted } = ctx.caseMixPeople;
      rowWeight = Float64Array.from(people, (n, i) => (n > 0 ? weighted[i] / n : 1));
    }
    return { services: [], weightedColumn: -1, curve: null, covers: [], attributed, prices: spendingPrices(model, chosen), rowWeight };
  },
  width: WIDTH,
  additive: false,
  readsRows: true,
  accrue(c, at, into) {
    const own = c.own as SavingsPlan;
    const k = at.catchment;
    if (!own.attributed[k]) return;
    const { d, row } = at;
    const people = d[row + PEOPLE];
    const o = at.slot * WIDTH; // one receiver: the payee
    const s = into.sums;
    into.touched[0] = 1;
    s[o] += at.times * rowSpending(own.prices, d, row, k, at.group);
    s[o + 1] += at.times * people;
    s[o + 2] += at.times * people * (own.rowWeight ? own.rowWeight[(k * GROUP_COUNT + at.group) * CNI_BANDS + at.band] : 1);
    if (c.spec.quality) accrueQuality(c.spec.quality, d, row, at.times, s, o + 3, at);
  },
  // Spending, people and quality terms are sums of columns; only a risk weight per row reads the band.
  bandFree: (c) => !(c.own as SavingsPlan).rowWeight,
  payout(c, acc, period, out) {
    acc.touched[0] = 1;
    out[period.lump] += reconcileYear(c, acc, period).amount;
  },
  reconcile: (c, acc, period) => [reconcileYear(c, acc, period)],
};
