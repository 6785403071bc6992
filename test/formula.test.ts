import { describe, expect, it } from 'vitest';
import { thrown } from './support/thrown.js';
import {
  BONUS_CURVE_NAMES,
  FormulaError,
  PERSON_WEIGHT_NAMES,
  checkFormula,
  compileFormula,
  formulaProblem,
} from '../src/formula/sandbox.js';
import type { Message } from '../src/messages/index.js';
import { say } from '../src/messages/locales.js';
import { expectSwedish } from './support/languages.js';

const PATH = 'payment.components[3].weight';


const person = (p: Partial<Record<(typeof PERSON_WEIGHT_NAMES)[number], number>>) => ({
  age: 40,
  sex: 0,
  group: 1,
  conditions: 0,
  acg: 1,
  cni: 1,
  ...p,
});

describe('numeric results', () => {
  it('weight expression matches hand calculation', () => {
    const f = compileFormula('1 + 0.5*(age>=80) + 0.3*(cni-1)', PERSON_WEIGHT_NAMES, PATH);
    // age 40, cni 1: 1 + 0 + 0
    expect(f(person({ age: 40, cni: 1 }))).toBeCloseTo(1, 12);
    // age 80 (boundary counts), cni 3: 1 + 0.5 + 0.6
    expect(f(person({ age: 80, cni: 3 }))).toBeCloseTo(2.1, 12);
    // age 79, cni 5: 1 + 0 + 1.2
    expect(f(person({ age: 79, cni: 5 }))).toBeCloseTo(2.2, 12);
    expect(f.names).toEqual(['age', 'cni']);
    expect(f.source).toBe('1 + 0.5*(age>=80) + 0.3*(cni-1)');
  });

  it('bonus curve is linear between baseline and target and clamped outside', () => {
    const f = compileFormula('clamp((value - baseline)/(target - baseline), 0, 1)', BONUS_CURVE_NAMES, 'bonus.curve');
    expect(f({ value: 0.6, target: 0.8, baseline: 0.4 })).toBeCloseTo(0.5, 12);
    expect(f({ value: 0.7, target: 0.8, baseline: 0.4 })).toBeCloseTo(0.75, 12);
    expect(f({ value: 0.3, target: 0.8, baseline: 0.4 })).toBe(0);
    expect(f({ value: 0.95, target: 0.8, baseline: 0.4 })).toBe(1);
    expect(f.names).toEqual(['baseline', 'target', 'value']);
  });

  it('conditional and comparisons give 0/1 numbers', () => {
    const f = compileFormula('value >= target ? 1 : 0', BONUS_CURVE_NAMES, 'bonus.curve');
    expect(f({ value: 0.8, target: 0.8, baseline: 0 })).toBe(1);
    expect(f({ value: 0.79, target: 0.8, baseline: 0 })).toBe(0);
    // A bare comparison returns a boolean in mathjs; the sandbox hands back a number.
    const g = compileFormula('value > target', BONUS_CURVE_NAMES, 'bonus.curve');
    expect(g({ value: 2, target: 1, baseline: 0 })).toBe(1);
    expect(g({ value: 0, target: 1, baseline: 0 })).toBe(0);
  });

  it('whitelisted functions, helpers, constants and chained comparisons work', () => {
    const cases: [string, number][] = [
      ['abs(-2) + min(3, 1, 2) + max(1, 4)', 2 + 1 + 4],
      ['exp(0) + log(e) + log(8, 2) + log10(1000)', 1 + 1 + 3 + 3],
      ['sqrt(16) + pow(2, 3) + 2^2', 4 + 8 + 4],
      ['floor(2.7) + ceil(2.1) + round(2.5) + round(1.2345, 2)', 2 + 3 + 3 + 1.23],
      ['sign(-3) + step(0) + step(-0.1) + step(5)', -1 + 1 + 0 + 1],
      ['clamp(5, 0, 3) + clamp(-1, 0, 3) + clamp(2, 0, 3)', 3 + 0 + 2],
      ['pi', Math.PI],
      ['true + false + true', 2],
      ['7 % 4 + (3 mod 2)', 3 + 1],
      ['(age >= 18 and age < 65) + (sex == 1 or cni > 4) + not (group == 2)', 1 + 0 + 1],
      ['18 <= age < 65', 1],
      ['2 age', 80],
      ['-conditions + +acg', 1],
    ];
    for (const [src, want] of cases) {
      const f = compileFormula(src, PERSON_WEIGHT_NAMES, PATH);
      expect(f(person({})), src).toBeCloseTo(want, 12);
    }
  });
});

describe('errors at compile time', () => {
  it('unknown name names the path and the known list', () => {
    const err = thrown(() =>
      compileFormula('1 + agee', ['age', 'sex', 'cni', 'acg', 'group', 'conditions'], PATH),
    );
    expect(err).toBeInstanceOf(FormulaError);
    const fe = err as FormulaError;
    expect(fe.message).toBe(
      "payment.components[3].weight: unknown name 'agee' (known: age, sex, cni, acg, group, conditions)",
    );
    expect(fe.path).toBe(PATH);
    expect(fe.reason).toBe("unknown name 'agee' (known: age, sex, cni, acg, group, conditions)");
  });

  it('syntax errors say the formula cannot be parsed', () => {
    const err = thrown(() => compileFormula('1 + * 2', PERSON_WEIGHT_NAMES, PATH)) as FormulaError;
    expect(err).toBeInstanceOf(FormulaError);
    expect(err.message).toMatch(/^payment\.components\[3\]\.weight: cannot parse formula: .+/);
  });

  it('wrong argument counts are caught before the run', () => {
    expect(checkFormula('clamp(age, 0)', PERSON_WEIGHT_NAMES, PATH)).toBe(`${PATH}: clamp takes 3 arguments, got 2`);
    expect(checkFormula('abs()', PERSON_WEIGHT_NAMES, PATH)).toBe(`${PATH}: abs takes 1 argument, got 0`);
  });

  it('empty formulas are rejected', () => {
    expect(checkFormula('   ', PERSON_WEIGHT_NAMES, PATH)).toBe(`${PATH}: formula is empty`);
  });

  it('variable names that would clash with built-ins are refused', () => {
    expect(() => compileFormula('1', ['abs'], PATH)).toThrow(FormulaError);
    expect(() => compileFormula('1', ['pi'], PATH)).toThrow(FormulaError);
    expect(() => compileFormula('1', ['a-b'], PATH)).toThrow(FormulaError);
  });

  // [formula, a fragment the reason must contain]
  const escapes: [string, string][] = [
    ['import({})', "function 'import' is not allowed (allowed: abs, "],
    ["createUnit('foo')", "function 'createUnit' is not allowed"],
    ["evaluate('1+1')", "function 'evaluate' is not allowed"],
    ["parse('1')", "function 'parse' is not allowed"],
    ["simplify('x')", "function 'simplify' is not allowed"],
    ["derivative('x^2', 'x')", "function 'derivative' is not allowed"],
    ['resolve(age, {age: 1})', "function 'resolve' is not allowed"],
    ["compile('1')", "function 'compile' is not allowed"],
    ['chain(1)', "function 'chain' is not allowed"],
    ["typed('x', {})", "function 'typed' is not allowed"],
    ["reviver('a', 1)", "function 'reviver' is not allowed"],
    ['config({})', "function 'config' is not allowed"],
    ['f(x) = x', 'defining functions is not allowed'],
    ['x = 1', 'assignment is not allowed'],
    ['age = 1', 'assignment is not allowed'],
    ['a.b', 'property access'],
    ['cos.constructor', 'property access'],
    ['age.constructor', 'property access'],
    ['this["import"]', 'property access'],
    ['abs["constructor"]("return 1")', 'only named functions can be called'],
    ['[1, 2]', 'arrays/matrices'],
    ['{a: 1}', 'objects'],
    ['"abc"', 'text ("abc") is not allowed'],
    ["'abc'", 'text ("abc") is not allowed'],
    ['5 cm', "units ('cm') are not allowed"],
    ['age to cm', "operator 'to'"],
    ['1:3', 'ranges'],
    ['1; 2', 'more than one expression'],
    ['1\n2', 'more than one expression'],
    ['toString', "unknown name 'toString'"],
    ['constructor', "unknown name 'constructor'"],
    ['__proto__', "unknown name '__proto__'"],
    ['(x) -> x', 'cannot parse formula'],
    ['x => x', 'cannot parse formula'],
    ['((((import({})))))', "function 'import' is not allowed"],
    ['1 + (2 * (age = 3))', 'assignment is not allowed'],
    ['(((cos.constructor)))', 'property access'],
    ['abs((((evaluate("1")))))', "function 'evaluate' is not allowed"],
    ['age > 1 ? parse("1") : 0', "function 'parse' is not allowed"],
    ['cos(age)', "function 'cos' is not allowed"],
    ['abs', "'abs' is a function"],
    ['NaN', 'the constant NaN is not allowed'],
    ['Infinity', 'the constant Infinity is not allowed'],
    ['null', "'null' is not allowed"],
    ['age!', "operator '!'"],
    ["age'", "operator '''"],
    ['age & 1', "operator '&'"],
    ['age ?? 1', "operator '??'"],
    ['i', "unknown name 'i'"],
  ];

  it.each(escapes)('rejects %j', (src, reason) => {
    const err = thrown(() => compileFormula(src, PERSON_WEIGHT_NAMES, PATH));
    expect(err).toBeInstanceOf(FormulaError);
    const fe = err as FormulaError;
    expect(fe.path).toBe(PATH);
    expect(fe.message.startsWith(`${PATH}: `)).toBe(true);
    expect(fe.reason).toContain(reason);
  });
});

describe('errors at run time', () => {
  it('non-finite results name the values that caused them', () => {
    const logf = compileFormula('log(age - 50)', PERSON_WEIGHT_NAMES, PATH);
    expect(logf(person({ age: 60 }))).toBeCloseTo(Math.log(10), 12);
    expect(() => logf(person({ age: 50 }))).toThrow(`${PATH}: formula gave -Infinity for {age: 50}`);
    // predictable mode: log of a negative is NaN, not a Complex
    expect(() => logf(person({ age: 40 }))).toThrow(`${PATH}: formula gave NaN for {age: 40}`);

    const inv = compileFormula('1/(cni-1) + age*0', PERSON_WEIGHT_NAMES, PATH);
    expect(() => inv(person({ age: 70, cni: 1 }))).toThrow(
      `${PATH}: formula gave Infinity for {age: 70, cni: 1}`,
    );

    const sq = compileFormula('sqrt(conditions - 2)', PERSON_WEIGHT_NAMES, PATH);
    expect(() => sq(person({ conditions: 1 }))).toThrow(`${PATH}: formula gave NaN for {conditions: 1}`);
  });

  it('a missing input is reported instead of silently reading a stale value', () => {
    const f = compileFormula('age + 1', PERSON_WEIGHT_NAMES, PATH);
    expect(f({ age: 1 })).toBe(2);
    expect(() => f({})).toThrow(`${PATH}: no number given for 'age' (got undefined)`);
  });
});

describe('checkFormula', () => {
  it('returns null for a good formula', () => {
    expect(checkFormula('clamp((value - baseline)/(target - baseline), 0, 1)', BONUS_CURVE_NAMES, 'b')).toBeNull();
  });

  it('returns the message for a bad formula', () => {
    expect(checkFormula('valu * 2', BONUS_CURVE_NAMES, 'bonus.curve')).toBe(
      "bonus.curve: unknown name 'valu' (known: value, target, baseline)",
    );
    expect(checkFormula('x = 1', BONUS_CURVE_NAMES, 'bonus.curve')).toBe('bonus.curve: assignment is not allowed');
    expect(checkFormula('1 +', BONUS_CURVE_NAMES, 'bonus.curve')).toMatch(/^bonus\.curve: cannot parse formula: /);
  });
});

describe('formulaProblem', () => {
  it('gives what is wrong as a message the editor can say in Swedish', () => {
    const bad = ['valu * 2', 'x = 1', '1 +', '(1 + 2', 'abs', 'clamp(value, 0)', 'foo(1)', 'value.x', '[1, 2]', '"text"', '5 cm', 'value; target', 'a:b', '1 & 2', ''];
    for (const source of bad) {
      const problem = formulaProblem(source, BONUS_CURVE_NAMES);
      expect(problem, source).not.toBeNull();
      expectSwedish(problem as Message);
    }
    expect(say(formulaProblem('valu * 2', BONUS_CURVE_NAMES) as Message, 'sv')).toBe("okänt namn 'valu' (kända: value, target, baseline)");
    expect(say(formulaProblem('1 +', BONUS_CURVE_NAMES) as Message, 'sv')).toMatch(/^formeln kan inte tolkas: uttrycket tar slut för tidigt \(tecken \d+\)$/);
    expect(formulaProblem('value >= target', BONUS_CURVE_NAMES)).toBeNull();
  });

  it('says errors at run time in Swedish too', () => {
    const f = compileFormula('log(age - 50)', PERSON_WEIGHT_NAMES, PATH);
    const error = thrown(() => f({ age: 50 })) as FormulaError;
    expect(say(error.detail, 'sv')).toBe('formeln gav -Infinity för {age: 50}');
  });
});

describe('state', () => {
  it('repeated evaluation does not leak values between calls', () => {
    const f = compileFormula('age * 2 + cni', PERSON_WEIGHT_NAMES, PATH);
    const inputs = [
      { age: 10, cni: 1 },
      { age: 90, cni: 5 },
      { age: 0, cni: 0 },
      { age: 10, cni: 1 },
    ];
    const got = inputs.map((v) => f(v));
    expect(got).toEqual([21, 185, 0, 21]);
  });

  it('two formulas compiled from the same source keep separate scopes', () => {
    const a = compileFormula('value - baseline', BONUS_CURVE_NAMES, 'a');
    const b = compileFormula('value - baseline', BONUS_CURVE_NAMES, 'b');
    expect(a({ value: 5, target: 0, baseline: 1 })).toBe(4);
    expect(b({ value: 100, target: 0, baseline: 50 })).toBe(50);
    expect(a({ value: 5, target: 0, baseline: 1 })).toBe(4);
  });
});
