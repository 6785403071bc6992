/**
 * The incentive table and the coordination gap as tables: per provider and need group, what one
 * more unit of coordination does to its own profit and whose pocket the savings land in; and how
 * far the providers' equilibrium is from the social optimum.
 */
import { html, nothing } from 'lit';
import { NEED_GROUPS } from '../../../src/domain.js';
import type { IncentiveRow, StateSummary } from '../../../src/behaviour/index.js';
import type { Incentives } from '../../engine/protocol.js';
import { compactKr, formatNumber, formatShare } from '../../format.js';
import type { MessageKey } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';

const groupLabel = (id: string) => {
  const g = NEED_GROUPS.find((x) => x.id === id);
  return g ? `${g.number}. ${t(`group.${g.id}`)}` : id;
};

const signedKr = (x: number) => `${x > 0 ? '+' : ''}${compactKr(x)}`;

/** The parties that gain most from the extra coordination (the wrong pocket), biggest first. */
function pockets(row: IncentiveRow, names: Record<string, string>) {
  const gains = row.others.filter((o) => o.change > 1).sort((a, b) => b.change - a.change);
  const shown = gains.slice(0, 3);
  if (shown.length === 0) return html`<span class="muted">${t('inc.nobody')}</span>`;
  return html`${shown.map((o, i) => html`${i > 0 ? ', ' : ''}<span class="nowrap">${names[o.party] ?? o.party} ${signedKr(o.change)}</span>`)}${gains.length > 3 ? html`, ${t('inc.more', { count: gains.length - 3 })}` : nothing}`;
}

export function incentiveTable(result: Incentives) {
  const name = (id: string) => (id === 'team' ? t('inc.team') : (result.names[id] ?? id));
  const byGroup = new Map<string, IncentiveRow[]>();
  for (const r of result.rows) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  return html`<div class="scroll" tabindex="0" role="region" aria-label=${t('inc.tableLabel')}><table class="incentives" aria-label=${t('inc.tableLabel')}>
    <thead>
      <tr>
        <th scope="col">${t('inc.provider')}</th>
        <th scope="col">${t('inc.marginalProfit')}<br /><span class="unit">${t('inc.krPerYear')}</span></th>
        <th scope="col" class="pockets">${t('inc.pockets')}<br /><span class="unit">${t('inc.krPerYear')}</span></th>
        <th scope="col">${t('inc.effortNow')}<br /><span class="unit">0–1</span></th>
        <th scope="col">${t('inc.ownCost')}<br /><span class="unit">${t('inc.krPerYear')}</span></th>
        <th scope="col">${t('inc.ownSavings')}<br /><span class="unit">${t('inc.krPerYear')}</span></th>
        <th scope="col">${t('inc.revenueChange')}<br /><span class="unit">${t('inc.krPerYear')}</span></th>
        <th scope="col">${t('inc.captured')}<br /><span class="unit">%</span></th>
        <th scope="col">${t('inc.socialValue')}<br /><span class="unit">${t('inc.krPerYear')}</span></th>
      </tr>
    </thead>
    ${[...byGroup].map(
      ([group, rows]) => html`<tbody>
        <tr class="group-row"><th scope="rowgroup" colspan="9">${groupLabel(group)}</th></tr>
        ${rows.map(
          (r) => html`<tr class=${r.provider === 'team' ? 'team' : ''} data-provider=${r.provider} data-group=${r.group}>
            <td>${name(r.provider)}</td>
            <td class="profit ${r.marginalProfit < 0 ? 'neg' : 'pos'}" data-value=${String(r.marginalProfit)}><strong>${signedKr(r.marginalProfit)}</strong></td>
            <td class="pockets">${pockets(r, result.names)}</td>
            <td>${formatNumber(r.effort, 2)}</td>
            <td class="neg">${signedKr(-r.coordinationCost)}</td>
            <td>${signedKr(r.ownSavings)}</td>
            <td class=${r.ownRevenue < 0 ? 'neg' : ''}>${signedKr(r.ownRevenue)}</td>
            <td>${Number.isFinite(r.captured) ? formatShare(r.captured) : '–'}</td>
            <td>${signedKr(r.socialValue)}</td>
          </tr>`,
        )}
      </tbody>`,
    )}
  </table></div>`;
}

type Numeric = Exclude<keyof StateSummary, 'coordination' | 'spending'>;

const GAP_ROWS: { key: Numeric; label: MessageKey; format: (x: number) => string; signed?: (x: number) => string }[] = [
  { key: 'meanEffort', label: 'inc.meanEffort', format: (x) => formatNumber(x, 2) },
  { key: 'avoidableAdmissionsPerThousand', label: 'inc.avoidable', format: (x) => formatNumber(x, 1) },
  { key: 'readmissionsPerThousand', label: 'inc.readmissions', format: (x) => formatNumber(x, 1) },
  { key: 'edVisitsPerThousand', label: 'inc.ed', format: (x) => formatNumber(x, 1) },
  { key: 'qaly', label: 'inc.qaly', format: (x) => formatNumber(x, 1) },
  { key: 'totalCost', label: 'inc.totalCost', format: compactKr },
  { key: 'welfare', label: 'inc.welfare', format: compactKr },
];

export function gapTable(result: Incentives) {
  const { equilibrium, optimum, difference } = result.gap;
  const sign = (x: number, f: (v: number) => string) => `${x > 0 ? '+' : ''}${f(x)}`;
  const row = (label: string, a: number, b: number, d: number, f: (x: number) => string) =>
    html`<tr>
      <td>${label}</td>
      <td>${f(a)}</td>
      <td>${f(b)}</td>
      <td><strong>${sign(d, f)}</strong></td>
    </tr>`;
  return html`<div class="scroll" tabindex="0" role="region" aria-label=${t('inc.gapLabel')}><table class="gap" aria-label=${t('inc.gapLabel')}>
    <thead>
      <tr>
        <th scope="col">${t('inc.perYear')}</th>
        <th scope="col">${t('inc.equilibrium')}</th>
        <th scope="col">${t('inc.optimum')}</th>
        <th scope="col">${t('inc.gapColumn')}</th>
      </tr>
    </thead>
    <tbody>
      <tr class="group-row"><th scope="rowgroup" colspan="4">${t('inc.teamByGroup')}</th></tr>
      ${Object.keys(equilibrium.coordination).map((g) => row(groupLabel(g), equilibrium.coordination[g], optimum.coordination[g], difference.coordination[g], (x) => formatNumber(x, 2)))}
      <tr class="group-row"><th scope="rowgroup" colspan="4">${t('inc.outcomesMoney')}</th></tr>
      ${GAP_ROWS.map((r) => row(t(r.label), equilibrium[r.key], optimum[r.key], difference[r.key], r.format))}
      ${Object.keys(equilibrium.spending).map((p) => row(t('inc.spends', { name: result.names[p] ?? p }), equilibrium.spending[p], optimum.spending[p], difference.spending[p], compactKr))}
    </tbody>
  </table></div>`;
}
