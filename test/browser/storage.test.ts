/**
 * Nothing saved is lost: the library survives a corrupted record (listed as damaged, with its
 * raw JSON to export, the others still there), a write the browser refuses (storage full: said
 * as an error, the draft kept), a reload in the middle of a save, and a 1 kB share link that
 * would inflate past the bound. Saving asks for a name; the name shows in the library, in
 * compare and in the header, and follows a rename.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, saveScenario, screenshotWithoutToasts, shareCode } from './support/browser.js';
import { FIXTURE } from './support/core.js';

const b = useBrowser();
let fixture: Record<string, unknown>;

beforeAll(async () => {
  fixture = JSON.parse(await readFile(FIXTURE, 'utf8'));
});

const savedRows = (page: Page) => page.locator('rb-library table.saved tbody tr');
const savedNames = (page: Page) => page.locator('rb-library table.saved .name').allTextContents();

/** Put a value straight into the app's IndexedDB store, as a bug or another app version might have. */
async function putRaw(page: Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(
    ([k, v]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('reimburse', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('kv');
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite');
          tx.objectStore('kv').put(v, k as string);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    [key, value] as const,
  );
}

async function openFixture(page: Page, url: string, json: unknown = fixture): Promise<void> {
  await page.goto(`${url}#/results?s=${await shareCode(page, json)}`);
  await page.locator('[data-metric="spendingKr"]').first().waitFor();
}

describe('saving and the library', () => {
  it('asks for a name; the named save appears in the library, in compare and in the header, and follows a rename', async () => {
    const { page, url } = b;
    await openFixture(page, url);
    await saveScenario(page, { name: 'Named by the payer' });
    await page.getByText("Saved 'Named by the payer' in this browser.").waitFor();
    expect(await page.locator('reimburse-app header .name').textContent()).toBe('Named by the payer');
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => savedNames(page)).toEqual(['Named by the payer']);
    await page.getByRole('link', { name: 'Compare' }).click();
    await page.getByRole('checkbox', { name: 'Named by the payer' }).waitFor();

    // Save as: a second record under a new name; the first stays as it was.
    await page.getByRole('link', { name: 'Library' }).click();
    await savedRows(page).first().getByRole('button', { name: /^Open / }).click();
    await page.locator('[data-metric="spendingKr"]').first().waitFor();
    await page.getByRole('button', { name: 'Save…', exact: true }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('A second design');
    await page.getByRole('dialog').getByRole('button', { name: 'Save as new' }).click();
    await page.getByText("Saved 'A second design' in this browser.").waitFor();
    expect(await page.locator('reimburse-app header .name').textContent()).toBe('A second design');

    // A name already taken is said before it is replaced.
    await page.getByRole('button', { name: 'Save…', exact: true }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('Named by the payer');
    await page.getByRole('dialog').getByText('is already called').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => savedNames(page)).toEqual(['A second design', 'Named by the payer']);
    const row = page.locator('rb-library table.saved tbody tr', { hasText: 'A second design' });
    await row.getByRole('button', { name: /^Rename / }).click();
    await page.getByLabel('New name').fill('Renamed design');
    await page.getByLabel('New name').press('Enter');
    await expect.poll(() => page.locator('reimburse-app header .name').textContent()).toBe('Renamed design');
  });

  it('lists a corrupted record as damaged, with its raw JSON to export, and keeps the others', async () => {
    const { page, url } = b;
    await page.goto(`${url}#/library`);
    const before = await savedNames(page);
    const halfWritten = { id: 'half', name: 'Half written', json: null, savedAt: 1 };
    await putRaw(page, 'scenario:half', halfWritten);
    await putRaw(page, 'scenario:text', 'not a record at all');
    await putRaw(page, 'scenario:future', { formatVersion: 99, id: 'future', name: 'From a newer app', json: {}, createdAt: 1, savedAt: 1 });
    // An old record (no formatVersion) is migrated and opens.
    await putRaw(page, 'scenario:old', { id: 'old', name: 'From an older app', json: fixture, savedAt: 3 });
    await page.reload();
    await expect.poll(() => savedNames(page)).toEqual([...before, 'From an older app']);
    const damaged = page.locator('rb-library .damaged li');
    await expect.poll(() => damaged.count()).toBe(3);
    expect(await page.locator('rb-library .damaged').textContent()).toContain('saved by a newer version');
    await screenshotWithoutToasts(page, 'library-damaged');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export the damaged record Half written as it is' }).click();
    expect(JSON.parse(await readFile((await (await download).path())!, 'utf8'))).toEqual(halfWritten);
    await page.getByRole('button', { name: 'Delete the damaged record Half written' }).click();
    await expect.poll(() => damaged.count()).toBe(2);

    // The compare view lists what opens, and nothing damaged stops it.
    await page.getByRole('link', { name: 'Compare' }).click();
    await page.getByRole('checkbox', { name: 'From an older app' }).waitFor();
    await page.getByRole('link', { name: 'Library' }).click();
    for (const name of ['text', 'From a newer app']) await page.getByRole('button', { name: `Delete the damaged record ${name}` }).click();
    await expect.poll(() => page.locator('rb-library .damaged').count()).toBe(0);
  });

  it('says a refused write (storage full) is an error and keeps the draft', async () => {
    const { page, url, context } = b;
    const edited = { ...structuredClone(fixture), title: 'Edited before the disk filled up' };
    await openFixture(page, url, edited);
    const cdp = await context.newCDPSession(page);
    const origin = new URL(url).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    try {
      // The browser reads the quota when it opens the store: close every connection (leave the
      // page), give it time to let the store go, and come back to the same draft.
      const draft = await page.evaluate(() => location.hash);
      await page.goto('about:blank');
      await page.waitForTimeout(4000);
      await page.goto(`${url}${draft}`);
      await page.locator('[data-metric="spendingKr"]').first().waitFor();
      await saveScenario(page, { name: 'Will not fit' });
      const alert = page.getByRole('dialog').getByRole('alert');
      await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toMatch(/Not saved: .*storage for this site is full/);
      expect(await page.getByText("Saved 'Will not fit' in this browser.").count()).toBe(0);
      await screenshotWithoutToasts(page, 'save-storage-full');
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      // Still not in the library: opened from a link, not saved.
      expect(await page.locator('reimburse-app .badge').textContent()).toBe('from a shared link — save to keep it');
    } finally {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    }
    // The draft is still there after a reload, with its edit; nothing half-saved is listed.
    await page.reload();
    await page.locator('[data-metric="spendingKr"]').first().waitFor();
    expect(await page.locator('reimburse-app header .name').textContent()).toBe('Edited before the disk filled up');
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => savedRows(page).count()).toBeGreaterThan(0);
    expect(await savedNames(page)).not.toContain('Will not fit');
    expect(await page.locator('rb-library .damaged').count()).toBe(0);
  });

  it('survives a reload in the middle of a save: the record is whole or absent, the draft is kept', async () => {
    const { page, url } = b;
    const edited = { ...structuredClone(fixture), title: 'Saved while reloading' };
    await openFixture(page, url, edited);
    const before = (await page.evaluate(() => location.hash)) as string;
    await page.getByRole('button', { name: 'Save…', exact: true }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('Saved while reloading');
    await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
    await page.reload();
    await page.locator('[data-metric="spendingKr"]').first().waitFor();
    expect(await page.locator('reimburse-app header .name').textContent()).toBe('Saved while reloading');
    expect(before).toContain('d=');
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => savedRows(page).count()).toBeGreaterThan(0);
    expect((await savedNames(page)).filter((n) => n === 'Saved while reloading').length).toBeLessThanOrEqual(1);
    expect(await page.locator('rb-library .damaged').count()).toBe(0);
  });

  it('refuses a 1 kB share link that would inflate past the bound, and keeps the library', async () => {
    const { page, url } = b;
    await page.goto(`${url}#/library`);
    const before = await savedNames(page);
    // 700 kB of spaces deflate to about 1 kB of link.
    const bomb = await shareCode(page, ' '.repeat(700 * 1024));
    expect(bomb.length).toBeLessThanOrEqual(1024);
    await page.goto(`${url}#/results?s=${bomb}`);
    await page.getByText(/larger than 512 kB once unpacked/).waitFor();
    await expect.poll(() => savedNames(page)).toEqual(before);
  });

  it('keeps one draft per scenario: opening another one leaves the first one’s changes', async () => {
    const { page, url } = b;
    await page.goto(`${url}#/library`);
    const first = page.locator('rb-library article.scenario').first();
    const title = (await first.locator('h3').textContent())!;
    await first.getByRole('button', { name: /^Edit / }).click();
    await page.getByLabel('Title', { exact: true }).fill(`${title} — my edit`);
    await page.getByRole('link', { name: 'Library' }).click();
    await page.locator('rb-library article.scenario').nth(1).getByRole('button', { name: /^Open / }).click();
    await page.getByRole('link', { name: 'Library' }).click();
    await expect.poll(() => page.locator('rb-library .continue li', { hasText: title }).count()).toBe(1);
    await page.locator('rb-library article.scenario').first().getByRole('button', { name: /^Edit / }).click();
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe(`${title} — my edit`);
    await page.getByText(/Your unsaved changes to .* are back/).waitFor();
  });

  it('keeps a microsimulation through a visit to other views, and compares the unsaved draft', async () => {
    const { page, url } = b;
    await page.goto(`${url}#/library`);
    await page.goto(`${url}#/results?src=builtin:teaching-wrong-pocket&engine=micro&reps=2`);
    await page.getByRole('button', { name: /Run microsimulation|Run again/ }).click();
    const micro = page.locator('[data-engine="micro"] [data-metric="spendingKr"]').first();
    await micro.waitFor({ timeout: 120_000 });
    const shown = await micro.getAttribute('data-value');
    for (const view of ['Library', 'Editor', 'Compare']) {
      await page.getByRole('link', { name: view, exact: true }).click();
      await page.getByRole('link', { name: 'Results', exact: true }).click();
      await micro.waitFor({ timeout: 5_000 });
      expect(await micro.getAttribute('data-value')).toBe(shown);
    }
    // A change makes an unsaved draft; compare offers it next to what is saved.
    const box = page.locator('rb-levers input[type="text"]').first();
    await box.fill(String(Number(await box.inputValue()) + 1000));
    await box.press('Enter');
    await page.locator('reimburse-app .badge').waitFor();
    await page.getByRole('link', { name: 'Compare', exact: true }).click();
    await page.getByRole('checkbox', { name: /\(unsaved\)$/ }).first().waitFor();
  });
});
