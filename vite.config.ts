/**
 * The web app (`web/`, entry `index.html`): `npm run build` writes `dist/`, `npm run dev` serves it
 * with reloading, `npm run app` builds and serves the built app. Workers are ES modules.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

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

export default defineConfig({
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
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
