/**
 * The human-readable reports of `run` and `compare`: which numbers a board or a class looks at
 * first, picked from the long rows and summaries and laid out as tables.
 */
import type { Explanation, WaterfallStep } from '../results/explain.js';
import type { DifferenceRow, LongRow, SummaryRow } from '../results/summary.js';
import { formatHeading, formatInterval, formatKr, formatNumber, formatShare, formatTable } from '../format.js';

/** The key outcomes shown for the whole population, with how to print each. */
const KEY_OUTCOMES: readonly { metric: string; label: string; format: (x: number) => string }[] = [
  { metric: 'avoidableAdmissionsPerThousandPersonYears', label: 'Avoidable admissions per 1,000 person-years', format: (x) => formatNumber(x, 1) },
  { metric: 'readmissionsPerThousandPersonYears', label: 'Readmissions per 1,000 person-years', format: (x) => formatNumber(x, 1) },
  { metric: 'edVisitsPerThousandPersonYears', label: 'ED visits per 1,000 person-years', format: (x) => formatNumber(x, 1) },
  { metric: 'deathsPerThousandPersonYears', label: 'Deaths per 1,000 person-years', format: (x) => formatNumber(x, 1) },
  { metric: 'coordinationExperiencedShare', label: 'Care experienced as coordinated', format: formatShare },
  { metric: 'carePlanShare', label: 'With a joint care plan (SIP)', format: formatShare },
  { metric: 'teamCoordination', label: 'Team coordination (0–1)', format: (x) => formatNumber(x, 3) },
  { metric: 'daysAtHome', label: 'Days at home', format: (x) => formatNumber(x) },
  { metric: 'qaly', label: 'QALYs', format: (x) => formatNumber(x, 1) },
  { metric: 'personYears', label: 'Person-years', format: (x) => formatNumber(x, 1) },
];

type Keyed = Pick<LongRow, 'entity' | 'group' | 'cni' | 'period' | 'metric'>;

/** The whole-run, whole-population row of an entity and metric. */
function total<T extends Keyed>(rows: readonly T[], entity: string, metric: string): T | undefined {
  return rows.find((r) => r.entity === entity && r.metric === metric && r.group === 'all' && r.cni === 'all' && r.period === 'all');
}

function entities(rows: readonly Keyed[], metric: string): string[] {
  return [...new Set(rows.filter((r) => r.metric === metric && r.group === 'all' && r.period === 'all').map((r) => r.entity))];
}

export interface RunReportInput {
  title: string;
  settings: string;
  expected: readonly LongRow[];
  /** Across replications; absent for the expected-value engine alone. */
  summary?: readonly SummaryRow[];
}

/**
 * The `run` report: payer spending, provider revenue, cost and margin, key outcomes.
 * @example console.log(runReport({ title, settings, expected, summary }))
 */
export function runReport(input: RunReportInput): string {
  const { expected, summary } = input;
  const value = (entity: string, metric: string) => total(expected, entity, metric)?.value ?? NaN;
  const stat = (entity: string, metric: string) => (summary ? total(summary, entity, metric) : undefined);
  const interval = (s: SummaryRow | undefined, format: (x: number) => string) => (s ? formatInterval(s.lower, s.upper, format) : '');
  const withMean = summary !== undefined;

  // Present values (expected) next to nominal sums when the run has them (over a year).
  const discounted = expected.some((r) => r.metric === 'spendingKrPresentValue');
  const payers = entities(expected, 'spendingKr').map((id) => {
    const s = stat(id, 'spendingKr');
    return [id, formatKr(value(id, 'spendingKr')), ...(discounted ? [formatKr(value(id, 'spendingKrPresentValue'))] : []), ...(withMean ? [formatKr(s?.mean ?? NaN), interval(s, formatKr)] : [])];
  });
  const providers = entities(expected, 'marginKr').map((id) => {
    const pick = (metric: string) => (withMean ? (stat(id, metric)?.mean ?? NaN) : value(id, metric));
    const revenue = pick('revenueKr');
    const margin = pick('marginKr');
    return [id, formatKr(revenue), formatKr(pick('costKr')), formatKr(margin), revenue !== 0 ? formatShare(margin / revenue) : '–', ...(discounted ? [formatKr(value(id, 'marginKrPresentValue'))] : []), ...(withMean ? [interval(stat(id, 'marginKr'), formatKr)] : [])];
  });
  const outcomes = KEY_OUTCOMES.map(({ metric, label, format }) => {
    const s = stat('population', metric);
    return [label, format(value('population', metric)), ...(withMean ? [format(s?.mean ?? NaN), interval(s, format)] : [])];
  });
  // The spread of replications is chance events only: where 95 % of single runs fall, not an interval of the mean.
  const statColumns = withMean ? ['mean', 'range of outcomes (95 %)'] : [];
  // Coordination per need group: the healthy majority would hide the frail in one population figure.
  const groups = [...new Set(expected.filter((r) => r.entity === 'population' && r.metric === 'teamCoordination' && r.group !== 'all').map((r) => r.group))];
  const coordination = groups.map((g) => {
    const row = expected.find((r) => r.entity === 'population' && r.metric === 'teamCoordination' && r.group === g && r.cni === 'all' && r.period === 'all');
    return [g, formatNumber(row?.value ?? NaN, 3)];
  });
  return [
    `${input.title}\n${input.settings}`,
    formatHeading('Payer spending over the run'),
    formatTable(['payer', 'expected', ...(discounted ? ['present value'] : []), ...statColumns], payers),
    formatHeading(withMean ? 'Providers over the run (mean of replications)' : 'Providers over the run (expected)'),
    formatTable(['provider', 'revenue', 'cost', 'margin', 'margin/revenue', ...(discounted ? ['margin, present value (expected)'] : []), ...(withMean ? ['margin range of outcomes (95 %)'] : [])], providers),
    formatHeading('Outcomes, whole population'),
    formatTable(['outcome', 'expected', ...statColumns], outcomes),
    ...(coordination.length > 0 ? [formatHeading('Team coordination by need group (0–1, expected)'), formatTable(['need group', 'coordination'], coordination)] : []),
  ].join('\n\n');
}

/**
 * The `compare` report for one scenario against the baseline: B − A with the 95 % range of the paired
 * replications' differences (chance events only; not an interval of the mean).
 * @example console.log(compareReport('b vs a', 'seed 42, 10 paired replications', diffs))
 */
export function compareReport(title: string, settings: string, diffs: readonly DifferenceRow[]): string {
  const row = (label: string, d: DifferenceRow | undefined, format: (x: number) => string) => [label, format(d?.mean ?? NaN), d ? formatInterval(d.lower, d.upper, format) : ''];
  const signedKr = (x: number) => `${x > 0 ? '+' : ''}${formatKr(x)}`;
  const payers = entities(diffs, 'spendingKr').map((id) => row(id, total(diffs, id, 'spendingKr'), signedKr));
  const providers = entities(diffs, 'marginKr').map((id) => row(id, total(diffs, id, 'marginKr'), signedKr));
  const outcomes = KEY_OUTCOMES.filter((o) => o.metric !== 'personYears').map(({ metric, label, format }) =>
    row(label, total(diffs, 'population', metric), (x) => `${x > 0 ? '+' : ''}${format(x)}`),
  );
  return [
    `${title}\n${settings}`,
    formatHeading('Payer spending, difference'),
    formatTable(['payer', 'difference', 'range of differences (95 %)'], payers),
    formatHeading('Provider margin, difference'),
    formatTable(['provider', 'difference', 'range of differences (95 %)'], providers),
    formatHeading('Outcomes, difference'),
    formatTable(['outcome', 'difference', 'range of differences (95 %)'], outcomes),
  ].join('\n\n');
}

const STEP_LABELS: Record<WaterfallStep['kind'], string> = {
  'beyond-payment': 'population, care and costs, paid as the base pays',
  component: 'payment',
  other: 'payment across components (limits)',
  behaviour: "providers' response (behaviour effect)",
  'solver-noise': "solver noise (a response within the solver's resolution)",
  'event-noise': 'chance events (noise, not an effect)',
  undecomposed: 'not taken apart (different providers or years)',
};

/** One step of a waterfall as a line of the explain table. */
function stepLabel(step: WaterfallStep, names: Record<string, string>): string {
  if (step.kind === 'component') return `payment: ${names[step.component!] ?? step.component} (${step.change})`;
  if (step.kind === 'event-noise' && step.interval) return `${STEP_LABELS[step.kind]}, 95 % interval ${formatInterval(step.interval[0], step.interval[1], (x) => formatNumber(x, 2))}`;
  return STEP_LABELS[step.kind];
}

/**
 * `compare --explain`: each payer's spending and each provider's margin from the base to the
 * variant, one change at a time, to the öre (the steps add up to the difference).
 * @example console.log(explainReport(explainDifference(base, variant)))
 */
export function explainReport(e: Explanation): string {
  const signed = (ore: number) => `${ore > 0 ? '+' : ore < 0 ? '-' : ''}${formatNumber(Math.abs(ore) / 100, 2)}`;
  const order = 'Order: beyond the payment, then the payment component by component at the base\'s behaviour (price effect), then the providers\' response (behaviour effect), then chance events.';
  const parts = e.waterfalls.map((w) => {
    const what = w.measure === 'spendingKr' ? `Spending of ${e.names[w.entity] ?? w.entity}` : `Margin of ${e.names[w.entity] ?? w.entity}`;
    const rows = [
      ['base', formatNumber(w.baseKr, 2)],
      ...w.steps.map((s) => [`  ${stepLabel(s, e.names)}`, signed(s.ore)]),
      ['variant', formatNumber(w.variantKr, 2)],
      ['difference (sum of the steps)', signed(w.differenceOre)],
    ];
    return `${formatHeading(`${what} (kr)`)}\n\n${formatTable(['step', 'kr'], rows)}`;
  });
  const notes = [order, ...(e.mixed ? ['The scenarios differ beyond the payment in a way that could not be priced apart: it is inside the payment steps.'] : []), ...(e.decomposed ? [] : ['The two scenarios have different providers or run over different years: the difference is not taken apart.'])];
  return [`Why did this change? ${e.variantId} − ${e.baseId}`, notes.join('\n'), ...parts].join('\n\n');
}
