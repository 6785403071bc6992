/**
 * What the uncertainty commands (tornado, sweep, psa, merge, worker) share: their own options
 * (repeatable --param with its range), reading designs as raw JSON, writing JSON/CSV/tables, and
 * turning failures into the exit codes of `reimburse` (1 invalid input or failed run, 2 usage).
 */
import { DRAW_BEHAVIOURS, type DrawBehaviour } from '../../uncertainty/behaviour.js';
import { readFile, writeFile } from 'node:fs/promises';
import type { CliIo } from '../main.js';
import { UsageError } from '../args.js';
import { formatIssue, ScenarioError } from '../../scenario/issues.js';
import { loadModels, loadScenarioFile } from '../../scenario/load.js';
import { PopulationCsvError, formatCsvProblem } from '../../population/csv.js';
import { PRESETS, type PresetId } from '../../uncertainty/presets.js';
import type { DesignSpec } from '../../uncertainty/jobs.js';
import type { PaymentModel } from '../../scenario/types.js';

export interface RangeOption {
  path: string;
  from?: number;
  to?: number;
  steps?: number;
}

export interface CommandOptions {
  files: string[];
  measure?: string;
  params: RangeOption[];
  draws?: number;
  seed?: number;
  format?: 'json' | 'csv';
  out?: string;
  shard?: { index: number; count: number };
  shards?: number;
  queue?: string;
  engine: 'expected' | 'micro';
  reps?: number;
  workers?: number;
  preset?: PresetId;
  /** psa: how each draw sets the providers' behaviour (src/uncertainty/behaviour.ts). */
  behaviour?: DrawBehaviour;
  gap: boolean;
  quiet: boolean;
  help: boolean;
}

type Flag = 'measure' | 'param' | 'from' | 'to' | 'steps' | 'draws' | 'seed' | 'format' | 'out' | 'shard' | 'shards' | 'queue' | 'engine' | 'reps' | 'workers' | 'preset' | 'behaviour' | 'no-gap' | 'quiet' | 'help';
const VALUE: readonly Flag[] = ['measure', 'param', 'from', 'to', 'steps', 'draws', 'seed', 'format', 'out', 'shard', 'shards', 'queue', 'engine', 'reps', 'workers', 'preset', 'behaviour'];

function num(flag: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${flag}: '${v}' is not a number`);
  return n;
}

function whole(flag: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new UsageError(`--${flag}: '${v}' is not a whole number from ${min} to ${max}`);
  return n;
}

/**
 * Parse a command's arguments (everything after its name); `allowed` are the flags it takes.
 * @example parseCommand('sweep', ['a.json', '--param', 'care.substitution', '--from', '0', '--to', '1', '--steps', '5'], ['param', 'from', 'to', 'steps'])
 */
export function parseCommand(command: string, argv: readonly string[], allowed: readonly Flag[]): CommandOptions {
  const o: CommandOptions = { files: [], params: [], engine: 'expected', gap: true, quiet: false, help: false };
  const all: readonly Flag[] = [...allowed, 'quiet', 'help'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') {
      o.files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const raw = eq > 0 ? arg.slice(0, eq) : arg;
    const name = (raw === '-q' ? 'quiet' : raw === '-h' ? 'help' : raw.startsWith('--') ? raw.slice(2) : '') as Flag;
    if (!all.includes(name)) throw new UsageError(`option '${raw}' does not apply to '${command}' (see reimburse --help)`);
    let v = '';
    if (VALUE.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      v = value;
    } else if (eq > 0) throw new UsageError(`--${name} takes no value`);
    const last = () => {
      const p = o.params[o.params.length - 1];
      if (p === undefined) throw new UsageError(`--${name} must follow the --param it belongs to`);
      return p;
    };
    switch (name) {
      case 'measure':
        o.measure = v;
        break;
      case 'param':
        if (o.params.length === 2) throw new UsageError('at most two --param (a two-way grid)');
        o.params.push({ path: v });
        break;
      case 'from':
        last().from = num(name, v);
        break;
      case 'to':
        last().to = num(name, v);
        break;
      case 'steps':
        last().steps = whole(name, v, 1, 1000);
        break;
      case 'draws':
        o.draws = whole(name, v, 1, 1_000_000);
        break;
      case 'seed':
        o.seed = whole(name, v, 0, 2 ** 32 - 1);
        break;
      case 'format':
        if (v !== 'json' && v !== 'csv') throw new UsageError(`--format: '${v}' is not one of json, csv`);
        o.format = v;
        break;
      case 'out':
        if (v === '') throw new UsageError('--out needs a file name');
        o.out = v;
        break;
      case 'shard': {
        const m = /^(\d+)\/(\d+)$/.exec(v);
        const index = m ? Number(m[1]) : NaN;
        const count = m ? Number(m[2]) : NaN;
        if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard: '${v}' is not i/N with 1 ≤ i ≤ N`);
        o.shard = { index, count };
        break;
      }
      case 'shards':
        o.shards = whole(name, v, 1, 10_000);
        break;
      case 'queue':
        if (!/^rediss?:\/\/[^/\s]+/.test(v)) throw new UsageError(`--queue: '${v}' is not redis://HOST:PORT`);
        o.queue = v;
        break;
      case 'engine':
        if (v !== 'expected' && v !== 'micro') throw new UsageError(`--engine: '${v}' is not one of expected, micro`);
        o.engine = v;
        break;
      case 'reps':
        o.reps = whole(name, v, 1, 10_000);
        break;
      case 'workers':
        o.workers = whole(name, v, 1, 256);
        break;
      case 'preset':
        if (!(PRESETS as readonly string[]).includes(v)) throw new UsageError(`--preset: '${v}' is not one of ${PRESETS.join(', ')}`);
        o.preset = v as PresetId;
        break;
      case 'behaviour':
        if (!(DRAW_BEHAVIOURS as readonly string[]).includes(v)) throw new UsageError(`--behaviour: '${v}' is not one of ${DRAW_BEHAVIOURS.join(', ')}`);
        o.behaviour = v as DrawBehaviour;
        break;
      case 'no-gap':
        o.gap = false;
        break;
      case 'quiet':
        o.quiet = true;
        break;
      case 'help':
        o.help = true;
        break;
      default:
        break;
    }
  }
  return o;
}

/**
 * The output format: asked for, implied by --out's extension, or none (a table).
 * @example formatOf({ out: 'x.csv' }) // 'csv'
 */
export function formatOf(o: Pick<CommandOptions, 'format' | 'out'>): 'json' | 'csv' | undefined {
  if (o.format) return o.format;
  if (o.out) return o.out.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
  return undefined;
}

/** A scenario that could not be read or is invalid: exit code 1, every issue listed. */
export class InputError extends Error {
  constructor(
    readonly source: string,
    readonly lines: string[],
  ) {
    super(lines.join('\n'));
  }
}

/**
 * A design read for analysis: validated as `run` would (every problem reported), kept as raw JSON.
 * @example const spec = await readDesign('scenarios/a.json')
 */
export async function readDesign(file: string, preset?: PresetId): Promise<DesignSpec> {
  try {
    await loadScenarioFile(file);
    return { raw: JSON.parse(await readFile(file, 'utf8')) as unknown, file, ...(preset ? { preset } : {}) };
  } catch (error) {
    if (error instanceof ScenarioError) throw new InputError(file, error.issues.map(formatIssue));
    if (error instanceof PopulationCsvError) throw new InputError(file, error.problems.map((p) => formatCsvProblem(p, error.source)));
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(file, ['file not found']);
    throw error;
  }
}

/** Models of the repository, read once per command. */
export function models(): Promise<Record<string, PaymentModel>> {
  return loadModels();
}

/**
 * Write a command's text to --out or stdout; returns the exit code.
 * @example return emit(text, options, io)
 */
export async function emit(text: string, o: Pick<CommandOptions, 'out' | 'quiet'>, io: CliIo): Promise<number> {
  if (o.out) {
    await writeFile(o.out, text);
    if (!o.quiet) io.stderr.write(`reimburse: wrote ${o.out}\n`);
  } else io.stdout.write(text);
  return 0;
}

/**
 * Run a command body, turning usage and input errors into exit codes 2 and 1 with one message.
 * @example return guarded(io, () => tornadoCommand(argv, io))
 */
export async function guarded(io: CliIo, body: () => Promise<number>): Promise<number> {
  const say = (text: string) => io.stderr.write(`reimburse: ${text}\n`);
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      say(error.message);
      return 2;
    }
    if (error instanceof InputError) {
      say(error.lines.length === 1 ? `${error.source}: ${error.lines[0]}` : `${error.source}: ${error.lines.length} problems:\n  ${error.lines.join('\n  ')}`);
      return 1;
    }
    say(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
