/**
 * The PSA's queue mode against a real redis-server (Debian's package), started on a free loopback
 * port for this file and stopped after it. Where redis-server is not installed the test is skipped
 * and says so; `.ci/run` installs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModels } from '../src/scenario/load.js';
import { psaThroughQueue, startQueueWorker } from '../src/uncertainty/queue.js';
import { runJob } from '../src/uncertainty/jobs.js';
import { summarizePsa, type PsaSettings } from '../src/uncertainty/psa.js';
import { toJson } from '../src/results/export.js';

const REDIS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
if (!REDIS) console.warn('uncertainty-queue.test.ts: skipped: redis-server is not installed (apt-get install redis-server; .ci/run does it)');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not open port ${port}`);
}

describe.skipIf(!REDIS)('psa through a Redis queue', () => {
  let redis: ChildProcess | undefined;
  let url = '';

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn(REDIS!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitForPort(port);
    url = `redis://127.0.0.1:${port}`;
  }, 30_000);

  afterAll(async () => {
    if (redis && redis.exitCode === null) {
      const exited = new Promise((r) => redis!.once('exit', r));
      redis.kill('SIGTERM');
      await exited;
    }
  });

  it('completes a 4-shard PSA whose merged output equals the local run', async () => {
    const models = await loadModels();
    const raw = JSON.parse(readFileSync('test/fixtures/minimal-scenario.json', 'utf8'));
    raw.uncertainty = { preset: 'local-follow-ups', parameters: [{ path: 'payment.components[3].price', distribution: { type: 'triangular', min: 20000, mode: 30000, max: 45000 }, source: 'ASSUMPTION (test)' }] };
    const settings: PsaSettings = { draws: 6, seed: 4, engine: 'expected', replications: 0, gap: false };
    const designs = [{ raw, file: 'test/fixtures/minimal-scenario.json' }];
    const info = { designs: [{ id: 'minimal', title: 'Minimal', file: 'test/fixtures/minimal-scenario.json' }], parameters: [[]] };
    const workers = [startQueueWorker(url), startQueueWorker(url)];
    try {
      const queued = await psaThroughQueue(url, { designs, models, settings }, info, 4);
      const local = await runJob({ designs, models, settings, draws: [0, 1, 2, 3, 4, 5] });
      const expected = summarizePsa(settings, info.designs, info.parameters, local.keys, local.results);
      expect(toJson(queued, 2)).toBe(toJson(expected, 2));
      expect(queued.summary.length).toBeGreaterThan(10);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  }, 120_000);
});
