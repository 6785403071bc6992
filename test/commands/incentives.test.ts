import { describe, expect, it } from 'vitest';
import { SHIPPED_SCENARIOS, nonFinite, reimburse } from '../support/every-scenario.js';

describe.each(SHIPPED_SCENARIOS)('reimburse incentives %s', (file) => {
  it('prints the incentive table, and its JSON has finite numbers and efforts in [0, 1]', async () => {
    const text = await reimburse('incentives', file, '--quiet');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Incentive table');
    const r = await reimburse('incentives', file, '--format', 'json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.incentives.table.length).toBeGreaterThan(0);
    for (const row of json.incentives.table) {
      expect(row.effort).toBeGreaterThanOrEqual(0);
      expect(row.effort).toBeLessThanOrEqual(1);
      expect(nonFinite([row.marginalProfit, row.coordinationCost, row.valueCreated]), `${row.provider} ${row.group}`).toEqual([]);
    }
  });
});
