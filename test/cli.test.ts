import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCli } from '../bin/build-cli.mjs';
import { outputFormat, parseArgs, UsageError } from '../src/cli/args.js';
import { formatKr, formatNumber, formatShare } from '../src/format.js';
import { progress } from '../src/cli/progress.js';

const FIXTURE = 'test/fixtures/minimal-scenario.json';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

// The CLI as a user runs it: bin/reimburse.mjs on its bundle, rebuilt here once if a source changed
// (so the concurrent tests below do not all rebuild it at once).
beforeAll(async () => {
  await ensureCli({ quiet: true });
});

/** The CLI as a user runs it: a separate Node process running the bundle. */
function cli(...args: string[]): Promise<Result> {
  return launch(['bin/reimburse.mjs', ...args]);
}

function launch(nodeArgs: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, nodeArgs, { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function brokenScenario(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'reimburse-cli-'));
  const json = JSON.parse(await readFile(FIXTURE, 'utf8'));
  json.providers[2].type = 'hosptial';
  const file = join(dir, 'broken.json');
  await writeFile(file, JSON.stringify(json, null, 2));
  return file;
}

describe.concurrent('reimburse incentives', () => {
  it('prints the incentive table and the coordination gap', async () => {
    const r = await cli('incentives', FIXTURE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Incentive table');
    expect(r.stdout).toContain('Coordination gap');
    expect(r.stdout).toMatch(/team\s+complex-low-capacity/);
  });

  it('refuses a year the scenario does not run', async () => {
    const r = await cli('incentives', FIXTURE, '--year', '5');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--year 5');
  });
});

describe.concurrent('reimburse run', () => {
  it('writes JSON with stable keys for a microsimulation with two replications', async () => {
    const r = await cli('run', FIXTURE, '--reps', '2', '--format', 'json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['scenario', 'settings', 'expected', 'summary', 'incentives', 'gap']);
    expect(out.incentives.table.length).toBeGreaterThan(0);
    expect(out.gap.difference.welfare).toBeGreaterThanOrEqual(-1e-6);
    expect(out.scenario).toEqual({ id: 'minimal', title: 'Minimal scenario for tests' });
    expect(out.settings).toEqual({ seed: 42, replications: 2, engine: 'micro' });
    expect(Array.isArray(out.expected.spendingKr.region)).toBe(true);
    const spending = out.summary.find((s: { entity: string; metric: string; period: unknown }) => s.entity === 'region' && s.metric === 'spendingKr' && s.period === 'all');
    expect(spending.n).toBe(2);
    expect(spending.lower).toBeLessThanOrEqual(spending.mean);
    expect(spending.upper).toBeGreaterThanOrEqual(spending.mean);
  });

  it('leaves the incentive analysis out with --no-incentives', async () => {
    const r = await cli('run', FIXTURE, '--engine', 'expected', '--format', 'json', '--no-incentives', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['scenario', 'settings', 'expected', 'summary']);
  });

  it('writes CSV with a header, to a file named by --out', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'reimburse-cli-')), 'summary.csv');
    const r = await cli('run', FIXTURE, '--engine', 'expected', '--out', out, '--period', 'month');
    expect(r.code, r.stderr).toBe(0);
    const csv = await readFile(out, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('scenario,entity,group,cni,period,metric,mean,lower,upper,n');
    expect(csv).toContain('minimal,region,all,all,11,spendingKr,');
  });

  it('prints a readable table and plain progress lines when stderr is not a terminal', async () => {
    const r = await cli('run', FIXTURE, '--reps', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Payer spending over the run');
    expect(r.stdout).toMatch(/region\s+[\d,]+ kr/);
    expect(r.stderr).toContain('simulating minimal… 50 %');
    expect(r.stderr).toContain('simulating minimal… 100 %');
  });

  it('exits 1 with the path of the faulty field on one line', async () => {
    const file = await brokenScenario();
    const r = await cli('run', file);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^reimburse: .*broken\.json: providers\[2\]\.type: 'hosptial' is not one of/);
  });

  it('exits 1 for a missing file and 2 for an unknown flag', async () => {
    const missing = await cli('run', 'test/fixtures/no-such-scenario.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-scenario.json: file not found');
    const unknown = await cli('run', FIXTURE, '--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--frobnicate'");
  });
});

describe.concurrent('reimburse validate', () => {
  it('prints ok for a good file, every issue with its path for a broken one, and exits 1', async () => {
    const file = await brokenScenario();
    const r = await cli('validate', FIXTURE, file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`ok ${FIXTURE}`);
    expect(r.stdout).toMatch(/broken\.json: providers\[2\]\.type: 'hosptial'/);
  });
});

describe.concurrent('reimburse compare', () => {
  it('finds no difference between a scenario and itself (common random numbers)', async () => {
    const r = await cli('compare', FIXTURE, FIXTURE, '--reps', '2', '--format', 'json', '-q');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.settings).toEqual({ seed: 42, replications: 2, engine: 'micro' });
    expect(out.differences.length).toBeGreaterThan(100);
    for (const d of out.differences) expect([d.mean, d.lower, d.upper]).toEqual([0, 0, 0]);
    expect(out.differences.some((d: { entity: string; metric: string }) => d.entity === 'sjukhus' && d.metric === 'marginKr')).toBe(true);
  });
});

describe.concurrent('bin/reimburse.mjs', () => {
  it('runs a bundle that carries the formula sandbox’s part of mathjs, not all of it', async () => {
    const bundle = await readFile(await ensureCli({ quiet: true }), 'utf8');
    const inputs: string[] = JSON.parse(await readFile('dist-cli/inputs.json', 'utf8'));
    expect(inputs).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/cli/pool-worker.ts', 'src/formula/sandbox.ts', 'web/engine/mathjs-subset.ts']));
    // lusolve's message: in all of mathjs, and in no function the formula sandbox can reach.
    expect(bundle).not.toContain('Linear system cannot be solved since matrix is singular');
  });

  it('launches the CLI and passes its exit code through', async () => {
    const help = await launch(['bin/reimburse.mjs', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: reimburse');
    const bad = await launch(['bin/reimburse.mjs', 'run']);
    expect(bad.code).toBe(2);
  });
});

describe('argument parsing', () => {
  it('reads --flag value and --flag=value, and infers the format from --out', () => {
    const a = parseArgs(['run', 'a.json', '--reps=5', '--seed', '7', '--out', 'x.CSV']);
    expect(a).toMatchObject({ command: 'run', files: ['a.json'], options: { reps: 5, seed: 7, engine: 'micro' } });
    expect(outputFormat(a.options)).toBe('csv');
  });

  it('refuses bad values and flags that do not apply', () => {
    expect(() => parseArgs(['run', 'a.json', '--reps', '1.5'])).toThrow(UsageError);
    expect(() => parseArgs(['run', 'a.json', '--engine', 'fast'])).toThrow(/'fast' is not one of expected, micro/);
    expect(() => parseArgs(['validate', 'a.json', '--seed', '1'])).toThrow(/does not apply/);
  });
});

describe('formatting and progress', () => {
  it('writes kr and % for people', () => {
    expect(formatKr(-1234567.4)).toBe('-1,234,567 kr');
    expect(formatNumber(-0.04, 1)).toBe('0.0');
    expect(formatShare(0.1234)).toBe('12.3 %');
  });

  it('redraws a bar on a terminal and writes a line per 10 % otherwise', () => {
    const tty: string[] = [];
    const bar = progress('simulating', { isTTY: true, write: (t: string) => tty.push(t) }, false);
    [0, 0.001, 0.5, 1].forEach(bar.update);
    bar.done();
    expect(tty).toHaveLength(4); // 0 %, 50 %, 100 %, and the clearing; 0.1 % rounds to 0 % and is not redrawn
    expect(tty[1]).toMatch(/^\rsimulating \[█{15}░{15}\] {2}50 %$/);
    const log: string[] = [];
    const plain = progress('simulating', { isTTY: false, write: (t: string) => log.push(t) }, false);
    for (let i = 0; i <= 40; i++) plain.update(i / 40);
    expect(log).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => `simulating… ${p} %\n`));
    const quiet: string[] = [];
    progress('x', { isTTY: true, write: (t: string) => quiet.push(t) }, true).update(0.5);
    expect(quiet).toEqual([]);
  });
});

describe('reimburse calibrate', () => {
  it('prints each calibration target next to the simulated value and its source', async () => {
    const r = await cli('calibrate', FIXTURE, '--reps', '1', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/costliest 1 %.*target 30\.0 %/);
    expect(r.stdout).toContain('docs/sources.md: lopare-johansson');
  });
});

describe('population from CSV', () => {
  it('runs a scenario whose population is a CSV next to it, and names the line of a broken one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reimburse-csv-'));
    const json = JSON.parse(await readFile(FIXTURE, 'utf8'));
    json.population.csv = 'people.csv';
    await writeFile(join(dir, 's.json'), JSON.stringify(json));
    const csv = await readFile(new URL('../scenarios/data/example-population.csv', import.meta.url), 'utf8');
    await writeFile(join(dir, 'people.csv'), csv);
    const ok = await cli('run', join(dir, 's.json'), '--engine', 'expected', '--no-incentives', '--format', 'json', '--quiet');
    expect(ok.code, ok.stderr).toBe(0);
    const lines = csv.split(/\r?\n/);
    lines[2] = 'x,y';
    await writeFile(join(dir, 'people.csv'), lines.join('\n'));
    const bad = await cli('run', join(dir, 's.json'), '--engine', 'expected');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/people\.csv line 3/);
  });
});

describe('replications on worker threads', () => {
  it('gives the same numbers as one thread', async () => {
    const one = await cli('run', FIXTURE, '--reps', '3', '--workers', '1', '--format', 'json', '--no-incentives', '--quiet');
    const two = await cli('run', FIXTURE, '--reps', '3', '--workers', '2', '--format', 'json', '--no-incentives', '--quiet');
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(JSON.parse(two.stdout).summary).toEqual(JSON.parse(one.stdout).summary);
  });
});
