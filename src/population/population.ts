/**
 * People as a struct of arrays: a cell (need group, frailty, residence, age band, sex, CNI band)
 * and a catchment (municipality × primary care centre listed with) per person.
 */
import { CNI_BANDS, GROUP_COUNT, NEED_GROUPS } from '../domain.js';
import type { NeedGroupId } from '../domain.js';
import { NURSING_HOME_SHARE } from '../care/parameters.js';
import type { PopulationSpec, Scenario } from '../scenario/types.js';
import { sequentialRng } from '../random.js';
import { AGE_BANDS, AGE_BAND_COUNT, CELL_COUNT, FRAILTY_CLASSES, FRAILTY_QUANTILES, cellIndex } from './cells.js';

/** Where a person lives and which primary care centre they are listed with. */
export interface Catchment {
  municipality: number; // index into scenario.population.municipalities
  listedAt: number; // index into scenario.providers
}

export interface Population {
  readonly size: number;
  readonly cell: Uint16Array;
  readonly catchment: Uint16Array;
  readonly catchments: readonly Catchment[];
  /** People per catchment × cell, row-major (catchment, cell): what the expected-value engine reads. */
  readonly counts: Float64Array;
  /** Lognormal σ of frailty within groups (sets the cost tail). */
  readonly frailtySigma: number;
  /** Imported risk scores (ACG, HCC, a region's own) summed per catchment × cell, like `counts`. */
  readonly scoreSum?: Float64Array;
  /** People per catchment × cell whose score is in `scoreSum`. */
  readonly scored?: Float64Array;
  /** Per person, the score a person CSV gave (NaN where empty): written back on export. */
  readonly personScore?: Float64Array;
  /** Per person, the raw Care Need Index of the person's area a person CSV gave (NaN where empty): written back on export. */
  readonly personCni?: Float64Array;
}

/** Bytes held per person by a Population (cell + catchment). */
export const POPULATION_BYTES_PER_PERSON = 4;

/**
 * Default lognormal σ of frailty. ASSUMPTION calibrated so the top 1 % carry ≈ 30 % of yearly cost
 * (Forum för Health Policy 2013): 30.3 % with 200,000 people of the 'sweden' age mix, seed 1 (calibration.ts).
 */
export const DEFAULT_FRAILTY_SIGMA = 0.9;

/** Age mix of Sweden, all ages, shares per AGE_BANDS (SCB population statistics 2020, rounded). */
const AGES_SWEDEN = [0.23, 0.33, 0.25, 0.105, 0.04, 0.025, 0.014, 0.008];
/** People 65+ by age, thousands, 31 Dec 2011 (SCB T.9a via docs/sources.md): 65–74, 75–79, 80–84, 85–89, 90+. */
const AGES_ELDERLY = [0, 0, 0, 578.5 + 401.4, 306.6, 244.9, 163.3, 72.8 + 15.5 + 1.8];

/**
 * Share of each need group per age band (rows AGE_BANDS, columns NEED_GROUPS 1–4; the healthy group
 * takes the rest). ASSUMPTION, calibrated by src/population/calibration.ts to Forum för Health Policy 2013: people with
 * ≥ 2 chronic conditions (groups 1 and 4, and the frailest of groups 2 and 3) get about half of all
 * cost and are typically 75–87 years old, so multimorbidity stays rare before 65 and reaches about
 * 55 % at 75+ (Marengoni et al. 2008: 55 % at 77+). That is a narrower multimorbidity than the
 * 21.6 % all ages of Region Stockholm 2017 (docs/sources.md): with that many, most would be under 75.
 */
export const GROUP_MIX_BY_AGE: readonly (readonly number[])[] = [
  [0.001, 0.004, 0.02, 0.005], // 0–19: ASSUMPTION; group 3 = neuropsychiatric disability, children's mental ill-health (Vårdanalys 2017, 3.3.1)
  [0.002, 0.008, 0.05, 0.012], // 20–44: ASSUMPTION; group 1 = severe mental illness with addiction (Vårdanalys 2017, 3.3.1)
  [0.008, 0.02, 0.05, 0.03], // 45–64: ASSUMPTION
  [0.035, 0.03, 0.04, 0.1], // 65–74: ASSUMPTION
  [0.1, 0.04, 0.04, 0.38], // 75–79: ASSUMPTION; ≈ 50 % multimorbid (Marengoni et al. 2008)
  [0.18, 0.04, 0.04, 0.4], // 80–84: ASSUMPTION; group 1 = the most ill elderly (Vårdanalys 2017, 3.3.1)
  [0.33, 0.04, 0.04, 0.32], // 85–89: ASSUMPTION
  [0.5, 0.04, 0.04, 0.22], // 90+: ASSUMPTION; ≈ 70 % multimorbid
];

/** CNI mix when none is given: equal fifths (the bands are quintiles of the national index). */
const CNI_EVEN = [0.2, 0.2, 0.2, 0.2, 0.2];

/**
 * Relative share of people with care needs (need groups 1–4) per CNI band, lowest to highest.
 * CNI weights seven census variables by how much GPs rate each adds to their workload (Sundquist et
 * al. 2003, docs/sources.md: sundquist-2003), so areas with a higher index have more people in need:
 * that is the direction. The size is an ASSUMPTION (no Swedish morbidity ratio by CNI quintile in
 * the sources): the highest band 1.5 times the lowest. The mean over equal fifths is 1, so a region
 * with the national CNI mix keeps the need-group mix of GROUP_MIX_BY_AGE.
 */
export const CNI_NEED_RATIO = [0.8, 0.9, 1, 1.1, 1.2] as const;

function normalise(xs: readonly number[]): number[] {
  const total = xs.reduce((a, b) => a + b, 0);
  return xs.map((x) => x / total);
}

function pick(cumulative: readonly number[], u: number): number {
  for (let i = 0; i < cumulative.length - 1; i++) if (u < cumulative[i]) return i;
  return cumulative.length - 1;
}

function cumulate(shares: readonly number[]): number[] {
  let run = 0;
  return shares.map((s) => (run += s));
}

function ageShares(spec: PopulationSpec): number[] {
  if (spec.ages === undefined || spec.ages === 'sweden') return normalise(AGES_SWEDEN);
  if (spec.ages === 'elderly-65plus') return normalise(AGES_ELDERLY);
  const table = spec.ages;
  return normalise(AGE_BANDS.map((b) => table[b.id] ?? 0));
}

function groupShares(spec: PopulationSpec, band: number, cni: number): number[] {
  const row = normalise(spec.groupMix?.[AGE_BANDS[band].id] ?? [...GROUP_MIX_BY_AGE[band], 1 - GROUP_MIX_BY_AGE[band].reduce((a, b) => a + b, 0)]);
  // Groups 1–4 scaled by the band's need ratio; the healthy (last) take what is left.
  const needy = row.slice(0, -1).map((x) => x * CNI_NEED_RATIO[cni]);
  const total = needy.reduce((a, b) => a + b, 0);
  const scaled = total > 0.99 ? needy.map((x) => (x * 0.99) / total) : needy;
  return [...scaled, 1 - scaled.reduce((a, b) => a + b, 0)];
}

/**
 * The catchments of a scenario: every municipality × every primary care centre in the listing.
 * @example catchmentsOf(scenario).length // municipalities × listed centres
 */
export function catchmentsOf(scenario: Scenario): Catchment[] {
  const out: Catchment[] = [];
  const providerIndex = new Map(scenario.providers.map((p, i) => [p.id, i]));
  scenario.population.municipalities.forEach((_, m) => {
    for (const l of scenario.population.listing) out.push({ municipality: m, listedAt: providerIndex.get(l.provider) ?? -1 });
  });
  return out;
}

/**
 * Draw a synthetic population for a scenario, reproducibly from `seed`.
 * @example const pop = synthesizePopulation(scenario, 42); pop.size === scenario.population.size
 */
export function synthesizePopulation(scenario: Scenario, seed: number): Population {
  const spec = scenario.population;
  const n = spec.size;
  const rng = sequentialRng(seed, 'population');
  const catchments = catchmentsOf(scenario);
  const listings = spec.listing.length;
  const ageCum = cumulate(ageShares(spec));
  const groupCum = Array.from({ length: AGE_BAND_COUNT }, (_, b) => Array.from({ length: CNI_BANDS }, (_, q) => cumulate(groupShares(spec, b, q))));
  const muniCum = cumulate(spec.municipalities.map((m) => m.share));
  const cniCum = spec.municipalities.map((m) => cumulate(m.cniMix ?? spec.cniMix ?? CNI_EVEN));
  const listCum = cumulate(spec.listing.map((l) => l.share));
  const frailCum = FRAILTY_QUANTILES.slice(1);
  const groupIds = NEED_GROUPS.map((g) => g.id) as NeedGroupId[];

  const counts = new Float64Array(catchments.length * CELL_COUNT);
  for (let i = 0; i < n; i++) {
    // Where a person lives comes first: the area's CNI band shifts the need-group mix.
    const m = pick(muniCum, rng());
    const cni = pick(cniCum[m], rng());
    const ageBand = pick(ageCum, rng());
    const group = pick(groupCum[ageBand][cni], rng());
    const frailty = pick(frailCum, rng());
    // Frailer people are likelier to live in a nursing home: scale the band's share by frailty rank.
    const nursingShare = NURSING_HOME_SHARE[groupIds[group]][ageBand] * (0.25 + (1.5 * frailty) / (FRAILTY_CLASSES - 1));
    const residence = rng() < nursingShare ? 1 : 0;
    const sex = rng() < 0.5 ? 0 : 1;
    const l = pick(listCum, rng());
    const c = cellIndex({ group, frailty, residence, ageBand, sex, cni });
    counts[(m * listings + l) * CELL_COUNT + c] += 1;
  }
  // People are laid out catchment by catchment and cell by cell: the simulation then walks its
  // tables in order, which keeps them in cache. Who is who is arbitrary, so nothing else changes.
  return populationFromCounts(counts, catchments, spec.frailtySigma ?? DEFAULT_FRAILTY_SIGMA);
}

/**
 * Build a Population from per-cell counts (an imported cell table): people are laid out cell by cell.
 * @example populationFromCounts(counts, catchments, 1.0).size
 */
export function populationFromCounts(counts: Float64Array, catchments: readonly Catchment[], frailtySigma: number): Population {
  let n = 0;
  for (let j = 0; j < counts.length; j++) n += Math.round(counts[j]);
  const cell = new Uint16Array(n);
  const catchment = new Uint16Array(n);
  const rounded = new Float64Array(counts.length);
  let i = 0;
  for (let j = 0; j < counts.length; j++) {
    const k = Math.round(counts[j]);
    rounded[j] = k;
    const c = j % CELL_COUNT;
    const a = (j - c) / CELL_COUNT;
    for (let r = 0; r < k; r++, i++) {
      cell[i] = c;
      catchment[i] = a;
    }
  }
  return { size: n, cell, catchment, catchments, counts: rounded, frailtySigma };
}

export { GROUP_COUNT, CNI_BANDS };
