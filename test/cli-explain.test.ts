/**
 * `reimburse compare --explain` as a user runs it: the steps, to the öre, against a hand
 * calculation, and in JSON bars that add up to the difference.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCli } from '../bin/build-cli.mjs';

const FIXTURE = 'test/fixtures/minimal-scenario.json';

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/reimburse.mjs', ...args], { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let variant = '';

beforeAll(async () => {
  await ensureCli({ quiet: true });
  // The variant: the minimal scenario plus a grant of 123 456.78 kr a year from the region to Vårdcentral Norr, for its one year.
  const json = JSON.parse(await readFile(FIXTURE, 'utf8'));
  json.id = 'minimal-grant';
  json.payment.components.push({ id: 'grant', label: 'Grant', kind: 'fixed', basis: 'lump', amount: 123456.78, payer: 'region', payee: 'vc-norr' });
  const dir = await mkdtemp(join(tmpdir(), 'reimburse-explain-'));
  variant = join(dir, 'variant.json');
  await writeFile(variant, JSON.stringify(json));
});

describe('reimburse compare --explain', () => {
  it('prints each step to the öre: the added grant and no response', async () => {
    const r = await cli('compare', FIXTURE, variant, '--explain', '--engine', 'expected', '-q');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Why did this change? minimal-grant − minimal');
    const region = r.stdout.slice(r.stdout.indexOf('Spending of Region (kr)'));
    expect(region).toMatch(/payment: Grant \(added\) +\+123,456\.78\n/);
    expect(region).toMatch(/providers' response \(behaviour effect\) +0\.00\n/);
    expect(region).toMatch(/difference \(sum of the steps\) +\+123,456\.78\n/);
    const norr = r.stdout.slice(r.stdout.indexOf('Margin of Vårdcentral Norr (kr)'));
    expect(norr).toMatch(/payment: Grant \(added\) +\+123,456\.78\n/);
  });

  it('gives the steps in JSON, whole öre that add up to the difference of the replications’ means', async () => {
    const r = await cli('compare', FIXTURE, variant, '--explain', '--reps', '2', '--format', 'json', '-q');
    expect(r.code, r.stderr).toBe(0);
    const [e] = JSON.parse(r.stdout).explanations;
    expect(e.engine).toBe('micro');
    for (const w of e.waterfalls) {
      const sum = w.steps.reduce((s: number, x: { ore: number }) => s + x.ore, 0);
      expect(sum).toBe(w.differenceOre);
      expect(w.differenceOre).toBe(Math.round(w.variantKr * 100) - Math.round(w.baseKr * 100));
      expect(w.steps.at(-1).kind).toBe('event-noise');
    }
    const region = e.waterfalls.find((w: { entity: string; measure: string }) => w.entity === 'region' && w.measure === 'spendingKr');
    expect(region.steps.find((s: { component?: string }) => s.component === 'grant')).toEqual({ kind: 'component', component: 'grant', change: 'added', ore: 12_345_678 });
  });

  it('puts the waterfall in the report’s comparison section (reimburse report --base), in Swedish too', async () => {
    const r = await cli('report', variant, '--base', FIXTURE, '--engine', 'expected', '--no-incentives', '--lang', 'sv', '-q');
    expect(r.code, r.stderr).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('<section id="comparison">'));
    expect(section).toContain('<h2>Varför ändrades det?</h2>');
    expect(section).toContain('<h3>Kostnad för Region</h3>');
    expect(section).toMatch(/<tr data-step="component"><td>Grant \(tillagd\)<\/td><td class="">\+123\s456,78<\/td>/);
    expect(section).toMatch(/<tr data-step="difference"><td>Skillnad \(summan av stegen\)<\/td><td class="">\+123\s456,78<\/td>/);
  });
});
