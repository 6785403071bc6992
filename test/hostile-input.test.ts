/**
 * Hostile and broken input (issue 13): each numbered failure found by trying broken, oversized and
 * hostile files, reproduced, and the clear error that replaces it. No test looks at the clock.
 */
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { escapeControl, problemLines, shown } from '../src/format.js';
import { BONUS_CURVE_NAMES, PERSON_WEIGHT_NAMES, PERSON_WEIGHT_RANGES, bonusCurveRanges, compileFormula, formulaRange, formulaRangeProblem } from '../src/formula/sandbox.js';
import { MAX_FORMULA_DEPTH, MAX_KEPT_PROBLEMS, MAX_NESTING_DEPTH, MAX_PRINTED_PROBLEMS, MAX_SUGGESTIONS, MAX_YEARLY_AMOUNT_KR } from '../src/limits.js';
import { english } from '../src/messages/index.js';
import { loadModels } from '../src/scenario/load.js';
import { suggest } from '../src/scenario/validate-core.js';
import { parseScenario, validateScenario } from '../src/scenario/validate.js';
import { thrown } from './support/thrown.js';

const FIXTURE = 'test/fixtures/minimal-scenario.json';
const models = await loadModels();
const fixture = JSON.parse(await readFile(FIXTURE, 'utf8')) as Record<string, unknown> & { providers: Record<string, unknown>[]; payers: Record<string, unknown>[] };

function copy(): typeof fixture {
  return structuredClone(fixture);
}

/** The CLI in this process, its output collected. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'reimburse-hostile-'));
}

async function writeJson(dir: string, name: string, value: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

const EXAMPLE_CSV = await readFile('scenarios/data/example-population.csv', 'utf8');

/** A scenario next to a population CSV with the given text, in a fresh folder. */
async function withCsv(csvText: string): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'people.csv'), csvText);
  const json = copy();
  (json.population as Record<string, unknown>).csv = 'people.csv';
  return writeJson(dir, 'scenario.json', json);
}

describe('1. suggestions are bounded', () => {
  it('a 15 kB unknown reference next to a 15 kB id gets no suggestion (it took minutes and gigabytes)', () => {
    const json = copy();
    json.payers[0].id = 'a'.repeat(15_000);
    json.providers[0].principal = 'b'.repeat(15_000);
    const result = validateScenario(json, { models });
    expect(result.ok).toBe(false);
    const issue = !result.ok ? result.errors.find((e) => e.path === 'providers[0].principal') : undefined;
    expect(issue?.message).toMatch(/^unknown payer 'b{100}/);
    expect(issue?.message).not.toContain('did you mean');
    expect(!result.ok && result.errors.find((e) => e.path === 'payers[0].id')?.message).toBe('is 15,000 characters long; the limit is 200');
  });

  it('a 75 kB file of long unknown keys is refused with every key reported', () => {
    const json = copy() as Record<string, unknown>;
    for (let k = 0; k < 75; k++) json[`${'k'.repeat(990)}${k}`] = 1;
    const text = JSON.stringify(json);
    expect(text.length).toBeGreaterThan(75_000);
    const result = parseScenario(text, { models });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.filter((e) => e.detail?.code === 'unknownKey')).toHaveLength(75);
  });

  it('still suggests for a short typo, and only up to the document budget', () => {
    expect(suggest('payr', ['payer', 'payee'])).toBe('payer');
    expect(suggest('p'.repeat(41), ['p'.repeat(41)])).toBeUndefined();
    const json = copy();
    for (let i = 0; i < MAX_SUGGESTIONS + 10; i++) (json.providers[0] as Record<string, unknown>)[`nmae${i}`] = 'x';
    json.providers[1].nmae = 'x';
    const result = validateScenario(json, { models });
    const unknown = !result.ok ? result.errors.filter((e) => e.detail?.code === 'unknownKey') : [];
    expect(unknown).toHaveLength(MAX_SUGGESTIONS + 11);
    expect(unknown.find((e) => e.path === 'providers[1].nmae')?.message).toBe("unknown key 'nmae'");
  });
});

describe('bounded work: thousands of municipalities and providers', () => {
  it('4,000 municipalities and 4,000 hospitals serving all give one clash per provider (it was 16 million errors and never finished)', () => {
    const json = copy() as ReturnType<typeof copy> & { population: { municipalities: unknown[] } };
    const n = 4000;
    json.population.municipalities = Array.from({ length: n }, (_, i) => ({ id: `m${i}`, name: `M${i}`, share: 1 / n }));
    json.providers.push(...Array.from({ length: n }, (_, i) => ({ id: `h${i}`, name: 'H', type: 'hospital', principal: json.payers[0].id })));
    const result = validateScenario(json, { models });
    const clashes = !result.ok ? result.errors.filter((e) => e.detail?.code === 'twoProviders') : [];
    expect(clashes).toHaveLength(n);
    expect(clashes[0].message).toMatch(/^municipality 'm0' is served by two hospital providers, 'sjukhus' and 'h0'/);
  });
});

describe('catchments are bounded before memory is', () => {
  it('1,000 municipalities × 2 listings (2,000 catchments, about 410 MB of counts) pass; 1,001 are refused at population.listing', () => {
    const at = (n: number) => {
      const json = copy() as ReturnType<typeof copy> & { population: { municipalities: unknown[] } };
      json.population.municipalities = Array.from({ length: n }, (_, i) => ({ id: `m${i}`, name: `M${i}`, share: 1 / n }));
      const result = validateScenario(json, { models });
      return !result.ok ? result.errors.filter((e) => e.detail?.code === 'catchmentsTooMany').map((e) => `${e.path}: ${e.message}`) : [];
    };
    expect(at(1000)).toEqual([]);
    expect(at(1001)).toEqual(['population.listing: 1001 municipalities × 2 primary-care listings make 2,002 catchments; the limit is 2,000 (each takes about 0.2 MB)']);
  });
});

describe('2. deep nesting and long formulas give a path, not a stack overflow', () => {
  it('5,000 levels of nesting are refused with the path where the limit is passed', () => {
    const json = copy();
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    json.providers[0].behaviour = { altruism: deep };
    const result = parseScenario(JSON.stringify(json), { models });
    expect(result.ok).toBe(false);
    const error = !result.ok ? result.errors[0] : undefined;
    expect(error?.message).toBe(`nested more than ${MAX_NESTING_DEPTH} levels deep`);
    expect(error?.path).toMatch(/^providers\[0\]\.behaviour\.altruism(\[0\])+$/);
  });

  it('5,000 levels of broken JSON give a syntax error with a line and column, not a stack overflow', () => {
    const result = parseScenario(`${'['.repeat(5000)}1,]`);
    expect(!result.ok && result.errors[0].message).toBe(`not valid JSON at line 1, column ${MAX_NESTING_DEPTH + 1}: nested more than ${MAX_NESTING_DEPTH} levels deep`);
  });

  it('a formula of 2,000 terms is refused with its path', () => {
    const source = Array.from({ length: 2000 }, () => 'age').join(' + ');
    const error = thrown(() => compileFormula(source, PERSON_WEIGHT_NAMES, 'payment.components[0].weight')) as Error;
    expect(error.message).toBe(`payment.components[0].weight: formula is ${source.length} characters long; the limit is 1000`);
  });

  it('a formula nested past the depth limit is refused with its path', () => {
    const source = `${'('.repeat(300)}age${')'.repeat(300)}`;
    const error = thrown(() => compileFormula(source, PERSON_WEIGHT_NAMES, 'w')) as Error;
    expect(error.message).toBe(`w: formula is nested more than ${MAX_FORMULA_DEPTH} levels deep`);
    const unary = `${'-'.repeat(400)}age`;
    expect((thrown(() => compileFormula(unary, PERSON_WEIGHT_NAMES, 'w')) as Error).message).toBe(`w: formula is nested more than ${MAX_FORMULA_DEPTH} levels deep`);
  });

  it('validate checks every file given, also after one that cannot be read at all, and reports each', async () => {
    const dir = await tempDir();
    let deep = '1';
    for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
    const a = await writeJson(dir, 'a.json', `{"schemaVersion":1,"x":${deep}}`);
    const b = await writeJson(dir, 'b.json', '{');
    const r = await cli('validate', a, b, FIXTURE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${a}: x${'[0]'.repeat(MAX_NESTING_DEPTH - 1)}: nested more than ${MAX_NESTING_DEPTH} levels deep`);
    expect(r.stdout).toContain(`${b}: scenario: not valid JSON at line 1, column 2: expected a property name in double quotes, got end of input`);
    expect(r.stdout).toContain(`ok ${FIXTURE}`);
    expect(r.stderr).toBe('reimburse: 2 of 3 files invalid\n');
    expect((await cli('validate', FIXTURE, FIXTURE)).code).toBe(0);
  });
});

describe('3. amounts are bounded and numbers finite (fields outside payment components)', () => {
  it('1e308 as a fixed cost is refused with the field, the limit and the value', () => {
    const json = copy();
    json.providers[0].fixedCostPerYear = 1e308;
    const result = validateScenario(json, { models });
    expect(!result.ok && result.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([`providers[0].fixedCostPerYear: must be between 0 and ${MAX_YEARLY_AMOUNT_KR}, got 1e+308`]);
  });

  it('1e400 (Infinity once parsed) is refused at parse time with its path', () => {
    const text = JSON.stringify(copy()).replace('"seed":42', '"seed":1e400');
    const result = parseScenario(text, { models });
    expect(!result.ok && result.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'simulation.seed: must be a finite number, got Infinity (a number too large for a double, like 1e400, reads as Infinity)',
    ]);
  });

  it('unit costs, coordination costs, places and rates have upper bounds', () => {
    const json = copy() as ReturnType<typeof copy> & { care?: Record<string, unknown> };
    json.providers[0].unitCosts = { admission: 1e10 };
    json.providers[1].coordinationCost = { 'complex-low-capacity': 1e9 };
    json.providers[0].places = 1e7;
    json.care = { rates: { 'complex-low-capacity': { admission: 1e6 } } };
    const result = validateScenario(json, { models });
    const paths = !result.ok ? result.errors.map((e) => e.path) : [];
    expect(paths).toEqual(
      expect.arrayContaining(['providers[0].unitCosts.admission', 'providers[1].coordinationCost.complex-low-capacity', 'providers[0].places', 'care.rates.complex-low-capacity.admission']),
    );
  });
});

describe('5. formulas are checked over the values their variables can take', () => {
  const weightProblem = (source: string) => {
    const problem = formulaRangeProblem(source, PERSON_WEIGHT_NAMES, PERSON_WEIGHT_RANGES, { weight: true });
    return problem === null ? null : english(problem);
  };

  it('refuses division by zero, sqrt of a negative and log of zero over the declared ranges', () => {
    expect(weightProblem('1/(age-80)')).toBe('formula can give a division by zero in 1 / (age - 80) (where (age - 80) is -80 to 30); guard it, e.g. with max(x, 0.001) or a condition');
    expect(weightProblem('sqrt(cni - 3)')).toBe('formula can give NaN in sqrt(cni - 3) (where cni - 3 is -2 to 2); guard it, e.g. with max(x, 0.001) or a condition');
    expect(weightProblem('1 + log(sex)')).toBe('formula can give Infinity in log(sex) (where sex is 0 to 1); guard it, e.g. with max(x, 0.001) or a condition');
  });

  it('accepts guarded formulas and the shipped weights', () => {
    expect(weightProblem('age > 80 ? 1/(age-80) : 1')).toBeNull();
    expect(weightProblem('acg * (1 + 0.1*(cni-3))')).toBeNull();
    expect(weightProblem('(age >= 65) * (sex == 0 ? 1.1 : 1.0) * acg')).toBeNull();
    expect(formulaRange('age >= 80 ? 2.5 : (age >= 65 ? 1.5 : 0.6)', PERSON_WEIGHT_NAMES, PERSON_WEIGHT_RANGES)).toEqual({ low: 0.6, high: 2.5 });
  });

  it('a bonus curve whose target equals its baseline is refused at validation with its path', () => {
    const curve = 'clamp((value - baseline) / (target - baseline), 0, 1)';
    expect(formulaRangeProblem(curve, BONUS_CURVE_NAMES, bonusCurveRanges(true, 0.8, 0.5))).toBeNull();
    const json = copy();
    const components = (json.payment as { components: Record<string, unknown>[] }).components;
    components.push({ id: 'bonus', kind: 'goal', payer: json.payers[0].id, payee: 'vc-norr', indicator: 'carePlanShare', target: 0.5, baseline: 0.5, amount: 1000, curve });
    const result = validateScenario(json, { models });
    const error = !result.ok ? result.errors.find((e) => e.path.endsWith('.curve')) : undefined;
    expect(error?.path).toBe(`payment.components[${components.length - 1}].curve`);
    expect(error?.message).toMatch(/^formula can give a division by zero in \(value - baseline\) \/ \(target - baseline\)/);
  });

  it('a weight formula that can be negative is refused, with a case that shows it', () => {
    expect(weightProblem('1 - age/50')).toBe('a weight must not be negative, but the formula can give -1.2 (for {age: 110})');
    const json = copy();
    const components = (json.payment as { components: Record<string, unknown>[] }).components;
    components.push({ id: 'cap', kind: 'fixed', basis: 'per-person', amount: 100, payer: json.payers[0].id, payee: 'vc-norr', weight: '1 - age/50' });
    const result = validateScenario(json, { models });
    expect(!result.ok && result.errors.find((e) => e.path.endsWith('.weight'))?.path).toBe(`payment.components[${components.length - 1}].weight`);
  });
});

describe('7. user text on the terminal is escaped and shortened', () => {
  it('escapes control characters and ANSI sequences, and shortens a 60 kB key to 80 characters and its length', () => {
    expect(escapeControl('a\u001b[31mb\nc\u0007\u202e')).toBe('a\\e[31mb\\nc\\u0007\\u202e');
    expect(shown('k'.repeat(60_000))).toBe(`${'k'.repeat(80)}… (60,000 characters)`);
  });

  it('a forged line in a key cannot reach the terminal raw', async () => {
    const dir = await tempDir();
    const json = copy() as Record<string, unknown>;
    json['x\n\u001b[32mok scenarios/fake.json\u001b[0m'] = 1;
    const file = await writeJson(dir, 'forged.json', json);
    const r = await cli('validate', file);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout.split('\n').some((line) => line.startsWith('ok '))).toBe(false);
    expect(r.stdout).toContain(`unknown key 'x\\n\\e[32mok scenarios/fake.json\\e[0m'`);
    const long = { ...copy(), ['y'.repeat(60_000)]: 2 };
    const longFile = await writeJson(dir, 'long.json', long);
    const l = await cli('validate', longFile);
    expect(l.stdout).toBe(`${longFile}: ["${'y'.repeat(80)}"… (60,000 characters)]: is 60,000 characters long; the limit is 20,000\n`);
  });
});

describe('7. names and titles in tables', () => {
  it('a title with an ANSI sequence is shown escaped in the run table', async () => {
    const dir = await tempDir();
    const json = copy();
    json.title = 'Plain\u001b[2J\rtitle';
    const file = await writeJson(dir, 'title.json', json);
    const r = await cli('run', file, '--engine', 'expected');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('Plain\\e[2J\\rtitle');
  });
});

describe('8. at most a screenful of problems is printed; all are counted', () => {
  const badCsv = `${EXAMPLE_CSV.split('\n')[0]}\n${Array.from({ length: 30_000 }, () => '0-19,X,9,9,nowhere,vc-none,-1').join('\n')}\n`;

  it('a bad 1 MB population CSV prints the first problems and the count', async () => {
    expect(badCsv.length).toBeGreaterThan(900_000);
    const file = await withCsv(badCsv);
    const r = await cli('run', file, '--engine', 'expected');
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`reimburse: ${file}: 180,000 problems:`);
    expect(lines).toHaveLength(MAX_PRINTED_PROBLEMS + 2);
    expect(lines.at(-1)).toBe(`  … and ${(180_000 - MAX_PRINTED_PROBLEMS).toLocaleString('en-US')} more (--all lists every one; --format json gives them all)`);
  });

  it('--all prints every problem kept (the first 100,000 of a file), and validate --format json gives them with the count', async () => {
    const file = await withCsv(badCsv);
    const all = await cli('run', file, '--engine', 'expected', '--all');
    const lines = all.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(MAX_KEPT_PROBLEMS + 2);
    expect(lines.at(-1)).toBe("  … and 80,000 more, not kept (a file's first 100,000 problems are)");
    const json = await cli('validate', file, '--format', 'json');
    const parsed = JSON.parse(json.stdout) as { invalid: number; files: { problems: number; errors: unknown[] }[] };
    expect(parsed.invalid).toBe(1);
    expect(parsed.files[0].problems).toBe(180_000);
    expect(parsed.files[0].errors).toHaveLength(MAX_KEPT_PROBLEMS);
    expect(problemLines('f', [{ path: 'a', message: 'b' }], false)).toEqual(['f: a: b']);
  });
});

describe('9. a population CSV with zero people', () => {
  it('is refused', async () => {
    const header = EXAMPLE_CSV.split('\n')[0];
    const file = await withCsv(`${header}\n0-19,F,3,3,soderby,vc-soder,0\n75-79,M,1,2,norrby,vc-norr,0\n`);
    const r = await cli('run', file, '--engine', 'expected');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the file holds no people (every count is 0); a population needs at least one person');
  });
});

describe('10. paths inside a scenario stay in its folder', () => {
  it('../../../etc/passwd is refused without reading or echoing it', async () => {
    const dir = await tempDir();
    const json = copy();
    (json.population as Record<string, unknown>).csv = '../../../../../../../../etc/passwd';
    const file = await writeJson(dir, 'scenario.json', json);
    for (const args of [['validate', file], ['run', file, '--engine', 'expected']]) {
      const r = await cli(...args);
      const out = r.stdout + r.stderr;
      expect(r.code).toBe(1);
      expect(out).toContain("population.csv: '../../../../../../../../etc/passwd' is outside the scenario's folder");
      expect(out).not.toContain('root:');
    }
  });

  it('an absolute path is refused too, and --allow-dir names a folder that may be read', async () => {
    const dir = await tempDir();
    const data = await tempDir();
    await writeFile(join(data, 'people.csv'), EXAMPLE_CSV);
    const json = copy();
    (json.population as Record<string, unknown>).csv = join(data, 'people.csv');
    const file = await writeJson(dir, 'scenario.json', json);
    expect((await cli('validate', file)).code).toBe(1);
    const allowed = await cli('validate', file, '--allow-dir', data);
    expect(allowed.stdout, allowed.stderr).toBe(`ok ${file}\n`);
  });

  it('a CSV in a sub-folder of the scenario is read', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'data', 'people.csv'), EXAMPLE_CSV);
    const json = copy();
    (json.population as Record<string, unknown>).csv = 'data/people.csv';
    const file = await writeJson(dir, 'scenario.json', json);
    expect((await cli('validate', file)).stdout).toBe(`ok ${file}\n`);
  });
});

describe('11. a folder given as a file', () => {
  it('as the scenario: a clear error, not EISDIR', async () => {
    const dir = await tempDir();
    const r = await cli('validate', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${dir}: ${dir} is a folder, not a file`);
    expect(r.stdout).not.toContain('EISDIR');
  });

  it('as the population CSV: a clear error at population.csv', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'people'));
    const json = copy();
    (json.population as Record<string, unknown>).csv = 'people';
    const file = await writeJson(dir, 'scenario.json', json);
    const r = await cli('run', file, '--engine', 'expected');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/population\.csv: .*people is a folder, not a file/);
  });
});

describe('3, 4 and 6 inside payment components (the kinds’ own bounds)', () => {
  const errorsOf = (mutate: (components: Record<string, unknown>[]) => void) => {
    const json = copy() as ReturnType<typeof copy> & { payment: { components: Record<string, unknown>[] } };
    mutate(json.payment.components);
    const result = validateScenario(json, { models });
    return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
  };

  it('3. 1e308 as a capitation, a fee or a goal bonus is refused with the field, the bound and the value', () => {
    expect(errorsOf((c) => (c[0].amount = 1e308))).toEqual(['payment.components[0].amount: must be between 0 and 100000000, got 1e+308']);
    expect(errorsOf((c) => (c[2].price = 1e308))).toEqual(['payment.components[2].price: must be between 0 and 1000000000, got 1e+308']);
    expect(errorsOf((c) => (c[4].amount = 1e308))).toEqual([`payment.components[4].amount: must be between 0 and ${MAX_YEARLY_AMOUNT_KR}, got 1e+308`]);
  });

  it('4. an episode window past 120 months is refused, not cut to 16 bits', () => {
    for (const windowMonths of [32_768, 65_539]) {
      const errors = errorsOf((c) => c.push({ id: 'package', kind: 'episode', trigger: 'admission', price: 50_000, windowMonths, includedServices: ['admission'], payer: 'region', payee: 'sjukhus' }));
      expect(errors).toEqual([`payment.components[${fixture.payment ? (fixture.payment as { components: unknown[] }).components.length : 0}].windowMonths: must be an integer between 1 and 120, got ${windowMonths}`]);
    }
  });

  it('6. a negative amount or price is refused (a capitation is never paid by the centre)', () => {
    expect(errorsOf((c) => (c[0].amount = -3528))).toEqual(['payment.components[0].amount: must be between 0 and 100000000, got -3528']);
  });
});

describe('a non-finite amount stops the run', () => {
  it('names the component, who would pay, who would be paid and the month', async () => {
    const { Ledger } = await import('../src/payment/ledger.js');
    const ledger = new Ledger([{ kind: 'payer', id: 'region' }, { kind: 'provider', id: 'sjukhus' }]);
    expect(() => ledger.add(7, 2, 0, 1, -1, -1, Infinity)).toThrow("ledger: component 2 would pay Infinity kr from 'region' to 'sjukhus' in month 7");
  });
});
