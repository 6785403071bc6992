/**
 * Every view from a 1024×768 projector to a 1440×900 laptop: the page never scrolls sideways
 * (wide tables scroll in their own box, their first column in view), the levers are a drawer
 * below 1100 px, the glossary opens on-screen and the incentive table's "who pockets" column is
 * in view.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, screenshotWithoutToasts } from './support/browser.js';

const b = useBrowser();

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
] as const;

const SCENARIO = 'builtin:teaching-wrong-pocket';

/** How far the page scrolls sideways (0 when it does not). */
async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The right edge of an element inside the app's shadow roots, or -1 when it is not there. */
async function rightEdge(page: Page, selector: string): Promise<number> {
  const el = page.locator(selector).first();
  if ((await el.count()) === 0) return -1;
  return el.evaluate((e) => e.getBoundingClientRect().right);
}

describe.each(SIZES)('at $width×$height', ({ width, height }) => {
  it('no view scrolls sideways', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width, height });
    const views = [
      '#/library',
      `#/results?src=${SCENARIO}`,
      `#/edit?src=${SCENARIO}`,
      `#/compare?cmp=${SCENARIO},builtin:teaching-wrong-pocket-2-shared-budget`,
      ...[0, 1, 3, 4].map((step) => `#/teach?src=${SCENARIO}&step=${step}`),
    ];
    for (const view of views) {
      await page.goto(`${url}${view}`);
      await page.locator('reimburse-app main > *').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('reimburse-app')?.shadowRoot?.querySelector('[role="status"].muted'));
      if (view.startsWith('#/results')) await page.locator('[data-metric="spendingKr"]').first().waitFor();
      if (view.startsWith('#/teach')) await page.locator('rb-teaching h1').waitFor();
      expect({ view, sideways: await sideways(page) }).toEqual({ view, sideways: 0 });
    }
  });

  it('keeps a microsimulation’s wide tables in their own scrolling box', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width, height });
    await page.goto(`${url}#/results?src=${SCENARIO}&engine=micro&reps=2`);
    await page.getByRole('button', { name: /Run microsimulation|Run again/ }).click();
    await page.locator('[data-engine="micro"] [data-metric="spendingKr"]').first().waitFor({ timeout: 120_000 });
    expect(await sideways(page)).toBe(0);
    // Every table box ends inside the page; the first column stays put when the box scrolls.
    const boxes = page.locator('rb-results .scroll');
    expect(await boxes.count()).toBeGreaterThan(2);
    for (const box of await boxes.all()) expect(await box.evaluate((e) => e.getBoundingClientRect().right)).toBeLessThanOrEqual(width);
    const sticky = await page.locator('rb-results .scroll th').first().evaluate((e) => getComputedStyle(e).position);
    expect(sticky).toBe('sticky');
  });

  it('puts the levers in a drawer below 1100 px and beside the results above', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width, height });
    await page.goto(`${url}#/results?src=${SCENARIO}`);
    await page.locator('[data-metric="spendingKr"]').first().waitFor();
    const toggle = page.getByRole('button', { name: 'Levers', exact: true });
    const firstLever = page.locator('rb-levers input[type="range"]').first();
    if (width < 1100) {
      expect(await firstLever.isVisible()).toBe(false);
      await toggle.click();
      await expect.poll(() => firstLever.isVisible()).toBe(true);
      expect(await rightEdge(page, 'rb-results aside')).toBeLessThanOrEqual(width);
      expect(await sideways(page)).toBe(0);
      await screenshotWithoutToasts(page, `layout-${width}-levers-drawer`);
      await page.keyboard.press('Escape');
      await expect.poll(() => firstLever.isVisible()).toBe(false);
      // Focus goes back to the button that opened the drawer.
      expect(await toggle.evaluate((e) => (e.getRootNode() as ShadowRoot).activeElement === e)).toBe(true);
    } else {
      expect(await toggle.isVisible()).toBe(false);
      expect(await firstLever.isVisible()).toBe(true);
    }
  });

  it('shows who pockets the savings and opens the glossary on-screen in teaching', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width, height });
    await page.goto(`${url}#/teach?src=${SCENARIO}&step=2&lang=sv`);
    await page.locator('rb-teaching rb-incentives table.incentives').waitFor({ timeout: 120_000 });
    const pockets = await rightEdge(page, 'rb-incentives th.pockets');
    expect(pockets).toBeGreaterThan(0);
    expect(pockets).toBeLessThanOrEqual(width);
    expect(await rightEdge(page, 'rb-incentives td.pockets')).toBeLessThanOrEqual(width);
    await screenshotWithoutToasts(page, `layout-${width}-teach-incentives`);
    await page.locator('rb-teaching details.glossary summary').click();
    const list = page.locator('rb-teaching details.glossary dl');
    await list.waitFor();
    const box = await list.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(width);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(height);
    expect(await sideways(page)).toBe(0);
    await page.locator('rb-teaching details.glossary summary').click();
    await page.goto(`${url}#/library`);
  });
});
