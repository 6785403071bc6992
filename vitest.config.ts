import { defineConfig } from 'vitest/config';
import { MATHJS_SUBSET, mathjsTrim } from './vite.config.js';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'threads',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'web/**/*.test.ts'], exclude: ['test/browser/**'] },
      },
      {
        // The web app in a real Chromium: built once and served on 127.0.0.1 by the global setup,
        // which also installs Chromium if the machine has none. One file at a time, and after the
        // other projects (groupOrder), so the timing budgets are measured on an idle machine.
        extends: true,
        test: {
          name: 'browser',
          sequence: { groupOrder: 1 },
          include: ['test/browser/**/*.test.ts'],
          exclude: ['test/browser/mathjs-subset.test.ts'],
          globalSetup: ['test/browser/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
      {
        // The formula tests again with the browser's mathjs (vite.config.ts), and a comparison of both.
        extends: true,
        resolve: { alias: MATHJS_SUBSET },
        plugins: [mathjsTrim()],
        test: { name: 'mathjs-subset', include: ['test/formula.test.ts', 'test/browser/mathjs-subset.test.ts'] },
      },
    ],
  },
});
