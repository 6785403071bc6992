/**
 * The teaching levers: one design change at a time, applied to the working scenario as a
 * reference to a built-in payment model (models/), and taken away again.
 */
import type { JsonObject } from '../../state/library.js';

type Row = Record<string, unknown>;

export const TEACHING_LEVERS = ['shared-budget', 'sip-fee', 'system-result-pay', 'capitation-weighted', 'coordination-activity-grant'] as const;
export type TeachingLever = (typeof TEACHING_LEVERS)[number];

/**
 * What today's pay gives each provider, per component of the scenario (the reference's id), from
 * the results on screen: the shared budget is funded with exactly this money.
 */
export interface TodaysPay {
  /** Years the results cover (the budget is a sum per year). */
  years: number;
  received: { component: string; provider: string; payer: string; kr: number }[];
}

/** The names the levers' pools get, in the UI language. */
export interface PoolNames {
  team: string;
  budget: string;
}

const POOL = 'teach-team';
/**
 * The shared budget's own pool, split in fixed shares: split by cost, a budget rewards whoever
 * spends more (each member's share grows with its cost), so effort overshoots what is best; fixed
 * shares leave each member's own margin as the only reason to act.
 */
const BUDGET_POOL = 'teach-budget';
const idOf = (lever: TeachingLever) => `teach-${lever}`;
const list = (x: unknown): Row[] => (Array.isArray(x) ? (x as Row[]) : []);
const payeeOf = (c: Row) => String((c.parameters as Row | undefined)?.payee ?? c.payee ?? '');
/** Shares to 9 decimals that sum to exactly 1 (the last takes the rounding), so a 2 bn kr budget is split to the krona. */
function shares(kr: readonly number[]): number[] {
  const total = kr.reduce((a, b) => a + b, 0);
  const out = kr.map((x) => Math.round((1e9 * x) / total) / 1e9);
  out[out.length - 1] = Math.round(1e9 * (1 - out.slice(0, -1).reduce((a, b) => a + b, 0))) / 1e9;
  return out;
}

/**
 * The components the shared budget takes over, with their place in the list, kept while the lever
 * is pressed so that taking it away gives back today's pay as it was. Keyed by the budget's
 * parameters; mirrored in sessionStorage so a reload does not lose them.
 */
const moved = new Map<string, { index: number; component: Row }[]>();
const STASH = 'rb-teach-budget-moved';
const STASH_KEPT = 20;
const stashKey = (budget: Row) => JSON.stringify(budget.parameters);
function stashed(key: string): { index: number; component: Row }[] | undefined {
  if (moved.has(key)) return moved.get(key);
  try {
    const all = JSON.parse(globalThis.sessionStorage?.getItem(STASH) ?? '{}') as Record<string, { index: number; component: Row }[]>;
    return Array.isArray(all[key]) ? all[key] : undefined;
  } catch {
    return undefined;
  }
}
function stash(key: string, value: { index: number; component: Row }[]): void {
  moved.set(key, value);
  try {
    const all = JSON.parse(globalThis.sessionStorage?.getItem(STASH) ?? '{}') as Record<string, unknown>;
    delete all[key];
    // The most recent presses only: a class pressing all afternoon does not fill the storage.
    const kept = Object.entries(all).slice(-(STASH_KEPT - 1));
    globalThis.sessionStorage?.setItem(STASH, JSON.stringify(Object.fromEntries([...kept, [key, value]])));
  } catch {
    // Storage full or off: the lever still works until the page is reloaded.
  }
}

/**
 * Which of today's components the shared budget replaces: the pay of single providers, except
 * other levers and per-place fees (a place is paid whether or not care is avoided, so it puts no
 * money in the wrong pocket; as in teaching-wrong-pocket-2-shared-budget.json).
 */
function replaced(c: Row, providers: ReadonlySet<string>): boolean {
  return providers.has(payeeOf(c)) && !String(c.id).startsWith('teach-') && c.model !== 'per-place-fee';
}

/**
 * The shared budget: the money today's pay gives the providers (per year, from the results on
 * screen) moved into one budget that the payers fund in today's proportions and the pool passes on
 * in today's proportions. Had the providers not changed what they do, every payer would pay and
 * every provider receive what they do today; what changes is that avoided care no longer costs
 * anyone revenue, so each provider keeps its own savings.
 */
function sharedBudget(json: JsonObject, today: TodaysPay, keep: boolean, name = ''): { components: Row[]; pool: Row } | undefined {
  const providers = new Set(list(json.providers).map((p) => String(p.id)));
  const components = list((json.payment as Row | undefined)?.components);
  const take = new Set(components.filter((c) => replaced(c, providers)).map((c) => String(c.id)));
  const rows = today.received.filter((r) => take.has(r.component) && r.kr > 0);
  if (rows.length === 0 || !(today.years > 0)) return undefined;
  const sum = (key: 'payer' | 'provider') => {
    const by = new Map<string, number>();
    for (const r of rows) by.set(r[key], (by.get(r[key]) ?? 0) + r.kr);
    return [...by];
  };
  const byPayer = sum('payer');
  const byProvider = sum('provider');
  const total = rows.reduce((a, r) => a + r.kr, 0);
  const payerShares = shares(byPayer.map(([, kr]) => kr));
  const payer = byPayer.length === 1 ? byPayer[0][0] : byPayer.map(([id], i) => ({ payer: id, share: payerShares[i] }));
  const providerShares = shares(byProvider.map(([, kr]) => kr));
  const budget: Row = { model: 'global-budget', id: idOf('shared-budget'), parameters: { payer, payee: BUDGET_POOL, amount: Math.round(total / today.years) } };
  const kept = components.filter((c) => !take.has(String(c.id)));
  if (keep)
    stash(
    stashKey(budget),
    components.flatMap((component, index) => (take.has(String(component.id)) ? [{ index, component }] : [])),
  );
  const pool: Row = { id: BUDGET_POOL, name, members: byProvider.map(([id]) => id), sharing: { shares: Object.fromEntries(byProvider.map(([id], i) => [id, providerShares[i]])) } };
  return { components: [...kept, budget], pool };
}

/** The component a lever adds, with parameters from the scenario's own payers and providers. */
function componentFor(lever: TeachingLever, json: JsonObject): Row {
  const payers = list(json.payers);
  const providers = list(json.providers);
  const region = String((payers.find((p) => p.kind === 'region') ?? payers[0])?.id ?? '');
  const primaryCare = String((providers.find((p) => p.type === 'primary-care') ?? providers[0])?.id ?? '');
  const start = String((json.simulation as Row | undefined)?.start ?? '2026-01');
  const [y, m] = start.split('-');
  const base = { model: lever, id: idOf(lever) };
  switch (lever) {
    case 'shared-budget':
      throw new Error('the shared budget is built from today\'s pay (sharedBudget)');
    case 'sip-fee':
      return { ...base, parameters: { payer: region } };
    case 'system-result-pay':
      return { ...base, parameters: { payer: region, payee: POOL } };
    case 'capitation-weighted':
      return { ...base, parameters: { payer: region, payee: primaryCare } };
    case 'coordination-activity-grant':
      // A grant that ends after a year: the project syndrome.
      return { ...base, parameters: { payer: region, payee: primaryCare, start, end: `${Number(y) + 1}-${m}` } };
  }
}

/**
 * Whether a lever is applied to a scenario.
 * @example isApplied(json, 'sip-fee') // false
 */
export function isApplied(json: JsonObject, lever: TeachingLever): boolean {
  return list((json.payment as Row | undefined)?.components).some((c) => c.id === idOf(lever));
}

/**
 * Whether a lever can be pressed now: the shared budget needs today's pay from results on screen
 * (and, to be taken away, the components it replaced).
 * @example canToggle(json, 'sip-fee') // true
 */
export function canToggle(json: JsonObject, lever: TeachingLever, today?: TodaysPay): boolean {
  if (lever !== 'shared-budget') return true;
  const budget = list((json.payment as Row | undefined)?.components).find((c) => c.id === idOf(lever));
  return budget ? stashed(stashKey(budget)) !== undefined : today !== undefined && sharedBudget(json, today, false) !== undefined;
}

/**
 * The scenario with a lever applied or taken away; a pool of every provider is added while a
 * lever pays the whole team. The shared budget replaces today's pay of the providers with the
 * same money in one budget (`today`: what they are paid in the results on screen); without it,
 * or with nothing to give back, the scenario comes back unchanged.
 * @example toggleLever(json, 'sip-fee')
 */
export function toggleLever(json: JsonObject, lever: TeachingLever, today?: TodaysPay, names: PoolNames = { team: 'Team', budget: 'Shared budget' }): JsonObject {
  const payment = (json.payment ?? {}) as Row;
  const components = list(payment.components);
  let next: Row[];
  let budgetPool = list(json.pools).find((p) => p.id === BUDGET_POOL);
  if (lever === 'shared-budget') {
    const budget = components.find((c) => c.id === idOf(lever));
    if (budget) {
      const back = stashed(stashKey(budget));
      if (back === undefined) return json;
      next = components.filter((c) => c !== budget);
      for (const { index, component } of back) next.splice(Math.min(index, next.length), 0, component);
      budgetPool = undefined;
    } else {
      const built = today && sharedBudget(json, today, true, names.budget);
      if (!built) return json;
      next = built.components;
      budgetPool = built.pool;
    }
  } else next = isApplied(json, lever) ? components.filter((c) => c.id !== idOf(lever)) : [...components, componentFor(lever, json)];
  const pays = (pool: string) => next.some((c) => (c.parameters as Row | undefined)?.payee === pool);
  const members = list(json.providers).map((p) => p.id);
  const pools = list(json.pools).filter((p) => p.id !== POOL && p.id !== BUDGET_POOL);
  if (pays(POOL)) pools.push(list(json.pools).find((p) => p.id === POOL) ?? { id: POOL, name: names.team, members, sharing: 'by-cost' });
  if (pays(BUDGET_POOL) && budgetPool) pools.push(budgetPool);
  const out: JsonObject = { ...json, payment: { ...payment, components: next } };
  if (pools.length > 0) out.pools = pools;
  else delete out.pools;
  return out;
}
