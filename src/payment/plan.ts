/**
 * A payment design compiled against a model: ids become indices, dates become month ranges,
 * formulas become plain functions evaluated once per cell, and the extra columns the engines must
 * count are collected.
 */
import { CNI_BANDS, GROUP_COUNT, GROUP_IDS, O, SERVICE_COUNT } from '../domain.js';
import { EXTRA, OUTCOME } from '../engine/activity.js';
import { PERSON_WEIGHT_NAMES, compileFormula } from '../formula/sandbox.js';
import type { CompiledFormula } from '../formula/sandbox.js';
import { AGE_BANDS, CELL_CNI, CELL_COUNT, CELL_GROUP, cellParts, chronicConditions } from '../population/cells.js';
import type { Population } from '../population/population.js';
import type { ExtraColumn } from '../engine/extras.js';
import type { CompiledModel } from '../engine/model.js';
import { monthOffset } from '../engine/model.js';
import type { PaymentComponent, Scenario, SharingRule } from '../scenario/types.js';
import type { ComponentView, PaymentKind } from './kinds/kind.js';
import { kindOf } from './kinds/registry.js';
import { receiversOf } from './receivers.js';
import type { Recipient } from './receivers.js';
export type { Recipient };
import type { Account } from './ledger.js';


export interface CompiledComponent extends ComponentView {
  index: number;
  spec: PaymentComponent;
  kind: PaymentKind;
  /** Ledger account indices of the payers and their shares. */
  payers: { account: number; share: number }[];
  recipient: Recipient;
  /** Ledger account of each receiver (receiverOf maps providers to receivers). */
  receiverAccounts: number[];
  startMonth: number;
  endMonth: number;
  periodMonths: number;
  /** Per receiver, the extra column holding its people's stop-loss excess (empty without a stop-loss). */
  excessColumns: number[];
}

export interface CompiledPool {
  index: number;
  account: number;
  members: number[];
  sharing: SharingRule;
}

export interface PaymentPlan {
  accounts: Account[];
  payerAccount: number[];
  providerAccount: number[];
  components: CompiledComponent[];
  pools: CompiledPool[];
  extras: ExtraColumn[];
  /** Episode window per need group (0 = none). */
  episodeWindow: Int16Array;
}

const PERIOD = { month: 1, quarter: 3, year: 12 } as const;

/** Weight of every cell under a person-weight formula; `caseMix` is the ACG-like weight per cell. */
function cellWeights(formula: CompiledFormula, caseMix: Float64Array): Float64Array {
  const out = new Float64Array(CELL_COUNT);
  for (let c = 0; c < CELL_COUNT; c++) {
    const p = cellParts(c);
    out[c] = formula({
      age: AGE_BANDS[p.ageBand].age,
      sex: p.sex,
      group: p.group + 1,
      conditions: chronicConditions(p.group, p.frailty),
      acg: caseMix[c],
      cni: p.cni + 1,
    });
  }
  return out;
}

// What a plan computes from the population, the case mix and the weight formulas alone is kept
// between compilations: a PSA or a sweep compiles the same design hundreds of times with only
// prices, effects or responses changed, and these sums (a pass over every catchment × cell per
// component) and the formula evaluated per cell were a quarter of a region draw. They are keyed on
// the case-mix array itself: prepare keeps one per population while its inputs do not change
// (kept.ts), and the web app's lever path reuses its prepared one. The arrays are shared between
// plans and never written after they are made.

/** Per case mix, per weight formula's text: its weight per cell. */
const weightsByCaseMix = new WeakMap<Float64Array, Map<string, Float64Array>>();

/**
 * The weight per cell of a formula under a case mix, computed once per formula text and case mix.
 * A formula that fails throws as before and is not kept.
 */
function keptCellWeights(source: string, path: string, caseMix: Float64Array): Float64Array {
  let bySource = weightsByCaseMix.get(caseMix);
  if (!bySource) weightsByCaseMix.set(caseMix, (bySource = new Map()));
  let weights = bySource.get(source);
  if (!weights) {
    weights = cellWeights(compileFormula(source, PERSON_WEIGHT_NAMES, path), caseMix);
    bySource.set(source, weights);
  }
  return weights;
}

/** Per population: people per catchment × group × band, weighted by a cell weight (the key; null: unweighted). */
const peopleByPopulation = new WeakMap<Population, Map<Float64Array | null, Float64Array>>();
const KEPT_PEOPLE = 64;

/**
 * People per catchment × group × band of a population, each counted with its cell's weight (1
 * without one), computed once per population and weight.
 */
function keptPeople(population: Population, cellWeight: Float64Array | null): Float64Array {
  let byWeight = peopleByPopulation.get(population);
  if (!byWeight) peopleByPopulation.set(population, (byWeight = new Map()));
  let out = byWeight.get(cellWeight);
  if (!out) {
    // A drawn case mix gives a new key per draw: start over rather than hold every one of them.
    if (byWeight.size >= KEPT_PEOPLE) byWeight.clear();
    const counts = population.counts;
    out = new Float64Array((counts.length / CELL_COUNT) * GROUP_COUNT * CNI_BANDS);
    for (let j = 0; j < counts.length; j++) {
      const n = counts[j];
      if (n === 0) continue;
      const c = j % CELL_COUNT;
      const k = (j - c) / CELL_COUNT;
      out[(k * GROUP_COUNT + CELL_GROUP[c]) * CNI_BANDS + CELL_CNI[c]] += n * (cellWeight ? cellWeight[c] : 1);
    }
    byWeight.set(cellWeight, out);
  }
  return out;
}

/**
 * Compile the (model-expanded) payment components of a scenario.
 * @example const plan = compilePlan(model, population, components)
 */
export function compilePlan(model: CompiledModel, population: Population, components: PaymentComponent[], caseMix: Float64Array): PaymentPlan {
  const scenario: Scenario = model.scenario;
  const accounts: Account[] = [
    ...scenario.payers.map((p) => ({ kind: 'payer' as const, id: p.id })),
    ...scenario.providers.map((p) => ({ kind: 'provider' as const, id: p.id })),
    ...(scenario.pools ?? []).map((p) => ({ kind: 'pool' as const, id: p.id })),
  ];
  const P = scenario.providers.length;
  const payerAccount = scenario.payers.map((_, i) => i);
  const providerAccount = scenario.providers.map((_, i) => scenario.payers.length + i);
  const providerIndex = new Map(scenario.providers.map((p, i) => [p.id, i]));
  const pools: CompiledPool[] = (scenario.pools ?? []).map((p, i) => ({
    index: i,
    account: scenario.payers.length + P + i,
    members: p.members.map((id) => providerIndex.get(id)!),
    sharing: p.sharing,
  }));
  const poolIndex = new Map((scenario.pools ?? []).map((p, i) => [p.id, i]));
  const payerIndex = new Map(scenario.payers.map((p, i) => [p.id, i]));
  const K = model.catchments.length;
  const extras: ExtraColumn[] = [];
  // Validated to at most MAX_WINDOW_MONTHS (limits.ts), far inside 16 bits.
  const episodeWindow = new Int16Array(GROUP_COUNT);
  const start = scenario.simulation.start;

  // People and case-mix weighted people per catchment × group × band, for kinds that risk-adjust.
  const people = keptPeople(population, null);
  const weighted = keptPeople(population, caseMix);
  const caseMixPeople = { people, weighted };

  const compiled = components.map((spec, index): CompiledComponent => {
    const path = `payment.components[${index}]`;
    const payers = typeof spec.payer === 'string' ? [{ account: payerIndex.get(spec.payer)!, share: 1 }] : spec.payer.map((s) => ({ account: payerIndex.get(s.payer)!, share: s.share }));
    let recipient: Recipient;
    let providers: number[];
    if (spec.payee === 'participants') {
      recipient = { kind: 'participants' };
      providers = scenario.providers.map((_, i) => i);
    } else if (poolIndex.has(spec.payee)) {
      const pool = pools[poolIndex.get(spec.payee)!];
      recipient = { kind: 'pool', index: pool.index };
      providers = pool.members;
    } else {
      const p = providerIndex.get(spec.payee)!;
      recipient = { kind: 'provider', index: p };
      providers = [p];
    }
    const member = new Uint8Array(P);
    for (const p of providers) member[p] = 1;
    const scope = new Uint8Array(K);
    const listed = new Uint8Array(K);
    model.catchments.forEach((c, k) => {
      if (c.listedAt >= 0 && member[c.listedAt]) listed[k] = 1;
      for (let s = 0; s < SERVICE_COUNT; s++) if (member[model.serviceProvider[k * SERVICE_COUNT + s]] === 1) scope[k] = 1;
      if (listed[k]) scope[k] = 1;
    });
    const groups = new Uint8Array(GROUP_COUNT).fill(spec.groups ? 0 : 1);
    for (const g of spec.groups ?? []) groups[GROUP_IDS.indexOf(g)] = 1;

    const cellWeight = spec.weight ? keptCellWeights(spec.weight, `${path}.weight`, caseMix) : null;
    const weightedPeople = keptPeople(population, cellWeight);

    // A changing population: people are counted from the activity table month by month (weighted
    // ones in a column of their own), not from the people at the start.
    let peopleColumn = -1;
    if (model.change) {
      if (cellWeight) {
        peopleColumn = EXTRA + extras.length;
        extras.push({ kind: 'people', weight: cellWeight });
      } else peopleColumn = OUTCOME + O.personMonths;
    }
    const kind = kindOf(spec);
    const own = kind.compile(spec as never, { model, path, cellWeight, groups, extras, episodeWindow, caseMixPeople });
    const { receiverOf, receiverAccounts } = receiversOf(recipient, member, P, providerAccount, pools);
    // A stop-loss counts each person's yearly cost at the receiver: the provider, the pool's
    // members together, or each participant on its own.
    const excessColumns: number[] = [];
    if (spec.stopLoss) {
      for (let r = 0; r < receiverAccounts.length; r++) {
        const at = recipient.kind === 'participants' ? Uint8Array.from({ length: P }, (_, p) => (p === r ? 1 : 0)) : member;
        excessColumns.push(extras.length);
        extras.push({ kind: 'excess', providers: at, threshold: spec.stopLoss.threshold });
      }
    }
    return {
      index,
      spec,
      kind,
      own,
      payers,
      recipient,
      receiverOf,
      receivers: receiverAccounts.length,
      receiverAccounts,
      providers,
      scope,
      listed,
      groups,
      cellWeight,
      weightedPeople,
      peopleColumn,
      startMonth: spec.start ? Math.max(0, monthOffset(spec.start, start)) : 0,
      endMonth: spec.end ? Math.min(model.months, monthOffset(spec.end, start)) : model.months,
      periodMonths: PERIOD[spec.settlement ?? 'month'],
      excessColumns,
    };
  });
  return { accounts, payerAccount, providerAccount, components: compiled, pools, extras, episodeWindow };
}

