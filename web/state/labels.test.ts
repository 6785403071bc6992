import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { KIND_DESCRIPTIONS } from '../../src/payment/kinds/descriptions.js';
import { setLocale } from '../i18n/index.js';
import { setKinds } from './kinds.js';
import { componentNames } from './labels.js';

const models = Object.fromEntries(
  readdirSync('models')
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`models/${f}`, 'utf8')) as { id: string })
    .map((m) => [m.id, m]),
);
setKinds(KIND_DESCRIPTIONS);
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('component names', () => {
  afterAll(() => setLocale('en', false));

  it('name services, payers and providers by name and tell two alike components apart by whom they pay', () => {
    setLocale('en', false);
    const names = componentNames(read('scenarios/teaching-wrong-pocket.json'), models);
    expect(names['sjukhus-specialist.fee']).toBe('Fee per specialist visit');
    expect(names['sjukhus-akut.fee']).toBe('Fee per ED visit');
    expect(names['vc-centrum-kap.capitation']).toBe('Weighted capitation · Vårdcentralen Centrum');
    expect(names['vc-norr-kap.capitation']).toBe('Weighted capitation · Vårdcentralen Norr');
    expect(names['vc-norr-besok.fee']).toBe('Fee per primary care visit · Vårdcentralen Norr');
    expect(new Set(Object.values(names)).size).toBe(Object.values(names).length);
  });

  it('in Swedish, from the models\' translations', () => {
    setLocale('sv', false);
    const names = componentNames(read('scenarios/teaching-wrong-pocket.json'), models);
    expect(names['sjukhus-specialist.fee']).toBe('Ersättning per besök i öppen specialistvård');
    expect(names['vc-norr-kap.capitation']).toMatch(/ · Vårdcentralen Norr$/);
  });

  it('name a hand-written component without a label from its kind', () => {
    setLocale('en', false);
    const names = componentNames(read('test/fixtures/minimal-scenario.json'), models);
    expect(names['hospital-drg']).toBe('DRG price per admission, readmission');
    expect(names['visit-fee']).toBe('Fee per primary care visit');
    expect(names['capitation-norr']).toBe('Capitation · Vårdcentral Norr');
    expect(names['readmission-goal']).toMatch(/^Goal-based: readmission/);
    setLocale('sv', false);
    expect(componentNames(read('test/fixtures/minimal-scenario.json'), models)['hospital-drg']).toBe('DRG-ersättning per inläggning, återinläggning');
  });
});
