/**
 * The core's messages by language, for surfaces that let the reader choose (the web app, which
 * has each message's English already in the issue and so needs only the Swedish words here).
 */
import type { Catalogue } from './index.js';
import { renderWith } from './render.js';
import { sv } from './sv.js';
import type { Message } from './types.js';

export type MessageLocale = 'en' | 'sv';
export const MESSAGE_CATALOGUES: Readonly<Partial<Record<MessageLocale, Catalogue>>> = { sv };

/**
 * A message in a language other than English (English is in every issue's `message` already;
 * given here as `english`, it is the answer for English).
 * @example say(msg('required', {}), 'sv') // 'krävs'
 */
export function say(message: Message, locale: MessageLocale, english = message.code): string {
  const catalogue = MESSAGE_CATALOGUES[locale];
  return catalogue === undefined ? english : renderWith(message, catalogue);
}
