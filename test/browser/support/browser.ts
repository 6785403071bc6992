/**
 * Chromium for the tests: the system browser through playwright-core (nothing is downloaded),
 * a fresh profile per test file, and helpers to read the app.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const SCREENSHOTS = 'test-output/screenshots';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  page: Page;
  url: string;
  /** Errors the page threw or logged: a test fails on any. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A fresh browser profile (its own IndexedDB and local storage) with the app's first page.
 * @example const b = await openBrowser(); await b.page.goto(b.url)
 */
export async function openBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'reimburse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: inject('chromium'),
    headless: true,
    // The profile directory is passed as --user-data-dir: every test file starts with an empty one.
    args: ARGS,
    viewport: { width: 1440, height: 1000 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    url: inject('appUrl'),
    errors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One browser for a test file: opened before its tests (and before the file's own beforeAll, so
 * call it first), and closed after them, failing the file if the page threw or logged an error.
 * @example const b = useBrowser(); it('loads', async () => { await b.page.goto(b.url) })
 */
export function useBrowser(): Browser {
  const b = {} as Browser;
  beforeAll(async () => {
    Object.assign(b, await openBrowser());
  });
  afterAll(async () => {
    expect(b.errors).toEqual([]);
    await b.close();
  });
  return b;
}

/**
 * A scenario as the app puts it in a link: JSON, deflate-raw, base64url (computed in the page).
 * @example await page.goto(`${url}#/results?s=${await shareCode(page, json)}`)
 */
export async function shareCode(page: Page, json: unknown): Promise<string> {
  return page.evaluate(async (text) => {
    const out = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(out).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  }, JSON.stringify(json));
}

/** Form controls (through every shadow root) that have no accessible name. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (el.shadowRoot) visit(el.shadowRoot);
        if (!el.matches('input, select, textarea, button')) continue;
        if ((el as HTMLInputElement).type === 'hidden' || el.closest('[hidden]')) continue;
        const scope = el.getRootNode() as Document | ShadowRoot;
        const id = el.id;
        const named =
          !!el.getAttribute('aria-label')?.trim() ||
          !!el.getAttribute('aria-labelledby') ||
          (id !== '' && !!scope.querySelector(`label[for="${CSS.escape(id)}"]`)) ||
          !!el.closest('label') ||
          (el.tagName === 'BUTTON' && !!el.textContent?.trim());
        if (!named) out.push(`${el.tagName.toLowerCase()}${id ? `#${id}` : ''} in <${(scope as ShadowRoot).host?.tagName.toLowerCase() ?? 'document'}>`);
      }
    };
    visit(document);
    return out;
  });
}

/**
 * Wait until the results have been drawn more than `seen` times (the count of 'reimburse:results-drawn'
 * marks before an action): the drawing that follows the action, whatever it took.
 * @example const seen = await drawnCount(page); …; await drawnMore(page, seen)
 */
export async function drawnMore(page: Page, seen: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction((n) => performance.getEntriesByName('reimburse:results-drawn').length > n, seen, { timeout, polling: 'raf' });
}

/** How many times the results have been drawn so far. */
export async function drawnCount(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('reimburse:results-drawn').length);
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** A screenshot without the toasts (they are fixed over the page); they show again afterwards. */
export async function screenshotWithoutToasts(page: Page, name: string, fullPage = false): Promise<void> {
  const toasts = (show: boolean) =>
    page.locator('reimburse-app').evaluate((app, on) => app.shadowRoot?.querySelector<HTMLElement>('.toasts')?.style.setProperty('visibility', on ? 'visible' : 'hidden'), show);
  await toasts(false);
  await screenshot(page, name, fullPage);
  await toasts(true);
}

/**
 * Save the open scenario as a user does: Save…, (a name,) Save in the dialog — in English, or in
 * Swedish with `sv`.
 * @example await saveScenario(page, { name: 'Higher DRG price' })
 */
export async function saveScenario(page: Page, options: { name?: string; sv?: boolean } = {}): Promise<void> {
  await page.getByRole('button', { name: options.sv ? 'Spara…' : 'Save…', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (options.name !== undefined) await dialog.getByRole('textbox').fill(options.name);
  await dialog.getByRole('button', { name: options.sv ? 'Spara' : 'Save', exact: true }).click();
}

/**
 * Open each scenario from a share link, wait for its results and save it in this browser, as a
 * user who wants to compare them does (English UI).
 * @example await saveEach(page, url, [base, variant])
 */
export async function saveEach(page: Page, url: string, scenarios: readonly { title: string }[]): Promise<void> {
  for (const json of scenarios) {
    await page.goto(`${url}#/results?s=${await shareCode(page, json)}`);
    await page.locator('[data-metric="spendingKr"]').first().waitFor();
    await saveScenario(page);
    await page.getByText(`Saved '${json.title}' in this browser.`).waitFor();
  }
}

/**
 * Go to Compare and tick two saved scenarios by title, the first as the baseline.
 * @example await pickTwo(page, base.title, variant.title)
 */
export async function pickTwo(page: Page, first: string, second: string): Promise<void> {
  await page.getByRole('link', { name: 'Compare' }).click();
  await page.getByRole('checkbox', { name: first }).check();
  await page.getByRole('checkbox', { name: second }).check();
}
