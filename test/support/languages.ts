/** Checks that a message the core gives can be said in each of the app's languages. */
import { expect } from 'vitest';
import { english, type Message } from '../../src/messages/index.js';
import { say } from '../../src/messages/locales.js';
import type { Issue } from '../../src/scenario/index.js';

/** English words that give away an untranslated message (\b is ASCII-only, so letters are looked at instead). */
const ENGLISH = /(?<!\p{L})(must|got|is not|unknown|required|listed|twice|did you mean|already|only for|needs?|allowed|expected|unexpected|should|known|none|cannot|formula)(?!\p{L})/u;

/**
 * Said in English the message is `englishText` (when given); said in Swedish it is a different text with no English
 * words left (quoted ids and values come from the file and stay as they are).
 */
export function expectSwedish(detail: Message, englishText?: string): void {
  if (englishText !== undefined) expect(english(detail)).toBe(englishText);
  const swedish = say(detail, 'sv');
  expect(swedish).not.toBe(english(detail));
  expect(swedish.replace(/'[^']*'|"[^"]*"/g, ''), swedish).not.toMatch(ENGLISH);
}

/** Each issue carries its message as data, and it can be said in English (its message) and Swedish. */
export function expectBothLanguages(issues: readonly Issue[]): void {
  for (const issue of issues) {
    expect(issue.detail, issue.message).toBeDefined();
    expectSwedish(issue.detail as Message, issue.message);
  }
}
