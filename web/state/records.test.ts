import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION, rawText, readRecord } from './records.js';
import { applyChanges, decodeChanges, decodeScenario, diffJson, encodeChanges, encodeScenario, MAX_SCENARIO_BYTES } from './share.js';

const good = { formatVersion: FORMAT_VERSION, id: 'a', name: 'A', json: { title: 'A' }, createdAt: 1, savedAt: 2 };

describe('saved records read one by one', () => {
  it('reads a current record as it is', () => {
    expect(readRecord('scenario:a', good)).toEqual({ ok: true, record: good, migrated: false });
  });

  it('migrates a record of the first format (no formatVersion, no createdAt)', () => {
    const read = readRecord('scenario:a', { id: 'a', name: 'A', json: {}, savedAt: 5 });
    expect(read).toEqual({ ok: true, migrated: true, record: { id: 'a', name: 'A', json: {}, savedAt: 5, createdAt: 5, formatVersion: 2 } });
  });

  it('lists each kind of damage with a reason, never throwing', () => {
    const reason = (key: string, raw: unknown) => {
      const read = readRecord(key, raw);
      return read.ok ? 'ok' : read.damaged.reason;
    };
    expect(reason('scenario:a', 'text')).toBe('notObject');
    expect(reason('scenario:a', null)).toBe('notObject');
    expect(reason('scenario:a', [good])).toBe('notObject');
    expect(reason('scenario:b', good)).toBe('noId');
    expect(reason('scenario:a', { ...good, name: 7 })).toBe('noName');
    expect(reason('scenario:a', { ...good, json: '{}' })).toBe('noScenario');
    expect(reason('scenario:a', { ...good, savedAt: 'yesterday' })).toBe('noDate');
    expect(reason('scenario:a', { ...good, formatVersion: 99 })).toBe('newer');
    expect(reason('scenario:a', { ...good, formatVersion: 'two' })).toBe('unreadable');
  });

  it('exports whatever was stored as JSON text, cycles and BigInt included', () => {
    const cyclic: Record<string, unknown> = { n: 1n, m: new Map([['k', 1]]) };
    cyclic.self = cyclic;
    expect(JSON.parse(rawText(cyclic))).toEqual({ n: '1', m: { k: 1 }, self: '[circular]' });
    expect(rawText(undefined)).toBe('null');
  });
});

describe('links that carry a variant as its changes', () => {
  it('diffs and applies item by item, and a key that reaches a prototype is refused', () => {
    const base = { a: 1, b: [1, 2, { c: 3 }], d: { e: 'x' } };
    const next = { a: 1, b: [1, 2, { c: 4 }], d: {}, f: true };
    const changes = diffJson(base, next);
    expect(changes).toEqual([[['b', 2, 'c'], 4], [['d', 'e']], [['f'], true]]);
    expect(applyChanges(base, changes)).toEqual(next);
    expect(base.b[2]).toEqual({ c: 3 });
    expect(() => applyChanges({}, [[['__proto__', 'polluted'], 1]])).toThrow(/do not fit/);
    expect(() => applyChanges({ a: [1] }, [[['a', 5], 1]])).toThrow(/do not fit/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps a link to a variant of every shipped scenario under 2 kB', async () => {
    for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.json'))) {
      const base = JSON.parse(readFileSync(`scenarios/${file}`, 'utf8'));
      const variant = structuredClone(base);
      variant.title = `${base.title} — a variant with a longer title for the workshop`;
      variant.simulation = { ...variant.simulation, years: 7, seed: 12345 };
      for (const c of variant.payment.components as Record<string, unknown>[]) {
        for (const key of ['price', 'amount', 'rate']) if (typeof c[key] === 'number') c[key] = Math.round((c[key] as number) * 1.137);
      }
      const p = await encodeChanges(base, variant);
      expect({ file, short: p.length <= 2048 }).toEqual({ file, short: true });
      expect(await decodeChanges(p, base)).toEqual(variant);
    }
  });

  it('refuses a 1 kB link that would inflate past the bound, without inflating it all', async () => {
    const bomb = await encodeScenario(' '.repeat(MAX_SCENARIO_BYTES + 200 * 1024));
    expect(bomb.length).toBeLessThanOrEqual(1024);
    await expect(decodeScenario(bomb)).rejects.toThrow(/larger than 512 kB/);
    await expect(decodeScenario('A'.repeat(300 * 1024))).rejects.toThrow(/too long/);
  });
});
