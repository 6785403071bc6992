/**
 * Command-line arguments of `reimburse`: which command, which files, which options. Anything the
 * parser does not know is a usage error (exit code 2), never silently ignored.
 */
import type { Period } from '../results/summary.js';
import { MAX_REPLICATIONS } from '../scenario/validate.js';
import { UNCERTAINTY_USAGE } from './commands/usage.js';

export const COMMANDS = ['run', 'compare', 'validate', 'incentives', 'calibrate', 'report'] as const;
export type Command = (typeof COMMANDS)[number];
export type Engine = 'expected' | 'micro';
export type Format = 'json' | 'csv';

export interface CliOptions {
  engine: Engine;
  /** Replications; default: the scenario's `simulation.replications`. */
  reps?: number;
  /** Seed; default: the (first) scenario's `simulation.seed`. */
  seed?: number;
  /** Output format; default: a table on stdout, or from the extension of `out`. */
  format?: Format;
  out?: string;
  period: Period;
  /** Include the replication-level long rows in JSON/CSV output. */
  rows: boolean;
  /** Leave the incentive table and coordination gap out of run's JSON (they take a solve). */
  noIncentives: boolean;
  /** Worker threads for replications; default: one per core. */
  workers?: number;
  /** report: render the HTML report to PDF with headless Chromium. */
  pdf: boolean;
  /** report: the report's language. */
  lang: 'en' | 'sv';
  /** Year of the run whose design the incentive analysis looks at (0 = the first). */
  year: number;
  /** run: yearly discount rate for present values (default 3 %). */
  discount?: number;
  /** calibrate: a CSV of the user's own targets (measure, group, value, tolerance, source). */
  targets?: string;
  /** calibrate: adjust the base rates to the targets (bounded least squares) and report what moved. */
  fit: boolean;
  quiet: boolean;
  help: boolean;
  /** List every problem of an invalid file, not only the first ones. */
  all: boolean;
  /** A folder besides the scenario's own from which files a scenario names may be read. */
  allowDir?: string;
  /** compare: take each difference apart (src/results/explain.ts). */
  explain: boolean;
  /** report: the base scenario to explain this one's difference from (the comparison section). */
  base?: string;
}

export interface ParsedArgs {
  command?: Command;
  files: string[];
  options: CliOptions;
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: reimburse <command> [options]

Commands:
  run <scenario.json>               run a scenario and summarize payments, margins and outcomes
  compare <a.json> <b.json> [...]   run scenarios with the same seed; differences vs the first
  validate <scenario.json>...       check scenario files and list every problem
  incentives <scenario.json>        is coordination worth each provider's while? equilibrium,
                                    optimum, incentive table, coordination gap, selection
  calibrate <scenario.json>         calibration targets from the sources next to the model's values,
                                    each checked only on the population it is about
  report <scenario.json>            a printable report (HTML, or PDF with --pdf): the scenario, its
                                    design, charts, outcomes, incentive table, gap and sources

Options (run, compare):
  --engine expected|micro   expected values only, or also the microsimulation (default: micro)
  --reps N                  replications (default: the scenario's simulation.replications)
  --seed S                  seed, 0 – 4294967295 (default: the scenario's simulation.seed)
  --format json|csv         write JSON or CSV instead of a table (default: from --out's extension)
  --out FILE                write to FILE instead of stdout
  --period month|year|total add per-month or per-year rows to totals (default: total)
  --rows                    also write every replication's long rows (JSON/CSV)
  --no-incentives           run: leave the incentive table and gap out of JSON output
  --workers N               replications on N worker threads (default: one per core for long runs)
  --discount R              run: yearly discount rate of the present values shown next to
                            nominal sums for runs over a year (default 0.03, TLV 2017)
  --explain                 compare: why each difference: the payment component by component at
                            the base's behaviour, then the providers' response, then chance
                            events (bars in öre that add up to the difference)
Options (incentives):
  --year N                  the year of the run whose payment design to analyse (default 0)
  --format json             write JSON instead of tables
Options (calibrate): --reps, --seed, --format json, --out as above, and
  --targets FILE            your own targets: a CSV of measure,group,value,tolerance,source
                            (measure and group as --format json lists them), with a fit table
  --fit                     adjust the base rates to the targets (bounded least squares)
Options (report): --engine, --reps, --seed, --year, --no-incentives as above, and
  --out FILE                write the report to FILE (default: HTML on stdout; <id>.pdf with --pdf)
  --pdf                     render to PDF with headless Chromium (/usr/bin/chromium)
  --lang en|sv              the report's language (default en); a scenario's Swedish texts are used
  --base FILE               add a comparison with FILE as the base: why the difference
Options (validate):
  --format json             every file's problems as JSON (all of them)
Options (all):
  --all                     list every problem of an invalid file (default: the first 20, and a count)
  --allow-dir DIR           also read files a scenario names (its population CSV) from DIR; by
                            default only from the scenario's own folder
  -q, --quiet               nothing on stderr but errors
  -h, --help                this text

${UNCERTAINTY_USAGE}

Exit codes: 0 ok, 1 invalid scenario or failed run, 2 usage error.`;

type FlagName = 'engine' | 'reps' | 'seed' | 'format' | 'out' | 'period' | 'rows' | 'quiet' | 'help' | 'no-incentives' | 'year' | 'workers' | 'pdf' | 'lang' | 'targets' | 'fit' | 'all' | 'allow-dir' | 'discount' | 'explain' | 'base';
const VALUE_FLAGS: readonly FlagName[] = ['engine', 'reps', 'seed', 'format', 'out', 'period', 'year', 'workers', 'lang', 'targets', 'allow-dir', 'discount', 'base'];
const ALIASES: Record<string, FlagName> = { '-q': 'quiet', '-h': 'help' };
/** Flags every command takes: how problems are listed and where a scenario's files may be. */
const INPUT_FLAGS: readonly FlagName[] = ['all', 'allow-dir', 'quiet', 'help'];
const ALLOWED: Record<Command, readonly FlagName[]> = {
  run: ['engine', 'reps', 'seed', 'format', 'out', 'period', 'rows', 'no-incentives', 'workers', 'discount', ...INPUT_FLAGS],
  compare: ['engine', 'reps', 'seed', 'format', 'out', 'period', 'rows', 'workers', 'explain', ...INPUT_FLAGS],
  validate: ['format', ...INPUT_FLAGS],
  incentives: ['year', 'format', 'out', ...INPUT_FLAGS],
  calibrate: ['reps', 'seed', 'format', 'out', 'targets', 'fit', ...INPUT_FLAGS],
  report: ['engine', 'reps', 'seed', 'year', 'out', 'no-incentives', 'pdf', 'lang', 'base', ...INPUT_FLAGS],
};
const EVERY_FLAG: readonly FlagName[] = [...new Set(Object.values(ALLOWED).flat())];

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag}: '${value}' is not one of ${allowed.join(', ')}`);
  return value as T;
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${flag}: '${value}' is not a whole number from ${min} to ${max}`);
  return n;
}

/**
 * Parse `process.argv.slice(2)`; throws UsageError naming the offending argument.
 * @example parseArgs(['run', 'a.json', '--reps', '10']).options.reps // 10
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = { engine: 'micro', period: 'total', rows: false, noIncentives: false, pdf: false, lang: 'en', year: 0, fit: false, quiet: false, help: false, all: false, explain: false };
  const files: string[] = [];
  const seen: FlagName[] = [];
  let command: Command | undefined;
  let flagsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (flagsDone || !arg.startsWith('-') || arg === '-') {
      if (command === undefined && !flagsDone) command = oneOfCommand(arg);
      else files.push(arg);
      continue;
    }
    if (arg === '--') {
      flagsDone = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const raw = eq > 0 ? arg.slice(0, eq) : arg;
    const name = ALIASES[raw] ?? (raw.startsWith('--') ? (raw.slice(2) as FlagName) : undefined);
    if (name === undefined || !(EVERY_FLAG as readonly string[]).includes(name)) throw new UsageError(`unknown option '${raw}' (see reimburse --help)`);
    let value: string | undefined;
    if (VALUE_FLAGS.includes(name)) {
      value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    } else if (eq > 0) throw new UsageError(`--${name} takes no value`);
    seen.push(name);
    applyFlag(options, name, value);
  }
  if (options.help) return { command, files, options };
  if (command === undefined) throw new UsageError(`no command given (${COMMANDS.join(', ')}; see reimburse --help)`);
  const misplaced = seen.find((f) => !ALLOWED[command!].includes(f));
  if (misplaced) throw new UsageError(`option '--${misplaced}' does not apply to '${command}'`);
  checkFiles(command, files);
  if (command === 'validate' && options.format === 'csv') throw new UsageError('--format csv does not apply to validate (use json)');
  return { command, files, options };
}

function oneOfCommand(arg: string): Command {
  if (!(COMMANDS as readonly string[]).includes(arg)) throw new UsageError(`unknown command '${arg}' (expected ${COMMANDS.join(', ')})`);
  return arg as Command;
}

function applyFlag(options: CliOptions, name: FlagName, value: string | undefined): void {
  const v = value ?? '';
  switch (name) {
    case 'engine':
      options.engine = oneOf(name, v, ['expected', 'micro'] as const);
      break;
    case 'reps':
      options.reps = integer(name, v, 1, MAX_REPLICATIONS);
      break;
    case 'seed':
      options.seed = integer(name, v, 0, 2 ** 32 - 1);
      break;
    case 'format':
      options.format = oneOf(name, v, ['json', 'csv'] as const);
      break;
    case 'out':
      if (v === '') throw new UsageError('--out needs a file name');
      options.out = v;
      break;
    case 'period':
      options.period = oneOf(name, v, ['month', 'year', 'total'] as const);
      break;
    case 'year':
      options.year = integer(name, v, 0, 29);
      break;
    case 'workers':
      options.workers = integer(name, v, 1, 256);
      break;
    case 'no-incentives':
      options.noIncentives = true;
      break;
    case 'pdf':
      options.pdf = true;
      break;
    case 'discount': {
      const rate = Number(v);
      if (!/^\d*\.?\d+$/.test(v) || rate > 0.5) throw new UsageError(`--discount: '${v}' is not a yearly rate from 0 to 0.5 (e.g. 0.03)`);
      options.discount = rate;
      break;
    }
    case 'targets':
      if (v === '') throw new UsageError('--targets needs a file name');
      options.targets = v;
      break;
    case 'lang':
      options.lang = oneOf(name, v, ['en', 'sv'] as const);
      break;
    case 'allow-dir':
      if (v === '') throw new UsageError('--allow-dir needs a folder');
      options.allowDir = v;
      break;
    case 'base':
      if (v === '') throw new UsageError('--base needs a scenario file');
      options.base = v;
      break;
    default:
      options[name] = true;
  }
}

function checkFiles(command: Command, files: string[]): void {
  if (command === 'run' && files.length !== 1) throw new UsageError(`run takes one scenario file, got ${files.length}`);
  if (command === 'compare' && files.length < 2) throw new UsageError(`compare takes at least two scenario files, got ${files.length}`);
  if (command === 'validate' && files.length === 0) throw new UsageError('validate takes at least one scenario file');
  if (command === 'calibrate' && files.length !== 1) throw new UsageError(`calibrate takes one scenario file, got ${files.length}`);
  if (command === 'report' && files.length !== 1) throw new UsageError(`report takes one scenario file, got ${files.length}`);
  if (command === 'incentives' && files.length !== 1) throw new UsageError(`incentives takes one scenario file, got ${files.length}`);
}

/**
 * The output format: asked for, or implied by the file name, or none (a table on stdout).
 * @example outputFormat({ ...options, out: 'results.csv' }) // 'csv'
 */
export function outputFormat(options: CliOptions): Format | undefined {
  if (options.format) return options.format;
  if (options.out) return options.out.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
  return undefined;
}
