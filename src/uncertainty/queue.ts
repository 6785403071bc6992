/**
 * PSA shards through a Redis queue (BullMQ): `psa … --queue redis://HOST:PORT` enqueues the
 * shards and waits; `reimburse worker --queue …`, on any number of machines, takes them one at a
 * time and sends each back as the shard file `--shard i/N` would write. The merged result is the
 * one of a local run: the shards are cut and merged exactly as `--shard` and `merge` do.
 */
import { Queue, QueueEvents, Worker, type ConnectionOptions } from 'bullmq';
import { runJob, type PsaJob } from './jobs.js';
import { mergeShards, shardDraws, type DesignInfo, type PsaResult, type PsaShard } from './psa.js';

/** One queue for every run; a job carries its run's designs, models and settings. */
export const QUEUE_NAME = 'reimburse-psa';

/** A shard is one long synchronous computation: the worker cannot renew its lock while it runs. */
const LOCK_MS = 6 * 3600 * 1000;

interface ShardJobData {
  job: Omit<PsaJob, 'draws'>;
  info: { designs: DesignInfo[]; parameters: { path: string; source: string }[][] };
  shard: { index: number; count: number };
}

/**
 * Connection options from `redis://[:password@]host:port[/db]`.
 * @example connectionOf('redis://127.0.0.1:6379') // { host: '127.0.0.1', port: 6379, … }
 */
export function connectionOf(url: string): ConnectionOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    host: u.hostname,
    port: u.port === '' ? 6379 : Number(u.port),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ's blocking commands must wait as long as it takes, not give up after retries.
    maxRetriesPerRequest: null,
  };
}

/**
 * Enqueue a PSA as `shards` jobs, wait for every one, and merge them.
 * @example const result = await psaThroughQueue('redis://127.0.0.1:6379', job, info, 4)
 */
export async function psaThroughQueue(url: string, job: Omit<PsaJob, 'draws'>, info: ShardJobData['info'], shards: number, onProgress?: (fraction: number) => void): Promise<PsaResult> {
  const connection = connectionOf(url);
  const queue = new Queue<ShardJobData, PsaShard>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  try {
    await events.waitUntilReady();
    const added = await queue.addBulk(
      Array.from({ length: shards }, (_, i) => ({
        name: `shard-${i + 1}-of-${shards}`,
        data: { job, info, shard: { index: i + 1, count: shards } },
        // Kept until its result is read: removed on completion, a job can be gone before
        // waitUntilFinished looks at it ("Missing key for job … isFinished"); each is removed below.
        opts: { removeOnComplete: false, removeOnFail: 100, attempts: 1 },
      })),
    );
    let done = 0;
    const results = await Promise.all(
      added.map(async (j) => {
        const shard = (await j.waitUntilFinished(events)) as PsaShard;
        if (j.id !== undefined) await queue.remove(j.id);
        onProgress?.(++done / shards);
        return shard;
      }),
    );
    return mergeShards(results);
  } finally {
    await events.close();
    await queue.close();
  }
}

/**
 * A worker taking PSA shards from the queue until closed.
 * @example const w = startQueueWorker('redis://127.0.0.1:6379'); …; await w.close()
 */
export function startQueueWorker(url: string, onShard?: (shard: { index: number; count: number }) => void): Worker<ShardJobData, PsaShard> {
  return new Worker<ShardJobData, PsaShard>(
    QUEUE_NAME,
    async (j) => {
      const { job, info, shard } = j.data;
      const draws = shardDraws(job.settings.draws, shard.index, shard.count);
      const { keys, results } = await runJob({ ...job, draws });
      onShard?.(shard);
      return { format: 'reimburse-psa-shard', version: 1, settings: job.settings, designs: info.designs, parameters: info.parameters, keys, shard, draws: results };
    },
    { connection: connectionOf(url), concurrency: 1, lockDuration: LOCK_MS, stalledInterval: LOCK_MS, maxStalledCount: 0 },
  );
}
