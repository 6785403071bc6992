import { afterEach, describe, expect, it } from 'vitest';
import { compactKr, formatKr, formatNumber, formatShare, forApp, plainHelp } from '../format.js';
import { setLocale } from './index.js';

describe('numbers in the chosen language', () => {
  afterEach(() => setLocale('en', false));

  it('uses commas for thousands in English and spaces with decimal commas in Swedish', () => {
    setLocale('en', false);
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatKr(-1234)).toBe('-1,234 kr');
    expect(formatShare(0.1234)).toBe('12.3 %');
    expect(formatNumber(-0.001, 1)).toBe('0.0');
    setLocale('sv', false);
    expect(formatNumber(1234567.891, 1).replace(/\s/g, ' ')).toBe('1 234 567,9');
    expect(formatKr(-1234).replace(/\s/g, ' ')).toBe('−1 234 kr');
    expect(formatShare(0.1234)).toBe('12,3 %');
    expect(compactKr(12_345_678)).toBe('12,3 mnkr');
  });
});

describe('scenario notes in the app', () => {
  it('leaves out the sentences written for the command line and keeps the rest', () => {
    expect(forApp('Run `reimburse incentives` on this file: the table shows it. The gap compares both. Then run reimburse compare on the three files.')).toBe('The gap compares both.');
    expect(forApp('Kör npm start.')).toBeUndefined();
    expect(forApp('A range. Use reimburse tornado for the gap.')).toBe('A range.');
    expect(plainHelp('Särskilt boende som ersätts (måste ha `places`)')).toBe('Särskilt boende som ersätts (måste ha places)');
    expect(forApp('Inga kommandon här. Bara text!')).toBe('Inga kommandon här. Bara text!');
  });
});
