/**
 * A kind's list of quality measures (goal indicators with a target and an optional baseline),
 * as shared savings, target prices and withholds score quality: one row per indicator, add and
 * remove, each number with its unit from the indicator.
 */
import { html } from 'lit';
import { UNIT_TEXT } from '../../../src/payment/kinds/kind.js';
import { KINDS_DESCRIBED } from '../../state/kinds.js';
import { getIn, pathText } from '../../state/json-path.js';
import type { JsonPath } from '../../state/json-path.js';
import { locale, t } from '../../i18n/index.js';
import type { FieldContext } from './fields.js';
import { numberField, selectField } from './fields.js';

type Row = Record<string, unknown>;

/** The indicators and their names in the page's language, from the goal kind's description (the worker's). */
function indicatorChoices(): [string, string][] {
  const field = KINDS_DESCRIBED.goal?.fields.find((f) => f.key === 'indicator');
  return (field?.values ?? []).map((id) => [id, field?.valueLabels?.[id]?.[locale()] ?? id]);
}

/** An indicator's unit, as the goal kind's target field gives it. */
function unitOf(indicator: unknown): string | undefined {
  const u = KINDS_DESCRIBED.goal?.fields.find((f) => f.key === 'target')?.unitBy?.units[String(indicator)];
  return u === undefined ? undefined : UNIT_TEXT[u][locale()];
}

/** The list editor. @example html`${qualityField(ctx, [...at, 'quality'], label, help)}` */
export function qualityField(ctx: FieldContext, path: JsonPath, label: string, help: string) {
  const value = getIn(ctx.json, path);
  const measures = (Array.isArray(value) ? value : []) as Row[];
  return html`<fieldset class="field wide" data-path=${pathText(path)}>
    <legend>${label}</legend>
    <p class="help">${help}</p>
    ${measures.map(
      (m, j) => html`<div class="inline">
        ${selectField(ctx, [...path, j, 'indicator'], t('ed.indicator'), indicatorChoices())}
        ${numberField(ctx, [...path, j, 'target'], t('ed.target'), { unit: unitOf(m.indicator) })}
        ${numberField(ctx, [...path, j, 'baseline'], t('ed.baseline'), { unit: unitOf(m.indicator), optional: true })}
        <button class="quiet danger" @click=${() => ctx.set(path, measures.length > 1 ? measures.filter((_, k) => k !== j) : undefined)} aria-label=${`${t('ed.remove')} ${j + 1}`}>${t('ed.remove')}</button>
      </div>`,
    )}
    <button class="quiet" @click=${() => ctx.set(path, [...measures, { indicator: 'readmissionRate', target: 0.1 }])}>+ ${t('ed.indicator')}</button>
  </fieldset>`;
}
