/**
 * Which numbers of a scenario are levers: prices, amounts, targets and caps of each payment
 * component (and the numeric parameters of model references), and the coordination effort put in.
 */
import type { JsonObject } from '../../state/library.js';
import type { JsonPath } from '../../state/json-path.js';
import { getIn } from '../../state/json-path.js';
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

function componentLevers(c: Raw, i: number): Lever[] {
  const name = typeof c.label === 'string' ? c.label : typeof c.id === 'string' ? c.id : `component ${i + 1}`;
  const at = (key: string): JsonPath => ['payment', 'components', i, key];
  const out: Lever[] = [];
  const push = (key: string, label: string, unit: string, bounded = false) => numeric(c[key]) && out.push({ path: at(key), group: name, label, unit, value: c[key] as number, bounded });
  if (typeof c.model === 'string') {
    const params = (c.parameters ?? {}) as Raw;
    const model = MODELS[c.model];
    const group = model ? `${model.title} · ${name}` : name;
    for (const [key, spec] of Object.entries(model?.parameters ?? {})) {
      const value = params[key] ?? spec.default;
      if (!numeric(value)) continue;
      const label = spec.description.length <= 48 ? spec.description : key[0].toUpperCase() + key.slice(1).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      out.push({ path: ['payment', 'components', i, 'parameters', key], group, label, unit: spec.unit ?? '', value, bounded: spec.max === 1 && (spec.min ?? 0) === 0, min: spec.min, max: spec.max });
    }
    return out;
  }
  switch (c.kind) {
    case 'fixed':
      push('amount', 'Amount', c.basis === 'lump' ? 'kr per year' : c.basis === 'per-place' ? 'kr per place-year' : 'kr per person-year');
      break;
    case 'variable':
      if (c.pricing === 'cost') push('price', 'Share of cost paid', '0–1', true);
      else push('price', 'Price', c.pricing === 'drg' ? 'kr per DRG point' : 'kr per unit');
      break;
    case 'goal':
      push('amount', c.deduction ? 'Deduction at zero attainment' : 'Bonus at full attainment', c.perPerson ? 'kr per person-year' : 'kr per settlement period');
      push('target', 'Target', SHARE_INDICATORS.has(String(c.indicator)) ? 'share, 0–1' : 'per person-year', SHARE_INDICATORS.has(String(c.indicator)));
      break;
    case 'episode':
    case 'value':
      push('price', 'Package price', 'kr per episode');
      break;
  }
  push('cap', 'Cap', 'kr per settlement period');
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
      levers.push({ path: ['care', 'coordination', id], group: 'Coordination effort put in', label: typeof provider?.name === 'string' ? provider.name : id, unit: 'effort, 0–1', value, bounded: true });
    }
  }
  return levers;
}

