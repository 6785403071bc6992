/**
 * Risk weights a real grouper could give, scores a region brings, and need that follows CNI.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { caseMix, costMoments } from '../src/engine/case-mix.js';
import { runMicrosim } from '../src/engine/microsim.js';
import { nonEmptyCells } from '../src/engine/activity.js';
import { CELL_CNI, CELL_COUNT, CELL_GROUP, CELL_RATE_CLASS, RATE_CLASS_COUNT } from '../src/population/cells.js';
import { CNI_NEED_RATIO, synthesizePopulation } from '../src/population/population.js';
import { importPopulationCsv } from '../src/population/csv.js';
import { evaluateExpected, prepare, ratesFor } from '../src/run.js';
import { parseScenario, scenarioOrThrow } from '../src/scenario/validate.js';
import type { Scenario } from '../src/scenario/types.js';

const FIXTURE = new URL('./fixtures/minimal-scenario.json', import.meta.url);

function scenario(size: number, years = 1): Scenario {
  const s = scenarioOrThrow(parseScenario(readFileSync(FIXTURE, 'utf8')), 'minimal-scenario.json');
  s.population.size = size;
  s.simulation.years = years;
  return s;
}

describe('CNI linked to need', () => {
  it('people in higher CNI bands are more often in need and cost more, by the stated gradient', () => {
    const s = scenario(200_000);
    const prepared = prepare(s);
    const { mean } = costMoments(prepared.model);
    const people = new Float64Array(5);
    const needy = new Float64Array(5);
    const cost = new Float64Array(5);
    const counts = prepared.population.counts;
    for (let j = 0; j < counts.length; j++) {
      if (counts[j] === 0) continue;
      const c = j % CELL_COUNT;
      const b = CELL_CNI[c];
      people[b] += counts[j];
      if (CELL_GROUP[c] < 4) needy[b] += counts[j];
      cost[b] += counts[j] * mean[CELL_RATE_CLASS[c]];
    }
    const needShare = Array.from(needy, (n, b) => n / people[b]);
    const costPerPerson = Array.from(cost, (x, b) => x / people[b]);
    for (let b = 1; b < 5; b++) {
      expect(needShare[b], `need share, band ${b + 1}`).toBeGreaterThan(needShare[b - 1]);
      expect(costPerPerson[b], `cost per person, band ${b + 1}`).toBeGreaterThan(costPerPerson[b - 1]);
    }
    // Highest band against lowest: the stated ratio 1.2 / 0.8 = 1.5, within sampling noise.
    expect(needShare[4] / needShare[0]).toBeGreaterThan(1.35);
    expect(needShare[4] / needShare[0]).toBeLessThan(1.65);
    expect(CNI_NEED_RATIO[4] / CNI_NEED_RATIO[0]).toBeCloseTo(1.5, 12);
  });

  it('keeps the national need-group mix when CNI is spread evenly (the ratios average 1)', () => {
    expect(CNI_NEED_RATIO.reduce((a, b) => a + b, 0) / CNI_NEED_RATIO.length).toBeCloseTo(1, 12);
    const pop = synthesizePopulation(scenario(50_000), 3);
    expect(pop.size).toBe(50_000);
  });
});

describe('the synthetic risk weight is a noisy predictor with a stated R²', () => {
  it('a person-level score with the weight as its mean explains the stated share of realised cost (0.15–0.5)', () => {
    const s = scenario(20_000);
    s.population.riskWeightR2 = 0.3;
    const prepared = prepare(s);
    const mix = caseMix(prepared.model, prepared.population, 0.3);
    expect(mix.r2).toBe(0.3);
    expect(mix.shrink).toBeGreaterThan(0);
    expect(mix.shrink).toBeLessThan(1);
    // The weight per person in the population, to give the grouper's score its noise.
    const { population } = prepared;
    let n = 0;
    let sw = 0;
    let sww = 0;
    for (let i = 0; i < population.size; i++) {
      const w = mix.weights[population.cell[i]];
      n++;
      sw += w;
      sww += w * w;
    }
    const varW = sww / n - (sw / n) ** 2;
    // In units of the mean cost, a cell's expected cost is u = 1 + (w − 1)/β; the grouper's score is
    // u + noise with Var(noise) = Var(u)(1/β − 1), so its calibrated prediction has the weight as its mean.
    const sd = Math.sqrt((varW / mix.shrink ** 2) * (1 / mix.shrink - 1));
    const rng = seedrandom('risk-score');
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    // Realised yearly cost per person with their rate class known: one microsimulation per rate class.
    const rates = ratesFor(prepared.model, prepared.model.behaviour);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let rc = 0; rc < RATE_CLASS_COUNT; rc++) {
      const index: number[] = [];
      for (let i = 0; i < population.size; i++) if (CELL_RATE_CLASS[population.cell[i]] === rc) index.push(i);
      if (index.length === 0) continue;
      const cell = Uint16Array.from(index, (i) => population.cell[i]);
      const catchment = Uint16Array.from(index, (i) => population.catchment[i]);
      const counts = new Float64Array(population.counts.length);
      for (let i = 0; i < cell.length; i++) counts[catchment[i] * CELL_COUNT + cell[i]] += 1;
      const sub = { ...population, size: cell.length, cell, catchment, counts };
      const result = runMicrosim({ model: prepared.model, population: sub, cells: nonEmptyCells(sub), rates, extras: [], episodeWindow: prepared.plan.episodeWindow, seed: 1000 + rc, trackPersonCost: true });
      // Weights within a rate class differ by nothing the grouper sees (same expected cost).
      const w = mix.weights[cell[0]];
      for (const y of result.personYearCosts!) {
        // Unshrunk score: the cell's expected cost in weight units plus the grouper's noise.
        xs.push(1 + (w - 1) / mix.shrink + normal() * sd);
        ys.push(y);
      }
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const mx = mean(xs);
    const my = mean(ys);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < xs.length; i++) {
      sxy += (xs[i] - mx) * (ys[i] - my);
      sxx += (xs[i] - mx) ** 2;
      syy += (ys[i] - my) ** 2;
    }
    const r2 = (sxy * sxy) / (sxx * syy);
    expect(r2).toBeGreaterThan(0.15);
    expect(r2).toBeLessThan(0.5);
    expect(Math.abs(r2 - 0.3)).toBeLessThan(0.07);
  });

  it('keeps the mean weight at 1.00 and pays the costliest cells less than their cost ratio', () => {
    const prepared = prepare(scenario(20_000));
    const mix = caseMix(prepared.model, prepared.population, 0.3);
    const { mean } = costMoments(prepared.model);
    let people = 0;
    let weighted = 0;
    let total = 0;
    let top = 0;
    for (let j = 0; j < prepared.population.counts.length; j++) {
      const n = prepared.population.counts[j];
      const c = j % CELL_COUNT;
      people += n;
      weighted += n * mix.weights[c];
      total += n * mean[CELL_RATE_CLASS[c]];
      if (n > 0 && mean[CELL_RATE_CLASS[c]] > mean[CELL_RATE_CLASS[top]]) top = c;
    }
    expect(weighted / people).toBeCloseTo(1, 9);
    expect(mix.weights[top]).toBeLessThan(mean[CELL_RATE_CLASS[top]] / (total / people));
  });
});

describe('a population with its own risk scores', () => {
  it('pays capitation by the imported score: hand-computed amounts', () => {
    const s = scenario(10);
    s.payment.components = [
      { id: 'cap-norr', kind: 'fixed', basis: 'per-person', amount: 1200, population: 'listed', weight: 'acg', payer: 'region', payee: 'vc-norr' },
      { id: 'cap-soder', kind: 'fixed', basis: 'per-person', amount: 1200, population: 'listed', weight: 'acg', payer: 'region', payee: 'vc-soder' },
    ] as Scenario['payment']['components'];
    const csv = [
      'age,sex,needGroup,cniBand,municipality,listedAt,frailty,residence,score',
      '82,F,1,3,norrby,vc-norr,1,home,2.5',
      '40,M,5,1,norrby,vc-norr,1,home,0.4',
      '70,F,4,2,soderby,vc-norr,1,home,1.1',
      '55,M,5,4,soderby,vc-soder,1,home,0.7',
      '91,F,1,5,norrby,vc-soder,1,home,3',
    ].join('\n');
    const prepared = prepare(s, importPopulationCsv(csv, s, 1));
    const { ledger } = evaluateExpected(prepared);
    const paid: Record<string, number> = {};
    for (const t of ledger) paid[ledger.accounts[t.to].id] = (paid[ledger.accounts[t.to].id] ?? 0) + t.amount;
    // A year of capitation: amount × the sum of the listed people's scores (a death is replaced in its cell).
    expect(paid['vc-norr']).toBeCloseTo(1200 * (2.5 + 0.4 + 1.1), 6);
    expect(paid['vc-soder']).toBeCloseTo(1200 * (0.7 + 3), 6);
  });
});

describe('the example region in examples/', () => {
  it('reads its own scores from region-population.csv, averaging about 1.00 like an ACG weight', async () => {
    const { loadScenarioFile } = await import('../src/scenario/load.js');
    const { loadPopulationForScenario } = await import('../src/population/load-csv.js');
    const file = 'examples/region.json';
    const s = await loadScenarioFile(file);
    const population = await loadPopulationForScenario(s, file);
    expect(population.size).toBe(5000);
    const prepared = prepare(s, population);
    const mix = caseMix(prepared.model, population, s.population.riskWeightR2);
    expect(mix.source).toBe('imported');
    let people = 0;
    let weighted = 0;
    for (let j = 0; j < population.counts.length; j++) {
      people += population.counts[j];
      weighted += population.counts[j] * mix.weights[j % CELL_COUNT];
    }
    expect(weighted / people).toBeGreaterThan(0.85);
    expect(weighted / people).toBeLessThan(1.15);
  });
});
