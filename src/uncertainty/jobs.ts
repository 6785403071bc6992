/**
 * PSA work as plain data, so the same job runs in this thread, a worker thread, another shard's
 * process or a queue worker on another machine: the designs as raw JSON, the models, the settings
 * and which draws.
 */
import type { PaymentModel } from '../scenario/types.js';
import { scenarioOrThrow, validateScenario } from '../scenario/validate.js';
import { loadPopulationForScenario } from '../population/load-csv.js';
import { Design } from './evaluate.js';
import type { PresetId } from './presets.js';
import { runDraws, type DrawResult, type PsaSettings } from './psa.js';

/** A design as read from its file: raw JSON (before model expansion) and where it came from. */
export interface DesignSpec {
  raw: unknown;
  file: string;
  preset?: PresetId;
  /** Replaces the scenario's `simulation.seed`, as `run --seed` does. */
  seed?: number;
}

export interface PsaJob {
  designs: DesignSpec[];
  models: Record<string, PaymentModel>;
  settings: PsaSettings;
  draws: number[];
}

export interface PsaJobResult {
  keys: string[][];
  results: DrawResult[];
}

/**
 * Designs ready to evaluate; a population CSV is read relative to its scenario file.
 * @example const designs = await designsOf(job.designs, job.models)
 */
export async function designsOf(specs: DesignSpec[], models: Record<string, PaymentModel>): Promise<Design[]> {
  const out: Design[] = [];
  for (const spec of specs) {
    const raw = spec.seed === undefined ? spec.raw : { ...(spec.raw as object), simulation: { ...(spec.raw as { simulation: object }).simulation, seed: spec.seed } };
    const scenario = scenarioOrThrow(validateScenario(raw, { models }), spec.file);
    const population = scenario.population.csv !== undefined ? await loadPopulationForScenario(scenario, spec.file) : undefined;
    out.push(new Design(raw, models, { preset: spec.preset, population }));
  }
  return out;
}

/**
 * Run a job in this thread.
 * @example const { keys, results } = await runJob(job)
 */
export async function runJob(job: PsaJob, onDraw?: (done: number) => void): Promise<PsaJobResult> {
  return runDraws(await designsOf(job.designs, job.models), job.settings, job.draws, onDraw);
}
