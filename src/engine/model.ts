/**
 * A scenario compiled for the engines: ids turned into indices, defaults merged with overrides,
 * every per-service, per-group and per-cell table laid out as typed arrays.
 */
import {
  CNI_BANDS,
  DAYS_PER_MONTH,
  GROUP_COUNT,
  GROUP_IDS,
  JOINT_SERVICES,
  PROVIDER_TYPES,
  SERVICES,
  SERVICE_COUNT,
  S,
} from '../domain.js';
import type { NeedGroupId, ProviderType, ServiceId } from '../domain.js';
import {
  AVOIDABLE_SHARE,
  BASE_RATES,
  COORDINATION_COST,
  COORDINATION_RATES,
  DRG_WEIGHT,
  EFFECTS,
  LENGTH_OF_STAY,
  MORTALITY_BY_AGE,
  MORTALITY_GROUP,
  READMISSION_PROBABILITY,
  TEAM_TYPES,
  UNIT_COSTS,
} from '../care/parameters.js';
import type { PerGroup, Scenario } from '../scenario/types.js';
import type { Catchment, Population } from '../population/population.js';
import { CELL_COUNT, FRAILTY_CLASSES, RATE_CLASS_COUNT, RESIDENCES, cellParts, frailtyMultipliers } from '../population/cells.js';
import { compileChange, type PopulationChange } from '../population/change.js';

/** Provider behaviour the engines take as given: effort and intensity per provider × group, per year. */
export interface Behaviour {
  /** Coordination effort e ∈ [0,1], [year][provider × GROUP_COUNT + group]. */
  effort: Float64Array[];
  /** Discretionary intensity multiplier, [year][provider × GROUP_COUNT + group]. */
  intensity: Float64Array[];
}

export interface CompiledModel {
  scenario: Scenario;
  months: number;
  years: number;
  /** Calendar month index (year × 12 + month − 1) of simulation month 0. */
  startMonth: number;
  providerIds: string[];
  providerTypes: ProviderType[];
  payerIds: string[];
  catchments: readonly Catchment[];
  /** Delivering provider of each service per catchment: [catchment × SERVICE_COUNT + s], −1 = none. */
  serviceProvider: Int16Array;
  /** Team members per catchment × group (provider indices). */
  team: number[][];
  /** Base monthly rate per rate class × service, at zero coordination and intensity 1. */
  baseRate: Float64Array;
  /** Reduction at full coordination per group × service. */
  effect: Float64Array;
  /** Monthly death probability per cell. */
  deathProbability: Float64Array;
  /** Ageing, moves and new listings over the run; null for a stationary population. */
  change: PopulationChange | null;
  readmission: Float64Array; // per group, at zero coordination
  lengthOfStay: Float64Array; // per group
  drgWeight: Float64Array; // per group
  avoidableShare: Float64Array; // per group
  /** Unit cost per provider × service (kr). For admissions it is the cost of a whole stay. */
  unitCost: Float64Array;
  /** Staff cost of effort 1.0 per person-month, per provider × group. */
  coordinationCost: Float64Array;
  fixedCostPerMonth: Float64Array; // per provider
  places: Float64Array; // per provider
  /** CES substitution parameter (−Infinity = weakest link). */
  substitution: number;
  /** Behaviour from the scenario's `care` inputs, the same every year. */
  behaviour: Behaviour;
}

const STOCHASTIC: readonly ServiceId[] = [
  'primaryVisit',
  'specialistVisit',
  'edVisit',
  'admission',
  'homeHealthVisit',
  'shortTermStay',
  'sipMeeting',
  'mobileTeamVisit',
  'careCoachContact',
];
/** Services drawn per person-month in the microsimulation (readmissions are drawn after an admission); typed for the hot loops. */
export const STOCHASTIC_SERVICES: Int32Array = Int32Array.from(STOCHASTIC, (id) => S[id]);

/** Services performed by one provider at its own effort (not by the team). */
export const OWN_EFFORT_SERVICES: readonly number[] = [S.mobileTeamVisit, S.careCoachContact];

function parseMonth(ym: string): number {
  const [y, m] = ym.split('-').map(Number);
  return y * 12 + (m - 1);
}

/**
 * Simulation month (0-based) of a 'YYYY-MM' date, relative to the scenario's start.
 * @example monthOffset('2027-03', '2026-01') // 14
 */
export function monthOffset(ym: string, start: string): number {
  return parseMonth(ym) - parseMonth(start);
}

function perGroup(value: PerGroup | undefined, fallback: number): Float64Array {
  const out = new Float64Array(GROUP_COUNT).fill(fallback);
  if (typeof value === 'number') out.fill(value);
  else if (value) GROUP_IDS.forEach((g, i) => (out[i] = value[g] ?? fallback));
  return out;
}

/**
 * Compile a validated scenario and its population for the engines.
 * @example const model = compileModel(scenario, synthesizePopulation(scenario, 1))
 */
export function compileModel(scenario: Scenario, population: Population): CompiledModel {
  const sim = scenario.simulation;
  const months = sim.years * 12;
  const providerIds = scenario.providers.map((p) => p.id);
  const providerTypes = scenario.providers.map((p) => p.type);
  const muniIds = scenario.population.municipalities.map((m) => m.id);
  const catchments = population.catchments;
  const P = providerIds.length;

  const serviceProvider = new Int16Array(catchments.length * SERVICE_COUNT).fill(-1);
  const team: number[][] = [];
  catchments.forEach((c, k) => {
    const byType = new Map<ProviderType, number>();
    scenario.providers.forEach((p, i) => {
      if (p.type === 'primary-care') {
        if (i === c.listedAt) byType.set(p.type, i);
      } else if (!p.serves || p.serves.includes(muniIds[c.municipality])) {
        if (!byType.has(p.type)) byType.set(p.type, i);
      }
    });
    SERVICES.forEach((s, si) => (serviceProvider[k * SERVICE_COUNT + si] = byType.get(s.provider) ?? -1));
    for (let g = 0; g < GROUP_COUNT; g++) {
      team[k * GROUP_COUNT + g] = TEAM_TYPES[GROUP_IDS[g]].map((t) => byType.get(t) ?? -1).filter((i) => i >= 0);
    }
  });

  const care = scenario.care ?? {};
  const sigma = population.frailtySigma;
  const frailty = frailtyMultipliers(sigma);
  const baseRate = new Float64Array(RATE_CLASS_COUNT * SERVICE_COUNT);
  const effect = new Float64Array(GROUP_COUNT * SERVICE_COUNT);
  const effects = EFFECTS[care.evidence ?? 'local-follow-ups'];
  for (let g = 0; g < GROUP_COUNT; g++) {
    const id = GROUP_IDS[g];
    const rates = { ...BASE_RATES[id], ...COORDINATION_RATES[id], ...(care.rates?.[id] ?? {}) };
    const eff = { ...effects[id], ...(care.effects?.[id] ?? {}) };
    for (let s = 0; s < SERVICE_COUNT; s++) effect[g * SERVICE_COUNT + s] = eff[SERVICES[s].id] ?? 0;
    for (let f = 0; f < FRAILTY_CLASSES; f++) {
      for (let r = 0; r < RESIDENCES; r++) {
        const rc = (g * FRAILTY_CLASSES + f) * RESIDENCES + r;
        for (let s = 0; s < SERVICE_COUNT; s++) {
          const sid = SERVICES[s].id;
          let perYear = rates[sid] ?? 0;
          // Nursing-home staff give residents their nursing and personal care.
          if (r === 1 && (sid === 'homeHealthVisit' || sid === 'homeCareHour')) perYear = 0;
          if (sid === 'nursingHomeDay') perYear = r === 1 ? 365.25 : 0;
          // Coordination activities scale with need, not with frailty; everything else with frailty.
          const scale = SERVICES[s].coordination || sid === 'nursingHomeDay' ? 1 : frailty[f];
          baseRate[rc * SERVICE_COUNT + s] = (perYear / 12) * scale;
        }
      }
    }
  }

  const deathProbability = new Float64Array(CELL_COUNT);
  for (let c = 0; c < CELL_COUNT; c++) {
    const p = cellParts(c);
    const yearly = Math.min(0.9, MORTALITY_BY_AGE[p.ageBand] * MORTALITY_GROUP[GROUP_IDS[p.group]] * Math.sqrt(frailty[p.frailty]));
    deathProbability[c] = 1 - Math.pow(1 - yearly, 1 / 12);
  }

  const byGroup = (table: Record<NeedGroupId, number>) => Float64Array.from(GROUP_IDS, (g) => table[g]);
  const lengthOfStay = byGroup(LENGTH_OF_STAY);

  const unitCost = new Float64Array(P * SERVICE_COUNT);
  const coordinationCost = new Float64Array(P * GROUP_COUNT);
  const fixedCostPerMonth = new Float64Array(P);
  const places = new Float64Array(P);
  scenario.providers.forEach((p, i) => {
    for (let s = 0; s < SERVICE_COUNT; s++) {
      const id = SERVICES[s].id;
      unitCost[i * SERVICE_COUNT + s] = p.unitCosts?.[id] ?? UNIT_COSTS[id] ?? 0;
    }
    GROUP_IDS.forEach((g, gi) => (coordinationCost[i * GROUP_COUNT + gi] = p.coordinationCost?.[g] ?? COORDINATION_COST[g]));
    fixedCostPerMonth[i] = (p.fixedCostPerYear ?? 0) / 12;
    places[i] = p.places ?? 0;
  });

  const effort = new Float64Array(P * GROUP_COUNT);
  const intensity = new Float64Array(P * GROUP_COUNT);
  scenario.providers.forEach((p, i) => {
    effort.set(perGroup(care.coordination?.[p.id], 0.2), i * GROUP_COUNT); // ASSUMPTION: some coordination happens today
    intensity.set(perGroup(care.intensity?.[p.id], 1), i * GROUP_COUNT);
  });

  const sub = care.substitution ?? 'weakest-link';
  return {
    scenario,
    months,
    years: sim.years,
    startMonth: parseMonth(sim.start),
    providerIds,
    providerTypes,
    payerIds: scenario.payers.map((p) => p.id),
    catchments,
    serviceProvider,
    team,
    baseRate,
    effect,
    deathProbability,
    change: compileChange(scenario.population, population, deathProbability),
    readmission: byGroup(READMISSION_PROBABILITY),
    lengthOfStay,
    drgWeight: byGroup(DRG_WEIGHT),
    avoidableShare: byGroup(AVOIDABLE_SHARE),
    unitCost,
    coordinationCost,
    fixedCostPerMonth,
    places,
    substitution: sub === 'weakest-link' ? -Infinity : sub,
    behaviour: { effort: Array.from({ length: sim.years }, () => effort), intensity: Array.from({ length: sim.years }, () => intensity) },
  };
}

/** Cost of one unit of a service for the provider delivering it, given the person's group. */
export function serviceCost(model: CompiledModel, provider: number, s: number, group: number): number {
  const c = model.unitCost[provider * SERVICE_COUNT + s];
  return s === S.admission || s === S.readmission ? c * model.lengthOfStay[group] : c;
}

export { CNI_BANDS, DAYS_PER_MONTH, JOINT_SERVICES, PROVIDER_TYPES };
