/**
 * A pool of worker threads that load a scenario once each and keep it for every task they are
 * given: replications, and any other kind listed in src/cli/pool-tasks.ts (PSA draws, sweep points).
 * Tasks wait in one queue and go to whichever worker is free, so a slow core does not hold the rest.
 *
 * Workers run the CLI bundle (dist-cli/reimburse.mjs, built by bin/build-cli.mjs) when this module
 * is part of it, and the TypeScript sources through tsx otherwise (tests, `tsx` scripts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TaskKind, TaskInput, TaskOutput, WorkerSetup } from './pool-tasks.js';
import type { TaskMessage, WorkerReply } from './pool-worker.js';

export type { TaskKind, TaskInput, TaskOutput, WorkerSetup } from './pool-tasks.js';

/** A task failed in a worker; the message and error name are the worker's. */
export class PoolTaskError extends Error {
  constructor(message: string, readonly workerErrorName: string) {
    super(message);
    this.name = 'PoolTaskError';
  }
}

export interface PoolOptions {
  /** The scenario every worker loads (once) and keeps. */
  setup: WorkerSetup;
  /** Worker threads; default one per core. */
  workers?: number;
  /**
   * Tasks a worker may hold at once (default 1). 2 keeps a worker busy while the thread that feeds
   * it is itself computing and cannot hand out the next task at once.
   */
  prefetch?: number;
}

/** A running pool; close it when done, or the process stays alive. */
export interface Pool {
  readonly size: number;
  /**
   * Run one task on the next free worker.
   * @example const rows = await pool.run('replications', { indices: [3], behaviour, period: 'total' })
   */
  run<K extends TaskKind>(kind: K, input: TaskInput<K>, onProgress?: (fraction: number) => void, onPart?: (part: unknown) => void): Promise<TaskOutput<K>>;
  /** Stop every worker; tasks still queued are rejected. */
  close(): Promise<void>;
}

interface Pending {
  message: TaskMessage;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (fraction: number) => void;
  onPart?: (part: unknown) => void;
}

/** How a worker thread is started: the bundle itself, or the sources through tsx. */
function spawn(setup: WorkerSetup): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return new Worker(new URL('./worker-boot.mjs', here), { workerData: { entry: new URL('./pool-worker.ts', here).href, setup } });
  }
  return new Worker(new URL(here), { workerData: { reimburseWorker: true, setup } });
}

/**
 * Start a pool of worker threads over one scenario.
 * @example const pool = createPool({ setup: { scenario, file }, workers: 2 }); try { … } finally { await pool.close() }
 */
export function createPool(options: PoolOptions): Pool {
  const size = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const prefetch = Math.max(1, Math.floor(options.prefetch ?? 1));
  const queue: Pending[] = [];
  const held = new Map<Worker, Pending[]>();
  let nextId = 0;
  let closed = false;

  const dispatch = () => {
    while (queue.length > 0) {
      // The worker holding the fewest tasks, if it has room.
      let worker: Worker | undefined;
      for (const [w, tasks] of held) if (tasks.length < prefetch && (worker === undefined || tasks.length < held.get(worker)!.length)) worker = w;
      if (worker === undefined) return;
      const task = queue.shift()!;
      held.get(worker)!.push(task);
      worker.postMessage(task.message);
    }
  };
  const fail = (error: Error) => {
    for (const task of [...[...held.values()].flat(), ...queue.splice(0)]) task.reject(error);
    for (const tasks of held.values()) tasks.length = 0;
  };

  const workers = Array.from({ length: size }, () => {
    const worker = spawn(options.setup);
    held.set(worker, []);
    worker.on('message', (reply: WorkerReply) => {
      const tasks = held.get(worker)!;
      const at = tasks.findIndex((t) => t.message.id === reply.id);
      if (at < 0) return;
      const task = tasks[at];
      if (reply.kind === 'progress') {
        task.onProgress?.(reply.fraction);
        return;
      }
      if (reply.kind === 'part') {
        task.onPart?.(reply.part);
        return;
      }
      tasks.splice(at, 1);
      if (reply.kind === 'done') task.resolve(reply.output);
      else task.reject(new PoolTaskError(reply.message, reply.name));
      dispatch();
    });
    worker.on('error', (error: Error) => {
      closed = true;
      fail(error);
    });
    worker.on('exit', (code) => {
      if (!closed) {
        closed = true;
        fail(new Error(`a worker thread stopped (exit code ${code})`));
      }
    });
    return worker;
  });

  return {
    size,
    run<K extends TaskKind>(kind: K, input: TaskInput<K>, onProgress?: (fraction: number) => void, onPart?: (part: unknown) => void): Promise<TaskOutput<K>> {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      return new Promise<TaskOutput<K>>((resolve, reject) => {
        queue.push({ message: { id: nextId++, kind, input }, resolve: resolve as (output: unknown) => void, reject, onProgress, onPart });
        dispatch();
      });
    },
    async close() {
      closed = true;
      fail(new Error('the worker pool is closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
