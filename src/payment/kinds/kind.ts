/**
 * What a payment kind is: one object that owns everything about one way of paying — its fields
 * (read by the validator, the web editor, the levers and the docs), its rules beyond the fields,
 * how it compiles against a model, and how it accrues and pays out. The ledger's settlement and
 * the behaviour solver both call the same `accrue` and `payout`; nothing outside this folder asks
 * which kind a component is.
 *
 * Money flows in three steps, the same in every engine:
 * 1. accrue: each row of the activity table (one month, catchment, need group and CNI band) adds to
 *    the kind's sums, per receiver and attribution slot (`width` numbers each);
 * 2. payout: a settlement period's sums become amounts per receiver and slot;
 * 3. the contract layer (limits.ts) caps and floors them, and the receivers (receivers.ts) book them.
 */
import { CNI_BANDS, GROUP_COUNT, type ServiceId } from '../../domain.js';
import type { Message } from '../../messages/index.js';
import type { JsonObject, Reader } from '../../scenario/validate-core.js';
import type { ScenarioIndex } from '../../scenario/validate-parties.js';
import type { ComponentKind, PaymentComponent } from '../../scenario/types.js';
import type { CompiledModel } from '../../engine/model.js';
import type { ExtraColumn } from '../../engine/extras.js';
import type { ActivityTable } from '../../engine/activity.js';
import type { CompiledFormula } from '../../formula/sandbox.js';

/** A text in both of the product's languages. */
export interface Text {
  en: string;
  sv: string;
}

/** The unit of a number field: what a krona amount is per, or what else the number is. */
export type FieldUnit = 'kr/year' | 'kr/person-year' | 'kr/place-year' | 'kr/unit' | 'kr/DRG point' | 'kr/episode' | 'kr/percentage point' | 'kr/period' | 'share' | 'months' | 'rate' | 'per 1,000 person-years' | 'kr/member-month' | 'year';

/** How a unit reads, in both languages. */
export const UNIT_TEXT: Record<FieldUnit, Text> = {
  'kr/year': { en: 'kr per year', sv: 'kr per år' },
  'kr/person-year': { en: 'kr per person-year', sv: 'kr per personår' },
  'kr/place-year': { en: 'kr per place-year', sv: 'kr per platsår' },
  'kr/unit': { en: 'kr per unit', sv: 'kr per prestation' },
  'kr/DRG point': { en: 'kr per DRG point', sv: 'kr per DRG-poäng' },
  'kr/episode': { en: 'kr per episode', sv: 'kr per vårdepisod' },
  'kr/percentage point': { en: 'kr per percentage point', sv: 'kr per procentenhet' },
  'kr/period': { en: 'kr per settlement period', sv: 'kr per avräkningsperiod' },
  share: { en: 'share, 0–1', sv: 'andel, 0–1' },
  months: { en: 'months', sv: 'månader' },
  rate: { en: 'share 0–1, or per 1,000 person-years', sv: 'andel 0–1, eller per 1 000 personår' },
  'per 1,000 person-years': { en: 'per 1,000 person-years', sv: 'per 1 000 personår' },
  'kr/member-month': { en: 'kr per member-month', sv: 'kr per listningsmånad' },
  year: { en: 'calendar year', sv: 'kalenderår' },
};

/** One field of a kind, as the validator checks it and the editor shows it. */
export interface FieldDescription {
  key: string;
  /** The field's name as the editor shows it. */
  label?: Text;
  /** Labels of a choice's values. */
  valueLabels?: Record<string, Text>;
  /** The unit when it depends on another field's value (a fixed amount's unit follows its basis). */
  unitBy?: { key: string; units: Record<string, FieldUnit> };
  /** Shown only when another field has one of these values (a capitation's population only per person). */
  showWhen?: { key: string; values: readonly unknown[] };
  /** A number worth a slider in the levers panel. */
  lever?: boolean;
  /** The label when another field is true (a goal's amount reads as a deduction). */
  labelWhen?: { key: string; label: Text };
  type: 'number' | 'integer' | 'boolean' | 'choice' | 'service' | 'services' | 'formula' | 'outcomes' | 'providers' | 'quality';
  required: boolean;
  unit?: FieldUnit;
  min?: number;
  max?: number;
  /** The allowed values of a choice. */
  values?: readonly string[];
  default?: number | string | boolean;
  help: Text;
  /** Where the default or the range comes from (a docs/sources.md id), or 'assumption'. */
  source?: string;
}

/** A kind as people read it: its name, what it pays for, its fields. */
export interface KindDescription {
  kind: ComponentKind;
  label: Text;
  help: Text;
  fields: readonly FieldDescription[];
  /** The kind's own fields of a new component: valid as they stand, for the editor to start from. */
  template: Record<string, unknown>;
}

/** What the validator learns from a kind's own fields, for the rules that span components. */
export interface KindFacts {
  /** Services the component pays per unit (a payee of 'participants' needs joint ones). */
  services: readonly ServiceId[];
  /** An episode window in months, which must agree between components of a need group. */
  windowMonths?: number;
}

/** What every kind's compile step may read and add to. */
export interface CompileContext {
  model: CompiledModel;
  path: string;
  /** Weight per cell from the component's weight formula, or null. */
  cellWeight: Float64Array | null;
  groups: Uint8Array;
  /** Extra columns the engines must count; a kind appends its own and keeps their index. */
  extras: ExtraColumn[];
  /** Episode window per need group (0 = none); episode kinds set theirs. */
  episodeWindow: Int16Array;
  /**
   * People and case-mix weighted people per catchment × group × CNI band (the scenario's ACG-like
   * weights, mean 1.00): what a risk-adjusted kind divides spending by.
   */
  caseMixPeople?: { people: Float64Array; weighted: Float64Array };
}

/** The kind's own compiled part of a component. */
export interface KindPlan {
  /** Services paid per unit, as indices. */
  services: number[];
  /** Extra column holding weighted counts of `services`, or −1. */
  weightedColumn: number;
  curve: CompiledFormula | null;
  /** Services an active package covers (no separate fee for them), as indices. */
  covers: number[];
}

/**
 * One row of an activity table as the kinds read it. The settlement and the behaviour solver each
 * keep one cursor and move it over their rows; the kind reads the fields, never allocates.
 */
export interface RowCursor {
  model: CompiledModel;
  d: Float64Array;
  row: number;
  month: number;
  catchment: number;
  group: number;
  band: number;
  /** Attribution slot of the row: group × CNI band, or 0 where a caller keeps one slot. */
  slot: number;
  /** 1 per service an active package covers in this month for this group (units inside it are not paid again). */
  covered: Uint8Array;
  /** The team's coordination in this row's catchment and group this month (cost-based pay follows it). */
  coordination: number;
  /** How many months this row stands for (a steady year's month stands for several). */
  times: number;
}

/**
 * Sums of one settlement period: `width` numbers per receiver and slot, [(receiver × slots + slot) × width + j],
 * and which receivers were paid anything (a cap or floor acts only on those).
 */
export interface Accrual {
  sums: Float64Array;
  touched: Uint8Array;
  slots: number;
  width: number;
}

/** A compiled component as the kinds see it (plan.ts's CompiledComponent). */
export interface ComponentView<S extends PaymentComponent = PaymentComponent> {
  spec: S;
  own: KindPlan;
  /** Receiver index of each provider (−1 where the provider is not paid by this component). */
  receiverOf: Int32Array;
  receivers: number;
  /** 1 for catchments where the payee lists or serves people. */
  scope: Uint8Array;
  /** 1 for catchments whose people are listed with the payee. */
  listed: Uint8Array;
  /** 1 for need groups the component counts. */
  groups: Uint8Array;
  cellWeight: Float64Array | null;
  /** Weighted people per catchment × group × CNI band at the start (a stationary population keeps them). */
  weightedPeople: Float64Array;
  /**
   * When the population changes: the row column holding (weighted) person-months, which payment
   * per person reads month by month instead of `weightedPeople`; −1 for a stationary population.
   */
  peopleColumn: number;
  /** Providers the payee stands for (itself, a pool's members, every provider for 'participants'). */
  providers: number[];
}

/** A settlement period as payout sees it. */
export interface Period {
  months: number;
  /** Slot for amounts that belong to no group (a lump sum); 0 where the caller keeps one slot for everything. */
  lump: number;
  model: CompiledModel;
  /** First month of the period from the model's first month (`model.startMonth`): a kind whose terms change by calendar year reads it. */
  start?: number;
  /** The settled table and the period's first month, when the period's own rows may be read (the ledger's settlement). */
  rows?: { table: ActivityTable; from: number };
}

/** Attribution slots of a ledger: one per need group × CNI band, then one for lump sums. */
export const LEDGER_SLOTS = GROUP_COUNT * CNI_BANDS + 1;

/** The slot of group g and band b in a period's layout. @example slotOf(period, 4, 0) */
export function slotOf(period: Period, g: number, b: number): number {
  return period.lump === 0 ? 0 : g * CNI_BANDS + b;
}

/** Everything about one kind of payment component. */
export interface PaymentKind<S extends PaymentComponent = PaymentComponent> {
  description: KindDescription;
  /** Rules beyond the fields' types and ranges (which the validator checks from `description`). */
  check(r: Reader, c: JsonObject, path: string, index: ScenarioIndex): KindFacts;
  /** A rule the kind refuses for a common field (e.g. a weight on a lump sum): the message, or undefined. */
  refuses(c: JsonObject, key: string): Message | undefined;
  compile(spec: S, ctx: CompileContext): KindPlan;
  /** Numbers accrued per receiver and slot. */
  width: number;
  /** True when a year's payout is the sum of its periods' (no ratio, no threshold): periods may be settled as one. */
  additive: boolean;
  /** Whether rows are read at all (a fixed amount is not). */
  readsRows: boolean;
  accrue(c: ComponentView<S>, row: RowCursor, into: Accrual): void;
  /**
   * True when this component accrues from a catchment's rows summed over its CNI bands what it
   * accrues from the bands' rows one by one: it reads no band (no person weight) and is linear in
   * the rows. The behaviour solver then accrues it once per catchment. Absent: false.
   */
  bandFree?(c: ComponentView<S>): boolean;
  /**
   * What one more unit of service s done by provider p for a person in group g pays p under this
   * component (the behaviour model's risk term); absent for kinds that do not pay per unit.
   */
  revenuePerUnit?(c: ComponentView<S>, model: CompiledModel, p: number, s: number, g: number): number;
  /** A period's amounts per receiver and slot, [receiver × slots + slot], from its sums. */
  payout(c: ComponentView<S>, sums: Accrual, period: Period, out: Float64Array): void;
  /**
   * The reconciliation behind a period's payout, per receiver, for kinds that settle against a
   * benchmark (shared savings, target prices): what the tables, the report and the app show.
   * Called by the ledger's settlement only, after `payout`, with the same sums.
   */
  reconcile?(c: ComponentView<S>, sums: Accrual, period: Period, out: Float64Array): ReconciliationLine[];
}

/**
 * One reconciliation of a benchmark-based design: one receiver, one settlement period.
 * `amount` is what the payout paid (positive) or collected (negative), before cap and floor.
 */
export interface ReconciliationLine {
  receiver: number;
  /** What spending was held against, kr per unit (member-month, episode). */
  benchmark: number;
  /** What spending was, kr per unit. */
  actual: number;
  /** How many units (member-months, episodes) the figures are per. */
  units: number;
  /** (benchmark − actual) / benchmark: positive is a saving. */
  savingsRate: number;
  /** Whether the savings (or losses) crossed the minimum rate that triggers a payment. */
  thresholdMet: boolean;
  /** Quality score that scaled the amount (1 when none). */
  quality: number;
  amount: number;
  /** The minimum rate the savings (or losses) had to cross, when the design has one. */
  threshold?: number;
}

/** Add `amount` for a receiver in a slot of a width-1 accrual. */
export function accrueAmount(into: Accrual, receiver: number, slot: number, amount: number): void {
  into.sums[receiver * into.slots + slot] += amount;
  into.touched[receiver] = 1;
}

/** The payout of kinds whose sums are already kronor: copy them. */
export function payoutAsAccrued(_c: ComponentView, sums: Accrual, _period: Period, out: Float64Array): void {
  out.set(sums.sums.subarray(0, out.length));
}
