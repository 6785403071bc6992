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

const SHARE_INDICATORS = new Set(['carePlanShare', 'readmissionRate', 'patientCoordination', 'adlIndependentShare', 'directToStrokeUnitShare']);

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
  switch (c.kind) {
    case 'fixed':
      push('amount', t('levers.amount'), c.basis === 'lump' ? t('levers.krPerYear') : c.basis === 'per-place' ? t('levers.krPerPlaceYear') : t('levers.krPerPersonYear'));
      break;
    case 'variable':
      if (c.pricing === 'cost') push('price', t('levers.shareOfCost'), '0–1', true);
      else push('price', t('levers.price'), c.pricing === 'drg' ? t('levers.krPerDrg') : t('levers.krPerUnit'));
      break;
    case 'goal':
      push('amount', c.deduction ? t('levers.deduction') : t('levers.bonus'), c.perPerson ? t('levers.krPerPersonYear') : t('levers.krPerPeriod'));
      push('target', t('levers.target'), SHARE_INDICATORS.has(String(c.indicator)) ? t('levers.shareUnit') : t('levers.perPersonYear'), SHARE_INDICATORS.has(String(c.indicator)));
      break;
    case 'episode':
    case 'value':
      push('price', t('levers.packagePrice'), t('levers.krPerEpisode'));
      break;
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

