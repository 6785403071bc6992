import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expandModels,
  formatIssue,
  migrateScenario,
  parseScenario,
  ScenarioError,
  validateModel,
  validateScenario,
  type PaymentModel,
  type ValidationResult,
} from '../src/scenario/index.js';
import { loadModels, loadScenarioFile } from '../src/scenario/load.js';
import type { Message } from '../src/messages/index.js';
import { say } from '../src/messages/locales.js';
import type { Issue } from '../src/scenario/index.js';
import { expectBothLanguages } from './support/languages.js';

const FIXTURE_PATH = new URL('./fixtures/minimal-scenario.json', import.meta.url);
const FIXTURE = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Doc;

type Doc = Record<string, unknown>;
type Container = Record<string | number, unknown>;

/** A fresh copy of the minimal fixture for each case. */
const fixture = (): Doc => structuredClone(FIXTURE);

/** The container and key a path like `payment.components[2].price` ends in. */
function locate(doc: Doc, path: string): [Container, string | number] {
  const keys = (path.match(/[^.[\]]+/g) ?? []).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  let node = doc as Container;
  for (const key of keys.slice(0, -1)) node = node[key] as Container;
  return [node, keys[keys.length - 1]];
}
const get = (doc: Doc, path: string): unknown => {
  const [node, key] = locate(doc, path);
  return node[key];
};
const set = (doc: Doc, path: string, value: unknown): void => {
  const [node, key] = locate(doc, path);
  node[key] = value;
};
const del = (doc: Doc, path: string): void => {
  const [node, key] = locate(doc, path);
  delete node[key];
};
const push = (doc: Doc, path: string, value: unknown): void => void (get(doc, path) as unknown[]).push(value);
const rename = (doc: Doc, path: string, to: string): void => {
  const value = get(doc, path);
  del(doc, path);
  set(doc, path.replace(/[^.]+$/, to), value);
};

const errorsOf = (result: ValidationResult): string[] => (result.ok ? [] : result.errors.map(formatIssue));
const warningsOf = (result: ValidationResult): string[] => result.warnings.map(formatIssue);

const episode = (id: string, windowMonths: number, groups: string[]): Doc => ({
  id,
  kind: 'episode',
  trigger: 'admission',
  price: 80000,
  windowMonths,
  includedServices: ['admission', 'readmission'],
  groups,
  payer: 'region',
  payee: 'sjukhus',
});

let models: Record<string, PaymentModel> = {};
beforeAll(async () => {
  models = await loadModels();
});

describe('the minimal fixture', () => {
  it('validates with no errors and no warnings', () => {
    const result = validateScenario(fixture(), { models });
    expect(errorsOf(result)).toEqual([]);
    expect(warningsOf(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('does not change the JSON it is given', () => {
    const doc = fixture();
    validateScenario(doc, { models });
    expect(doc).toEqual(FIXTURE);
  });

  it('a broken file on disk throws a ScenarioError naming the file and every problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reimburse-scenario-'));
    const doc = fixture();
    set(doc, 'simulation.years', 0);
    set(doc, 'population.csv', 'people.csv');
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(doc));
    const error = await loadScenarioFile(join(dir, 'broken.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toMatch(/broken\.json: 1 problem\nsimulation\.years: must be an integer between 1 and 30, got 0$/);
    set(doc, 'simulation.years', 1);
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(doc));
    const missingCsv = await loadScenarioFile(join(dir, 'broken.json')).catch((e: unknown) => e);
    expect((missingCsv as ScenarioError).issues.map(formatIssue)).toEqual([expect.stringMatching(/^population\.csv: file not found: .*people\.csv$/)]);
  });

  it('loads from disk with the repository models', async () => {
    const scenario = await loadScenarioFile(FIXTURE_PATH.pathname);
    expect(scenario.payment.components).toHaveLength(6);
  });
});

interface BrokenCase {
  rule: string;
  edit: (doc: Doc) => void;
  errors: string[];
}

/** One mutation of the fixture per row, and exactly the errors it must produce. */
const BROKEN: BrokenCase[] = [
  // types and enums
  { rule: 'enum lists valid values', edit: (d) => set(d, 'providers[2].type', 'hosptial'), errors: ["providers[2].type: 'hosptial' is not one of hospital, primary-care, home-health, home-care, nursing-home, short-term-care"] },
  { rule: 'payer kind enum', edit: (d) => set(d, 'payers[1].kind', 'county'), errors: ["payers[1].kind: 'county' is not one of region, municipality, state, joint"] },
  { rule: 'wrong type', edit: (d) => set(d, 'population.size', '2000'), errors: ['population.size: must be a number, got string'] },
  { rule: 'wrong type: null', edit: (d) => set(d, 'providers[0].name', null), errors: ['providers[0].name: must be a string, got null'] },
  { rule: 'object expected', edit: (d) => set(d, 'simulation', [2026]), errors: ['simulation: must be an object, got array'] },
  { rule: 'required key', edit: (d) => del(d, 'providers[1].principal'), errors: ['providers[1].principal: required'] },
  // unknown keys
  { rule: 'unknown key with suggestion', edit: (d) => rename(d, 'payment.components[0].payer', 'payr'), errors: ["payment.components[0].payr: unknown key 'payr' (did you mean 'payer'?)"] },
  { rule: 'unknown top-level key', edit: (d) => set(d, 'titel', 'x'), errors: ["titel: unknown key 'titel' (did you mean 'title'?)"] },
  { rule: 'unknown key without a near miss', edit: (d) => set(d, 'providers[0].colour', 'red'), errors: ["providers[0].colour: unknown key 'colour'"] },
  // amounts
  { rule: 'negative price', edit: (d) => set(d, 'payment.components[2].price', -5), errors: ['payment.components[2].price: must be between 0 and 1000000000, got -5'] },
  { rule: 'negative fixed amount', edit: (d) => set(d, 'payment.components[0].amount', -1), errors: ['payment.components[0].amount: must be between 0 and 100000000, got -1'] },
  { rule: 'goal deductions are not negative amounts', edit: (d) => set(d, 'payment.components[4].amount', -500000), errors: ['payment.components[4].amount: must be ≥ 0, got -500000 (a deduction is written as deduction: true with a positive amount)'] },
  { rule: 'negative unit cost', edit: (d) => set(d, 'providers[0].unitCosts', { admission: -10 }), errors: ['providers[0].unitCosts.admission: must be between 0 and 1000000000, got -10'] },
  // shares
  { rule: 'payer shares sum to 1', edit: (d) => set(d, 'payment.components[5].payer[1].share', 0.4), errors: ['payment.components[5].payer: shares must sum to 1, got 0.9'] },
  { rule: 'a share lies in [0, 1]', edit: (d) => set(d, 'payment.components[5].payer[1].share', 1.5), errors: ['payment.components[5].payer[1].share: must be between 0 and 1, got 1.5'] },
  { rule: 'municipality shares sum to 1', edit: (d) => set(d, 'population.municipalities[0].share', 0.5), errors: ['population.municipalities: shares must sum to 1, got 0.9'] },
  { rule: 'municipality share is not negative', edit: (d) => set(d, 'population.municipalities[0].share', -0.6), errors: ['population.municipalities[0].share: must be between 0 and 1, got -0.6'] },
  { rule: 'listing shares sum to 1', edit: (d) => set(d, 'population.listing[1].share', 0.6), errors: ['population.listing: shares must sum to 1, got 1.1'] },
  { rule: 'cniMix has 5 bands', edit: (d) => set(d, 'population.cniMix', [0.25, 0.25, 0.25, 0.25]), errors: ['population.cniMix: must have 5 shares (one per CNI band 1–5), got 4'] },
  { rule: 'cniMix sums to 1', edit: (d) => set(d, 'population.municipalities[1].cniMix', [0.2, 0.2, 0.2, 0.2, 0.1]), errors: ['population.municipalities[1].cniMix: shares must sum to 1, got 0.9'] },
  { rule: 'pool shares sum to 1', edit: (d) => set(d, 'pools[0].sharing', { shares: { sjukhus: 0.5, hemsjukvard: 0.4 } }), errors: ['pools[0].sharing.shares: shares must sum to 1, got 0.9'] },
  { rule: 'pool shares name members', edit: (d) => set(d, 'pools[0].sharing', { shares: { sjukhus: 0.5, sabo: 0.5 } }), errors: ["pools[0].sharing.shares.sabo: unknown pool member 'sabo' (known: sjukhus, hemsjukvard)"] },
  // ids and references
  { rule: 'ids unique within a list', edit: (d) => push(d, 'providers', { ...(get(d, 'providers[6]') as Doc) }), errors: ["providers[7].id: duplicate id 'korttid' (already used by providers[6])"] },
  { rule: 'ids unique across payers, providers and pools', edit: (d) => push(d, 'pools', { id: 'vc-norr', name: 'x', members: ['sjukhus'], sharing: 'equal' }), errors: ["pools[1].id: duplicate id 'vc-norr' (already used by providers[1])"] },
  { rule: "'participants' is reserved", edit: (d) => push(d, 'pools', { id: 'participants', name: 'x', members: ['sjukhus'], sharing: 'equal' }), errors: ["pools[1].id: 'participants' is reserved: as a payee it means every provider taking part in a joint activity"] },
  { rule: 'component ids unique', edit: (d) => set(d, 'payment.components[1].id', 'capitation-norr'), errors: ["payment.components[1].id: duplicate component id 'capitation-norr' (already used by payment.components[0])"] },
  { rule: 'principal resolves to a payer', edit: (d) => set(d, 'providers[0].principal', 'regon'), errors: ["providers[0].principal: unknown payer 'regon' (did you mean 'region'?)"] },
  { rule: 'component payer resolves', edit: (d) => set(d, 'payment.components[0].payer', 'landsting'), errors: ["payment.components[0].payer: unknown payer 'landsting' (known: region, kommun)"] },
  { rule: 'payer share names a payer', edit: (d) => set(d, 'payment.components[5].payer[1].payer', 'stat'), errors: ["payment.components[5].payer[1].payer: unknown payer 'stat' (known: region, kommun)"] },
  { rule: 'payee resolves to a provider or pool', edit: (d) => set(d, 'payment.components[2].payee', 'vc-nor'), errors: ["payment.components[2].payee: unknown provider or pool 'vc-nor' (did you mean 'vc-norr'?)"] },
  { rule: 'payee is not a payer', edit: (d) => set(d, 'payment.components[2].payee', 'kommun'), errors: ["payment.components[2].payee: 'kommun' is a payer; a payee must be a provider or a pool"] },
  { rule: "'participants' only for joint services", edit: (d) => set(d, 'payment.components[2].payee', 'participants'), errors: ["payment.components[2].payee: 'participants' is only for variable components on joint services (sipMeeting, dischargePlanning)"] },
  { rule: 'pool members are providers', edit: (d) => set(d, 'pools[0].members[1]', 'kommun'), errors: ["pools[0].members[1]: unknown provider 'kommun' (known: sjukhus, vc-norr, vc-soder, hemsjukvard, hemtjanst, sabo, korttid)"] },
  { rule: 'listing names primary care', edit: (d) => set(d, 'population.listing[1].provider', 'sjukhus'), errors: ["population.listing[1].provider: 'sjukhus' is a hospital provider; people are listed with primary care"] },
  { rule: 'serves names municipalities', edit: (d) => set(d, 'providers[3].serves', ['norby']), errors: ["providers[3].serves[0]: unknown municipality 'norby' (did you mean 'norrby'?)"] },
  // care
  { rule: 'care.coordination keys are providers', edit: (d) => set(d, 'care', { coordination: { 'vc-nor': 0.5 } }), errors: ["care.coordination.vc-nor: unknown provider 'vc-nor' (did you mean 'vc-norr'?)"] },
  { rule: 'coordination in [0, 1]', edit: (d) => set(d, 'care', { coordination: { sjukhus: 1.2 } }), errors: ['care.coordination.sjukhus: must be between 0 and 1, got 1.2'] },
  { rule: 'intensity in [0, 3]', edit: (d) => set(d, 'care', { intensity: { sjukhus: { healthy: 4 } } }), errors: ['care.intensity.sjukhus.healthy: must be between 0 and 3, got 4'] },
  { rule: 'per-group keys are need groups', edit: (d) => set(d, 'care', { coordination: { sjukhus: { helthy: 0.5 } } }), errors: ["care.coordination.sjukhus.helthy: unknown need group 'helthy' (did you mean 'healthy'?)"] },
  { rule: 'care.rates keys are services', edit: (d) => set(d, 'care', { rates: { healthy: { primaryVist: 2 } } }), errors: ["care.rates.healthy.primaryVist: unknown service 'primaryVist' (did you mean 'primaryVisit'?)"] },
  { rule: 'care.effects in [0, 1]', edit: (d) => set(d, 'care', { effects: { 'rapid-onset': { admission: 1.5 } } }), errors: ['care.effects.rapid-onset.admission: must be between 0 and 1, got 1.5'] },
  // dates and simulation settings
  { rule: 'month 01–12', edit: (d) => set(d, 'payment.components[0].start', '2026-13'), errors: ["payment.components[0].start: must be a month 'YYYY-MM' with month 01–12, got '2026-13'"] },
  { rule: 'end after start', edit: (d) => Object.assign(get(d, 'payment.components[0]') as Doc, { start: '2026-06', end: '2026-03' }), errors: ['payment.components[0].end: must be after start (2026-06), got 2026-03'] },
  { rule: 'simulation.start is a month', edit: (d) => set(d, 'simulation.start', '26-01'), errors: ["simulation.start: must be a month 'YYYY-MM' with month 01–12, got '26-01'"] },
  { rule: 'years integer 1–30', edit: (d) => set(d, 'simulation.years', 40), errors: ['simulation.years: must be an integer between 1 and 30, got 40'] },
  { rule: 'years is whole', edit: (d) => set(d, 'simulation.years', 1.5), errors: ['simulation.years: must be an integer between 1 and 30, got 1.5'] },
  { rule: 'monthly steps only', edit: (d) => set(d, 'simulation.stepsPerYear', 4), errors: ['simulation.stepsPerYear: only monthly steps are supported (stepsPerYear must be 12), got 4'] },
  { rule: 'replications 1–10000', edit: (d) => set(d, 'simulation.replications', 0), errors: ['simulation.replications: must be an integer between 1 and 10000, got 0'] },
  { rule: 'seed fits 32 bits', edit: (d) => set(d, 'simulation.seed', 2 ** 32), errors: ['simulation.seed: must be an integer between 0 and 4294967295, got 4294967296'] },
  { rule: 'population size limit names the reason', edit: (d) => set(d, 'population.size', 50_000_000), errors: ['population.size: 50000000 people would need about 5 GB; the limit is 20,000,000'] },
  { rule: 'population size ≥ 1', edit: (d) => set(d, 'population.size', 0), errors: ['population.size: must be an integer ≥ 1, got 0'] },
  // component kinds
  { rule: 'indicator only for goal', edit: (d) => set(d, 'payment.components[2].indicator', 'readmissionRate'), errors: ["payment.components[2].indicator: 'indicator' is only for goal components (this one is variable)"] },
  { rule: 'variable needs pricing', edit: (d) => del(d, 'payment.components[2].pricing'), errors: ['payment.components[2].pricing: required'] },
  { rule: 'fixed needs basis', edit: (d) => del(d, 'payment.components[5].basis'), errors: ['payment.components[5].basis: required'] },
  { rule: 'kind enum', edit: (d) => set(d, 'payment.components[2].kind', 'bonus'), errors: ["payment.components[2].kind: 'bonus' is not one of fixed, variable, goal, episode, value, shared-savings, target-price"] },
  { rule: 'cost price is a share', edit: (d) => Object.assign(get(d, 'payment.components[2]') as Doc, { pricing: 'cost', price: 1.5 }), errors: ["payment.components[2].price: must be between 0 and 1 for pricing 'cost' (the share of cost reimbursed), got 1.5"] },
  { rule: 'drg only for admissions', edit: (d) => set(d, 'payment.components[3].service', ['admission', 'primaryVisit']), errors: ["payment.components[3].service: 'drg' pricing is only for admission and readmission, not primaryVisit"] },
  { rule: 'modification enum', edit: (d) => set(d, 'payment.components[0].modification', 'pooling'), errors: ["payment.components[0].modification: 'pooling' is not one of weighting, direct, aggregation"] },
  { rule: 'cap ≥ floor', edit: (d) => Object.assign(get(d, 'payment.components[2]') as Doc, { cap: 100, floor: 200 }), errors: ['payment.components[2].cap: must be ≥ floor (200), got 100'] },
  { rule: 'stopLoss share in [0, 1], threshold ≥ 0', edit: (d) => set(d, 'payment.components[0].stopLoss', { threshold: -1, share: 1.2 }), errors: ['payment.components[0].stopLoss.threshold: must be ≥ 0, got -1', 'payment.components[0].stopLoss.share: must be between 0 and 1, got 1.2'] },
  { rule: 'riskCorridor band ≥ 0', edit: (d) => set(d, 'payment.components[0].riskCorridor', { band: -0.1, share: 0.5 }), errors: ['payment.components[0].riskCorridor.band: must be ≥ 0, got -0.1'] },
  { rule: 'goal target of a share indicator in [0, 1]', edit: (d) => set(d, 'payment.components[4].target', 8), errors: ['payment.components[4].target: must be between 0 and 1, got 8'] },
  { rule: 'weight formula checked', edit: (d) => set(d, 'payment.components[0].weight', 'agee * 2'), errors: ["payment.components[0].weight: unknown name 'agee' (known: age, sex, group, conditions, acg, cni)"] },
  { rule: 'curve formula checked', edit: (d) => set(d, 'payment.components[4].curve', 'value <= targt'), errors: ["payment.components[4].curve: unknown name 'targt' (known: value, target, baseline)"] },
  { rule: 'a curve using baseline needs one', edit: (d) => del(d, 'payment.components[4].baseline'), errors: ["payment.components[4].curve: uses 'baseline', so the component needs a baseline"] },
  { rule: 'weight needs people', edit: (d) => set(d, 'payment.components[5].weight', 'acg'), errors: ["payment.components[5].weight: a lump amount has no people to weigh; weight needs basis 'per-person'"] },
  { rule: 'per-place needs places', edit: (d) => push(d, 'payment.components', { id: 'korttid-places', kind: 'fixed', basis: 'per-place', amount: 1, payer: 'kommun', payee: 'korttid' }), errors: ["payment.components[6].payee: a per-place amount needs the payee's number of places: set providers[6].places"] },
  { rule: 'episode window is a whole number of months', edit: (d) => push(d, 'payment.components', episode('stroke', 0, ['rapid-onset'])), errors: ['payment.components[6].windowMonths: must be an integer between 1 and 120, got 0'] },
  { rule: 'episode needs includedServices', edit: (d) => push(d, 'payment.components', { ...episode('stroke', 3, ['rapid-onset']), includedServices: undefined }), errors: ['payment.components[6].includedServices: required'] },
  { rule: 'value needs outcomes', edit: (d) => push(d, 'payment.components', { ...episode('stroke', 3, ['rapid-onset']), kind: 'value' }), errors: ['payment.components[6].outcomes: required'] },
  { rule: 'value outcome indicators', edit: (d) => push(d, 'payment.components', { ...episode('stroke', 3, ['rapid-onset']), kind: 'value', outcomes: [{ indicator: 'mortality', reference: 0.6, valuePerPoint: 1000 }] }), errors: ["payment.components[6].outcomes[0].indicator: 'mortality' is not one of adlIndependent, directToStrokeUnit"] },
  { rule: 'one episode window per need group', edit: (d) => { push(d, 'payment.components', episode('stroke-a', 3, ['rapid-onset'])); push(d, 'payment.components', episode('stroke-b', 6, ['healthy', 'rapid-onset'])); }, errors: ["payment.components[7].windowMonths: need group 'rapid-onset' already has a 3-month window in payment.components[6] ('stroke-a'); one episode window per need group"] },
  { rule: 'one provider of each type per municipality', edit: (d) => push(d, 'providers', { id: 'hemtjanst-2', name: 'Hemtjänst 2', type: 'home-care', principal: 'kommun', serves: ['soderby'] }), errors: ["providers[7].serves: municipality 'soderby' is served by two home-care providers, 'hemtjanst' and 'hemtjanst-2'; each municipality has at most one provider of each type except primary care (limit 'serves')"] },
];

BROKEN.push(
  { rule: 'translations name a language', edit: (d) => set(d, 'translations', { se: { title: 'x' } }), errors: ["translations.se: unknown language 'se' (did you mean 'sv'?)"] },
  { rule: 'translated texts are strings', edit: (d) => set(d, 'translations', { sv: { title: 5 } }), errors: ['translations.sv.title: must be a string, got number'] },
  { rule: 'translations hold the texts only', edit: (d) => set(d, 'translations', { sv: { titel: 'x' } }), errors: ["translations.sv.titel: unknown key 'titel' (did you mean 'title'?)"] },
);

describe('each broken scenario reports exactly its problem', () => {
  it('covers many rules', () => {
    expect(new Set(BROKEN.map((c) => c.rule)).size).toBe(BROKEN.length);
    expect(BROKEN.length).toBeGreaterThanOrEqual(25);
  });

  it.each(BROKEN)('$rule', ({ edit, errors }) => {
    const doc = fixture();
    edit(doc);
    const result = validateScenario(doc, { models });
    expect(result.ok).toBe(false);
    expect(errorsOf(result)).toEqual(errors);
    expectBothLanguages(result.ok ? [] : result.errors);
  });
});

describe('reporting', () => {
  it('reports every problem, not just the first', () => {
    const doc = fixture();
    set(doc, 'providers[2].type', 'hosptial');
    set(doc, 'payment.components[2].price', -5);
    set(doc, 'simulation.years', 0);
    const errors = errorsOf(validateScenario(doc, { models }));
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^providers\[2\]\.type: 'hosptial' is not one of/),
        'payment.components[2].price: must be between 0 and 1000000000, got -5',
        'simulation.years: must be an integer between 1 and 30, got 0',
      ]),
    );
  });

  it('issues carry the path apart from the message', () => {
    const doc = fixture();
    set(doc, 'simulation.years', 0);
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'simulation.years', message: 'must be an integer between 1 and 30, got 0', detail: { code: 'range', params: { min: 1, max: 30, integer: true, got: 0 } } },
    ]);
    expect(say((result.ok ? [] : result.errors)[0].detail as Message, 'sv')).toBe('måste vara ett heltal mellan 1 och 30, men är 0');
  });

  it('ScenarioError lists every issue, one per line', () => {
    const error = new ScenarioError([
      { path: 'a', message: 'one' },
      { path: 'b[0]', message: 'two' },
    ]);
    expect(error.message).toBe('a: one\nb[0]: two');
    expect(error.issues).toHaveLength(2);
  });

  it('warns (without failing) when a municipality has no hospital', () => {
    const doc = fixture();
    set(doc, 'providers[0].serves', ['norrby']);
    const result = validateScenario(doc, { models });
    expect(errorsOf(result)).toEqual([]);
    expect(warningsOf(result)).toEqual(["population.municipalities[1]: no hospital serves municipality 'soderby'"]);
  });

  it('accepts shares that miss 1 by rounding only', () => {
    const doc = fixture();
    set(doc, 'population.cniMix', [0.2, 0.2, 0.2, 0.2, 0.2000000004]);
    expect(errorsOf(validateScenario(doc))).toEqual([]);
  });

  it('never throws, and a failed result always says why, whatever value is put anywhere', () => {
    const paths = (node: unknown, prefix: string): string[] =>
      typeof node !== 'object' || node === null
        ? [prefix]
        : [prefix, ...Object.entries(node).flatMap(([k, v]) => paths(v, Array.isArray(node) ? `${prefix}[${k}]` : prefix === '' ? k : `${prefix}.${k}`))];
    const targets = paths(FIXTURE, '').filter((p) => p !== '');
    fc.assert(
      fc.property(fc.constantFrom(...targets), fc.jsonValue(), (path, value) => {
        const doc = fixture();
        set(doc, path, value);
        const result = validateScenario(doc, { models });
        return result.ok || result.errors.length > 0;
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('ages use the population model\'s bands', () => {
    const doc = fixture();
    set(doc, 'population.ages', { '65-74': 0.5, '75-84': 0.5 });
    expect(errorsOf(validateScenario(doc))).toEqual(["population.ages.75-84: unknown age band '75-84' (known: 0-19, 20-44, 45-64, 65-74, 75-79, 80-84, 85-89, 90+)"]);
  });

  it('accepts texts in Swedish next to the English ones', () => {
    const doc = fixture();
    set(doc, 'translations', { sv: { title: 'Fel ficka', description: 'Vem tjänar på samordning?', question: 'Lönar det sig?', lookAt: 'Incitamentstabellen.' } });
    const result = validateScenario(doc, { models });
    expect(errorsOf(result)).toEqual([]);
    expect(result.ok && result.scenario.translations?.sv?.title).toBe('Fel ficka');
  });

  it("accepts 'participants' as payee of a joint-service fee", () => {
    const doc = fixture();
    push(doc, 'payment.components', { id: 'sip-fee', kind: 'variable', service: 'sipMeeting', pricing: 'fee', price: 1500, payer: 'region', payee: 'participants' });
    expect(errorsOf(validateScenario(doc))).toEqual([]);
  });
});

describe('parsing and versions', () => {
  it('reports invalid JSON with line and column', () => {
    const text = '{\n  "schemaVersion": 1,\n  "id": "x"\n  "title": "y"\n}';
    expect(errorsOf(parseScenario(text))).toEqual([`scenario: not valid JSON at line 4, column 3: expected ',' or '}' after a property value, got '"'`]);
  });

  it('reports a trailing comma and a truncated file', () => {
    expect(errorsOf(parseScenario('{\n  "a": [1, 2,]\n}'))).toEqual(["scenario: not valid JSON at line 2, column 14: trailing comma before ']'"]);
    expect(errorsOf(parseScenario('{ "a": '))).toEqual(['scenario: not valid JSON at line 1, column 8: unexpected end of input']);
  });

  it('says every JSON syntax error and version problem in Swedish too', () => {
    const texts = ['{\n  "a" 1\n}', '{ "a": ', '{ "a": [1, 2,] }', "{ 'a': 1 }", '{ "a": 1 } x', '{ "a": tru }', '{ "a": "b\\q" }', '[1 2]', '{ "a": -x }', '// note\n{}'];
    for (const text of texts) {
      const result = parseScenario(text);
      expect(result.ok, text).toBe(false);
      expectBothLanguages(result.ok ? [] : result.errors);
    }
    const detail = (parseScenario('{ "a": ') as { errors: Issue[] }).errors[0].detail as Message;
    expect(say(detail, 'sv')).toBe('inte giltig JSON på rad 1, kolumn 8: texten tar slut för tidigt');
    for (const version of [undefined, 2, 1.5, 'one']) {
      const doc = fixture();
      set(doc, 'schemaVersion', version);
      const result = validateScenario(doc, { models });
      expect(result.ok).toBe(false);
      expectBothLanguages(result.ok ? [] : result.errors);
    }
  });

  it('requires schemaVersion', () => {
    const doc = fixture();
    del(doc, 'schemaVersion');
    expect(errorsOf(validateScenario(doc, { models }))).toEqual(['schemaVersion: required (current version is 1)']);
  });

  it('refuses a file made by a newer version', () => {
    const doc = fixture();
    set(doc, 'schemaVersion', 2);
    expect(errorsOf(validateScenario(doc))).toEqual(['schemaVersion: 2 was made by a newer version of reimburse (this one reads version 1); update reimburse to open it']);
  });
});

describe('migration', () => {
  /** The fixture as the draft (version 0) format wrote it. */
  const draft = (months: number): Doc => {
    const doc = fixture();
    set(doc, 'schemaVersion', 0);
    rename(doc, 'payers', 'principals');
    set(doc, 'simulation', { start: '2026-01', months, replications: 2, seed: 42 });
    return doc;
  };

  it('migrates a version 0 draft to version 1', () => {
    const input = draft(24);
    const { json, applied } = migrateScenario(input);
    expect(applied).toEqual(["version 0 → 1: renamed 'principals' to 'payers'; simulation.months 24 → simulation.years 2, stepsPerYear 12"]);
    const migrated = json as Doc;
    expect(migrated.schemaVersion).toBe(1);
    expect(migrated.payers).toEqual(FIXTURE.payers);
    expect('principals' in migrated).toBe(false);
    expect(migrated.simulation).toEqual({ start: '2026-01', years: 2, replications: 2, seed: 42, stepsPerYear: 12 });
    expect(input.schemaVersion).toBe(0);
  });

  it('says when months are rounded up to whole years', () => {
    expect(migrateScenario(draft(18)).applied[0]).toContain('simulation.months 18 → simulation.years 2 (rounded up to whole years)');
  });

  it('validates a migrated draft, warning that it was migrated', () => {
    const result = validateScenario(draft(12), { models });
    expect(errorsOf(result)).toEqual([]);
    expect(warningsOf(result)).toEqual([
      "schemaVersion: migrated version 0 → 1: renamed 'principals' to 'payers'; simulation.months 12 → simulation.years 1, stepsPerYear 12; save the file to keep the new format",
    ]);
  });

  it('rejects a version no migration leads from', () => {
    const doc = fixture();
    set(doc, 'schemaVersion', -1);
    expect(errorsOf(validateScenario(doc))).toEqual(['schemaVersion: version -1 cannot be migrated (migrations exist from version 0)']);
  });
});

describe('model references', () => {
  const withReference = (reference: Doc): Doc => {
    const doc = fixture();
    push(doc, 'payment.components', reference);
    return doc;
  };

  it('expands a model with defaults and interpolated labels', () => {
    const result = validateScenario(withReference({ model: 'fee-per-visit', id: 'vc-soder-fee', parameters: { payee: 'vc-soder', price: 200 } }), { models });
    expect(errorsOf(result)).toEqual([]);
    const last = result.ok ? result.scenario.payment.components[6] : undefined;
    expect(last).toMatchObject({ id: 'vc-soder-fee.fee', label: 'Fee per primary care visit', kind: 'variable', service: 'primaryVisit', price: 200, payer: 'region', payee: 'vc-soder' });
  });

  it('expandModels leaves plain components alone', () => {
    const { components, errors } = expandModels([{ id: 'plain' }, { model: 'drg', id: 'h', parameters: { payee: 'sjukhus' } }], models);
    expect(errors).toEqual([]);
    expect(components.map((c) => c.path)).toEqual(['payment.components[0]', 'payment.components[1](model drg).components[0]']);
    expect(components[1].component).toMatchObject({ id: 'h.drg', service: ['admission', 'readmission'], price: 30000 });
  });

  const REFERENCE_ERRORS: { rule: string; reference: Doc; errors: string[] }[] = [
    { rule: 'unknown model', reference: { model: 'capitation-weigthed', id: 'c', parameters: {} }, errors: ["payment.components[6].model: unknown model 'capitation-weigthed' (did you mean 'capitation-weighted'?)"] },
    { rule: 'unknown parameter', reference: { model: 'capitation-weighted', id: 'c', parameters: { payee: 'vc-soder', amout: 1 } }, errors: ["payment.components[6].parameters.amout: unknown parameter 'amout' of model 'capitation-weighted' (did you mean 'amount'?)"] },
    { rule: 'missing parameter without default', reference: { model: 'global-budget', id: 'b', parameters: { payee: 'samverkan' } }, errors: ["payment.components[6].parameters.amount: required by model 'global-budget' (it has no default)"] },
    { rule: 'out-of-range parameter', reference: { model: 'capitation-weighted', id: 'c', parameters: { payee: 'vc-soder', amount: 500000 } }, errors: ['payment.components[6].parameters.amount: must be between 0 and 200000, got 500000'] },
    { rule: 'expanded components are validated too', reference: { model: 'fee-per-visit', id: 'f', parameters: { payee: 'kommun' } }, errors: ["payment.components[6](model fee-per-visit).components[0].payee: 'kommun' is a payer; a payee must be a provider or a pool"] },
    { rule: 'expanded formulas are checked', reference: { model: 'capitation-weighted', id: 'c', parameters: { payee: 'vc-soder', weight: 'acg * income' } }, errors: ["payment.components[6](model capitation-weighted).components[0].weight: unknown name 'income' (known: age, sex, group, conditions, acg, cni)"] },
  ];

  it.each(REFERENCE_ERRORS)('$rule', ({ reference, errors }) => {
    const result = validateScenario(withReference(reference), { models });
    expect(errorsOf(result)).toEqual(errors);
    expectBothLanguages(result.ok ? [] : result.errors);
  });

  it('reports an unknown model when no models are loaded', () => {
    expect(errorsOf(validateScenario(withReference({ model: 'drg', id: 'h', parameters: { payee: 'sjukhus' } })))).toEqual([
      "payment.components[6].model: unknown model 'drg' (no models are loaded)",
    ]);
  });

  it("a model's Swedish texts name its own parameters", () => {
    const model = structuredClone(models['capitation-weighted']) as unknown as Doc;
    set(model, 'translations', { sv: { title: 'Viktad kapitering', parameters: { amout: 'Belopp', amount: 7 } } });
    const result = validateModel(model, 'models/capitation-weighted.json');
    const errors = result.ok ? [] : result.errors;
    expect(errors.map(formatIssue)).toEqual([
      "models/capitation-weighted.json: translations.sv.parameters.amout: unknown parameter 'amout' (did you mean 'amount'?)",
      'models/capitation-weighted.json: translations.sv.parameters.amount: must be a string, got number',
    ]);
    expectBothLanguages(errors);
    expect(say(errors[0].detail as Message, 'sv')).toBe("okänd parameter 'amout' (menade du 'amount'?)");
  });

  it('a bad model file is reported with its file and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reimburse-models-'));
    const bad = { id: 'bad', title: 't', description: 'd', source: 's', parameters: { amount: { description: 'a', min: 'zero' } }, components: [{ id: 'x', amount: '$amount', payee: '$payee' }] };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const error = await loadModels(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    const lines = (error as ScenarioError).issues.map(formatIssue);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/bad\.json: parameters\.amount\.min: must be a number, got string$/);
    expect(lines[1]).toMatch(/bad\.json: components\[0\]\.payee: uses undeclared parameter 'payee'$/);
  });
});

describe('provider response (response section)', () => {
  it('refuses a value where the model breaks and warns outside the sourced range', async () => {
    const models = await loadModels();
    const json = JSON.parse(readFileSync('scenarios/teaching-wrong-pocket.json', 'utf8'));
    const broken = validateScenario({ ...json, response: { feeForServiceVolume: 0 } }, { models });
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.errors.map((e) => `${e.path}: ${e.message}`)).toEqual(['response.feeForServiceVolume: must be between 0.01 and 2, got 0']);
    const unusual = validateScenario({ ...json, response: { feeForServiceVolume: 0.8, valuePerQaly: 700_000 } }, { models });
    expect(unusual.ok).toBe(true);
    expect(unusual.warnings.map((w) => w.path)).toEqual(['response.feeForServiceVolume']);
    const typo = validateScenario({ ...json, response: { feeForServiceVolum: 0.3 } }, { models });
    expect(!typo.ok && typo.errors[0].path).toBe('response.feeForServiceVolum');
  });
});

