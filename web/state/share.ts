/**
 * A scenario in a link: its JSON, deflated (CompressionStream 'deflate-raw'), in base64url — no
 * server, no dependency. A variant of a built-in scenario travels as its difference from that
 * scenario only (`p=`, a list of changes), which keeps such links short. Decoding is bounded: a
 * link longer than MAX_LINK_CHARS or one that inflates past MAX_SCENARIO_BYTES is refused before
 * it can fill memory. Decoding gives text; the caller validates it like any imported file.
 */
import { t } from '../i18n/index.js';

/** The longest scenario part of a link we read (characters of base64url). */
export const MAX_LINK_CHARS = 256 * 1024;
/**
 * The most a link may inflate to (bytes of JSON): sixteen times the largest built-in scenario,
 * and far below what a small link can otherwise expand to (deflate reaches about 1,000:1).
 */
export const MAX_SCENARIO_BYTES = 512 * 1024;

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(out).arrayBuffer());
}

class TooLarge extends Error {}

/** Inflate, stopping (and cancelling the stream) as soon as the output passes `max` bytes. */
async function inflateBounded(bytes: Uint8Array, max: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * @example const s = await encodeScenario(json); location.hash = `#/results?s=${s}`
 */
export async function encodeScenario(json: unknown): Promise<string> {
  return toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(json))));
}

/**
 * The JSON text in a link; throws (with the reason, in the page's language) when the text is
 * not a compressed scenario or is too large.
 * @example JSON.parse(await decodeScenario(s))
 */
export async function decodeScenario(encoded: string, max = MAX_SCENARIO_BYTES): Promise<string> {
  if (encoded.length > MAX_LINK_CHARS) throw new Error(t('share.tooLong', { kb: Math.round(MAX_LINK_CHARS / 1024) }));
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(encoded);
  } catch {
    throw new Error(t('share.notBase64'));
  }
  let inflated: Uint8Array;
  try {
    inflated = await inflateBounded(bytes, max);
  } catch (error) {
    if (error instanceof TooLarge) throw new Error(t('share.tooLarge', { kb: Math.round(max / 1024) }), { cause: error });
    throw new Error(t('share.notCompressed'), { cause: error });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    throw new Error(t('share.notCompressed'));
  }
}

/** One change: the value at a path, or (no value) the key at the path removed. */
export type Change = [path: (string | number)[], value?: unknown];

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The changes that turn `base` into `next`: objects key by key, arrays of the same length item
 * by item, anything else whole.
 * @example diffJson({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }) // [[['b', 1], 3]]
 */
export function diffJson(base: unknown, next: unknown, path: (string | number)[] = [], out: Change[] = []): Change[] {
  if (isPlainObject(base) && isPlainObject(next)) {
    for (const key of Object.keys(base)) if (!Object.hasOwn(next, key)) out.push([[...path, key]]);
    for (const [key, value] of Object.entries(next)) {
      if (!Object.hasOwn(base, key)) out.push([[...path, key], value]);
      else diffJson(base[key], value, [...path, key], out);
    }
  } else if (Array.isArray(base) && Array.isArray(next) && base.length === next.length) {
    next.forEach((value, i) => diffJson(base[i], value, [...path, i], out));
  } else if (JSON.stringify(base) !== JSON.stringify(next)) {
    out.push([path, next]);
  }
  return out;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `base` with the changes made (a copy; `base` is not touched). Throws on a change that does not
 * fit the base (a path through a number, an index past the end, a key that could reach an
 * object's prototype).
 * @example applyChanges({ a: [1, 2] }, [[['a', 1], 3]]) // { a: [1, 3] }
 */
export function applyChanges(base: unknown, changes: unknown): unknown {
  if (!Array.isArray(changes)) throw new Error(t('share.badChanges'));
  let root: unknown = structuredClone(base);
  for (const change of changes) {
    if (!Array.isArray(change) || change.length < 1 || change.length > 2 || !Array.isArray(change[0])) throw new Error(t('share.badChanges'));
    const path = change[0] as unknown[];
    if (path.some((k) => (typeof k !== 'string' && typeof k !== 'number') || FORBIDDEN.has(String(k)))) throw new Error(t('share.badChanges'));
    if (path.length === 0) {
      root = change[1];
      continue;
    }
    let at: unknown = root;
    for (const key of path.slice(0, -1)) {
      at = (at as Record<string, unknown> | undefined)?.[key as string];
      if (typeof at !== 'object' || at === null) throw new Error(t('share.badChanges'));
    }
    const last = path[path.length - 1] as string | number;
    if (Array.isArray(at) && (typeof last !== 'number' || !Number.isInteger(last) || last < 0 || last >= at.length)) throw new Error(t('share.badChanges'));
    if (change.length === 1) delete (at as Record<string, unknown>)[last];
    else (at as Record<string, unknown>)[last] = change[1];
  }
  return root;
}

/**
 * A variant as its changes from its base, compressed (`p=` in a link).
 * @example const p = await encodeChanges(builtin, edited)
 */
export async function encodeChanges(base: unknown, next: unknown): Promise<string> {
  return encodeScenario(diffJson(base, next));
}

/**
 * The variant a `p=` link holds, from its base; bounded like `decodeScenario`.
 * @example const json = await decodeChanges(p, builtin)
 */
export async function decodeChanges(encoded: string, base: unknown): Promise<unknown> {
  const changes: unknown = JSON.parse(await decodeScenario(encoded));
  const json = applyChanges(base, changes);
  if (new TextEncoder().encode(JSON.stringify(json)).byteLength > MAX_SCENARIO_BYTES) throw new Error(t('share.tooLarge', { kb: Math.round(MAX_SCENARIO_BYTES / 1024) }));
  return json;
}
