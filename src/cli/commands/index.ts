/**
 * The sensitivity and uncertainty commands, each in its own file; main.ts hands them their
 * arguments before its own parser sees them. Static imports: the CLI bundle tree-shakes mathjs
 * only through static ones (bin/build-cli.mjs).
 */
import type { CliIo } from '../main.js';
import { guarded } from './common.js';
import { mergeCommand } from './merge.js';
import { psaCommand } from './psa.js';
import { sweepCommand } from './sweep.js';
import { tornadoCommand } from './tornado.js';
import { workerCommand } from './worker.js';

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  tornado: tornadoCommand,
  sweep: sweepCommand,
  psa: psaCommand,
  merge: mergeCommand,
  worker: workerCommand,
};

/**
 * Run an uncertainty command, or undefined when `argv` names another command.
 * @example const code = await uncertaintyCommand(['tornado', 'a.json'], process)
 */
export function uncertaintyCommand(argv: readonly string[], io: CliIo): Promise<number> | undefined {
  const run = Object.hasOwn(COMMANDS, argv[0] ?? '') ? COMMANDS[argv[0]] : undefined;
  return run && guarded(io, () => run(argv.slice(1), io));
}
