/**
 * The browser's mathjs (web/engine/mathjs-subset.ts, swapped in by vite.config.ts) must make the
 * formula sandbox answer exactly as the full package does in Node and the CLI. This file runs with
 * the swap (vitest project 'mathjs-subset'); the full package answers in a Node process without it.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { answers } from './support/formula-answers.js';

function fullAnswers(): Promise<unknown> {
  const code = "const m = await import('./test/browser/support/formula-answers.ts'); process.stdout.write(JSON.stringify(m.answers()));";
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: process.cwd(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr || String(error))) : resolve(JSON.parse(stdout)),
    );
  });
}

describe('the browser build of mathjs', () => {
  it('is the subset in this project (so the comparison below means something)', async () => {
    const mathjs = (await import('mathjs')) as unknown as { all: object };
    const full = await import('mathjs-full' as string);
    expect(Object.keys(mathjs.all).length).toBeLessThan(Object.keys(full.all).length / 2);
  });

  it('gives the formula sandbox exactly the answers of the full package', async () => {
    const subset = JSON.parse(JSON.stringify(answers()));
    expect(subset).toEqual(await fullAnswers());
  });
});
