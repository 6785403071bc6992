/**
 * The facilitator's view: groups save their designs under a group name, and the ranking on the
 * Compare page runs every group's design with expected values on the same seed and ranks them
 * on outcomes and on the payers' total cost, sortable by each column, in both languages.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, screenshotWithoutToasts, shareCode, saveScenario } from './support/browser.js';
import { FIXTURE } from './support/core.js';

const b = useBrowser();

const groupsInOrder = (page: Page) => page.locator('rb-ranking tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-group')));
const cost = (page: Page, group: string) => page.locator(`rb-ranking tbody tr[data-group="${group}"] td[data-col="costKr"]`).textContent();

describe('facilitator ranking', () => {
  it("ranks two groups' saved designs on outcomes and cost, sortable, in English and Swedish", async () => {
    const { page, url } = b;
    await page.goto(url);
    const base = JSON.parse(await readFile(FIXTURE, 'utf8'));
    const pricier = structuredClone(base);
    pricier.title = 'Higher DRG price';
    pricier.payment.components[3].price = 40000;
    for (const [json, group] of [
      [base, 'Group Alpha'],
      [pricier, 'Group Beta'],
    ] as const) {
      await page.goto(`${url}#/results?s=${await shareCode(page, json)}`);
      await page.locator('[data-metric="spendingKr"]').first().waitFor();
      await page.getByRole('textbox', { name: 'Group', exact: true }).fill(group);
      await saveScenario(page);
      await page.getByText(`Saved '${json.title}' in this browser.`).waitFor();
    }
    await page.getByRole('link', { name: 'Compare' }).click();
    await page.getByRole('button', { name: "Rank the groups' designs" }).click();
    await page.locator('rb-ranking tbody tr').nth(1).waitFor({ timeout: 60_000 });
    expect((await groupsInOrder(page)).sort()).toEqual(['Group Alpha', 'Group Beta']);
    const alpha = await cost(page, 'Group Alpha');
    const beta = await cost(page, 'Group Beta');
    expect(alpha).toMatch(/\d kr$/);
    expect(alpha).not.toBe(beta);

    // Sorting by the payers' total cost: cheapest first, then the other way round.
    await page.getByRole('button', { name: /Total cost to payers/ }).click();
    const ascending = await groupsInOrder(page);
    const kr = (s: string | null) => Number((s ?? '').replace(/[^\d-]/g, ''));
    expect(kr(await cost(page, ascending[0]!))).toBeLessThanOrEqual(kr(await cost(page, ascending[1]!)));
    expect(await page.locator('rb-ranking th[aria-sort="ascending"]').count()).toBe(1);
    await page.getByRole('button', { name: /Total cost to payers/ }).click();
    expect(await groupsInOrder(page)).toEqual([...ascending].reverse());
    expect(await page.locator('rb-ranking tbody tr').first().locator('td').first().textContent()).toBe('1');
    await page.locator('rb-ranking').scrollIntoViewIfNeeded();
    await screenshotWithoutToasts(page, 'facilitator-ranking-en');

    await page.getByLabel('Language').selectOption('sv');
    await expect.poll(() => page.getByRole('heading', { name: 'Rangordning av gruppernas ersättningsmodeller' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /Total kostnad för betalarna/ }).isVisible()).toBe(true);
    expect(await page.locator('rb-ranking tbody tr').count()).toBe(2);
    await screenshotWithoutToasts(page, 'facilitator-ranking-sv');
  });

  it('keeps the group name through a language switch, and shows a saved design\'s group when it is opened again', async () => {
    const { page, url } = b;
    await page.goto(`${url}#/library`);
    await page.locator('label.language select').selectOption('en');
    const json = JSON.parse(await readFile(FIXTURE, 'utf8'));
    json.title = 'Group Gamma design';
    await page.goto(`${url}#/results?s=${await shareCode(page, json)}`);
    await page.locator('[data-metric="spendingKr"]').first().waitFor();
    await page.getByRole('textbox', { name: 'Group', exact: true }).fill('Group Gamma');
    await page.getByLabel('Language').selectOption('sv');
    const grupp = page.getByRole('textbox', { name: 'Grupp', exact: true });
    await expect.poll(() => grupp.inputValue()).toBe('Group Gamma');
    await saveScenario(page, { sv: true });
    await page.getByLabel('Språk').selectOption('en');
    await expect.poll(() => page.getByRole('textbox', { name: 'Group', exact: true }).inputValue()).toBe('Group Gamma');

    // Kept through a reload; then another group's name, and the saved design again from the
    // library: its own group comes back with it.
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Group', exact: true }).inputValue()).toBe('Group Gamma');
    await page.getByRole('textbox', { name: 'Group', exact: true }).fill('Group Delta');
    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByRole('button', { name: 'Open Group Gamma design', exact: true }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Group', exact: true }).inputValue()).toBe('Group Gamma');
  });
});
