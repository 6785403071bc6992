/**
 * The editor's sections about who is there: the scenario itself, the simulation window, the
 * population, payers, providers, pools and the care settings.
 */
import { html, nothing } from 'lit';
import { NEED_GROUPS, PAYER_KINDS, PROVIDER_TYPES } from '../../../src/domain.js';
import type { JsonPath } from '../../state/json-path.js';
import { getIn, pathText } from '../../state/json-path.js';
import { t } from '../../i18n/index.js';
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
          <th scope="col"><span class="visually-hidden">${t('ed.remove')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${list.map(
          (row, i) => html`<tr>
            ${columns.map((c) => {
              const at = [...path, i, c.key];
              const label = t('ed.ofRow', { label: c.label, n: i + 1 });
              const field =
                c.kind === 'select'
                  ? selectField(ctx, at, label, c.choices ?? [], { optional: c.optional })
                  : c.kind === 'number'
                    ? numberField(ctx, at, label, { optional: c.optional })
                    : textField(ctx, at, label, { optional: c.optional });
              return html`<td class="cell">${field}</td>`;
            })}
            <td>
              <button class="quiet danger" aria-label=${t('ed.removeRow', { n: i + 1, id: String(row.id ?? row.provider ?? ''), caption })} @click=${() => ctx.set(path, list.filter((_, j) => j !== i))}>${t('ed.remove')}</button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
    <button @click=${() => ctx.set(path, [...list, newRow()])}>${t('ed.addTo', { caption: caption.toLowerCase() })}</button>
    ${leftovers(ctx, p)}
  </div>`;
}

export function aboutSection(ctx: FieldContext) {
  return html`<div class="grid">
    ${textField(ctx, ['title'], t('ed.title'), { wide: true })} ${textField(ctx, ['id'], t('ed.id'), { help: t('ed.idHelp') })}
    ${textField(ctx, ['description'], t('ed.description'), { multiline: true, wide: true })}
    ${textField(ctx, ['question'], t('ed.question'), { optional: true, wide: true })} ${textField(ctx, ['lookAt'], t('ed.lookAt'), { optional: true, wide: true })}
  </div>
  <h3>${t('ed.svTexts')}</h3>
  <p class="help">${t('ed.svTextsHelp')}</p>
  <div class="grid">
    ${textField(ctx, ['translations', 'sv', 'title'], t('ed.titleSv'), { optional: true, wide: true })}
    ${textField(ctx, ['translations', 'sv', 'description'], t('ed.descriptionSv'), { optional: true, multiline: true, wide: true })}
    ${textField(ctx, ['translations', 'sv', 'question'], t('ed.questionSv'), { optional: true, wide: true })}
    ${textField(ctx, ['translations', 'sv', 'lookAt'], t('ed.lookAtSv'), { optional: true, wide: true })}
  </div>`;
}

export function simulationSection(ctx: FieldContext) {
  return html`<div class="grid">
    ${textField(ctx, ['simulation', 'start'], t('ed.firstMonth'), { placeholder: t('ed.yyyymm'), unit: t('ed.yyyymm') })} ${numberField(ctx, ['simulation', 'years'], t('ed.yearsLabel'), { unit: t('ed.yearsUnit') })}
    ${numberField(ctx, ['simulation', 'replications'], t('ed.replications'), { unit: t('ed.replicationsUnit') })}
    ${numberField(ctx, ['simulation', 'seed'], t('ed.seed'), { help: t('ed.seedHelp') })}
  </div>
  ${leftovers(ctx, 'simulation')}`;
}

export function populationSection(ctx: FieldContext) {
  const providers = rows(ctx, ['providers']);
  const primaryCare = choicesOf(providers, (p) => p.type === 'primary-care');
  return html`<div class="grid">
      ${numberField(ctx, ['population', 'size'], t('ed.peopleSimulated'), { unit: t('ed.people') })}
      ${selectField(
        ctx,
        ['population', 'ages'],
        t('ed.ageMix'),
        [
          ['sweden', t('ed.sweden')],
          ['elderly-65plus', t('ed.elderly')],
        ],
        { optional: true, placeholder: t('ed.defaultAllAges') },
      )}
      ${numberField(ctx, ['population', 'frailtySigma'], t('ed.frailty'), { optional: true, unit: t('ed.sigmaLog'), help: t('ed.frailtyHelp') })}
    </div>
    <h3>${t('ed.municipalities')}</h3>
    ${tableEditor(
      ctx,
      ['population', 'municipalities'],
      t('ed.municipalities'),
      [
        { key: 'id', label: t('ed.id'), kind: 'text' },
        { key: 'name', label: t('ed.name'), kind: 'text' },
        { key: 'share', label: t('ed.shareOfPeople'), kind: 'number', unit: '0–1' },
      ],
      () => ({ id: `m${rows(ctx, ['population', 'municipalities']).length + 1}`, name: t('ed.newMunicipality'), share: 0 }),
    )}
    <h3>${t('ed.listingTitle')}</h3>
    ${tableEditor(
      ctx,
      ['population', 'listing'],
      t('ed.listing'),
      [
        { key: 'provider', label: t('ed.primaryCareCentre'), kind: 'select', choices: primaryCare },
        { key: 'share', label: t('ed.shareListed'), kind: 'number', unit: '0–1' },
      ],
      () => ({ provider: primaryCare[0]?.[0] ?? '', share: 0 }),
    )}
    ${leftovers(ctx, 'population')}`;
}

const TYPE_LABELS: Record<string, () => string> = {
  hospital: () => t('ed.hospital'),
  'primary-care': () => t('ed.primaryCareCentre'),
  'home-health': () => t('ed.homeHealth'),
  'home-care': () => t('ed.homeCare'),
  'nursing-home': () => t('ed.nursingHome'),
  'short-term-care': () => t('ed.shortTerm'),
};
const PAYER_KIND_LABELS: Record<string, () => string> = { region: () => t('ed.kindRegion'), municipality: () => t('ed.kindMunicipality'), state: () => t('ed.kindState') };

export function payersSection(ctx: FieldContext) {
  return html`${tableEditor(
    ctx,
    ['payers'],
    t('ed.payers'),
    [
      { key: 'id', label: t('ed.id'), kind: 'text' },
      { key: 'name', label: t('ed.name'), kind: 'text' },
      { key: 'kind', label: t('ed.kind'), kind: 'select', choices: PAYER_KINDS.map((k) => [k, PAYER_KIND_LABELS[k]?.() ?? k]) },
    ],
    () => ({ id: `payer-${rows(ctx, ['payers']).length + 1}`, name: t('ed.newPayer'), kind: 'municipality' }),
  )}`;
}

export function providersSection(ctx: FieldContext) {
  const payers = choicesOf(rows(ctx, ['payers']));
  return html`${tableEditor(
    ctx,
    ['providers'],
    t('ed.providers'),
    [
      { key: 'id', label: t('ed.id'), kind: 'text' },
      { key: 'name', label: t('ed.name'), kind: 'text' },
      { key: 'type', label: t('ed.type'), kind: 'select', choices: PROVIDER_TYPES.map((type) => [type, TYPE_LABELS[type]?.() ?? type]) },
      { key: 'principal', label: t('ed.ownedBy'), kind: 'select', choices: payers },
      { key: 'places', label: t('ed.places'), kind: 'number', unit: t('ed.beds'), optional: true },
      { key: 'fixedCostPerYear', label: t('ed.fixedCost'), kind: 'number', unit: t('ed.krPerYear'), optional: true },
    ],
    () => ({ id: `provider-${rows(ctx, ['providers']).length + 1}`, name: t('ed.newProvider'), type: 'primary-care', principal: payers[0]?.[0] ?? '' }),
  )}`;
}

export function poolsSection(ctx: FieldContext) {
  const providers = choicesOf(rows(ctx, ['providers']));
  const pools = rows(ctx, ['pools']);
  return html`${pools.map(
      (pool, i) => html`<div class="subcard" data-path=${`pools[${i}]`}>
        <div class="grid">
          ${textField(ctx, ['pools', i, 'id'], t('ed.id'))} ${textField(ctx, ['pools', i, 'name'], t('ed.name'))}
          ${selectField(ctx, ['pools', i, 'sharing'], t('ed.sharingRule'), [
            ['equal', t('ed.equalShares')],
            ['by-cost', t('ed.byCost')],
            ['by-activity', t('ed.byActivity')],
          ])}
        </div>
        ${multiField(ctx, ['pools', i, 'members'], t('ed.members'), providers, { wide: true })}
        <button class="quiet danger" @click=${() => ctx.set(['pools'], pools.filter((_, j) => j !== i))} aria-label=${t('ed.removePoolX', { id: String(pool.id ?? i + 1) })}>${t('ed.removePool')}</button>
      </div>`,
    )}
    <button @click=${() => ctx.set(['pools'], [...pools, { id: `pool-${pools.length + 1}`, name: t('ed.newPool'), members: [], sharing: 'equal' }])}>${t('ed.addPool')}</button>
    ${leftovers(ctx, 'pools')}`;
}

export function careSection(ctx: FieldContext) {
  const providers = rows(ctx, ['providers']);
  const coordination = getIn(ctx.json, ['care', 'coordination']);
  return html`<div class="grid">
      ${selectField(
        ctx,
        ['care', 'evidence'],
        t('ed.effectSizes'),
        [
          ['controlled-trials', t('ed.trials')],
          ['local-follow-ups', t('ed.followUps')],
        ],
        { optional: true, placeholder: t('ed.default') },
      )}
      ${numberField(ctx, ['care', 'substitution'], t('ed.substitution'), { optional: true, help: t('ed.substitutionHelp') })}
    </div>
    <h3>${t('levers.effortGroup')}</h3>
    <p class="help">${t('ed.effortHelp')} ${coordination && typeof coordination === 'object' ? '' : t('ed.noEffort')}</p>
    <div class="grid">
      ${providers.map((p) => {
        const id = String(p.id ?? '');
        const value = getIn(ctx.json, ['care', 'coordination', id]);
        return value !== undefined && typeof value !== 'number'
          ? html`<p class="help">${t('ed.effortPerGroup', { name: String(p.name ?? id), count: NEED_GROUPS.length })}</p>`
          : numberField(ctx, ['care', 'coordination', id], String(p.name ?? id), { optional: true, unit: '0–1' });
      })}
    </div>
    ${leftovers(ctx, 'care')}`;
}
