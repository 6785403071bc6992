/**
 * Calibration that holds: every shipped scenario is within tolerance of every target that applies
 * to its population (or departs on purpose, saying why), so `calibrate` prints no OFF for any file.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const FILES = readdirSync(new URL('../scenarios/', import.meta.url)).filter((f) => f.endsWith('.json'));

async function calibrate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['calibrate', ...args], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe('calibrate on every shipped scenario', () => {
  it.each(FILES)('%s: no target that applies is OFF', async (file) => {
    const r = await calibrate(`scenarios/${file}`, '--reps', '1', '--quiet', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { scope: string; targets: { measure: string; group: string; status: string; value: number; target: number; note?: string }[] };
    const off = report.targets.filter((t) => t.status === 'off').map((t) => `${t.measure} [${t.group}]: ${t.value} vs ${t.target}`);
    expect(off).toEqual([]);
    // A departure is allowed only with a reason.
    for (const t of report.targets.filter((x) => x.status === 'departs')) expect(t.note).toMatch(/description/);
  }, 60_000);
});
