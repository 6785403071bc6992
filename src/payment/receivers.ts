/**
 * Who receives a payment, and in what shares — the one place that says it. A component pays one
 * provider, a pool (which passes everything on to its members by its sharing rule, in the month it
 * receives it), or 'participants': each provider that takes part in a joint activity, for its own part.
 */
import type { SharingRule } from '../scenario/types.js';

export type Recipient = { kind: 'provider'; index: number } | { kind: 'pool'; index: number } | { kind: 'participants' };

/** A pool as settlement sees it. */
export interface PoolAccount {
  index: number;
  account: number;
  members: number[];
  sharing: SharingRule;
}

/**
 * The receivers of a component: one (the provider or the pool) that every member provider's units
 * pay into, or for 'participants' one per provider.
 * @example receiversOf({ kind: 'participants' }, member, 3, [2, 3, 4], []).receiverAccounts // [2, 3, 4]
 */
export function receiversOf(
  recipient: Recipient,
  member: Uint8Array,
  providers: number,
  providerAccount: readonly number[],
  pools: readonly PoolAccount[],
): { receiverOf: Int32Array; receiverAccounts: number[] } {
  const receiverOf = new Int32Array(providers).fill(-1);
  if (recipient.kind === 'participants') {
    for (let p = 0; p < providers; p++) receiverOf[p] = p;
    return { receiverOf, receiverAccounts: [...providerAccount] };
  }
  for (let p = 0; p < providers; p++) if (member[p]) receiverOf[p] = 0;
  const account = recipient.kind === 'provider' ? providerAccount[recipient.index] : pools[recipient.index].account;
  return { receiverOf, receiverAccounts: [account] };
}

/** Weights of a pool's members under its rule: what the caller knows of their costs and activity. */
export interface MemberMeasures {
  /** A member's cost over the calendar year of the payment (by-cost). */
  cost(provider: number): number;
  /** A member's units of service in the month of the payment (by-activity). */
  activity(provider: number): number;
  providerIds: readonly string[];
}

/**
 * Shares of a pool's members under its sharing rule; equal shares where the rule's weights are all zero.
 * @example poolShares(pool, measures) // [0.5, 0.25, 0.25]
 */
export function poolShares(pool: PoolAccount, measures: MemberMeasures): number[] {
  const rule = pool.sharing;
  let weights: number[];
  if (rule === 'equal') weights = pool.members.map(() => 1);
  else if (rule === 'by-cost') weights = pool.members.map((p) => measures.cost(p));
  else if (rule === 'by-activity') weights = pool.members.map((p) => measures.activity(p));
  else weights = pool.members.map((p) => rule.shares[measures.providerIds[p]] ?? 0);
  const total = weights.reduce((a, b) => a + b, 0);
  return total > 0 ? weights.map((w) => w / total) : pool.members.map(() => 1 / pool.members.length);
}

/**
 * A pool's receipt split among its members; the last member takes the rounding remainder so that
 * the pool keeps exactly nothing.
 * @example splitAmongMembers(100, [0.5, 0.5], (i, part) => …)
 */
export function splitAmongMembers(amount: number, shares: readonly number[], pay: (member: number, part: number) => void): void {
  let left = amount;
  for (let i = 0; i < shares.length; i++) {
    const part = i === shares.length - 1 ? left : amount * shares[i];
    left -= part;
    pay(i, part);
  }
}
