/**
 * The fixed-seed regression baseline: two built-in scenarios, recomputed and compared with the
 * numbers checked in under test/baseline/ to a relative 1e-9. A failure means the outputs changed;
 * if that is intended, run `npx tsx scripts/refresh-baseline.ts` and say why in the changelog.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Baseline } from '../scripts/refresh-baseline.js';
import { BASELINE_SCENARIOS, baselinePath, computeBaseline } from '../scripts/refresh-baseline.js';

const RELATIVE = 1e-9;
const REFRESH = 'if the change is intended, refresh with `npx tsx scripts/refresh-baseline.ts` (npm run baseline:refresh) and note it in the changelog';

/** Every number of `actual` that differs from `expected` by more than 1e-9 relative, as "path: expected → actual". */
function differences(expected: unknown, actual: unknown, path = ''): string[] {
  if (typeof expected === 'number' || expected === null) {
    const want = expected ?? NaN; // JSON writes NaN as null
    const got = typeof actual === 'number' ? actual : NaN;
    if (Number.isNaN(want) && Number.isNaN(got)) return [];
    const scale = Math.max(Math.abs(want), Math.abs(got));
    return Math.abs(want - got) <= RELATIVE * scale || Math.abs(want - got) < 1e-12 ? [] : [`${path}: ${want} → ${got}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: ${expected.length} entries → ${Array.isArray(actual) ? actual.length : typeof actual}`];
    return expected.flatMap((e, i) => differences(e, actual[i], `${path}[${i}]`));
  }
  if (typeof expected === 'object') {
    const a = (actual ?? {}) as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
    return [...keys].flatMap((k) => (k in e && k in a ? differences(e[k], a[k], path ? `${path}.${k}` : k) : [`${path}.${k}: ${k in e ? 'missing now' : 'new'}`]));
  }
  return expected === actual ? [] : [`${path}: ${String(expected)} → ${String(actual)}`];
}

describe('fixed-seed regression baseline', () => {
  it.each(BASELINE_SCENARIOS.map((entry) => [entry.file, entry] as const))('%s reproduces test/baseline to 1e-9', async (_file, entry) => {
    const actual = await computeBaseline(entry);
    let stored: Baseline;
    try {
      stored = JSON.parse(await readFile(baselinePath(actual.scenario), 'utf8')) as Baseline;
    } catch {
      throw new Error(`no baseline for '${actual.scenario}' at ${baselinePath(actual.scenario)}: ${REFRESH}`);
    }
    expect(stored.settings, `the baseline's settings changed: ${REFRESH}`).toEqual(entry.settings);
    const changed = [...differences(stored.expected, actual.expected, 'expected'), ...differences(stored.replications, actual.replications, 'replications')];
    const shown = changed.slice(0, 12).join('\n  ') + (changed.length > 12 ? `\n  … and ${changed.length - 12} more` : '');
    expect(changed, `outputs of ${entry.file} changed (relative tolerance ${RELATIVE}):\n  ${shown}\n${REFRESH}`).toEqual([]);
  });
});
