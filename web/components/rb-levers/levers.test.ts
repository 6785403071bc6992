import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PaymentModel } from '../../../src/scenario/types.js';
import { setModels } from '../../state/models.js';
import { setKinds } from '../../state/kinds.js';
import { KIND_DESCRIPTIONS } from '../../../src/payment/kinds/descriptions.js';
import { leversOf, sliderMin } from './levers.js';

// In the app the engine worker sends the models and the kinds (loadModels); here they come from the files.
setKinds(KIND_DESCRIPTIONS);
setModels(
  Object.fromEntries(
    readdirSync('models')
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(`models/${f}`, 'utf8')) as PaymentModel)
      .map((m) => [m.id, m]),
  ),
);

describe('levers', () => {
  it('finds the numbers a person wants to move, with their units and paths', () => {
    const json = {
      providers: [{ id: 'sjukhus', name: 'Sjukhuset' }],
      care: { coordination: { sjukhus: 0.2, 'vc-a': { 'complex-low-capacity': 0.5 } } },
      payment: {
        components: [
          { id: 'cap', kind: 'fixed', basis: 'per-person', amount: 3500 },
          { id: 'drg', kind: 'variable', pricing: 'drg', price: 30000, cap: 1e6 },
          { id: 'bonus', kind: 'goal', indicator: 'readmissionRate', target: 0.1, amount: 5e5 },
          { model: 'drg', id: 'm', parameters: {} },
        ],
      },
    };
    const levers = leversOf(json);
    const at = (path: string) => levers.find((l) => l.path.join('.') === path);
    expect(at('payment.components.0.amount')).toMatchObject({ value: 3500, unit: 'kr per person-year' });
    expect(at('payment.components.1.price')).toMatchObject({ value: 30000, unit: 'kr per DRG point' });
    expect(at('payment.components.1.cap')).toMatchObject({ value: 1e6 });
    expect(at('payment.components.2.target')).toMatchObject({ value: 0.1, bounded: true });
    // A model reference's numeric parameters, at their defaults when not given.
    expect(levers.some((l) => l.path.join('.').startsWith('payment.components.3.parameters.'))).toBe(true);
    // Effort per provider when it is one number; per-group efforts are left to the editor.
    expect(at('care.coordination.sjukhus')).toMatchObject({ value: 0.2, bounded: true, label: 'Sjukhuset' });
    expect(at('care.coordination.vc-a')).toBeUndefined();
  });
});

describe('sliderMin', () => {
  it('puts the exact value on the slider grid, so it is neither shown nor moved rounded', () => {
    // 0–8 000 kr in steps of 40: 3 528 kr is 8 kr off the grid, so the grid starts at 8 kr.
    expect(sliderMin(0, 3528, 40)).toBe(8);
    expect((3528 - sliderMin(0, 3528, 40)) % 40).toBe(0);
    expect(sliderMin(0, 3520, 40)).toBe(0);
    expect(sliderMin(100, 50, 40)).toBe(50);
    expect(sliderMin(0, 0.125, 0.005)).toBe(0);
  });
});
