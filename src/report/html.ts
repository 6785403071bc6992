/**
 * The printable report as one self-contained HTML file: the scenario (title, question,
 * description), the headline figures, the main charts (inline SVG), the payment design, the
 * outcomes, the incentive table and the coordination gap, and the sources. The CLI writes it
 * (`reimburse report`), the web app opens it for printing: the same text from the same data.
 */
import type { CoordinationGap, IncentiveRow, StateSummary } from '../behaviour/incentives.js';
import { formatNumber as formatNumberEn } from '../format.js';
import type { NeedGroupId } from '../domain.js';
import type { Dashboard, OutcomeMetric, OutcomeRow, Stat } from '../results/dashboard.js';
import { lineChartSvg, SERIES_COLOURS } from './svg.js';
import type { Explanation } from '../results/explain.js';
import type { WaterfallStep } from '../results/waterfall.js';
import { waterfallBars } from '../results/waterfall.js';
import { localText } from '../scenario/texts.js';
import { REPORT_TEXT, type ReportText } from './text.js';

/**
 * Numbers in the report's language: Swedish groups thousands with a space and uses a decimal
 * comma (Intl 'sv-SE'); English keeps the CLI's format so `reimburse report` is unchanged.
 */
function formatNumber(x: number, decimals = 0): string {
  if (T?.lang !== 'sv') return formatNumberEn(x, decimals);
  if (!Number.isFinite(x)) return '–';
  return new Intl.NumberFormat('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(x);
}
const formatKr = (x: number) => `${formatNumber(x)} kr`;
const formatShare = (x: number) => `${formatNumber(100 * x, 1)} %`;

export interface ReportSource {
  id: string;
  citation: string;
  note?: string;
}

/** One payment component as the design states it. */
export interface ReportComponent {
  id: string;
  kind: string;
  payer: string;
  payee: string;
  details: string;
}

/** What the report says about the scenario, read from its JSON (validated or as the editor holds it). */
export interface ReportScenario {
  id: string;
  title: string;
  question?: string;
  description?: string;
  lookAt?: string;
  sources: ReportSource[];
  components: ReportComponent[];
  /** The evidence preset the effects of coordination come from (uncertainty.preset, else care.evidence). */
  evidence?: string;
}

/** The incentive analysis (src/behaviour `analyzeIncentives`), as much as the report shows. */
export interface ReportIncentives {
  year: number;
  rows: readonly IncentiveRow[];
  gap: CoordinationGap;
}

export interface ReportInput {
  scenario: ReportScenario;
  dashboard: Dashboard;
  /** Left out: the report says the analysis was not run, and how to get it. */
  incentives?: ReportIncentives;
  /** When the report was made, as text (default: none, so the same input gives the same file). */
  generated?: string;
  /** The report's words (default: English). */
  text?: ReportText;
  /** The need groups' names in the report's language (default: the dashboard's, English). */
  groupNames?: Readonly<Partial<Record<NeedGroupId, string>>>;
  /** The comparison section: this scenario's difference from a base, taken apart (src/results/explain.ts). */
  comparison?: ReportComparison;
}

export interface ReportComparison {
  baseTitle: string;
  explanation: Explanation;
}

export { REPORT_TEXT, type ReportText } from './text.js';

let T: ReportText = REPORT_TEXT;

function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function payerText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((s) => `${str(rec(s).payer) ?? '?'} ${formatShare(Number(rec(s).share))}`).join(', ');
  return '';
}

function valueText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/**
 * The report's view of a scenario: its texts, sources and payment components (model references
 * shown with their parameters).
 * In `lang`, the scenario's own translations of its texts are used where it has them.
 * @example reportScenario(await loadScenarioFile('scenarios/x.json'), 'sv').title
 */
export function reportScenario(json: object, lang = 'en'): ReportScenario {
  const s = json as Record<string, unknown>;
  const text = (key: 'title' | 'description' | 'question' | 'lookAt') => localText(s, key, lang);
  const components = (Array.isArray(rec(s.payment).components) ? (rec(s.payment).components as unknown[]) : []).map((raw, i): ReportComponent => {
    const c = rec(raw);
    const parameters = rec(c.parameters);
    const model = str(c.model);
    const rest = model ? Object.entries(parameters).filter(([k]) => k !== 'payer' && k !== 'payee') : [];
    return {
      id: str(c.id) ?? `component ${i + 1}`,
      kind: str(c.kind) ?? (model ? `model ${model}` : ''),
      payer: payerText(c.payer ?? parameters.payer) || (model ? '(model default)' : ''),
      payee: str(c.payee) ?? str(parameters.payee) ?? '',
      details: str(c.description) ?? rest.map(([k, v]) => `${k} = ${valueText(v)}`).join('; '),
    };
  });
  const sources = (Array.isArray(s.sources) ? s.sources : []).map((raw) => {
    const r = rec(raw);
    return { id: str(r.id) ?? '', citation: str(r.citation) ?? '', ...(str(r.note) ? { note: str(r.note) } : {}) };
  });
  const evidence = str(rec(s.uncertainty).preset) ?? str(rec(s.care).evidence);
  return { id: str(s.id) ?? '', title: text('title') ?? 'Scenario', question: text('question'), description: text('description'), lookAt: text('lookAt'), sources, components, ...(evidence ? { evidence } : {}) };
}

function esc(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function interval(stat: Stat, format: (x: number) => string): string {
  return stat.n > 1 && stat.upper !== stat.lower ? `<span class="ci">95 %: ${esc(format(stat.lower))} – ${esc(format(stat.upper))}</span>` : '';
}

function num(stat: Stat | undefined, format: (x: number) => string = formatKr): string {
  if (!stat || stat.n === 0) return '<td>–</td>';
  return `<td class="${stat.mean < 0 ? 'neg' : ''}">${esc(format(stat.mean))}${interval(stat, format)}</td>`;
}

function table(label: string, head: readonly string[], rows: readonly string[], className = ''): string {
  return `<table aria-label="${esc(label)}"${className ? ` class="${className}"` : ''}><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function settingsText(d: Dashboard): string {
  const years = d.months / 12;
  const run = d.engine === 'micro' ? fill(T.micro, { replications: d.replications, seed: d.seed }) : T.expected;
  return `${run}; ${fill(years === 1 ? T.yearFrom : T.yearsFrom, { years: formatNumber(years, years % 1 === 0 ? 0 : 1), start: d.start })}`;
}

const OUTCOMES = (): [OutcomeMetric, string, (x: number) => string][] => [
  ['avoidableAdmissionsPerThousandPersonYears', T.avoidable, (x) => formatNumber(x, 1)],
  ['readmissionsPerThousandPersonYears', T.readmissions, (x) => formatNumber(x, 1)],
  ['edVisitsPerThousandPersonYears', T.edVisits, (x) => formatNumber(x, 1)],
  ['daysAtHomePerPersonYear', T.daysAtHome, (x) => formatNumber(x, 1)],
  ['coordinationExperiencedShare', T.coordinated, formatShare],
  ['personYears', T.personYears, (x) => formatNumber(x, 0)],
];

function figures(d: Dashboard): string {
  const name = (id: string) => esc(d.names[id] ?? id);
  const spending = table(
    T.spendingLabel,
    [T.payer, T.spendingOverRun],
    d.payerIds.map((id) => `<tr data-entity="${esc(id)}"><th scope="row">${name(id)}</th>${num(d.spendingKr[id])}</tr>`),
  );
  const providers = table(
    T.providersLabel,
    [T.provider, T.revenue, T.cost, T.margin],
    d.providers.map((p) => `<tr data-entity="${esc(p.id)}"><th scope="row">${name(p.id)}</th>${num(p.revenueKr)}${num(p.costKr)}${num(p.marginKr)}</tr>`),
  );
  return `<h2>${esc(T.spendingAndMargins)}</h2>${spending}${providers}`;
}

function charts(d: Dashboard): string {
  const series = d.series.quarter;
  const chart = (title: string, ids: string[], bands: Dashboard['series']['quarter']['spendingKr']) =>
    lineChartSvg({ title, labels: series.labels, series: ids.map((id, i) => ({ label: d.names[id] ?? id, color: SERIES_COLOURS[i % SERIES_COLOURS.length], ...bands[id] })) });
  return `<h2>${esc(T.overTime)}</h2>${chart(T.chartSpending, d.payerIds, series.spendingKr)}${chart(T.chartMargin, d.providerIds, series.marginKr)}`;
}

function design(s: ReportScenario, d: Dashboard): string {
  const listed = new Set(s.components.map((c) => c.id));
  // Components a model reference expanded into, under their own ids.
  const extra = d.componentIds.filter((id) => !listed.has(id)).map((id): ReportComponent => ({ id, kind: '', payer: '', payee: '', details: T.fromModel }));
  const rows = [...s.components, ...extra].map(
    (c) =>
      `<tr data-component="${esc(c.id)}"><td><code>${esc(c.id)}</code>${d.names[c.id] && d.names[c.id] !== c.id ? `<br>${esc(d.names[c.id])}` : ''}</td><td class="text">${esc(c.kind)}</td><td class="text">${esc(d.names[c.payer] ?? c.payer)}</td><td class="text">${esc(d.names[c.payee] ?? c.payee)}</td><td class="text">${esc(c.details)}</td></tr>`,
  );
  return `<h2>${esc(T.designHeading)}</h2>${table(T.componentsLabel, [T.component, T.kind, T.payer, T.payee, T.parameters], rows, 'text-cols')}`;
}

function outcomes(d: Dashboard): string {
  const label = (r: OutcomeRow) => (r.group === 'all' ? esc(T.everyone) : esc(d.names[r.group] ?? r.group));
  const metrics = OUTCOMES();
  const rows = [...d.outcomes.byGroup, d.outcomes.all].map((r) => `<tr><th scope="row">${label(r)}</th>${metrics.map(([m, , f]) => num(r.values[m], f)).join('')}</tr>`);
  return `<h2>${esc(T.outcomesHeading)}</h2>${table(T.outcomesLabel, [T.needGroup, ...metrics.map(([, l]) => l)], rows)}`;
}

function stateRow(label: string, s: StateSummary): string {
  const cells = [formatShare(s.meanEffort), formatKr(s.totalCost), formatNumber(s.avoidableAdmissionsPerThousand, 1), formatNumber(s.readmissionsPerThousand, 1), formatNumber(s.edVisitsPerThousand, 1), formatKr(s.welfare)];
  return `<tr><th scope="row">${esc(label)}</th>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
}

function incentives(d: Dashboard, inc: ReportIncentives | undefined): string {
  if (!inc) {
    return `<h2>${esc(T.incentivesHeading)}</h2><p class="note" data-incentives="missing">${T.incentivesMissing}</p>`;
  }
  const name = (id: string) => (id === 'team' ? T.team : (d.names[id] ?? id));
  const rows = inc.rows.map((r) => {
    const other = [...r.others].sort((a, b) => b.change - a.change)[0];
    const cells = [formatShare(r.effort), formatKr(r.marginalProfit), formatKr(r.coordinationCost), formatKr(r.ownSavings), formatKr(r.ownRevenue), formatKr(r.valueCreated), Number.isFinite(r.captured) ? formatShare(r.captured) : '–'];
    return `<tr data-provider="${esc(r.provider)}" data-group="${esc(r.group)}"><th scope="row">${esc(name(r.provider))}</th><td class="text">${esc(d.names[r.group] ?? r.group)}</td>${cells
      .map((c, i) => `<td class="${i === 1 && r.marginalProfit < 0 ? 'neg' : ''}">${esc(c)}</td>`)
      .join('')}<td class="text">${other ? esc(`${d.names[other.party] ?? other.party} ${formatKr(other.change)}`) : ''}</td></tr>`;
  });
  const head = [T.provider, T.needGroup, T.effort, T.ownProfit, T.coordinationCost, T.ownSavings, T.ownRevenue, T.valueCreated, T.captured, T.gainElsewhere];
  const g = inc.gap;
  const gap = table(T.gapHeading, ['', T.meanEffort, T.costOfCare, T.avoidableShort, T.readmissionsShort, T.edShort, T.welfare], [
    stateRow(T.equilibrium, g.equilibrium),
    stateRow(T.optimum, g.optimum),
    stateRow(T.gapRow, g.difference),
  ]);
  return `<h2>${esc(fill(T.incentivesYear, { year: inc.year + 1 }))}</h2><p class="note">${esc(T.incentivesNote)}</p>${table(T.incentiveTable, head, rows, 'wide')}<h3>${esc(T.gapHeading)}</h3>${gap}`;
}

/** Yearly reconciliations of shared savings and target prices; nothing when the design has none. */
function reconciliation(d: Dashboard): string {
  if (d.reconciliations.length === 0) return '';
  const rate = (x: number) => formatShare(x);
  const rows = d.reconciliations.map(
    (r) =>
      `<tr data-component="${esc(r.component)}" data-entity="${esc(r.entity)}" data-year="${r.year}"><th scope="row">${esc(d.names[r.component] ?? r.component)}</th><td class="text">${esc(d.names[r.entity] ?? r.entity)}</td><td>${r.year + 1}</td>${num(r.benchmarkKrPerUnit)}${num(r.actualKrPerUnit)}${num(r.units, (x) => formatNumber(x))}${num(r.savingsRate, rate)}${num(r.thresholdRate, rate)}${num(r.thresholdMet, rate)}${num(r.qualityScore, (x) => formatNumber(x, 2))}${num(r.reconciledKr)}</tr>`,
  );
  const head = [T.component, T.receiver, T.year, T.benchmark, T.actual, T.units, T.savingsRate, T.minimumRate, T.minimumRateMet, T.quality, T.settled];
  const spending = d.outcomes.all.values.spendingPerMemberMonthKr;
  return `<h2>${esc(T.reconciliationHeading)}</h2><p class="note">${esc(T.reconciliationNote)}</p>${table(T.reconciliationLabel, head, rows, 'wide')}${
    spending && spending.n > 0 ? `<p>${esc(T.spendingPerMember)}: ${esc(formatKr(spending.mean))}</p>` : ''
  }`;
}

function sources(s: ReportScenario): string {
  if (s.sources.length === 0) return `<h2>${esc(T.sourcesHeading)}</h2><p class="note">${esc(T.noSources)}</p>`;
  return `<h2>${esc(T.sourcesHeading)}</h2><ol class="sources">${s.sources.map((x) => `<li id="source-${esc(x.id)}"><code>${esc(x.id)}</code> ${esc(x.citation)}${x.note ? ` <span class="note">${esc(x.note)}</span>` : ''}</li>`).join('')}</ol>`;
}

/**
 * A step's words in the report's language (the web app's compare view says them with the same
 * catalogue keys).
 */
function stepText(step: WaterfallStep, names: Record<string, string>, money: (kr: number) => string): string {
  switch (step.kind) {
    case 'beyond-payment':
      return T.stepBeyond;
    case 'component': {
      const change = step.change === 'added' ? T.changeAdded : step.change === 'removed' ? T.changeRemoved : T.changeChanged;
      return fill(T.stepComponent, { name: names[step.component!] ?? step.component!, change });
    }
    case 'other':
      return T.stepOther;
    case 'behaviour':
      return T.stepBehaviour;
    case 'solver-noise':
      return T.stepSolverNoise;
    case 'event-noise':
      return fill(T.stepEventNoise, { lower: money(step.interval?.[0] ?? NaN), upper: money(step.interval?.[1] ?? NaN) });
    case 'undecomposed':
      return T.stepUndecomposed;
  }
}

function comparison(title: string, c: ReportComparison, dashboardNames: Record<string, string>): string {
  const e = c.explanation;
  const names = { ...e.names, ...dashboardNames };
  const money = (kr: number) => formatNumber(kr, 2);
  const signed = (ore: number) => `${ore > 0 ? '+' : ore < 0 ? '−' : ''}${formatNumber(Math.abs(ore) / 100, 2)}`;
  const notes = [fill(T.whyIntro, { variant: title, base: c.baseTitle }), ...(e.mixed ? [T.whyMixed] : []), ...(e.decomposed ? [] : [T.whyUndecomposed])];
  const parts = e.waterfalls.map((w) => {
    const { bars, min, max } = waterfallBars(w);
    const span = max - min || 1;
    const bar = (from: number, to: number, cls: string) => {
      const left = (100 * (Math.min(from, to) - min)) / span;
      const width = Math.max(0.3, (100 * Math.abs(to - from)) / span);
      return `<td class="wf"><span class="wf-bar ${cls}" style="left:${left.toFixed(2)}%;width:${width.toFixed(2)}%"></span></td>`;
    };
    const rows = [
      `<tr><td>${esc(T.whyBase)}</td><td>${esc(money(w.baseKr))}</td><td></td></tr>`,
      ...bars.map((b) => {
        const label = b.step ? stepText(b.step, names, money) : T.whyDifference;
        const ore = b.to - b.from;
        // Coloured by what the change means for whose figure it is: less spending, more margin is good.
        const good = w.measure === 'marginKr' ? ore > 0 : ore < 0;
        const cls = b.kind === 'difference' ? 'total' : b.kind.endsWith('noise') ? 'noise' : good ? 'good' : 'bad';
        return `<tr data-step="${esc(b.kind)}"><td>${esc(label)}</td><td class="${ore < 0 ? 'neg' : ''}">${esc(signed(ore))}</td>${bar(b.from, b.to, cls)}</tr>`;
      }),
      `<tr><td>${esc(T.whyVariant)}</td><td>${esc(money(w.variantKr))}</td><td></td></tr>`,
    ];
    const heading = fill(w.measure === 'spendingKr' ? T.whySpending : T.whyMargin, { name: names[w.entity] ?? w.entity });
    return `<h3>${esc(heading)}</h3>${table(heading, [T.whyStep, T.whyKr, ''], rows, 'waterfall')}`;
  });
  return `<h2>${esc(T.whyHeading)}</h2>${notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')}${parts.join('')}`;
}

const CSS = `
:root { color: #1d2733; font: 10.5pt/1.45 "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
body { max-width: 60rem; margin: 1.5rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 2px solid #0b6bb0; padding-bottom: .15rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.question { font-size: 1.1rem; font-style: italic; margin: .2rem 0 .6rem; } .meta, .note, .ci { color: #5b6675; } .ci { display: block; font-size: .8em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9em; } th, td { border-bottom: 1px solid #d5dbe2; padding: .25rem .4rem; vertical-align: top; }
thead th { text-align: right; background: #eef2f6; } thead th:first-child { text-align: left; } td { text-align: right; white-space: nowrap; } td.text, td:first-child { text-align: left; white-space: normal; } tbody th { text-align: left; }
table.text-cols thead th { text-align: left; } table.wide { font-size: .74em; } table.wide td { white-space: normal; } table.wide td:not(.text) { min-width: 5.5em; }
.neg { color: #b3261e; } code { font-size: .9em; } .chart { margin: .5rem 0 1rem; break-inside: avoid; } figcaption { font-weight: 600; }
.legend { list-style: none; padding: 0; margin: .2rem 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .9em; }
.swatch { display: inline-block; width: 1.8em; height: .6em; margin-right: .35em; vertical-align: .05em; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
table.waterfall td:first-child { white-space: normal; } td.wf { position: relative; width: 40%; } .wf-bar { position: absolute; top: .3em; height: .9em; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.wf-bar.good { background: #1a7f37; } .wf-bar.bad { background: #b3261e; } .wf-bar.noise { background: repeating-linear-gradient(45deg, #8a96a3 0 3px, #fff 3px 6px); } .wf-bar.total { background: #1d2733; }
.sources li { margin-bottom: .3rem; } .toolbar { margin-bottom: 1rem; }
.toolbar button { font: inherit; padding: .4rem .9rem; border-radius: 6px; border: 1px solid #0b6bb0; background: #0b6bb0; color: #fff; cursor: pointer; }
@page { size: A4; margin: 15mm 14mm; }
@media print { body { margin: 0; max-width: none; padding: 0; } .toolbar { display: none; } .page-break { break-before: page; } tr, .chart { break-inside: avoid; } h2, h3 { break-after: avoid; } }
`;

/**
 * The report as a complete HTML document (UTF-8, styles inline, no scripts but the print button).
 * @example await writeFile('report.html', reportHtml({ scenario: reportScenario(scenario), dashboard, incentives }))
 */
export function reportHtml(input: ReportInput): string {
  const s = input.scenario;
  const d = { ...input.dashboard, names: { ...input.dashboard.names, ...input.groupNames } };
  T = input.text ?? REPORT_TEXT;
  const paragraphs = (text: string | undefined) => (text ? text.split(/\n\s*\n/).map((p) => `<p>${esc(p)}</p>`).join('') : '');
  return `<!doctype html>
<html lang="${esc(T.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(s.title)} — ${esc(T.titleSuffix)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="toolbar"><button type="button" onclick="print()">${esc(T.print)}</button></div>
<header>
<h1>${esc(s.title)}</h1>
${s.question ? `<p class="question">${esc(s.question)}</p>` : ''}
<p class="meta">${esc(T.scenario)} <code>${esc(s.id)}</code> · ${esc(settingsText(d))}${s.evidence ? ` · ${esc(fill(T.evidence, { preset: s.evidence }))}` : ''}${input.generated ? ` · ${esc(fill(T.made, { date: input.generated }))}` : ''} · reimburse</p>
</header>
<section id="scenario">${paragraphs(s.description)}${s.lookAt ? `<p><strong>${esc(T.lookAt)}</strong> ${esc(s.lookAt)}</p>` : ''}</section>
<section id="figures">${figures(d)}</section>
${input.comparison ? `<section id="comparison">${comparison(s.title, input.comparison, d.names)}</section>` : ''}
<section id="charts">${charts(d)}</section>
<section id="design" class="page-break">${design(s, d)}</section>
<section id="outcomes">${outcomes(d)}</section>
<section id="incentives" class="page-break">${incentives(d, input.incentives)}</section>
${d.reconciliations.length > 0 ? `<section id="reconciliation">${reconciliation(d)}</section>` : ''}
<section id="sources">${sources(s)}</section>
</body>
</html>
`;
}
