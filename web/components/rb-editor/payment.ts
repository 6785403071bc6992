/**
 * The payment design: a card per component with its kind, payer, payee or pool, rates,
 * weighting, direct compensation, aggregation, dates, caps and stop-loss; model references
 * with their parameters.
 */
import { html, nothing } from 'lit';
import { NEED_GROUPS, SERVICES } from '../../../src/domain.js';
import { MODELS } from '../../state/models.js';
import type { JsonObject } from '../../state/library.js';
import { getIn, pathText } from '../../state/json-path.js';
import type { FieldContext } from './fields.js';
import { checkField, formulaField, leftovers, monthField, multiField, numberField, selectField, textField } from './fields.js';
import { choicesOf } from './sections.js';
import { qualityField } from './quality.js';
import { t, locale } from '../../i18n/index.js';
import { plainHelp } from '../../format.js';
import { KINDS_DESCRIBED as KIND_DESCRIPTIONS } from '../../state/kinds.js';
import { UNIT_TEXT } from '../../../src/payment/kinds/kind.js';
import type { FieldDescription } from '../../../src/payment/kinds/kind.js';
import type { ComponentKind } from '../../../src/scenario/types.js';
import type { MessageKey } from '../../i18n/index.js';
import { en } from '../../i18n/en.js';
import { localText, parameterText } from '../../../src/scenario/texts.js';

type Row = Record<string, unknown>;


/** A component's kind as a short tag in the page's language; an unknown kind as written. */
function kindTag(kind: unknown): string {
  const key = `ed.kindTag.${String(kind)}`;
  return key in en ? t(key as MessageKey) : String(kind ?? '');
}

/** Every kind, named in the page's language from its description (src/payment/kinds/). */
const KINDS = (): [string, string][] => Object.values(KIND_DESCRIPTIONS).map((d) => [d.kind, d.label[locale()]]);

const SERVICE_CHOICES = () => SERVICES.map((s) => [s.id, s.name[locale()]] as const);
const GROUP_CHOICES = () => NEED_GROUPS.map((g) => [g.id, `${g.number}. ${t(`group.${g.id}`)}`] as const);
/** A new component of a kind, paid by the first payer to the first provider. */
export function newComponent(kind: string, json: JsonObject, n: number): Row {
  const payers = (Array.isArray(json.payers) ? json.payers : []) as Row[];
  const providers = (Array.isArray(json.providers) ? json.providers : []) as Row[];
  const base = { id: `${kind}-${n}`, payer: String(payers[0]?.id ?? ''), payee: String(providers[0]?.id ?? '') };
  const description = KIND_DESCRIPTIONS[kind as ComponentKind];
  if (description) return { ...base, kind, ...structuredClone(description.template) };
  const model = Object.values(MODELS)[0];
  return { model: model?.id ?? '', id: `model-${n}`, parameters: {} };
}

/** Keeps what every kind shares when the kind changes, and starts the rest afresh. */
function changeKind(c: Row, kind: string, json: JsonObject, n: number): Row {
  const fresh = newComponent(kind, json, n);
  const keep = ['id', 'label', 'description', 'source', 'modification', 'payer', 'payee', 'groups', 'start', 'end', 'settlement', 'timing', 'cap', 'floor'];
  return { ...fresh, ...Object.fromEntries(keep.filter((k) => c[k] !== undefined).map((k) => [k, c[k]])) };
}

function payerField(ctx: FieldContext, at: (string | number)[], c: Row) {
  const payers = choicesOf((ctx.json.payers ?? []) as Row[]);
  const shared = Array.isArray(c.payer);
  const p = [...at, 'payer'];
  if (!shared) {
    return html`${selectField(ctx, p, t('ed.payer'), payers)}
      <button class="quiet" @click=${() => ctx.set(p, [{ payer: String(c.payer ?? payers[0]?.[0] ?? ''), share: 0.5 }, { payer: payers[1]?.[0] ?? '', share: 0.5 }])}>${t('ed.shareCost')}</button>`;
  }
  const shares = c.payer as Row[];
  return html`<fieldset class="field wide" data-path=${pathText(p)}>
    <legend>${t('ed.payersSharing')} <span class="unit">${t('ed.sharesSum')}</span></legend>
    ${shares.map(
      (_, j) => html`<div class="inline">
        ${selectField(ctx, [...p, j, 'payer'], t('ed.payerN', { n: j + 1 }), payers)} ${numberField(ctx, [...p, j, 'share'], t('ed.shareN', { n: j + 1 }), { unit: '0–1' })}
        <button class="quiet danger" @click=${() => ctx.set(p, shares.filter((__, k) => k !== j))} aria-label=${t('ed.removePayerN', { n: j + 1 })}>${t('ed.remove')}</button>
      </div>`,
    )}
    <button class="quiet" @click=${() => ctx.set(p, [...shares, { payer: payers[0]?.[0] ?? '', share: 0 }])}>${t('ed.addPayer')}</button>
    <button class="quiet" @click=${() => ctx.set(p, String(shares[0]?.payer ?? payers[0]?.[0] ?? ''))}>${t('ed.onePayer')}</button>
  </fieldset>`;
}

function optionalPair(ctx: FieldContext, at: (string | number)[], key: 'stopLoss' | 'riskCorridor', c: Row) {
  const on = c[key] !== undefined;
  const label = key === 'stopLoss' ? t('ed.stopLoss') : t('ed.corridor');
  const [a, b] = key === 'stopLoss' ? (['threshold', 'share'] as const) : (['band', 'share'] as const);
  return html`<fieldset class="field wide" data-path=${pathText([...at, key])}>
    <legend><label><input type="checkbox" .checked=${on} @change=${(e: Event) => ctx.set([...at, key], (e.target as HTMLInputElement).checked ? (key === 'stopLoss' ? { threshold: 200000, share: 0.8 } : { band: 0.05, share: 0.5 }) : undefined)} /> ${label}</label></legend>
    ${on
      ? html`<div class="inline">
          ${key === 'stopLoss'
            ? numberField(ctx, [...at, key, a], t('ed.threshold'), { unit: t('ed.krPerPersonYearPayee') })
            : numberField(ctx, [...at, key, a], t('ed.band'), { unit: t('ed.shareRevenue') })}
          ${numberField(ctx, [...at, key, b], key === 'stopLoss' ? t('ed.coversAbove') : t('ed.takesBeyond'), { unit: '0–1' })}
        </div>`
      : nothing}
  </fieldset>`;
}

/** The unit a field shows: its own, or the one its deciding field's value gives. */
function unitOf(field: FieldDescription, c: Row): string | undefined {
  const unit = field.unitBy ? (field.unitBy.units[String(c[field.unitBy.key] ?? false)] ?? field.unit) : field.unit;
  return unit === undefined ? undefined : UNIT_TEXT[unit][locale()];
}

/** A kind's own fields, each drawn from its description: control, label, unit and help in the page's language. */
function kindFields(ctx: FieldContext, at: (string | number)[], c: Row) {
  const description = KIND_DESCRIPTIONS[c.kind as ComponentKind];
  if (!description) return nothing;
  const lang = locale();
  return description.fields.map((field) => {
    if (field.showWhen && !field.showWhen.values.includes(c[field.showWhen.key])) return nothing;
    const path = [...at, field.key];
    const label = (field.labelWhen && c[field.labelWhen.key] === true ? field.labelWhen.label : field.label)?.[lang] ?? field.key;
    const options = { optional: !field.required, unit: unitOf(field, c), help: field.help[lang] };
    switch (field.type) {
      case 'number':
      case 'integer':
        return numberField(ctx, path, label, options);
      case 'boolean':
        return checkField(ctx, path, label);
      case 'choice': {
        const choices = (field.values ?? []).map((v) => [v, field.valueLabels?.[v]?.[lang] ?? v] as const);
        return selectField(ctx, path, label, choices, field.required ? {} : { optional: true, placeholder: t('ed.default') });
      }
      case 'services':
        return multiField(ctx, path, label, SERVICE_CHOICES(), { single: field.key === 'service', wide: true });
      case 'formula':
        return formulaField(ctx, path, label, 'curve');
      case 'outcomes':
        return valueOutcomes(ctx, at, c);
      case 'quality':
        return qualityField(ctx, path, label, field.help[lang]);
      case 'providers':
        return multiField(ctx, path, label, choicesOf((ctx.json.providers ?? []) as Row[]), { ...options, wide: true, emptyMeans: t('ed.default') });
    }
  });
}

/** A component's withhold (src/payment/kinds/withhold.ts): off, or a share and the indicators that return it. */
function withholdField(ctx: FieldContext, at: (string | number)[], c: Row) {
  const on = c.withhold !== undefined;
  const p = [...at, 'withhold'];
  return html`<fieldset class="field wide" data-path=${pathText(p)}>
    <legend><label><input type="checkbox" .checked=${on} @change=${(e: Event) => ctx.set(p, (e.target as HTMLInputElement).checked ? { share: 0.03, quality: [{ indicator: 'carePlanShare', target: 0.4 }] } : undefined)} /> ${t('ed.withhold')}</label></legend>
    ${on
      ? html`<p class="help">${t('ed.withholdHelp')}</p>
          ${numberField(ctx, [...p, 'share'], t('ed.withheldShare'), { unit: '0–1' })} ${qualityField(ctx, [...p, 'quality'], t('ed.qualityIndicators'), t('ed.qualityHelp'))}`
      : nothing}
  </fieldset>`;
}

function valueOutcomes(ctx: FieldContext, at: (string | number)[], c: Row) {
  const outcomes = (Array.isArray(c.outcomes) ? c.outcomes : []) as Row[];
  const p = [...at, 'outcomes'];
  return html`<fieldset class="field wide" data-path=${pathText(p)}>
    <legend>${t('ed.outcomeAdjustments')}</legend>
    ${outcomes.map(
      (_, j) => html`<div class="inline">
        ${selectField(ctx, [...p, j, 'indicator'], t('ed.outcome'), [
          ['adlIndependent', t('ed.adl')],
          ['directToStrokeUnit', t('ed.direct')],
        ])}
        ${numberField(ctx, [...p, j, 'reference'], t('ed.referenceShare'), { unit: '0–1' })} ${numberField(ctx, [...p, j, 'valuePerPoint'], t('ed.value'), { unit: t('ed.krPerPoint') })}
        <button class="quiet danger" @click=${() => ctx.set(p, outcomes.filter((__, k) => k !== j))} aria-label=${t('ed.removeOutcomeN', { n: j + 1 })}>${t('ed.remove')}</button>
      </div>`,
    )}
    <button class="quiet" @click=${() => ctx.set(p, [...outcomes, { indicator: 'adlIndependent', reference: 0.6, valuePerPoint: 0 }])}>${t('ed.addOutcome')}</button>
  </fieldset>`;
}

function modelFields(ctx: FieldContext, at: (string | number)[], c: Row, payees: [string, string][]) {
  const model = MODELS[String(c.model)];
  const params = (c.parameters && typeof c.parameters === 'object' ? c.parameters : {}) as Row;
  const payers = choicesOf((ctx.json.payers ?? []) as Row[]);
  return html`${selectField(
      ctx,
      [...at, 'model'],
      t('ed.paymentModel'),
      Object.values(MODELS).map((m) => [m.id, localText(m, 'title', locale()) ?? m.title]),
    )}
    ${textField(ctx, [...at, 'id'], t('ed.idPrefix'))}
    ${model
      ? html`<p class="help wide">${plainHelp(localText(model, 'description', locale()))} <em>${t('ed.sourceX', { source: model.source })}</em></p>
          ${Object.entries(model.parameters).map(([name, spec]) => {
            const path = [...at, 'parameters', name];
            const given = params[name];
            const current = given ?? spec.default;
            const fallback = spec.default === undefined ? undefined : typeof spec.default === 'object' ? JSON.stringify(spec.default) : String(spec.default);
            const label = `${name[0].toUpperCase()}${name.slice(1)}`;
            const help = plainHelp(parameterText(model, name, locale()) ?? spec.description);
            const options = { unit: spec.unit, help, optional: spec.default !== undefined, placeholder: fallback === undefined ? undefined : t('ed.defaultX', { value: fallback }) };
            if (name === 'payer' && (typeof current === 'string' || current === undefined)) return selectField(ctx, path, label, payers, options);
            if (name === 'payee' && (typeof current === 'string' || current === undefined)) return selectField(ctx, path, label, payees, options);
            if (/^(service|services|includedServices)$/.test(name)) return multiField(ctx, path, label, SERVICE_CHOICES(), { ...options, single: name === 'service', emptyMeans: fallback ? t('ed.defaultX', { value: fallback }) : undefined });
            if (typeof current === 'number' || spec.min !== undefined || spec.max !== undefined) return numberField(ctx, path, label, options);
            if (typeof current === 'string' || current === undefined) return textField(ctx, path, label, options);
            return html`<div class="field"><span class="label">${label}</span><p class="help">${help}. ${t('ed.setInFile', { value: JSON.stringify(current) })}</p></div>`;
          })}`
      : nothing}`;
}

function componentCard(ctx: FieldContext, c: Row, i: number, count: number) {
  const at = ['payment', 'components', i];
  const p = pathText(at);
  const list = (getIn(ctx.json, ['payment', 'components']) ?? []) as Row[];
  const isModel = 'model' in c;
  const providers = (ctx.json.providers ?? []) as Row[];
  const pools = (ctx.json.pools ?? []) as Row[];
  const payees: [string, string][] = [...choicesOf(providers), ...choicesOf(pools).map(([v, text]): [string, string] => [v, t('ed.poolX', { name: text })]), ['participants', t('ed.participants')]];
  const move = (to: number) => {
    const next = list.slice();
    const [item] = next.splice(i, 1);
    next.splice(to, 0, item);
    ctx.set(['payment', 'components'], next);
  };
  const title = `${i + 1}. ${String(c.label ?? c.id ?? t('ed.component'))}`;
  // Fields first, so the card's leftover messages know which paths a field already shows.
  const body = isModel
    ? html`<div class="grid">${modelFields(ctx, at, c, payees)}</div>`
    : html`<div class="grid">
          ${selectField({ ...ctx, set: (_path, kind) => ctx.set(at, changeKind(c, String(kind), ctx.json, i + 1)) }, [...at, 'kind'], t('ed.kind'), KINDS())} ${textField(ctx, [...at, 'id'], t('ed.id'))} ${textField(ctx, [...at, 'label'], t('ed.label'), { optional: true })}
          ${selectField(
            ctx,
            [...at, 'modification'],
            t('ed.modification'),
            [
              ['weighting', t('ed.weighting')],
              ['direct', t('ed.directComp')],
              ['aggregation', t('ed.aggregation')],
            ],
            { optional: true, placeholder: t('ed.none') },
          )}
          ${payerField(ctx, at, c)} ${selectField(ctx, [...at, 'payee'], t('ed.paidTo'), payees)}
        </div>
        <div class="grid">${kindFields(ctx, at, c)}</div>
        <details ?open=${['weight', 'groups', 'start', 'end', 'settlement', 'timing', 'cap', 'floor', 'stopLoss', 'riskCorridor', 'withhold'].some((k) => c[k] !== undefined)}>
          <summary>${t('ed.details')}</summary>
          <div class="grid">
            ${multiField(ctx, [...at, 'groups'], t('ed.onlyGroups'), GROUP_CHOICES(), { wide: true, emptyMeans: t('ed.nonePicked') })}
            ${formulaField(ctx, [...at, 'weight'], t('ed.weight'), 'weight')} ${monthField(ctx, [...at, 'start'], t('ed.paysFrom'), { optional: true, unit: t('ed.yyyymm') })}
            ${monthField(ctx, [...at, 'end'], t('ed.stopsFrom'), { optional: true, unit: t('ed.yyyymm') })}
            ${selectField(
              ctx,
              [...at, 'settlement'],
              t('ed.settledEvery'),
              [
                ['month', t('ed.month')],
                ['quarter', t('ed.quarter')],
                ['year', t('ed.year')],
              ],
              { optional: true, placeholder: t('ed.defaultMonth') },
            )}
            ${selectField(
              ctx,
              [...at, 'timing'],
              t('ed.timing'),
              [
                ['prospective', t('ed.prospective')],
                ['retrospective', t('ed.retrospective')],
              ],
              { optional: true, placeholder: t('ed.default') },
            )}
            ${numberField(ctx, [...at, 'cap'], t('ed.cap'), { optional: true, unit: t('ed.krPerPeriod') })} ${numberField(ctx, [...at, 'floor'], t('ed.floor'), { optional: true, unit: t('ed.krPerPeriod') })}
            ${optionalPair(ctx, at, 'stopLoss', c)} ${optionalPair(ctx, at, 'riskCorridor', c)} ${withholdField(ctx, at, c)}
            ${textField(ctx, [...at, 'description'], t('ed.description'), { optional: true, multiline: true, wide: true })} ${textField(ctx, [...at, 'source'], t('ed.source'), { optional: true, wide: true })}
          </div>
        </details>`;
  return html`<article class="component" data-path=${p} aria-label=${t('ed.componentX', { title })}>
    <header>
      <h3>${title} <span class="kind">${isModel ? t('ed.modelX', { model: String(c.model) }) : kindTag(c.kind)}</span></h3>
      <div class="tools">
        <button class="quiet" ?disabled=${i === 0} @click=${() => move(i - 1)} aria-label=${t('ed.moveUp', { title })}>↑</button>
        <button class="quiet" ?disabled=${i === count - 1} @click=${() => move(i + 1)} aria-label=${t('ed.moveDown', { title })}>↓</button>
        <button class="quiet" @click=${() => ctx.set(['payment', 'components'], [...list.slice(0, i + 1), { ...structuredClone(c), id: `${String(c.id ?? 'component')}-copy` }, ...list.slice(i + 1)])} aria-label=${t('library.duplicateX', { name: title })}>${t('library.duplicate')}</button>
        <button class="quiet danger" @click=${() => ctx.set(['payment', 'components'], list.filter((_, j) => j !== i))} aria-label=${t('ed.removeX', { name: title })}>${t('ed.remove')}</button>
      </div>
    </header>
    ${body} ${leftovers(ctx, p)}
  </article>`;
}

export function paymentSection(ctx: FieldContext, onAdd: (kind: string) => void) {
  const list = (getIn(ctx.json, ['payment', 'components']) ?? []) as Row[];
  const components = Array.isArray(list) ? list : [];
  return html`${components.map((c, i) => (c && typeof c === 'object' ? componentCard(ctx, c, i, components.length) : nothing))}
    <div class="add-component">
      <label for="new-kind">${t('ed.addComponent')}</label>
      <select id="new-kind">
        ${KINDS().map(([k, text]) => html`<option value=${k}>${text}</option>`)}
        ${Object.keys(MODELS).length > 0 ? html`<option value="model">${t('ed.fromModel')}</option>` : nothing}
      </select>
      <button class="primary" @click=${(e: Event) => onAdd(((e.target as HTMLElement).parentElement!.querySelector('select') as HTMLSelectElement).value)}>${t('ed.add')}</button>
    </div>
    ${leftovers(ctx, 'payment')}`;
}
