/**
 * A message the core gives a user (a problem in a scenario file, a formula the sandbox refuses),
 * kept as a code and its parameters so each surface can say it in its reader's language: the CLI
 * in English, the web app in Swedish or English.
 */

/** A message as data: plain values only, so it survives structured cloning to and from workers. */
export interface Message {
  readonly code: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Renders a message nested in another's parameters, in the same language. */
export type Render = (message: Message) => string;

/** What a reference or a record key names; each language has its noun for it. */
export type Thing = 'payer' | 'provider' | 'model' | 'service' | 'need group' | 'municipality' | 'pool member' | 'provider or pool' | 'age band' | 'language' | 'parameter' | 'component';

/** A JSON value's type as `typeName` gives it, or another word (a formula result's mathjs type). */
export type TypeWord = string;

/** A number as people write it: no float noise (0.30000000000000004 → 0.3). @example formatNumber(0.1 + 0.2) // '0.3' */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}
