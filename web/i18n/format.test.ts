import { afterEach, describe, expect, it } from 'vitest';
import { compactKr, formatKr, formatNumber, formatShare } from '../format.js';
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
