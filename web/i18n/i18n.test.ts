import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { sv } from './sv.js';
import { localeFromLanguages, placeholders } from './index.js';

describe('the message catalogues', () => {
  it('have every key in both languages, each a non-empty string', () => {
    expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
    for (const [key, message] of [...Object.entries(en), ...Object.entries(sv)]) {
      expect(typeof message, key).toBe('string');
      expect(message.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(sv[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('choose Swedish for any sv browser language first, otherwise English', () => {
    expect(localeFromLanguages(['sv-SE', 'en'])).toBe('sv');
    expect(localeFromLanguages(['sv'])).toBe('sv');
    expect(localeFromLanguages(['en-GB', 'sv'])).toBe('en');
    expect(localeFromLanguages([])).toBe('en');
  });
});
