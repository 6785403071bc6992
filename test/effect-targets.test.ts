/**
 * The effect sizes the model gives at full coordination, against the sources of each evidence preset
 * (local follow-ups: Löpare Johansson, Vårdanalys 2017 ch. 5.5; controlled trials: care-coach RCTs).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { prepare } from '../src/run.js';
import { effectTargets } from '../src/calibration/effect-targets.js';
import { validateScenario } from '../src/scenario/index.js';
import type { Scenario } from '../src/scenario/types.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/minimal-scenario.json', import.meta.url), 'utf8')) as Scenario;

function withEvidence(evidence: 'local-follow-ups' | 'controlled-trials'): Scenario {
  const json = structuredClone(fixture);
  json.care = { ...(json.care ?? {}), evidence };
  const r = validateScenario(json);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

describe('effects of coordination', () => {
  it('reproduces the local follow-ups: hospital care −50–80 %, other primary care −40–50 %, 20–50 % nurse time freed', () => {
    const targets = effectTargets(prepare(withEvidence('local-follow-ups')));
    for (const t of targets) expect(t.within, `${t.label}: ${t.simulated}`).toBe(true);
    expect(targets.find((t) => t.id === 'hospital-care-fall')!.simulated).toBeGreaterThan(0.5);
    expect(targets.find((t) => t.id === 'hospital-care-fall')!.simulated).toBeLessThan(0.8);
  });

  it('checks the controlled trials\' smaller effects (0 to −12 %) against the trials, not the follow-ups', () => {
    const targets = effectTargets(prepare(withEvidence('controlled-trials')));
    const acute = targets.find((t) => t.id === 'acute-visits-fall')!;
    expect(acute.simulated).toBeGreaterThan(0.05);
    expect(acute.simulated).toBeLessThanOrEqual(0.12 + 1e-9);
    expect(acute.target).toBe(0.12);
    expect(acute.source).toContain('care-coach-rct');
    for (const t of targets) expect(t.status, t.id).toBe('ok');
  });

  it('marks a scenario with its own effect sizes as departing when it misses, never OFF', () => {
    const json = structuredClone(withEvidence('controlled-trials'));
    json.care = { ...json.care, effects: { 'complex-low-capacity': { edVisit: 0.8, admission: 0.8 } } };
    const acute = effectTargets(prepare(json)).find((t) => t.id === 'acute-visits-fall')!;
    expect(acute.status).toBe('departs');
    expect(acute.note).toMatch(/care\.effects.*description/);
  });
});
