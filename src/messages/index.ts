/**
 * The core's message catalogue: a message is a code and its parameters (see types.ts); en.ts
 * defines every code, sv.ts says each in Swedish. `msg` builds one with its parameters checked
 * against the English text; `english` says it in English (locales.ts in other languages).
 */
import { en } from './en.js';
import { renderWith } from './render.js';
import type { Message, Render } from './types.js';

export { formatNumber, type Message, type Thing } from './types.js';
export { renderWith } from './render.js';

export type MessageCode = keyof typeof en;
export type ParamsOf<K extends MessageCode> = Parameters<(typeof en)[K]>[0];
/** A language's words for every message; nested messages are rendered with `r`, in the same language. */
export type Catalogue = { readonly [K in MessageCode]: (p: ParamsOf<K>, r: Render) => string };

/**
 * A message with its parameters.
 * @example msg('range', { min: 0, got: -5 }) // { code: 'range', params: { min: 0, got: -5 } }
 */
export function msg<K extends MessageCode>(code: K, params: ParamsOf<K>): Message {
  return { code, params };
}

/** @example english(msg('notEmpty', {})) // 'must not be empty' */
export function english(message: Message): string {
  return renderWith(message, en as unknown as Catalogue);
}
