/**
 * Undo and redo in the editor, with the buttons and the keyboard, at 1024×768 and 1440×900: a
 * removed component comes back whole, typing in a field undoes as one step, redo puts it back;
 * the history outlives a reload of the page, and a damaged stored history is dropped.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, shareCode } from './support/browser.js';
import { FIXTURE } from './support/core.js';

const b = useBrowser();

/** The component ids the editor holds, as in the working scenario's JSON (the draft in local storage). */
async function componentIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (!key.startsWith('reimburse:draft:')) continue;
      const draft = JSON.parse(localStorage.getItem(key)!);
      if (location.hash.includes(`d=${draft.id}`)) return draft.json.payment.components.map((c: { id: string }) => c.id);
    }
    return [];
  });
}

describe('undo and redo in the editor', () => {
  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 1440, height: 900 },
  ]) {
    it(`restores a removed component and a typed title, by button and by keyboard, at ${viewport.width}×${viewport.height}`, async () => {
      const { page, url } = b;
      await page.setViewportSize(viewport);
      const json = JSON.parse(await readFile(FIXTURE, 'utf8'));
      await page.goto(`${url}#/edit?s=${await shareCode(page, json)}`);
      const undo = page.getByRole('button', { name: 'Undo', exact: true });
      const redo = page.getByRole('button', { name: 'Redo', exact: true });
      await undo.waitFor();
      expect(await undo.isDisabled()).toBe(true);
      const before = await componentIds(page);
      expect(before).toContain('visit-fee');

      // Remove a component: undo brings it back in its place, with every field; redo removes it again.
      const article = page.locator('article.component[data-path="payment.components[2]"]');
      const label = await article.getAttribute('aria-label');
      await article.getByRole('button', { name: /^Remove / }).click();
      await expect.poll(() => componentIds(page)).toEqual(before.filter((id) => id !== 'visit-fee'));
      await undo.click();
      await expect.poll(() => componentIds(page)).toEqual(before);
      expect(await page.locator('article.component[data-path="payment.components[2]"]').getAttribute('aria-label')).toBe(label);
      await redo.click();
      await expect.poll(() => componentIds(page)).toEqual(before.filter((id) => id !== 'visit-fee'));
      await undo.click();
      await expect.poll(() => componentIds(page)).toEqual(before);

      // Typing is one step: Ctrl+Z in the field takes the whole word back, Ctrl+Shift+Z returns it.
      const title = page.getByLabel('Title', { exact: true });
      const original = await title.inputValue();
      await title.fill('');
      await title.pressSequentially('New title');
      await expect.poll(() => title.inputValue()).toBe('New title');
      await title.press('Control+z');
      await expect.poll(() => title.inputValue()).toBe(original);
      await title.press('Control+Shift+z');
      await expect.poll(() => title.inputValue()).toBe('New title');
      await title.press('Control+z');
      await expect.poll(() => title.inputValue()).toBe(original);
      // The page never scrolls sideways for the buttons.
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, width: window.innerWidth }));
      expect(scroll).toBeLessThanOrEqual(width);
    });
  }
});

describe('undo after a reload', () => {
  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 1440, height: 900 },
  ]) {
    it(`restores a component removed before the reload, and starts afresh from a damaged history, at ${viewport.width}×${viewport.height}`, async () => {
      const { page, url } = b;
      await page.setViewportSize(viewport);
      const json = JSON.parse(await readFile(FIXTURE, 'utf8'));
      await page.goto(`${url}#/edit?s=${await shareCode(page, json)}`);
      const undo = page.getByRole('button', { name: 'Undo', exact: true });
      const redo = page.getByRole('button', { name: 'Redo', exact: true });
      await undo.waitFor();
      const before = await componentIds(page);
      const article = page.locator('article.component[data-path="payment.components[2]"]');
      await article.getByRole('button', { name: /^Remove / }).click();
      const removed = before.filter((id) => id !== 'visit-fee');
      await expect.poll(() => componentIds(page)).toEqual(removed);

      await page.reload();
      await undo.waitFor();
      expect(await componentIds(page)).toEqual(removed);
      await expect.poll(() => undo.isEnabled()).toBe(true);
      await undo.click();
      await expect.poll(() => componentIds(page)).toEqual(before);
      // Redo survives a reload too.
      await page.reload();
      await redo.waitFor();
      await expect.poll(() => redo.isEnabled()).toBe(true);
      await redo.click();
      await expect.poll(() => componentIds(page)).toEqual(removed);

      // A damaged history (unreadable index, a missing entry) is dropped: the page works, nothing to undo.
      for (const damage of ['{not json', '{"past":[99999],"future":[],"next":100000}']) {
        const draft = await page.evaluate(() => /[?&]d=([^&]+)/.exec(location.hash)![1]);
        const ownKeys = () => page.evaluate((id) => Object.keys(sessionStorage).filter((k) => k === `reimburse:history:${id}` || k.startsWith(`reimburse:history:${id}:`)), draft);
        expect(await ownKeys()).toContain(`reimburse:history:${draft}`);
        await page.evaluate(([id, text]) => sessionStorage.setItem(`reimburse:history:${id}`, text), [draft, damage]);
        await page.reload();
        await undo.waitFor();
        expect(await componentIds(page)).toEqual(removed);
        await expect.poll(() => page.locator('article.component').count()).toBe(removed.length);
        expect(await undo.isDisabled(), damage).toBe(true);
        expect(await ownKeys()).toEqual([]);
        // Editing works again, with a new history.
        await page.locator('article.component').first().getByRole('button', { name: /^Remove / }).click();
        await expect.poll(() => undo.isEnabled()).toBe(true);
        await undo.click();
        await expect.poll(() => componentIds(page)).toEqual(removed);
      }
    });
  }
});
