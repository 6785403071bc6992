/**
 * What the formula sandbox answers for a set of formulas that pass, fail, or try to get out:
 * its check, and the value (or error) for a few inputs. Compared between the full mathjs and the
 * browser's subset by test/browser/mathjs-subset.test.ts.
 */
import { BONUS_CURVE_NAMES, PERSON_WEIGHT_NAMES, checkFormula, compileFormula } from '../../../src/formula/sandbox.js';

export const FORMULAS = [
  'acg * (1 + 0.1*(cni-3))',
  '1 + 0.5*(age>=80) + 0.3*(cni-1)',
  'age >= 80 ? 1.5 : 1',
  '18 <= age < 65',
  'max(1, acg) + min(2, cni, 3) - abs(sex - 1)',
  'exp(log(acg)) + log10(100) + sqrt(4) + pow(2, 3) + 2^3 + 7 % 3',
  'floor(acg, 1) + ceil(1.2) + round(1.25, 1) + sign(-2)',
  'clamp(acg, 0.5, 2) + step(age - 65)',
  'not (sex == 1) and (cni != 2) or (group > 3) xor true',
  'pi * e + -acg + +cni',
  '2 acg + 3(cni)',
  'agee * 2',
  'sin(age)',
  'import("fs")',
  'evaluate("1+1")',
  'parse("1")',
  'f(x) = x',
  'a = 1',
  'x.y',
  '[1, 2]',
  '{a: 1}',
  '1:3',
  '5 cm',
  'cm',
  'kg * age',
  'age; cni',
  '"text"',
  'Infinity',
  'NaN',
  'max',
  '',
  '(',
  'age +',
  'clamp(1, 2)',
  'log(1, 2, 3)',
  'sqrt(-1)',
  'log(-1)',
  'acg / 0',
  '2 ^ 1024',
  '1e400',
  'value >= target ? 1 : 0',
  'clamp((baseline - value) / (baseline - target), 0, 1)',
  'typeOf(1)',
  'config({})',
  'createUnit("x")',
  'derivative("x^2", "x")',
  'end',
  'i',
  'true + 1',
  '0x10 + 0b11',
];

export const INPUTS = [
  { age: 82, sex: 1, group: 2, conditions: 3, acg: 1.7, cni: 4, value: 0.09, target: 0.08, baseline: 0.12 },
  { age: 40, sex: 0, group: 5, conditions: 0, acg: 0.4, cni: 1, value: 0.2, target: 0.1, baseline: 0.1 },
  { age: 67, sex: 0, group: 1, conditions: 5, acg: 3.2, cni: 5, value: 0, target: 0, baseline: 0 },
];

/**
 * @example answers()[0] // { source: 'acg * (1 + 0.1*(cni-3))', names: ['acg', 'cni'], values: [1.87, …] }
 */
export function answers(): unknown[] {
  return [PERSON_WEIGHT_NAMES, BONUS_CURVE_NAMES].flatMap((names) =>
    FORMULAS.map((source) => {
      let check: string | null;
      try {
        check = checkFormula(source, names, 'f');
      } catch (error) {
        return { source, thrown: error instanceof Error ? error.message : String(error) };
      }
      if (check !== null) return { source, check };
      const f = compileFormula(source, names, 'f');
      return {
        source,
        names: f.names,
        values: INPUTS.map((input) => {
          try {
            return f(input);
          } catch (error) {
            return error instanceof Error ? error.message : String(error);
          }
        }),
      };
    }),
  );
}
