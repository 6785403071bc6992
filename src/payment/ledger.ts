/**
 * The ledger: every krona moves from one account to another, per month and payment component.
 * Payers pay; providers receive; pools receive and pass everything on within the same month.
 */
import { CNI_BANDS, GROUP_COUNT } from '../domain.js';
import type { ReconciliationLine } from './kinds/kind.js';

export type AccountKind = 'payer' | 'provider' | 'pool';

export interface Account {
  kind: AccountKind;
  id: string;
}

/** One transfer. group and cni are −1 when the amount cannot be attributed to people (a lump sum). */
export interface Transfer {
  month: number;
  component: number;
  from: number;
  to: number;
  group: number;
  cni: number;
  amount: number;
}

const FIELDS = 7;

/** A reconciliation line as the ledger keeps it: which component, which receiving account, which month it was settled in. */
export interface Reconciliation extends Omit<ReconciliationLine, 'receiver'> {
  component: number;
  account: number;
  month: number;
}

/**
 * An append-only ledger stored as packed numbers (7 per transfer).
 * @example const l = new Ledger(accounts); l.record({ month: 0, component: 0, from: 0, to: 2, group: -1, cni: -1, amount: 100 })
 */
export class Ledger {
  /** Reconciliations behind benchmark-based payments, in the order they were settled. */
  readonly reconciliations: Reconciliation[] = [];
  private buffer = new Float64Array(FIELDS * 1024);
  private length = 0;

  constructor(readonly accounts: readonly Account[]) {}

  get size(): number {
    return this.length;
  }

  record(t: Transfer): void {
    this.add(t.month, t.component, t.from, t.to, t.group, t.cni, t.amount);
  }

  /** `record` without building a Transfer object (settlement writes tens of thousands). */
  add(month: number, component: number, from: number, to: number, group: number, cni: number, amount: number): void {
    if (!Number.isFinite(amount)) throw new Error(`ledger: component ${component} would pay ${amount} kr from '${this.accounts[from]?.id}' to '${this.accounts[to]?.id}' in month ${month}`);
    if (amount === 0) return;
    if ((this.length + 1) * FIELDS > this.buffer.length) {
      const next = new Float64Array(this.buffer.length * 2);
      next.set(this.buffer);
      this.buffer = next;
    }
    const o = this.length * FIELDS;
    const b = this.buffer;
    b[o] = month;
    b[o + 1] = component;
    b[o + 2] = from;
    b[o + 3] = to;
    b[o + 4] = group;
    b[o + 5] = cni;
    b[o + 6] = amount;
    this.length++;
  }

  at(i: number): Transfer {
    const o = i * FIELDS;
    const b = this.buffer;
    return { month: b[o], component: b[o + 1], from: b[o + 2], to: b[o + 3], group: b[o + 4], cni: b[o + 5], amount: b[o + 6] };
  }

  *[Symbol.iterator](): IterableIterator<Transfer> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** Net inflow per account (received − paid), per month: [month × accounts + account]. */
  netByMonth(months: number): Float64Array {
    const A = this.accounts.length;
    const out = new Float64Array(months * A);
    const b = this.buffer;
    for (let i = 0; i < this.length; i++) {
      const o = i * FIELDS;
      const m = b[o];
      out[m * A + b[o + 3]] += b[o + 6];
      out[m * A + b[o + 2]] -= b[o + 6];
    }
    return out;
  }

  /** Inflow to each account by component: [component × accounts + account], summed over months. */
  receivedByComponent(components: number): Float64Array {
    const A = this.accounts.length;
    const out = new Float64Array(components * A);
    const b = this.buffer;
    for (let i = 0; i < this.length; i++) {
      const o = i * FIELDS;
      out[b[o + 1] * A + b[o + 3]] += b[o + 6];
      out[b[o + 1] * A + b[o + 2]] -= b[o + 6];
    }
    return out;
  }

  /** Net inflow per account by need group and CNI band, over all months (−1 slots last). */
  netByGroup(): Float64Array {
    const A = this.accounts.length;
    const W = GROUP_COUNT * CNI_BANDS + 1;
    const out = new Float64Array(A * W);
    const b = this.buffer;
    for (let i = 0; i < this.length; i++) {
      const o = i * FIELDS;
      const slot = b[o + 4] < 0 ? W - 1 : b[o + 4] * CNI_BANDS + b[o + 5];
      out[b[o + 3] * W + slot] += b[o + 6];
      out[b[o + 2] * W + slot] -= b[o + 6];
    }
    return out;
  }

  /**
   * Conservation of money: in every month, what payers pay out equals what providers receive, and
   * every pool passes on exactly what it got. Throws naming the month and the gap otherwise.
   */
  assertBalanced(months: number, tolerance = 1e-6): void {
    const net = this.netByMonth(months);
    const A = this.accounts.length;
    for (let m = 0; m < months; m++) {
      let paid = 0;
      let received = 0;
      let scale = 1;
      for (let a = 0; a < A; a++) {
        const v = net[m * A + a];
        scale = Math.max(scale, Math.abs(v));
        const kind = this.accounts[a].kind;
        if (kind === 'payer') paid -= v;
        else if (kind === 'provider') received += v;
        else if (Math.abs(v) > tolerance * Math.max(1, scale)) throw new Error(`ledger: pool '${this.accounts[a].id}' keeps ${v} kr in month ${m}`);
      }
      if (Math.abs(paid - received) > tolerance * scale) throw new Error(`ledger: month ${m}: payers paid ${paid} kr but providers received ${received} kr`);
    }
  }
}
