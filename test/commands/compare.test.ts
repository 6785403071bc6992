import { describe, expect, it } from 'vitest';
import { SHIPPED_SCENARIOS, reimburse } from '../support/every-scenario.js';

// Designs with a stop-loss or a risk corridor solve their incentives on the full evaluation: minutes, not seconds.
const SLOW = 600_000;

// A scenario compared with itself: the same file gives exactly the same expected values.
describe.each(SHIPPED_SCENARIOS)('reimburse compare %s', (file) => {
  it('compares with itself and finds no difference', async () => {
    const r = await reimburse('compare', file, file, '--engine', 'expected', '--format', 'json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.differences.length).toBeGreaterThan(0);
    for (const d of json.differences) expect(Math.abs(d.mean), `${d.metric} ${d.entity ?? ''}`).toBe(0);
  }, SLOW);
});
