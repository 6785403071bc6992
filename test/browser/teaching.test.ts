/**
 * Teaching mode end to end, in English and Swedish: the five steps by button and arrow key,
 * the incentive table solving, a design lever changing the numbers live, and coordination
 * year by year in an adaptive scenario. Screenshots of every step go to test-output/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, screenshotWithoutToasts } from './support/browser.js';
import { englishLeft } from './support/english.js';

const b = useBrowser();

const heading = (page: Page, name: string) => page.locator('rb-teaching h1').filter({ hasText: name });
const facts = (page: Page) => page.locator('rb-teaching .fact strong');

async function atStep(page: Page, name: string): Promise<void> {
  await expect.poll(() => heading(page, name).isVisible(), { timeout: 30_000 }).toBe(true);
}

describe('teaching mode', () => {
  it('walks the wrong-pocket scenario in English: people, payment, incentives, a lever', async () => {
    const { page, url } = b;
    await page.goto(`${url}#/teach`);
    await page.getByRole('button', { name: 'Start with the wrong-pocket teaching scenario' }).click();
    await atStep(page, 'The patients and the providers');
    await expect.poll(() => facts(page).count()).toBeGreaterThan(4);
    expect(await page.getByText('Step 1 of 6').isVisible()).toBe(true);
    await screenshotWithoutToasts(page, 'teach-en-1-people');

    await page.keyboard.press('ArrowRight');
    await atStep(page, "Today's payment: who pays whom");
    await page.locator('rb-teaching rb-money-flow svg').waitFor();
    await screenshotWithoutToasts(page, 'teach-en-2-payment');

    await page.getByRole('button', { name: 'Next →' }).click();
    await atStep(page, 'Is coordination worth it');
    await page.locator('rb-teaching rb-incentives table.incentives').waitFor({ timeout: 90_000 });
    await screenshotWithoutToasts(page, 'teach-en-3-incentives');

    await page.keyboard.press('ArrowRight');
    await atStep(page, 'One lever at a time');
    await expect.poll(() => facts(page).count()).toBeGreaterThan(2);
    const before = await facts(page).allTextContents();
    await page.getByRole('button', { name: 'SIP fee' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'SIP fee' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => JSON.stringify(await facts(page).allTextContents()), { timeout: 60_000 }).not.toBe(JSON.stringify(before));
    await expect.poll(() => page.locator('rb-teaching .issue').count()).toBe(0);
    await screenshotWithoutToasts(page, 'teach-en-4-levers');
  });

  it('switches to Swedish and walks back with the arrow keys', async () => {
    const { page } = b;
    await page.getByLabel('Language').selectOption('sv');
    await atStep(page, 'Ett reglage i taget');
    expect(await page.getByRole('button', { name: 'Ersättning för SIP' }).getAttribute('aria-pressed')).toBe('true');
    // Swedish numbers: a space between thousands groups, a decimal comma.
    expect((await facts(page).allTextContents()).join(' ')).toMatch(/\d,\d/);
    await screenshotWithoutToasts(page, 'teach-sv-4-levers');
    expect(await englishLeft(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ersättning för SIP' }).click();

    await page.keyboard.press('ArrowLeft');
    await atStep(page, 'Lönar sig samordning');
    await page.locator('rb-teaching rb-incentives table.incentives').waitFor({ timeout: 90_000 });
    await screenshotWithoutToasts(page, 'teach-sv-3-incentives');
    // On a projector-wide screen the incentive table fits without scrolling sideways, in Swedish too.
    const fits = (el: Element) => el.scrollWidth <= el.clientWidth + 1;
    expect(await page.locator('rb-teaching rb-incentives .scroll').first().evaluate(fits)).toBe(true);
    expect(await englishLeft(page)).toEqual([]);
    await page.keyboard.press('ArrowLeft');
    await atStep(page, 'Dagens ersättning: vem betalar vem');
    await screenshotWithoutToasts(page, 'teach-sv-2-payment');
    expect(await englishLeft(page)).toEqual([]);
    await page.keyboard.press('ArrowLeft');
    await atStep(page, 'Patienterna och vårdgivarna');
    expect(await page.getByText('Steg 1 av 6').isVisible()).toBe(true);
    await page.locator('rb-teaching details.glossary summary').click();
    await expect.poll(() => page.getByText('Projektsyndrom', { exact: true }).isVisible()).toBe(true);
    await screenshotWithoutToasts(page, 'teach-sv-1-people-glossary');
    expect(await englishLeft(page)).toEqual([]);
    await page.locator('rb-teaching details.glossary summary').click();
  });

  it('plays coordination year by year in the adaptive state-programme scenario', async () => {
    const { page } = b;
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await atStep(page, 'År för år');
    await page.getByRole('button', { name: 'Öppna scenariot om statens satsning' }).click();
    const year = page.locator('rb-teaching [data-year]');
    await year.waitFor({ timeout: 120_000 });
    const first = await year.getAttribute('data-year');
    await page.getByRole('button', { name: '▶ Spela' }).click();
    await expect.poll(() => year.getAttribute('data-year'), { timeout: 15_000 }).not.toBe(first);
    await page.getByRole('button', { name: '❚❚ Pausa' }).click();
    await screenshotWithoutToasts(page, 'teach-sv-5-dynamics');
    expect(await englishLeft(page)).toEqual([]);
    await page.getByLabel('Språk').selectOption('en');
    await atStep(page, 'Year by year');
    await screenshotWithoutToasts(page, 'teach-en-5-dynamics');
  });
});
