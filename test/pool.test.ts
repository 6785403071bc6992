import { afterAll, describe, expect, it } from 'vitest';
import { tablesInputs } from '../src/cli/parallel.js';
import { createPool, PoolTaskError } from '../src/cli/pool.js';
import { longRows } from '../src/results/summary.js';
import type { TablePart } from '../src/cli/pool-tasks.js';
import { evaluateExpected, prepare, settleReplication, simulate } from '../src/run.js';
import type { Scenario } from '../src/scenario/types.js';
import { loadScenarioFile } from '../src/scenario/load.js';

const FIXTURE = 'test/fixtures/minimal-scenario.json';
const loaded = await loadScenarioFile(FIXTURE);
const scenario: Scenario = { ...loaded, simulation: { ...loaded.simulation, replications: 4 } };
const pool = createPool({ setup: { scenario, file: FIXTURE }, workers: 2 });

afterAll(async () => {
  await pool.close();
});

describe('worker pool', () => {
  it('gives each replication the rows of a one-thread run, whichever worker ran it', async () => {
    const prepared = prepare(scenario);
    const behaviour = prepared.model.behaviour;
    const { replications } = simulate(prepared, { behaviour });
    const expected = replications.map((o, r) => longRows(prepared, o, r, scenario.id, { period: 'year' }));
    const fractions: number[] = [];
    const got = await Promise.all([3, 1, 0, 2].map((r) => pool.run('replications', { indices: [r], behaviour, period: 'year' }, (f) => fractions.push(f))));
    expect(got.map((rows) => rows[0])).toEqual([3, 1, 0, 2].map((r) => expected[r]));
    expect(fractions.length).toBeGreaterThan(0);
    expect(Math.max(...fractions)).toBeLessThanOrEqual(1);
  });

  it('rejects a failing task with the worker’s message and keeps serving', async () => {
    const prepared = prepare(scenario);
    const bad = pool.run('replications', { indices: [0], behaviour: { effort: [], intensity: [] }, period: 'year' });
    await expect(bad).rejects.toBeInstanceOf(PoolTaskError);
    const rows = await pool.run('replications', { indices: [1], behaviour: prepared.model.behaviour, period: 'total' });
    expect(rows).toHaveLength(1);
  });

  it('lets a worker hold two tasks at once and still answers each with its own rows', async () => {
    const prepared = prepare(scenario);
    const behaviour = prepared.model.behaviour;
    const one = createPool({ setup: { scenario, file: FIXTURE }, workers: 1, prefetch: 2 });
    try {
      const got = await Promise.all([2, 0, 3].map((r) => one.run('replications', { indices: [r], behaviour, period: 'total' })));
      const { replications } = simulate(prepared, { behaviour });
      expect(got.map((rows) => rows[0])).toEqual([2, 0, 3].map((r) => longRows(prepared, replications[r], r, scenario.id, { period: 'total' })));
    } finally {
      await one.close();
    }
  });

  it('shares one counter between workers: every replication runs once, with the rows of a one-thread run', async () => {
    const prepared = prepare(scenario);
    const behaviour = prepared.model.behaviour;
    const { replications } = simulate(prepared, { behaviour });
    const next = new Int32Array(new SharedArrayBuffer(4));
    const input = { next, count: 4, behaviour, period: 'total' as const, rates: evaluateExpected(prepared, behaviour).rates };
    const got = await Promise.all([0, 1].map(() => pool.run('sharedReplications', input)));
    const indices = got.flatMap((g) => g.indices);
    expect([...indices].sort()).toEqual([0, 1, 2, 3]);
    expect(Atomics.load(next, 0)).toBeGreaterThanOrEqual(4);
    for (const g of got) g.indices.forEach((r, i) => expect(g.rows[i]).toEqual(longRows(prepared, replications[r], r, scenario.id, { period: 'total' })));
  });

  /** What a thread that prepared the scenario sends sharedTables, and the one-thread run's replications to hold its tables to. */
  const sent = () => {
    const prepared = prepare(scenario);
    const behaviour = prepared.model.behaviour;
    const { replications } = simulate(prepared, { behaviour });
    return { prepared, behaviour, replications, rates: evaluateExpected(prepared, behaviour).rates, inputs: tablesInputs(prepared) };
  };

  it('sends each replication’s table as soon as it is simulated; settled here, it gives the rows of a one-thread run', async () => {
    const { prepared, behaviour, replications, rates, inputs } = sent();
    const next = new Int32Array(new SharedArrayBuffer(4));
    const parts: TablePart[] = [];
    const input = { next, count: 4, behaviour, period: 'total' as const, rates, inputs };
    const got = await Promise.all([0, 1].map(() => pool.run('sharedTables', input, undefined, (part) => parts.push(part as TablePart))));
    expect(got.flat().sort()).toEqual([0, 1, 2, 3]);
    expect(parts.map((p) => p.replication).sort()).toEqual([0, 1, 2, 3]);
    for (const { replication: r, table } of parts) {
      expect(table.data).toEqual(replications[r].table.data);
      const settled = settleReplication(prepared, { table }, rates, behaviour);
      expect(longRows(prepared, settled, r, scenario.id, { period: 'year' })).toEqual(longRows(prepared, replications[r], r, scenario.id, { period: 'year' }));
    }
  });

  it('simulates from the inputs it is sent, not from a scenario of its own', async () => {
    const { prepared, behaviour, replications, rates, inputs } = sent();
    // The worker's own scenario draws other numbers (another seed).
    const another: Scenario = { ...scenario, simulation: { ...scenario.simulation, seed: scenario.simulation.seed + 1 } };
    expect(simulate(prepare(another, prepared.population), { behaviour, replications: 1 }).replications[0].table.data).not.toEqual(replications[0].table.data);
    const other = createPool({ setup: { scenario: another, file: FIXTURE, population: prepared.population }, workers: 1 });
    try {
      const parts: TablePart[] = [];
      const input = { next: new Int32Array(new SharedArrayBuffer(4)), count: 2, behaviour, period: 'total' as const, rates, inputs };
      expect(await other.run('sharedTables', input, undefined, (part) => parts.push(part as TablePart))).toEqual([0, 1]);
      expect(parts.map((p) => p.table.data)).toEqual([0, 1].map((r) => replications[r].table.data));
    } finally {
      await other.close();
    }
  });

  it('refuses work once closed', async () => {
    const other = createPool({ setup: { scenario, file: FIXTURE }, workers: 1 });
    await other.close();
    await expect(other.run('replications', { indices: [0], behaviour: prepare(scenario).model.behaviour, period: 'total' })).rejects.toThrow('the worker pool is closed');
  });
});
