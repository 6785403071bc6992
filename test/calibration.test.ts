/**
 * Calibration facts carry the population they are about and are checked only there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrationReport, calibrationTarget, populationScope } from '../src/calibration/calibration.js';
import { synthesizePopulation } from '../src/population/population.js';
import { prepare } from '../src/run.js';
import { parseScenario, scenarioOrThrow } from '../src/scenario/validate.js';
import type { Scenario } from '../src/scenario/types.js';

const FIXTURE = new URL('./fixtures/minimal-scenario.json', import.meta.url);

function scenario(population: Partial<Scenario['population']> = {}): Scenario {
  const s = scenarioOrThrow(parseScenario(readFileSync(FIXTURE, 'utf8')), 'minimal-scenario.json');
  s.population = { ...s.population, size: 4000, ...population };
  s.simulation.years = 1;
  return s;
}

describe('which population a calibration fact is about', () => {
  it('tells a whole region, its elderly and a chosen target group apart by the age mix', () => {
    expect(populationScope(synthesizePopulation(scenario({ ages: 'sweden' }), 1))).toBe('all-ages');
    expect(populationScope(synthesizePopulation(scenario({ ages: 'elderly-65plus' }), 1))).toBe('65+');
    expect(populationScope(synthesizePopulation(scenario({ ages: { '20-44': 0.5, '45-64': 0.5 } }), 1))).toBe('target-group');
  });

  it('does not check an all-ages target on a 65+ population, and says why', () => {
    const report = calibrationReport(prepare(scenario({ ages: 'elderly-65plus' })), [Float32Array.of(1, 1, 1, 97)]);
    const top1 = report.targets.find((t) => t.id === 'top1-share')!;
    expect(top1.population).toBe('all-ages');
    expect(top1.status).toBe('not-applicable');
    expect(top1.note).toBe('not checked: the figure is about all-ages; this population is people 65+ only');
    // The facts about the multimorbid of a whole population still apply to its elderly.
    expect(report.targets.find((t) => t.id === 'multimorbid-median-age')!.applies).toBe(true);
  });

  it('checks nothing about the typical multimorbid patient on a working-age target group', () => {
    const report = calibrationReport(prepare(scenario({ ages: { '20-44': 0.5, '45-64': 0.5 } })), [Float32Array.of(1, 2, 3)]);
    expect(report.scope).toBe('target-group');
    for (const t of report.targets) expect(t.status, t.id).toBe('not-applicable');
  });

  it('reports a missed target that applies as off, and within tolerance as ok', () => {
    const base = { id: 'x', label: 'x', population: 'all-ages' as const, target: 0.3, tolerance: 0.03, source: 's', method: 'm', role: 'target' as const };
    expect(calibrationTarget({ ...base, simulated: 0.32 }, 'all-ages').status).toBe('ok');
    expect(calibrationTarget({ ...base, simulated: 0.34 }, 'all-ages').status).toBe('off');
    expect(calibrationTarget({ ...base, simulated: 0.34 }, '65+').status).toBe('not-applicable');
    expect(calibrationTarget({ ...base, simulated: 0.34, departs: 'departs: see description' }, 'all-ages').status).toBe('departs');
  });
});
