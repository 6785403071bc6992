import { describe, expect, it } from 'vitest';
import { SHIPPED_SCENARIOS, nonFinite, reimburse } from '../support/every-scenario.js';

// Designs with a stop-loss or a risk corridor solve their incentives on the full evaluation: minutes, not seconds.
const SLOW = 600_000;

// Every shipped scenario through `run`, as a user would: expected values and a short
// microsimulation, written as JSON in which every number is finite. (The incentive analysis that
// `run` adds is the `incentives` command's, tested for every file in incentives.test.ts.)
describe.each(SHIPPED_SCENARIOS)('reimburse run %s', (file) => {
  it('runs and writes finite numbers', async () => {
    const r = await reimburse('run', file, '--reps', '2', '--format', 'json', '--quiet', '--no-incentives');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.summary.length).toBeGreaterThan(0);
    expect(nonFinite(json.summary), 'summary').toEqual([]);
    expect(nonFinite(json.expected.spendingKr), 'spending').toEqual([]);
  }, SLOW);
});
