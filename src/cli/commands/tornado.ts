/**
 * `reimburse tornado <scenario> [--measure M]`: every uncertain parameter at its low and its high,
 * the others as written, ranked by how far the measure swings.
 */
import type { CliIo } from '../main.js';
import { UsageError } from '../args.js';
import { formatNumber, formatTable, formatHeading } from '../../format.js';
import { progress } from '../progress.js';
import { toCsv, toJson } from '../../results/export.js';
import { Design, MEASURES } from '../../uncertainty/evaluate.js';
import { tornado, type TornadoRow } from '../../uncertainty/oneway.js';
import { designsOf } from '../../uncertainty/jobs.js';
import { emit, formatOf, models, parseCommand, readDesign } from './common.js';

/** @example process.exitCode = await tornadoCommand(['scenarios/a.json', '--measure', 'spending'], process) */
export async function tornadoCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const o = parseCommand('tornado', argv, ['measure', 'preset', 'no-gap', 'seed', 'format', 'out']);
  if (o.files.length !== 1) throw new UsageError(`tornado takes one scenario file, got ${o.files.length}`);
  const all = await models();
  const spec = { ...(await readDesign(o.files[0], o.preset)), ...(o.seed === undefined ? {} : { seed: o.seed }) };
  const [design] = await designsOf([spec], all);
  if (design.parameters.length === 0) throw new UsageError(`${o.files[0]}: no uncertain parameters (add an 'uncertainty' section or pass --preset)`);
  const format = formatOf(o);
  const bar = progress(`tornado ${o.files[0]}`, io.stderr, o.quiet);
  const measure = o.measure ?? (format === undefined ? 'spending' : undefined);
  let result;
  try {
    result = tornado(design, { gap: o.gap, measure, onProgress: bar.update });
  } finally {
    bar.done();
  }
  if (result.rows.length === 0) throw new UsageError(`--measure: '${o.measure}' matches no measure (${Object.keys(MEASURES).join(', ')}, or measure/entity)`);
  const scenario = design.scenario(new Map());
  // --seed replaces the scenario's seed as in run (its synthetic population).
  const settings = { seed: scenario.simulation.seed, preset: design.preset ?? null, low: 'entry low, else the 2.5 % point', high: 'entry high, else the 97.5 % point' };
  if (format === 'csv') return emit(toCsv(result.rows), o, io);
  if (format === 'json') return emit(`${toJson({ kind: 'tornado', scenario: { id: scenario.id, title: scenario.title, file: o.files[0] }, settings, rows: result.rows }, 2)}\n`, o, io);
  return emit(`${tornadoTable(`${scenario.title} (${scenario.id})`, design, result.rows)}\n`, o, io);
}

function tornadoTable(title: string, design: Design, rows: TornadoRow[]): string {
  const parts = [formatHeading(`${title}: what drives the result (tornado)`), `Evidence preset: ${design.preset ?? 'none (the scenario\'s own uncertain parameters)'}. Each parameter at its low and high, the others as written; ranked by swing.`];
  const keys = [...new Set(rows.map((r) => `${r.measure}/${r.entity}`))];
  for (const key of keys) {
    const forKey = rows.filter((r) => `${r.measure}/${r.entity}` === key);
    const m = MEASURES[forKey[0].measure];
    const dp = Math.abs(forKey[0].baseValue) >= 100 ? 0 : 3;
    parts.push(`\n${key} (${m?.unit ?? ''}${m && m.direction !== 'none' ? `, ${m.direction} is better` : ''}); as written: ${formatNumber(forKey[0].baseValue, dp)}`);
    parts.push(
      formatTable(
        ['parameter', 'low', 'high', 'at low', 'at high', 'swing'],
        forKey.map((r) => [r.path, fmt(r.low), fmt(r.high), formatNumber(r.atLow, dp), formatNumber(r.atHigh, dp), formatNumber(r.swing, dp)]),
      ),
    );
  }
  return parts.join('\n');
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? formatNumber(v) : String(Number(v.toPrecision(4)));
}
