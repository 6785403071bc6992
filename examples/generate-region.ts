/**
 * Writes examples/region-population.csv: the synthetic population of examples/region.json, one row
 * per person, with a `score` column standing for a region's own risk scores.
 *
 * A person's score is the synthetic case-mix weight w of their cell (src/engine/case-mix.ts) times
 * lognormal noise of mean 1, so scores stay positive and average w in every cell; the noise's
 * variance over the population is that of the grouper in case-mix.ts, β²·Var(u)·(1/β − 1) with
 * u = 1 + (w − 1)/β the cell's expected cost in units of the mean, so the scores' R² against
 * yearly cost is about the scenario's riskWeightR2 (0.3 by default). Run:
 *   npx tsx examples/generate-region.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { caseMix } from '../src/engine/case-mix.js';
import { exportPopulationCsv } from '../src/population/csv.js';
import { prepare } from '../src/run.js';
import { parseScenario, scenarioOrThrow } from '../src/scenario/validate.js';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const scenario = scenarioOrThrow(parseScenario(readFileSync(here('region.json'), 'utf8')), 'region.json');
// The synthetic population the file stands for (the scenario without its csv).
const synthetic = { ...scenario, population: { ...scenario.population, csv: undefined } };
const prepared = prepare(synthetic);
const mix = caseMix(prepared.model, prepared.population, scenario.population.riskWeightR2);
const { population } = prepared;
let sum = 0;
let squares = 0;
let weightSquares = 0;
for (let i = 0; i < population.size; i++) {
  const w = mix.weights[population.cell[i]];
  const u = 1 + (w - 1) / mix.shrink;
  sum += u;
  squares += u * u;
  weightSquares += w * w;
}
const varU = squares / population.size - (sum / population.size) ** 2;
const noiseVariance = mix.shrink ** 2 * varU * (1 / mix.shrink - 1);
// w·exp(σz − σ²/2) has mean w and variance w²(e^σ² − 1): σ² so that the population's noise variance matches.
const sigma = Math.sqrt(Math.log(1 + noiseVariance / (weightSquares / population.size)));
const rng = seedrandom('example-region-scores');
const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const lines = exportPopulationCsv(population, synthetic, 'person').trimEnd().split('\n');
const out = [`${lines[0]},score`];
for (let i = 0; i < population.size; i++) {
  const score = mix.weights[population.cell[i]] * Math.exp(sigma * normal() - (sigma * sigma) / 2);
  out.push(`${lines[i + 1]},${score.toFixed(3)}`);
}
writeFileSync(here('region-population.csv'), `${out.join('\n')}\n`);
console.log(`wrote examples/region-population.csv: ${population.size} people, synthetic R² ${mix.r2.toFixed(2)} (perfect predictor ${mix.perfectR2.toFixed(2)})`);
