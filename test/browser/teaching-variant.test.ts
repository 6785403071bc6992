/**
 * Teaching step 5 on a scenario whose providers do not adapt: it opens the same scenario as a new
 * variant with a grant for the first year (the original keeps its own draft), with a bar for the
 * effort before any response and one per year; Next leads to the summary. At 1024×768 and 1440×900.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './support/browser.js';

const b = useBrowser();

/** The working scenario's draft (the one the URL names). */
async function draftTitle(page: Page): Promise<{ title: string; behaviour: string; grant: boolean }> {
  return page.evaluate(() => {
    const id = /[?&]d=([^&]+)/.exec(location.hash)?.[1];
    const draft = JSON.parse(localStorage.getItem(`reimburse:draft:${id}`) ?? '{}');
    const components = (draft.json?.payment?.components ?? []) as { id: string }[];
    return { title: draft.json?.title, behaviour: draft.json?.simulation?.behaviour, grant: components.some((c) => c.id === 'teach-coordination-activity-grant') };
  });
}

describe.each([
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
])('teaching step 5 at $width×$height', ({ width, height }) => {
  it('opens a new variant with a grant that ends, with its bars year by year, and keeps the original', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width, height });
    await page.goto(`${url}#/teach?src=builtin:teaching-wrong-pocket-1-fragmented&step=4`);
    const button = page.getByRole('button', { name: 'Try it here: a grant for the first year, as a new variant' });
    await button.waitFor({ timeout: 60_000 });
    const original = page.url();
    await button.click();
    await expect.poll(() => page.url()).not.toBe(original);
    const draft = await draftTitle(page);
    expect(draft.title).toMatch(/ — a grant that ends$/);
    expect(draft).toMatchObject({ behaviour: 'adaptive', grant: true });
    expect(page.url()).toMatch(/step=4/);

    // The bars: before any response, then each year — up while the grant pays, down after it ends.
    const cols = page.locator('rb-teaching .years .col');
    await expect.poll(() => cols.count(), { timeout: 150_000 }).toBeGreaterThanOrEqual(4);
    const effort = await cols.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-effort'))));
    // Before any response, then one bar per year of the variant (three at least).
    expect(effort.every(Number.isFinite)).toBe(true);
    expect(await cols.first().locator('small').textContent()).toBe('Before');
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
    expect(scroll).toBeLessThanOrEqual(inner);

    // The original scenario's own draft is still there, without the grant.
    const originals = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('reimburse:draft:'))
        .map((k) => JSON.parse(localStorage.getItem(k)!))
        .filter((d) => d.origin === 'builtin:teaching-wrong-pocket-1-fragmented')
        .map((d) => (d.json.payment.components as { id: string }[]).some((c) => c.id === 'teach-coordination-activity-grant')),
    );
    expect(originals).toEqual([false]);
    // And the walk goes on to the summary.
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { level: 1, name: 'What we saw' }).waitFor();
  });
});
