/**
 * Every scenario file that ships (scenarios/*.json, read from the folder so a new file is covered
 * the day it lands), and the CLI run in this process with its output captured.
 */
import { readdirSync } from 'node:fs';
import { main } from '../../src/cli/main.js';

export const SHIPPED_SCENARIOS: readonly string[] = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => `scenarios/${f}`);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `reimburse …` in this process. @example await reimburse('run', 'scenarios/x.json', '--quiet') */
export async function reimburse(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

/** Paths of every number in a JSON value that is not finite (JSON writes Infinity and NaN as null). */
export function nonFinite(value: unknown, path = ''): string[] {
  if (value === null) return [path];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  return [];
}
