/**
 * Readers for untrusted JSON: each checks one value, records what is wrong with its path, and
 * returns the value when it is usable (so a validator can go on and find every other problem).
 * A reader given `undefined` says nothing: missing required keys are reported once, by `object`.
 */
import { type IssueList, keyPath } from './issues.js';
import { formatNumber, msg, type Message, type Thing } from '../messages/index.js';
import { TEXT_LANGUAGES } from './types.js';
import { MAX_ID_LENGTH, MAX_SHARE, MIN_SHARE, MAX_SUGGESTIONS, MAX_SUGGEST_CANDIDATES, MAX_SUGGEST_NAME_LENGTH } from '../limits.js';

export { formatNumber };

export type JsonObject = Record<string, unknown>;

/** @example isObject({}) // true; isObject([]) // false */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @example typeName([1]) // 'array' */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), case-insensitive. */
function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/**
 * The candidate closest to a mistyped word, if it is close enough to be what was meant. Bounded:
 * only names up to MAX_SUGGEST_NAME_LENGTH characters, against the first MAX_SUGGEST_CANDIDATES
 * candidates, and only those whose length could be within reach (a distance is at least the
 * difference in length), so a hostile file cannot make it cost more than a few milliseconds.
 * @example suggest('payr', ['payer', 'payee']) // 'payer'
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_SUGGEST_NAME_LENGTH) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  let compared = 0;
  for (const candidate of candidates) {
    if (++compared > MAX_SUGGEST_CANDIDATES) break;
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Known names listed in a message when no suggestion fits; past this many, the rest are counted. */
const KNOWN_SHOWN = 20;


export interface KeySpec {
  required: readonly string[];
  optional?: readonly string[];
  /** Explains a key that is valid elsewhere but not here (e.g. `indicator` on a variable component). */
  misplaced?: (key: string) => Message | undefined;
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** Replaces the range message, for limits that need their reason stated. */
  rangeMessage?: (value: number) => Message;
}

/** Shares are allowed to miss 1 by rounding in a hand-written file. */
export const SHARE_TOLERANCE = 1e-6;

/** Checks values and records problems in an IssueList. @example new Reader(new IssueList()).number(-5, 'price', { min: 0 }) */
export class Reader {
  /** Suggestions still to be computed for this document (MAX_SUGGESTIONS in all). */
  private suggestionsLeft = MAX_SUGGESTIONS;

  constructor(readonly issues: IssueList) {}

  /** `suggest`, while this document's budget of suggestions lasts. @example reader.suggest('payr', ['payer']) // 'payer' */
  suggest(word: string, candidates: readonly string[]): string | undefined {
    if (this.suggestionsLeft <= 0) return undefined;
    this.suggestionsLeft--;
    return suggest(word, candidates);
  }

  /**
   * An object whose keys are checked: missing required keys and unknown keys (with a suggestion) are errors.
   * @example reader.object({ payr: 'region' }, 'payment.components[0]', { required: ['payer'] }) // records "unknown key 'payr' (did you mean 'payer'?)"
   */
  object(value: unknown, path: string, spec?: KeySpec): JsonObject | undefined {
    if (value === undefined) return undefined;
    if (!isObject(value)) {
      this.issues.error(path, 'notObject', { got: typeName(value) });
      return undefined;
    }
    if (spec !== undefined) this.keys(value, path, spec);
    return value;
  }

  /** Only the key check of `object`, for objects already known to be objects. @example reader.keys(json, '', SCENARIO_KEYS) */
  keys(value: JsonObject, path: string, spec: KeySpec): void {
    const known = [...spec.required, ...(spec.optional ?? [])];
    const explained = new Set<string>();
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const reason = spec.misplaced?.(key);
      if (reason !== undefined) {
        this.issues.errorMessage(keyPath(path, key), reason);
        continue;
      }
      // Prefer a key that is missing: 'payr' next to no 'payer' is almost surely a typo of it.
      const missing = this.suggest(key, known.filter((k) => value[k] === undefined));
      if (missing !== undefined) explained.add(missing);
      const best = missing ?? this.suggest(key, known);
      this.issues.error(keyPath(path, key), 'unknownKey', { key, suggestion: best });
    }
    for (const key of spec.required) {
      // A typo already reported as "did you mean" explains the missing key; saying it twice is noise.
      if (value[key] === undefined && !explained.has(key)) this.issues.error(keyPath(path, key), 'required', {});
    }
  }

  /** @example reader.number(-5, 'x.price', { min: 0 }) // records "must be ≥ 0, got -5" */
  number(value: unknown, path: string, rule: NumberRule = {}): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.issues.error(path, 'notNumber', { got: typeName(value) });
      return undefined;
    }
    const outside =
      (rule.integer === true && !Number.isInteger(value)) ||
      (rule.min !== undefined && value < rule.min) ||
      (rule.max !== undefined && value > rule.max);
    if (!outside) return value;
    this.issues.errorMessage(path, rule.rangeMessage?.(value) ?? msg('range', { min: rule.min, max: rule.max, integer: rule.integer, got: value }));
    return undefined;
  }

  /** A share in [0, 1]. @example reader.share(1.5, 'population.listing[0].share') // records "must be between 0 and 1, got 1.5" */
  share(value: unknown, path: string): number | undefined {
    return this.number(value, path, { min: MIN_SHARE, max: MAX_SHARE });
  }

  /** @example reader.string(5, 'providers[0].name') // records "must be a string, got number" */
  string(value: unknown, path: string): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.issues.error(path, 'notString', { got: typeName(value) });
      return undefined;
    }
    return value;
  }

  /** A non-empty string without surrounding spaces, used as an id. @example reader.id('', 'payers[0].id') // records "must not be empty" */
  id(value: unknown, path: string): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    if (text.trim() === '') this.issues.error(path, 'notEmpty', {});
    else if (text.length > MAX_ID_LENGTH) this.issues.error(path, 'textTooLong', { length: text.length, limit: MAX_ID_LENGTH });
    else if (text.trim() !== text) this.issues.error(path, 'spaces', { text });
    else return text;
    return undefined;
  }

  /** @example reader.boolean('yes', 'payment.components[4].deduction') // records "must be true or false, got string" */
  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.issues.error(path, 'notBoolean', { got: typeName(value) });
      return undefined;
    }
    return value;
  }

  /** @example reader.oneOf('hosptial', 'providers[2].type', PROVIDER_TYPES) // "'hosptial' is not one of hospital, …" */
  oneOf<T extends string>(value: unknown, path: string, values: readonly T[]): T | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    if ((values as readonly string[]).includes(text)) return text as T;
    this.issues.error(path, 'notOneOf', { text, values });
    return undefined;
  }

  /** @example reader.array({}, 'providers') // records "must be an array, got object" */
  array(value: unknown, path: string, options: { nonEmpty?: boolean } = {}): unknown[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.issues.error(path, 'notArray', { got: typeName(value) });
      return undefined;
    }
    if (options.nonEmpty === true && value.length === 0) this.issues.error(path, 'notEmpty', {});
    return value;
  }

  /** A month 'YYYY-MM' (01–12); returns a number of months since year 0 to compare dates. @example reader.month('2026-02', 'simulation.start') // 24313 */
  month(value: unknown, path: string): number | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    const match = /^(\d{4})-(\d{2})$/.exec(text);
    const month = match === null ? 0 : Number(match[2]);
    if (match === null || month < 1 || month > 12) {
      this.issues.error(path, 'month', { text });
      return undefined;
    }
    return Number(match[1]) * 12 + month - 1;
  }

  /**
   * An id that must name one of `known`; `what` names the list ("payer", "provider").
   * @example reader.reference('regon', 'providers[0].principal', ['region'], 'payer') // records "unknown payer 'regon' (did you mean 'region'?)"
   */
  reference(value: unknown, path: string, known: Iterable<string>, what: Thing): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    const list = [...known];
    if (list.includes(text)) return text;
    const shown = list.length <= KNOWN_SHOWN ? list : [...list.slice(0, KNOWN_SHOWN), `… ${list.length - KNOWN_SHOWN} more`];
    this.issues.error(path, 'unknownReference', { what, text, suggestion: this.suggest(text, list), known: shown });
    return undefined;
  }

  /**
   * The entries of a record whose keys must come from `keys` (services, need groups, provider ids);
   * unknown keys are reported as "unknown service 'x' (did you mean …)" and left out.
   * @example reader.entries({ admission: 5 }, 'providers[0].unitCosts', SERVICE_IDS, 'service') // [['admission', 5, 'providers[0].unitCosts.admission']]
   */
  entries(value: unknown, path: string, keys: readonly string[], what: Thing): [key: string, value: unknown, path: string][] {
    const record = this.object(value, path);
    if (record === undefined) return [];
    const found: [string, unknown, string][] = [];
    for (const [key, item] of Object.entries(record)) {
      const at = keyPath(path, key);
      if (keys.includes(key)) found.push([key, item, at]);
      else this.reference(key, at, keys, what);
    }
    return found;
  }

  /** Records an error if `shares` do not sum to 1 (±1e-6). @example reader.sumsToOne([0.5, 0.4], 'population.listing') // records "shares must sum to 1, got 0.9" */
  sumsToOne(shares: readonly number[], path: string): void {
    const sum = shares.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) this.issues.error(path, 'sharesSum', { sum });
  }

  /** A list of exactly `length` shares in [0, 1] summing to 1 (a CNI mix). @example reader.shareVector([1], 'population.cniMix', 5, 'cni band') */
  shareVector(value: unknown, path: string, length: number, per: 'cni band' | 'need group'): void {
    const list = this.array(value, path);
    if (list === undefined) return;
    if (list.length !== length) {
      this.issues.error(path, 'shareCount', { count: length, per, got: list.length });
      return;
    }
    const shares = list.map((v, i) => this.share(v, `${path}[${i}]`));
    if (shares.every((s) => s !== undefined)) this.sumsToOne(shares as number[], path);
  }
}

/**
 * `translations`: per language, the file's texts in that language. `texts` are strings; `records`
 * are records of texts by name, which the caller checks against its own names (a model's
 * parameters). Returns each language's object with its path.
 * @example validateTranslations(reader, { sv: { title: 'Fel ficka' } }, 'translations', ['title'])
 */
export function validateTranslations(r: Reader, value: unknown, path: string, texts: readonly string[], records: readonly string[] = []): [JsonObject, string][] {
  const found: [JsonObject, string][] = [];
  for (const [, translation, at] of r.entries(value, path, TEXT_LANGUAGES, 'language')) {
    const object = r.object(translation, at, { required: [], optional: [...texts, ...records] });
    if (object === undefined) continue;
    for (const key of texts) r.string(object[key], keyPath(at, key));
    found.push([object, at]);
  }
  return found;
}
