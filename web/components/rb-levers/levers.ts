/**
 * Which numbers of a scenario are levers: prices, amounts, targets and caps of each payment
 * component (and the numeric parameters of model references), and the coordination effort put in.
 */
import type { JsonObject } from '../../state/library.js';
import type { JsonPath } from '../../state/json-path.js';
import { getIn } from '../../state/json-path.js';
import type { MessageKey } from '../../i18n/index.js';
import { CATALOGUES, t, locale } from '../../i18n/index.js';
import { localText, parameterText } from '../../../src/scenario/texts.js';
import { MODELS } from '../../state/models.js';
import { KINDS_DESCRIBED as KIND_DESCRIPTIONS } from '../../state/kinds.js';
import { UNIT_TEXT } from '../../../src/payment/kinds/kind.js';
import type { ComponentKind } from '../../../src/scenario/types.js';

export interface Lever {
  path: JsonPath;
  group: string;
  label: string;
  unit: string;
  value: number;
  /** A share or effort in [0, 1]; otherwise kronor or counts, ranged around the first value seen. */
  bounded: boolean;
  /** Bounds a payment model declares for its parameter. */
  min?: number;
  max?: number;
}

type Raw = Record<string, unknown>;

function numeric(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A message when the catalogue has one for this key (parameter names and units of the models). */
function known(key: string): string | undefined {
  return key in CATALOGUES.en ? t(key as MessageKey) : undefined;
}

function componentLevers(c: Raw, i: number): Lever[] {
  const name = typeof c.label === 'string' ? c.label : typeof c.id === 'string' ? c.id : t('levers.component', { n: i + 1 });
  const at = (key: string): JsonPath => ['payment', 'components', i, key];
  const out: Lever[] = [];
  const push = (key: string, label: string, unit: string, bounded = false) => numeric(c[key]) && out.push({ path: at(key), group: name, label, unit, value: c[key] as number, bounded });
  if (typeof c.model === 'string') {
    const params = (c.parameters ?? {}) as Raw;
    const model = MODELS[c.model];
    const group = model ? `${localText(model, 'title', locale()) ?? model.title} · ${name}` : name;
    for (const [key, spec] of Object.entries(model?.parameters ?? {})) {
      const value = params[key] ?? spec.default;
      if (!numeric(value)) continue;
      const description = parameterText(model, key, locale()) ?? spec.description;
      const label = known(`param.${key}`) ?? (description.length <= 48 ? description : key[0].toUpperCase() + key.slice(1).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
      const unit = spec.unit ? (known(`munit.${spec.unit}`) ?? spec.unit) : '';
      out.push({ path: ['payment', 'components', i, 'parameters', key], group, label, unit, value, bounded: spec.max === 1 && (spec.min ?? 0) === 0, min: spec.min, max: spec.max });
    }
    return out;
  }
  // The kind's own levers, named and measured as its description says (src/payment/kinds/).
  const description = KIND_DESCRIPTIONS[c.kind as ComponentKind];
  for (const field of description?.fields ?? []) {
    if (!field.lever) continue;
    const lang = locale();
    const unit = field.unitBy ? (field.unitBy.units[String(c[field.unitBy.key] ?? false)] ?? field.unit) : field.unit;
    const label = (field.labelWhen && c[field.labelWhen.key] === true ? field.labelWhen.label : field.label)?.[lang] ?? field.key;
    push(field.key, label, unit === undefined ? '' : UNIT_TEXT[unit][lang], unit === 'share');
  }
  push('cap', t('levers.cap'), t('levers.krPerPeriod'));
  return out;
}

/**
 * The levers of a scenario, in the order a reader meets them.
 * @example leversOf(json).map((l) => l.label)
 */
export function leversOf(json: JsonObject): Lever[] {
  const components = (getIn(json, ['payment', 'components']) ?? []) as Raw[];
  const levers = Array.isArray(components) ? components.flatMap((c, i) => (c && typeof c === 'object' ? componentLevers(c, i) : [])) : [];
  const coordination = getIn(json, ['care', 'coordination']);
  const providers = (Array.isArray(json.providers) ? json.providers : []) as Raw[];
  if (coordination && typeof coordination === 'object') {
    for (const [id, value] of Object.entries(coordination as Raw)) {
      if (!numeric(value)) continue;
      const provider = providers.find((p) => p.id === id);
      levers.push({ path: ['care', 'coordination', id], group: t('levers.effortGroup'), label: typeof provider?.name === 'string' ? provider.name : id, unit: t('levers.effortUnit'), value, bounded: true });
    }
  }
  return levers;
}

/**
 * The slider's lowest value: the range's, moved up by less than a step so that the current value
 * lies on the slider's grid — the browser snaps a value off the grid (3 528 kr shown as 3 520),
 * and a key press then moves from the exact value by whole steps.
 */
export function sliderMin(min: number, value: number, step: number): number {
  if (value <= min || !(step > 0)) return Math.min(min, value);
  const offset = (value - min) % step;
  // Within rounding of the grid already: keep the range's own minimum.
  return offset < step * 1e-9 || step - offset < step * 1e-9 ? min : min + offset;
}
