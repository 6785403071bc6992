/** Saying a message with a catalogue; apart from the catalogues so a page can carry only the one it needs. */
import type { Message, Render } from './types.js';

type Say = (params: unknown, r: Render) => string;

/**
 * A message in a catalogue's language; a code the catalogue does not know (from a newer core) is
 * said by its code.
 * @example renderWith(msg('required', {}), sv) // 'krävs'
 */
export function renderWith(message: Message, catalogue: object): string {
  const r: Render = (m) => renderWith(m, catalogue);
  const say = (catalogue as Record<string, Say | undefined>)[message.code];
  return say === undefined ? message.code : say(message.params, r);
}
