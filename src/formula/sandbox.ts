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

  let root: MathNode;
  try {
    root = parse(source);
  } catch (err) {
    fail(path, 'formulaParse', { detail: err instanceof Error ? err.message : String(err) });
  }

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
