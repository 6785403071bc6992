/**
 * Teaching on a 1024×768 projector in presentation mode, in Swedish: every step fits on the
 * screen without scrolling (after the room's guess is revealed, with a lever pressed, and in the
 * adaptive scenario's year by year), the room is asked before each answer, step 4 marks before
 * and after, and the walk ends in a summary.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, screenshotWithoutToasts } from './support/browser.js';

const b = useBrowser();

/** How far the page scrolls down and sideways (0 and 0 when the step fits). */
async function overflow(page: Page): Promise<{ down: number; sideways: number }> {
  return page.evaluate(() => ({
    down: document.documentElement.scrollHeight - document.documentElement.clientHeight,
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
}

const heading = (page: Page) => page.locator('rb-teaching h1');

async function reveal(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Visa modellens svar' });
  await button.click();
  await expect.poll(() => button.count()).toBe(0);
}

describe('presentation mode at 1024×768', () => {
  it('fits each step on the screen, asks the room first, marks before and after, and ends in a summary', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${url}#/teach?src=builtin:teaching-wrong-pocket&lang=sv&pres=1`);
    await expect.poll(() => heading(page).textContent()).toBe('Patienterna och vårdgivarna');
    // The app's header is out of the way; the room is asked before the numbers show.
    expect(await page.locator('reimburse-app header').isVisible()).toBe(false);
    expect(await page.locator('rb-teaching .fact').count()).toBe(0);
    await page.getByText('Vilken behovsgrupp är störst här').waitFor();
    await reveal(page);
    await expect.poll(() => page.locator('rb-teaching .fact strong').count()).toBeGreaterThan(4);
    expect(await overflow(page)).toEqual({ down: 0, sideways: 0 });
    await screenshotWithoutToasts(page, 'presentation-1-people');

    await page.getByRole('button', { name: 'Nästa →' }).click();
    await reveal(page);
    await expect.poll(() => page.locator('rb-teaching .fact strong').count()).toBeGreaterThan(3);
    expect(await overflow(page)).toEqual({ down: 0, sideways: 0 });

    await page.getByRole('button', { name: 'Nästa →' }).click();
    await reveal(page);
    await page.locator('rb-teaching rb-incentives table.incentives').waitFor({ timeout: 120_000 });
    expect(await overflow(page)).toEqual({ down: 0, sideways: 0 });
    // Who pockets the savings is on the screen.
    expect(await page.locator('rb-incentives th.pockets').evaluate((e) => e.getBoundingClientRect().right)).toBeLessThanOrEqual(1024);
    await screenshotWithoutToasts(page, 'presentation-3-incentives');

    await page.getByRole('button', { name: 'Nästa →' }).click();
    await reveal(page);
    await expect.poll(() => page.locator('rb-teaching .fact strong').count()).toBeGreaterThan(3);
    await expect.poll(() => page.locator('rb-teaching .body[aria-busy="false"]').count(), { timeout: 60_000 }).toBe(1);
    await page.getByRole('button', { name: 'Ersättning för SIP' }).click();
    // Before and after: the figures that changed carry the figure before any lever.
    await expect.poll(() => page.locator('rb-teaching .fact.changed .before').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('rb-teaching .body[aria-busy="false"]').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.locator('rb-teaching .fact.changed .before').first().textContent()).toMatch(/^före: /);
    expect(await overflow(page)).toEqual({ down: 0, sideways: 0 });
    await screenshotWithoutToasts(page, 'presentation-4-levers');
    await page.getByRole('button', { name: 'Ersättning för SIP' }).click();

    await page.getByRole('button', { name: 'Nästa →' }).click();
    await reveal(page);
    expect(await overflow(page)).toEqual({ down: 0, sideways: 0 });
    await page.getByRole('button', { name: 'Nästa →' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Vad vi såg');
    await expect.poll(() => page.locator('rb-teaching ol.summary li').count()).toBe(4);
    expect(await overflow(page)).toEqual({ down: 0, sideways: 0 });
    await screenshotWithoutToasts(page, 'presentation-6-summary');

    // Year by year in the adaptive scenario, also on one screen.
    await page.getByRole('button', { name: '← Bakåt' }).click();
    await page.getByRole('button', { name: 'Öppna scenariot om statens satsning' }).click();
    await page.locator('rb-teaching [data-year]').waitFor({ timeout: 120_000 });
    expect(await overflow(page)).toEqual({ down: 0, sideways: 0 });

    await page.getByRole('button', { name: 'Lämna presentationsläget' }).click();
    await page.locator('reimburse-app header').waitFor();
  });
});
