/**
 * The payment design: model references expanded, then every component checked — the fields all
 * kinds share here, each kind's own in validate-component-kinds.ts — and the rules that span
 * components (unique ids, one episode window per need group).
 */
import { GROUP_IDS, JOINT_SERVICES, type NeedGroupId, type ServiceId } from '../domain.js';
import { PERSON_WEIGHT_NAMES, PERSON_WEIGHT_RANGES } from '../formula/sandbox.js';
import { indexPath, keyPath } from './issues.js';
import { expandReference, isModelReference, type ExpandedComponent } from './models.js';
import { formulaNames } from '../payment/kinds/fields.js';
import { checkWithhold } from '../payment/kinds/withhold.js';
import { KINDS, KIND_NAMES } from '../payment/kinds/registry.js';
import { isObject, type JsonObject, type Reader, typeName } from './validate-core.js';
import { msg, type Message } from '../messages/index.js';
import { PARTICIPANTS, type ScenarioIndex } from './validate-parties.js';
import type { ComponentKind, PaymentModel } from './types.js';

const COMMON_KEYS = {
  required: ['id', 'kind', 'payer', 'payee'],
  optional: ['label', 'description', 'source', 'modification', 'groups', 'weight', 'start', 'end', 'settlement', 'timing', 'cap', 'floor', 'stopLoss', 'riskCorridor', 'withhold'],
} as const;
/** Keys each kind adds to the common ones, from the kinds' own descriptions. */
const KIND_KEYS = Object.fromEntries(
  KIND_NAMES.map((k) => {
    const fields = KINDS[k].description.fields;
    return [k, { required: fields.filter((f) => f.required).map((f) => f.key), optional: fields.filter((f) => !f.required).map((f) => f.key) }];
  }),
) as unknown as Record<ComponentKind, { required: readonly string[]; optional: readonly string[] }>;
const COMPONENT_KINDS = KIND_NAMES;
const ALL_KIND_KEYS = [...new Set(COMPONENT_KINDS.flatMap((k) => [...KIND_KEYS[k].required, ...KIND_KEYS[k].optional]))];
const PAYER_SHARE_KEYS = { required: ['payer', 'share'] } as const;

/** Months simulated, as month numbers (year × 12 + month − 1), when the settings are valid. */
export interface SimulationWindow {
  start: number;
  end: number;
}

interface ComponentInfo {
  id: string | undefined;
  path: string;
  windowMonths: number | undefined;
  groups: readonly NeedGroupId[];
}

function monthText(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

function keySpec(kind: ComponentKind | undefined) {
  const own = kind === undefined ? { required: [], optional: ALL_KIND_KEYS } : KIND_KEYS[kind];
  return {
    required: [...COMMON_KEYS.required, ...own.required],
    optional: [...COMMON_KEYS.optional, ...own.optional],
    misplaced: (key: string): Message | undefined => {
      const owners = COMPONENT_KINDS.filter((k) => KIND_KEYS[k].required.includes(key) || KIND_KEYS[k].optional.includes(key));
      return owners.length === 0 ? undefined : msg('misplacedKey', { key, kinds: owners, kind: String(kind) });
    },
  };
}

function checkPayer(r: Reader, value: unknown, path: string, index: ScenarioIndex): void {
  if (typeof value === 'string') {
    r.reference(value, path, index.payers, 'payer');
    return;
  }
  if (!Array.isArray(value)) {
    if (value !== undefined) r.issues.error(path, 'notPayerOrList', { got: typeName(value) });
    return;
  }
  if (value.length === 0) r.issues.error(path, 'notEmpty', {});
  const seen: string[] = [];
  const shares = value.map((item, i) => {
    const at = indexPath(path, i);
    const entry = r.object(item, at, PAYER_SHARE_KEYS);
    if (entry === undefined) return undefined;
    const payer = r.reference(entry.payer, keyPath(at, 'payer'), index.payers, 'payer');
    if (payer !== undefined && seen.includes(payer)) r.issues.error(keyPath(at, 'payer'), 'listedTwice', { id: payer });
    if (payer !== undefined) seen.push(payer);
    return r.share(entry.share, keyPath(at, 'share'));
  });
  if (value.length > 0 && shares.every((s) => s !== undefined)) r.sumsToOne(shares as number[], path);
}

function checkPayee(r: Reader, c: JsonObject, path: string, index: ScenarioIndex, services: readonly ServiceId[]): void {
  const payee = r.string(c.payee, path);
  if (payee === undefined) return;
  if (payee === PARTICIPANTS) {
    // Only a kind paying per unit names services; 'participants' are paid for joint ones alone.
    const joint = services.length > 0 && services.every((s) => JOINT_SERVICES.includes(s));
    if (!joint) r.issues.error(path, 'participantsOnlyJoint', { name: PARTICIPANTS, services: JOINT_SERVICES });
  } else if (index.payers.includes(payee)) {
    r.issues.error(path, 'payeeIsPayer', { payee });
  } else {
    r.reference(payee, path, [...index.providers.keys(), ...index.pools.keys()], 'provider or pool');
  }
}

function checkGroups(r: Reader, value: unknown, path: string): readonly NeedGroupId[] {
  const list = r.array(value, path, { nonEmpty: true });
  if (list === undefined) return GROUP_IDS;
  const groups: NeedGroupId[] = [];
  list.forEach((item, i) => {
    const group = r.oneOf(item, indexPath(path, i), GROUP_IDS);
    if (group !== undefined && groups.includes(group)) r.issues.error(indexPath(path, i), 'listedTwice', { id: group });
    else if (group !== undefined) groups.push(group);
  });
  return groups;
}

function checkContractTerms(r: Reader, c: JsonObject, path: string, window: SimulationWindow | undefined): void {
  const start = r.month(c.start, keyPath(path, 'start'));
  const end = r.month(c.end, keyPath(path, 'end'));
  if (start !== undefined && end !== undefined && end <= start) {
    r.issues.error(keyPath(path, 'end'), 'endBeforeStart', { start: monthText(start), end: monthText(end) });
  } else if (window !== undefined && end !== undefined && end <= window.start) {
    r.issues.warn(keyPath(path, 'end'), 'endsBeforeSimulation', { start: monthText(window.start) });
  } else if (window !== undefined && start !== undefined && start >= window.end) {
    r.issues.warn(keyPath(path, 'start'), 'startsAfterSimulation', { end: monthText(window.end) });
  }
  r.oneOf(c.modification, keyPath(path, 'modification'), ['weighting', 'direct', 'aggregation']);
  r.oneOf(c.settlement, keyPath(path, 'settlement'), ['month', 'quarter', 'year']);
  r.oneOf(c.timing, keyPath(path, 'timing'), ['prospective', 'retrospective']);
  const cap = r.number(c.cap, keyPath(path, 'cap'), { min: 0 });
  const floor = r.number(c.floor, keyPath(path, 'floor'), { min: 0 });
  if (cap !== undefined && floor !== undefined && cap < floor) {
    r.issues.error(keyPath(path, 'cap'), 'capBelowFloor', { floor, got: cap });
  }
  const stopLossPath = keyPath(path, 'stopLoss');
  const stopLoss = r.object(c.stopLoss, stopLossPath, { required: ['threshold', 'share'] });
  if (stopLoss !== undefined) {
    r.number(stopLoss.threshold, keyPath(stopLossPath, 'threshold'), { min: 0 });
    r.share(stopLoss.share, keyPath(stopLossPath, 'share'));
  }
  const corridorPath = keyPath(path, 'riskCorridor');
  const corridor = r.object(c.riskCorridor, corridorPath, { required: ['band', 'share'] });
  if (corridor !== undefined) {
    r.number(corridor.band, keyPath(corridorPath, 'band'), { min: 0 });
    r.share(corridor.share, keyPath(corridorPath, 'share'));
  }
  checkWithhold(r, c.withhold, keyPath(path, 'withhold'));
}

function checkComponent(r: Reader, value: unknown, path: string, index: ScenarioIndex, window: SimulationWindow | undefined): ComponentInfo | undefined {
  if (!isObject(value)) {
    r.object(value, path);
    return undefined;
  }
  const kind = r.oneOf(value.kind, keyPath(path, 'kind'), COMPONENT_KINDS);
  r.keys(value, path, keySpec(kind));
  const id = r.id(value.id, keyPath(path, 'id'));
  for (const key of ['label', 'description', 'source']) r.string(value[key], keyPath(path, key));
  checkPayer(r, value.payer, keyPath(path, 'payer'), index);
  const groups = checkGroups(r, value.groups, keyPath(path, 'groups'));
  formulaNames(r, value.weight, keyPath(path, 'weight'), PERSON_WEIGHT_NAMES, { ranges: PERSON_WEIGHT_RANGES, weight: true });
  checkContractTerms(r, value, path, window);
  const facts = kind === undefined ? { services: [] } : KINDS[kind].check(r, value, path, index);
  if (kind !== undefined) {
    for (const key of Object.keys(value)) {
      const refusal = KINDS[kind].refuses(value, key);
      if (refusal !== undefined) r.issues.errorMessage(keyPath(path, key), refusal);
    }
  }
  checkPayee(r, value, keyPath(path, 'payee'), index, facts.services);
  return { id, path, windowMonths: facts.windowMonths, groups };
}

/** Episodes of one need group share one window, or a person's episode would have two ends. */
function checkEpisodeWindows(r: Reader, components: readonly ComponentInfo[]): void {
  const windowOf = new Map<NeedGroupId, ComponentInfo>();
  for (const component of components) {
    if (component.windowMonths === undefined) continue;
    const clashes = component.groups.filter((g) => {
      const first = windowOf.get(g);
      if (first === undefined) windowOf.set(g, component);
      return first !== undefined && first.windowMonths !== component.windowMonths;
    });
    if (clashes.length === 0) continue;
    const first = windowOf.get(clashes[0]) as ComponentInfo;
    r.issues.error(keyPath(component.path, 'windowMonths'), 'episodeWindowClash', {
      groups: clashes,
      months: first.windowMonths as number,
      path: first.path,
      id: String(first.id),
    });
  }
}

/**
 * Check `payment` after expanding model references; returns the expanded component list.
 * @example validatePayment(reader, json.payment, index, models, undefined)?.length // 5
 */
export function validatePayment(
  r: Reader,
  payment: unknown,
  index: ScenarioIndex,
  models: Record<string, PaymentModel>,
  window: SimulationWindow | undefined,
): unknown[] | undefined {
  const design = r.object(payment, 'payment', { required: ['components'] });
  const list = r.array(design?.components, 'payment.components', { nonEmpty: true });
  if (list === undefined) return undefined;
  const expanded: ExpandedComponent[] = [];
  const infos: ComponentInfo[] = [];
  list.forEach((entry, i) => {
    const at = indexPath('payment.components', i);
    // Expanded and checked entry by entry, so problems are reported in the order of the file.
    for (const item of isModelReference(entry) ? expandReference(r, entry, at, models) : [{ component: entry, path: at }]) {
      expanded.push(item);
      const info = checkComponent(r, item.component, item.path, index, window);
      if (info !== undefined) infos.push(info);
    }
  });
  const seen = new Map<string, string>();
  for (const info of infos) {
    if (info.id === undefined) continue;
    const first = seen.get(info.id);
    if (first !== undefined) r.issues.error(keyPath(info.path, 'id'), 'duplicateComponentId', { id: String(info.id), first });
    else seen.set(info.id, info.path);
  }
  checkEpisodeWindows(r, infos);
  return expanded.map((e) => e.component);
}
