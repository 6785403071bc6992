/**
 * The user's own calibration targets: a targets file compared with the model, and --fit moving the
 * base rates of a deliberately mis-set population back within tolerance.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_RATES } from '../src/care/parameters.js';
import { GROUP_IDS } from '../src/domain.js';
import { expectedMeasure, fitBaseRates, parseTargetsCsv } from '../src/calibration/fit.js';
import { synthesizePopulation } from '../src/population/population.js';
import { main } from '../src/cli/main.js';
import { prepare, ratesFor } from '../src/run.js';
import { parseScenario, scenarioOrThrow } from '../src/scenario/validate.js';
import type { Scenario } from '../src/scenario/types.js';

const FIXTURE = new URL('./fixtures/minimal-scenario.json', import.meta.url);
const fixture = (): Scenario => scenarioOrThrow(parseScenario(readFileSync(FIXTURE, 'utf8')), 'minimal-scenario.json');

/** The fixture with every group's admission rate doubled and ED visits halved: a wrongly set region. */
function misSet(): Scenario {
  const s = fixture();
  const rates: NonNullable<NonNullable<Scenario['care']>['rates']> = {};
  for (const id of GROUP_IDS) rates[id] = { admission: 2 * (BASE_RATES[id].admission ?? 0), edVisit: 0.5 * (BASE_RATES[id].edVisit ?? 0) };
  s.care = { ...(s.care ?? {}), rates };
  return s;
}

describe('calibration targets from the user', () => {
  const truth = prepare(fixture());
  const rates = ratesFor(truth.model, truth.model.behaviour)[0];
  const admissions = expectedMeasure(truth.population, rates, 'admissions-per-1000', 'everyone');
  const ed65 = expectedMeasure(truth.population, rates, 'ed-visits-per-1000', '65+');
  const csv = [
    'measure,group,value,tolerance,source',
    `admissions-per-1000,everyone,${admissions.toFixed(3)},${(admissions * 0.02).toFixed(3)},"Region X, own register"`,
    `ed-visits-per-1000,65+,${ed65.toFixed(3)},${(ed65 * 0.02).toFixed(3)},Region X`,
  ].join('\n');

  it('reads a targets file and names every problem with its line', () => {
    expect(parseTargetsCsv(csv)).toHaveLength(2);
    expect(parseTargetsCsv(csv)[0].source).toBe('Region X, own register');
    expect(() => parseTargetsCsv('measure,group,value,tolerance,source\nadmisions,everyone,1,0,x\n')).toThrow(
      /^line 2: unknown measure 'admisions' for group 'everyone'.*\nline 2: tolerance '0' is not a number above 0$/,
    );
    expect(() => parseTargetsCsv('measure,value\n')).toThrow('line 1: missing columns group, tolerance, source (the columns are measure, group, value, tolerance, source)');
  });

  it('--fit brings a deliberately mis-set population within tolerance and reports what moved', () => {
    const wrong = misSet();
    const population = synthesizePopulation(wrong, wrong.simulation.seed);
    const fit = fitBaseRates(wrong, population, parseTargetsCsv(csv));
    for (const row of fit.rows) {
      expect(row.within, `${row.target.measure}: ${row.before} → ${row.after} vs ${row.target.value}`).toBe(true);
      expect(Math.abs(row.before - row.target.value)).toBeGreaterThan(row.target.tolerance);
    }
    const moved = Object.fromEntries(fit.moved.map((m) => [m.service, m.multiplier]));
    expect(moved.admission).toBeCloseTo(0.5, 2);
    expect(moved.edVisit).toBeCloseTo(2, 2);
    expect(fit.rates['complex-low-capacity']!.admission).toBeCloseTo(BASE_RATES['complex-low-capacity'].admission!, 2);
  });

  it('keeps a multiplier within its bounds and says so', () => {
    const s = fixture();
    const far = `measure,group,value,tolerance,source\nadmissions-per-1000,everyone,${(admissions * 10).toFixed(1)},1,x\n`;
    const fit = fitBaseRates(s, synthesizePopulation(s, 1), parseTargetsCsv(far));
    expect(fit.moved[0].multiplier).toBeCloseTo(4, 9);
    expect(fit.moved[0].atBound).toBe(true);
    expect(fit.rows[0].within).toBe(false);
  });

  it('calibrate --targets FILE --fit on the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reimburse-targets-'));
    const scenarioFile = join(dir, 'wrong.json');
    const targetsFile = join(dir, 'targets.csv');
    writeFileSync(scenarioFile, JSON.stringify(misSet()));
    writeFileSync(targetsFile, csv);
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
    const code = await main(['calibrate', scenarioFile, '--targets', targetsFile, '--fit', '--reps', '1', '--quiet', '--format', 'json'], io);
    expect(code, stderr).toBe(0);
    const out = JSON.parse(stdout) as { userTargets: { within: boolean }[]; fit: { rows: { within: boolean }[]; moved: { service: string }[] }; measures: { measure: string; group: string }[] };
    expect(out.userTargets.map((t) => t.within)).toEqual([false, false]);
    expect(out.fit.rows.map((t) => t.within)).toEqual([true, true]);
    expect(out.fit.moved.map((m) => m.service).sort()).toEqual(['admission', 'edVisit']);
    expect(out.measures).toContainEqual(expect.objectContaining({ measure: 'admissions-per-1000', group: 'everyone' }));
    expect(await main(['calibrate', scenarioFile, '--fit', '--quiet'], io)).toBe(2);
  }, 60_000);
});
