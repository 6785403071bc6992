/**
 * The editor explains a target-price component and a withhold in both languages: each field of the
 * kind with its label, unit and help from the kind's description, the quality indicators as a list,
 * and the withhold as a common field any component has; every control has a name.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { shareCode, unlabelledControls, useBrowser } from './support/browser.js';
import { FIXTURE } from './support/core.js';

const b = useBrowser();
let code: string;

beforeAll(async () => {
  await b.page.goto(b.url);
  const json = JSON.parse(await readFile(FIXTURE, 'utf8'));
  json.payment.components[0].withhold = { share: 0.03, quality: [{ indicator: 'patientCoordination', target: 0.6, baseline: 0.25 }] };
  json.payment.components.push({
    id: 'malpris',
    kind: 'target-price',
    trigger: 'admission',
    windowMonths: 3,
    includedServices: ['admission', 'readmission'],
    historicalPrice: 30000,
    regionalPrice: 26000,
    regionalWeight: 0.6667,
    discount: 0.03,
    stopGainRate: 0.05,
    quality: [{ indicator: 'readmissionRate', target: 0.05, baseline: 0.13 }],
    qualityAdjustment: 0.1,
    settlement: 'year',
    groups: ['rapid-onset'],
    payer: 'region',
    payee: 'sjukhus',
  });
  code = await shareCode(b.page, json);
});

const TEXTS = {
  en: ['Own historical spending', 'Regional average spending', 'Weight of the regional average', 'Stop-gain (share of target spending)', 'Quality indicators', 'Withhold returned by quality', 'Share withheld', 'kr per episode'],
  sv: ['Egen historisk kostnad', 'Regionens genomsnittliga kostnad', 'Vikt för regionens genomsnitt', 'Vinsttak (andel av målkostnaden)', 'Kvalitetsindikatorer', 'Innehållen del som återbetalas efter kvalitet', 'Innehållen andel', 'kr per vårdepisod'],
};

describe('the editor on a target price and a withhold', () => {
  it.each(['en', 'sv'] as const)('shows their fields in %s, every control named', async (lang) => {
    const page = b.page;
    await page.goto('about:blank');
    await page.goto(`${b.url}#/edit?s=${code}&lang=${lang}`);
    await page.locator('rb-editor').waitFor();
    // The target price's card and the first component's contract terms.
    const card = page.locator('rb-editor article.component[data-path="payment.components[6]"]');
    await card.waitFor({ timeout: 30_000 });
    const quality = page.locator('rb-editor fieldset[data-path="payment.components[6].quality"]');
    await quality.waitFor();
    expect(await quality.locator('select').inputValue()).toBe('readmissionRate');
    const withhold = page.locator('rb-editor fieldset[data-path="payment.components[0].withhold"]');
    await withhold.waitFor({ state: 'attached' });
    const text = (await page.locator('rb-editor').evaluate((el) => (el.shadowRoot ?? el).textContent ?? '')) + (await card.textContent()) + (await withhold.textContent());
    for (const expected of TEXTS[lang]) expect(text, expected).toContain(expected);
    expect(await unlabelledControls(page)).toEqual([]);
  });
});
