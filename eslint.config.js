import js from '@eslint/js';
import tseslint from 'typescript-eslint';


/**
 * The layers point one way: population at the bottom; the engine above it; payment and behaviour
 * above the engine; then `run`; then the CLI, the report and the web app. The scenario format may
 * read the payment kinds' descriptions (payment/kinds/) and nothing of the engine, the behaviour
 * model or the run. Nothing but the CLI itself imports cli/.
 */
const banned = (...groups) => ['error', { patterns: groups.map((group) => ({ group: [`../${group}`, `../../${group}`], message: `layers point one way (eslint.config.js): this folder may not import ${group}` })) }];
const ABOVE_RUN = ['cli/*', 'report/*'];
const layers = [
  { files: ['src/population/**/*.ts'], rules: { 'no-restricted-imports': banned('engine/*', 'payment/*', 'payment/kinds/*', 'behaviour/*', 'run.js', 'calibration/*', ...ABOVE_RUN) } },
  { files: ['src/engine/**/*.ts'], rules: { 'no-restricted-imports': banned('payment/*', 'payment/kinds/*', 'behaviour/*', 'run.js', 'calibration/*', ...ABOVE_RUN) } },
  { files: ['src/scenario/**/*.ts'], rules: { 'no-restricted-imports': banned('engine/*', 'payment/*.js', 'behaviour/*', 'run.js', 'calibration/*', ...ABOVE_RUN) } },
  { files: ['src/payment/**/*.ts'], rules: { 'no-restricted-imports': banned('behaviour/*', 'run.js', 'calibration/*', ...ABOVE_RUN) } },
  { files: ['src/behaviour/**/*.ts'], rules: { 'no-restricted-imports': banned('run.js', 'calibration/*', ...ABOVE_RUN) } },
  { files: ['src/results/**/*.ts', 'src/report/**/*.ts', 'src/calibration/**/*.ts', 'src/uncertainty/**/*.ts', 'web/**/*.ts'], rules: { 'no-restricted-imports': banned('cli/*') } },
];

export default tseslint.config(
  { ignores: ['dist/', 'dist-cli/', 'node_modules/', 'test-output/', 'out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', performance: 'readonly' } },
    rules: {
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use a named seeded stream (src/random.ts).' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...layers,
);
