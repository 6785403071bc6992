/**
 * `reimburse worker --queue redis://HOST:PORT`: take PSA shards from the queue until stopped
 * (Ctrl-C or SIGTERM finishes the shard in hand, then exits).
 */
import type { CliIo } from '../main.js';
import { UsageError } from '../args.js';
import { emit, parseCommand } from './common.js';
import { startQueueWorker } from '../../uncertainty/queue.js';

/** @example process.exitCode = await workerCommand(['--queue', 'redis://127.0.0.1:6379'], process) */
export async function workerCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const o = parseCommand('worker', argv, ['queue']);
  if (!o.queue) throw new UsageError('worker needs --queue redis://HOST:PORT');
  if (o.files.length > 0) throw new UsageError(`worker takes no files, got ${o.files.length}`);
  const worker = startQueueWorker(o.queue, (s) => !o.quiet && io.stderr.write(`reimburse: worker: shard ${s.index}/${s.count} done\n`));
  await worker.waitUntilReady();
  if (!o.quiet) io.stderr.write(`reimburse: worker: waiting for PSA shards on ${o.queue}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await worker.close();
  return emit('', { quiet: true }, io);
}
