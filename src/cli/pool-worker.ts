/**
 * The worker side of src/cli/pool.ts: keeps one context (scenario, population, prepared model)
 * for its whole life and runs one task at a time from the pool's queue.
 */
import type { Transferable } from 'node:worker_threads';
import { parentPort, workerData } from 'node:worker_threads';
import type { TaskKind, TaskSend, WorkerSetup } from './pool-tasks.js';
import { TASKS, workerContext } from './pool-tasks.js';

/** A task sent to a worker. */
export interface TaskMessage {
  id: number;
  kind: TaskKind;
  input: unknown;
}

/** What a worker sends back: progress and parts of the result as it goes, then the task's output or its error. */
export type WorkerReply =
  | { id: number; kind: 'progress'; fraction: number }
  | { id: number; kind: 'part'; part: unknown }
  | { id: number; kind: 'done'; output: unknown }
  | { id: number; kind: 'error'; message: string; name: string };

type AnyTask = (ctx: ReturnType<typeof workerContext>, input: unknown, progress: (fraction: number) => void, send: TaskSend) => Promise<unknown>;

/**
 * Serve the pool from this worker thread: called once, at the thread's start.
 * @example if (!isMainThread) servePool()
 */
export function servePool(): void {
  const port = parentPort!;
  const context = workerContext((workerData as { setup: WorkerSetup }).setup);
  port.on('message', async ({ id, kind, input }: TaskMessage) => {
    try {
      const progress = (fraction: number) => port.postMessage({ id, kind: 'progress', fraction } satisfies WorkerReply);
      const send = (part: unknown, transfer: Transferable[] = []) => port.postMessage({ id, kind: 'part', part } satisfies WorkerReply, transfer);
      const output = await (TASKS[kind] as AnyTask)(context, input, progress, send);
      port.postMessage({ id, kind: 'done', output } satisfies WorkerReply);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ id, kind: 'error', message: e.message, name: e.name } satisfies WorkerReply);
    }
  });
}
