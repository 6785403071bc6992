/** Finds English UI text left on a page that is meant to be in Swedish. */
import type { Page } from 'playwright-core';
import { en } from '../../../web/i18n/en.js';
import { sv } from '../../../web/i18n/sv.js';
import { readdirSync, readFileSync } from 'node:fs';
import { NEED_GROUPS } from '../../../src/domain.js';

/** Every visible text node and aria-label, through every shadow root, trimmed. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const shown = (el: Element) => {
      const box = (el as HTMLElement).getBoundingClientRect?.();
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.display !== 'none' && !!box && (box.width > 0 || box.height > 0);
    };
    const visit = (root: Document | ShadowRoot) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent?.trim();
        const parent = n.parentElement;
        if (text && parent && !parent.closest('style, script, option:not(:checked)') && shown(parent)) out.push(text);
      }
      for (const el of root.querySelectorAll('*')) {
        const label = el.getAttribute('aria-label')?.trim();
        if (label) out.push(label);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return out;
  });
}

/** English messages without placeholders that Swedish says differently: none may show in Swedish. */
const ENGLISH_ONLY = Object.entries(en)
  .filter(([key, text]) => !text.includes('{') && sv[key as keyof typeof sv] !== text && text.length > 2)
  .map(([, text]) => text);

const json = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));

/**
 * The built-in files' English texts that have a Swedish version (scenario titles and questions,
 * model titles and component labels) and the need groups' English names: none may show either,
 * whole or as part of a longer text (a lever heading is "<model title> · <component>").
 */
const ENGLISH_CONTENT = [
  ...json('scenarios').flatMap((s) => [s.title, s.question]),
  ...json('models').flatMap((m) => [m.title, ...m.components.map((c: { label?: string }) => c.label?.replace(/\$\{\w+\}.*/, ''))]),
  ...NEED_GROUPS.map((g) => g.label),
].filter((t): t is string => typeof t === 'string' && t.length > 8);

/**
 * English left on a page shown in Swedish: catalogue messages shown whole, and built-in content
 * shown whole or inside a longer text.
 * @example expect(await englishLeft(page)).toEqual([])
 */
export async function englishLeft(page: Page): Promise<string[]> {
  const shown = await visibleTexts(page);
  const texts = new Set(shown);
  const all = shown.join('\n');
  return [...ENGLISH_ONLY.filter((text) => texts.has(text)), ...ENGLISH_CONTENT.filter((text) => all.includes(text))];
}

