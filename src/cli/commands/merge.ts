/**
 * `reimburse merge s1.json … --out all.json`: PSA shards combined into exactly the output of the
 * unsharded run.
 */
import { readFile } from 'node:fs/promises';
import type { CliIo } from '../main.js';
import { UsageError } from '../args.js';
import { mergeShards, type PsaShard } from '../../uncertainty/psa.js';
import { emit, formatOf, InputError, parseCommand } from './common.js';
import { psaText } from './psa.js';

/** @example process.exitCode = await mergeCommand(['s1.json', 's2.json', '--out', 'all.json'], process) */
export async function mergeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const o = parseCommand('merge', argv, ['measure', 'format', 'out']);
  if (o.files.length === 0) throw new UsageError('merge takes the shard files of one psa run');
  const shards: PsaShard[] = [];
  for (const file of o.files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new InputError(file, ['file not found']);
    }
    try {
      shards.push(JSON.parse(text) as PsaShard);
    } catch {
      throw new InputError(file, ['not a PSA shard file (not JSON)']);
    }
  }
  let result;
  try {
    result = mergeShards(shards);
  } catch (error) {
    throw new InputError(o.files.join(' '), [(error as Error).message]);
  }
  return emit(psaText(result, formatOf(o), o.measure), o, io);
}
