/**
 * Payers, providers and pools: their fields, one id namespace shared by all three, and which
 * provider serves which municipality. Also the index of ids that later checks resolve against.
 */
import { GROUP_IDS, PAYER_KINDS, PROVIDER_TYPES, SERVICE_IDS, type ProviderType } from '../domain.js';
import { indexPath, keyPath } from './issues.js';
import { isObject, type JsonObject, type Reader } from './validate-core.js';
import { MAX_BEHAVIOUR_WEIGHT, MAX_PER_PERSON_YEAR_KR, MAX_PLACES, MAX_PRICE_KR, MAX_YEARLY_AMOUNT_KR } from '../limits.js';

/** Names a payee can use to mean "every provider taking part" in a joint activity. */
export const PARTICIPANTS = 'participants';

export interface ProviderInfo {
  id: string;
  path: string;
  type: ProviderType | undefined;
  /** Municipality ids served; undefined = all. */
  serves: string[] | undefined;
  places: number | undefined;
}

/** Every id the rest of the scenario refers to, collected leniently before the detailed checks. */
export interface ScenarioIndex {
  payers: string[];
  providers: Map<string, ProviderInfo>;
  pools: Map<string, { path: string; members: string[] }>;
  municipalities: string[];
}

function listOf(doc: JsonObject, key: string): unknown[] {
  const value = doc[key];
  return Array.isArray(value) ? value : [];
}

function idOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.id === 'string' ? value.id : undefined;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/**
 * Collect ids from raw scenario JSON, ignoring anything malformed (the validators report that).
 * @example buildIndex({ payers: [{ id: 'region' }] }).payers // ['region']
 */
export function buildIndex(doc: JsonObject): ScenarioIndex {
  const population = isObject(doc.population) ? doc.population : {};
  const index: ScenarioIndex = {
    payers: listOf(doc, 'payers').flatMap((p) => idOf(p) ?? []),
    providers: new Map(),
    pools: new Map(),
    municipalities: listOf(population, 'municipalities').flatMap((m) => idOf(m) ?? []),
  };
  listOf(doc, 'providers').forEach((p, i) => {
    const id = idOf(p);
    if (id === undefined || index.providers.has(id) || !isObject(p)) return;
    const type = (PROVIDER_TYPES as readonly unknown[]).includes(p.type) ? (p.type as ProviderType) : undefined;
    const places = typeof p.places === 'number' ? p.places : undefined;
    index.providers.set(id, { id, path: indexPath('providers', i), type, serves: strings(p.serves), places });
  });
  listOf(doc, 'pools').forEach((p, i) => {
    const id = idOf(p);
    if (id === undefined || index.pools.has(id) || !isObject(p)) return;
    index.pools.set(id, { path: indexPath('pools', i), members: strings(p.members) ?? [] });
  });
  return index;
}

const PAYER_KEYS = { required: ['id', 'name', 'kind'] } as const;
const PROVIDER_KEYS = {
  required: ['id', 'name', 'type', 'principal'],
  optional: ['serves', 'unitCosts', 'coordinationCost', 'fixedCostPerYear', 'places', 'behaviour'],
} as const;
const BEHAVIOUR_KEYS = { required: [], optional: ['altruism', 'riskAversion', 'adjustmentSpeed', 'setupCost'] } as const;
const POOL_KEYS = { required: ['id', 'name', 'members', 'sharing'] } as const;
const SHARING_RULES = ['equal', 'by-cost', 'by-activity'] as const;

/** Each id names one payer, provider or pool, so a payee or a reference can never be ambiguous. */
function checkIdNamespace(r: Reader, doc: JsonObject): void {
  const seen = new Map<string, string>();
  for (const list of ['payers', 'providers', 'pools']) {
    listOf(doc, list).forEach((item, i) => {
      const id = idOf(item);
      if (id === undefined) return;
      const path = keyPath(indexPath(list, i), 'id');
      const first = seen.get(id);
      if (first !== undefined) r.issues.error(path, 'duplicateIdUsedBy', { id, first });
      else if (id === PARTICIPANTS) r.issues.error(path, 'participantsReserved', { name: PARTICIPANTS });
      else seen.set(id, indexPath(list, i));
    });
  }
}

function checkProvider(r: Reader, value: unknown, path: string, index: ScenarioIndex): void {
  const provider = r.object(value, path, PROVIDER_KEYS);
  if (provider === undefined) return;
  r.id(provider.id, keyPath(path, 'id'));
  r.string(provider.name, keyPath(path, 'name'));
  r.oneOf(provider.type, keyPath(path, 'type'), PROVIDER_TYPES);
  r.reference(provider.principal, keyPath(path, 'principal'), index.payers, 'payer');
  const serves = r.array(provider.serves, keyPath(path, 'serves'), { nonEmpty: true });
  serves?.forEach((m, i) => {
    const id = r.reference(m, indexPath(keyPath(path, 'serves'), i), index.municipalities, 'municipality');
    if (id !== undefined && serves.indexOf(id) !== i) r.issues.error(indexPath(keyPath(path, 'serves'), i), 'listedTwice', { id });
  });
  for (const [, cost, at] of r.entries(provider.unitCosts, keyPath(path, 'unitCosts'), SERVICE_IDS, 'service')) r.number(cost, at, { min: 0, max: MAX_PRICE_KR });
  for (const [, cost, at] of r.entries(provider.coordinationCost, keyPath(path, 'coordinationCost'), GROUP_IDS, 'need group')) {
    r.number(cost, at, { min: 0, max: MAX_PER_PERSON_YEAR_KR });
  }
  r.number(provider.fixedCostPerYear, keyPath(path, 'fixedCostPerYear'), { min: 0, max: MAX_YEARLY_AMOUNT_KR });
  r.number(provider.places, keyPath(path, 'places'), { min: 0, max: MAX_PLACES, integer: true });
  const behaviourPath = keyPath(path, 'behaviour');
  const behaviour = r.object(provider.behaviour, behaviourPath, BEHAVIOUR_KEYS);
  if (behaviour !== undefined) {
    r.number(behaviour.altruism, keyPath(behaviourPath, 'altruism'), { min: 0, max: MAX_BEHAVIOUR_WEIGHT });
    r.number(behaviour.riskAversion, keyPath(behaviourPath, 'riskAversion'), { min: 0, max: MAX_BEHAVIOUR_WEIGHT });
    r.share(behaviour.adjustmentSpeed, keyPath(behaviourPath, 'adjustmentSpeed'));
    r.number(behaviour.setupCost, keyPath(behaviourPath, 'setupCost'), { min: 0, max: MAX_YEARLY_AMOUNT_KR });
  }
}

function checkPool(r: Reader, value: unknown, path: string, index: ScenarioIndex): void {
  const pool = r.object(value, path, POOL_KEYS);
  if (pool === undefined) return;
  r.id(pool.id, keyPath(path, 'id'));
  r.string(pool.name, keyPath(path, 'name'));
  const membersPath = keyPath(path, 'members');
  const members = r.array(pool.members, membersPath, { nonEmpty: true }) ?? [];
  members.forEach((m, i) => {
    const at = indexPath(membersPath, i);
    if (typeof m === 'string' && index.pools.has(m)) r.issues.error(at, 'poolMemberIsPool', { id: m });
    else if (r.reference(m, at, index.providers.keys(), 'provider') !== undefined && members.indexOf(m) !== i) {
      r.issues.error(at, 'listedTwice', { id: String(m) });
    }
  });
  const sharingPath = keyPath(path, 'sharing');
  if (typeof pool.sharing === 'string') {
    if (!(SHARING_RULES as readonly string[]).includes(pool.sharing)) {
      r.issues.error(sharingPath, 'sharingRule', { text: pool.sharing, values: SHARING_RULES });
    }
    return;
  }
  const sharing = r.object(pool.sharing, sharingPath, { required: ['shares'] });
  if (sharing === undefined) return;
  const sharesPath = keyPath(sharingPath, 'shares');
  const names = members.filter((m): m is string => typeof m === 'string');
  const shares = r.entries(sharing.shares, sharesPath, names, 'pool member').map(([, share, at]) => r.share(share, at));
  // A sum over a misnamed member would only repeat that problem.
  const allNamed = isObject(sharing.shares) && shares.length === Object.keys(sharing.shares).length;
  if (allNamed && shares.every((s) => s !== undefined)) r.sumsToOne(shares as number[], sharesPath);
}

/**
 * At most one provider of each type (except primary care) per municipality; warn where no hospital
 * serves. Each provider in a clash is reported once, and the work is the number of municipalities
 * plus the length of the `serves` lists (not municipalities × providers, which a file of thousands
 * of each would turn into millions of errors).
 */
function checkCoverage(r: Reader, index: ScenarioIndex): void {
  const providers = [...index.providers.values()];
  const order = new Map(providers.map((p, i) => [p.id, i]));
  const reported = new Set<string>();
  const clash = (municipality: string, type: ProviderType, first: ProviderInfo, second: ProviderInfo) => {
    if (reported.has(second.id)) return;
    reported.add(second.id);
    r.issues.error(second.serves === undefined ? second.path : keyPath(second.path, 'serves'), 'twoProviders', { municipality, type, first: first.id, second: second.id });
  };
  // Providers serving every municipality: the first of a type stands for all of them.
  const everywhere = new Map<ProviderType, ProviderInfo>();
  for (const provider of providers) {
    if (provider.type === undefined || provider.serves !== undefined) continue;
    const first = everywhere.get(provider.type);
    if (first === undefined) everywhere.set(provider.type, provider);
    else if (provider.type !== 'primary-care' && index.municipalities.length > 0) clash(index.municipalities[0], provider.type, first, provider);
  }
  const servedBy = new Map<string, ProviderInfo[]>();
  for (const provider of providers) {
    if (provider.type === undefined || provider.serves === undefined) continue;
    for (const municipality of new Set(provider.serves)) {
      const list = servedBy.get(municipality);
      if (list === undefined) servedBy.set(municipality, [provider]);
      else list.push(provider);
    }
  }
  index.municipalities.forEach((municipality, m) => {
    const candidates = [...everywhere.values(), ...(servedBy.get(municipality) ?? [])].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const byType = new Map<ProviderType, ProviderInfo>();
    for (const provider of candidates) {
      const type = provider.type!;
      const first = byType.get(type);
      if (first === undefined) byType.set(type, provider);
      else if (type !== 'primary-care') clash(municipality, type, first, provider);
    }
    if (!byType.has('hospital')) r.issues.warn(indexPath('population.municipalities', m), 'noHospital', { municipality });
  });
}

/**
 * Check `payers`, `providers` and `pools` of a scenario.
 * @example validateParties(reader, json, buildIndex(json))
 */
export function validateParties(r: Reader, doc: JsonObject, index: ScenarioIndex): void {
  r.array(doc.payers, 'payers', { nonEmpty: true })?.forEach((value, i) => {
    const path = indexPath('payers', i);
    const payer = r.object(value, path, PAYER_KEYS);
    if (payer === undefined) return;
    r.id(payer.id, keyPath(path, 'id'));
    r.string(payer.name, keyPath(path, 'name'));
    r.oneOf(payer.kind, keyPath(path, 'kind'), PAYER_KINDS);
  });
  r.array(doc.providers, 'providers', { nonEmpty: true })?.forEach((value, i) => checkProvider(r, value, indexPath('providers', i), index));
  r.array(doc.pools, 'pools')?.forEach((value, i) => checkPool(r, value, indexPath('pools', i), index));
  checkIdNamespace(r, doc);
  checkCoverage(r, index);
}
