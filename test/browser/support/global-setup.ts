/**
 * Before the browser tests: a Chromium on this machine (apt-get install if missing), the app
 * built by Vite into dist/, and a static server for it on 127.0.0.1.
 */
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { ensureChromium } from '../../../scripts/ensure-chromium.mjs';
import { serveStatic } from './static-server.js';
import type { StaticServer } from './static-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    chromium: string;
  }
}

let server: StaticServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromium = ensureChromium();
  // Vitest sets NODE_ENV to 'test', which would make Vite bundle the libraries' development
  // builds; the tests (and the size budget) are about what `npm run build` ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = await serveStatic('dist');
  project.provide('appUrl', server.url);
  project.provide('chromium', chromium);
  return async () => {
    await server?.close();
  };
}
