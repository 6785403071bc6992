/** A scenario's and a model's texts in the reader's language, with the file's own as fallback. */
import { describe, expect, it } from 'vitest';
import { componentLabels, localText, parameterText } from '../src/scenario/texts.js';
import { readFileSync } from 'node:fs';
import { reportScenario } from '../src/report/html.js';
import { loadModels } from '../src/scenario/load.js';
import { scenarioOrThrow, validateScenario } from '../src/scenario/validate.js';

const scenario = {
  title: 'Wrong pocket',
  description: 'Who gains from coordination?',
  question: 'Is it worth it?',
  translations: { sv: { title: 'Fel ficka', question: '  ' } },
};

const model = {
  title: 'DRG price',
  parameters: { price: { description: 'Price per DRG point' }, payee: { description: 'The hospital' } },
  translations: { sv: { title: 'DRG-pris', parameters: { price: 'Pris per DRG-poäng' } } },
};

describe('texts in the reader language', () => {
  it('takes the translation where there is one, and the file text where there is none or it is blank', () => {
    expect(localText(scenario, 'title', 'sv')).toBe('Fel ficka');
    expect(localText(scenario, 'description', 'sv')).toBe('Who gains from coordination?');
    expect(localText(scenario, 'question', 'sv')).toBe('Is it worth it?');
    expect(localText(scenario, 'title', 'en')).toBe('Wrong pocket');
    expect(localText(scenario, 'lookAt', 'sv')).toBeUndefined();
    expect(localText(null, 'title', 'sv')).toBeUndefined();
  });

  it("says a model's parameters in the language, falling back to the file's description", () => {
    expect(parameterText(model, 'price', 'sv')).toBe('Pris per DRG-poäng');
    expect(parameterText(model, 'payee', 'sv')).toBe('The hospital');
    expect(parameterText(model, 'price', 'en')).toBe('Price per DRG point');
    expect(parameterText(model, 'missing', 'sv')).toBeUndefined();
  });

  it('the printable report uses the scenario texts of its language', () => {
    expect(reportScenario(scenario, 'sv').title).toBe('Fel ficka');
    expect(reportScenario(scenario).title).toBe('Wrong pocket');
    expect(reportScenario(scenario, 'sv').question).toBe('Is it worth it?');
  });

  it("labels a model's components in the language, with the reference's parameters or the model's defaults", () => {
    const fee = {
      parameters: { service: { description: 'The service', default: 'primaryVisit' }, price: { description: 'Price', default: 100 } },
      components: [{ id: 'fee', label: 'Fee per ${service}' }],
      translations: { sv: { labels: { fee: 'Ersättning per ${service}' } } },
    };
    const json = { payment: { components: [{ model: 'fee', id: 'a', parameters: { service: 'homeHealthVisit' } }, { model: 'fee', id: 'b' }, { id: 'plain', kind: 'fixed' }, { model: 'missing', id: 'c' }] } };
    expect(componentLabels(json, { fee }, 'sv')).toEqual({ 'a.fee': 'Ersättning per hemsjukvårdsbesök', 'b.fee': 'Ersättning per besök på vårdcentral' });
    expect(componentLabels(json, { fee }, 'en')).toEqual({});
  });

  it('names services and goal indicators in words in a model component\'s label', async () => {
    const models = await loadModels();
    const json = {
      payment: {
        components: [
          { model: 'fee-per-visit', id: 'v', parameters: { service: ['specialistVisit', 'edVisit'], payee: 'h' } },
          { model: 'goal-deduction', id: 'g', parameters: { indicator: 'readmissionRate', payee: 'h' } },
        ],
      },
    };
    const sv = componentLabels(json, models, 'sv');
    expect(Object.values(sv)).toContain('Ersättning per besök i öppen specialistvård, besök på akutmottagning');
    expect(Object.values(sv).some((l) => l.includes('andel återinläggningar (30 dagar)'))).toBe(true);
    const scenario = scenarioOrThrow(validateScenario(JSON.parse(readFileSync('scenarios/goal-and-episode-pay.json', 'utf8')), { models }));
    const labels = scenario.payment.components.map((c) => c.label ?? '');
    // The shipped models write services and indicators into labels: none is left as an id.
    expect(labels.filter((l) => /[a-z][A-Z]|\$\{/.test(l))).toEqual([]);
  });
});
