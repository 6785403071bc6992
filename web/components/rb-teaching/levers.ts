/**
 * The teaching levers: one design change at a time, applied to the working scenario as a
 * reference to a built-in payment model (models/), and taken away again.
 */
import type { JsonObject } from '../../state/library.js';

type Row = Record<string, unknown>;

export const TEACHING_LEVERS = ['shared-budget', 'sip-fee', 'system-result-pay', 'capitation-weighted', 'coordination-activity-grant'] as const;
export type TeachingLever = (typeof TEACHING_LEVERS)[number];

const POOL = 'teach-team';
/**
 * The shared budget's own pool, split in fixed equal shares: split by cost, a budget on top of
 * today's pay rewards whoever spends more (each member's share grows with its cost), so effort
 * overshoots what is best; fixed shares leave each member's own margin as the only reason to act.
 */
const BUDGET_POOL = 'teach-budget';
const idOf = (lever: TeachingLever) => `teach-${lever}`;
const list = (x: unknown): Row[] => (Array.isArray(x) ? (x as Row[]) : []);

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
    case 'shared-budget': {
      const share = Math.round(1e6 / Math.max(1, payers.length)) / 1e6;
      const payer = payers.length > 1 ? payers.map((p, i) => ({ payer: p.id, share: i === 0 ? 1 - share * (payers.length - 1) : share })) : region;
      return { ...base, parameters: { payer, payee: BUDGET_POOL, amount: 1000 } }; // ASSUMPTION: 1,000 kr per resident-year on top of today's pay
    }
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
 * The scenario with a lever applied or taken away; a pool of every provider is added while a
 * lever pays the whole team.
 * @example toggleLever(json, 'sip-fee')
 */
export function toggleLever(json: JsonObject, lever: TeachingLever): JsonObject {
  const payment = (json.payment ?? {}) as Row;
  const components = list(payment.components);
  const next = isApplied(json, lever) ? components.filter((c) => c.id !== idOf(lever)) : [...components, componentFor(lever, json)];
  const pays = (pool: string) => next.some((c) => (c.parameters as Row | undefined)?.payee === pool);
  const members = list(json.providers).map((p) => p.id);
  const pools = list(json.pools).filter((p) => p.id !== POOL && p.id !== BUDGET_POOL);
  if (pays(POOL)) pools.push({ id: POOL, name: 'Team', members, sharing: 'by-cost' });
  if (pays(BUDGET_POOL)) pools.push({ id: BUDGET_POOL, name: 'Shared budget', members, sharing: 'equal' });
  const out: JsonObject = { ...json, payment: { ...payment, components: next } };
  if (pools.length > 0) out.pools = pools;
  else delete out.pools;
  return out;
}
