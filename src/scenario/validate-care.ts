/** The care section: coordination and intensity per provider, and overrides of rates and effects. */
import { GROUP_IDS, SERVICE_IDS } from '../domain.js';
import { isObject, typeName, type JsonObject, type NumberRule, type Reader } from './validate-core.js';
import type { ScenarioIndex } from './validate-parties.js';

const CARE_KEYS = { required: [], optional: ['evidence', 'coordination', 'intensity', 'substitution', 'rates', 'effects'] } as const;
const EVIDENCE = ['controlled-trials', 'local-follow-ups'] as const;
import { MAX_INTENSITY, MAX_RATE_PER_PERSON_YEAR, MIN_SUBSTITUTION } from '../limits.js';

/** A number for every need group, or one per named group. */
function checkPerGroup(r: Reader, value: unknown, path: string, rule: NumberRule): void {
  if (typeof value === 'number' || value === undefined) {
    r.number(value, path, rule);
    return;
  }
  if (!isObject(value)) {
    r.issues.error(path, 'notNumberOrPerGroup', { got: typeName(value) });
    return;
  }
  for (const [, v, at] of r.entries(value, path, GROUP_IDS, 'need group')) r.number(v, at, rule);
}

function checkPerProvider(r: Reader, value: unknown, path: string, index: ScenarioIndex, rule: NumberRule): void {
  for (const [, perGroup, at] of r.entries(value, path, [...index.providers.keys()], 'provider')) checkPerGroup(r, perGroup, at, rule);
}

function checkGroupServiceTable(r: Reader, value: unknown, path: string, rule: NumberRule): void {
  for (const [, row, groupPath] of r.entries(value, path, GROUP_IDS, 'need group')) {
    for (const [, v, at] of r.entries(row, groupPath, SERVICE_IDS, 'service')) r.number(v, at, rule);
  }
}

/**
 * Check `care`.
 * @example validateCare(reader, json, buildIndex(json))
 */
export function validateCare(r: Reader, doc: JsonObject, index: ScenarioIndex): void {
  const care = r.object(doc.care, 'care', CARE_KEYS);
  if (care === undefined) return;
  r.oneOf(care.evidence, 'care.evidence', EVIDENCE);
  checkPerProvider(r, care.coordination, 'care.coordination', index, { min: 0, max: 1 });
  checkPerProvider(r, care.intensity, 'care.intensity', index, { min: 0, max: MAX_INTENSITY });
  if (typeof care.substitution === 'string') {
    if (care.substitution !== 'weakest-link') r.issues.error('care.substitution', 'substitution', { text: care.substitution });
  } else {
    // CES: 1 perfect substitutes, 0 Cobb–Douglas, below 0 ever more complementary.
    r.number(care.substitution, 'care.substitution', { min: MIN_SUBSTITUTION, max: 1 });
  }
  checkGroupServiceTable(r, care.rates, 'care.rates', { min: 0, max: MAX_RATE_PER_PERSON_YEAR });
  checkGroupServiceTable(r, care.effects, 'care.effects', { min: 0, max: 1 });
}
