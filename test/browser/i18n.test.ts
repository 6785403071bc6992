/**
 * The app in Swedish and English: the language control in the header switches every view at
 * once, numbers follow the locale (1,234 kr → 1 234 kr), the choice is remembered and kept in
 * the link, and no English text is left in the Swedish library and results views.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { useBrowser, screenshotWithoutToasts, shareCode } from './support/browser.js';
import { englishLeft } from './support/english.js';
import type { Builtin } from './support/core.js';
import { FIXTURE, validBuiltins } from './support/core.js';
import { NEED_GROUP_NAMES_SV } from '../../src/report/text-sv.js';
import { NEED_GROUPS } from '../../src/domain.js';

const b = useBrowser();
let builtin: Builtin;

beforeAll(async () => {
  builtin = (await validBuiltins())[0];
});

const figure = (page: Page) => page.locator('[data-metric="spendingKr"] .figure-value').first();

describe('language', () => {
  it('starts in English for an English browser and switches to Swedish from the header', async () => {
    const { page, url } = b;
    await page.goto(url);
    await expect.poll(() => page.getByRole('heading', { name: 'Scenario library' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: `Open ${String(builtin.json.title)}`, exact: true }).click();
    await figure(page).waitFor();
    await expect.poll(() => figure(page).textContent()).toMatch(/^-?\d{1,3}(,\d{3})+ kr$/);
    expect(await page.getByRole('heading', { name: 'Spending per payer' }).isVisible()).toBe(true);

    await page.getByLabel('Language').selectOption('sv');
    await expect.poll(() => page.getByRole('heading', { name: 'Kostnad per betalare' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Resultat' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Marginal per vårdgivare' }).isVisible()).toBe(true);
    // Swedish groups thousands with a (no-break) space and has no commas in whole kronor.
    await expect.poll(() => figure(page).textContent()).toMatch(/^[-−]?\d{1,3}([\s\u00a0\u202f]\d{3})+ kr$/);
    expect(page.url()).toContain('lang=sv');
    await screenshotWithoutToasts(page, 'i18n-results-sv');
  });

  it('leaves no English on the Swedish results and library views', async () => {
    const { page } = b;
    await page.locator('rb-results #by-component').scrollIntoViewIfNeeded();
    expect(await englishLeft(page)).toEqual([]);
    // The export card, and the printable report it opens, are Swedish too.
    await page.locator('rb-export').scrollIntoViewIfNeeded();
    expect(await page.getByRole('button', { name: 'Skriv ut rapport' }).isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: 'Kalkylblad' }).isVisible()).toBe(true);
    expect(await englishLeft(page)).toEqual([]);
    const [tab] = await Promise.all([b.context.waitForEvent('page', { timeout: 30_000 }), page.getByRole('button', { name: 'Skriv ut rapport' }).click()]);
    await tab.waitForURL(/^blob:/, { timeout: 30_000 });
    await expect.poll(() => tab.getByRole('heading', { name: 'Ersättningsmodellen' }).isVisible()).toBe(true);
    expect(await tab.getAttribute('html', 'lang')).toBe('sv');
    expect(await tab.getByRole('heading', { name: 'Utfall för patienterna' }).isVisible()).toBe(true);
    // The need groups have their Swedish names in the report's tables too.
    expect(await tab.locator('#outcomes').textContent()).toContain(NEED_GROUP_NAMES_SV['complex-low-capacity']);
    expect(await tab.locator('#outcomes').textContent()).not.toContain(NEED_GROUPS[0].label);
    await tab.close();
    await page.getByRole('link', { name: 'Bibliotek' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Scenariobibliotek' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'Inbyggda scenarier' }).isVisible()).toBe(true);
    expect(await englishLeft(page)).toEqual([]);
    await screenshotWithoutToasts(page, 'i18n-library-sv');
  });

  it('remembers the language after a reload, and switches back to English', async () => {
    const { page, url } = b;
    await page.goto(`${url}#/library`);
    await expect.poll(() => page.getByRole('heading', { name: 'Scenariobibliotek' }).isVisible()).toBe(true);
    await page.getByLabel('Språk').selectOption('en');
    await expect.poll(() => page.getByRole('heading', { name: 'Scenario library' }).isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Scenario library' }).isVisible()).toBe(true);
  });

  it('starts in Swedish for a Swedish browser', async () => {
    const page = await b.context.newPage();
    await page.addInitScript(() => {
      localStorage.clear();
      Object.defineProperty(navigator, 'languages', { get: () => ['sv-SE', 'sv'] });
    });
    await page.goto(`${b.url}#/library`);
    await expect.poll(() => page.getByRole('heading', { name: 'Scenariobibliotek' }).isVisible()).toBe(true);
    await page.close();
  });

  it('shows the built-in scenarios and payment models in Swedish, and the Swedish texts can be edited', async () => {
    const { page, url } = b;
    await page.goto(`${url}#/library`);
    await page.locator('label.language select').selectOption('sv');
    const sv = (builtin.json.translations as { sv: Record<string, string> }).sv;
    await expect.poll(() => page.locator('rb-library article h3', { hasText: sv.title }).count()).toBe(1);
    await page.getByRole('button', { name: `Öppna ${sv.title}`, exact: true }).click();
    await expect.poll(() => page.locator('rb-results h1').textContent()).toBe(sv.title);
    expect(await page.locator('rb-results .question').textContent()).toBe(sv.question);
    // A payment model's Swedish title heads its levers.
    const components = (builtin.json.payment as { components: { model?: string }[] }).components;
    const modelId = components.find((c) => c.model)!.model!;
    const model = JSON.parse(await readFile(`models/${modelId}.json`, 'utf8'));
    await expect.poll(() => page.locator('rb-levers h3', { hasText: model.translations.sv.title }).count()).toBeGreaterThan(0);
    expect(await page.locator('rb-levers h3', { hasText: model.title }).count()).toBe(0);
    // …and its components have the model's Swedish labels in the results tables.
    const label = Object.values(model.translations.sv.labels as Record<string, string>)[0].replace(/\$\{\w+\}.*/, '');
    await expect.poll(() => page.locator('rb-results #by-component').textContent()).toContain(label);

    await page.getByRole('link', { name: 'Redigera' }).click();
    await page.getByLabel('Titel på svenska').fill('Egen svensk titel');
    await page.getByRole('link', { name: 'Resultat' }).click();
    await expect.poll(() => page.locator('rb-results h1').textContent()).toBe('Egen svensk titel');
    // In English the file's own title is shown.
    await page.locator('label.language select').selectOption('en');
    await expect.poll(() => page.locator('rb-results h1').textContent()).toBe(String(builtin.json.title));
    await page.locator('label.language select').selectOption('sv');
  });

  it('says the validator\'s problems, the formula check and a refused import in Swedish', async () => {
    const { page, url } = b;
    const fixture = JSON.parse(await readFile(FIXTURE, 'utf8'));
    await page.goto(`${url}#/results?s=${await shareCode(page, fixture)}`);
    await page.locator('label.language select').selectOption('sv');
    await page.getByRole('link', { name: 'Redigera' }).click();
    const size = page.locator('[data-path="population.size"] input');
    await size.fill('abc');
    await expect.poll(() => page.locator('[data-path="population.size"] .issue').textContent()).toBe('måste vara ett tal, men är en text');
    await expect.poll(() => page.locator('.summary').textContent()).toMatch(/1 problem att rätta/);
    expect(await englishLeft(page)).toEqual([]);
    await size.fill('-5');
    await expect.poll(() => page.locator('[data-path="population.size"] .issue').textContent()).toBe('måste vara ett heltal ≥ 1, men är -5');

    const field = page.locator('[data-path="payment.components[0].weight"] rb-formula-field');
    const verdict = async () => (await field.locator('.ok, .issue').allTextContents()).join(' ');
    await field.locator('input').fill('agee * 2');
    await expect.poll(verdict).toMatch(/^✗ okänt namn 'agee' \(kända: /);
    await field.locator('input').fill('1 +');
    await expect.poll(verdict).toMatch(/^✗ formeln kan inte tolkas: uttrycket tar slut för tidigt/);
    await field.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshotWithoutToasts(page, 'i18n-editor-problems-sv');

    await page.getByRole('link', { name: 'Bibliotek' }).click();
    await page.getByLabel('Importera en scenariofil (JSON)').setInputFiles({ name: 'trasig.json', mimeType: 'application/json', buffer: Buffer.from('{ "schemaVersion": 1, ') });
    await expect.poll(() => page.locator('.import-error').textContent()).toMatch(/inte giltig JSON på rad 1, kolumn 23: ett egenskapsnamn inom dubbla citattecken väntades, men texten tar slut/);
    expect(await englishLeft(page)).toEqual([]);
  });
});
