// The CLI as one bundled ES module (esbuild), so `reimburse` starts without compiling TypeScript
// and without the whole of mathjs: the formula sandbox gets the number-only subset the web app ships
// (web/engine/mathjs-subset.ts). The same file is the worker threads' script (src/cli/bundle.ts).
//
// `node bin/build-cli.mjs` builds it (`node bin/build-cli.mjs bench`: the benchmarks, dist-cli/bench.mjs); `ensureCli()` builds it only when it is missing or older than
// any file it was built from (the list esbuild reports is kept beside it, so the check is one stat
// per source file, about a millisecond, and needs no esbuild).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
/** Where the bundle is written (ignored by git). */
export const CLI_DIR = join(root, 'dist-cli');
/** The bundle. */
export const CLI_BUNDLE = join(CLI_DIR, 'reimburse.mjs');
const INPUTS = join(CLI_DIR, 'inputs.json');

/** Files whose change means the bundle is out of date: its own sources, this script and the installed packages. */
function stale() {
  let built;
  try {
    built = statSync(CLI_BUNDLE).mtimeMs;
  } catch {
    return 'missing';
  }
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
  } catch {
    return 'missing';
  }
  for (const file of [...inputs, 'bin/build-cli.mjs', 'node_modules/.package-lock.json']) {
    try {
      if (statSync(join(root, file)).mtimeMs > built) return file;
    } catch {
      if (!file.startsWith('node_modules/')) return file; // a source was removed or renamed
    }
  }
  return undefined;
}

/**
 * A module outside src/cli/ that finds files next to itself (`new URL('../../models/', import.meta.url)`)
 * gets its own source file's URL, not the bundle's; src/cli/ keeps the bundle's (the worker pool
 * starts the bundle itself as its threads' script).
 */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      const text = readFileSync(path, 'utf8');
      if (!text.includes('import.meta.url') || relative(root, path).startsWith(join('src', 'cli'))) return undefined;
      const fromBundle = relative(CLI_DIR, path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/**
 * Build the bundle (always). Written under a temporary name and renamed, so a process starting at
 * the same moment reads either the old file or the new one, never half of one.
 * @example await buildCli()
 */
export async function buildCli() {
  const tmp = join(CLI_DIR, `.reimburse.${process.pid}.${Date.now()}.mjs`);
  const result = await bundle(join(root, 'src/cli/bundle.ts'), tmp);
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.includes('node_modules/'))
    .map((f) => relative(root, join(root, f)));
  // The list first: a bundle newer than its list is checked against the old list at worst.
  writeFileSync(`${tmp}.json`, `${JSON.stringify(inputs, null, 1)}\n`);
  renameSync(`${tmp}.json`, INPUTS);
  renameSync(tmp, CLI_BUNDLE);
  return CLI_BUNDLE;
}

/**
 * The benchmarks (bench/run.ts) bundled the same way, so they measure the code the CLI runs.
 * @example await buildBench() // dist-cli/bench.mjs
 */
export async function buildBench() {
  const out = join(CLI_DIR, 'bench.mjs');
  await bundle(join(root, 'bench/run.ts'), out);
  return out;
}

async function bundle(entry, outfile) {
  const { build } = await import('esbuild');
  // esbuild's aliases match path prefixes too: the subset's own `mathjs/number` is named in full.
  const mathjsNumber = join(dirname(createRequire(import.meta.url).resolve('mathjs/package.json')), 'lib/esm/number.js');
  mkdirSync(CLI_DIR, { recursive: true });
  return build({
    entryPoints: [entry],
    outfile,
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Node's own packages stay imports; playwright-core (PDF only) and esbuild are loaded from node_modules when asked for.
    packages: 'bundle',
    external: ['playwright-core', 'esbuild'],
    alias: { mathjs: join(root, 'web/engine/mathjs-subset.ts'), 'mathjs/number': mathjsNumber },
    // seedrandom is CommonJS and asks for `crypto` with require(); the bundle gives it one.
    banner: { js: "import { createRequire as __reimburseRequire } from 'node:module'; const require = __reimburseRequire(import.meta.url);" },
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true, // identifiers kept: stack traces stay readable
    plugins: [sourceUrls],
    metafile: true,
    logLevel: 'warning',
  });
}

/**
 * The bundle's path, built first when it is missing or out of date.
 * @example const { main } = await import(pathToFileURL(await ensureCli()).href)
 */
export async function ensureCli({ quiet = false } = {}) {
  const why = stale();
  if (why === undefined) return CLI_BUNDLE;
  if (!quiet) process.stderr.write(why === 'missing' ? 'reimburse: building the CLI (dist-cli/)…\n' : `reimburse: rebuilding the CLI (${why} changed)…\n`);
  try {
    return await buildCli();
  } catch (error) {
    // No esbuild (an install without dev dependencies): run the bundle there is, if any.
    if (existsSync(CLI_BUNDLE) && error?.code === 'ERR_MODULE_NOT_FOUND') return CLI_BUNDLE;
    throw error;
  }
}

/** Remove the bundle (tests of the first-use build). */
export function cleanCli() {
  rmSync(CLI_DIR, { recursive: true, force: true });
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const out = process.argv[2] === 'bench' ? await buildBench() : await buildCli();
  process.stderr.write(`built ${relative(process.cwd(), out)}\n`);
}
