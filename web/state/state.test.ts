import { describe, expect, it } from 'vitest';
import { getIn, pathText, setIn } from './json-path.js';
import { formatLocation, parseLocation } from './location.js';
import { decodeScenario, encodeScenario } from './share.js';

describe('json paths', () => {
  it('reads, writes without mutating, removes keys, and names paths as the validator does', () => {
    const json = { a: [{ b: 1 }, { b: 2 }], c: { d: 'x' } };
    const next = setIn(json, ['a', 1, 'b'], 5);
    expect(getIn(next, ['a', 1, 'b'])).toBe(5);
    expect(json.a[1].b).toBe(2);
    expect(next.a[0]).toBe(json.a[0]);
    expect(setIn(json, ['c', 'd'], undefined).c).toEqual({});
    expect(setIn({} as Record<string, unknown>, ['care', 'coordination', 'vc-a'], 0.5)).toEqual({ care: { coordination: { 'vc-a': 0.5 } } });
    expect(pathText(['payment', 'components', 3, 'price'])).toBe('payment.components[3].price');
    expect(pathText(['care', 'coordination', 'odd key'])).toBe('care.coordination["odd key"]');
  });
});

describe('the URL', () => {
  it('round-trips the whole view state', () => {
    const loc = parseLocation('#/compare?cmp=saved:a,builtin:b&engine=micro&reps=10&seed=42&res=year&inc=1');
    expect(loc).toMatchObject({ view: 'compare', cmp: ['saved:a', 'builtin:b'], engine: 'micro', reps: 10, seed: 42, res: 'year', inc: true });
    expect(parseLocation(formatLocation(loc))).toEqual(loc);
  });

  it('falls back to the library and sensible defaults for anything unknown', () => {
    expect(parseLocation('#/nowhere?reps=-3&res=decade')).toMatchObject({ view: 'library', reps: undefined, res: 'quarter', engine: 'expected', cmp: [] });
  });
});

describe('shared links', () => {
  it('compresses a scenario into base64url and back', async () => {
    const json = { title: 'Åre — vårdcentral', payment: { components: Array.from({ length: 50 }, (_, i) => ({ id: `c${i}`, price: i })) } };
    const code = await encodeScenario(json);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(code.length).toBeLessThan(JSON.stringify(json).length);
    expect(JSON.parse(await decodeScenario(code))).toEqual(json);
  });

  it('says the link is damaged when it is', async () => {
    await expect(decodeScenario('AAAA-not-a-scenario')).rejects.toThrow(/damaged/);
  });
});
