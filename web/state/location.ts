/**
 * The whole view state in the URL's hash, so every view can be bookmarked, reloaded and shared:
 * `#/results?src=builtin:x&s=<scenario>&engine=micro&reps=10&seed=42&res=quarter`.
 */
import type { Resolution } from '../../src/results/bands.js';
import type { EngineKind } from '../engine/protocol.js';
import type { Locale } from '../i18n/index.js';
import { asLocale } from '../i18n/index.js';

export const VIEWS = ['library', 'edit', 'results', 'compare', 'teach'] as const;
export type View = (typeof VIEWS)[number];

export interface AppLocation {
  view: View;
  /** Where the working scenario came from: 'builtin:<file>', 'saved:<id>', or absent. */
  src?: string;
  /** The working scenario itself, compressed (share.ts), when it differs from `src` or is shared. */
  s?: string;
  /** A variant of the built-in `src` as its changes only (share.ts), instead of `s`. */
  p?: string;
  /** The local draft this page edits (a reload picks it up from local storage). */
  d?: string;
  engine: EngineKind;
  reps?: number;
  seed?: number;
  res: Resolution;
  /** Scenarios compared, as library references. */
  cmp: string[];
  /** Keep the incentive analysis up to date with the design (it takes seconds). */
  inc: boolean;
  /** The language, when chosen in this link (otherwise the remembered or the browser's). */
  lang?: Locale;
  /** The teaching walk-through's step (0 = the first). */
  step?: number;
}

const RESOLUTIONS: readonly Resolution[] = ['month', 'quarter', 'year'];

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * @example parseLocation('#/compare?cmp=saved:a,builtin:b').cmp // ['saved:a', 'builtin:b']
 */
export function parseLocation(hash: string): AppLocation {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const q = new URLSearchParams(query);
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'library';
  const res = q.get('res');
  return {
    view,
    src: q.get('src') ?? undefined,
    s: q.get('s') ?? undefined,
    p: q.get('p') ?? undefined,
    d: q.get('d') ?? undefined,
    engine: q.get('engine') === 'micro' ? 'micro' : 'expected',
    reps: positiveInt(q.get('reps')),
    seed: positiveInt(q.get('seed')),
    res: RESOLUTIONS.includes(res as Resolution) ? (res as Resolution) : 'quarter',
    cmp: (q.get('cmp') ?? '').split(',').filter((x) => x !== ''),
    inc: q.get('inc') === '1',
    lang: asLocale(q.get('lang')),
    step: positiveInt(q.get('step')),
  };
}

/**
 * @example formatLocation({ view: 'results', engine: 'expected', res: 'year', cmp: [], inc: false }) // '#/results?res=year'
 */
export function formatLocation(loc: AppLocation): string {
  const q = new URLSearchParams();
  if (loc.src) q.set('src', loc.src);
  if (loc.d) q.set('d', loc.d);
  if (loc.engine !== 'expected') q.set('engine', loc.engine);
  if (loc.reps !== undefined) q.set('reps', String(loc.reps));
  if (loc.seed !== undefined) q.set('seed', String(loc.seed));
  if (loc.res !== 'quarter') q.set('res', loc.res);
  if (loc.cmp.length > 0) q.set('cmp', loc.cmp.join(','));
  if (loc.inc) q.set('inc', '1');
  if (loc.lang) q.set('lang', loc.lang);
  if (loc.step) q.set('step', String(loc.step));
  // Last: the longest, and base64url needs no escaping.
  let query = q.toString().replaceAll('%3A', ':').replaceAll('%2C', ',');
  if (loc.s) query += `${query ? '&' : ''}s=${loc.s}`;
  else if (loc.p) query += `${query ? '&' : ''}p=${loc.p}`;
  return `#/${loc.view}${query ? `?${query}` : ''}`;
}
