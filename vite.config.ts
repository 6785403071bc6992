/**
 * The web app (`web/`, entry `index.html`): `npm run build` writes `dist/`, `npm run dev` serves it
 * with reloading, `npm run app` builds and serves the built app. Workers are ES modules.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, parseSync, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The browser gets the part of mathjs the formula sandbox uses (web/engine/mathjs-subset.ts:
 * number-only, no decimal.js, fraction.js, complex.js or units), not all of it. Same answers,
 * checked by test/browser/mathjs-subset.test.ts, which reaches the full package as `mathjs-full`.
 * Node (unit tests) keeps the full package; the CLI bundle gets the subset (bin/build-cli.mjs).
 */
export const MATHJS_SUBSET = [
  { find: /^mathjs$/, replacement: join(here, 'web/engine/mathjs-subset.ts') },
  { find: /^mathjs-full$/, replacement: join(dirname(createRequire(import.meta.url).resolve('mathjs/package.json')), 'lib/esm/index.js') },
];

/** What a syntax tree node can do that the sandbox never asks of it: HTML, LaTeX and JSON. */
const NODE_EXTRAS = ['_toHTML', 'toHTML', '_toTex', 'toTex', 'toJSON', 'fromJSON'];
/** Editing and comparing trees, which the sandbox never does (it walks, compiles and prints them). */
const NODE_TREE_EDITS = ['transform', 'filter', 'cloneDeep', 'equals'];
/**
 * The nodes the sandbox refuses (src/formula/sandbox.ts checkNode) before anything is compiled or
 * printed: the parser still makes them, and the sandbox walks them to say what it refuses, but
 * they are never compiled, printed, mapped or copied.
 */
const REFUSED_NODES = new Set(['AccessorNode', 'ArrayNode', 'AssignmentNode', 'BlockNode', 'FunctionAssignmentNode', 'IndexNode', 'ObjectNode', 'RangeNode']);
const REFUSED_EXTRAS = ['_compile', '_toString', 'map', 'clone'];

/** `code` without the class methods called `names` (a method left is unchanged). */
function withoutMethods(code: string, names: readonly string[]): string {
  const spans: [number, number][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const n = node as { type?: string; key?: { name?: string }; start: number; end: number };
    if (n.type === 'MethodDefinition' && names.includes(n.key?.name ?? '')) spans.push([n.start, n.end]);
    else for (const value of Object.values(node)) if (value !== null && typeof value === 'object') walk(value);
  };
  walk(parseSync('node.js', code).program);
  let out = '';
  let at = 0;
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    out += code.slice(at, start);
    at = end;
  }
  return out + code.slice(at);
}

/** The number types the subset has none of (web/engine/mathjs-subset.ts): no function takes them. */
const NOT_IN_SUBSET = ['BigNumber', 'Complex', 'Fraction'];

/** `code` without the `{ from, to, convert }` entries of its conversion lists that involve `types`. */
function withoutConversions(code: string, types: readonly string[]): string {
  type Value = { type: string; value?: unknown; start: number; end: number };
  type Entry = { type: string; properties?: { key?: { name?: string }; value?: Value }[]; start: number; end: number };
  const edits: [number, number, string][] = [];
  const involves = (e: Entry | null) =>
    e?.type === 'ObjectExpression' && (e.properties ?? []).some((p) => (p.key?.name === 'from' || p.key?.name === 'to') && types.includes(String(p.value?.value)));
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const n = node as { type?: string; elements?: (Entry | null)[]; start: number; end: number };
    if (n.type === 'ArrayExpression' && n.elements?.some(involves)) {
      const kept = n.elements.filter((e): e is Entry => e !== null && !involves(e)).map((e) => code.slice(e.start, e.end));
      edits.push([n.start, n.end, `[${kept.join(', ')}]`]);
      return;
    }
    for (const value of Object.values(node)) if (value !== null && typeof value === 'object') walk(value);
  };
  walk(parseSync('typed.js', code).program);
  let out = '';
  let at = 0;
  for (const [start, end, text] of edits.sort((a, b) => a[0] - b[0])) {
    out += code.slice(at, start) + text;
    at = end;
  }
  return out + code.slice(at);
}

/**
 * Parts of mathjs the subset's modules bring along that no formula can reach: the LaTeX tables
 * (only a node's `toTex` reads them), the nodes' HTML, LaTeX and JSON methods and tree edits, all
 * but walking the nodes the sandbox refuses (compiling one says the method is missing), and the `identifier`
 * type, whose test is a 17 kB Unicode regular expression (4 kB gzip) that only `derivative`
 * uses. A mathjs whose typed.js no longer matches fails the build, not the budget.
 * @example defineConfig({ plugins: [mathjsTrim()] })
 */
export function mathjsTrim(): Plugin {
  const latex = '\0mathjs-no-latex';
  const bigFormat = '\0mathjs-no-bignumber-format';
  const identifier = /\{\s*name: 'identifier',\s*test: s => isString && \/\^\(\?:.*?\.test\(s\)\s*\},/s;
  return {
    name: 'mathjs-trim',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '../../utils/latex.js' && importer?.includes('/mathjs/lib/esm/expression/node/')) return latex;
      return source === './bignumber/formatter.js' && importer?.endsWith('/mathjs/lib/esm/utils/string.js') ? bigFormat : null;
    },
    load(id) {
      // Printing a BigNumber, which the subset never makes.
      if (id === bigFormat) return `export function format() { throw new Error('BigNumber is not part of the formula subset'); }`;
      if (id !== latex) return null;
      // Every use of a table or function is in `toTex`, which says so instead of printing something wrong.
      const tables = ['latexSymbols', 'latexOperators', 'latexFunctions', 'defaultTemplate'].map((n) => `export const ${n} = new Proxy({}, { get: escapeLatex });`);
      return [`export function escapeLatex() { throw new Error('toTex is not part of the formula subset'); }`, 'export const toSymbol = escapeLatex;', ...tables].join('\n');
    },
    transform(code, id) {
      const node = /\/mathjs\/lib\/esm\/expression\/node\/(\w+)\.js$/.exec(id);
      if (node !== null) {
        const unused = node[1] === 'Node' ? [...NODE_EXTRAS, ...NODE_TREE_EDITS] : REFUSED_NODES.has(node[1]) ? [...NODE_EXTRAS, ...REFUSED_EXTRAS] : NODE_EXTRAS;
        return { code: withoutMethods(code, unused), map: null };
      }
      // Three of its factories lack the mark that lets an unused one go (gamma, lgamma, combinations).
      if (id.endsWith('/mathjs/lib/esm/factoriesNumber.js')) return { code: code.replaceAll('= createNumberFactory(', '= /* #__PURE__ */createNumberFactory('), map: null };
      if (!id.endsWith('/mathjs/lib/esm/core/function/typed.js')) return null;
      if (!identifier.test(code)) throw new Error(`mathjs-trim: no 'identifier' type in ${id}`);
      return { code: withoutConversions(code.replace(identifier, ''), NOT_IN_SUBSET), map: null };
    },
  };
}

/**
 * The white space inside Lit's html`…`, css`…` and svg`…` templates, which no minifier touches
 * (about 2.4 kB gzip of the page): in html and svg a line break followed by spaces becomes the
 * line break alone, as HTML reads any run of white space as one (the one `white-space: pre-line`
 * in the app shows text from a `${}`, not template text); css loses the spaces around `{};,>` and
 * after `:` too, outside quoted strings. Text inside `${}` is never changed.
 * @example defineConfig({ plugins: [templateIndentation()] })
 */
export function templateIndentation(): Plugin {
  const tags = new Set(['html', 'css', 'svg']);
  return {
    name: 'template-indentation',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]web[\\/].*\.ts$/.test(id) || !/\b(html|css|svg)`/.test(code)) return null;
      const spans: [number, number, number][] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (node === null || typeof node !== 'object') return;
        const n = node as { type?: string; tag?: { type: string; name?: string }; quasi?: { quasis: { start: number; end: number }[] } };
        if (n.type === 'TaggedTemplateExpression' && n.tag?.type === 'Identifier' && tags.has(n.tag.name ?? '')) {
          for (const q of n.quasi?.quasis ?? []) spans.push([q.start, q.end, n.tag.name === 'css' ? 1 : 0]);
        }
        for (const value of Object.values(node)) if (value !== null && typeof value === 'object') walk(value);
      };
      walk(parseSync(id, code).program);
      if (spans.length === 0) return null;
      let out = '';
      let at = 0;
      for (const [start, end, css] of spans.sort((a, b) => a[0] - b[0])) {
        const t = code.slice(start, end);
        const compact = (part: string, i: number) => (i % 2 === 1 ? part : part.replace(/\s+/g, ' ').replace(/ ?([{};,>]) ?/g, '$1').replace(/: /g, ':'));
        out += code.slice(at, start) + (css ? t.split(/('[^'\n]*'|"[^"\n]*")/).map(compact).join('') : t.replace(/\n[ \t]+/g, '\n'));
        at = end;
      }
      return { code: out + code.slice(at), map: null };
    },
  };
}

/**
 * uPlot without the path builders and helpers it hangs on its constructor for apps to pick and this
 * one never does: bars, splines and `uPlot.join` (the charts draw lines, steps and points).
 * @example defineConfig({ plugins: [uplotTrim()] })
 */
export function uplotTrim(): Plugin {
  const unused = ['(paths.bars    = bars);', '(paths.spline  = monotoneCubic);', 'uPlot.join = join;'];
  return {
    name: 'uplot-trim',
    apply: 'build',
    transform(code, id) {
      if (!id.endsWith('/uplot/dist/uPlot.esm.js')) return null;
      const missing = unused.find((line) => !code.includes(line));
      if (missing !== undefined) throw new Error(`uplot-trim: no '${missing}' in ${id}`);
      return { code: unused.reduce((text, line) => text.replace(line, ''), code), map: null };
    },
  };
}

export default defineConfig({
  plugins: [mathjsTrim(), templateIndentation(), uplotTrim()],
  // Relative asset paths: dist/ works from any folder or sub-path, and offline from a laptop.
  base: './',
  resolve: { alias: MATHJS_SUBSET },
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Browsers without <link rel="modulepreload"> still load every module, only later; no polyfill.
    modulePreload: { polyfill: false },
    // Built-in scenarios are fetched as JSON files (web/state/library.ts), never inlined into code.
    assetsInlineLimit: (file) => (file.endsWith('.json') ? false : undefined),
    // The JavaScript budget (250 kB gzip, workers included) is measured by the browser tests.
    chunkSizeWarningLimit: 600,
  },
  worker: { format: 'es', plugins: () => [mathjsTrim()] },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
