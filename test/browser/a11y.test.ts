/**
 * Accessibility, checked by axe-core in the page: each main view (library, results with
 * expected values, editor, compare, teaching step 1) in English and Swedish has no serious or
 * critical violation, and the header's controls show where the keyboard focus is.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, screenshotWithoutToasts, shareCode } from './support/browser.js';
import { FIXTURE } from './support/core.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const b = useBrowser();
let code: string;

beforeAll(async () => {
  await b.page.goto(b.url);
  code = await shareCode(b.page, JSON.parse(await readFile(FIXTURE, 'utf8')));
});

interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The serious and critical violations axe finds on the page as it is now. */
async function violations(page: Page): Promise<{ found: Violation[]; shadowChecked: number }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    type Result = { id: string; impact?: string; help: string; nodes: { target: unknown[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
    const result = await axe.run(document, {});
    const found = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
    // Targets inside a shadow root are arrays of selectors, one per root: the app lives in shadow roots.
    const shadowChecked = result.passes.flatMap((p) => p.nodes).filter((n) => Array.isArray(n.target[0])).length;
    return { found, shadowChecked };
  });
}

function report(view: string, found: Violation[]): string {
  return `${view}:\n${found.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n    ${v.targets.slice(0, 8).join('\n    ')}`).join('\n')}`;
}

/** A fresh load of the app at `route` (a hash path) in language `lang`. */
async function load(page: Page, route: string, lang: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${b.url}#${route}${route.includes('?') ? '&' : '?'}lang=${lang}`);
}

const START = { en: 'Start with the wrong-pocket teaching scenario', sv: 'Börja med undervisningsscenariot om fel ficka' };

const VIEWS: { name: string; open: (page: Page, lang: string) => Promise<void> }[] = [
  {
    name: 'library',
    open: async (page, lang) => {
      await load(page, '/library', lang);
      await page.locator('rb-library h1').waitFor();
      await page.locator('rb-library button').first().waitFor();
    },
  },
  {
    name: 'results',
    open: async (page, lang) => {
      await load(page, `/results?s=${code}`, lang);
      await page.locator('[data-engine="expected"] [data-metric="spendingKr"]').first().waitFor({ timeout: 60_000 });
      await page.locator('rb-time-chart canvas').first().waitFor();
    },
  },
  {
    name: 'editor',
    open: async (page, lang) => {
      await load(page, `/edit?s=${code}`, lang);
      await page.locator('rb-editor').waitFor();
      await page.locator('rb-editor input, rb-editor textarea').first().waitFor();
    },
  },
  {
    name: 'compare',
    open: async (page, lang) => {
      await load(page, '/compare', lang);
      await page.locator('rb-compare').waitFor();
      await page.locator('rb-compare h1').waitFor();
    },
  },
  {
    name: 'teaching step 1',
    open: async (page, lang) => {
      await load(page, '/teach', lang);
      // A fresh profile offers the teaching scenario; one with a scenario open goes straight to step 1.
      const start = page.getByRole('button', { name: START[lang as 'en' | 'sv'] });
      await expect.poll(async () => (await start.isVisible()) || (await page.locator('rb-teaching .fact strong').count()) > 0, { timeout: 30_000 }).toBe(true);
      if (await start.isVisible()) await start.click();
      await expect.poll(() => page.locator('rb-teaching .fact strong').count(), { timeout: 30_000 }).toBeGreaterThan(4);
    },
  },
];

describe('accessibility', () => {
  for (const lang of ['en', 'sv']) {
    for (const view of VIEWS) {
      it(`has no serious or critical axe violations: ${view.name} (${lang})`, async () => {
        const { page } = b;
        await page.setViewportSize({ width: 1440, height: 1000 });
        await view.open(page, lang);
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
        const { found, shadowChecked } = await violations(page);
        expect(shadowChecked, 'axe checked the elements inside the components').toBeGreaterThan(20);
        if (found.length > 0) await screenshotWithoutToasts(page, `a11y-${view.name.replaceAll(' ', '-')}-${lang}`);
        expect(found, report(`${view.name} (${lang})`, found)).toEqual([]);
      });
    }
  }

  // A projector's width: the levers are a drawer, tables scroll in their own box.
  for (const view of VIEWS) {
    it(`has no serious or critical axe violations at 1024×768: ${view.name} (sv)`, async () => {
      const { page } = b;
      await page.setViewportSize({ width: 1024, height: 768 });
      try {
        await view.open(page, 'sv');
        const { found } = await violations(page);
        if (found.length > 0) await screenshotWithoutToasts(page, `a11y-1024-${view.name.replaceAll(' ', '-')}-sv`);
        expect(found, report(`${view.name} (sv, 1024)`, found)).toEqual([]);
      } finally {
        await page.setViewportSize({ width: 1440, height: 1000 });
      }
    });
  }

  it('shows the keyboard focus on every header control', async () => {
    const { page } = b;
    await load(page, `/results?s=${code}`, 'en');
    await page.locator('[data-engine="expected"] [data-metric="spendingKr"]').first().waitFor({ timeout: 60_000 });
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        if (!el || el === document.body) return undefined;
        const header = el.closest('header') ?? (el.getRootNode() as ShadowRoot).host?.closest?.('header');
        const style = getComputedStyle(el);
        const name = `${el.localName}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} ${el.textContent?.trim().slice(0, 30) ?? ''}`;
        const inHeader = !!header || !!el.closest('nav') || (el.getRootNode() as ShadowRoot).host?.localName === 'rb-app' && !!el.closest('header, nav, .bar, .top');
        return { name, inHeader, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0, shadow: style.boxShadow !== 'none' };
      });
      if (!focus) continue;
      if (!focus.inHeader) break;
      seen.push(focus.name);
      expect(focus.outline || focus.shadow, `no visible focus on ${focus.name}`).toBe(true);
    }
    expect(seen.length).toBeGreaterThanOrEqual(4);
    await screenshotWithoutToasts(page, 'a11y-header-focus');
  });
});
