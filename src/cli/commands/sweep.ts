/**
 * `reimburse sweep <scenario> --param PATH --from A --to B --steps N [--param PATH2 …]`: the
 * measures along a parameter's range (or on a grid of two), with the points where a provider's
 * decision to coordinate flips.
 */
import type { CliIo } from '../main.js';
import { UsageError } from '../args.js';
import { formatHeading, formatNumber, formatTable } from '../../format.js';
import { progress } from '../progress.js';
import { toCsv, toJson } from '../../results/export.js';
import { designsOf } from '../../uncertainty/jobs.js';
import { FLIP_EFFORT, keyOf, selects, sweep, type SweepParameter } from '../../uncertainty/oneway.js';
import { getParameter } from '../../uncertainty/paths.js';
import { emit, formatOf, models, parseCommand, readDesign } from './common.js';

/** @example process.exitCode = await sweepCommand(['a.json', '--param', 'care.substitution', '--from', '0', '--to', '1', '--steps', '5'], process) */
export async function sweepCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const o = parseCommand('sweep', argv, ['param', 'from', 'to', 'steps', 'measure', 'preset', 'no-gap', 'seed', 'format', 'out']);
  if (o.files.length !== 1) throw new UsageError(`sweep takes one scenario file, got ${o.files.length}`);
  if (o.params.length === 0) throw new UsageError('sweep needs --param PATH --from A --to B --steps N');
  const all = await models();
  const [design] = await designsOf([{ ...(await readDesign(o.files[0], o.preset)), ...(o.seed === undefined ? {} : { seed: o.seed }) }], all);
  const params: SweepParameter[] = o.params.map((p) => {
    if (p.from === undefined || p.to === undefined || p.steps === undefined) throw new UsageError(`--param ${p.path} needs --from, --to and --steps after it`);
    if (getParameter(design.raw, p.path, all) === undefined) throw new UsageError(`--param: '${p.path}' names no number in ${o.files[0]} (write paths as the validator does, e.g. payment.components[0].parameters.price)`);
    return { path: p.path, from: p.from, to: p.to, steps: p.steps };
  });
  const bar = progress(`sweep ${o.files[0]}`, io.stderr, o.quiet);
  let result;
  try {
    result = sweep(design, params, { gap: o.gap, onProgress: bar.update });
  } finally {
    bar.done();
  }
  const scenario = design.scenario(new Map());
  const format = formatOf(o);
  const chosen = (m: { measure: string; entity: string }) => (o.measure === undefined && format === undefined ? m.measure === 'effort' || m.measure === 'coordinationGap' : selects(o.measure, m));
  const settings = { seed: scenario.simulation.seed, preset: design.preset ?? null, flipEffort: FLIP_EFFORT };
  if (format === 'csv') {
    const rows = result.points.flatMap((p) => p.values.filter(chosen).map((v) => ({ ...Object.fromEntries(params.map((q, i) => [q.path, p.at[i]])), measure: v.measure, entity: v.entity, value: v.value })));
    return emit(toCsv(rows), o, io);
  }
  if (format === 'json') {
    const points = result.points.map((p) => ({ at: p.at, values: Object.fromEntries(p.values.filter(chosen).map((v) => [keyOf(v), v.value])) }));
    return emit(`${toJson({ kind: 'sweep', scenario: { id: scenario.id, title: scenario.title, file: o.files[0] }, settings, parameters: params, points, flips: result.flips }, 2)}\n`, o, io);
  }
  const keys = [...new Set(result.points.flatMap((p) => p.values.filter(chosen).map(keyOf)))];
  if (keys.length === 0) throw new UsageError(`--measure: '${o.measure}' matches no measure`);
  const table = formatTable(
    [...params.map((p) => p.path), ...keys],
    result.points.map((p) => [...p.at.map((x) => String(Number(x.toPrecision(6)))), ...keys.map((k) => cell(p.values.find((v) => keyOf(v) === k)?.value))]),
  );
  const flips =
    result.flips.length === 0
      ? `No provider's decision flips in this range (coordinating = mean effort ≥ ${FLIP_EFFORT}).`
      : `Decision flips (coordinating = mean effort ≥ ${FLIP_EFFORT}):\n${result.flips
          .map((f) => `  ${f.provider} ${f.direction === 'starts' ? 'starts' : 'stops'} coordinating as ${f.path} rises past about ${Number(f.at.toPrecision(4))} (between ${Number(f.between[0].toPrecision(6))} and ${Number(f.between[1].toPrecision(6))}${f.other === undefined ? '' : `; ${params[1].path} = ${Number(f.other.toPrecision(6))}`})`)
          .join('\n')}`;
  return emit(`${formatHeading(`${scenario.title} (${scenario.id}): sweep`)}\nEvidence preset: ${design.preset ?? 'none'}.\n\n${table}\n\n${flips}\n`, o, io);
}

function cell(v: number | undefined): string {
  if (v === undefined) return '–';
  return Math.abs(v) >= 100 ? formatNumber(v) : formatNumber(v, 3);
}
