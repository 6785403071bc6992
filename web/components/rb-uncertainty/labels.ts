/**
 * Names for what the uncertainty views show: measures (`measure/entity` keys of src/uncertainty/),
 * parameter paths, and values in their units, in the page's language. No model code: the page
 * bundle stays without the engine.
 */
import { compactKr, formatKr, formatNumber } from '../../format.js';
import type { MessageKey } from '../../i18n/index.js';
import { CATALOGUES, locale, t } from '../../i18n/index.js';
import { KINDS_DESCRIBED } from '../../state/kinds.js';
import { componentNames } from '../../state/labels.js';
import { MODELS } from '../../state/models.js';

type Json = Record<string, unknown>;

/** Ids of a scenario's payers and providers with their names. */
export function namesOf(json: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const list of [json?.payers, json?.providers]) {
    if (!Array.isArray(list)) continue;
    for (const item of list as { id?: unknown; name?: unknown }[]) if (typeof item?.id === 'string') out[item.id] = typeof item.name === 'string' ? item.name : item.id;
  }
  return out;
}

/** Measures counted in kronor. */
const MONEY = new Set(['spending', 'margin']);

/**
 * A key's measure and entity.
 * @example splitKey('margin/sjukhus') // ['margin', 'sjukhus']
 */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? [key, ''] : [key.slice(0, i), key.slice(i + 1)];
}

function has(key: string): key is MessageKey {
  return Object.hasOwn(CATALOGUES.en, key);
}

/**
 * A measure key as a reader says it.
 * @example measureLabel('margin/sjukhus', { sjukhus: 'Sjukhuset' }) // 'Margin of Sjukhuset'
 */
export function measureLabel(key: string, names: Record<string, string>): string {
  const [measure, entity] = splitKey(key);
  const group = `group.${entity}`;
  const who = names[entity] ?? (has(group) ? t(group) : entity === 'population' ? t('unc.population') : entity);
  const message = `unc.m.${measure}`;
  return has(message) ? t(message, { entity: who }) : key;
}

/**
 * A value of a measure in its unit.
 * @example formatMeasure('spending/region', 1234567) // '1.2 M kr'
 */
export function formatMeasure(key: string, value: number, compact = true): string {
  if (MONEY.has(splitKey(key)[0])) return compact ? compactKr(value) : formatKr(value);
  const a = Math.abs(value);
  return formatNumber(value, a >= 1000 ? 0 : a >= 10 ? 1 : 3);
}

/** A parameter value: kronor-sized numbers whole, shares with three decimals. */
export function formatParameter(value: number): string {
  const a = Math.abs(value);
  return formatNumber(value, a >= 1000 ? 0 : a >= 10 ? 1 : 3);
}

/**
 * A parameter path as a reader says it (the path itself where there is no better name).
 * @example parameterLabel('care.effects.rapid-onset.admission', json)
 */
export function parameterLabel(path: string, json: Json | undefined): string {
  const effect = /^care\.effects\.([\w-]+)\.(\w+)$/.exec(path);
  if (effect) {
    const [, group, service] = effect;
    const serviceKey = `unc.svc.${service}`;
    const groupKey = `group.${group}`;
    return t('unc.p.effect', { service: has(serviceKey) ? t(serviceKey) : service, group: has(groupKey) ? t(groupKey) : group });
  }
  const altruism = /^providers\[(\d+)\]\.behaviour\.altruism$/.exec(path);
  if (altruism) {
    const provider = (json?.providers as { name?: string; id?: string }[] | undefined)?.[Number(altruism[1])];
    return t('unc.p.altruism', { provider: provider?.name ?? provider?.id ?? altruism[1] });
  }
  const field = /^payment\.components\[(\d+)\]\.(?:parameters\.)?(\w+)$/.exec(path);
  const component = field ? ((json?.payment as { components?: Json[] } | undefined)?.components ?? [])[Number(field[1])] : undefined;
  if (field && component) {
    const names = componentNames(json, MODELS);
    const id = String(component.id);
    const name = names[id] ?? Object.entries(names).find(([k]) => k.startsWith(`${id}.`))?.[1] ?? id;
    // The field's name from the kinds' descriptions (a model's price is a kind's price).
    const kinds = Object.values(KINDS_DESCRIBED);
    const own = kinds.find((k) => k?.kind === component.kind)?.fields.find((f) => f.key === field[2]);
    const described = own ?? kinds.flatMap((k) => k?.fields ?? []).find((f) => f.key === field[2] && f.label);
    return t('unc.p.field', { field: described?.label?.[locale()] ?? field[2], component: name });
  }
  const response = /^response\.(\w+)$/.exec(path);
  if (response) return t('unc.p.response', { name: has(`unc.resp.${response[1]}`) ? t(`unc.resp.${response[1]}` as MessageKey) : response[1] });
  return path;
}

/**
 * A parameter's source for a reader: the file paths and catalogue keys it cites for the code's
 * authors left out.
 * @example readerSource('Hickson 1987 (src/care/response.ts; beta-PERT)') // 'Hickson 1987 (beta-PERT)'
 */
export function readerSource(text: string): string {
  return text
    .replace(/\bsrc\/[\w/.-]+(;\s*|\s*)/g, '')
    .replace(/,?\s*docs\/sources\.md(:\s*[\w-]+)?/g, '')
    .replace(/\s*\(\s*\)/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
