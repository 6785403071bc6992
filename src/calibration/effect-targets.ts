/**
 * The effect sizes of coordination the sources report, next to what the model gives when every
 * provider goes from no coordination to full coordination (expected values, same population).
 */
import { CNI_BANDS, GROUP_COUNT, O, S } from '../domain.js';
import { HOME_HEALTH_WASTE } from '../care/parameters.js';
import { OUTCOME, rowOffset } from '../engine/activity.js';
import { homeHealthCostFactor } from '../engine/extras.js';
import type { Behaviour } from '../engine/model.js';
import type { Prepared } from '../run.js';
import { evaluateExpected } from '../run.js';
import type { CalibrationTarget, TargetPopulation } from './calibration.js';
import { calibrationTarget, populationScope } from './calibration.js';

function totals(prepared: Prepared, effort: number): Float64Array {
  const { model } = prepared;
  const n = model.providerIds.length * GROUP_COUNT;
  const behaviour: Behaviour = {
    effort: Array.from({ length: model.years }, () => new Float64Array(n).fill(effort)),
    intensity: model.behaviour.intensity,
  };
  const { table } = evaluateExpected(prepared, behaviour);
  // Group 1 (complex needs, little capacity): bed-days, ED visits, admissions, primary care visits.
  const out = new Float64Array(4);
  for (let m = 0; m < table.months; m++)
    for (let k = 0; k < table.catchments; k++)
      for (let b = 0; b < CNI_BANDS; b++) {
        const row = rowOffset(table, m, k, 0, b);
        out[0] += table.data[row + OUTCOME + O.bedDays];
        out[1] += table.data[row + S.edVisit];
        out[2] += table.data[row + S.admission];
        out[3] += table.data[row + S.primaryVisit];
      }
  return out;
}

type Evidence = 'local-follow-ups' | 'controlled-trials';

/** The sources' effect sizes per evidence preset: target, tolerance and source (SOURCES: docs/sources.md). */
const EXPECTED: Record<Evidence, Record<'hospital' | 'acute' | 'primary', { target: number; tolerance: number; source: string }>> = {
  'local-follow-ups': {
    hospital: { target: 0.65, tolerance: 0.15, source: 'Löpare Johansson, results: hospital care for the target groups falls 50–80 % (docs/sources.md: lopare-johansson)' },
    acute: {
      target: 0.65,
      tolerance: 0.15,
      source: 'Vårdanalys 2017 ch. 5.5: Skaraborg up to 80 %; Hälsostaden −12 % admissions overall (docs/sources.md: vardanalys-2017)',
    },
    primary: { target: 0.45, tolerance: 0.05, source: 'Löpare Johansson, results: other primary-care needs fall 40–50 % (docs/sources.md: lopare-johansson)' },
  },
  // Randomised arms of single interventions: hospitalisation risk −12 %, 0 to −12 % across trials.
  'controlled-trials': {
    hospital: { target: 0.12, tolerance: 0.06, source: 'care coaching RCT arms, hospitalisation risk −12 %, range 0 to −12 % (docs/sources.md: care-coach-rct)' },
    acute: { target: 0.12, tolerance: 0.06, source: 'care coaching RCT arms, hospitalisation risk −12 % (docs/sources.md: care-coach-rct)' },
    primary: { target: 0.06, tolerance: 0.06, source: 'RCTs of single interventions: 0 to −12 % (docs/sources.md: care-coach-rct)' },
  },
};

/**
 * Effect sizes at full coordination against the sources of the scenario's evidence preset
 * (care.evidence): the local follow-ups (Löpare Johansson; Vårdanalys 2017 ch. 5.5) or the
 * controlled trials (care-coach RCTs). A scenario that sets its own effect sizes for the complex
 * group (care.effects) departs from the preset on purpose and says why in its description.
 * @example effectTargets(prepare(scenario)).map((t) => t.simulated)
 */
export function effectTargets(prepared: Prepared): CalibrationTarget[] {
  const none = totals(prepared, 0);
  const full = totals(prepared, 1);
  const fall = (i: number) => (none[i] > 0 ? 1 - full[i] / none[i] : NaN);
  const evidence: Evidence = prepared.scenario.care?.evidence ?? 'local-follow-ups';
  const own = prepared.scenario.care?.effects?.['complex-low-capacity'];
  const departs = own !== undefined ? `departs: the scenario sets its own effect sizes for this group (care.effects: ${JSON.stringify(own)}); its description says why` : undefined;
  const scope = populationScope(prepared.population);
  const expected = EXPECTED[evidence];
  const target = (t: Omit<CalibrationTarget, 'within' | 'role' | 'method' | 'population' | 'applies' | 'status' | 'note'> & { method?: string; population?: TargetPopulation; own?: boolean }): CalibrationTarget => {
    const { own: isOwn, ...rest } = t;
    return calibrationTarget(
      {
        method: `expected values, every provider at effort 0 vs 1, evidence preset '${evidence}'`,
        role: 'target',
        population: 'complex-needs',
        ...rest,
        ...(isOwn === false || departs === undefined ? {} : { departs }),
      },
      scope,
    );
  };
  return [
    target({
      id: 'hospital-care-fall',
      label: 'Fall in hospital bed-days, complex needs, at full coordination',
      ...expected.hospital,
      simulated: fall(0),
    }),
    target({
      id: 'acute-visits-fall',
      label: 'Fall in ED visits and admissions, complex needs, at full coordination',
      ...expected.acute,
      simulated: (fall(1) + fall(2)) / 2,
    }),
    target({
      id: 'primary-care-fall',
      label: 'Fall in other primary care visits, complex needs, at full coordination',
      ...expected.primary,
      simulated: fall(3),
    }),
    target({
      id: 'nurse-time-freed',
      label: 'Home-health nurse time freed from coordination failures',
      population: 'home-health',
      target: 0.35,
      tolerance: 0.15,
      simulated: 1 - homeHealthCostFactor(1) / homeHealthCostFactor(0),
      // The model's waste share is the same under both presets; only the local follow-ups measured it.
      source: `Löpare Johansson, results: 20–50 % of home-health nurse time (docs/sources.md: lopare-johansson; model: ${HOME_HEALTH_WASTE * 100} % lost at zero coordination, either preset)`,
      method: 'cost per home-health visit at coordination 1 vs 0',
      own: false,
    }),
  ];
}
