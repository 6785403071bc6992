import { describe, expect, it } from 'vitest';
import { SHIPPED_SCENARIOS, nonFinite, reimburse } from '../support/every-scenario.js';

// Designs with a stop-loss or a risk corridor solve their incentives on the full evaluation: minutes, not seconds.
const SLOW = 600_000;

describe.each(SHIPPED_SCENARIOS)('reimburse incentives %s', (file) => {
  // The table as text is checked in test/cli.test.ts; here every file's analysis, as JSON.
  it('writes the incentive table with finite numbers and efforts in [0, 1]', async () => {
    const r = await reimburse('incentives', file, '--format', 'json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.incentives.table.length).toBeGreaterThan(0);
    for (const row of json.incentives.table) {
      expect(row.effort).toBeGreaterThanOrEqual(0);
      expect(row.effort).toBeLessThanOrEqual(1);
      expect(nonFinite([row.marginalProfit, row.coordinationCost, row.valueCreated]), `${row.provider} ${row.group}`).toEqual([]);
    }
  }, SLOW);
});
