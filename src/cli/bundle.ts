/**
 * The entry of the CLI bundle (bin/build-cli.mjs): `main` for bin/reimburse.mjs, and the same file
 * is the script of the worker pool's threads (src/cli/pool.ts), so a worker loads one module.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { servePool } from './pool-worker.js';

export { main } from './main.js';

// A static import: esbuild keeps dynamically imported modules whole, which would bring back all of mathjs.
if (!isMainThread && (workerData as { reimburseWorker?: boolean } | null)?.reimburseWorker) servePool();
