/**
 * The fuzz suite in `npm test`: a few hundred random mutations (fixed seed) of every shipped
 * scenario and population CSV, each a valid run with finite numbers or a clean error with a path.
 * `npm run fuzz` runs the same suite with 10,000 cases and reports time and memory.
 */
import { describe, expect, it } from 'vitest';
import { describeCase, fuzzContext, mutateCsv, mutateScenario, runCase, runFuzz, shippedSeeds } from './fuzz/runner.js';

describe('fuzz: mutations of every shipped scenario and population CSV', () => {
  it('covers every scenario in scenarios/ and every CSV in scenarios/data/', () => {
    const seeds = shippedSeeds();
    expect(seeds.filter((s) => s.kind === 'scenario').length).toBeGreaterThanOrEqual(10);
    expect(seeds.some((s) => s.kind === 'csv')).toBe(true);
  });

  it('the mutations change what they say', () => {
    expect(JSON.parse(mutateScenario('{"a":1,"b":[2]}', [{ kind: 'delete', at: 1 }]))).toEqual({ b: [2] });
    expect(mutateScenario('{"a":1}', [{ kind: 'set', at: 1, value: '\u0000nested:3' }]).replace(/\s/g, '')).toBe('{"a":{"a":[{"a":1}]}}');
    expect(mutateScenario('[]', [{ kind: 'reuse', at: 0, from: 5 }])).toBe('[]');
    expect(mutateCsv('h1,h2\n1,2\n', [{ kind: 'field', line: 1, field: 1, value: 'x' }])).toBe('h1,h2\n1,x\n');
  });

  it('a hostile case is refused with a path, a shipped scenario unchanged runs with finite numbers', async () => {
    const context = await fuzzContext();
    const deep = runCase(context, { seed: 0, mutations: [{ kind: 'set', at: 1, value: '\u0000nested:6000' }] });
    expect(deep.verdict).toBe('refused');
    const same = runCase(context, { seed: 0, mutations: [{ kind: 'add', at: 0, key: 'lookAt', value: 'the ledger' }] });
    expect(same.verdict, same.detail).toBe('ran');
  });

  it('150 cases (seed 13): no crash, no stack overflow, no non-finite number', async () => {
    const report = await runFuzz({ cases: 150, seed: 13 });
    const problems = [...report.crashes, ...report.nonFinite].map((c) => `${c.detail} — ${describeCase(report.context, c.case)}`);
    expect(problems).toEqual([]);
    expect(report.ran + report.refused).toBe(150);
    expect(report.ran).toBeGreaterThan(0);
  });
});
