/**
 * What the formula sandbox (src/formula/sandbox.ts) takes from mathjs, and nothing else: the
 * browser build and the CLI bundle point `mathjs` here (vite.config.ts, bin/build-cli.mjs), so
 * they ship the expression parser and the number-only versions of the operators and functions the
 * sandbox's allow-list lets through — no BigNumber (decimal.js), Fraction, Complex, Matrix or Unit.
 * Formulas compute on plain numbers only, so the answers are the same; the sandbox still names a
 * unit in its messages (`'cm' is a unit`), and for that alone the instance gets the unit names
 * below. Node keeps the full package; test/browser/mathjs-subset.test.ts checks that both answer
 * alike.
 */
import {
  absDependencies,
  addDependencies,
  andDependencies,
  compileDependencies,
  create as createNumber,
  divideDependencies,
  eDependencies,
  equalDependencies,
  evaluateDependencies,
  expDependencies,
  factory,
  largerDependencies,
  largerEqDependencies,
  log10Dependencies,
  maxDependencies,
  minDependencies,
  multiplyDependencies,
  notDependencies,
  orDependencies,
  parseDependencies,
  piDependencies,
  signDependencies,
  smallerDependencies,
  smallerEqDependencies,
  sqrtDependencies,
  subtractDependencies,
  typeOfDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  unequalDependencies,
  xorDependencies,
  type ConfigOptions,
  type FactoryFunctionMap,
  type MathJsInstance,
} from 'mathjs/number';
import * as numberOnly from 'mathjs/number';

// The full package's number versions of round, floor, ceil, mod, pow and log (function/arithmetic/
// in mathjs 15, Apache-2.0), written out here, because the number-only entry's differ: its round,
// floor, ceil and mod drop the tolerance against rounding noise (round(2.4999999999999996) is 3 in
// the full package), its pow ignores `predictable` ((-8)^(1/3) is -2 there, not NaN), its
// log(x, 0) is log(x); and the module of its floor and ceil makes a decimal.js number as it loads,
// which would bring all of decimal.js along. Same steps, same tolerances, same messages, for the
// `predictable` instance the sandbox makes.

interface NumberDeps {
  typed: (name: string, signatures: Record<string, (...args: number[]) => number>) => unknown;
  config: { relTol: number; absTol: number; predictable: boolean };
  round: (x: number, n?: number) => number;
  floor: (x: number) => number;
}
type Unary = (x: number) => number;

// mathjs's types give `factory` the instance's public shape; inside, `config` is the plain object.
const makeFactory = factory as unknown as (name: string, deps: (keyof NumberDeps)[], create: (deps: NumberDeps) => unknown) => FactoryFunctionMap[string];

function nearlyEqual(a: number, b: number, relTol: number, absTol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(relTol * Math.max(Math.abs(a), Math.abs(b)), absTol);
}

const isInteger = (x: number) => Number.isFinite(x) && x === Math.round(x);

/** The number-only round: mathjs's decimal rounding of the shortest text of x, with its checks. */
const plainRound = (numberOnly as unknown as { createRound: (deps: { typed: NumberDeps['typed'] }) => (x: number, n?: number) => number }).createRound;

const createRound = makeFactory('round', ['typed', 'config'], ({ typed, config }) => {
  const round = plainRound({ typed });
  // Digits of relTol (12 for 1e-12): a value that close to a rounder one is taken as that one.
  const epsilonDigits = () => Math.abs(Number(config.relTol.toExponential().split('e')[1]));
  const settle = (x: number) => {
    const xEpsilon = round(x, epsilonDigits());
    return nearlyEqual(x, xEpsilon, config.relTol, config.absTol) ? xEpsilon : x;
  };
  return typed('round', {
    number: (x: number) => round(settle(x)),
    'number, number': (x: number, n: number) => (n >= epsilonDigits() ? round(x, n) : round(settle(x), n)),
  });
});

function wholeFactory(name: 'floor' | 'ceil', toward: Unary, range: string) {
  return makeFactory(name, ['typed', 'config', 'round'], ({ typed, config, round }) => {
    // When toward() and round() differ only by rounding noise, the rounded value is meant.
    const whole = (x: number): number => {
      const t = toward(x);
      const r = round(x);
      if (t === r) return t;
      return nearlyEqual(x, r, config.relTol, config.absTol) && !nearlyEqual(x, t, config.relTol, config.absTol) ? r : t;
    };
    return typed(name, {
      number: whole,
      'number, number': (x: number, n: number) => {
        if (!isInteger(n)) throw new RangeError(`number of decimals in function ${name} must be an integer`);
        if (n < 0 || n > 15) throw new RangeError(`number of decimals in ${name} number must be in range ${range}`);
        const shift = 10 ** n;
        return whole(x * shift) / shift;
      },
    });
  });
}
const createFloor = wholeFactory('floor', Math.floor, '0 - 15');
const createCeil = wholeFactory('ceil', Math.ceil, '0-15');

const createMod = makeFactory('mod', ['typed', 'floor'], ({ typed, floor }) =>
  typed('mod', { 'number, number': (x: number, y: number) => (y === 0 ? x : x - y * floor(x / y)) }),
);

const createLog = makeFactory('log', ['typed'], ({ typed }) =>
  typed('log', {
    number: (x: number) => Math.log(x),
    'number, number': (x: number, base: number) => Math.log(x) / Math.log(base),
  }),
);

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * |y| as the fraction mathjs's `fraction(y)` gives (fraction.js 5: a Farey search with
 * denominators up to 10⁷, scaled by a power of ten for |y| ≥ 1), in lowest terms.
 */
function fractionOf(y: number): { n: bigint; d: bigint } {
  let p = Math.abs(y);
  let z = 1;
  if (p >= 1) {
    z = 10 ** Math.floor(1 + Math.log10(p));
    p /= z;
  }
  const N = 10_000_000;
  let [A, B, C, D] = [0, 1, 1, 1];
  let [n, d] = [0, 1];
  while (B <= N && D <= N) {
    const M = (A + C) / (B + D);
    if (p === M) {
      [n, d] = B + D <= N ? [A + C, B + D] : D > B ? [C, D] : [A, B];
      break;
    }
    if (p > M) [A, B] = [A + C, B + D];
    else [C, D] = [C + A, D + B];
    [n, d] = B > N ? [C, D] : [A, B];
  }
  const nn = BigInt(n) * BigInt(z);
  const dd = BigInt(d);
  const g = gcd(dd, nn);
  return { n: nn / g, d: dd / g };
}

const createPow = makeFactory('pow', ['typed', 'config'], ({ typed, config }) =>
  typed('pow', {
    'number, number': (x: number, y: number) => {
      if (config.predictable && x < 0 && Number.isFinite(y) && !isInteger(y)) {
        // An odd root of a negative number is real: (-8)^(1/3) = -2.
        const { n, d } = fractionOf(y);
        const yNum = (y < 0 ? -1 : 1) * (Number(n) / Number(d));
        if ((y === yNum || Math.abs((y - yNum) / y) < 1e-14) && d % 2n === 1n) return (n % 2n === 0n ? 1 : -1) * Math.pow(-x, y);
      }
      if (config.predictable && ((x < -1 && y === Infinity) || (x > -1 && x < 0 && y === -Infinity))) return NaN;
      if ((x * x < 1 && y === Infinity) || (x * x > 1 && y === -Infinity)) return 0;
      return Math.pow(x, y);
    },
  }),
);

/**
 * mathjs's unit names (type/unit/Unit.js, v15), by the prefixes each takes: a name is a unit when
 * it is one of these with one of its prefixes in front. Checked name by name against the full
 * package by test/browser/mathjs-subset.test.ts.
 */
const SI = 'da h k M G T P E Z Y R Q d c m u n p f a z y r q';
const SI_LONG = 'deca hecto kilo mega giga tera peta exa zetta yotta ronna quetta deci centi milli micro nano pico femto atto zepto yocto ronto quecto';
const BINARY = 'k M G T P E Z Y Ki Mi Gi Ti Pi Ei Zi Yi';
const BINARY_LONG = 'kilo mega giga tera peta exa zetta yotta kibi mebi gibi tebi pebi exi zebi yobi';
const UNIT_NAMES: readonly (readonly [prefixes: string, names: string])[] = [
  [
    SI_LONG,
    'meter litre gram tonne second sec hertz radian degree gradian ampere kelvin celsius fahrenheit rankine mole candela newton dyne kip joule electronvolt watt coulomb farad volt henry siemens weber tesla meters litres liter liters grams tonnes kips seconds secs radians degrees gradians watts joules amperes amps amp coulombs volts farads webers teslas electronvolts moles',
  ],
  [
    '',
    'inch foot yard mile link rod chain angstrom in ft yd mi li rd ch mil sqin sqft sqyd sqmi sqrd sqch sqmil acre hectare cuin cuft cuyd teaspoon tablespoon drop gtt minim fluiddram fluidounce gill cc cup pint quart gallon beerbarrel oilbarrel hogshead grain dram ounce poundmass hundredweight stick stone gr dr oz lbm cwt min h minute hour day week month year decade century millennium cycle arcsec arcmin lbf poundforce kilogramforce hp psi atm torr mmHg mmH2O cmH2O inches feet yards miles links rods chains angstroms teaspoons tablespoons minims fldr fluiddrams floz fluidounces gi gills cp cups pt pints qt quarts gal gallons bbl beerbarrels obl oilbarrels hogsheads gtts grains drams ounces poundmasses hundredweights sticks lb lbs kgf acres hectares sqfeet sqyard sqmile sqmiles mmhg mmh2o cmh2o minutes mins hours hr hrs days weeks months years decades centuries millennia cycles arcsecond arcseconds arcminute arcminutes',
  ],
  [SI, 'm L l g ton t s Hz rad deg grad A K degC degF degR mol cd N dyn J Wh eV W VAR VA Pa C Ah F V H S Wb T lt tons m2 m3'],
  [`${SI} ${SI_LONG}`, 'erg bar ohm ohms'],
  ['MM', 'BTU BTUs'],
  [BINARY, 'b B'],
  [BINARY_LONG, 'bits bytes bit byte'],
];
const UNITS = new Map<string, ReadonlySet<string>>(
  UNIT_NAMES.flatMap(([prefixes, names]) => {
    const set = new Set(['', ...prefixes.split(' ')]);
    return names.split(' ').map((name) => [name, set] as const);
  }),
);

/**
 * Whether `name` is a mathjs unit, with or without a prefix, as `math.Unit.isValuelessUnit` says.
 * @example isValuelessUnit('cm') // true
 */
export function isValuelessUnit(name: string): boolean {
  for (const [unit, prefixes] of UNITS) {
    if (name.endsWith(unit) && prefixes.has(name.slice(0, name.length - unit.length))) return true;
  }
  return false;
}

/**
 * The factories the sandbox's instance needs; `create(all, …)` there builds from these. (`true`
 * and `false` need none: the parser makes them constants.)
 */
export const all: FactoryFunctionMap = {
  ...parseDependencies,
  ...compileDependencies,
  ...evaluateDependencies,
  ...typeOfDependencies,
  ...addDependencies,
  ...subtractDependencies,
  ...multiplyDependencies,
  ...divideDependencies,
  createPow,
  ...unaryMinusDependencies,
  ...unaryPlusDependencies,
  createMod,
  ...equalDependencies,
  ...unequalDependencies,
  ...smallerDependencies,
  ...largerDependencies,
  ...smallerEqDependencies,
  ...largerEqDependencies,
  ...andDependencies,
  ...orDependencies,
  ...xorDependencies,
  ...notDependencies,
  ...absDependencies,
  ...minDependencies,
  ...maxDependencies,
  ...expDependencies,
  createLog,
  ...log10Dependencies,
  ...sqrtDependencies,
  createFloor,
  createCeil,
  createRound,
  ...signDependencies,
  ...piDependencies,
  ...eDependencies,
};

/**
 * A number-only mathjs instance from `factories`, whose `Unit` answers `isValuelessUnit` only
 * (it makes no units: the sandbox refuses a unit's name before a formula is compiled).
 * @example create(all, { predictable: true }).evaluate('2 + 3') // 5
 */
export function create(factories: FactoryFunctionMap, config?: ConfigOptions): MathJsInstance {
  const math = createNumber(factories, config);
  Object.assign(math, { Unit: { isValuelessUnit } });
  return math;
}
