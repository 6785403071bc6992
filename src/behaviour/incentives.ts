/**
 * The incentive table, the coordination gap, selection and attribution: why coordination is or
 * is not worth each provider's while under a design, and who pockets its savings.
 */
import { CNI_BANDS, GROUP_COUNT, GROUP_IDS, O, S, SERVICES, SERVICE_COUNT } from '../domain.js';
import { OUTCOME, rowOffset } from '../engine/activity.js';
import { COST_KINDS, COST_SLOTS } from '../engine/costs.js';
import type { Decisions, Evaluation, SteadyContext } from './evaluate.js';
import { evaluateSteady } from './evaluate.js';
import type { EquilibriumReport, Solution } from './solve.js';
import { meanEffort } from './solve.js';

const COORDINATION_SERVICES = SERVICES.flatMap((s, i) => (s.coordination ? [i] : []));

export interface PartyEffect {
  party: string;
  kind: 'provider' | 'payer';
  /** Providers: change of yearly profit (kr); payers: yearly saving (kr, positive = pays less). */
  change: number;
}

/**
 * One row of the incentive table: one more unit of coordination effort (0 → 1 scale) by one
 * provider for one group, or (provider 'team') by every member of the group's team together —
 * under the weakest link one provider alone achieves nothing, the team does.
 */
export interface IncentiveRow {
  provider: string;
  group: string;
  effort: number;
  /** Change of the provider's yearly profit per unit of effort (kr). */
  marginalProfit: number;
  /** What the extra coordination costs the provider itself: staff time and coordination activities (kr). */
  coordinationCost: number;
  /** Fall in the provider's other costs (kr). */
  ownSavings: number;
  /** Change of the provider's revenue (kr): negative when avoided care was paid per activity. */
  ownRevenue: number;
  /** Every other provider's profit change and every payer's saving (the wrong pocket). */
  others: PartyEffect[];
  /** Patients' benefit (kr-equivalent per year). */
  patientBenefit: number;
  /** Savings to all providers plus patients' benefit, before the coordination cost. */
  valueCreated: number;
  /** Share of valueCreated the provider gains itself (own savings + revenue change). */
  captured: number;
  /** Change of welfare (value created − all coordination costs), per unit of effort. */
  socialValue: number;
}

function coordinationCostOf(ctx: SteadyContext, e: Evaluation, p: number): number {
  const { table, costs } = e.outcome;
  const model = ctx.view.model;
  // Staff time of effort + the provider's cost of coordination activities.
  let cost = costs.byKind[p * COST_KINDS.length + 1];
  const d = table.data;
  const K = model.catchments.length;
  for (let m = 0; m < 12; m++)
    for (let k = 0; k < K; k++)
      for (let g = 0; g < GROUP_COUNT; g++)
        for (let b = 0; b < CNI_BANDS; b++) {
          const row = rowOffset(table, m, k, g, b);
          for (const s of COORDINATION_SERVICES) {
            const x = d[row + s];
            if (x === 0) continue;
            const joint = s === S.sipMeeting || s === S.dischargePlanning;
            if (joint ? model.team[k * GROUP_COUNT + g].includes(p) : model.serviceProvider[k * SERVICE_COUNT + s] === p) cost += x * model.unitCost[p * SERVICE_COUNT + s];
          }
        }
  return cost;
}

/**
 * The incentive table at decisions `x`: for every provider and group where its effort matters,
 * what one more unit of coordination does to everyone's money and to patients.
 * @example incentiveTable(ctx, equilibrium.decisions)
 */
export function incentiveTable(ctx: SteadyContext, x: Decisions, h = 1e-3): IncentiveRow[] {
  const model = ctx.view.model;
  const P = model.providerIds.length;
  const base = evaluateSteady(ctx, x);
  const baseCoordination = Float64Array.from({ length: P }, (_, p) => coordinationCostOf(ctx, base, p));
  const rows: IncentiveRow[] = [];
  const row = (p: number, g: number, members: number[]) => {
    // One more unit where every member can go up; otherwise one less. A team whose members sit
    // at both ends (one at 1, one at 0) cannot move together: each moves as far as [0, 1] lets it,
    // and the change is per unit of the members' mean effort.
    const up = members.every((q) => x.effort[q * GROUP_COUNT + g] + h <= 1);
    const trial = { effort: Float64Array.from(x.effort), intensity: x.intensity };
    let moved = 0;
    for (const q of members) {
      const i = q * GROUP_COUNT + g;
      trial.effort[i] = Math.min(1, Math.max(0, x.effort[i] + (up ? h : -h)));
      moved += trial.effort[i] - x.effort[i];
    }
    const step = moved / members.length;
    const e = evaluateSteady(ctx, trial);
    const per = (a: number, b: number) => (b - a) / step;
    const coordination = Float64Array.from({ length: P }, (_, q) => per(baseCoordination[q], coordinationCostOf(ctx, e, q)));
    const savings = Float64Array.from({ length: P }, (_, q) => -(per(base.cost[q], e.cost[q]) - coordination[q]));
    const others: PartyEffect[] = [];
    for (let q = 0; q < P; q++) if (q !== p) others.push({ party: model.providerIds[q], kind: 'provider', change: per(base.profit[q], e.profit[q]) });
    model.payerIds.forEach((id, j) => others.push({ party: id, kind: 'payer', change: -per(base.spending[j], e.spending[j]) }));
    const patientBenefit = per(base.health + base.discretionaryBenefit, e.health + e.discretionaryBenefit);
    const valueCreated = savings.reduce((a, b) => a + b, 0) + patientBenefit;
    // For the team, "own" is the team's members together.
    const own = p >= 0 ? [p] : members;
    const sum = (a: ArrayLike<number>, f: (q: number) => number = (q) => a[q]) => own.reduce((acc, q) => acc + f(q), 0);
    const ownRevenue = sum(e.revenue, (q) => per(base.revenue[q], e.revenue[q]));
    const ownSavings = sum(savings);
    const effortOf = own.reduce((acc, q) => acc + x.effort[q * GROUP_COUNT + g], 0) / own.length;
    const othersOf = p >= 0 ? others : others.filter((o) => o.kind === 'payer' || !members.some((q) => model.providerIds[q] === o.party));
    rows.push({
      provider: p >= 0 ? model.providerIds[p] : 'team',
      group: GROUP_IDS[g],
      effort: effortOf,
      marginalProfit: sum(e.profit, (q) => per(base.profit[q], e.profit[q])),
      coordinationCost: sum(coordination),
      ownSavings,
      ownRevenue,
      others: othersOf,
      patientBenefit,
      valueCreated,
      // Below one krona of value the share is noise, not a finding.
      captured: Math.abs(valueCreated) >= 1 ? (ownSavings + ownRevenue) / valueCreated : NaN,
      socialValue: per(base.welfare, e.welfare),
    });
  };
  for (let g = 0; g < GROUP_COUNT; g++) {
    const members: number[] = [];
    for (let p = 0; p < P; p++) if (ctx.effortActive[p * GROUP_COUNT + g]) members.push(p);
    for (const p of members) row(p, g, [p]);
    if (members.length > 1) row(-1, g, members);
  }
  return rows;
}

export interface StateSummary {
  /** People-weighted team coordination per need group (0–1). */
  coordination: Record<string, number>;
  meanEffort: number;
  totalCost: number;
  spending: Record<string, number>;
  avoidableAdmissionsPerThousand: number;
  readmissionsPerThousand: number;
  edVisitsPerThousand: number;
  qaly: number;
  welfare: number;
}

/**
 * Coordination, spending and outcomes of one evaluated state, per year.
 * @example summarizeState(ctx, solution.decisions, solution.evaluation).coordination
 */
export function summarizeState(ctx: SteadyContext, x: Decisions, e: Evaluation): StateSummary {
  const model = ctx.view.model;
  const { table } = e.outcome;
  const d = table.data;
  const K = model.catchments.length;
  const people = new Float64Array(GROUP_COUNT);
  const weighted = new Float64Array(GROUP_COUNT);
  let personMonths = 0;
  let avoidable = 0;
  let readmissions = 0;
  let ed = 0;
  let qaly = 0;
  const coordination = e.outcome.rates[0].coordination;
  for (let m = 0; m < 12; m++)
    for (let k = 0; k < K; k++)
      for (let g = 0; g < GROUP_COUNT; g++)
        for (let b = 0; b < CNI_BANDS; b++) {
          const row = rowOffset(table, m, k, g, b);
          const n = d[row + OUTCOME + O.personMonths];
          people[g] += n;
          weighted[g] += n * coordination[k * GROUP_COUNT + g];
          personMonths += n;
          avoidable += d[row + OUTCOME + O.avoidableAdmissions];
          readmissions += d[row + S.readmission];
          ed += d[row + S.edVisit];
          qaly += d[row + OUTCOME + O.qaly];
        }
  const perThousand = (v: number) => (personMonths > 0 ? (v * 12000) / personMonths : 0);
  return {
    coordination: Object.fromEntries(GROUP_IDS.map((g, i) => [g, people[i] > 0 ? weighted[i] / people[i] : 0])),
    meanEffort: meanEffort(ctx, x),
    totalCost: e.totalCost,
    spending: Object.fromEntries(model.payerIds.map((id, j) => [id, e.spending[j]])),
    avoidableAdmissionsPerThousand: perThousand(avoidable),
    readmissionsPerThousand: perThousand(readmissions),
    edVisitsPerThousand: perThousand(ed),
    qaly,
    welfare: e.welfare,
  };
}

export interface CoordinationGap {
  equilibrium: StateSummary;
  optimum: StateSummary;
  /** Optimum minus equilibrium, for the numeric fields (coordination per group included). */
  difference: StateSummary;
}

/**
 * The gap between what providers choose and what would be best for patients and society.
 * @example coordinationGap(ctx, report.equilibria[0], optimum).difference.welfare
 */
export function coordinationGap(ctx: SteadyContext, equilibrium: Solution, optimum: Solution): CoordinationGap {
  const eq = summarizeState(ctx, equilibrium.decisions, equilibrium.evaluation);
  const opt = summarizeState(ctx, optimum.decisions, optimum.evaluation);
  const minus = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] - b[k]]));
  return {
    equilibrium: eq,
    optimum: opt,
    difference: {
      coordination: minus(opt.coordination, eq.coordination),
      meanEffort: opt.meanEffort - eq.meanEffort,
      totalCost: opt.totalCost - eq.totalCost,
      spending: minus(opt.spending, eq.spending),
      avoidableAdmissionsPerThousand: opt.avoidableAdmissionsPerThousand - eq.avoidableAdmissionsPerThousand,
      readmissionsPerThousand: opt.readmissionsPerThousand - eq.readmissionsPerThousand,
      edVisitsPerThousand: opt.edVisitsPerThousand - eq.edVisitsPerThousand,
      qaly: opt.qaly - eq.qaly,
      welfare: opt.welfare - eq.welfare,
    },
  };
}

export interface SelectionRow {
  provider: string;
  group: string;
  /** Yearly margin per listed person in the group (kr). */
  marginPerPerson: number;
  /** Selection effort in [0,1] against the group: the share of its people the provider tries to turn away. */
  effort: number;
}

/**
 * Selection (dumping in the sense of Ellis 1998) by listing providers: a provider turns away people
 * of a group in proportion to how much it loses on each, net of the harm it cares about, at a
 * quadratic cost of effort: s* = clamp((−margin − α·harm) / cost, 0, 1).
 * @example selectionEfforts(ctx, evaluation).find((r) => r.group === 'complex-low-capacity')
 */
export function selectionEfforts(ctx: SteadyContext, e: Evaluation): SelectionRow[] {
  const model = ctx.view.model;
  const P = model.providerIds.length;
  const K = model.catchments.length;
  const W = GROUP_COUNT * CNI_BANDS + 1;
  const net = e.outcome.ledger.netByGroup();
  const rows: SelectionRow[] = [];
  const listing = new Set(model.catchments.map((c) => c.listedAt));
  for (const p of listing) {
    if (p < 0) continue;
    const account = ctx.view.plan.providerAccount[p];
    for (let g = 0; g < GROUP_COUNT; g++) {
      let revenue = 0;
      let cost = 0;
      for (let b = 0; b < CNI_BANDS; b++) revenue += net[account * W + g * CNI_BANDS + b];
      for (let m = 0; m < 12; m++) for (let b = 0; b < CNI_BANDS; b++) cost += e.outcome.costs.total[(m * P + p) * COST_SLOTS + g * CNI_BANDS + b];
      let personYears = 0;
      const d = e.outcome.table.data;
      for (let k = 0; k < K; k++) {
        if (model.catchments[k].listedAt !== p) continue;
        for (let m = 0; m < 12; m++) for (let b = 0; b < CNI_BANDS; b++) personYears += d[rowOffset(e.outcome.table, m, k, g, b) + OUTCOME + O.personMonths] / 12;
      }
      if (personYears === 0) continue;
      const margin = (revenue - cost) / personYears;
      const effort = Math.min(1, Math.max(0, (-margin - ctx.parameters.altruism[p] * ctx.response.selectionHarm) / ctx.response.selectionCost));
      rows.push({ provider: model.providerIds[p], group: GROUP_IDS[g], marginPerPerson: margin, effort });
    }
  }
  return rows;
}

export interface AttributionRow {
  provider: string;
  /** kr per year received from each component (pools resolved to the component that fed them). */
  byComponent: Record<string, number>;
  cost: number;
  margin: number;
}

/**
 * Each provider's margin broken down by payment component: why did provider X gain?
 * @example attribution(ctx, evaluation)[0].byComponent
 */
export function attribution(ctx: SteadyContext, e: Evaluation): AttributionRow[] {
  const { plan, model } = ctx.view;
  const C = plan.components.length;
  const A = plan.accounts.length;
  const received = e.outcome.ledger.receivedByComponent(C);
  return model.providerIds.map((id, p) => {
    const account = plan.providerAccount[p];
    const byComponent: Record<string, number> = {};
    plan.components.forEach((c, j) => {
      const v = received[j * A + account];
      if (v !== 0) byComponent[c.spec.id] = v;
    });
    return { provider: id, byComponent, cost: e.cost[p], margin: e.revenue[p] - e.cost[p] };
  });
}

export interface IncentiveReport {
  year: number;
  equilibria: EquilibriumReport;
  optimum: Solution;
  incentives: IncentiveRow[];
  gap: CoordinationGap;
  selection: SelectionRow[];
  attribution: AttributionRow[];
}
