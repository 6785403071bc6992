/**
 * How well a prepared scenario reproduces the facts the model is calibrated to (Forum för Health Policy 2013,
 * docs/sources.md "Calibration of a Swedish region"): how concentrated yearly cost is, how much of it
 * goes to people with several chronic conditions, and who those people are.
 *
 * Concentration needs the person-level costs of the microsimulation: the expected-value engine
 * knows only cell means, and part of the tail is chance within a cell (three admissions in a year
 * rather than the expected one). Shares of total cost and who the multimorbid are need only cell means, and are
 * taken in expectation so they carry no simulation noise.
 */
import { GROUP_COUNT, SERVICE_COUNT, S } from '../domain.js';
import { runMicrosim } from '../engine/microsim.js';
import { STOCHASTIC_SERVICES } from '../engine/model.js';
import { trackerCosts } from '../engine/extras.js';
import type { RateTable } from '../engine/rates.js';
import { nonEmptyCells } from '../engine/activity.js';
import type { Outcome, Prepared } from '../run.js';
import { ratesFor } from '../run.js';
import { streamKey } from '../random.js';
import { AGE_BANDS, CELL_AGE_BAND, CELL_COUNT, CELL_GROUP, CELL_RATE_CLASS, RATE_CLASS_COUNT, cellParts, chronicConditions } from '../population/cells.js';
import type { Population } from '../population/population.js';

/** Whom a calibration fact is about, and so where it may be checked. */
export type TargetPopulation = 'all-ages' | '65+' | '75+' | 'multimorbid' | 'complex-needs' | 'home-health';

/**
 * What a scenario's population stands for, from its age mix: a whole region ('all-ages': every age
 * band present), its elderly ('65+': nobody younger), or a chosen target group (anything else, e.g.
 * Finsam's working-age people), where no fact about a whole population applies.
 */
export type PopulationScope = 'all-ages' | '65+' | 'target-group';

/** Whether a fact is checked here: 'ok'/'off' (a target), 'reference' (shown), 'not-applicable' or 'departs' (the scenario says why). */
export type TargetStatus = 'ok' | 'off' | 'reference' | 'not-applicable' | 'departs';

/** One calibration fact: what the sources say, what the model gives, and how it was computed. */
export interface CalibrationTarget {
  id: string;
  label: string;
  /** Whom the source's figure is about; the fact is checked only on a population it applies to. */
  population: TargetPopulation;
  /** The value the sources give. */
  target: number;
  /** Accepted distance from the target (absolute, in the unit of `target`). */
  tolerance: number;
  simulated: number;
  source: string;
  /** How `simulated` was computed: engine, weighting, population. */
  method: string;
  /** 'target': the model is tuned to it; 'reference': shown for comparison, not tuned to. */
  role: 'target' | 'reference';
  within: boolean;
  /** Whether the fact applies to the scenario's population at all (see `status`). */
  applies: boolean;
  status: TargetStatus;
  /** Why a fact does not apply or why the scenario departs from it. */
  note?: string;
}

export interface CalibrationReport {
  /** What the population stands for; decides which facts apply. */
  scope: PopulationScope;
  targets: CalibrationTarget[];
  /** Person-years pooled over the replications (a death closes one, its replacement opens another). */
  personYears: number;
  replications: number;
  /** Mean yearly cost per person alive, microsimulation (pooled) and expected value (kr). */
  meanCost: { simulated: number; expected: number };
}

export interface CalibrationOptions {
  /**
   * Person-year costs of the people aged `ELDERLY_FROM`+ alone (from `elderlyPersonYearCosts`).
   * The microsimulation returns costs without ages, so without these the elderly-only concentration
   * falls back to expected cell means, which leave out chance within a cell (and deaths part-way
   * through a year): a rough figure.
   */
  elderlyPersonYearCosts?: Float32Array[];
}

/** "The elderly": the age from which the elderly-only concentration is measured (MEPS 2002 uses 65). */
export const ELDERLY_FROM = 65;
/** Chronic conditions from which a person counts as multimorbid (Forum för Health Policy 2013: "flera kroniska sjukdomar"). */
export const MULTIMORBID_FROM = 2;

const SEED_000 = 'Forum för Health Policy 2013, p. 1 (docs/sources.md: fhp-2013)';

/**
 * Share of the total held by the largest `fraction` of the values, pooled over all arrays.
 * @example topShare([Float32Array.of(1, 1, 1, 97)], 0.25) // 0.97
 */
export function topShare(values: readonly ArrayLike<number>[], fraction: number): number {
  let n = 0;
  for (const v of values) n += v.length;
  if (n === 0) return 0;
  const all = new Float64Array(n);
  let o = 0;
  let total = 0;
  for (const v of values) {
    for (let i = 0; i < v.length; i++, o++) {
      all[o] = v[i];
      total += v[i];
    }
  }
  if (total <= 0) return 0;
  all.sort();
  // The top k people of n: round so that 1 % of 250 is 3 people rather than 2 or none.
  const k = Math.max(1, Math.round(n * fraction));
  let top = 0;
  for (let i = n - k; i < n; i++) top += all[i];
  return top / total;
}

/**
 * Share of the total held by the largest `fraction` of people when everyone in a cell costs the
 * cell's mean: the concentration between cells only, without chance within a cell.
 * @example topShareOfGroups(Float64Array.of(99, 1), Float64Array.of(1, 1), 0.01) // 1: everyone in the top cell
 */
export function topShareOfGroups(counts: ArrayLike<number>, meanCost: ArrayLike<number>, fraction: number): number {
  const order = Array.from({ length: counts.length }, (_, i) => i).filter((i) => counts[i] > 0);
  order.sort((a, b) => meanCost[b] - meanCost[a]);
  let people = 0;
  let total = 0;
  for (const i of order) {
    people += counts[i];
    total += counts[i] * meanCost[i];
  }
  if (total <= 0) return 0;
  let left = people * fraction;
  let top = 0;
  for (const i of order) {
    if (left <= 0) break;
    const take = Math.min(left, counts[i]);
    top += take * meanCost[i];
    left -= take;
  }
  return top / total;
}

/**
 * Expected yearly cost (kr) of one person, per catchment × rate class, at the given rates: the same
 * costs the microsimulation's person tracker adds up, so the two agree in expectation.
 * @example const perYear = expectedYearlyCost(prepared, outcome.rates[0]); perYear[k * RATE_CLASS_COUNT + rc]
 */
export function expectedYearlyCost(prepared: Prepared, rates: RateTable): Float64Array {
  const { model } = prepared;
  const K = model.catchments.length;
  const everyone = new Uint8Array(model.providerIds.length).fill(1);
  const tc = trackerCosts(model, everyone, rates);
  const out = new Float64Array(K * RATE_CLASS_COUNT);
  const groupOfRateClass = Uint8Array.from({ length: RATE_CLASS_COUNT }, (_, rc) => CELL_GROUP[CELL_RATE_CLASS.indexOf(rc)]);
  for (let k = 0; k < K; k++) {
    for (let rc = 0; rc < RATE_CLASS_COUNT; rc++) {
      const g = groupOfRateClass[rc];
      const l = (k * RATE_CLASS_COUNT + rc) * SERVICE_COUNT;
      const ev = (k * GROUP_COUNT + g) * SERVICE_COUNT;
      let month = tc.perMonth[k * RATE_CLASS_COUNT + rc];
      for (const s of STOCHASTIC_SERVICES) month += rates.lambda[l + s] * tc.perEvent[ev + s];
      // A readmission follows an admission month (microsim step 1); both need discharge planning.
      const readmit = (1 - Math.exp(-rates.lambda[l + S.admission])) * rates.readmit[k * GROUP_COUNT + g];
      month += readmit * tc.perEvent[ev + S.readmission];
      month += (rates.lambda[l + S.admission] + readmit) * rates.coordination[k * GROUP_COUNT + g] * tc.perEvent[ev + S.dischargePlanning];
      out[k * RATE_CLASS_COUNT + rc] = 12 * month;
    }
  }
  return out;
}

/** The people of a population whose cell passes `keep`, in their original order. */
function subPopulation(population: Population, keep: (cell: number) => boolean): Population {
  const index: number[] = [];
  for (let i = 0; i < population.size; i++) if (keep(population.cell[i])) index.push(i);
  const cell = Uint16Array.from(index, (i) => population.cell[i]);
  const catchment = Uint16Array.from(index, (i) => population.catchment[i]);
  const counts = new Float64Array(population.counts.length);
  for (let i = 0; i < cell.length; i++) counts[catchment[i] * CELL_COUNT + cell[i]] += 1;
  return { size: cell.length, cell, catchment, catchments: population.catchments, counts, frailtySigma: population.frailtySigma };
}

/**
 * Person-year costs of the elderly alone: the microsimulation run over the people aged
 * ELDERLY_FROM+ only. People do not interact in the microsimulation, so this is the elderly part
 * of a full run (with other random numbers), at a fifth of its cost, and it knows everyone's age.
 * @example const elderly = elderlyPersonYearCosts(prepared, { replications: 2 })
 */
export function elderlyPersonYearCosts(prepared: Prepared, options: { replications?: number; seed?: number; outcome?: Outcome } = {}): Float32Array[] {
  const { model, plan } = prepared;
  const population = subPopulation(prepared.population, (c) => AGE_BANDS[CELL_AGE_BAND[c]].from >= ELDERLY_FROM);
  const rates = options.outcome?.rates ?? ratesFor(prepared.model, prepared.model.behaviour);
  const cells = nonEmptyCells(population);
  const seed = options.seed ?? prepared.scenario.simulation.seed;
  const out: Float32Array[] = [];
  for (let r = 0; r < (options.replications ?? 1); r++) {
    // A seed of its own, so these draws are not a re-run of replication r of the full population.
    const result = runMicrosim({
      model,
      population,
      cells,
      rates,
      extras: [],
      episodeWindow: plan.episodeWindow,
      seed: streamKey(seed, `elderly-replication-${r}`),
      trackPersonCost: true,
    });
    out.push(result.personYearCosts ?? new Float32Array(0));
  }
  return out;
}

/** Median age from weights per age band: bands are coarse, so interpolate within the band holding the middle. */
function weightedMedianAge(weightByBand: Float64Array): number {
  const total = weightByBand.reduce((a, b) => a + b, 0);
  if (total <= 0) return NaN;
  let run = 0;
  for (let b = 0; b < weightByBand.length; b++) {
    const w = weightByBand[b];
    if (w > 0 && run + w >= total / 2) {
      // People are taken as spread evenly over the years of their band (the last band as 90–99).
      const from = AGE_BANDS[b].from;
      const years = Math.min(AGE_BANDS[b].to + 1, from + 10) - from;
      return from + ((total / 2 - run) / w) * years;
    }
    run += w;
  }
  return AGE_BANDS[AGE_BANDS.length - 1].from;
}

function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((a, b) => a + b, 0);
  let run = 0;
  for (const i of order) {
    run += weights[i];
    if (run >= total / 2) return values[i];
  }
  return NaN;
}

/** Which scopes each target population can be checked on (its people must be there in their natural mix). */
const APPLIES_TO: Record<TargetPopulation, readonly PopulationScope[]> = {
  'all-ages': ['all-ages'],
  // The multimorbid of a whole population (seeds' "typical patient"): a region or its elderly.
  multimorbid: ['all-ages', '65+'],
  // Sub-populations measured on their own: every population that holds them.
  '65+': ['all-ages', '65+'],
  '75+': ['all-ages', '65+'],
  'complex-needs': ['all-ages', '65+', 'target-group'],
  'home-health': ['all-ages', '65+', 'target-group'],
};

const SCOPE_LABEL: Record<PopulationScope, string> = { 'all-ages': 'all ages', '65+': 'people 65+ only', 'target-group': 'a chosen target group' };

/**
 * A calibration fact with its status for a population of the given scope.
 * @example calibrationTarget({ id: 'x', label: 'x', population: 'all-ages', target: 0.3, tolerance: 0.03, simulated: 0.31, source: '', method: '', role: 'target' }, 'all-ages').status // 'ok'
 */
export function calibrationTarget(t: Omit<CalibrationTarget, 'within' | 'applies' | 'status' | 'note'> & { note?: string; departs?: string }, scope: PopulationScope): CalibrationTarget {
  const { departs, ...rest } = t;
  const within = Math.abs(t.simulated - t.target) <= t.tolerance + 1e-12;
  const applies = APPLIES_TO[t.population].includes(scope) && Number.isFinite(t.simulated);
  const status: TargetStatus = !applies ? 'not-applicable' : t.role === 'reference' ? 'reference' : within ? 'ok' : departs !== undefined ? 'departs' : 'off';
  const note = !applies
    ? Number.isFinite(t.simulated)
      ? `not checked: the figure is about ${t.population === 'multimorbid' ? 'the multimorbid of a whole population' : t.population}; this population is ${SCOPE_LABEL[scope]}`
      : 'not checked: nobody in this population is in the group the figure is about'
    : status === 'departs'
      ? departs
      : t.note;
  return { ...rest, within, applies, status, ...(note === undefined ? {} : { note }) };
}

/**
 * What a population stands for, from the people per age band: nobody under 65 → '65+'; every age
 * band present → 'all-ages'; otherwise a target group.
 * @example populationScope(prepare(scenario).population) // 'all-ages' for ages 'sweden'
 */
export function populationScope(population: Population): PopulationScope {
  const byBand = new Float64Array(AGE_BANDS.length);
  for (let j = 0; j < population.counts.length; j++) byBand[CELL_AGE_BAND[j % CELL_COUNT]] += population.counts[j];
  const under65 = AGE_BANDS.reduce((a, b, i) => a + (b.from < ELDERLY_FROM ? byBand[i] : 0), 0);
  if (under65 === 0) return '65+';
  return byBand.every((n) => n > 0) ? 'all-ages' : 'target-group';
}

/**
 * Compare a prepared scenario with the calibration facts. `personYearCosts` are the microsim's
 * (`simulate(prepared, { trackPersonCost: true })`, one array per replication); `outcome` gives the
 * rates the expected values are taken at (default: the scenario's own behaviour).
 * @example calibrationReport(prepared, reps.replications.map((r) => r.personYearCosts!), reps.expected)
 */
export function calibrationReport(
  prepared: Prepared,
  personYearCosts: Float32Array[],
  outcome?: Outcome,
  options: CalibrationOptions = {},
): CalibrationReport {
  const { population, model } = prepared;
  const rates = outcome?.rates ?? ratesFor(prepared.model, prepared.model.behaviour);
  // Mean over the simulated years: behaviour, and so rates, may change from one year to the next.
  const perYear = new Float64Array(model.catchments.length * RATE_CLASS_COUNT);
  for (let y = 0; y < model.years; y++) {
    const cost = expectedYearlyCost(prepared, rates[Math.min(y * 12, rates.length - 1)]);
    for (let i = 0; i < perYear.length; i++) perYear[i] += cost[i] / model.years;
  }

  // Per cell: people and expected cost, summed over catchments.
  const people = new Float64Array(CELL_COUNT);
  const cost = new Float64Array(CELL_COUNT);
  for (let j = 0; j < population.counts.length; j++) {
    const n = population.counts[j];
    if (n === 0) continue;
    const c = j % CELL_COUNT;
    const k = (j - c) / CELL_COUNT;
    people[c] += n;
    cost[c] += n * perYear[k * RATE_CLASS_COUNT + CELL_RATE_CLASS[c]];
  }

  let totalPeople = 0;
  let totalCost = 0;
  let multimorbidCost = 0;
  let multimorbidPeople = 0;
  let people75 = 0;
  let multimorbid75 = 0;
  const mmCountByBand = new Float64Array(AGE_BANDS.length);
  const mmCostByBand = new Float64Array(AGE_BANDS.length);
  const conditions: number[] = [];
  const conditionPeople: number[] = [];
  const conditionCost: number[] = [];
  const elderlyPeople: number[] = [];
  const elderlyMean: number[] = [];
  for (let c = 0; c < CELL_COUNT; c++) {
    if (people[c] === 0) continue;
    const p = cellParts(c);
    const n = chronicConditions(p.group, p.frailty);
    totalPeople += people[c];
    totalCost += cost[c];
    if (AGE_BANDS[p.ageBand].from >= 75) {
      people75 += people[c];
      if (n >= MULTIMORBID_FROM) multimorbid75 += people[c];
    }
    if (AGE_BANDS[p.ageBand].from >= ELDERLY_FROM) {
      elderlyPeople.push(people[c]);
      elderlyMean.push(cost[c] / people[c]);
    }
    if (n < MULTIMORBID_FROM) continue;
    multimorbidPeople += people[c];
    multimorbidCost += cost[c];
    mmCountByBand[p.ageBand] += people[c];
    mmCostByBand[p.ageBand] += cost[c];
    conditions.push(n);
    conditionPeople.push(people[c]);
    conditionCost.push(cost[c]);
  }

  let personYears = 0;
  let simulatedTotal = 0;
  for (const v of personYearCosts) {
    personYears += v.length;
    for (let i = 0; i < v.length; i++) simulatedTotal += v[i];
  }
  const reps = personYearCosts.length;
  const meanCost = {
    simulated: reps > 0 && totalPeople > 0 ? simulatedTotal / reps / model.years / totalPeople : NaN,
    expected: totalPeople > 0 ? totalCost / totalPeople : NaN,
  };

  const elderly = options.elderlyPersonYearCosts;
  const elderlyTop =
    elderly !== undefined && elderly.length > 0
      ? {
          simulated: topShare(elderly, 0.01),
          method: `microsimulation of the ${ELDERLY_FROM}+ alone, ${elderly.length} replication(s) pooled`,
        }
      : {
          simulated: topShareOfGroups(elderlyPeople, elderlyMean, 0.01),
          method: `expected cost per cell (everyone in a cell costs its mean): between-cell concentration only, without chance within a cell; pass elderlyPersonYearCosts (the microsim returns no ages) for the person-level figure`,
        };
  const count = `${Math.round(totalPeople).toLocaleString('en-US')} people`;
  const scope = populationScope(population);

  return {
    scope,
    personYears,
    replications: reps,
    meanCost,
    targets: [
      calibrationTarget(
        {
          id: 'top1-share',
          population: 'all-ages',
          label: 'Share of yearly cost incurred by the costliest 1 % (all ages)',
          target: 0.3,
          tolerance: 0.03,
          simulated: topShare(personYearCosts, 0.01),
          source: `${SEED_000}: "cirka 1 % av patienterna står för 30 % av vårdkostnaderna"`,
          method: `microsimulation, person-years pooled over ${reps} replication(s), ${count}`,
          role: 'target',
        },
        scope,
      ),
      calibrationTarget(
        {
          id: 'top1-share-65plus',
          population: '65+',
          label: `Share of yearly cost incurred by the costliest 1 % of people ${ELDERLY_FROM}+`,
          target: 0.12,
          tolerance: 0.06,
          simulated: elderlyTop.simulated,
          source: 'MEPS 2002, US elderly, 12 % (docs/sources.md: meps): shown, not tuned to',
          method: elderlyTop.method,
          role: 'reference',
        },
        scope,
      ),
      calibrationTarget(
        {
          id: 'multimorbid-cost-share',
          population: 'all-ages',
          label: `Share of total cost going to people with ≥ ${MULTIMORBID_FROM} chronic conditions`,
          target: 0.5,
          tolerance: 0.05,
          simulated: totalCost > 0 ? multimorbidCost / totalCost : NaN,
          source: `${SEED_000}: "cirka 50 % av de samlade vårdresurserna rör patienter med flera kroniska sjukdomar"`,
          method: `expected value per cell at the scenario's rates, ${count}`,
          role: 'target',
        },
        scope,
      ),
      calibrationTarget(
        {
          id: 'multimorbid-median-age',
          population: 'multimorbid',
          label: `Median age of people with ≥ ${MULTIMORBID_FROM} chronic conditions (by head count)`,
          target: 81,
          tolerance: 6,
          simulated: weightedMedianAge(mmCountByBand),
          source: `${SEED_000}: the typical patient "är mellan 75 och 87 års ålder"`,
          method: 'median over people (not cost), ages spread evenly within their age band',
          role: 'target',
        },
        scope,
      ),
      calibrationTarget(
        {
          id: 'multimorbid-median-age-by-cost',
          population: 'multimorbid',
          label: `Median age of the cost of people with ≥ ${MULTIMORBID_FROM} chronic conditions`,
          target: 81,
          tolerance: 6,
          simulated: weightedMedianAge(mmCostByBand),
          source: `${SEED_000}: 75–87 years; shown, not tuned to`,
          method: 'half of the multimorbid cost is incurred below this age; expected value per cell',
          role: 'reference',
        },
        scope,
      ),
      calibrationTarget(
        {
          id: 'multimorbid-median-conditions',
          population: 'multimorbid',
          label: `Median number of chronic conditions of people with ≥ ${MULTIMORBID_FROM} (by head count)`,
          target: 2.5,
          tolerance: 0.5,
          simulated: conditions.length > 0 ? weightedMedian(conditions, conditionPeople) : NaN,
          source: `${SEED_000}: the typical patient "har 2 – 3 kroniska sjukdomar"`,
          method: 'median over people of chronicConditions(group, frailty class)',
          role: 'target',
        },
        scope,
      ),
      calibrationTarget(
        {
          id: 'multimorbid-median-conditions-by-cost',
          population: 'multimorbid',
          label: `Median number of chronic conditions, weighted by cost, of people with ≥ ${MULTIMORBID_FROM}`,
          target: 2.5,
          tolerance: 0.5,
          simulated: conditions.length > 0 ? weightedMedian(conditions, conditionCost) : NaN,
          source: `${SEED_000}: 2–3 conditions; shown, not tuned to`,
          method: 'expected value per cell',
          role: 'reference',
        },
        scope,
      ),
      calibrationTarget(
        {
          id: 'multimorbidity-all-ages',
          population: 'all-ages',
          label: `Share of people with ≥ ${MULTIMORBID_FROM} chronic conditions, all ages`,
          target: 0.216,
          tolerance: 0.06,
          simulated: totalPeople > 0 ? multimorbidPeople / totalPeople : NaN,
          source:
            'Region Stockholm 2017, 21.6 % (docs/sources.md: stockholm-2017): a broader register definition; shown, not tuned to (with that many multimorbid most would be under 75, against Forum för Health Policy 2013)',
          method: 'head count',
          role: 'reference',
        },
        scope,
      ),
      calibrationTarget(
        {
          id: 'multimorbidity-75plus',
          population: '75+',
          label: `Share of people 75+ with ≥ ${MULTIMORBID_FROM} chronic conditions`,
          target: 0.55,
          tolerance: 0.1,
          simulated: people75 > 0 ? multimorbid75 / people75 : NaN,
          source: 'Marengoni et al. 2008, AJPH: 55 % at 77+, Kungsholmen (docs/sources.md: marengoni-2008)',
          method: 'head count, 75+ (the age bands start at 75, not 77)',
          role: 'reference',
        },
        scope,
      ),
    ],
  };
}

/** The mark a target's line starts with: OFF only for a target that applies and is missed. */
export function statusMark(t: CalibrationTarget): string {
  return { ok: 'ok', off: 'OFF', reference: t.within ? '(ok)' : '(—)', 'not-applicable': 'n/a', departs: 'departs' }[t.status];
}

/**
 * One target as a line of text: mark, label, population, value, target and how it was computed.
 * @example formatTarget(report.targets[0]) // "ok    Share of yearly cost … [all-ages]: 30.1 % (target 30.0 % ± 3.0 %) — …"
 */
export function formatTarget(t: CalibrationTarget): string {
  const fmt = (v: number, ref: number) => (ref < 1.5 ? `${(v * 100).toFixed(1)} %` : v.toFixed(1));
  const note = t.note === undefined ? '' : `; ${t.note}`;
  return `${statusMark(t).padEnd(7)} ${t.label} [${t.population}]: ${fmt(t.simulated, t.target)} (target ${fmt(t.target, t.target)} ± ${fmt(t.tolerance, t.target)}) — ${t.method}; ${t.source}${note}`;
}

/**
 * The report as aligned text lines, for a terminal or a log.
 * @example console.log(formatCalibrationReport(report))
 */
export function formatCalibrationReport(report: CalibrationReport): string {
  const lines = [`population: ${report.scope} (facts about other populations are shown as n/a, not checked)`, ...report.targets.map(formatTarget)];
  lines.push(
    `mean yearly cost per person: ${Math.round(report.meanCost.simulated)} kr simulated, ${Math.round(report.meanCost.expected)} kr expected; ${report.personYears} person-years, ${report.replications} replication(s)`,
  );
  return lines.join('\n');
}
