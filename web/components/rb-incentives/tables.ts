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

const groupLabel = (id: string) => {
  const g = NEED_GROUPS.find((x) => x.id === id);
  return g ? `${g.number}. ${g.label}` : id;
};

const signedKr = (x: number) => `${x > 0 ? '+' : ''}${compactKr(x)}`;

/** The parties that gain most from the extra coordination (the wrong pocket), biggest first. */
function pockets(row: IncentiveRow, names: Record<string, string>) {
  const gains = row.others.filter((o) => o.change > 1).sort((a, b) => b.change - a.change);
  const shown = gains.slice(0, 3);
  if (shown.length === 0) return html`<span class="muted">nobody else</span>`;
  return html`${shown.map((o, i) => html`${i > 0 ? ', ' : ''}<span class="nowrap">${names[o.party] ?? o.party} ${signedKr(o.change)}</span>`)}${gains.length > 3 ? html`, +${gains.length - 3} more` : nothing}`;
}

export function incentiveTable(result: Incentives) {
  const name = (id: string) => (id === 'team' ? 'The whole team together' : (result.names[id] ?? id));
  const byGroup = new Map<string, IncentiveRow[]>();
  for (const r of result.rows) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  return html`<table class="incentives" aria-label="Incentive table: marginal profit of coordination per provider and need group">
    <thead>
      <tr>
        <th scope="col">Provider</th>
        <th scope="col">Effort now<br /><span class="unit">0–1</span></th>
        <th scope="col">Its own cost<br /><span class="unit">kr per year</span></th>
        <th scope="col">Its own savings<br /><span class="unit">kr per year</span></th>
        <th scope="col">Its revenue change<br /><span class="unit">kr per year</span></th>
        <th scope="col">Marginal profit<br /><span class="unit">kr per year</span></th>
        <th scope="col">Share of the value it keeps<br /><span class="unit">%</span></th>
        <th scope="col">Who pockets the savings<br /><span class="unit">kr per year</span></th>
        <th scope="col">Value to society<br /><span class="unit">kr per year</span></th>
      </tr>
    </thead>
    ${[...byGroup].map(
      ([group, rows]) => html`<tbody>
        <tr class="group-row"><th scope="rowgroup" colspan="9">${groupLabel(group)}</th></tr>
        ${rows.map(
          (r) => html`<tr class=${r.provider === 'team' ? 'team' : ''} data-provider=${r.provider} data-group=${r.group}>
            <td>${name(r.provider)}</td>
            <td>${formatNumber(r.effort, 2)}</td>
            <td class="neg">${signedKr(-r.coordinationCost)}</td>
            <td>${signedKr(r.ownSavings)}</td>
            <td class=${r.ownRevenue < 0 ? 'neg' : ''}>${signedKr(r.ownRevenue)}</td>
            <td class="profit ${r.marginalProfit < 0 ? 'neg' : 'pos'}" data-value=${String(r.marginalProfit)}><strong>${signedKr(r.marginalProfit)}</strong></td>
            <td>${Number.isFinite(r.captured) ? formatShare(r.captured) : '–'}</td>
            <td class="pockets">${pockets(r, result.names)}</td>
            <td>${signedKr(r.socialValue)}</td>
          </tr>`,
        )}
      </tbody>`,
    )}
  </table>`;
}

type Numeric = Exclude<keyof StateSummary, 'coordination' | 'spending'>;

const GAP_ROWS: { key: Numeric; label: string; format: (x: number) => string; signed?: (x: number) => string }[] = [
  { key: 'meanEffort', label: 'Mean coordination effort (0–1)', format: (x) => formatNumber(x, 2) },
  { key: 'avoidableAdmissionsPerThousand', label: 'Avoidable admissions per 1,000 person-years', format: (x) => formatNumber(x, 1) },
  { key: 'readmissionsPerThousand', label: 'Readmissions per 1,000 person-years', format: (x) => formatNumber(x, 1) },
  { key: 'edVisitsPerThousand', label: 'ED visits per 1,000 person-years', format: (x) => formatNumber(x, 1) },
  { key: 'qaly', label: 'QALYs per year', format: (x) => formatNumber(x, 1) },
  { key: 'totalCost', label: 'Total cost of care per year (kr)', format: compactKr },
  { key: 'welfare', label: 'Welfare: patient benefit minus cost, per year (kr)', format: compactKr },
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
  return html`<table class="gap" aria-label="Coordination gap: equilibrium against the social optimum">
    <thead>
      <tr>
        <th scope="col">Per year</th>
        <th scope="col">What providers choose (equilibrium)</th>
        <th scope="col">Best for patients and society (optimum)</th>
        <th scope="col">Gap (optimum − equilibrium)</th>
      </tr>
    </thead>
    <tbody>
      <tr class="group-row"><th scope="rowgroup" colspan="4">Team coordination per need group (0–1)</th></tr>
      ${Object.keys(equilibrium.coordination).map((g) => row(groupLabel(g), equilibrium.coordination[g], optimum.coordination[g], difference.coordination[g], (x) => formatNumber(x, 2)))}
      <tr class="group-row"><th scope="rowgroup" colspan="4">Outcomes and money</th></tr>
      ${GAP_ROWS.map((r) => row(r.label, equilibrium[r.key], optimum[r.key], difference[r.key], r.format))}
      ${Object.keys(equilibrium.spending).map((p) => row(`${result.names[p] ?? p} spends (kr)`, equilibrium.spending[p], optimum.spending[p], difference.spending[p], compactKr))}
    </tbody>
  </table>`;
}
