/**
 * The web app (`web/`, entry `index.html`): `npm run build` writes `dist/`, `npm run dev` serves it
 * with reloading, `npm run app` builds and serves the built app. Workers are ES modules.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The browser gets the part of mathjs the formula sandbox uses (web/engine/mathjs-subset.ts:
 * number-only, no decimal.js, fraction.js, complex.js or units), not all of it. Same answers,
 * checked by test/browser/mathjs-subset.test.ts, which reaches the full package as `mathjs-full`.
 * Node (unit tests) keeps the full package; the CLI bundle gets the subset (bin/build-cli.mjs).
 */
export const MATHJS_SUBSET = [
  { find: /^mathjs$/, replacement: join(here, 'web/engine/mathjs-subset.ts') },
  { find: /^mathjs-full$/, replacement: join(dirname(createRequire(import.meta.url).resolve('mathjs/package.json')), 'lib/esm/index.js') },
];

/**
 * Two parts of mathjs the subset's modules bring along that no formula can reach: the LaTeX tables
 * (only a node's `toTex` reads them; the worker never calls it, and here it throws), and the
 * `identifier` type, whose test is a 17 kB Unicode regular expression (4 kB gzip) that only
 * `derivative` uses. A mathjs whose files no longer match fails the build, not the budget.
 * @example defineConfig({ plugins: [mathjsTrim()] })
 */
export function mathjsTrim(): Plugin {
  const latex = '\0mathjs-no-latex';
  const identifier = /\{\s*name: 'identifier',\s*test: s => isString && \/\^\(\?:.*?\.test\(s\)\s*\},/s;
  return {
    name: 'mathjs-trim',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === '../../utils/latex.js' && importer?.includes('/mathjs/lib/esm/expression/node/') ? latex : null;
    },
    load(id) {
      if (id !== latex) return null;
      // Every use of a table or function is in `toTex`, which says so instead of printing something wrong.
      const tables = ['latexSymbols', 'latexOperators', 'latexFunctions', 'defaultTemplate'].map((n) => `export const ${n} = new Proxy({}, { get: escapeLatex });`);
      return [`export function escapeLatex() { throw new Error('toTex is not part of the formula subset'); }`, 'export const toSymbol = escapeLatex;', ...tables].join('\n');
    },
    transform(code, id) {
      if (!id.endsWith('/mathjs/lib/esm/core/function/typed.js')) return null;
      if (!identifier.test(code)) throw new Error(`mathjs-trim: no 'identifier' type in ${id}`);
      return { code: code.replace(identifier, ''), map: null };
    },
  };
}

export default defineConfig({
  plugins: [mathjsTrim()],
  // Relative asset paths: dist/ works from any folder or sub-path, and offline from a laptop.
  base: './',
  resolve: { alias: MATHJS_SUBSET },
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Built-in scenarios are fetched as JSON files (web/state/library.ts), never inlined into code.
    assetsInlineLimit: (file) => (file.endsWith('.json') ? false : undefined),
    // The JavaScript budget (250 kB gzip, workers included) is measured by the browser tests.
    chunkSizeWarningLimit: 600,
  },
  worker: { format: 'es', plugins: () => [mathjsTrim()] },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
