/**
 * The sensitivity and uncertainty commands, each in its own file; main.ts hands them their
 * arguments before its own parser sees them. Loaded only when called, so other commands start as
 * fast as before.
 */
import type { CliIo } from '../main.js';

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  tornado: async () => (await import('./tornado.js')).tornadoCommand,
  sweep: async () => (await import('./sweep.js')).sweepCommand,
  psa: async () => (await import('./psa.js')).psaCommand,
  merge: async () => (await import('./merge.js')).mergeCommand,
  worker: async () => (await import('./worker.js')).workerCommand,
};

/**
 * Run an uncertainty command, or undefined when `argv` names another command.
 * @example const code = await uncertaintyCommand(['tornado', 'a.json'], process)
 */
export function uncertaintyCommand(argv: readonly string[], io: CliIo): Promise<number> | undefined {
  const load = Object.hasOwn(COMMANDS, argv[0] ?? '') ? COMMANDS[argv[0]] : undefined;
  if (load === undefined) return undefined;
  return (async () => {
    const { guarded } = await import('./common.js');
    return guarded(io, async () => (await load())(argv.slice(1), io));
  })();
}
