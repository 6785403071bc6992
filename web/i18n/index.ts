/**
 * The app's language: a tiny typed message catalogue (en.ts is the source of keys, sv.ts must
 * have every one), the chosen locale (URL > local storage > the browser's languages), and a
 * reactive controller that re-renders a Lit component when the language changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en } from './en.js';
import type { MessageKey, Messages } from './en.js';
import { sv } from './sv.js';
import type { Message } from '../../src/messages/index.js';
import { say } from '../../src/messages/locales.js';

export type { MessageKey, Messages };
export type Locale = 'en' | 'sv';
export const LOCALES: readonly Locale[] = ['en', 'sv'];
export const CATALOGUES: Record<Locale, Messages> = { en, sv };
/** The event fired on `window` after the language changed. */
export const LOCALE_CHANGED = 'rb-locale-changed';
const STORAGE_KEY = 'reimburse:locale';

/**
 * The locale for a list of browser languages: Swedish for any 'sv*', otherwise English.
 * @example localeFromLanguages(['sv-FI', 'en']) // 'sv'
 */
export function localeFromLanguages(languages: readonly string[]): Locale {
  return languages[0]?.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

/**
 * A string or undefined as a locale.
 * @example asLocale('sv') // 'sv'
 */
export function asLocale(x: string | null | undefined): Locale | undefined {
  return x === 'sv' || x === 'en' ? x : undefined;
}

function initialLocale(): Locale {
  try {
    const stored = asLocale(globalThis.localStorage?.getItem(STORAGE_KEY));
    if (stored) return stored;
  } catch {
    // Storage may be blocked: fall back to the browser's languages.
  }
  const nav = globalThis.navigator as Navigator | undefined;
  return localeFromLanguages(nav?.languages?.length ? nav.languages : [nav?.language ?? 'en']);
}

let current: Locale = initialLocale();

/** The current locale. @example locale() // 'sv' */
export function locale(): Locale {
  return current;
}

/** The BCP 47 tag for Intl formatting. @example intlLocale() // 'sv-SE' */
export function intlLocale(l: Locale = current): 'sv-SE' | 'en-GB' {
  return l === 'sv' ? 'sv-SE' : 'en-GB';
}

/**
 * Switch the language, remember it, and tell every component.
 * @example setLocale('sv')
 */
export function setLocale(next: Locale, remember = true): void {
  if (remember) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered: still switched.
    }
  }
  if (next === current) return;
  current = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  globalThis.dispatchEvent?.(new Event(LOCALE_CHANGED));
}

/**
 * The placeholders `{name}` in a message.
 * @example placeholders('Saved {name} in {place}') // ['name', 'place']
 */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/**
 * A message in the current language, with `{name}` placeholders filled in.
 * @example t('app.saved', { name: 'Wrong pocket' }) // "Saved 'Wrong pocket' in this browser."
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const message = CATALOGUES[current][key] ?? en[key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

/** Anything the core reports with its message as data: an issue in a scenario, an engine error. */
interface Reported {
  message: string;
  detail?: Message;
}

/**
 * An issue's message in the current language (the core's English when it has no message data).
 * @example issueText({ path: 'simulation.years', message: 'required', detail: msg('required', {}) }) // 'krävs' in Swedish
 */
export function issueText(issue: Reported): string {
  return issue.detail ? say(issue.detail, current, issue.message) : issue.message;
}

/**
 * What went wrong, in the current language: an engine error carries the core's message as data,
 * or the scenario's problems; anything else (a bug, a browser refusal) keeps its own words.
 * @example errorText(new Error('disk full')) // 'disk full'
 */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { path, detail, issues } = error as Error & { path?: string; detail?: Message; issues?: (Reported & { path: string })[] };
  if (issues && issues.length > 0) {
    const first = issues[0];
    return t('engine.scenarioProblems', { count: issues.length, first: `${first.path}: ${issueText(first)}` });
  }
  if (!detail || current === 'en') return error.message;
  return path ? `${path}: ${say(detail, current)}` : say(detail, current);
}

/**
 * Re-renders its host when the language changes.
 * @example constructor() { super(); new LocaleController(this); }
 */
export class LocaleController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly onChange = () => this.host.requestUpdate();

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(LOCALE_CHANGED, this.onChange);
  }

  hostDisconnected(): void {
    window.removeEventListener(LOCALE_CHANGED, this.onChange);
  }
}
