/**
 * The yearly reconciliation of shared savings and target prices, as a section of the results:
 * per component, receiver and year, spending per unit against the benchmark, whether the minimum
 * rate was crossed (with replications: in what share of them), quality and what was paid or owed.
 * Nothing is drawn for a design without such components.
 */
import { html, nothing } from 'lit';
import type { Dashboard } from '../../../src/results/dashboard.js';
import { formatKr, formatNumber, formatShare } from '../../format.js';
import { t } from '../../i18n/index.js';
import { statCell } from './tables.js';

/** The section, or nothing. @example html`${reconciliationSection(dashboard)}` */
export function reconciliationSection(d: Dashboard) {
  if (d.reconciliations.length === 0) return nothing;
  const spending = d.outcomes.all.values.spendingPerMemberMonthKr;
  const head = ['report.component', 'report.receiver', 'report.year', 'report.benchmark', 'report.actual', 'report.units', 'report.savingsRate', 'report.minimumRate', 'report.minimumRateMet', 'report.quality', 'report.settled'] as const;
  return html`<section class="card" id="reconciliation" aria-labelledby="reconciliation-h">
    <h2 id="reconciliation-h">${t('report.reconciliationHeading')}</h2>
    <p class="explain">${t('report.reconciliationNote')}</p>
    <div class="scroll" tabindex="0" role="region" aria-label=${t('report.reconciliationLabel')}>
      <table aria-label=${t('report.reconciliationLabel')}>
        <thead>
          <tr>
            ${head.map((key) => html`<th scope="col">${t(key)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${d.reconciliations.map(
            (r) => html`<tr data-component=${r.component} data-entity=${r.entity} data-year=${String(r.year)}>
              <th scope="row">${d.names[r.component] ?? r.component}</th>
              <td>${d.names[r.entity] ?? r.entity}</td>
              <td>${r.year + 1}</td>
              ${statCell(r.benchmarkKrPerUnit, formatKr, { metric: 'benchmarkKrPerUnit' })} ${statCell(r.actualKrPerUnit, formatKr, { metric: 'actualKrPerUnit' })}
              ${statCell(r.units, (x) => formatNumber(x, 0), { metric: 'reconciledUnits' })} ${statCell(r.savingsRate, formatShare, { metric: 'savingsRate' })}
              ${statCell(r.thresholdRate, formatShare, { metric: 'thresholdRate' })} ${statCell(r.thresholdMet, formatShare, { metric: 'thresholdMet' })}
              ${statCell(r.qualityScore, (x) => formatNumber(x, 2), { metric: 'qualityScore' })} ${statCell(r.reconciledKr, formatKr, { metric: 'reconciledKr' })}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${spending && spending.n > 0 ? html`<p class="explain" data-metric="spendingPerMemberMonthKr" data-value=${String(spending.mean)}>${t('report.spendingPerMember')}: ${formatKr(spending.mean)}</p>` : nothing}
  </section>`;
}
