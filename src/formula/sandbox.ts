/**
 * Restricted formula sandbox.
 *
 * Payers write bonus curves and weight expressions as text in scenario files.
 * Those files come from people we do not control (and get shared around), so a
 * formula must not be able to do anything but arithmetic on the numbers we hand
 * it. We get there with two independent fences:
 *
 *  1. A mathjs instance whose dangerous functions are replaced by throwing stubs
 *     (the "expression security" pattern from the mathjs docs), so even a bug in
 *     fence 2 cannot reach `import`, `evaluate`, `parse` and friends.
 *  2. An allow-list walk over the parsed syntax tree before compiling: only
 *     numbers, the caller's variable names, a handful of pure numeric functions
 *     and operators get through. Everything else is rejected with a reason a
 *     payer analyst can act on.
 *
 * Formulas are parsed and compiled once; the simulation loop then calls a plain
 * JS function that reuses one scope Map, because it runs per person per period.
 */
import { all, create } from 'mathjs';
import type { MathNode } from 'mathjs';
import { english, msg, type Message, type MessageCode, type ParamsOf } from '../messages/index.js';
import { FORMULA_GRID_POINTS, MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, MAX_FORMULA_SAMPLES, MAX_PERSON_WEIGHT } from '../limits.js';

/** Error that says where in the scenario a formula is and what is wrong with it. */
export class FormulaError extends Error {
  readonly path: string;
  /** In English. */
  readonly reason: string;
  /** The reason as data, for other languages. */
  readonly detail: Message;

  /** e.g. `throw new FormulaError('bonus.curve', msg('formulaUnknownName', { name: 'valu', known: ['value'] }))` */
  constructor(path: string, detail: Message) {
    const reason = english(detail);
    super(`${path}: ${reason}`);
    this.name = 'FormulaError';
    this.path = path;
    this.reason = reason;
    this.detail = detail;
  }
}

function fail<K extends MessageCode>(path: string, code: K, params: ParamsOf<K>): never {
  throw new FormulaError(path, msg(code, params));
}

/** A formula compiled once, callable many times from the simulation loop. */
export interface CompiledFormula {
  readonly source: string;
  /** The variable names the formula actually uses, sorted; callers may skip computing the rest. */
  readonly names: readonly string[];
  /**
   * Evaluate with a record holding a number for each of `names` (extra keys are ignored).
   * e.g. `f({ age: 82, cni: 3 })`
   */
  (values: Readonly<Record<string, number>>): number;
}

/**
 * Variables available to bonus curves (indicator-based payments).
 * - `value`: the indicator as measured in this settlement period
 * - `target`: the target written into the contract
 * - `baseline`: the indicator's value before the contract started
 *
 * e.g. `compileFormula('clamp((value - baseline)/(target - baseline), 0, 1)', BONUS_CURVE_NAMES, 'bonus.curve')`
 */
export const BONUS_CURVE_NAMES = ['value', 'target', 'baseline'] as const;

/**
 * Variables available to per-person weight expressions (capitation risk adjustment).
 * - `age`: age in whole years
 * - `sex`: 0 = female, 1 = male
 * - `group`: need group 1–5 (Vårdanalys 2017, ch. 3.3)
 * - `conditions`: number of chronic conditions
 * - `acg`: ACG-like case-mix risk weight, population mean 1.00
 * - `cni`: Care Need Index band 1–5
 *
 * e.g. `compileFormula('1 + 0.5*(age>=80) + 0.3*(cni-1)', PERSON_WEIGHT_NAMES, 'payment.weight')`
 */
export const PERSON_WEIGHT_NAMES = ['age', 'sex', 'group', 'conditions', 'acg', 'cni'] as const;

// ---------------------------------------------------------------------------
// The restricted mathjs instance

// `predictable` makes sqrt(-1), log(-1) etc. give NaN instead of a Complex, so a
// bad input surfaces as a clear "formula gave NaN for {...}" instead of a type
// error deep inside mathjs.
const math = create(all, { predictable: true });

// Keep our own handle before `parse` is disabled on the instance.
const parse = math.parse;

// Helpers that payers keep reaching for; defined in plain JS so they cost
// nothing beyond a function call and have no matrix/unit overloads to abuse.
const HELPERS: Record<string, (...args: number[]) => number> = {
  /** clamp(x, lo, hi): x limited to [lo, hi]. */
  clamp: (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi),
  /** step(x): 1 if x >= 0 else 0 — a threshold without needing ?: */
  step: (x: number) => (x >= 0 ? 1 : 0),
};
math.import(HELPERS);

// Functions that can reach the instance, parse or build new expressions, or
// mint units. The AST allow-list already blocks them; the stubs are there in
// case it ever has a hole. `typed` and `config` stay as they are because
// every other function depends on them internally; the allow-list covers them.
const DISABLED = [
  'import',
  'createUnit',
  'evaluate',
  'parse',
  'compile',
  'simplify',
  'simplifyConstant',
  'simplifyCore',
  'derivative',
  'rationalize',
  'resolve',
  'leafCount',
  'symbolicEqual',
  'reviver',
  'replacer',
  'chain',
  'parser',
  'help',
] as const;
math.import(
  Object.fromEntries(
    DISABLED.map((name) => [
      name,
      () => {
        throw new Error(`function '${name}' is disabled in formulas`);
      },
    ]),
  ),
  { override: true },
);

// ---------------------------------------------------------------------------
// The allow-list

/** Allowed functions with [min, max] argument counts, so a wrong call fails at load, not mid-run. */
const FUNCTIONS: ReadonlyMap<string, readonly [number, number]> = new Map<string, readonly [number, number]>([
  ['abs', [1, 1]],
  ['min', [1, Infinity]],
  ['max', [1, Infinity]],
  ['exp', [1, 1]],
  ['log', [1, 2]],
  ['log10', [1, 1]],
  ['sqrt', [1, 1]],
  ['pow', [2, 2]],
  ['floor', [1, 2]],
  ['ceil', [1, 2]],
  ['round', [1, 2]],
  ['sign', [1, 1]],
  ['clamp', [3, 3]],
  ['step', [1, 1]],
]);
const FUNCTION_LIST = [...FUNCTIONS.keys()].join(', ');

/** Named constants; `true`/`false` arrive as ConstantNodes, pi and e as symbols. */
const CONSTANTS: ReadonlySet<string> = new Set(['pi', 'e', 'true', 'false']);

/** mathjs operator function name -> the symbol a payer would have typed. */
const OPERATORS: ReadonlyMap<string, string> = new Map([
  ['add', '+'],
  ['subtract', '-'],
  ['multiply', '*'],
  ['divide', '/'],
  ['pow', '^'],
  ['unaryMinus', '-'],
  ['unaryPlus', '+'],
  ['mod', '%'],
  ['equal', '=='],
  ['unequal', '!='],
  ['smaller', '<'],
  ['larger', '>'],
  ['smallerEq', '<='],
  ['largerEq', '>='],
  ['and', 'and'],
  ['or', 'or'],
  ['xor', 'xor'],
  ['not', 'not'],
]);
const OPERATOR_LIST = [...new Set(OPERATORS.values())].join(' ');

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why a node type is refused, worded for someone who wrote the formula, not for us. */
function describeConstant(value: unknown): Message | null {
  if (typeof value === 'boolean') return null;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : msg('formulaConstant', { value: String(value) });
  }
  if (typeof value === 'string') return msg('formulaText', { text: value });
  return msg('formulaValue', { value: String(value) });
}

function isUnitName(name: string): boolean {
  try {
    return math.Unit.isValuelessUnit(name);
  } catch {
    return false;
  }
}

/**
 * Walk the tree and return the first reason it is unacceptable, or null. Also
 * collects the variable names used so the caller knows which inputs matter.
 */
function validate(
  root: MathNode,
  allowed: ReadonlySet<string>,
  allowedList: readonly string[],
  used: Set<string>,
): Message | null {
  let problem: Message | null = null;
  root.traverse((node, childPath, parent) => {
    // traverse has no early exit; once we have a reason the rest is noise.
    if (problem !== null) return;
    problem = checkNode(node, childPath, parent, allowed, allowedList, used);
  });
  return problem;
}

function checkNode(
  node: MathNode,
  childPath: string,
  parent: MathNode | null,
  allowed: ReadonlySet<string>,
  allowedList: readonly string[],
  used: Set<string>,
): Message | null {
  if (math.isConstantNode(node)) return describeConstant(node.value);
  if (math.isParenthesisNode(node) || math.isConditionalNode(node)) return null;
  if (math.isSymbolNode(node)) {
    const name = node.name;
    // The callee of a call is judged by the FunctionNode itself.
    if (parent !== null && math.isFunctionNode(parent) && childPath === 'fn') return null;
    if (allowed.has(name)) {
      used.add(name);
      return null;
    }
    if (CONSTANTS.has(name)) return null;
    if (FUNCTIONS.has(name)) return msg('formulaIsFunction', { name });
    if (isUnitName(name)) return msg('formulaUnit', { name });
    return msg('formulaUnknownName', { name, known: allowedList });
  }
  if (math.isFunctionNode(node)) {
    if (!math.isSymbolNode(node.fn)) return msg('formulaNamedCall', {});
    const name = node.fn.name;
    const arity = FUNCTIONS.get(name);
    if (arity === undefined) return msg('formulaFunction', { name, allowed: FUNCTION_LIST });
    const n = node.args.length;
    const [lo, hi] = arity;
    if (n < lo || n > hi) return msg('formulaArity', { name, lo, hi: hi === Infinity ? null : hi, got: n });
    return null;
  }
  if (math.isOperatorNode(node)) {
    if (OPERATORS.has(node.fn)) return null;
    return msg('formulaOperator', { op: node.op, fn: node.fn, allowed: OPERATOR_LIST });
  }
  if (math.isRelationalNode(node)) {
    // Chained comparisons such as `18 <= age < 65` are plain numeric tests.
    const bad = node.conditionals.find((c) => !OPERATORS.has(c));
    return bad === undefined ? null : msg('formulaComparison', { op: bad });
  }
  return msg('formulaSyntax', { node: node.type });
}

/** Deepest bracket nesting of the text, counted without recursion. */
function bracketDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (const c of source) {
    if (c === '(' || c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return deepest;
}

/** Depth of a syntax tree, walked with an explicit stack. */
function treeDepth(root: MathNode): number {
  let deepest = 0;
  const stack: [MathNode, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_FORMULA_DEPTH) break;
    node.forEach((child) => stack.push([child, depth + 1]));
  }
  return deepest;
}

/**
 * Parse within the limits: the length and the bracket depth are checked on the text, before the
 * parser (which recurses) sees it, and the tree's depth before anything walks it recursively.
 */
function parseBounded(source: string, path: string): MathNode {
  if (source.length > MAX_FORMULA_LENGTH) fail(path, 'formulaTooLong', { length: source.length, limit: MAX_FORMULA_LENGTH });
  if (bracketDepth(source) > MAX_FORMULA_DEPTH) fail(path, 'formulaTooDeep', { limit: MAX_FORMULA_DEPTH });
  let root: MathNode;
  try {
    root = parse(source);
  } catch (err) {
    // A chain of unary operators is the one deep structure without brackets; the length bounds it.
    if (err instanceof RangeError) fail(path, 'formulaTooDeep', { limit: MAX_FORMULA_DEPTH });
    fail(path, 'formulaParse', { detail: err instanceof Error ? err.message : String(err) });
  }
  if (treeDepth(root) > MAX_FORMULA_DEPTH) fail(path, 'formulaTooDeep', { limit: MAX_FORMULA_DEPTH });
  return root;
}

function checkAllowedNames(allowedNames: readonly string[], path: string): void {
  for (const name of allowedNames) {
    // These would be shadowed by (or shadow) built-ins, or could not be typed in a formula at all.
    if (!IDENTIFIER.test(name) || FUNCTIONS.has(name) || CONSTANTS.has(name) || name === 'end') {
      fail(path, 'formulaVariableName', { name });
    }
  }
}

function describeValues(names: readonly string[], values: Readonly<Record<string, number>>): string {
  return `{${names.map((n) => `${n}: ${String(values[n])}`).join(', ')}}`;
}

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return typeof x;
  return math.typeOf(x);
}

/**
 * Compile `source` allowing only `allowedNames` as free variables. Throws FormulaError naming `path`.
 *
 * e.g. `compileFormula('value >= target ? 1 : 0', BONUS_CURVE_NAMES, 'bonus.curve')({ value: 0.9, target: 0.8, baseline: 0.5 }) // 1`
 */
export function compileFormula(source: string, allowedNames: readonly string[], path: string): CompiledFormula {
  checkAllowedNames(allowedNames, path);
  if (source.trim() === '') fail(path, 'formulaEmpty', {});
  const root = parseBounded(source, path);

  const used = new Set<string>();
  const problem = validate(root, new Set(allowedNames), allowedNames, used);
  if (problem !== null) throw new FormulaError(path, problem);

  const names: readonly string[] = Object.freeze([...used].sort());
  const code = root.compile();
  // One scope per formula, refilled on each call: the loop calls this per
  // person per period and must not allocate. Every used name is overwritten
  // each call, so nothing carries over between calls.
  const scope = new Map<string, number>();

  const evaluateFormula = (values: Readonly<Record<string, number>>): number => {
    for (const name of names) {
      const v = values[name];
      if (typeof v !== 'number') {
        fail(path, 'formulaNoNumber', { name, got: typeName(v) });
      }
      scope.set(name, v);
    }
    let result: unknown;
    try {
      result = code.evaluate(scope);
    } catch (err) {
      fail(path, 'formulaFailed', { values: describeValues(names, values), detail: err instanceof Error ? err.message : String(err) });
    }
    if (typeof result === 'boolean') return result ? 1 : 0;
    if (typeof result !== 'number') {
      fail(path, 'formulaNotNumber', { got: typeName(result) });
    }
    if (!Number.isFinite(result)) {
      fail(path, 'formulaGave', { result: String(result), values: describeValues(names, values) });
    }
    return result;
  };

  return Object.defineProperties(evaluateFormula, {
    source: { value: source, enumerable: true },
    names: { value: names, enumerable: true },
  }) as CompiledFormula;
}

/**
 * Check a formula without throwing: returns null if fine, or the error message (for editors that check as you type).
 *
 * e.g. `checkFormula('agee * 2', PERSON_WEIGHT_NAMES, 'w') // "w: unknown name 'agee' (known: age, ...)"`
 */
export function checkFormula(source: string, allowedNames: readonly string[], path: string): string | null {
  try {
    compileFormula(source, allowedNames, path);
    return null;
  } catch (err) {
    if (err instanceof FormulaError) return err.message;
    throw err;
  }
}

/**
 * Check a formula without throwing: null if fine, or what is wrong as a message (for editors that
 * say it in the reader's language).
 *
 * e.g. `english(formulaProblem('agee * 2', PERSON_WEIGHT_NAMES)!) // "unknown name 'agee' (known: age, ...)"`
 */
export function formulaProblem(source: string, allowedNames: readonly string[]): Message | null {
  try {
    compileFormula(source, allowedNames, '');
    return null;
  } catch (err) {
    if (err instanceof FormulaError) return err.detail;
    throw err;
  }
}

// ---------------------------------------------------------------------------
// Checking a formula over the values its variables can take

/** The values a formula variable can take: a closed range, of whole numbers when `integer`. */
export interface VariableRange {
  min: number;
  max: number;
  integer?: boolean;
}
export type FormulaRanges = Readonly<Record<string, VariableRange>>;

/**
 * The ranges of the per-person weight variables, as the payment plan fills them in: age in whole
 * years (age bands' midpoints, 10–92, inside 0–110), sex 0/1, need group 1–5, chronic conditions
 * (0–5 from the frailty class), the ACG-like weight (positive, mean 1) and the CNI band 1–5.
 */
export const PERSON_WEIGHT_RANGES: FormulaRanges = {
  age: { min: 0, max: 110, integer: true },
  sex: { min: 0, max: 1, integer: true },
  group: { min: 1, max: 5, integer: true },
  conditions: { min: 0, max: 10, integer: true },
  acg: { min: 0.01, max: 100 },
  cni: { min: 1, max: 5, integer: true },
};

/**
 * The ranges of a bonus curve's variables: the indicator's value over its whole scale (a share 0–1,
 * or a rate per person-year), and the contract's target and baseline as the constants they are.
 * @example bonusCurveRanges(true, 0.8, 0.5).target // { min: 0.8, max: 0.8 }
 */
export function bonusCurveRanges(share: boolean, target: number, baseline: number = target): FormulaRanges {
  return {
    value: { min: 0, max: share ? 1 : 10_000 },
    target: { min: target, max: target },
    baseline: { min: baseline, max: baseline },
  };
}

/** What a formula can give over its ranges: bounds that hold for every value (possibly wider than reached). */
export interface FormulaRange {
  low: number;
  high: number;
}

interface Interval {
  lo: number;
  hi: number;
}
type Env = Map<string, Interval & { integer: boolean }>;

class RangeProblem extends Error {
  constructor(readonly detail: Message) {
    super(english(detail));
  }
}

const point = (x: number): Interval => ({ lo: x, hi: x });
const BOOL: Interval = { lo: 0, hi: 1 };
const show = (x: number) => String(Number(x.toPrecision(6)));
const showInterval = (i: Interval) => (i.lo === i.hi ? show(i.lo) : `${show(i.lo)} to ${show(i.hi)}`);
const surelyTrue = (i: Interval) => i.lo > 0 || i.hi < 0;
const surelyFalse = (i: Interval) => i.lo === 0 && i.hi === 0;
const truth = (i: Interval): Interval => (surelyTrue(i) ? point(1) : surelyFalse(i) ? point(0) : BOOL);

function canFail(node: MathNode, problem: 'divide by zero' | 'NaN' | 'Infinity', input: MathNode, range: Interval): never {
  throw new RangeProblem(msg('formulaCanFail', { problem, operation: node.toString(), range: `${input.toString()} is ${showInterval(range)}` }));
}

/** The interval of values of products/quotients of the corners. */
function hull(values: number[]): Interval {
  return { lo: Math.min(...values), hi: Math.max(...values) };
}

/** Comparisons decided when the intervals do not overlap, else either. */
function compare(fn: string, a: Interval, b: Interval): Interval {
  switch (fn) {
    case 'smaller':
      return a.hi < b.lo ? point(1) : a.lo >= b.hi ? point(0) : BOOL;
    case 'smallerEq':
      return a.hi <= b.lo ? point(1) : a.lo > b.hi ? point(0) : BOOL;
    case 'larger':
      return compare('smaller', b, a);
    case 'largerEq':
      return compare('smallerEq', b, a);
    case 'equal':
      return a.lo === a.hi && b.lo === b.hi && a.lo === b.lo ? point(1) : a.hi < b.lo || b.hi < a.lo ? point(0) : BOOL;
    default: {
      // unequal
      const equal = compare('equal', a, b);
      return { lo: 1 - equal.hi, hi: 1 - equal.lo };
    }
  }
}

const MIRROR: Readonly<Record<string, string>> = { smaller: 'larger', larger: 'smaller', smallerEq: 'largerEq', largerEq: 'smallerEq', equal: 'equal', unequal: 'unequal' };
const NEGATE: Readonly<Record<string, string>> = { smaller: 'largerEq', largerEq: 'smaller', larger: 'smallerEq', smallerEq: 'larger', equal: 'unequal', unequal: 'equal' };

/** A variable's range under `name fn other` (fn a comparison); null when no value satisfies it. */
function narrowVariable(range: Interval & { integer: boolean }, fn: string, other: Interval): (Interval & { integer: boolean }) | null {
  // A strict bound on a continuous variable keeps a small margin, so `x > 0 ? 1/x : 0` is guarded.
  const step = (x: number) => (range.integer ? 1 : 1e-9 * Math.max(1, Math.abs(x)));
  let { lo, hi } = range;
  if (fn === 'smaller') hi = Math.min(hi, other.hi - step(other.hi));
  else if (fn === 'smallerEq') hi = Math.min(hi, other.hi);
  else if (fn === 'larger') lo = Math.max(lo, other.lo + step(other.lo));
  else if (fn === 'largerEq') lo = Math.max(lo, other.lo);
  else if (fn === 'equal') {
    lo = Math.max(lo, other.lo);
    hi = Math.min(hi, other.hi);
  } else if (fn === 'unequal' && other.lo === other.hi) {
    if (lo === other.lo) lo += step(lo);
    if (hi === other.hi) hi -= step(hi);
  }
  if (range.integer) {
    lo = Math.ceil(lo);
    hi = Math.floor(hi);
  }
  return lo > hi ? null : { lo, hi, integer: range.integer };
}

function unwrap(node: MathNode): MathNode {
  let n = node;
  while (math.isParenthesisNode(n)) n = n.content;
  return n;
}

/** The variables' ranges where `condition` is `holds`; null when it cannot be. Only simple tests narrow. */
function narrow(condition: MathNode, env: Env, holds: boolean): Env | null {
  const node = unwrap(condition);
  if (math.isOperatorNode(node)) {
    if (node.fn === 'not') return narrow(node.args[0], env, !holds);
    if ((node.fn === 'and' && holds) || (node.fn === 'or' && !holds)) {
      const first = narrow(node.args[0], env, holds);
      return first === null ? null : narrow(node.args[1], first, holds);
    }
    if (node.fn in MIRROR && node.args.length === 2) return narrowComparison(node.fn, node.args[0], node.args[1], env, holds);
  }
  if (math.isRelationalNode(node) && holds) {
    let current: Env | null = env;
    for (let i = 0; i < node.conditionals.length && current !== null; i++) {
      current = narrowComparison(node.conditionals[i], node.params[i], node.params[i + 1], current, true);
    }
    return current;
  }
  const value = interval(node, env);
  if (holds ? surelyFalse(value) : surelyTrue(value)) return null;
  return env;
}

function narrowComparison(fn: string, left: MathNode, right: MathNode, env: Env, holds: boolean): Env | null {
  const op = holds ? fn : NEGATE[fn];
  const decided = compare(op, interval(left, env), interval(right, env));
  if (surelyFalse(decided)) return null;
  let result = env;
  for (const [name, other, relation] of [
    [unwrap(left), right, op],
    [unwrap(right), left, MIRROR[op]],
  ] as const) {
    if (!math.isSymbolNode(name) || !result.has(name.name)) continue;
    const narrowed = narrowVariable(result.get(name.name)!, relation, interval(other, result));
    if (narrowed === null) return null;
    result = new Map(result).set(name.name, narrowed);
  }
  return result;
}

function checked(node: MathNode, result: Interval, input: MathNode, range: Interval): Interval {
  if (Number.isNaN(result.lo) || Number.isNaN(result.hi)) canFail(node, 'NaN', input, range);
  if (!Number.isFinite(result.lo) || !Number.isFinite(result.hi)) canFail(node, 'Infinity', input, range);
  return result;
}

function power(node: MathNode, baseNode: MathNode, a: Interval, b: Interval): Interval {
  if (b.lo === b.hi && Number.isInteger(b.lo)) {
    const n = b.lo;
    if (n < 0 && a.lo <= 0 && a.hi >= 0) canFail(node, 'divide by zero', baseNode, a);
    const ends = [a.lo ** n, a.hi ** n];
    // An even power of an interval around 0 reaches 0.
    if (n > 0 && n % 2 === 0 && a.lo < 0 && a.hi > 0) ends.push(0);
    return checked(node, hull(ends), baseNode, a);
  }
  if (a.lo < 0) canFail(node, 'NaN', baseNode, a);
  if (a.lo === 0 && b.lo < 0) canFail(node, 'divide by zero', baseNode, a);
  // x^y is monotone in each argument for x ≥ 0, so its extremes are at the corners.
  const corners = [a.lo ** b.lo, a.lo ** b.hi, a.hi ** b.lo, a.hi ** b.hi];
  if (b.lo <= 0 && b.hi >= 0) corners.push(1);
  return checked(node, hull(corners), baseNode, a);
}

function roundTo(fn: string, x: number, digits: number): number {
  const f = fn === 'floor' ? Math.floor : fn === 'ceil' ? Math.ceil : Math.round;
  const scale = 10 ** Math.max(0, Math.min(15, Math.round(digits)));
  return f(x * scale) / scale;
}

function callInterval(node: MathNode & { fn: { name: string }; args: MathNode[] }, env: Env): Interval {
  const name = node.fn.name;
  const args = node.args.map((a) => interval(a, env));
  const [a, b, c] = args;
  const input = node.args[0];
  switch (name) {
    case 'abs':
      return a.lo >= 0 ? a : a.hi <= 0 ? { lo: -a.hi, hi: -a.lo } : { lo: 0, hi: Math.max(-a.lo, a.hi) };
    case 'min':
      return { lo: Math.min(...args.map((x) => x.lo)), hi: Math.min(...args.map((x) => x.hi)) };
    case 'max':
      return { lo: Math.max(...args.map((x) => x.lo)), hi: Math.max(...args.map((x) => x.hi)) };
    case 'exp':
      return checked(node, { lo: Math.exp(a.lo), hi: Math.exp(a.hi) }, input, a);
    case 'log':
    case 'log10': {
      if (a.lo < 0) canFail(node, 'NaN', input, a);
      if (a.lo === 0) canFail(node, 'Infinity', input, a);
      const ln = { lo: Math.log(a.lo), hi: Math.log(a.hi) };
      if (name === 'log10') return { lo: Math.log10(a.lo), hi: Math.log10(a.hi) };
      if (b === undefined) return ln;
      if (b.lo <= 0) canFail(node, b.lo < 0 ? 'NaN' : 'Infinity', node.args[1], b);
      const lb = { lo: Math.log(b.lo), hi: Math.log(b.hi) };
      if (lb.lo <= 0 && lb.hi >= 0) canFail(node, 'divide by zero', node.args[1], b);
      return checked(node, hull([ln.lo / lb.lo, ln.lo / lb.hi, ln.hi / lb.lo, ln.hi / lb.hi]), input, a);
    }
    case 'sqrt':
      if (a.lo < 0) canFail(node, 'NaN', input, a);
      return { lo: Math.sqrt(a.lo), hi: Math.sqrt(a.hi) };
    case 'pow':
      return power(node, input, a, b);
    case 'floor':
    case 'ceil':
    case 'round': {
      const digits = b ?? point(0);
      const corners = [a.lo, a.hi].flatMap((x) => [roundTo(name, x, digits.lo), roundTo(name, x, digits.hi)]);
      return hull([...corners, Math.floor(a.lo), Math.ceil(a.hi)].filter((x) => x >= Math.floor(a.lo) && x <= Math.ceil(a.hi)));
    }
    case 'sign':
      return { lo: Math.sign(a.lo), hi: Math.sign(a.hi) };
    case 'clamp':
      return { lo: Math.min(Math.max(a.lo, b.lo), c.lo), hi: Math.min(Math.max(a.hi, b.hi), c.hi) };
    case 'step':
      return { lo: a.lo >= 0 ? 1 : 0, hi: a.hi >= 0 ? 1 : 0 };
    default:
      return { lo: -Infinity, hi: Infinity };
  }
}

function operatorInterval(node: MathNode & { fn: string; args: MathNode[] }, env: Env): Interval {
  const args = node.args.map((a) => interval(a, env));
  const [a, b] = args;
  switch (node.fn) {
    case 'unaryPlus':
      return a;
    case 'unaryMinus':
      return { lo: -a.hi, hi: -a.lo };
    case 'add':
      return checked(node, { lo: a.lo + b.lo, hi: a.hi + b.hi }, node.args[0], a);
    case 'subtract':
      return checked(node, { lo: a.lo - b.hi, hi: a.hi - b.lo }, node.args[0], a);
    case 'multiply':
      return checked(node, hull([a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]), node.args[0], a);
    case 'divide':
      if (b.lo <= 0 && b.hi >= 0) canFail(node, 'divide by zero', node.args[1], b);
      return checked(node, hull([a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]), node.args[1], b);
    case 'pow':
      return power(node, node.args[0], a, b);
    case 'mod':
      // mathjs: x mod 0 is x; otherwise the result has the divisor's sign and is smaller than it.
      return hull([Math.min(b.lo, 0), Math.max(b.hi, 0), ...(b.lo <= 0 && b.hi >= 0 ? [a.lo, a.hi] : [])]);
    case 'not':
      return surelyTrue(a) ? point(0) : surelyFalse(a) ? point(1) : BOOL;
    case 'and':
      return surelyFalse(a) || surelyFalse(b) ? point(0) : surelyTrue(a) && surelyTrue(b) ? point(1) : BOOL;
    case 'or':
      return surelyTrue(a) || surelyTrue(b) ? point(1) : surelyFalse(a) && surelyFalse(b) ? point(0) : BOOL;
    case 'xor':
      return surelyTrue(a) || surelyFalse(a) ? (surelyTrue(b) || surelyFalse(b) ? point(Number(surelyTrue(a) !== surelyTrue(b))) : BOOL) : BOOL;
    default:
      return truth(compare(node.fn, a, b));
  }
}

/** Bounds on a node's value over `env`; throws RangeProblem where a value can be NaN or infinite. */
function interval(node: MathNode, env: Env): Interval {
  if (math.isConstantNode(node)) return typeof node.value === 'boolean' ? point(Number(node.value)) : point(Number(node.value));
  if (math.isParenthesisNode(node)) return interval(node.content, env);
  if (math.isSymbolNode(node)) {
    const range = env.get(node.name);
    if (range !== undefined) return { lo: range.lo, hi: range.hi };
    if (node.name === 'pi') return point(Math.PI);
    if (node.name === 'e') return point(Math.E);
    if (node.name === 'true') return point(1);
    if (node.name === 'false') return point(0);
    return { lo: -Infinity, hi: Infinity };
  }
  if (math.isConditionalNode(node)) {
    const condition = interval(node.condition, env);
    const branches: Interval[] = [];
    const yes = surelyFalse(condition) ? null : narrow(node.condition, env, true);
    const no = surelyTrue(condition) ? null : narrow(node.condition, env, false);
    if (yes !== null) branches.push(interval(node.trueExpr, yes));
    if (no !== null) branches.push(interval(node.falseExpr, no));
    if (branches.length === 0) return interval(node.trueExpr, env);
    return { lo: Math.min(...branches.map((b) => b.lo)), hi: Math.max(...branches.map((b) => b.hi)) };
  }
  if (math.isRelationalNode(node)) {
    let result: Interval = point(1);
    for (let i = 0; i < node.conditionals.length; i++) {
      const step = truth(compare(node.conditionals[i], interval(node.params[i], env), interval(node.params[i + 1], env)));
      result = surelyFalse(step) || surelyFalse(result) ? point(0) : surelyTrue(step) && surelyTrue(result) ? point(1) : BOOL;
    }
    return result;
  }
  if (math.isOperatorNode(node)) return operatorInterval(node as MathNode & { fn: string; args: MathNode[] }, env);
  if (math.isFunctionNode(node)) return callInterval(node as MathNode & { fn: { name: string }; args: MathNode[] }, env);
  return { lo: -Infinity, hi: Infinity };
}

/** Points to try per variable so that the grid stays within MAX_FORMULA_SAMPLES evaluations. */
function gridValues(range: VariableRange, perVariable: number): number[] {
  if (range.min === range.max) return [range.min];
  const values = new Set<number>([range.min, range.max]);
  for (let k = 1; k < perVariable - 1; k++) {
    const x = range.min + ((range.max - range.min) * k) / (perVariable - 1);
    values.add(range.integer === true ? Math.round(x) : x);
  }
  return [...values];
}

/** The grid point where a compiled formula is lowest, for a message that shows a real case. */
function lowestSample(formula: CompiledFormula, ranges: FormulaRanges): { value: number; at: Record<string, number> } | undefined {
  const names = formula.names;
  let perVariable = FORMULA_GRID_POINTS;
  while (perVariable > 2 && perVariable ** names.length > MAX_FORMULA_SAMPLES) perVariable--;
  const axes = names.map((n) => gridValues(ranges[n], perVariable));
  let best: { value: number; at: Record<string, number> } | undefined;
  const at: Record<string, number> = {};
  const visit = (i: number): void => {
    if (i === names.length) {
      const value = formula(at);
      if (best === undefined || value < best.value) best = { value, at: { ...at } };
      return;
    }
    for (const x of axes[i]) {
      at[names[i]] = x;
      visit(i + 1);
    }
  };
  try {
    visit(0);
  } catch {
    return undefined;
  }
  return best;
}

/**
 * Bounds on what a formula gives over the ranges its variables can take (interval arithmetic,
 * narrowed by simple conditions such as `age > 0 ? 1/age : 0`). Throws FormulaError naming `path`
 * when the formula is refused by `compileFormula`, or can divide by zero or give NaN or Infinity
 * somewhere in the ranges. A variable without a range is taken as any finite number.
 * @example formulaRange('1 + 0.5*(age >= 80)', PERSON_WEIGHT_NAMES, PERSON_WEIGHT_RANGES) // { low: 1, high: 1.5 }
 */
export function formulaRange(source: string, allowedNames: readonly string[], ranges: FormulaRanges, path = ''): FormulaRange {
  const compiled = compileFormula(source, allowedNames, path);
  const env: Env = new Map();
  for (const name of compiled.names) {
    const range = ranges[name] ?? { min: -Number.MAX_VALUE, max: Number.MAX_VALUE };
    env.set(name, { lo: range.min, hi: range.max, integer: range.integer === true });
  }
  try {
    const result = interval(parse(source), env);
    return { low: result.lo, high: result.hi };
  } catch (err) {
    if (err instanceof RangeProblem) throw new FormulaError(path, err.detail);
    throw err;
  }
}

/**
 * What is wrong with a formula over its variables' ranges, or null: everything `formulaProblem`
 * finds, a division by zero, NaN or Infinity somewhere in the ranges, and for a weight (`weight`)
 * a value below 0 or above MAX_PERSON_WEIGHT.
 * @example english(formulaRangeProblem('1/(age-80)', PERSON_WEIGHT_NAMES, PERSON_WEIGHT_RANGES)!) // 'formula can give a division by zero in 1 / (age - 80) (where age - 80 is -80 to 30); …'
 */
export function formulaRangeProblem(source: string, allowedNames: readonly string[], ranges: FormulaRanges, options: { weight?: boolean } = {}): Message | null {
  let range: FormulaRange;
  try {
    range = formulaRange(source, allowedNames, ranges);
  } catch (err) {
    if (err instanceof FormulaError) return err.detail;
    throw err;
  }
  if (options.weight !== true) return null;
  if (range.low < 0) {
    const compiled = compileFormula(source, allowedNames, '');
    const lowest = lowestSample(compiled, ranges);
    const shown = lowest !== undefined && lowest.value < 0 ? lowest : undefined;
    const values = shown === undefined ? 'some values in the ranges' : describeValues(compiled.names, shown.at);
    return msg('formulaNegative', { low: show(shown?.value ?? range.low), values });
  }
  if (range.high > MAX_PERSON_WEIGHT) return msg('formulaTooLarge', { high: show(range.high), limit: MAX_PERSON_WEIGHT });
  return null;
}
