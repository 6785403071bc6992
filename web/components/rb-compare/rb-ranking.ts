/**
 * The facilitator's ranking: every saved design that carries a group name, run with expected
 * values on the same seed, ranked on outcomes for patients and on what the payers spend. Each
 * column sorts the table.
 */
import { css, html, LitElement, nothing } from 'lit';
import { compareEngine } from '../../engine/engines.js';
import { formatKr, formatNumber, formatShare } from '../../format.js';
import type { MessageKey } from '../../i18n/index.js';
import { LocaleController, errorText, t } from '../../i18n/index.js';
import { listSaved } from '../../state/library.js';
import { shared } from '../../styles/shared.js';

export interface RankRow {
  group: string;
  name: string;
  avoidable: number;
  daysAtHome: number;
  coordinated: number;
  costKr: number;
}

type Column = Exclude<keyof RankRow, 'group' | 'name'>;

/** The columns, their headings, formats, and which way is better. */
const COLUMNS: { key: Column; label: MessageKey; format: (x: number) => string; better: 'low' | 'high' }[] = [
  { key: 'avoidable', label: 'rank.avoidable', format: (x) => formatNumber(x, 1), better: 'low' },
  { key: 'daysAtHome', label: 'rank.daysAtHome', format: (x) => formatNumber(x, 1), better: 'high' },
  { key: 'coordinated', label: 'rank.coordinated', format: formatShare, better: 'high' },
  { key: 'costKr', label: 'rank.cost', format: formatKr, better: 'low' },
];

/** The seed every design is run with, so differences come from the designs alone. */
const SEED = 1;

export class RbRanking extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        margin-top: 1.5rem;
      }
      th button {
        font: inherit;
        font-weight: 600;
        border: none;
        background: none;
        padding: 0.2rem 0.3rem;
        color: inherit;
        cursor: pointer;
        text-align: inherit;
      }
      th,
      td {
        text-align: left;
      }
      td.num,
      th.num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .status {
        color: var(--rb-muted, #5b6675);
      }
    `,
  ];
  static override properties = {
    rows: { state: true },
    sortBy: { state: true },
    ascending: { state: true },
    status: { state: true },
  };

  declare rows: RankRow[] | undefined;
  declare sortBy: Column;
  declare ascending: boolean;
  declare status: string;

  constructor() {
    super();
    new LocaleController(this);
    this.rows = undefined;
    this.sortBy = 'avoidable';
    this.ascending = true;
    this.status = '';
  }

  private async rank(): Promise<void> {
    const saved = (await listSaved()).filter((s) => typeof s.group === 'string' && s.group.trim() !== '');
    if (saved.length === 0) {
      this.rows = undefined;
      this.status = t('rank.none');
      return;
    }
    this.status = t('rank.running');
    try {
      // Every design in one run: expected values, the same seed for all.
      const { comparison } = await compareEngine.call({ type: 'compare', jsons: saved.map((s) => s.json), engine: 'expected', settings: { replications: 1, seed: SEED } });
      const rows = saved.map((s, i): RankRow => {
        const d = comparison.dashboards[i];
        const all = d.outcomes.all.values;
        return {
          group: s.group!.trim(),
          name: s.name,
          avoidable: all.avoidableAdmissionsPerThousandPersonYears?.mean ?? NaN,
          daysAtHome: all.daysAtHomePerPersonYear?.mean ?? NaN,
          coordinated: all.coordinationExperiencedShare?.mean ?? NaN,
          costKr: d.payerIds.reduce((sum, id) => sum + (d.spendingKr[id]?.mean ?? 0), 0),
        };
      });
      this.rows = rows;
      this.status = '';
    } catch (error) {
      this.status = t('rank.failed', { error: errorText(error) });
    }
  }

  private sort(key: Column): void {
    if (this.sortBy === key) this.ascending = !this.ascending;
    else {
      this.sortBy = key;
      this.ascending = COLUMNS.find((c) => c.key === key)!.better === 'low';
    }
  }

  override render() {
    const rows = this.rows ? [...this.rows].sort((a, b) => (this.ascending ? a[this.sortBy] - b[this.sortBy] : b[this.sortBy] - a[this.sortBy])) : undefined;
    return html`
      <h2>${t('rank.title')}</h2>
      <p class="muted">${t('rank.intro')}</p>
      <button class="primary" data-rank @click=${this.rank}>${t('rank.run')}</button>
      <p class="status" role="status">${this.status}</p>
      ${rows
        ? html`<div class="scroll" tabindex="0" role="region" aria-label=${t('rank.title')}><table aria-label=${t('rank.title')} data-ranking>
            <thead>
              <tr>
                <th scope="col" class="num">${t('rank.rank')}</th>
                <th scope="col">${t('rank.group')}</th>
                <th scope="col">${t('rank.design')}</th>
                ${COLUMNS.map(
                  (c) =>
                    html`<th scope="col" class="num" aria-sort=${this.sortBy === c.key ? (this.ascending ? 'ascending' : 'descending') : 'none'}>
                      <button data-sort=${c.key} @click=${() => this.sort(c.key)}>${t(c.label)}${this.sortBy === c.key ? (this.ascending ? ' ▲' : ' ▼') : ''}</button>
                    </th>`,
                )}
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r, i) =>
                  html`<tr data-group=${r.group}>
                    <td class="num">${i + 1}</td>
                    <th scope="row">${r.group}</th>
                    <td>${r.name}</td>
                    ${COLUMNS.map((c) => html`<td class="num" data-col=${c.key}>${Number.isFinite(r[c.key]) ? c.format(r[c.key]) : '–'}</td>`)}
                  </tr>`,
              )}
            </tbody>
          </table></div>`
        : nothing}
    `;
  }
}

if (!customElements.get('rb-ranking')) customElements.define('rb-ranking', RbRanking);

declare global {
  interface HTMLElementTagNameMap {
    'rb-ranking': RbRanking;
  }
}
