import { afterEach, describe, expect, it } from 'vitest';
import { formatMeasure, measureLabel, parameterLabel, readerSource, splitKey } from './labels.js';
import { setLocale } from '../../i18n/index.js';

const json = { payers: [{ id: 'region', name: 'Regionen' }], providers: [{ id: 'sjukhus', name: 'Sjukhuset' }] };
const names = { region: 'Regionen', sjukhus: 'Sjukhuset' };

afterEach(() => setLocale('en'));

describe('uncertainty labels', () => {
  it('name measures by their entity, in both languages', () => {
    expect(splitKey('teamCoordination/rapid-onset')).toEqual(['teamCoordination', 'rapid-onset']);
    expect(measureLabel('margin/sjukhus', names)).toBe('Margin of Sjukhuset');
    expect(measureLabel('admissions/population', names)).toBe('Admissions');
    expect(measureLabel('teamCoordination/rapid-onset', names)).toBe('Team coordination: Rapid onset, many providers at once');
    // A measure the page does not know keeps its key rather than showing nothing.
    expect(measureLabel('novel/x', names)).toBe('novel/x');
    setLocale('sv');
    expect(measureLabel('spending/region', names)).toBe('Kostnad för Regionen');
  });

  it('name parameter paths where they can, and keep the path where not', () => {
    expect(parameterLabel('providers[0].behaviour.altruism', json)).toBe('Weight Sjukhuset puts on patients’ benefit');
    expect(parameterLabel('care.effects.rapid-onset.edVisit', json)).toBe('Effect of coordination on ED visits: Rapid onset, many providers at once');
    expect(parameterLabel('payment.components[3].price', json)).toBe('payment.components[3].price');
  });

  it('formats money in kronor and other measures as plain numbers', () => {
    expect(formatMeasure('spending/region', 12_345_678)).toBe('12.3 M kr');
    expect(formatMeasure('spending/region', 1234.4, false)).toBe('1,234 kr');
    expect(formatMeasure('effort/sjukhus', 0.51234)).toBe('0.512');
  });

  it('names the providers\' response in words and leaves code paths out of sources', () => {
    expect(parameterLabel('response.feeForServiceVolume', undefined)).toBe('Provider response: more visits under fees than under capitation');
    expect(readerSource('Hickson et al. 1987 (src/care/response.ts; beta-PERT on the sourced range, mode at the value used)')).toBe('Hickson et al. 1987 (beta-PERT on the sourced range, mode at the value used)');
    expect(readerSource("ASSUMPTION: the weight (Ellis & McGuire 1986, docs/sources.md: ellis-mcguire-1986), triangular over the range of src/behaviour/parameters.ts (0.2–1)")).toBe('ASSUMPTION: the weight (Ellis & McGuire 1986), triangular over the range of (0.2–1)');
  });
});
