/**
 * The `reimburse` command: parse arguments, call the library, format what it returns.
 * Run with `npx tsx src/cli/main.ts run scenarios/x.json` or `bin/reimburse.mjs`.
 */
import { realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import type { Outcome, Prepared, ScenarioRun } from '../run.js';
import { runScenario } from '../run.js';
import type { LongRow } from '../results/summary.js';
import { differences, longRows, metricRows, metricsOf, summarize, toCsv, toJson } from '../results/summary.js';
import { formatIssue, ScenarioError } from '../scenario/issues.js';
import type { Issue } from '../scenario/issues.js';
import { loadModels, loadScenarioFile } from '../scenario/load.js';
import { componentLabels } from '../scenario/texts.js';
import type { Scenario } from '../scenario/types.js';
import type { Population } from '../population/population.js';
import { PopulationCsvError, formatCsvProblem } from '../population/csv.js';
import { loadPopulationForScenario } from '../population/load-csv.js';
import type { CliOptions } from './args.js';
import { USAGE, UsageError, outputFormat, parseArgs } from './args.js';
import { progress } from './progress.js';
import { simulateInParallel, startWorkers } from './parallel.js';
import { compareReport, explainReport, runReport } from './report.js';
import { explainDifference } from '../results/explain.js';
import { incentivesJson, incentivesReport } from './incentives-report.js';
import { analyzeIncentives } from '../behaviour/index.js';
import { calibrateCommand } from './commands/calibrate.js';
import { DEFAULT_DISCOUNT_RATE, presentValueRows } from '../results/discount.js';
import { problemLines, shown, terminalIssue, terminalLine, terminalText } from '../format.js';
import { dashboardOf } from '../results/dashboard.js';
import { reportHtml, reportScenario } from '../report/html.js';
import type { ReportComparison } from '../report/html.js';
import { localText } from '../scenario/texts.js';
import { NEED_GROUP_NAMES_SV, REPORT_TEXT_SV } from '../report/text-sv.js';
import { htmlToPdf } from '../report/pdf.js';
import { uncertaintyCommand } from './commands/index.js';

/** Where the command writes; tests and embedders can pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** A scenario that could not be read or is invalid: exit code 1, every issue listed. */
class InputError extends Error {
  constructor(
    readonly source: string,
    readonly issues: Issue[],
    /** Every problem found; more than `issues` when a huge file's were not all kept. */
    readonly count: number = issues.length,
  ) {
    super(issues.map(formatIssue).join('\n'));
  }
}

/**
 * Run the command line and return the exit code (0 ok, 1 invalid input or failed run, 2 usage).
 * @example process.exitCode = await main(['run', 'scenarios/teaching-wrong-pocket.json', '--reps', '5'])
 */
export async function main(argv: readonly string[], io: CliIo = process): Promise<number> {
  const say = (text: string) => io.stderr.write(`reimburse: ${terminalLine(text)}\n`);
  const uncertainty = uncertaintyCommand(argv, io);
  if (uncertainty) return uncertainty;
  try {
    const { command, files, options } = parseArgs(argv);
    if (options.help || command === undefined) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command === 'validate') return await validate(files, options, io);
    if (command === 'report') return await report(files[0], options, io);
    const text =
      command === 'run'
        ? await run(files[0], options, io)
        : command === 'incentives'
          ? await incentives(files[0], options, io)
          : command === 'calibrate'
            ? await calibrateCommand(files[0], options, { load: (f) => load(f, options, io), populationOf: (s, f) => populationOf(s, f, options), readText: (f) => readFile(f, 'utf8'), stderr: io.stderr })
            : await compare(files, options, io);
    if (options.out) {
      await writeFile(options.out, text);
      if (!options.quiet) say(`wrote ${options.out}`);
    } else io.stdout.write(outputFormat(options) === undefined ? terminalText(text) : text);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      say(error.message);
      return 2;
    }
    if (error instanceof InputError) {
      // Each line is made safe on its own (problemLines), so they are written as they are.
      io.stderr.write(`reimburse: ${problemLines(error.source, error.issues, allProblems(argv), error.count).join('\n')}\n`);
      return 1;
    }
    say(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

/** `--all` as given, also when the rest of the command line could not be parsed. */
function allProblems(argv: readonly string[]): boolean {
  return argv.includes('--all');
}

/** Load a scenario, turning every way it can fail into an InputError naming the file. */
async function load(file: string, options: Pick<CliOptions, 'quiet' | 'allowDir'>, io: CliIo): Promise<Scenario> {
  try {
    return await loadScenarioFile(file, {
      allowDir: options.allowDir,
      onWarning: (w) => !options.quiet && io.stderr.write(`reimburse: warning: ${shown(file)}: ${terminalIssue(w)}\n`),
    });
  } catch (error) {
    if (error instanceof ScenarioError) throw new InputError(errorSource(error) ?? file, error.issues);
    const code = (error as NodeJS.ErrnoException).code;
    const path = (error as NodeJS.ErrnoException).path ?? file;
    if (code === 'ENOENT') throw new InputError(path, [{ path: '', message: 'file not found' }]);
    if (code === 'EISDIR') throw new InputError(path, [{ path: '', message: 'is a folder, not a scenario file' }]);
    if (code === 'EACCES') throw new InputError(path, [{ path: '', message: 'permission denied' }]);
    throw error;
  }
}

/** The file a ScenarioError is about (the scenario, or the models directory when a model is broken). */
function errorSource(error: ScenarioError): string | undefined {
  const header = error.message.split('\n')[0];
  const match = /^(.*): \d+ problems?$/.exec(header);
  return match && error.message.split('\n').length === error.issues.length + 1 ? match[1] : undefined;
}

/** The scenario as run: a seed or replication count from the command line replaces the file's. */
function withSettings(scenario: Scenario, seed: number, replications: number): Scenario {
  return { ...scenario, simulation: { ...scenario.simulation, seed, replications } };
}

interface Evaluated {
  scenario: Scenario;
  prepared: Prepared;
  expected: Outcome;
  expectedRows: LongRow[];
  replicationRows: LongRow[][];
}

/** Person-months (× replications) from which replications are spread over worker threads by default. */
const PARALLEL_FROM = 2e8;

async function evaluate(scenario: Scenario, file: string, options: CliOptions, io: CliIo): Promise<Evaluated> {
  const period = { period: options.period };
  const population = await populationOf(scenario, file, options);
  const reps = scenario.simulation.replications;
  // A worker costs a start-up (loading the bundle and the population): worth it only for long runs.
  const personMonths = population.size * scenario.simulation.years * 12 * reps;
  const threads = options.engine === 'expected' ? 1 : Math.min(options.workers ?? (personMonths >= PARALLEL_FROM ? availableParallelism() : 1), reps);
  // Started now, the workers load while this thread prepares the scenario and settles the behaviour.
  const pool = startWorkers({ scenario, file, population }, threads);
  try {
    // Providers' coordination and intensity as the scenario's behaviour mode says (fixed, equilibrium, adaptive).
    const { prepared, behaviour, expected } = runScenario(scenario, { population });
    const metrics = metricsOf(prepared, expected);
    // Present values next to nominal sums for multi-year runs (src/results/discount.ts).
    const discounted = scenario.simulation.years > 1 ? presentValueRows(metrics, options.discount ?? DEFAULT_DISCOUNT_RATE, 'expected', scenario.id) : [];
    const expectedRows = [...metricRows(metrics, 'expected', scenario.id, period), ...discounted];
    if (options.engine === 'expected') return { scenario, prepared, expected, expectedRows, replicationRows: [] };
    const bar = progress(`simulating ${scenario.id}`, io.stderr, options.quiet);
    try {
      let replicationRows: LongRow[][];
      if (pool) {
        replicationRows = await simulateInParallel({ scenario, file, behaviour, replications: reps, period: options.period, workers: threads, prepared, expected, pool, onProgress: bar.update });
      } else {
        const { replications } = runScenario(scenario, { prepared, behaviour, engine: 'micro', expected, onProgress: bar.update });
        replicationRows = replications.map((o, r) => longRows(prepared, o, r, scenario.id, period));
      }
      bar.done();
      return { scenario, prepared, expected, expectedRows, replicationRows };
    } catch (error) {
      bar.done();
      throw error;
    }
  } finally {
    await pool?.close();
  }
}

function settingsOf(scenario: Scenario, options: CliOptions) {
  return { seed: scenario.simulation.seed, replications: options.engine === 'micro' ? scenario.simulation.replications : 0, engine: options.engine };
}

function describeSettings(s: ReturnType<typeof settingsOf>, scenario: Scenario): string {
  const years = `${scenario.simulation.years} year${scenario.simulation.years === 1 ? '' : 's'} from ${scenario.simulation.start}`;
  return s.engine === 'micro' ? `microsimulation, ${s.replications} replications, seed ${s.seed}, ${years}` : `expected values, ${years}`;
}

async function run(file: string, options: CliOptions, io: CliIo): Promise<string> {
  const loaded = await load(file, options, io);
  const scenario = withSettings(loaded, options.seed ?? loaded.simulation.seed, options.reps ?? loaded.simulation.replications);
  const result = await evaluate(scenario, file, options, io);
  const micro = options.engine === 'micro';
  const summary = summarize(micro ? result.replicationRows : [result.expectedRows]);
  const rows = [...result.expectedRows, ...result.replicationRows.flat()];
  const settings = settingsOf(scenario, options);
  const format = outputFormat(options);
  if (format === 'csv') return toCsv(options.rows ? rows : summary);
  if (format === 'json') {
    const expected = metricsOf(result.prepared, result.expected);
    const analysis = options.noIncentives ? {} : incentivesJson(analyzeIncentives(result.prepared, 0));
    return `${toJson({ scenario: { id: scenario.id, title: scenario.title }, settings, expected, summary, ...analysis, ...(options.rows ? { rows } : {}) }, 2)}\n`;
  }
  return `${runReport({ title: `${scenario.title} (${scenario.id})`, settings: describeSettings(settings, scenario), expected: result.expectedRows, summary: micro ? summary : undefined })}\n`;
}

async function compare(files: string[], options: CliOptions, io: CliIo): Promise<string> {
  const loaded: Scenario[] = [];
  for (const file of files) loaded.push(await load(file, options, io));
  // Common random numbers: every scenario runs with the same seed and replications as the first.
  const seed = options.seed ?? loaded[0].simulation.seed;
  const reps = options.reps ?? loaded[0].simulation.replications;
  const results: Evaluated[] = [];
  for (const [i, s] of loaded.entries()) {
    const scenario = withSettings(s, seed, reps);
    results.push(await evaluate(scenario, files[i], options, io));
  }
  const repsOf = (r: Evaluated) => (options.engine === 'micro' ? r.replicationRows : [r.expectedRows]);
  const [base, ...others] = results;
  const diffs = others.map((r) => differences(repsOf(base), repsOf(r)));
  const settings = settingsOf(base.scenario, options);
  const format = outputFormat(options);
  const explainRun = (r: Evaluated) => ({ prepared: r.prepared, behaviour: r.expected.behaviour, expected: r.expected, replicationRows: options.engine === 'micro' ? r.replicationRows : undefined });
  const explanations = options.explain ? others.map((r) => explainDifference(explainRun(base), explainRun(r))) : undefined;
  if (format === 'csv') return toCsv(options.rows ? results.flatMap((r) => [...r.expectedRows, ...r.replicationRows.flat()]) : diffs.flat());
  if (format === 'json') {
    const payload = {
      scenarios: results.map((r, i) => ({ id: r.scenario.id, title: r.scenario.title, file: files[i] })),
      settings,
      baseline: base.scenario.id,
      summary: results.flatMap((r) => summarize(repsOf(r))),
      differences: diffs.flat(),
      ...(explanations ? { explanations } : {}),
      ...(options.rows ? { rows: results.flatMap((r) => [...r.expectedRows, ...r.replicationRows.flat()]) } : {}),
    };
    return `${toJson(payload, 2)}\n`;
  }
  const paired = options.engine === 'micro' ? `${reps} paired replications, seed ${seed}` : 'expected values';
  const reports = others.map((r, i) => compareReport(`${r.scenario.title} (${files[i + 1]}) − ${base.scenario.title} (${files[0]})`, paired, diffs[i]));
  if (explanations) return `${reports.map((r, i) => `${r}\n\n${explainReport(explanations[i])}`).join('\n\n')}\n`;
  return `${reports.join('\n\n')}\n`;
}

/** The scenario's population: its CSV file read relative to the scenario, or synthetic. */
async function populationOf(scenario: Scenario, file: string, options: Pick<CliOptions, 'allowDir'>): Promise<Population> {
  try {
    return await loadPopulationForScenario(scenario, file, { allowDir: options.allowDir });
  } catch (error) {
    if (error instanceof ScenarioError) throw new InputError(file, error.issues);
    if (error instanceof PopulationCsvError) {
      throw new InputError(file, error.problems.map((p) => ({ path: 'population.csv', message: formatCsvProblem(p, error.source) })), error.count);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(file, [{ path: 'population.csv', message: `file not found: ${(error as NodeJS.ErrnoException).path}` }]);
    throw error;
  }
}

async function incentives(file: string, options: CliOptions, io: CliIo): Promise<string> {
  const scenario = await load(file, options, io);
  if (options.year >= scenario.simulation.years) throw new UsageError(`--year ${options.year}: the scenario runs ${scenario.simulation.years} year(s) (0–${scenario.simulation.years - 1})`);
  const { prepared } = runScenario(scenario, { population: await populationOf(scenario, file, options), mode: 'fixed' });
  const report = analyzeIncentives(prepared, options.year);
  if (outputFormat(options) === 'json') return `${toJson({ scenario: { id: scenario.id, title: scenario.title }, ...incentivesJson(report) }, 2)}\n`;
  return `${incentivesReport(`${scenario.title} (${scenario.id})`, report)}\n`;
}

/** `reimburse report`: the printable report as HTML (stdout or --out), or as PDF with --pdf. */
async function report(file: string, options: CliOptions, io: CliIo): Promise<number> {
  const loaded = await load(file, options, io);
  const scenario = withSettings(loaded, options.seed ?? loaded.simulation.seed, options.reps ?? loaded.simulation.replications);
  if (options.year >= scenario.simulation.years) throw new UsageError(`--year ${options.year}: the scenario runs ${scenario.simulation.years} year(s) (0–${scenario.simulation.years - 1})`);
  const micro = options.engine === 'micro';
  const bar = micro ? progress(`simulating ${scenario.id}`, io.stderr, options.quiet) : undefined;
  let run: ScenarioRun;
  try {
    run = runScenario(scenario, { population: await populationOf(scenario, file, options), engine: options.engine, onProgress: bar?.update });
  } finally {
    bar?.done();
  }
  const { prepared, expected, replications } = run;
  const dashboard = dashboardOf(prepared, { expected, replications, seed: scenario.simulation.seed });
  const comparison = options.base ? await reportComparison(options.base, run, options, io) : undefined;
  const analysis = options.noIncentives ? undefined : analyzeIncentives(prepared, options.year);
  const swedish = options.lang === 'sv';
  // Components from payment models get the model's label in the report's language; the file as
  // written (with its model references) says which model each came from.
  const labels = swedish ? componentLabels(JSON.parse(await readFile(file, 'utf8')), await loadModels(), 'sv') : {};
  const html = reportHtml({
    scenario: reportScenario(loaded, options.lang),
    text: swedish ? REPORT_TEXT_SV : undefined,
    groupNames: swedish ? NEED_GROUP_NAMES_SV : undefined,
    dashboard: { ...dashboard, names: { ...dashboard.names, ...labels } },
    incentives: analysis && { year: analysis.year, rows: analysis.incentives, gap: analysis.gap },
    comparison,
  });
  if (!options.pdf) {
    if (!options.out) {
      io.stdout.write(html);
      return 0;
    }
    await writeFile(options.out, html);
  } else {
    const out = options.out ?? `${scenario.id}.pdf`;
    await writeFile(out, await htmlToPdf(html));
    options.out = out;
  }
  if (!options.quiet) io.stderr.write(`reimburse: wrote ${options.out}\n`);
  return 0;
}

/** The report's comparison section: the base run with the same seed and replications, and why the two differ. */
async function reportComparison(file: string, variant: ScenarioRun, options: CliOptions, io: CliIo): Promise<ReportComparison> {
  const loaded = await load(file, options, io);
  const { seed, replications } = variant.scenario.simulation;
  const scenario = withSettings(loaded, seed, replications);
  const base = runScenario(scenario, { population: await populationOf(scenario, file, options), engine: options.engine });
  const rows = (r: ScenarioRun) => (r.replications.length > 0 ? r.replications.map((o, i) => longRows(r.prepared, o, i, r.scenario.id)) : undefined);
  const explanation = explainDifference({ ...base, replicationRows: rows(base) }, { ...variant, replicationRows: rows(variant) });
  return { baseTitle: localText(loaded, 'title', options.lang) ?? loaded.title, explanation };
}

/** One file's answer from `validate`: its problems (none when valid). */
interface Checked {
  file: string;
  ok: boolean;
  errors: Issue[];
  /** Every problem found (more than `errors` when a huge file's were not all kept). */
  count: number;
}

/** Check one file; whatever goes wrong is that file's problem, never the end of the command. */
async function check(file: string, options: CliOptions, io: CliIo): Promise<Checked> {
  try {
    const scenario = await load(file, options, io);
    // The population CSV is part of the scenario: check its rows too (building it is cheap next to a run).
    if (scenario.population.csv !== undefined) await populationOf(scenario, file, options);
    return { file, ok: true, errors: [], count: 0 };
  } catch (error) {
    if (error instanceof InputError) return { file, ok: false, errors: error.issues, count: error.count };
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { file, ok: false, errors: [{ path: '', message: `could not be checked (${text})` }], count: 1 };
  }
}

/** `reimburse validate a.json b.json …`: every file checked and reported; exit 0 only if all are valid. */
async function validate(files: string[], options: CliOptions, io: CliIo): Promise<number> {
  const results: Checked[] = [];
  for (const file of files) {
    const result = await check(file, options, io);
    results.push(result);
    if (options.format === 'json') continue;
    io.stdout.write(result.ok ? `ok ${shown(file)}\n` : `${problemLines(file, result.errors, options.all, result.count).join('\n')}\n`);
  }
  const invalid = results.filter((r) => !r.ok).length;
  if (options.format === 'json') {
    const payload = results.map((r) => ({ file: r.file, ok: r.ok, problems: r.count, errors: r.errors.map(({ path, message }) => ({ path, message })) }));
    io.stdout.write(`${JSON.stringify({ valid: files.length - invalid, invalid, files: payload }, null, 2)}\n`);
  }
  if (invalid > 0 && !options.quiet) io.stderr.write(`reimburse: ${invalid} of ${files.length} file${files.length === 1 ? '' : 's'} invalid\n`);
  return invalid > 0 ? 1 : 0;
}

function isEntry(): boolean {
  // A worker thread started on the CLI bundle has it as argv[1] too; it is not the command line.
  if (!isMainThread) return false;
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  // `reimburse run … | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
