/**
 * A scenario opened from a shared link is not an edit: the header says where it came from (and
 * that Save keeps it) until the user changes something, then "unsaved changes"; after Save,
 * neither. For a whole scenario in the link (s=) and for a built-in's variant (p=), across a
 * reload, at 1024×768 and 1440×900.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, saveScenario, shareCode } from './support/browser.js';
import { FIXTURE } from './support/core.js';

const b = useBrowser();

/** The header's badges about the working scenario. */
async function badges(page: Page): Promise<string[]> {
  const header = page.locator('reimburse-app header .working');
  await header.waitFor();
  return (await header.locator('.badge').allTextContents()).map((s) => s.trim());
}

const LINKED = 'from a shared link — save to keep it';
const UNSAVED = 'unsaved changes';

describe.each([
  // A built-in each: the first one's edited draft would be resumed when it is opened again.
  { width: 1024, height: 768, builtin: 'teaching-wrong-pocket-1-fragmented' },
  { width: 1440, height: 900, builtin: 'teaching-wrong-pocket-3-sip-and-bonus' },
])('a shared link at $width×$height', ({ width, height, builtin }) => {
  it('a whole scenario in the link: from a link, then unsaved after an edit, then saved', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width, height });
    const json = JSON.parse(await readFile(FIXTURE, 'utf8'));
    json.title = `Shared at ${width}`;
    await page.goto(`${url}#/edit?s=${await shareCode(page, json)}`);
    await expect.poll(() => badges(page)).toEqual([LINKED]);
    await page.reload();
    await expect.poll(() => badges(page)).toEqual([LINKED]);

    const title = page.getByLabel('Title', { exact: true });
    await title.fill(`Shared at ${width}, edited`);
    await expect.poll(() => badges(page)).toEqual([UNSAVED]);
    // Undone, it is the link's scenario again.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => title.inputValue()).toBe(json.title);
    await expect.poll(() => badges(page)).toEqual([LINKED]);

    await saveScenario(page);
    await page.getByText(`Saved '${json.title}' in this browser.`).waitFor();
    await expect.poll(() => badges(page)).toEqual([]);
    await title.fill(`${json.title}!`);
    await expect.poll(() => badges(page)).toEqual([UNSAVED]);
  });

  it('a built-in scenario\'s variant in the link (only its difference): from a link; the built-in itself: neither', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width, height });
    await page.goto(`${url}#/edit?src=builtin:${builtin}`);
    await expect.poll(() => badges(page)).toEqual([]);
    const title = page.getByLabel('Title', { exact: true });
    await title.fill(`A variant at ${width}`);
    await expect.poll(() => badges(page)).toEqual([UNSAVED]);
    await expect.poll(() => page.url()).toMatch(/[?&]p=/);
    // Opened elsewhere (without this browser's draft), the link is the variant, not an edit.
    const link = page.url().replace(/([?&])d=[^&]*&?/, '$1');
    await page.goto(`${url}#/library`);
    await page.goto(link);
    await expect.poll(() => title.inputValue()).toBe(`A variant at ${width}`);
    await expect.poll(() => badges(page)).toEqual([LINKED]);
    await title.fill(`A variant at ${width}, edited`);
    await expect.poll(() => badges(page)).toEqual([UNSAVED]);
  });
});

describe('in Swedish', () => {
  it('says where the scenario came from in Swedish', async () => {
    const { page, url } = b;
    await page.setViewportSize({ width: 1024, height: 768 });
    const json = JSON.parse(await readFile(FIXTURE, 'utf8'));
    json.title = 'Delad';
    await page.goto(`${url}#/results?s=${await shareCode(page, json)}`);
    await page.getByLabel('Language').selectOption('sv');
    await expect.poll(() => badges(page)).toEqual(['från en delad länk — spara för att behålla']);
    await page.getByLabel('Språk').selectOption('en');
  });
});
