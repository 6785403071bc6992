/**
 * Reading and writing scenario JSON by path, without mutating: every write returns a new object
 * along the path and shares the rest (cheap change detection for the views).
 */
import type { JsonObject } from './library.js';

export type JsonPath = readonly (string | number)[];

/**
 * @example getIn({ a: [{ b: 1 }] }, ['a', 0, 'b']) // 1
 */
export function getIn(json: unknown, path: JsonPath): unknown {
  let node = json;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * A copy with the value at `path` replaced; `undefined` removes an object key.
 * @example setIn({ a: { b: 1 } }, ['a', 'b'], 2) // { a: { b: 2 } }
 */
export function setIn<T extends JsonObject>(json: T, path: JsonPath, value: unknown): T {
  const write = (node: unknown, i: number): unknown => {
    if (i === path.length) return value;
    const key = path[i];
    if (Array.isArray(node)) {
      const copy = node.slice();
      copy[key as number] = write(node[key as number], i + 1);
      return copy;
    }
    const base = node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : typeof key === 'number' ? [] : {};
    if (Array.isArray(base)) return write(base, i);
    const copy: Record<string, unknown> = { ...base };
    const next = write(copy[key as string], i + 1);
    if (next === undefined) delete copy[key as string];
    else copy[key as string] = next;
    return copy;
  };
  return write(json, 0) as T;
}

/**
 * The validator's way of writing a path: `payment.components[3].price`.
 * @example pathText(['payment', 'components', 3, 'price']) // 'payment.components[3].price'
 */
export function pathText(path: JsonPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (!/^[A-Za-z0-9_-]+$/.test(key)) out += `[${JSON.stringify(key)}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}
