import { describe, expect, it } from 'vitest';
import { ENGLISH_CSV, swedishCsv, toCsv } from '../src/results/export.js';

describe('CSV formats', () => {
  const rows = [{ name: 'Vårdcentral; Norr', metric: 'Marginal (kr)', mean: 1234567.125, share: 0.123456789, neg: -0.001 }];

  it('writes the English CSV as before: commas, full precision', () => {
    expect(toCsv(rows)).toBe(toCsv(rows, ENGLISH_CSV));
    expect(toCsv(rows)).toBe('name,metric,mean,share,neg\r\nVårdcentral; Norr,Marginal (kr),1234567.125,0.123456789,-0.001\r\n');
  });

  it('writes the Swedish CSV for Excel: a BOM, semicolons, decimal comma, rounding per column, quoting a semicolon', () => {
    const sv = swedishCsv((column) => (column === 'mean' || column === 'neg' ? 2 : column === 'share' ? 4 : undefined));
    expect(toCsv(rows, sv)).toBe('\uFEFFname;metric;mean;share;neg\r\n"Vårdcentral; Norr";Marginal (kr);1234567,13;0,1235;0\r\n');
  });
});
