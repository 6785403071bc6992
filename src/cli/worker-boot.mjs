// Worker threads do not inherit the TypeScript loader: register it, load the worker module and
// start it (src/cli/pool-worker.ts exports servePool).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
const worker = await import(workerData.entry);
worker.servePool?.();
