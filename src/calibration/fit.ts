/**
 * A user's own calibration targets (her region's admission rates, cost, multimorbidity) next to
 * the model, and a bounded least-squares fit of the population's base rates to them.
 *
 * The measures here are expected values per person-year at the scenario's own behaviour (its
 * `care.coordination`, or zero), over a group of people: everyone, the 65+ or 75+, or one need
 * group. The calibration report's measures (top1-share and the others `calibrate --format json`
 * lists) can be targets too; they are compared, but only the expected-value measures are fitted.
 */
import { GROUP_IDS, S, SERVICE_COUNT } from '../domain.js';
import type { ServiceId } from '../domain.js';
import { BASE_RATES } from '../care/parameters.js';
import { computeRates } from '../engine/rates.js';
import type { RateTable } from '../engine/rates.js';
import { compileModel } from '../engine/model.js';
import type { Scenario } from '../scenario/types.js';
import { AGE_BANDS, CELL_AGE_BAND, CELL_COUNT, CELL_GROUP, CELL_RATE_CLASS, RATE_CLASS_COUNT, cellParts, chronicConditions } from '../population/cells.js';
import type { Population } from '../population/population.js';

/** Expected-value measures a targets file can name, and the service whose base rate moves each. */
export const RATE_MEASURES = {
  'admissions-per-1000': { service: 'admission', scale: 1000, label: 'admissions per 1,000 person-years' },
  'ed-visits-per-1000': { service: 'edVisit', scale: 1000, label: 'ED visits per 1,000 person-years' },
  'primary-visits-per-person': { service: 'primaryVisit', scale: 1, label: 'primary-care physician visits per person-year' },
  'specialist-visits-per-person': { service: 'specialistVisit', scale: 1, label: 'specialist visits per person-year' },
  'home-care-hours-per-person': { service: 'homeCareHour', scale: 1, label: 'home-care hours per person-year' },
  'home-health-visits-per-person': { service: 'homeHealthVisit', scale: 1, label: 'home-health visits per person-year' },
} as const satisfies Record<string, { service: ServiceId; scale: number; label: string }>;
export type RateMeasure = keyof typeof RATE_MEASURES;
/** Head-count measures (no rate moves them). */
export const SHARE_MEASURES = ['multimorbidity-share', 'nursing-home-share'] as const;

/** Groups a user target may be about: everyone, the 65+, the 75+, or one need group (by id). */
export const TARGET_GROUPS = ['everyone', '65+', '75+', ...GROUP_IDS] as const;

/** One row of a targets file. */
export interface UserTarget {
  measure: string;
  group: string;
  value: number;
  tolerance: number;
  source: string;
  /** 1-based line in the file, for messages. */
  line: number;
}

function inGroup(group: string): (cell: number) => boolean {
  if (group === 'everyone' || group === 'all-ages') return () => true;
  if (group === '65+') return (c) => AGE_BANDS[CELL_AGE_BAND[c]].from >= 65;
  if (group === '75+') return (c) => AGE_BANDS[CELL_AGE_BAND[c]].from >= 75;
  const g = (GROUP_IDS as readonly string[]).indexOf(group);
  return (c) => CELL_GROUP[c] === g;
}

/**
 * Whether a measure and group can be computed here in expectation (and so fitted).
 * @example isRateMeasure('admissions-per-1000', '65+') // true
 */
export function isExpectedMeasure(measure: string, group: string): boolean {
  return (measure in RATE_MEASURES || (SHARE_MEASURES as readonly string[]).includes(measure)) && (TARGET_GROUPS as readonly string[]).includes(group === 'all-ages' ? 'everyone' : group);
}

/**
 * An expected-value measure over a group, from the population and one month's rate table.
 * @example expectedMeasure(population, rates, 'admissions-per-1000', 'everyone') // e.g. 150
 */
export function expectedMeasure(population: Population, rates: RateTable, measure: string, group: string): number {
  const keep = inGroup(group);
  let people = 0;
  let sum = 0;
  const spec = RATE_MEASURES[measure as RateMeasure];
  const s = spec ? S[spec.service] : -1;
  for (let j = 0; j < population.counts.length; j++) {
    const n = population.counts[j];
    if (n === 0) continue;
    const c = j % CELL_COUNT;
    if (!keep(c)) continue;
    const k = (j - c) / CELL_COUNT;
    people += n;
    if (spec) sum += n * 12 * rates.lambda[(k * RATE_CLASS_COUNT + CELL_RATE_CLASS[c]) * SERVICE_COUNT + s];
    else if (measure === 'multimorbidity-share') {
      const p = cellParts(c);
      if (chronicConditions(p.group, p.frailty) >= 2) sum += n;
    } else if (measure === 'nursing-home-share' && cellParts(c).residence === 1) sum += n;
  }
  return people > 0 ? (sum / people) * (spec ? spec.scale : 1) : NaN;
}

/** The scenario with every need group's base rate of each service multiplied. */
function withMultipliers(scenario: Scenario, multipliers: ReadonlyMap<ServiceId, number>): Scenario {
  const care = scenario.care ?? {};
  const rates: NonNullable<NonNullable<Scenario['care']>['rates']> = { ...(care.rates ?? {}) };
  for (const id of GROUP_IDS) {
    const row = { ...(rates[id] ?? {}) };
    for (const [service, m] of multipliers) {
      const base = row[service] ?? BASE_RATES[id][service] ?? 0;
      if (base > 0) row[service] = base * m;
    }
    rates[id] = row;
  }
  return { ...scenario, care: { ...care, rates } };
}

function ratesOf(scenario: Scenario, population: Population): RateTable {
  const model = compileModel(scenario, population);
  return computeRates(model, model.behaviour.effort[0], model.behaviour.intensity[0]);
}

/** One target's value before and after a fit. */
export interface FitRow {
  target: UserTarget;
  before: number;
  after: number;
  within: boolean;
  fitted: boolean;
}

export interface FitResult {
  rows: FitRow[];
  /** Multiplier on every need group's base rate, per service moved, within its bounds. */
  moved: { service: ServiceId; multiplier: number; atBound: boolean }[];
  /** The fitted `care.rates` to put in the scenario. */
  rates: NonNullable<NonNullable<Scenario['care']>['rates']>;
  scenario: Scenario;
}

/** Bounds of a multiplier on a base rate: a region's rates differ from the defaults, but not tenfold. */
export const FIT_BOUNDS = [0.25, 4] as const;

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let i = 0; i < n; i++) {
    let p = i;
    for (let r = i + 1; r < n; r++) if (Math.abs(m[r][i]) > Math.abs(m[p][i])) p = r;
    [m[i], m[p]] = [m[p], m[i]];
    const d = m[i][i] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === i) continue;
      const f = m[r][i] / d;
      for (let c = i; c <= n; c++) m[r][c] -= f * m[i][c];
    }
  }
  return m.map((row, i) => row[n] / (row[i] || 1e-12));
}

/**
 * Fit the base rates of the services the targets measure (one multiplier per service, the same for
 * every need group, bounded by FIT_BOUNDS) to minimise Σ ((value − target) / tolerance)² over the
 * expected-value targets: Levenberg–Marquardt on the log multipliers, projected onto the bounds.
 * @example fitBaseRates(scenario, population, [{ measure: 'admissions-per-1000', group: 'everyone', value: 150, tolerance: 10, source: 'region', line: 2 }])
 */
export function fitBaseRates(scenario: Scenario, population: Population, targets: readonly UserTarget[]): FitResult {
  const fittable = targets.filter((t) => isExpectedMeasure(t.measure, t.group));
  const services = [...new Set(fittable.flatMap((t) => (t.measure in RATE_MEASURES ? [RATE_MEASURES[t.measure as RateMeasure].service as ServiceId] : [])))];
  const lo = Math.log(FIT_BOUNDS[0]);
  const hi = Math.log(FIT_BOUNDS[1]);
  const evaluate = (x: readonly number[]) => {
    const rates = ratesOf(withMultipliers(scenario, new Map(services.map((s, i) => [s, Math.exp(x[i])]))), population);
    return fittable.map((t) => expectedMeasure(population, rates, t.measure, t.group));
  };
  const residuals = (v: readonly number[]) => v.map((y, i) => (y - fittable[i].value) / fittable[i].tolerance);
  const cost = (r: readonly number[]) => r.reduce((a, b) => a + b * b, 0);
  let x = services.map(() => 0);
  const before = evaluate(x);
  let r = residuals(before);
  let mu = 1e-3;
  for (let iter = 0; iter < 50 && services.length > 0 && cost(r) > 1e-10; iter++) {
    // Jacobian by forward differences in log space.
    const h = 1e-5;
    const jac = services.map((_, p) => {
      const xp = [...x];
      xp[p] += h;
      return residuals(evaluate(xp)).map((v, i) => (v - r[i]) / h);
    });
    const jtj = services.map((_, a) => services.map((__, b) => jac[a].reduce((s, v, i) => s + v * jac[b][i], 0) + (a === b ? mu : 0)));
    const jtr = services.map((_, a) => jac[a].reduce((s, v, i) => s + v * r[i], 0));
    const step = solve(jtj, jtr.map((v) => -v));
    const next = x.map((v, i) => Math.min(hi, Math.max(lo, v + step[i])));
    const rNext = residuals(evaluate(next));
    if (cost(rNext) < cost(r)) {
      x = next;
      r = rNext;
      mu = Math.max(mu / 10, 1e-9);
    } else mu *= 10;
    if (mu > 1e6) break;
  }
  const multipliers = new Map(services.map((s, i) => [s, Math.exp(x[i])]));
  const fitted = withMultipliers(scenario, multipliers);
  const after = evaluate(x);
  const rows: FitRow[] = targets.map((t) => {
    const i = fittable.indexOf(t);
    if (i < 0) return { target: t, before: NaN, after: NaN, within: false, fitted: false };
    return { target: t, before: before[i], after: after[i], within: Math.abs(after[i] - t.value) <= t.tolerance + 1e-12, fitted: true };
  });
  return {
    rows,
    moved: services.map((s, i) => ({ service: s, multiplier: Math.exp(x[i]), atBound: x[i] <= lo + 1e-9 || x[i] >= hi - 1e-9 })),
    rates: fitted.care?.rates ?? {},
    scenario: fitted,
  };
}

/** Split one CSV line into fields (commas; double quotes around a field that holds one). */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  out.push(field.trim());
  return out;
}

/** Columns of a targets file, in any order. */
export const TARGET_COLUMNS = ['measure', 'group', 'value', 'tolerance', 'source'] as const;

/**
 * Read a targets CSV (measure, group, value, tolerance, source); throws an Error listing every
 * problem with its line.
 * @example parseTargetsCsv('measure,group,value,tolerance,source\nadmissions-per-1000,everyone,150,10,region 2024\n')
 */
export function parseTargetsCsv(text: string, knownMeasures: readonly { measure: string; group: string }[] = []): UserTarget[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = fields(lines[0] ?? '').map((h) => h.toLowerCase());
  const problems: string[] = [];
  const index = Object.fromEntries(TARGET_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof TARGET_COLUMNS)[number], number>;
  const missing = TARGET_COLUMNS.filter((c) => index[c] < 0);
  if (missing.length > 0) throw new Error(`line 1: missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (the columns are ${TARGET_COLUMNS.join(', ')})`);
  const out: UserTarget[] = [];
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const f = fields(raw);
    const t = { measure: f[index.measure] ?? '', group: f[index.group] ?? '', value: Number(f[index.value]), tolerance: Number(f[index.tolerance]), source: f[index.source] ?? '', line };
    const known = isExpectedMeasure(t.measure, t.group) || knownMeasures.some((k) => k.measure === t.measure && k.group === t.group);
    if (!known) problems.push(`line ${line}: unknown measure '${t.measure}' for group '${t.group}' (see calibrate --format json, or ${Object.keys(RATE_MEASURES).join(', ')}, ${SHARE_MEASURES.join(', ')} for ${TARGET_GROUPS.join(', ')})`);
    if (f[index.value] === '' || !Number.isFinite(t.value)) problems.push(`line ${line}: value '${f[index.value] ?? ''}' is not a number`);
    if (f[index.tolerance] === '' || !(t.tolerance > 0)) problems.push(`line ${line}: tolerance '${f[index.tolerance] ?? ''}' is not a number above 0`);
    out.push(t);
  });
  if (out.length === 0) problems.push('line 2: no targets after the header');
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return out;
}
