/**
 * The fuzz suite of hostile and broken input, shared by `npm test` (a few hundred cases) and
 * `npm run fuzz` (10,000): random mutations of every shipped scenario (read from scenarios/, so a
 * new scenario is covered) and of the population CSVs next to them. Each case must give either a
 * valid run of the expected-value engine with only finite numbers, or a clean error with a path;
 * never a crash, a stack overflow, a hang or a non-finite number.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FormulaError } from '../../src/formula/sandbox.js';
import { FUZZ_CASE_BUDGET_MS } from '../../src/limits.js';
import { PopulationCsvError, importPopulationCsv } from '../../src/population/csv.js';
import { runScenario } from '../../src/run.js';
import { loadModels } from '../../src/scenario/load.js';
import type { PaymentModel, Scenario } from '../../src/scenario/types.js';
import { parseScenario } from '../../src/scenario/validate.js';

const SCENARIOS = 'scenarios';
const DATA = join(SCENARIOS, 'data');

/** A shipped input the mutations start from. */
export interface Seed {
  name: string;
  kind: 'scenario' | 'csv';
  text: string;
}

/** Every shipped scenario and population CSV, read from the folders so that new ones are fuzzed too. */
export function shippedSeeds(): Seed[] {
  const scenarios = readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f): Seed => ({ name: f, kind: 'scenario', text: readFileSync(join(SCENARIOS, f), 'utf8') }));
  const csvs = readdirSync(DATA)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f): Seed => ({ name: `data/${f}`, kind: 'csv', text: readFileSync(join(DATA, f), 'utf8') }));
  return [...scenarios, ...csvs];
}

// ---------------------------------------------------------------------------------------------
// Mutations

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One change to a document: `at` picks a node (modulo the number of nodes), the rest says what. */
export type Mutation =
  | { kind: 'set'; at: number; value: Json }
  | { kind: 'number'; at: number; value: number }
  | { kind: 'reuse'; at: number; from: number }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: Json }
  | { kind: 'duplicate'; at: number }
  | { kind: 'text'; at: number; cut: number; insert: string };

/** One change to a CSV: a line (modulo the number of lines) and a field in it. */
export type CsvMutation =
  | { kind: 'field'; line: number; field: number; value: string }
  | { kind: 'drop'; line: number }
  | { kind: 'copy'; line: number; times: number }
  | { kind: 'text'; at: number; cut: number; insert: string };

export type FuzzCase = { seed: number; mutations: Mutation[] } | { seed: number; csv: CsvMutation[] };

/** Values people and attackers put where a number, an id or a formula belongs. */
const HOSTILE_NUMBERS = [0, -0, -1, 0.5, 1, 2, 12, 13, 31, 1e3, 1e6, 1e9, 1e12, 1e15, 2 ** 31, 2 ** 53, 1e308, -1e308, 5e-324, 32_768, 65_539, 1.7976931348623157e308];
const HOSTILE_STRINGS = [
  '',
  ' ',
  'x',
  'weakest-link',
  'equilibrium',
  'adaptive',
  'per-person',
  'participants',
  '2026-13',
  '0000-01',
  '9999-12',
  '../../../../etc/passwd',
  '/etc/passwd',
  'data',
  '.',
  'x\u001b[31mred\u001b[0m\nok forged',
  '\u202eevil',
  '1/(age-80)',
  'sqrt(cni-3)',
  'log(sex)',
  '1 - age/50',
  'value/target',
  '(value - baseline)/(target - baseline)',
  'exp(age)',
  'pow(acg, -1)',
  'age > 80 ? 1/(age-80) : 1',
  'import("fs")',
  'evaluate("1")',
  `${'('.repeat(300)}1${')'.repeat(300)}`,
  Array.from({ length: 600 }, () => 'age').join('+'),
  'k'.repeat(60_000),
];

/**
 * Deep nesting is carried as a marker and written out as text after JSON.stringify, which (like
 * any recursive walk) would overflow the stack of the fuzz harness itself.
 */
const NESTED = /"\\u0000nested:(\d+)"/g;
function nested(depth: number): Json {
  return `\u0000nested:${depth}`;
}

function nestedText(depth: number): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    open.push(i % 2 === 0 ? '{"a":' : '[');
    close.push(i % 2 === 0 ? '}' : ']');
  }
  return `${open.join('')}1${close.reverse().join('')}`;
}

/** A document as text, its nesting markers written out. */
function stringify(doc: Json): string {
  return JSON.stringify(doc, null, 2).replace(NESTED, (_, depth: string) => nestedText(Number(depth)));
}

const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 6_000 }).map(nested) },
  { weight: 1, arbitrary: fc.integer({ min: 6_000, max: 12_000 }).map((n) => Array.from({ length: n }, (_, i) => i) as Json) },
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: jsonValue }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('number' as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true })) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reuse' as const), at: fc.nat(), from: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE_STRINGS)), value: jsonValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('text' as const), at: fc.nat(), cut: fc.nat({ max: 40 }), insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('1e400', '-1e400', '[', '{', '"', ',', '\u0000', '[[[[[[[[', '9'.repeat(400))) }),
  },
);

const CSV_VALUES = ['', '0', '-1', '1', '5', '6', '9', '99999999', '20000001', '1e400', 'NaN', '1,5', '"', '"a""b"', 'x', 'F', 'M', '90+', '0-19', 'norrby', 'vc-norr', 'nursing-home', '\u001b[2J', 'k'.repeat(5_000)];
const csvMutation: fc.Arbitrary<CsvMutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('field' as const), line: fc.nat(), field: fc.nat({ max: 9 }), value: fc.oneof(fc.constantFrom(...CSV_VALUES), fc.string({ maxLength: 6 })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy' as const), line: fc.nat(), times: fc.integer({ min: 1, max: 2_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), at: fc.nat(), cut: fc.nat({ max: 200 }), insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...CSV_VALUES, ';', '\r', '\n\n', '\uFEFF')) }) },
);

/** Cases for `seeds`: a seed input and one to four mutations of it. */
export function fuzzCases(seeds: readonly Seed[]): fc.Arbitrary<FuzzCase> {
  return fc.nat({ max: seeds.length - 1 }).chain((seed): fc.Arbitrary<FuzzCase> =>
    seeds[seed].kind === 'scenario'
      ? fc.record({ seed: fc.constant(seed), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
      : fc.record({ seed: fc.constant(seed), csv: fc.array(csvMutation, { minLength: 1, maxLength: 4 }) }),
  );
}

/** Every node of a document with the parent and key that hold it (the root has none). */
function nodes(root: Json): { parent: Json[] | { [key: string]: Json } | undefined; key: string | number; value: Json }[] {
  const found: { parent: Json[] | { [key: string]: Json } | undefined; key: string | number; value: Json }[] = [{ parent: undefined, key: '', value: root }];
  for (let i = 0; i < found.length; i++) {
    const { value } = found[i];
    if (Array.isArray(value)) value.forEach((v, k) => found.push({ parent: value, key: k, value: v }));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) found.push({ parent: value, key: k, value: v });
  }
  return found;
}

/** The text of a scenario after its mutations. */
export function mutateScenario(text: string, mutations: readonly Mutation[]): string {
  let doc = JSON.parse(text) as Json;
  let out: string | undefined;
  for (const m of mutations) {
    if (out !== undefined) break;
    const every = nodes(doc);
    // A number mutation picks among the numbers only: amounts, shares, windows, sizes.
    const numbers = m.kind === 'number' ? every.filter((n) => typeof n.value === 'number') : [];
    const all = numbers.length > 0 ? numbers : every;
    const target = all[m.at % all.length];
    const place = (value: Json | undefined) => {
      const { parent, key } = target;
      if (parent === undefined) doc = value ?? null;
      else if (Array.isArray(parent)) {
        if (value === undefined) parent.splice(key as number, 1);
        else parent[key as number] = value;
      } else if (value === undefined) delete parent[key as string];
      else parent[key as string] = value;
    };
    if (m.kind === 'set' || m.kind === 'number') place(structuredClone(m.value));
    else if (m.kind === 'reuse') {
      // Another value of the same document: ids and names in the wrong place, which look valid.
      const leaves = all.filter((n) => n.value === null || typeof n.value !== 'object');
      if (leaves.length > 0) place(leaves[m.from % leaves.length].value);
    } else if (m.kind === 'delete') place(undefined);
    else if (m.kind === 'add') {
      const v = target.value;
      if (Array.isArray(v)) v.push(structuredClone(m.value));
      else if (v !== null && typeof v === 'object') v[m.key] = structuredClone(m.value);
    } else if (m.kind === 'duplicate') {
      const v = target.value;
      if (Array.isArray(v) && v.length > 0) v.push(structuredClone(v[m.at % v.length]));
    } else {
      const t = stringify(doc);
      const at = m.at % (t.length + 1);
      out = t.slice(0, at) + m.insert + t.slice(at + m.cut);
    }
  }
  return out ?? stringify(doc);
}

/** The text of a CSV after its mutations. */
export function mutateCsv(text: string, mutations: readonly CsvMutation[]): string {
  let lines = text.split('\n');
  let out: string | undefined;
  for (const m of mutations) {
    if (out !== undefined) break;
    if (m.kind === 'text') {
      const t = lines.join('\n');
      const at = m.at % (t.length + 1);
      out = t.slice(0, at) + m.insert + t.slice(at + m.cut);
      continue;
    }
    const i = m.line % lines.length;
    if (m.kind === 'drop') lines.splice(i, 1);
    else if (m.kind === 'copy') lines = [...lines.slice(0, i + 1), ...Array.from({ length: m.times }, () => lines[i]), ...lines.slice(i + 1)];
    else {
      const fields = lines[i].split(',');
      fields[m.field % Math.max(1, fields.length)] = m.value;
      lines[i] = fields.join(',');
    }
  }
  return out ?? lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Running a case

export type Verdict = 'ran' | 'refused' | 'crash' | 'non-finite';

export interface CaseResult {
  verdict: Verdict;
  /** What went wrong for a crash or a non-finite number; the first error's path for a refusal. */
  detail: string;
  /** Processor time the case took (its own work, whatever else the machine runs), and wall-clock time. */
  ms: number;
  wallMs: number;
  /** The case was valid with a population above FUZZ_MAX_POPULATION, and was run at that size. */
  scaled?: boolean;
}

/** The path of the first non-finite number in an engine's output, walked without recursion. */
export function firstNonFinite(root: unknown, cap = 5_000_000): string | undefined {
  const stack: [unknown, string][] = [[root, 'outcome']];
  let seen = 0;
  while (stack.length > 0 && seen < cap) {
    const [value, path] = stack.pop()!;
    seen++;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return path;
    } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const array = value as unknown as ArrayLike<number | bigint>;
      for (let i = 0; i < array.length; i++) if (typeof array[i] === 'number' && !Number.isFinite(array[i] as number)) return `${path}[${i}]`;
      seen += array.length;
    } else if (Array.isArray(value)) value.forEach((v, i) => stack.push([v, `${path}[${i}]`]));
    else if (value instanceof Map) for (const [k, v] of value) stack.push([v, `${path}.${String(k)}`]);
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) stack.push([v, `${path}.${k}`]);
  }
  return undefined;
}

/** A clean error names where the problem is: a path in the file, or a line of the CSV. */
function cleanError(error: unknown): string | undefined {
  if (error instanceof FormulaError) return error.path;
  if (error instanceof PopulationCsvError) return error.problems.length > 0 ? error.source : undefined;
  return undefined;
}

/** The scenario whose municipalities and listing the shipped CSVs use. */
const CSV_SCENARIO = 'test/fixtures/minimal-scenario.json';

/** Everything the cases share, read once. */
export interface FuzzContext {
  seeds: Seed[];
  models: Record<string, PaymentModel>;
  csvScenario: Scenario;
}

/** @example const context = await fuzzContext() */
export async function fuzzContext(): Promise<FuzzContext> {
  const models = await loadModels();
  const parsed = parseScenario(readFileSync(CSV_SCENARIO, 'utf8'), { models });
  if (!parsed.ok) throw new Error(`${CSV_SCENARIO} is not valid`);
  return { seeds: shippedSeeds(), models, csvScenario: parsed.scenario };
}

/**
 * Largest synthetic population a fuzz case draws. A valid population of up to 20 million is drawn
 * person by person, in time proportional to its size (about 0.17 s a million): that is the engine's
 * speed, measured by `npm run bench`, not something the file's content can make worse. A larger
 * valid size is run at this size and counted as `scaled` in the report.
 */
export const FUZZ_MAX_POPULATION = 1_000_000;

function runValid(scenario: Scenario, population?: NonNullable<Parameters<typeof runScenario>[1]>['population']): CaseResult['verdict'] | string {
  const sized = scenario.population.size > FUZZ_MAX_POPULATION ? { ...scenario, population: { ...scenario.population, size: FUZZ_MAX_POPULATION } } : scenario;
  // Fixed behaviour: the solvers are tested on their own; here what matters is what input reaches the engine.
  const run = runScenario(sized, { engine: 'expected', mode: 'fixed', population });
  const bad = firstNonFinite(run.expected);
  return bad === undefined ? 'ran' : bad;
}

/**
 * Run one case: mutate, parse, validate, and run the expected-value engine when valid.
 * @example runCase(context, { seed: 0, mutations: [{ kind: 'delete', at: 3 }] }).verdict // 'refused'
 */
export function runCase(context: FuzzContext, c: FuzzCase): CaseResult {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const done = (verdict: Verdict, detail: string): CaseResult => {
    const used = process.cpuUsage(cpu);
    return { verdict, detail, ms: (used.user + used.system) / 1000, wallMs: performance.now() - started };
  };
  const seed = context.seeds[c.seed];
  try {
    if ('csv' in c) {
      const text = mutateCsv(seed.text, c.csv);
      let population;
      try {
        population = importPopulationCsv(text, context.csvScenario, context.csvScenario.simulation.seed, seed.name);
      } catch (error) {
        const where = cleanError(error);
        if (where !== undefined) return done('refused', where);
        throw error;
      }
      const result = runValid(context.csvScenario, population);
      return result === 'ran' ? done('ran', '') : done('non-finite', result);
    }
    const text = mutateScenario(seed.text, c.mutations);
    const parsed = parseScenario(text, { models: context.models });
    if (!parsed.ok) {
      const bad = parsed.errors.find((e) => typeof e.path !== 'string' || typeof e.message !== 'string' || e.message === '');
      return bad === undefined ? done('refused', parsed.errors[0].path) : done('crash', `an error without a path or message: ${JSON.stringify(bad).slice(0, 200)}`);
    }
    try {
      const result = runValid(parsed.scenario);
      const scaled = parsed.scenario.population.size > FUZZ_MAX_POPULATION;
      return result === 'ran' ? { ...done('ran', ''), scaled } : done('non-finite', result);
    } catch (error) {
      const where = cleanError(error);
      // A run-time refusal with a path is clean, but it means validation let the file through.
      if (where !== undefined) return done('crash', `validated, then failed at run time: ${(error as Error).message.slice(0, 300)}`);
      throw error;
    }
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return done('crash', `${seed.name}: ${text.slice(0, 300)}`);
  }
}

export interface FuzzReport {
  context: FuzzContext;
  cases: number;
  ran: number;
  /** Valid cases whose population was larger than FUZZ_MAX_POPULATION, run at that size. */
  scaled: number;
  refused: number;
  crashes: { case: FuzzCase; detail: string }[];
  nonFinite: { case: FuzzCase; detail: string }[];
  /** Cases whose processor time passed FUZZ_CASE_BUDGET_MS. */
  hangs: { case: FuzzCase; ms: number }[];
  slowest: { ms: number; wallMs: number; seed: string; verdict: Verdict };
  /** Peak resident memory of the process, in bytes. */
  peakRss: number;
}

/**
 * Run `cases` cases drawn with a fixed `seed` over every shipped input.
 * @example const report = await runFuzz({ cases: 200, seed: 13 }); report.crashes.length // 0
 */
export async function runFuzz(options: { cases: number; seed: number; onProgress?: (done: number) => void }): Promise<FuzzReport> {
  const context = await fuzzContext();
  const cases = fc.sample(fuzzCases(context.seeds), { seed: options.seed, numRuns: options.cases });
  const report: FuzzReport = { context, cases: 0, ran: 0, scaled: 0, refused: 0, crashes: [], nonFinite: [], hangs: [], slowest: { ms: 0, wallMs: 0, seed: '', verdict: 'ran' }, peakRss: 0 };
  for (const c of cases) {
    const result = runCase(context, c);
    report.cases++;
    if (result.scaled === true) report.scaled++;
    if (result.verdict === 'ran') report.ran++;
    else if (result.verdict === 'refused') report.refused++;
    else if (result.verdict === 'crash') report.crashes.push({ case: c, detail: result.detail });
    else report.nonFinite.push({ case: c, detail: result.detail });
    if (result.ms > FUZZ_CASE_BUDGET_MS) report.hangs.push({ case: c, ms: result.ms });
    if (result.ms > report.slowest.ms) report.slowest = { ms: result.ms, wallMs: result.wallMs, seed: context.seeds[c.seed].name, verdict: result.verdict };
    options.onProgress?.(report.cases);
  }
  // maxRSS is the peak over the process's life, in kilobytes.
  report.peakRss = process.resourceUsage().maxRSS * 1024;
  return report;
}

/** A value in a case, shortened for a report (some are thousands of levels deep). */
function summary(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}… (${value.length} characters)` : value);
  if (Array.isArray(value)) return `[array of ${value.length}]`;
  if (value !== null && typeof value === 'object') return `{object of ${Object.keys(value).length} keys}`;
  return String(value);
}

/**
 * A case in one line, to repeat it by hand.
 * @example describeCase(context, { seed: 0, mutations: [{ kind: 'delete', at: 3 }] }) // 'aktiv-halsostyrning.json: delete at=3'
 */
export function describeCase(context: FuzzContext, c: FuzzCase): string {
  const steps = ('csv' in c ? c.csv : c.mutations) as unknown as Record<string, unknown>[];
  return `${context.seeds[c.seed].name}: ${steps.map((m) => Object.entries(m).map(([k, v]) => (k === 'kind' ? String(v) : `${k}=${summary(v)}`)).join(' ')).join('; ')}`;
}
