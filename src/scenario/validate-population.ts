/** The population section: size, mixes, municipalities and listing with primary care. */
import { CNI_BANDS, GROUP_COUNT } from '../domain.js';
import { AGE_BANDS } from '../population/cells.js';
import { MAX_CHANGE_RATE, SWEDEN_2020, TURNING_65_2011 } from '../population/change.js';
import { msg } from '../messages/index.js';
import { indexPath, keyPath } from './issues.js';
import type { JsonObject, Reader } from './validate-core.js';
import type { ScenarioIndex } from './validate-parties.js';

import { BYTES_PER_PERSON, MAX_CATCHMENTS, MAX_FRAILTY_SIGMA, MAX_POPULATION, MAX_YEARS, MIN_POPULATION } from '../limits.js';

export { MAX_POPULATION };

const POPULATION_KEYS = {
  required: ['size', 'municipalities', 'listing'],
  optional: ['csv', 'ages', 'groupMix', 'cniMix', 'frailtySigma', 'riskWeightR2', 'change'],
} as const;
const CHANGE_KEYS = { required: [], optional: ['ageing', 'entry', 'inMigration', 'outMigration'] } as const;
const MUNICIPALITY_KEYS = { required: ['id', 'name', 'share'], optional: ['cniMix'] } as const;
const LISTING_KEYS = { required: ['provider', 'share'] } as const;
const AGE_MIXES = ['sweden', 'elderly-65plus'] as const;
const AGE_BAND_IDS: readonly string[] = AGE_BANDS.map((b) => b.id);

/** Age mixes are given on the population model's own bands; any other key would be ignored. */
function checkAgeBand(r: Reader, band: string, path: string): boolean {
  return r.reference(band, path, AGE_BAND_IDS, 'age band') !== undefined;
}

function checkAges(r: Reader, ages: unknown, path: string): void {
  if (typeof ages === 'string') {
    if (!(AGE_MIXES as readonly string[]).includes(ages)) r.issues.error(path, 'ageMix', { text: ages, values: AGE_MIXES });
    return;
  }
  const bands = r.object(ages, path);
  if (bands === undefined) return;
  const shares = Object.entries(bands).map(([band, share]) => {
    const at = keyPath(path, band);
    return checkAgeBand(r, band, at) ? r.share(share, at) : undefined;
  });
  if (shares.every((s) => s !== undefined)) r.sumsToOne(shares as number[], path);
}

/**
 * Population change: yearly rates per person, each bounded with the reason; and the people listed
 * over the run (the microsimulation keeps a place for everyone it has simulated) within the limit.
 */
function checkChange(r: Reader, value: unknown, path: string, size: number | undefined, years: unknown): void {
  const change = r.object(value, path, CHANGE_KEYS);
  if (change === undefined) return;
  r.boolean(change.ageing, keyPath(path, 'ageing'));
  const rate = (key: 'entry' | 'inMigration' | 'outMigration') =>
    r.number(change[key], keyPath(path, key), { min: 0, max: MAX_CHANGE_RATE, rangeMessage: (got) => msg('populationChangeRate', { got, max: MAX_CHANGE_RATE }) });
  // Without a rate given, the largest default (people turning 65 of a 65+ population; Sweden's moves in).
  const entry = change.entry === undefined ? TURNING_65_2011 : rate('entry');
  const moving = change.inMigration === undefined ? SWEDEN_2020.inMigration : rate('inMigration');
  rate('outMigration');
  if (size === undefined || entry === undefined || moving === undefined || typeof years !== 'number' || !Number.isInteger(years) || years < 1 || years > MAX_YEARS) return;
  const people = Math.ceil(size * Math.pow(1 + entry + moving, years));
  if (people > MAX_POPULATION) r.issues.error(path, 'populationChangeTooLarge', { people, limit: MAX_POPULATION });
}

function checkMunicipalities(r: Reader, value: unknown, path: string): void {
  const list = r.array(value, path, { nonEmpty: true });
  if (list === undefined) return;
  const seen = new Map<string, string>();
  const shares = list.map((item, i) => {
    const at = indexPath(path, i);
    const municipality = r.object(item, at, MUNICIPALITY_KEYS);
    if (municipality === undefined) return undefined;
    const id = r.id(municipality.id, keyPath(at, 'id'));
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined) r.issues.error(keyPath(at, 'id'), 'duplicateMunicipality', { id, first });
      else seen.set(id, at);
    }
    r.string(municipality.name, keyPath(at, 'name'));
    r.shareVector(municipality.cniMix, keyPath(at, 'cniMix'), CNI_BANDS, 'cni band');
    return r.share(municipality.share, keyPath(at, 'share'));
  });
  if (shares.every((s) => s !== undefined)) r.sumsToOne(shares as number[], path);
}

function checkListing(r: Reader, value: unknown, path: string, index: ScenarioIndex): void {
  const list = r.array(value, path, { nonEmpty: true });
  if (list === undefined) return;
  const listed: string[] = [];
  const shares = list.map((item, i) => {
    const at = indexPath(path, i);
    const listing = r.object(item, at, LISTING_KEYS);
    if (listing === undefined) return undefined;
    const providerPath = keyPath(at, 'provider');
    const id = r.reference(listing.provider, providerPath, index.providers.keys(), 'provider');
    const type = id === undefined ? undefined : index.providers.get(id)?.type;
    if (id !== undefined && type !== undefined && type !== 'primary-care') {
      r.issues.error(providerPath, 'listedNotPrimary', { id, type });
    } else if (id !== undefined && listed.includes(id)) {
      r.issues.error(providerPath, 'listedTwice', { id });
    }
    if (id !== undefined) listed.push(id);
    return r.share(listing.share, keyPath(at, 'share'));
  });
  if (shares.every((s) => s !== undefined)) r.sumsToOne(shares as number[], path);
  for (const provider of index.providers.values()) {
    if (provider.type === 'primary-care' && !listed.includes(provider.id)) {
      r.issues.warn(provider.path, 'nobodyListed', { id: provider.id });
    }
  }
}

/**
 * Check `population`.
 * @example validatePopulation(reader, json, buildIndex(json))
 */
export function validatePopulation(r: Reader, doc: JsonObject, index: ScenarioIndex): void {
  const population = r.object(doc.population, 'population', POPULATION_KEYS);
  if (population === undefined) return;
  const size = r.number(population.size, 'population.size', { min: MIN_POPULATION, integer: true });
  if (size !== undefined && size > MAX_POPULATION) {
    const gigabytes = Math.round((size * BYTES_PER_PERSON) / 1e8) / 10;
    r.issues.error('population.size', 'populationTooLarge', { size, gigabytes, limit: MAX_POPULATION });
  }
  const csv = r.string(population.csv, 'population.csv');
  if (csv !== undefined && csv.trim() === '') r.issues.error('population.csv', 'notEmpty', {});
  checkAges(r, population.ages, 'population.ages');
  for (const [band, row, at] of Object.entries(r.object(population.groupMix, 'population.groupMix') ?? {}).map(
    ([band, row]) => [band, row, keyPath('population.groupMix', band)] as const,
  )) {
    if (checkAgeBand(r, band, at)) r.shareVector(row, at, GROUP_COUNT, 'need group');
  }
  r.shareVector(population.cniMix, 'population.cniMix', CNI_BANDS, 'cni band');
  r.number(population.frailtySigma, 'population.frailtySigma', { min: 0, max: MAX_FRAILTY_SIGMA });
  r.number(population.riskWeightR2, 'population.riskWeightR2', { min: 0, max: 1 });
  const simulation = typeof doc.simulation === 'object' && doc.simulation !== null ? (doc.simulation as JsonObject) : {};
  checkChange(r, population.change, 'population.change', size, simulation.years);
  checkMunicipalities(r, population.municipalities, 'population.municipalities');
  checkListing(r, population.listing, 'population.listing', index);
  const municipalities = Array.isArray(population.municipalities) ? population.municipalities.length : 0;
  const listings = Array.isArray(population.listing) ? population.listing.length : 0;
  if (municipalities * listings > MAX_CATCHMENTS) r.issues.error('population.listing', 'catchmentsTooMany', { municipalities, listings, limit: MAX_CATCHMENTS });
}
