/**
 * A scenario in a link: its JSON, deflated (CompressionStream 'deflate-raw'), in base64url — no
 * server, no dependency. Decoding gives text; the caller validates it like any imported file.
 */
import { t } from '../i18n/index.js';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
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
  return toBase64Url(await pipe(new TextEncoder().encode(JSON.stringify(json)), new CompressionStream('deflate-raw')));
}

/**
 * The JSON text of a scenario in a link; throws when the text is not a compressed scenario.
 * @example JSON.parse(await decodeScenario(s))
 */
export async function decodeScenario(encoded: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(encoded);
  } catch {
    throw new Error(t('share.notBase64'));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw')));
  } catch {
    throw new Error(t('share.notCompressed'));
  }
}
