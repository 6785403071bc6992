/**
 * The incentive analysis for people and for machines: tables for the terminal, plain JSON for files.
 */
import type { IncentiveReport, Solution, StateSummary } from '../behaviour/index.js';
import { formatHeading, formatKr, formatNumber, formatShare, formatTable } from '../format.js';

function solutionJson(s: Solution) {
  return { start: s.start, converged: s.converged, iterations: s.iterations, residual: s.residual, evaluations: s.evaluations, welfareKr: s.evaluation.welfare };
}

/**
 * The `incentives` and `gap` keys of run's JSON (and of `reimburse incentives --format json`).
 * @example incentivesJson(analyzeIncentives(prepared)).gap.difference.welfare
 */
export function incentivesJson(report: IncentiveReport) {
  return {
    incentives: {
      year: report.year,
      equilibria: report.equilibria.equilibria.map(solutionJson),
      runs: report.equilibria.runs.map(solutionJson),
      optimum: solutionJson(report.optimum),
      table: report.incentives,
      selection: report.selection,
      attribution: report.attribution,
    },
    gap: report.gap,
  };
}

function stateRows(label: string, s: StateSummary): string[] {
  return [
    label,
    formatShare(s.meanEffort),
    formatKr(s.totalCost),
    formatNumber(s.avoidableAdmissionsPerThousand, 1),
    formatNumber(s.readmissionsPerThousand, 1),
    formatNumber(s.edVisitsPerThousand, 1),
    formatKr(s.welfare),
  ];
}

/**
 * The incentive analysis as terminal tables.
 * @example console.log(incentivesReport('Teaching', analyzeIncentives(prepared)))
 */
export function incentivesReport(title: string, report: IncentiveReport): string {
  const parts: string[] = [formatHeading(`${title}: coordination incentives, year ${report.year}`)];
  const runs = report.equilibria.runs.map((r) => `from ${r.start} effort: ${r.converged ? 'converged' : 'did NOT converge'} in ${r.iterations} iterations (largest move ${r.residual.toExponential(1)})`);
  parts.push(`Equilibria found: ${report.equilibria.equilibria.length}. ${runs.join('; ')}.`);
  if (report.equilibria.equilibria.length === 0) parts.push('No run converged: the table below is at the last iterate and may not be an equilibrium.');

  parts.push(formatHeading('Incentive table: one more unit of coordination effort, per year'));
  parts.push(
    formatTable(
      ['provider', 'need group', 'effort', 'own profit', 'coordination cost', 'own savings', 'own revenue', 'value created', 'captured', 'largest gain elsewhere'],
      report.incentives.map((r) => {
        const other = [...r.others].sort((a, b) => b.change - a.change)[0];
        return [
          r.provider,
          r.group,
          formatShare(r.effort),
          formatKr(r.marginalProfit),
          formatKr(r.coordinationCost),
          formatKr(r.ownSavings),
          formatKr(r.ownRevenue),
          formatKr(r.valueCreated),
          formatShare(r.captured),
          other ? `${other.party} ${formatKr(other.change)}` : '',
        ];
      }),
    ),
  );

  parts.push(formatHeading('Coordination gap: what providers choose vs what is best for patients and society'));
  const g = report.gap;
  parts.push(
    formatTable(
      ['', 'mean effort', 'cost of care', 'avoidable adm. /1,000', 'readmissions /1,000', 'ED visits /1,000', 'welfare'],
      [stateRows('equilibrium', g.equilibrium), stateRows('optimum', g.optimum), stateRows('difference', g.difference)],
    ),
  );
  parts.push(
    formatTable(
      ['need group', 'coordination at equilibrium', 'at optimum'],
      Object.keys(g.equilibrium.coordination).map((k) => [k, formatShare(g.equilibrium.coordination[k]), formatShare(g.optimum.coordination[k])]),
    ),
  );

  if (report.selection.length > 0) {
    parts.push(formatHeading('Selection by listing providers (Ellis 1998: dumping)'));
    parts.push(formatTable(['provider', 'need group', 'margin per person', 'selection effort'], report.selection.map((s) => [s.provider, s.group, formatKr(s.marginPerPerson), formatShare(s.effort)])));
  }

  parts.push(formatHeading('Why each provider gains or loses: margin by payment component, per year'));
  parts.push(
    formatTable(
      ['provider', 'margin', 'cost', 'revenue by component'],
      report.attribution.map((a) => [a.provider, formatKr(a.margin), formatKr(a.cost), Object.entries(a.byComponent).map(([c, v]) => `${c} ${formatKr(v)}`).join(', ')]),
    ),
  );
  return parts.join('\n\n');
}
