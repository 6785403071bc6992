/**
 * JSON text to a value, and when the text is not JSON, where and why — the same answer in every
 * browser and Node version (engines word and place their own errors differently, some not at all).
 */
import { english, msg, type Message, type MessageCode, type ParamsOf } from '../messages/index.js';
import { MAX_ARRAY_LENGTH, MAX_NESTING_DEPTH, MAX_TEXT_LENGTH } from '../limits.js';
import { keyPath } from './issues.js';

/** `reason` in English; `detail` is the same as data, for other languages. */
export type JsonParseFailure = { ok: false; line: number; column: number; reason: string; detail: Message };
export type JsonParseResult = { ok: true; value: unknown } | JsonParseFailure;

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: Message,
  ) {
    super(english(detail));
  }
}

/** A recursive-descent scanner that only finds the first syntax error; JSON.parse does the parsing. */
class Scanner {
  private i = 0;
  /** Open objects and arrays; the scanner recurses, so a deep file must stop it before the stack does. */
  private depth = 0;

  constructor(private readonly s: string) {}

  run(): void {
    this.value();
    this.space();
    if (this.i < this.s.length) this.fail('jsonAfterEnd', this.found());
  }

  private fail<K extends MessageCode>(code: K, params: ParamsOf<K>, at = this.i): never {
    throw new JsonSyntaxError(at, msg(code, params));
  }

  /** The character at the scanner, or nothing at the end of the text. */
  private found(): { found?: string } {
    return this.i >= this.s.length ? {} : { found: this.s[this.i] };
  }

  private space(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++;
  }

  private value(): void {
    this.space();
    const c = this.s[this.i];
    if (c === undefined) this.fail('jsonEnd', {});
    if ((c === '{' || c === '[') && this.depth >= MAX_NESTING_DEPTH) this.fail('tooDeep', { limit: MAX_NESTING_DEPTH });
    if (c === '{') return this.nested(() => this.object());
    if (c === '[') return this.nested(() => this.array());
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === '/') this.fail('jsonComment', {});
    if (c === "'") this.fail('jsonSingleQuote', {});
    const word = /[A-Za-z_$][\w$]*/y;
    word.lastIndex = this.i;
    const match = word.exec(this.s);
    if (match === null) this.fail('jsonValueExpected', this.found());
    if (!['true', 'false', 'null'].includes(match[0])) this.fail('jsonWord', { word: match[0] });
    this.i += match[0].length;
  }

  private nested(read: () => void): void {
    this.depth++;
    read();
    this.depth--;
  }

  private object(): void {
    this.i++;
    this.space();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      if (this.s[this.i] === '}') this.fail('jsonTrailingComma', { bracket: '}' });
      if (this.s[this.i] !== '"') this.fail('jsonPropertyName', this.found());
      this.string();
      this.space();
      if (this.s[this.i] !== ':') this.fail('jsonColon', this.found());
      this.i++;
      this.value();
      this.space();
      const c = this.s[this.i];
      if (c !== ',' && c !== '}') this.fail('jsonCommaBrace', this.found());
      this.i++;
      if (c === '}') return;
    }
  }

  private array(): void {
    this.i++;
    this.space();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      if (this.s[this.i] === ']') this.fail('jsonTrailingComma', { bracket: ']' });
      this.value();
      this.space();
      const c = this.s[this.i];
      if (c !== ',' && c !== ']') this.fail('jsonCommaBracket', this.found());
      this.i++;
      if (c === ']') return;
    }
  }

  private string(): void {
    const start = this.i;
    this.i++;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) this.fail('jsonUnterminated', {}, start);
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') {
        const e = this.s[this.i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.i += 6;
        else this.fail('jsonEscape', {});
      } else if (c < ' ') {
        this.fail('jsonControl', {});
      } else {
        this.i++;
      }
    }
  }

  private number(): void {
    const pattern = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    pattern.lastIndex = this.i;
    const match = pattern.exec(this.s);
    if (match === null) this.fail('jsonNumber', {});
    this.i += match[0].length;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Parse JSON text; on failure give the 1-based line and column of the first error and its reason.
 * @example parseJson('{\n  "a" 1\n}') // { ok: false, line: 2, column: 7, reason: "expected ':' after the property name, got '1'" }
 */
export function parseJson(text: string): JsonParseResult {
  // Editors on Windows like to save a byte-order mark; it is not an error anyone can see.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    try {
      new Scanner(body).run();
    } catch (found) {
      if (found instanceof JsonSyntaxError) return { ok: false, ...lineAndColumn(body, found.offset), reason: found.message, detail: found.detail };
      throw found;
    }
    // The scanner found nothing the engine disliked: report the engine's words at the start.
    const text = err instanceof Error ? err.message : String(err);
    return { ok: false, line: 1, column: 1, reason: text, detail: msg('jsonOther', { text }) };
  }
}

/**
 * Text that is not JSON, as one message with its line and column.
 * @example english(jsonProblem(parseJson('{') as JsonParseFailure)) // 'not valid JSON at line 1, column 2: unexpected end of input'
 */
export function jsonProblem(failed: JsonParseFailure): Message {
  return msg('jsonSyntax', { line: failed.line, column: failed.column, reason: failed.detail });
}

/** A problem with a JSON value's size or shape: where (a JSON path) and what. */
export interface JsonLimitProblem {
  path: string;
  detail: Message;
}

/** Most limit problems reported for one value: past these the file is plainly not a scenario. */
const MAX_LIMIT_PROBLEMS = 100;

/**
 * Check a parsed JSON value against the limits every file shares (src/limits.ts): nesting depth,
 * array lengths and keys per object, text lengths, and finite numbers (JSON.parse reads 1e400 as
 * Infinity). Iterative, so any depth is walked without recursion; every later walk may recurse.
 * @example jsonLimitProblems({ a: [1e400] })[0].path // 'a[0]'
 */
export function jsonLimitProblems(root: unknown): JsonLimitProblem[] {
  const problems: JsonLimitProblem[] = [];
  const stack: [value: unknown, path: string, depth: number][] = [[root, '', 0]];
  while (stack.length > 0 && problems.length < MAX_LIMIT_PROBLEMS) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) problems.push({ path, detail: msg('notFinite', { got: String(value) }) });
      continue;
    }
    if (typeof value === 'string') {
      if (value.length > MAX_TEXT_LENGTH) problems.push({ path, detail: msg('textTooLong', { length: value.length, limit: MAX_TEXT_LENGTH }) });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_NESTING_DEPTH) {
      problems.push({ path, detail: msg('tooDeep', { limit: MAX_NESTING_DEPTH }) });
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length > MAX_ARRAY_LENGTH) {
        problems.push({ path, detail: msg('tooMany', { count: value.length, limit: MAX_ARRAY_LENGTH }) });
        continue;
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`, depth + 1]);
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > MAX_ARRAY_LENGTH) {
      problems.push({ path, detail: msg('tooMany', { count: keys.length, limit: MAX_ARRAY_LENGTH }) });
      continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const at = keyPath(path, key);
      if (key.length > MAX_TEXT_LENGTH) problems.push({ path: at, detail: msg('textTooLong', { length: key.length, limit: MAX_TEXT_LENGTH }) });
      else stack.push([(value as Record<string, unknown>)[key], at, depth + 1]);
    }
  }
  return problems;
}
