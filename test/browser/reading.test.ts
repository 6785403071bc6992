/**
 * Reading results, at 1024×768 and 1440×900: the status after a reload says what is shown (no
 * change was made), a bonus that paid nothing stays in the table and says so, a lever holds its
 * exact value on the slider and in the box beside it.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useBrowser, shareCode } from './support/browser.js';
import { FIXTURE } from './support/core.js';

const b = useBrowser();

describe.each([
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
])('reading results at $width×$height', ({ width, height }) => {
  it('says after a reload that the providers have not yet responded, not that something changed', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width, height });
    await page.goto(`${url}#/results?src=builtin:teaching-wrong-pocket`);
    const status = page.locator('rb-results div.status');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/response solved/);
    await page.reload();
    // Every status shown from the reload until the response is solved, read at each frame.
    const seen = await page.waitForFunction(
      () => {
        const w = window as unknown as { seenStatus?: string[] };
        w.seenStatus ??= [];
        const el = document.querySelector('reimburse-app')?.shadowRoot?.querySelector('rb-results')?.shadowRoot?.querySelector('div.status');
        const text = el?.textContent?.replace(/\s+/g, ' ').trim();
        if (text && w.seenStatus.at(-1) !== text) w.seenStatus.push(text);
        return text && /response solved/.test(text) ? w.seenStatus : false;
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    const texts = (await seen.jsonValue()) as string[];
    expect(texts.filter((x) => /before this change/.test(x))).toEqual([]);
    for (const x of texts.filter((y) => !/response solved/.test(y))) expect(x).toMatch(/with the providers' behaviour as the scenario states it, before they respond to the design/);
  });

  it('keeps a bonus that paid nothing in the table, and a lever at its exact value', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width, height });
    const json = JSON.parse(await readFile(FIXTURE, 'utf8'));
    json.title = 'Unreachable bonus';
    json.payment.components.push({ id: 'never', label: 'Never paid', kind: 'goal', indicator: 'carePlanShare', target: 1, amount: 50000, payer: 'region', payee: 'vc-soder' });
    json.payment.components[0].amount = 3528.25;
    await page.goto(`${url}#/results?s=${await shareCode(page, json)}`);
    const row = page.locator('rb-results table.components tr[data-component="never"]');
    await row.waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toMatch(/Never paid\s*\(paid nothing\)/);
    expect(await row.locator('td[data-value]').getAttribute('data-value')).toBe('0');

    // The capitation of 3 528.25 kr: exact in the box, and the slider on it (not snapped to its grid).
    const lever = page.locator('rb-levers .lever[data-path="payment.components[0].amount"]');
    if (!(await lever.isVisible())) await page.getByRole('button', { name: /levers/i }).first().click();
    expect(await lever.locator('input[type="text"]').inputValue()).toBe('3528.25');
    expect(await lever.locator('input[type="range"]').inputValue()).toBe('3528.25');
    // One step up by keyboard moves by a whole step from the exact value.
    const range = lever.locator('input[type="range"]');
    const step = Number(await range.getAttribute('step'));
    await range.focus();
    await range.press('ArrowRight');
    await expect.poll(async () => Number(await lever.locator('input[type="text"]').inputValue())).toBeCloseTo(3528.25 + step, 6);
  });
});
