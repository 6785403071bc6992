/**
 * The dashboard's tables, as templates: totals per payer, per provider, outcomes per need group
 * and CNI band, and margin by payment component. Every number carries its unit; a 95 % interval
 * sits under each mean when there are replications.
 */
import { html, nothing } from 'lit';
import type { Dashboard, OutcomeMetric, OutcomeRow, ProviderTotals, Stat } from '../../../src/results/dashboard.js';
import { compactKr, formatKr, formatNumber, formatShare, intervalText, UNITS } from '../../format.js';
import type { Unit } from '../../format.js';
import type { MessageKey } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';

/** A number with its interval underneath; `data-value` holds the unrounded mean for tests and copying. */
export function statCell(stat: Stat | undefined, format: (x: number) => string, attrs: { metric?: string; entity?: string } = {}) {
  if (!stat || stat.n === 0) return html`<td>–</td>`;
  const ci = intervalText(stat, format);
  const sign = stat.mean < 0 ? 'neg' : '';
  return html`<td data-metric=${attrs.metric ?? nothing} data-entity=${attrs.entity ?? nothing} data-value=${String(stat.mean)}>
    <span class=${sign}>${format(stat.mean)}</span>${ci ? html`<span class="ci">95 %: ${ci}</span>` : nothing}
  </td>`;
}

export function payerCards(d: Dashboard) {
  return html`<div class="cards">
    ${d.payerIds.map((id) => {
      const s = d.spendingKr[id];
      const ci = intervalText(s, compactKr);
      return html`<div class="card figure" data-metric="spendingKr" data-entity=${id} data-value=${String(s.mean)}>
        <span class="figure-label">${t('tables.spends', { name: d.names[id] ?? id })}</span>
        <span class="figure-value">${formatKr(s.mean)}</span>
        <span class="figure-note">${t('tables.overYears', { n: formatNumber(d.months / 12, Number.isInteger(d.months / 12) ? 0 : 1) })}${ci ? html` · 95 %: ${ci}` : nothing}</span>
      </div>`;
    })}
  </div>`;
}

export function providerTable(d: Dashboard) {
  const share = (p: ProviderTotals) => (p.revenueKr.mean !== 0 ? formatShare(p.marginKr.mean / p.revenueKr.mean) : '–');
  return html`<div class="scroll" tabindex="0" role="region" aria-label=${t('tables.providerTable')}><table aria-label=${t('tables.providerTable')}>
    <thead>
      <tr>
        <th scope="col">${t('tables.provider')}</th>
        <th scope="col">${t('tables.revenue')}</th>
        <th scope="col">${t('tables.cost')}</th>
        <th scope="col">${t('tables.margin')}</th>
        <th scope="col">${t('tables.marginShare')}</th>
      </tr>
    </thead>
    <tbody>
      ${d.providers.map(
        (p) => html`<tr>
          <th scope="row">${d.names[p.id] ?? p.id}</th>
          ${statCell(p.revenueKr, formatKr, { metric: 'revenueKr', entity: p.id })} ${statCell(p.costKr, formatKr, { metric: 'costKr', entity: p.id })}
          ${statCell(p.marginKr, formatKr, { metric: 'marginKr', entity: p.id })}
          ${p.marginShare ? statCell(p.marginShare, formatShare, { metric: 'marginShare', entity: p.id }) : html`<td class=${p.marginKr.mean < 0 ? 'neg' : ''}>${share(p)}</td>`}
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}

const OUTCOME_COLUMNS: { metric: OutcomeMetric; label: MessageKey; unit: Unit }[] = [
  { metric: 'avoidableAdmissionsPerThousandPersonYears', label: 'tables.avoidable', unit: UNITS.perThousand },
  { metric: 'readmissionsPerThousandPersonYears', label: 'tables.readmissions', unit: UNITS.perThousand },
  { metric: 'edVisitsPerThousandPersonYears', label: 'tables.ed', unit: UNITS.perThousand },
  { metric: 'daysAtHomePerPersonYear', label: 'tables.daysAtHome', unit: UNITS.daysPerYear },
  { metric: 'coordinationExperiencedShare', label: 'tables.coordinated', unit: UNITS.share },
  { metric: 'personYears', label: 'tables.personYears', unit: UNITS.personYears },
];

export function outcomeTable(d: Dashboard, rows: OutcomeRow[], rowLabel: (r: OutcomeRow) => string, caption: string) {
  return html`<div class="scroll" tabindex="0" role="region" aria-label=${caption}><table aria-label=${caption}>
    <thead>
      <tr>
        <th scope="col">${caption}</th>
        ${OUTCOME_COLUMNS.map((c) => html`<th scope="col">${t(c.label)}<br /><span class="unit">${c.unit.label}</span></th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) => html`<tr>
          <th scope="row">${rowLabel(r)}</th>
          ${OUTCOME_COLUMNS.map((c) => statCell(r.values[c.metric], c.unit.format, { metric: c.metric, entity: `${r.group}/${r.cni}` }))}
        </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row">${t('tables.everyone')}</th>
        ${OUTCOME_COLUMNS.map((c) => statCell(d.outcomes.all.values[c.metric], c.unit.format, { metric: c.metric, entity: 'all/all' }))}
      </tr>
    </tfoot>
  </table></div>`;
}

const COST_LABELS: Record<string, MessageKey> = { services: 'tables.costServices', coordination: 'tables.costCoordination', fixed: 'tables.costFixed' };

/** Per provider: what each payment component brought in, what each kind of cost took, and the margin left. */
export function componentTable(d: Dashboard) {
  return html`<div class="scroll" tabindex="0" role="region" aria-label=${t('tables.byComponent')}><table class="components" aria-label=${t('tables.byComponent')}>
    <thead>
      <tr>
        <th scope="col">${t('tables.providerAndComponent')}</th>
        <th scope="col">${t('tables.krOverRun')}</th>
        <th scope="col" class="bar-col"><span class="visually-hidden">${t('tables.shareOfRevenue')}</span></th>
      </tr>
    </thead>
    ${d.providers.map((p) => {
      const scale = Math.max(1, Math.abs(p.revenueKr.mean), Math.abs(p.costKr.mean));
      const bar = (x: number) => html`<td class="bar-col" aria-hidden="true"><span class="bar ${x < 0 ? 'neg-bar' : ''}" style="width:${Math.min(100, (100 * Math.abs(x)) / scale)}%"></span></td>`;
      // Every component that can pay the provider, also one that paid nothing (a bonus whose target was not met says so).
      const paying = p.revenueByComponentKr;
      return html`<tbody>
        <tr class="provider-row">
          <th scope="rowgroup" colspan="3">${d.names[p.id] ?? p.id}</th>
        </tr>
        ${paying.length === 0 ? html`<tr><td class="muted">${t('tables.noPayment')}</td><td>0 kr</td><td></td></tr>` : nothing}
        ${paying.map(
          (c) => html`<tr data-component=${c.component} class=${c.kr.mean === 0 && c.kr.lower === 0 && c.kr.upper === 0 ? 'unpaid' : ''}>
            <td class="indent">+ ${d.names[c.component] ?? c.component}${c.kr.mean === 0 && c.kr.upper === 0 && c.kr.lower === 0 ? html` <span class="muted">(${t('tables.paidNothing')})</span>` : nothing}</td>
            ${statCell(c.kr, formatKr, { metric: `revenueKr:${c.component}`, entity: p.id })} ${bar(c.kr.mean)}
          </tr>`,
        )}
        ${p.costByKindKr
          .filter((c) => c.kr.mean !== 0)
          .map(
            (c) => html`<tr>
              <td class="indent">− ${COST_LABELS[c.kind] ? t(COST_LABELS[c.kind]) : c.kind}</td>
              ${statCell({ ...c.kr, mean: -c.kr.mean, lower: -c.kr.upper, upper: -c.kr.lower }, formatKr)} ${bar(-c.kr.mean)}
            </tr>`,
          )}
        <tr class="margin-row">
          <td>${t('tables.marginRow')}</td>
          ${statCell(p.marginKr, formatKr)} ${bar(p.marginKr.mean)}
        </tr>
      </tbody>`;
    })}
  </table></div>`;
}
