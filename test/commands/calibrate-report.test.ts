import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_SCENARIOS, reimburse } from '../support/every-scenario.js';

// Designs with a stop-loss or a risk corridor solve their incentives on the full evaluation: minutes, not seconds.
const SLOW = 600_000;

describe.each(SHIPPED_SCENARIOS)('reimburse calibrate and report %s', (file) => {
  it('prints every calibration target', async () => {
    const r = await reimburse('calibrate', file, '--reps', '1', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('calibration');
  }, SLOW);

  // In Swedish, the path with the most to go wrong (the file's texts, the models' labels);
  // test/report.test.ts covers the English report.
  it('writes the printable report', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'reimburse-report-')), 'report.html');
    const r = await reimburse('report', file, '--out', out, '--lang', 'sv', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toContain('NaN');
  }, SLOW);
});
