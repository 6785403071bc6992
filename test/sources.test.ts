/**
 * Citations a user of the package can follow: nothing in models/, scenarios/ or src/ points outside
 * the repository, and every bibliography id cited exists in docs/sources.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const SCANNED = ['models', 'scenarios', 'src'].flatMap((d) => filesUnder(join(ROOT, d))).filter((f) => /\.(ts|mts|mjs|js|json|csv|md)$/.test(f));
const BIBLIOGRAPHY = readFileSync(join(ROOT, 'docs/sources.md'), 'utf8');
const IDS = new Set([...BIBLIOGRAPHY.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]));

/** Relative paths in a text that climb out of the repository from the file's folder or from the root. */
function outsidePaths(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\.\.\/)+[\w.\-/]*/g)) {
    const target = resolve(dirname(file), m[0]);
    const isModule = existsSync(target) || existsSync(target.replace(/\.js$/, '.ts'));
    // Outside from the file's folder, or (a text meant from the repository's root) from the root.
    const outside = relative(ROOT, target).startsWith('..') || (!isModule && relative(ROOT, resolve(ROOT, m[0])).startsWith('..'));
    if (outside) found.push(m[0]);
  }
  // The source documents the project was built from, by their working names or absolute paths.
  for (const m of text.matchAll(/\bseeds\/\d{3}\b|\bSOURCES\.md\b|\/work\/[\w/]+|\/home\/[\w/]+/g)) found.push(m[0]);
  return found;
}

describe('citations stay inside the repository', () => {
  it('has a bibliography with the core documents', () => {
    for (const id of ['fhp-2013', 'vardanalys-2017', 'lopare-johansson', 'lind-2010', 'vardanalys-satsning', 'engstrom-2006']) expect(IDS, id).toContain(id);
  });

  it('finds an outside path when there is one (the check can fail)', () => {
    expect(outsidePaths(join(ROOT, 'scenarios/x.json'), '"(../shared/seeds/001)" and seeds/002')).toEqual(['../shared/seeds/001', 'seeds/001', 'seeds/002']);
    expect(outsidePaths(join(ROOT, 'src/run.ts'), "import { x } from './domain.js'; from '../src/domain.js'")).toEqual([]);
  });

  it.each(SCANNED.map((f) => [relative(ROOT, f), f]))('%s refers to no path outside the repository', (_name, file) => {
    expect(outsidePaths(file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('every "docs/sources.md: id" cited and every scenario source id is in the bibliography', () => {
    const missing: string[] = [];
    for (const file of SCANNED) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/docs\/sources\.md: ([a-z0-9-]+)/g)) if (!IDS.has(m[1])) missing.push(`${relative(ROOT, file)}: ${m[1]}`);
      if (file.includes('/scenarios/') && file.endsWith('.json')) {
        const scenario = JSON.parse(text) as { sources?: { id: string }[] };
        for (const s of scenario.sources ?? []) if (!IDS.has(s.id)) missing.push(`${relative(ROOT, file)}: sources id ${s.id}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
