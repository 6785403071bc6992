/**
 * The editor's sections about who is there: the scenario itself, the simulation window, the
 * population, payers, providers, pools and the care settings.
 */
import { html, nothing } from 'lit';
import { NEED_GROUPS, PAYER_KINDS, PROVIDER_TYPES } from '../../../src/domain.js';
import type { JsonPath } from '../../state/json-path.js';
import { getIn, pathText } from '../../state/json-path.js';
import type { FieldContext } from './fields.js';
import { leftovers, multiField, numberField, selectField, textField } from './fields.js';

type Row = Record<string, unknown>;

export interface Column {
  key: string;
  label: string;
  kind: 'text' | 'number' | 'select';
  choices?: readonly (readonly [string, string])[];
  unit?: string;
  optional?: boolean;
}

function rows(ctx: FieldContext, path: JsonPath): Row[] {
  const value = getIn(ctx.json, path);
  return Array.isArray(value) ? (value as Row[]) : [];
}

/** Labels for lists of ids: "id — name". */
export function choicesOf(list: Row[], filter: (r: Row) => boolean = () => true): [string, string][] {
  return list.filter(filter).map((r) => [String(r.id ?? ''), r.name ? `${String(r.name)} (${String(r.id)})` : String(r.id ?? '')]);
}

/** A list of objects as a table: one row each, a field per column, add and remove buttons. */
export function tableEditor(ctx: FieldContext, path: JsonPath, caption: string, columns: Column[], newRow: () => Row) {
  const list = rows(ctx, path);
  const p = pathText(path);
  return html`<div class="table-editor" data-path=${p}>
    <table>
      <caption class="visually-hidden">${caption}</caption>
      <thead>
        <tr>
          ${columns.map((c) => html`<th scope="col">${c.label}${c.unit ? html` <span class="unit">(${c.unit})</span>` : nothing}</th>`)}
          <th scope="col"><span class="visually-hidden">Remove</span></th>
        </tr>
      </thead>
      <tbody>
        ${list.map(
          (row, i) => html`<tr>
            ${columns.map((c) => {
              const at = [...path, i, c.key];
              const label = `${c.label} of row ${i + 1}`;
              const field =
                c.kind === 'select'
                  ? selectField(ctx, at, label, c.choices ?? [], { optional: c.optional })
                  : c.kind === 'number'
                    ? numberField(ctx, at, label, { optional: c.optional })
                    : textField(ctx, at, label, { optional: c.optional });
              return html`<td class="cell">${field}</td>`;
            })}
            <td>
              <button class="quiet danger" aria-label="Remove row ${i + 1} (${String(row.id ?? row.provider ?? '')}) from ${caption}" @click=${() => ctx.set(path, list.filter((_, j) => j !== i))}>Remove</button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
    <button @click=${() => ctx.set(path, [...list, newRow()])}>+ Add to ${caption.toLowerCase()}</button>
    ${leftovers(ctx, p)}
  </div>`;
}

export function aboutSection(ctx: FieldContext) {
  return html`<div class="grid">
    ${textField(ctx, ['title'], 'Title', { wide: true })} ${textField(ctx, ['id'], 'Id', { help: 'Letters, digits and dashes; names the scenario in results.' })}
    ${textField(ctx, ['description'], 'Description', { multiline: true, wide: true })}
    ${textField(ctx, ['question'], 'The question it answers', { optional: true, wide: true })} ${textField(ctx, ['lookAt'], 'What to look at in the results', { optional: true, wide: true })}
  </div>`;
}

export function simulationSection(ctx: FieldContext) {
  return html`<div class="grid">
    ${textField(ctx, ['simulation', 'start'], 'First month', { placeholder: 'YYYY-MM', unit: 'YYYY-MM' })} ${numberField(ctx, ['simulation', 'years'], 'Years', { unit: 'years' })}
    ${numberField(ctx, ['simulation', 'replications'], 'Replications', { unit: 'runs of the microsimulation' })}
    ${numberField(ctx, ['simulation', 'seed'], 'Seed', { help: 'Same seed, same numbers — here and in the CLI.' })}
  </div>
  ${leftovers(ctx, 'simulation')}`;
}

export function populationSection(ctx: FieldContext) {
  const providers = rows(ctx, ['providers']);
  const primaryCare = choicesOf(providers, (p) => p.type === 'primary-care');
  return html`<div class="grid">
      ${numberField(ctx, ['population', 'size'], 'People simulated', { unit: 'people' })}
      ${selectField(
        ctx,
        ['population', 'ages'],
        'Age mix',
        [
          ['sweden', 'Sweden, all ages (SCB)'],
          ['elderly-65plus', 'Sweden, 65 and over (SCB)'],
        ],
        { optional: true, placeholder: 'default (all ages)' },
      )}
      ${numberField(ctx, ['population', 'frailtySigma'], 'Frailty spread', { optional: true, unit: 'σ of log', help: 'Larger: a heavier tail of costly patients.' })}
    </div>
    <h3>Municipalities</h3>
    ${tableEditor(
      ctx,
      ['population', 'municipalities'],
      'Municipalities',
      [
        { key: 'id', label: 'Id', kind: 'text' },
        { key: 'name', label: 'Name', kind: 'text' },
        { key: 'share', label: 'Share of people', kind: 'number', unit: '0–1' },
      ],
      () => ({ id: `m${rows(ctx, ['population', 'municipalities']).length + 1}`, name: 'New municipality', share: 0 }),
    )}
    <h3>Listing with primary care</h3>
    ${tableEditor(
      ctx,
      ['population', 'listing'],
      'Listing',
      [
        { key: 'provider', label: 'Primary care centre', kind: 'select', choices: primaryCare },
        { key: 'share', label: 'Share listed', kind: 'number', unit: '0–1' },
      ],
      () => ({ provider: primaryCare[0]?.[0] ?? '', share: 0 }),
    )}
    ${leftovers(ctx, 'population')}`;
}

const TYPE_LABELS: Record<string, string> = {
  hospital: 'Hospital',
  'primary-care': 'Primary care centre',
  'home-health': 'Home health care',
  'home-care': 'Home care services',
  'nursing-home': 'Nursing home',
  'short-term-care': 'Short-term care',
};

export function payersSection(ctx: FieldContext) {
  return html`${tableEditor(
    ctx,
    ['payers'],
    'Payers',
    [
      { key: 'id', label: 'Id', kind: 'text' },
      { key: 'name', label: 'Name', kind: 'text' },
      { key: 'kind', label: 'Kind', kind: 'select', choices: PAYER_KINDS.map((k) => [k, k]) },
    ],
    () => ({ id: `payer-${rows(ctx, ['payers']).length + 1}`, name: 'New payer', kind: 'municipality' }),
  )}`;
}

export function providersSection(ctx: FieldContext) {
  const payers = choicesOf(rows(ctx, ['payers']));
  return html`${tableEditor(
    ctx,
    ['providers'],
    'Providers',
    [
      { key: 'id', label: 'Id', kind: 'text' },
      { key: 'name', label: 'Name', kind: 'text' },
      { key: 'type', label: 'Type', kind: 'select', choices: PROVIDER_TYPES.map((t) => [t, TYPE_LABELS[t] ?? t]) },
      { key: 'principal', label: 'Owned by', kind: 'select', choices: payers },
      { key: 'places', label: 'Places', kind: 'number', unit: 'beds', optional: true },
      { key: 'fixedCostPerYear', label: 'Fixed cost', kind: 'number', unit: 'kr per year', optional: true },
    ],
    () => ({ id: `provider-${rows(ctx, ['providers']).length + 1}`, name: 'New provider', type: 'primary-care', principal: payers[0]?.[0] ?? '' }),
  )}`;
}

export function poolsSection(ctx: FieldContext) {
  const providers = choicesOf(rows(ctx, ['providers']));
  const pools = rows(ctx, ['pools']);
  return html`${pools.map(
      (pool, i) => html`<div class="subcard" data-path=${`pools[${i}]`}>
        <div class="grid">
          ${textField(ctx, ['pools', i, 'id'], 'Id')} ${textField(ctx, ['pools', i, 'name'], 'Name')}
          ${selectField(ctx, ['pools', i, 'sharing'], 'Sharing rule', [
            ['equal', 'Equal shares'],
            ['by-cost', 'In proportion to cost'],
            ['by-activity', 'In proportion to activity'],
          ])}
        </div>
        ${multiField(ctx, ['pools', i, 'members'], 'Members', providers, { wide: true })}
        <button class="quiet danger" @click=${() => ctx.set(['pools'], pools.filter((_, j) => j !== i))} aria-label="Remove pool ${String(pool.id ?? i + 1)}">Remove pool</button>
      </div>`,
    )}
    <button @click=${() => ctx.set(['pools'], [...pools, { id: `pool-${pools.length + 1}`, name: 'New pool', members: [], sharing: 'equal' }])}>+ Add a pool</button>
    ${leftovers(ctx, 'pools')}`;
}

export function careSection(ctx: FieldContext) {
  const providers = rows(ctx, ['providers']);
  const coordination = getIn(ctx.json, ['care', 'coordination']);
  return html`<div class="grid">
      ${selectField(
        ctx,
        ['care', 'evidence'],
        'Effect sizes of coordination',
        [
          ['controlled-trials', 'Controlled trials'],
          ['local-follow-ups', 'Local follow-ups'],
        ],
        { optional: true, placeholder: 'default' },
      )}
      ${numberField(ctx, ['care', 'substitution'], 'Team substitution', { optional: true, help: '1: efforts substitute; 0: Cobb–Douglas; the text weakest-link: the least effort counts.' })}
    </div>
    <h3>Coordination effort put in</h3>
    <p class="help">Effort 0–1 per provider (one number for every need group). ${coordination && typeof coordination === 'object' ? '' : 'None set: providers put in no extra effort.'}</p>
    <div class="grid">
      ${providers.map((p) => {
        const id = String(p.id ?? '');
        const value = getIn(ctx.json, ['care', 'coordination', id]);
        return value !== undefined && typeof value !== 'number'
          ? html`<p class="help">${String(p.name ?? id)}: effort set per need group (${NEED_GROUPS.length} groups) — edit it in the file.</p>`
          : numberField(ctx, ['care', 'coordination', id], String(p.name ?? id), { optional: true, unit: '0–1' });
      })}
    </div>
    ${leftovers(ctx, 'care')}`;
}
