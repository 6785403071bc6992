/**
 * The number-only mathjs of the browser and the CLI bundle (web/engine/mathjs-subset.ts, swapped in
 * by vite.config.ts and bin/build-cli.mjs) must make the formula sandbox answer exactly as the full
 * package does in Node. This file runs with the swap (vitest project 'mathjs-subset'); the full
 * package answers in a Node process without it.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { answers, FORMULAS } from './support/formula-answers.js';

/**
 * More formulas where the number-only functions could part from the full ones: floor and ceil
 * (written out in the subset), their digits' limits, rounding noise, units with prefixes, booleans
 * as numbers and the operators' edge cases.
 */
const MORE = [
  'floor(acg, 0.5)',
  'ceil(acg, 16)',
  'floor(acg, -1)',
  'ceil(acg, 15) + floor(acg, 15)',
  'floor(0.1 * 3 * 10) + ceil(0.7 + 0.1 + 0.2 - 1) + floor(-0.1 * 3 * 10)',
  'ceil(-acg) + floor(-acg) + ceil(acg * 1e-300) + floor(1e300 * acg)',
  'round(acg, 16)',
  'round(-2.5) + round(2.5) + round(1.005, 2)',
  'floor(acg, true) + ceil(true)',
  'max(acg, true) + min(false, cni)',
  'mod(7, 3)',
  '-7 % 3 + 7 % -3 + 7 % 0 + 5.5 % 2',
  'log(8, 2) + log(acg, 1) + log(0)',
  '0 / 0',
  'pow(-8, 1/3)',
  '(-8) ^ (1/3)',
  'age == 82 ? acg : cni',
  '1 < 2 == true',
  'not 0 + not 1 + (0 xor 1)',
  '5 km',
  'km',
  'kgf',
  'KiB * 2',
  'mph',
  'degC',
  'kilometers',
  'tonnes + 1',
  'hours',
  'sin',
  'ceil',
  '1 + cni cm',
];

/** Numbers where floating point, tolerances, signs and infinities make the functions part ways. */
const VALUES: readonly (number | boolean)[] = [
  0, -0, 1, -1, 2, -2, 3, -3, 7, -7, 0.5, -0.5, 1.5, 2.5, -2.5, 0.1, 0.3, -0.3, 0.1 * 3, 0.1 * 3 * 10, 1 / 3, -1 / 3, 2 / 3, 1.005, 4.35, 8,
  -8, 2.4999999999999996, 2.5000000000001, 0.9999999999999, 1.0000000000001, -2.9999999999999996, 1e-13, 1e-300, 1e300, -1e300, 15, 16, 12.3456789,
  Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity, NaN, true, false,
];
const THREES = [[1, 2, 3], [3, 2, 1], [NaN, 1, 2], [-0, 0, -1], [true, 0.5, false], [Infinity, -Infinity, 0]];
const ARITIES: readonly (readonly [string, readonly number[]])[] = [
  ['abs', [1]], ['min', [1, 2, 3]], ['max', [1, 2, 3]], ['exp', [1]], ['log', [1, 2]], ['log10', [1]], ['sqrt', [1]], ['pow', [2]],
  ['floor', [1, 2]], ['ceil', [1, 2]], ['round', [1, 2]], ['sign', [1]], ['add', [2]], ['subtract', [2]], ['multiply', [2]],
  ['divide', [2]], ['unaryMinus', [1]], ['unaryPlus', [1]], ['mod', [2]], ['equal', [2]], ['unequal', [2]], ['smaller', [2]],
  ['larger', [2]], ['smallerEq', [2]], ['largerEq', [2]], ['and', [2]], ['or', [2]], ['xor', [2]], ['not', [1]],
];

function fullAnswers(): Promise<unknown> {
  const code = `const m = await import('./test/browser/support/formula-answers.ts'); m.FORMULAS.push(...${JSON.stringify(MORE)}); process.stdout.write(JSON.stringify(m.answers()));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: process.cwd(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr || String(error))) : resolve(JSON.parse(stdout)),
    );
  });
}

describe('the browser build of mathjs', () => {
  it('is the subset in this project (so the comparison below means something)', async () => {
    const mathjs = (await import('mathjs')) as unknown as { all: object };
    const full = await import('mathjs-full' as string);
    expect(Object.keys(mathjs.all).length).toBeLessThan(Object.keys(full.all).length / 2);
  });

  it('is number-only: no BigNumber, Fraction, Complex or Matrix, and a Unit that only knows names', async () => {
    const { all, create } = await import('mathjs');
    const math = create(all, { predictable: true }) as unknown as Record<string, unknown>;
    for (const type of ['BigNumber', 'Fraction', 'Complex', 'DenseMatrix']) expect(math[type]).toBeUndefined();
    expect(Object.keys(math.Unit as object)).toEqual(['isValuelessUnit']);
  });

  it('knows every unit name of the full package, with each prefix it takes and none it does not', async () => {
    const { isValuelessUnit } = (await import('mathjs')) as unknown as { isValuelessUnit: (name: string) => boolean };
    const { Unit } = await import('mathjs-full' as string);
    const prefixes = new Set(Object.values(Unit.PREFIXES as Record<string, object>).flatMap((table) => Object.keys(table)));
    const differ: string[] = [];
    for (const unit of Object.keys(Unit.UNITS)) {
      for (const prefix of [...prefixes, 'x', 'kilok', 'Mi']) {
        for (const name of [`${prefix}${unit}`, `${prefix}${unit}s`, `${unit}${prefix}`]) {
          if (isValuelessUnit(name) !== Unit.isValuelessUnit(name)) differ.push(name);
        }
      }
    }
    for (const name of ['', 'age', 'acg', 'cni', 'value', 'target', 'baseline', 'i', 'x', 'kk', 'cm', 'kg', 'KiB', 'kibibytes']) {
      if (isValuelessUnit(name) !== Unit.isValuelessUnit(name)) differ.push(name);
    }
    expect(differ).toEqual([]);
  });

  it('gives the same number, or the same error, as the full package for every allowed function and operator', async () => {
    const subset = await import('mathjs');
    const full = await import('mathjs-full' as string);
    const small = subset.create(subset.all, { predictable: true }) as unknown as Record<string, (...args: unknown[]) => unknown>;
    const big = full.create(full.all, { predictable: true }) as Record<string, (...args: unknown[]) => unknown>;
    const one = (f: (...args: unknown[]) => unknown, args: unknown[]): unknown => {
      try {
        return f(...args);
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    const differ: string[] = [];
    for (const [name, arities] of ARITIES) {
      for (const arity of arities) {
        const calls = arity === 1 ? VALUES.map((x) => [x]) : arity === 2 ? VALUES.flatMap((x) => VALUES.map((y) => [x, y])) : THREES;
        for (const args of calls) {
          // fraction.js takes 10⁷ steps for an exponent this small: one case is enough.
          if (name === 'pow' && Math.abs(Number(args[1])) < 1e-7 && args[1] !== 0 && args[0] !== -8) continue;
          const a = one(small[name], args);
          const b = one(big[name], args);
          if (!Object.is(a, b)) differ.push(`${name}(${args.map(String).join(', ')}): ${String(a)} instead of ${String(b)}`);
        }
      }
    }
    expect(differ.slice(0, 20)).toEqual([]);
  });

  it('gives the formula sandbox exactly the answers of the full package', async () => {
    FORMULAS.push(...MORE);
    const subset = JSON.parse(JSON.stringify(answers()));
    expect(subset).toEqual(await fullAnswers());
  });
});
