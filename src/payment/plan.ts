/**
 * A payment design compiled against a model: ids become indices, dates become month ranges,
 * formulas become plain functions evaluated once per cell, and the extra columns the engines must
 * count are collected.
 */
import { CNI_BANDS, GROUP_COUNT, GROUP_IDS, SERVICE_COUNT, SERVICE_IDS, S } from '../domain.js';
import type { ServiceId } from '../domain.js';
import { BONUS_CURVE_NAMES, PERSON_WEIGHT_NAMES, compileFormula } from '../formula/sandbox.js';
import type { CompiledFormula } from '../formula/sandbox.js';
import { AGE_BANDS, CELL_COUNT, cellParts, chronicConditions } from '../population/cells.js';
import type { Population } from '../population/population.js';
import type { ExtraColumn } from '../engine/extras.js';
import type { CompiledModel } from '../engine/model.js';
import { STOCHASTIC_SERVICES, monthOffset } from '../engine/model.js';
import type { IndicatorId, PaymentComponent, Scenario, SharingRule } from '../scenario/types.js';
import type { Account } from './ledger.js';

export type Recipient = { kind: 'provider'; index: number } | { kind: 'pool'; index: number } | { kind: 'participants' };

export interface CompiledComponent {
  index: number;
  spec: PaymentComponent;
  /** Ledger account indices of the payers and their shares. */
  payers: { account: number; share: number }[];
  recipient: Recipient;
  /** Providers the payee stands for (itself, or the pool's members; all for 'participants'). */
  providers: number[];
  /** 1 for catchments where the payee lists or serves people. */
  scope: Uint8Array;
  /** 1 for catchments whose people are listed with the payee. */
  listed: Uint8Array;
  groups: Uint8Array;
  /** Weight per cell (1 when the component has no weight formula). */
  cellWeight: Float64Array | null;
  /** Weighted people per catchment × group × CNI band (stationary population). */
  weightedPeople: Float64Array;
  startMonth: number;
  endMonth: number;
  periodMonths: number;
  services: number[];
  /** Extra column holding weighted counts of `services`, or −1. */
  weightedColumn: number;
  /** Extra column holding stop-loss excess, or −1. */
  excessColumn: number;
  curve: CompiledFormula | null;
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

/** Indicators where a lower value is better (the default curve pays when value ≤ target). */
export const LOWER_IS_BETTER: readonly IndicatorId[] = ['readmissionRate', 'avoidableAdmissionRate', 'edVisitRate'];

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
  const episodeWindow = new Int16Array(GROUP_COUNT);
  const start = scenario.simulation.start;
  const weightCache = new Map<string, Float64Array>();

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

    let cellWeight: Float64Array | null = null;
    if (spec.weight) {
      const key = spec.weight;
      cellWeight = weightCache.get(key) ?? null;
      if (!cellWeight) {
        cellWeight = cellWeights(compileFormula(spec.weight, PERSON_WEIGHT_NAMES, `${path}.weight`), caseMix);
        weightCache.set(key, cellWeight);
      }
    }
    const weightedPeople = new Float64Array(K * GROUP_COUNT * CNI_BANDS);
    for (let j = 0; j < population.counts.length; j++) {
      const n = population.counts[j];
      if (n === 0) continue;
      const c = j % CELL_COUNT;
      const k = (j - c) / CELL_COUNT;
      const p = cellParts(c);
      weightedPeople[(k * GROUP_COUNT + p.group) * CNI_BANDS + p.cni] += n * (cellWeight ? cellWeight[c] : 1);
    }

    const services: number[] =
      spec.kind === 'variable' ? (Array.isArray(spec.service) ? spec.service : [spec.service]).map((s: ServiceId) => SERVICE_IDS.indexOf(s)) : [];
    let weightedColumn = -1;
    // The engines count weighted units only for drawn services; others use the row's mean weight.
    const drawn = services.every((s) => STOCHASTIC_SERVICES.includes(s) || s === S.readmission);
    if (spec.kind === 'variable' && cellWeight && drawn) {
      weightedColumn = extras.length;
      extras.push({ kind: 'weighted', services, weight: cellWeight });
    }
    let excessColumn = -1;
    if (spec.stopLoss) {
      excessColumn = extras.length;
      extras.push({ kind: 'excess', providers: member, threshold: spec.stopLoss.threshold });
    }
    if (spec.kind === 'episode' || spec.kind === 'value') {
      for (let g = 0; g < GROUP_COUNT; g++) if (groups[g]) episodeWindow[g] = spec.windowMonths;
    }
    const curve = spec.kind === 'goal' && spec.curve ? compileFormula(spec.curve, BONUS_CURVE_NAMES, `${path}.curve`) : null;
    return {
      index,
      spec,
      payers,
      recipient,
      providers,
      scope,
      listed,
      groups,
      cellWeight,
      weightedPeople,
      startMonth: spec.start ? Math.max(0, monthOffset(spec.start, start)) : 0,
      endMonth: spec.end ? Math.min(model.months, monthOffset(spec.end, start)) : model.months,
      periodMonths: PERIOD[spec.settlement ?? 'month'],
      services,
      weightedColumn,
      excessColumn,
      curve,
    };
  });
  return { accounts, payerAccount, providerAccount, components: compiled, pools, extras, episodeWindow };
}

