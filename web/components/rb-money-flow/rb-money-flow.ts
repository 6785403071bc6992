/**
 * Money flow between principals: what each payer pays to the providers each principal owns
 * (pools resolved to their members), drawn as bands from payers to principals, with the same
 * numbers in a table beside it.
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import type { Stat } from '../../../src/results/dashboard.js';
import { compactKr, formatKr, intervalText } from '../../format.js';
import { LocaleController, t } from '../../i18n/index.js';
import { colour, shared } from '../../styles/shared.js';

interface Node {
  id: string;
  total: number;
  y: number;
  h: number;
}

export class RbMoneyFlow extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      svg {
        display: block;
        width: 100%;
        max-width: 60rem;
        height: auto;
        font-family: inherit;
        margin-bottom: 1rem;
      }
      text {
        font-size: 15px;
        fill: var(--rb-ink, #1b2430);
      }
      .amount {
        font-size: 13px;
        fill: var(--rb-muted, #5b6675);
      }
      table {
        max-width: 60rem;
      }
    `,
  ];
  static override properties = {
    flow: { attribute: false },
    names: { attribute: false },
    principals: { attribute: false },
  };

  /** kr from each payer (outer key) to each principal (inner key). */
  declare flow: Record<string, Record<string, Stat>>;
  declare names: Record<string, string>;
  declare principals: string[];

  constructor() {
    super();
    new LocaleController(this);
    this.flow = {};
    this.names = {};
    this.principals = [];
  }

  private layout(ids: string[], totals: number[], height: number, gap: number): Node[] {
    const sum = totals.reduce((a, b) => a + Math.max(0, b), 0) || 1;
    const room = height - gap * Math.max(0, ids.length - 1);
    let y = 0;
    return ids.map((id, i) => {
      const h = Math.max(3, (room * Math.max(0, totals[i])) / sum);
      const node = { id, total: totals[i], y, h };
      y += h + gap;
      return node;
    });
  }

  private renderDiagram(payers: string[]) {
    const W = 900;
    const H = Math.max(200, 70 * Math.max(payers.length, this.principals.length));
    const pad = 24;
    const name = (id: string) => this.names[id] ?? id;
    const kr = (p: string, q: string) => Math.max(0, this.flow[p]?.[q]?.mean ?? 0);
    const left = this.layout(payers, payers.map((p) => this.principals.reduce((a, q) => a + kr(p, q), 0)), H - 2 * pad, 18);
    const right = this.layout(this.principals, this.principals.map((q) => payers.reduce((a, p) => a + kr(p, q), 0)), H - 2 * pad, 18);
    const x0 = 190;
    const x1 = W - 250;
    const bar = 14;
    const usedLeft = new Map(left.map((n) => [n.id, 0]));
    const usedRight = new Map(right.map((n) => [n.id, 0]));
    const bands = [];
    for (const [pi, l] of left.entries()) {
      for (const r of right) {
        const v = kr(l.id, r.id);
        if (v <= 0 || l.total <= 0) continue;
        const hl = (l.h * v) / l.total;
        const hr = (r.h * v) / Math.max(r.total, 1e-9);
        const ya = pad + l.y + usedLeft.get(l.id)!;
        const yb = pad + r.y + usedRight.get(r.id)!;
        usedLeft.set(l.id, usedLeft.get(l.id)! + hl);
        usedRight.set(r.id, usedRight.get(r.id)! + hr);
        const xm = (x0 + bar + x1) / 2;
        const d = `M${x0 + bar},${ya} C${xm},${ya} ${xm},${yb} ${x1},${yb} L${x1},${yb + hr} C${xm},${yb + hr} ${xm},${ya + hl} ${x0 + bar},${ya + hl} Z`;
        bands.push(svg`<path d=${d} fill=${colour(pi)} fill-opacity="0.35" stroke=${colour(pi)} stroke-opacity="0.6"><title>${name(l.id)} → ${name(r.id)}: ${formatKr(v)}</title></path>`);
      }
    }
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${t('flow.diagram')}>
      ${bands}
      ${left.map(
        (n, i) => svg`<rect x=${x0} y=${pad + n.y} width=${bar} height=${n.h} fill=${colour(i)}></rect>
          <text x=${x0 - 8} y=${pad + n.y + n.h / 2} text-anchor="end" dominant-baseline="middle">${name(n.id)}</text>
          <text class="amount" x=${x0 - 8} y=${pad + n.y + n.h / 2 + 16} text-anchor="end" dominant-baseline="middle">${compactKr(n.total)}</text>`,
      )}
      ${right.map(
        (n) => svg`<rect x=${x1} y=${pad + n.y} width=${bar} height=${n.h} fill="#3f4a56"></rect>
          <text x=${x1 + bar + 8} y=${pad + n.y + n.h / 2} dominant-baseline="middle">${t('flow.providersOf', { name: name(n.id) })}</text>
          <text class="amount" x=${x1 + bar + 8} y=${pad + n.y + n.h / 2 + 16} dominant-baseline="middle">${compactKr(n.total)}</text>`,
      )}
      <text class="amount" x=${x0} y="14">${t('flow.payers')}</text>
      <text class="amount" x=${x1} y="14">${t('flow.byPrincipal')}</text>
    </svg>`;
  }

  override render() {
    const payers = Object.keys(this.flow);
    if (payers.length === 0) return nothing;
    const name = (id: string) => this.names[id] ?? id;
    return html`
      ${this.renderDiagram(payers)}
      <div class="scroll" tabindex="0" role="region" aria-label=${t('flow.table')}><table aria-label=${t('flow.table')}>
        <thead>
          <tr>
            <th scope="col">${t('flow.fromPayer')}</th>
            ${this.principals.map((q) => html`<th scope="col">${t('flow.to', { name: name(q) })}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${payers.map(
            (p) => html`<tr>
              <th scope="row">${name(p)}</th>
              ${this.principals.map((q) => {
                const s = this.flow[p][q];
                const ci = s ? intervalText(s, compactKr) : '';
                return html`<td>${s ? formatKr(s.mean) : '–'}${ci ? html`<span class="ci">${ci}</span>` : nothing}</td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table></div>
    `;
  }
}
