/**
 * The layers point one way (eslint.config.js): the rule is part of the tests, so CI enforces it
 * with `npm test`, and it is shown to catch an import the wrong way.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function layerProblems(text: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers', () => {
  it.each([
    ['src/population/x.ts', "import { compileModel } from '../engine/model.js';\nexport const f = compileModel;\n"],
    ['src/engine/x.ts', "import { settle } from '../payment/settle.js';\nexport const f = settle;\n"],
    ['src/scenario/x.ts', "import { settle } from '../payment/settle.js';\nexport const f = settle;\n"],
    ['src/scenario/x.ts', "import { runScenario } from '../run.js';\nexport const f = runScenario;\n"],
    ['src/behaviour/x.ts', "import { runScenario } from '../run.js';\nexport const f = runScenario;\n"],
    ['src/report/x.ts', "import { main } from '../cli/main.js';\nexport const f = main;\n"],
  ])('refuses an import the wrong way in %s', async (file, text) => {
    expect(await layerProblems(text, file)).toHaveLength(1);
  });

  it('lets the scenario format read the payment kinds’ descriptions', async () => {
    expect(await layerProblems("import { KINDS } from '../payment/kinds/registry.js';\nexport const f = KINDS;\n", 'src/scenario/x.ts')).toEqual([]);
  });

  it('finds no import the wrong way in src/ and web/', async () => {
    const results = await eslint.lintFiles(['src/**/*.ts', 'web/**/*.ts']);
    const wrong = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line}: ${m.message}`));
    expect(wrong).toEqual([]);
  }, 120_000);
});
