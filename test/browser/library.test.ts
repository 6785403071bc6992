/**
 * The library and the editor: save and reload, drafts that survive a reload, export and import
 * round trip, bad imports refused without touching what is saved, delete with undo, shared
 * links, and the validator's and formula checker's messages next to the fields.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, screenshotWithoutToasts, shareCode, unlabelledControls, saveScenario } from './support/browser.js';
import { FIXTURE } from './support/core.js';

const b = useBrowser();
let fixture: Record<string, unknown>;

beforeAll(async () => {
  fixture = JSON.parse(await readFile(FIXTURE, 'utf8'));
});

const savedRows = (page: Page) => page.locator('rb-library table.saved tbody tr');

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('Import a scenario file (JSON)').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('library', () => {
  it('opens a scenario from a shared link, saves it, and still has it after a reload', async () => {
    const { page, url } = b;
    await page.goto(`${url}#/results?s=${await shareCode(page, fixture)}`);
    await page.locator('[data-metric="spendingKr"]').first().waitFor();
    await saveScenario(page);
    await expect.poll(() => page.getByText(`Saved '${fixture.title}' in this browser.`).isVisible()).toBe(true);
    await page.reload();
    await page.locator('[data-metric="spendingKr"]').first().waitFor();
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => savedRows(page).count()).toBe(1);
    expect(await savedRows(page).first().locator('.name').textContent()).toBe(fixture.title);
    await page.reload();
    await expect.poll(() => savedRows(page).count()).toBe(1);
  });

  it('keeps what was typed in the editor across a reload, and shows the validator next to the field', async () => {
    const { page } = b;
    await savedRows(page).first().getByRole('button', { name: /^Edit / }).click();
    const size = page.getByLabel('People simulated');
    await size.fill('abc');
    await expect.poll(() => page.locator('[data-path="population.size"] .issue').textContent()).toMatch(/number/);
    const title = page.getByLabel('Title', { exact: true });
    await title.fill('Edited title');
    await page.reload();
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Edited title');
    expect(await page.getByLabel('People simulated').inputValue()).toBe('abc');
    await expect.poll(() => page.locator('.summary').textContent()).toMatch(/problem/);
    await page.locator('[data-path="population.size"]').scrollIntoViewIfNeeded();
    await page.locator('[data-path="population.size"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshotWithoutToasts(page, '06-editor-with-problem');
    await page.getByLabel('People simulated').fill('2000');
    await expect.poll(() => page.locator('.summary').textContent()).toMatch(/valid/);
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it('checks formulas as you type with the sandbox', async () => {
    const { page } = b;
    const field = page.locator('[data-path="payment.components[0].weight"] rb-formula-field');
    const weight = field.locator('input');
    const verdict = async () => (await field.locator('.ok, .issue').allTextContents()).join(' ');
    await weight.fill('acg * (1 + 0.1*(cni-3))');
    await expect.poll(verdict).toMatch(/formula is valid/);
    await weight.fill('agee * 2');
    await expect.poll(verdict).toMatch(/unknown name 'agee'/);
    expect(await weight.getAttribute('aria-invalid')).toBe('true');
    await weight.fill('import("fs")');
    await expect.poll(verdict).toMatch(/not allowed/);
    await field.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshotWithoutToasts(page, '07-editor-formula-check');
    await weight.fill('acg');
    await expect.poll(() => page.locator('.summary').textContent()).toMatch(/valid/);
  });

  it('exports a scenario and imports the file back unchanged', async () => {
    const { page, url } = b;
    await page.goto(`${url}#/library`);
    await expect.poll(() => savedRows(page).count()).toBe(1);
    const download = page.waitForEvent('download');
    await savedRows(page).first().getByRole('button', { name: /^Export / }).click();
    const file = await download;
    const text = await readFile((await file.path())!, 'utf8');
    const exported = JSON.parse(text);
    expect(exported.schemaVersion).toBe(1);
    await importFile(page, file.suggestedFilename(), text);
    await expect.poll(() => savedRows(page).count()).toBe(2);
    // The imported copy exports to the same JSON.
    const again = page.waitForEvent('download');
    await savedRows(page).first().getByRole('button', { name: /^Export / }).click();
    expect(JSON.parse(await readFile((await (await again).path())!, 'utf8'))).toEqual(exported);
  });

  it('refuses a broken file with a message and leaves the library as it was', async () => {
    const { page } = b;
    const before = await savedRows(page).count();
    const broken: [string, string, RegExp][] = [
      ['not-json.json', '{ "schemaVersion": 1, ', /not valid JSON at line 1/],
      ['wrong-schema.json', JSON.stringify({ ...fixture, providers: 'none', simulation: { years: 'five' } }), /providers/],
      ['escaping-formula.json', JSON.stringify({ ...fixture, payment: { components: [{ ...(fixture.payment as { components: object[] }).components[0], weight: 'evaluate("1+1")' }] } }), /not allowed/],
    ];
    for (const [name, text, message] of broken) {
      await importFile(page, name, text);
      const alert = page.locator('.import-error');
      await expect.poll(() => alert.textContent()).toMatch(message);
      expect(await alert.textContent()).toContain(`'${name}' was not imported`);
      expect(await savedRows(page).count()).toBe(before);
      if (name === 'escaping-formula.json') await screenshotWithoutToasts(page, '08-import-refused');
    }
  });

  it('deletes with undo, renames and duplicates', async () => {
    const { page } = b;
    const before = await savedRows(page).count();
    const first = savedRows(page).first();
    const name = (await first.locator('.name').textContent())!;
    await first.getByRole('button', { name: /^Delete / }).click();
    await expect.poll(() => savedRows(page).count()).toBe(before - 1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => savedRows(page).count()).toBe(before);
    await savedRows(page).first().getByRole('button', { name: /^Duplicate / }).click();
    await expect.poll(() => savedRows(page).count()).toBe(before + 1);
    await expect.poll(() => page.locator('rb-library .name', { hasText: `${name} (copy)` }).count()).toBe(1);
    const copy = page.locator('rb-library table.saved tbody tr', { hasText: `${name} (copy)` });
    await copy.getByRole('button', { name: /^Rename / }).click();
    await page.getByLabel('New name').fill('Renamed copy');
    await page.getByLabel('New name').press('Enter');
    await expect.poll(() => page.locator('rb-library .name', { hasText: 'Renamed copy' }).count()).toBe(1);
  });

  it('says so when a shared link is damaged, and keeps the library', async () => {
    const { page, url } = b;
    const before = await savedRows(page).count();
    await page.goto(`${url}#/results?s=AAAA-not-a-scenario`);
    await expect.poll(() => page.getByText('Could not open the scenario in this link').isVisible()).toBe(true);
    await expect.poll(() => savedRows(page).count()).toBe(before);
  });
});
