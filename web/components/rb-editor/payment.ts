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

type Row = Record<string, unknown>;


const KINDS: [string, string][] = [
  ['fixed', 'Fixed (budget, capitation, per place)'],
  ['variable', 'Variable (fee per activity, DRG, cost)'],
  ['goal', 'Goal-based (bonus or deduction)'],
  ['episode', 'Episode (package price)'],
  ['value', 'Value-based (package adjusted by outcomes)'],
];

const SERVICE_LABELS: Record<string, string> = {
  primaryVisit: 'Primary care visit',
  specialistVisit: 'Specialist visit',
  edVisit: 'ED visit',
  admission: 'Admission',
  readmission: 'Readmission',
  homeHealthVisit: 'Home health visit',
  homeCareHour: 'Home care hour',
  nursingHomeDay: 'Nursing home day',
  shortTermStay: 'Short-term stay',
  sipMeeting: 'Joint care plan (SIP) meeting',
  dischargePlanning: 'Joint discharge planning',
  mobileTeamVisit: 'Mobile team visit',
  careCoachContact: 'Care coach contact',
};
const SERVICE_CHOICES = SERVICES.map((s) => [s.id, SERVICE_LABELS[s.id] ?? s.id] as const);
const GROUP_CHOICES = NEED_GROUPS.map((g) => [g.id, `${g.number}. ${g.label}`] as const);
const INDICATORS: [string, string][] = [
  ['carePlanShare', 'Share with a joint care plan'],
  ['readmissionRate', 'Readmission rate (30 days)'],
  ['patientCoordination', 'Coordination as patients experience it'],
  ['avoidableAdmissionRate', 'Avoidable admissions per person-year'],
  ['edVisitRate', 'ED visits per person-year'],
  ['adlIndependentShare', 'Share ADL-independent at 3 months'],
  ['directToStrokeUnitShare', 'Share admitted directly to the stroke unit'],
];

/** A new component of a kind, paid by the first payer to the first provider. */
export function newComponent(kind: string, json: JsonObject, n: number): Row {
  const payers = (Array.isArray(json.payers) ? json.payers : []) as Row[];
  const providers = (Array.isArray(json.providers) ? json.providers : []) as Row[];
  const base = { id: `${kind}-${n}`, payer: String(payers[0]?.id ?? ''), payee: String(providers[0]?.id ?? '') };
  switch (kind) {
    case 'fixed':
      return { ...base, kind, basis: 'per-person', amount: 0 };
    case 'variable':
      return { ...base, kind, service: 'primaryVisit', pricing: 'fee', price: 0 };
    case 'goal':
      return { ...base, kind, indicator: 'readmissionRate', target: 0.1, amount: 0, settlement: 'year' };
    case 'episode':
      return { ...base, kind, trigger: 'admission', price: 0, windowMonths: 3, includedServices: ['admission', 'readmission'] };
    case 'value':
      return { ...base, kind, trigger: 'admission', price: 0, windowMonths: 3, includedServices: ['admission', 'readmission'], outcomes: [{ indicator: 'adlIndependent', reference: 0.6, valuePerPoint: 0 }] };
    default: {
      const model = Object.values(MODELS)[0];
      return { model: model?.id ?? '', id: `model-${n}`, parameters: {} };
    }
  }
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
    return html`${selectField(ctx, p, 'Payer', payers)}
      <button class="quiet" @click=${() => ctx.set(p, [{ payer: String(c.payer ?? payers[0]?.[0] ?? ''), share: 0.5 }, { payer: payers[1]?.[0] ?? '', share: 0.5 }])}>Share the cost between payers…</button>`;
  }
  const shares = c.payer as Row[];
  return html`<fieldset class="field wide" data-path=${pathText(p)}>
    <legend>Payers sharing the cost <span class="unit">(shares sum to 1)</span></legend>
    ${shares.map(
      (_, j) => html`<div class="inline">
        ${selectField(ctx, [...p, j, 'payer'], `Payer ${j + 1}`, payers)} ${numberField(ctx, [...p, j, 'share'], `Share ${j + 1}`, { unit: '0–1' })}
        <button class="quiet danger" @click=${() => ctx.set(p, shares.filter((__, k) => k !== j))} aria-label="Remove payer ${j + 1}">Remove</button>
      </div>`,
    )}
    <button class="quiet" @click=${() => ctx.set(p, [...shares, { payer: payers[0]?.[0] ?? '', share: 0 }])}>+ Add a payer</button>
    <button class="quiet" @click=${() => ctx.set(p, String(shares[0]?.payer ?? payers[0]?.[0] ?? ''))}>One payer only</button>
  </fieldset>`;
}

function optionalPair(ctx: FieldContext, at: (string | number)[], key: 'stopLoss' | 'riskCorridor', c: Row) {
  const on = c[key] !== undefined;
  const label = key === 'stopLoss' ? 'Stop-loss (outlier protection)' : 'Risk corridor';
  const [a, b] = key === 'stopLoss' ? (['threshold', 'share'] as const) : (['band', 'share'] as const);
  return html`<fieldset class="field wide" data-path=${pathText([...at, key])}>
    <legend><label><input type="checkbox" .checked=${on} @change=${(e: Event) => ctx.set([...at, key], (e.target as HTMLInputElement).checked ? (key === 'stopLoss' ? { threshold: 200000, share: 0.8 } : { band: 0.05, share: 0.5 }) : undefined)} /> ${label}</label></legend>
    ${on
      ? html`<div class="inline">
          ${key === 'stopLoss'
            ? numberField(ctx, [...at, key, a], 'Threshold', { unit: 'kr per person-year at the payee' })
            : numberField(ctx, [...at, key, a], 'Band', { unit: 'share of revenue, ±' })}
          ${numberField(ctx, [...at, key, b], key === 'stopLoss' ? 'Share the payer covers above it' : 'Share the payer takes or covers beyond it', { unit: '0–1' })}
        </div>`
      : nothing}
  </fieldset>`;
}

function kindFields(ctx: FieldContext, at: (string | number)[], c: Row) {
  const f = (key: string) => [...at, key];
  switch (c.kind) {
    case 'fixed':
      return html`${selectField(ctx, f('basis'), 'Basis', [
        ['lump', 'Lump sum per year (budget, grant)'],
        ['per-person', 'Per person-year (capitation)'],
        ['per-place', 'Per place-year'],
      ])}
      ${numberField(ctx, f('amount'), 'Amount', { unit: c.basis === 'lump' ? 'kr per year' : c.basis === 'per-place' ? 'kr per place-year' : 'kr per person-year' })}
      ${c.basis === 'per-person'
        ? selectField(
            ctx,
            f('population'),
            'Which people count',
            [
              ['listed', 'Those listed with the payee'],
              ['served', 'Everyone the payee serves'],
            ],
            { optional: true, placeholder: 'default' },
          )
        : nothing}`;
    case 'variable':
      return html`${multiField(ctx, f('service'), 'Services paid for', SERVICE_CHOICES, { single: true, wide: true })}
      ${selectField(ctx, f('pricing'), 'Pricing', [
        ['fee', 'Fee per unit'],
        ['drg', 'DRG price per point (prospective per case)'],
        ['cost', 'Share of the payee’s cost'],
      ])}
      ${numberField(ctx, f('price'), 'Price', { unit: c.pricing === 'drg' ? 'kr per DRG point' : c.pricing === 'cost' ? 'share of cost, 0–1' : 'kr per unit' })}`;
    case 'goal':
      return html`${selectField(ctx, f('indicator'), 'Indicator', INDICATORS)} ${numberField(ctx, f('target'), 'Target')}
      ${numberField(ctx, f('baseline'), 'Baseline', { optional: true, help: 'The indicator before the contract.' })}
      ${numberField(ctx, f('amount'), c.deduction ? 'Deduction at zero attainment' : 'Bonus at full attainment', { unit: c.perPerson ? 'kr per person-year' : 'kr per settlement period' })}
      ${checkField(ctx, f('perPerson'), 'Amount is per person-year')} ${checkField(ctx, f('deduction'), 'A deduction (the payee pays back what it misses)')}
      ${selectField(
        ctx,
        f('scope'),
        'Measured over',
        [
          ['payee', 'The payee’s own patients'],
          ['system', 'The whole system (aggregation)'],
        ],
        { optional: true, placeholder: 'default (payee)' },
      )}
      ${formulaField(ctx, f('curve'), 'Attainment curve (optional; default: 1 when the target is met)', 'curve')}`;
    case 'episode':
    case 'value':
      return html`${numberField(ctx, f('price'), 'Package price', { unit: 'kr per episode' })} ${numberField(ctx, f('windowMonths'), 'Window', { unit: 'months' })}
        ${selectField(ctx, f('trigger'), 'Starts with', [['admission', 'An admission']])}
        ${multiField(ctx, f('includedServices'), 'Services the package covers', SERVICE_CHOICES, { wide: true })} ${c.kind === 'value' ? valueOutcomes(ctx, at, c) : nothing}`;
    default:
      return nothing;
  }
}

function valueOutcomes(ctx: FieldContext, at: (string | number)[], c: Row) {
  const outcomes = (Array.isArray(c.outcomes) ? c.outcomes : []) as Row[];
  const p = [...at, 'outcomes'];
  return html`<fieldset class="field wide" data-path=${pathText(p)}>
    <legend>Outcome adjustments</legend>
    ${outcomes.map(
      (_, j) => html`<div class="inline">
        ${selectField(ctx, [...p, j, 'indicator'], 'Outcome', [
          ['adlIndependent', 'ADL-independent at 3 months'],
          ['directToStrokeUnit', 'Direct to stroke unit'],
        ])}
        ${numberField(ctx, [...p, j, 'reference'], 'Reference share', { unit: '0–1' })} ${numberField(ctx, [...p, j, 'valuePerPoint'], 'Value', { unit: 'kr per episode per percentage point' })}
        <button class="quiet danger" @click=${() => ctx.set(p, outcomes.filter((__, k) => k !== j))} aria-label="Remove outcome ${j + 1}">Remove</button>
      </div>`,
    )}
    <button class="quiet" @click=${() => ctx.set(p, [...outcomes, { indicator: 'adlIndependent', reference: 0.6, valuePerPoint: 0 }])}>+ Add an outcome</button>
  </fieldset>`;
}

function modelFields(ctx: FieldContext, at: (string | number)[], c: Row, payees: [string, string][]) {
  const model = MODELS[String(c.model)];
  const params = (c.parameters && typeof c.parameters === 'object' ? c.parameters : {}) as Row;
  const payers = choicesOf((ctx.json.payers ?? []) as Row[]);
  return html`${selectField(
      ctx,
      [...at, 'model'],
      'Payment model',
      Object.values(MODELS).map((m) => [m.id, m.title]),
    )}
    ${textField(ctx, [...at, 'id'], 'Id prefix')}
    ${model
      ? html`<p class="help wide">${model.description} <em>Source: ${model.source}</em></p>
          ${Object.entries(model.parameters).map(([name, spec]) => {
            const path = [...at, 'parameters', name];
            const given = params[name];
            const current = given ?? spec.default;
            const fallback = spec.default === undefined ? undefined : typeof spec.default === 'object' ? JSON.stringify(spec.default) : String(spec.default);
            const label = `${name[0].toUpperCase()}${name.slice(1)}`;
            const options = { unit: spec.unit, help: spec.description, optional: spec.default !== undefined, placeholder: fallback === undefined ? undefined : `default: ${fallback}` };
            if (name === 'payer' && (typeof current === 'string' || current === undefined)) return selectField(ctx, path, label, payers, options);
            if (name === 'payee' && (typeof current === 'string' || current === undefined)) return selectField(ctx, path, label, payees, options);
            if (/^(service|services|includedServices)$/.test(name)) return multiField(ctx, path, label, SERVICE_CHOICES, { ...options, single: name === 'service', emptyMeans: fallback ? `default: ${fallback}` : undefined });
            if (typeof current === 'number' || spec.min !== undefined || spec.max !== undefined) return numberField(ctx, path, label, options);
            if (typeof current === 'string' || current === undefined) return textField(ctx, path, label, options);
            return html`<div class="field"><span class="label">${label}</span><p class="help">${spec.description}. Set in the file: ${JSON.stringify(current)}</p></div>`;
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
  const payees: [string, string][] = [...choicesOf(providers), ...choicesOf(pools).map(([v, t]): [string, string] => [v, `Pool: ${t}`]), ['participants', 'Each provider taking part (joint activities)']];
  const move = (to: number) => {
    const next = list.slice();
    const [item] = next.splice(i, 1);
    next.splice(to, 0, item);
    ctx.set(['payment', 'components'], next);
  };
  const title = `${i + 1}. ${String(c.label ?? c.id ?? 'component')}`;
  // Fields first, so the card's leftover messages know which paths a field already shows.
  const body = isModel
    ? html`<div class="grid">${modelFields(ctx, at, c, payees)}</div>`
    : html`<div class="grid">
          ${selectField({ ...ctx, set: (_path, kind) => ctx.set(at, changeKind(c, String(kind), ctx.json, i + 1)) }, [...at, 'kind'], 'Kind', KINDS)} ${textField(ctx, [...at, 'id'], 'Id')} ${textField(ctx, [...at, 'label'], 'Label', { optional: true })}
          ${selectField(
            ctx,
            [...at, 'modification'],
            'Coordination modification',
            [
              ['weighting', 'Weighting'],
              ['direct', 'Direct compensation'],
              ['aggregation', 'Aggregation'],
            ],
            { optional: true, placeholder: 'none' },
          )}
          ${payerField(ctx, at, c)} ${selectField(ctx, [...at, 'payee'], 'Paid to (provider or pool)', payees)}
        </div>
        <div class="grid">${kindFields(ctx, at, c)}</div>
        <details ?open=${['weight', 'groups', 'start', 'end', 'settlement', 'timing', 'cap', 'floor', 'stopLoss', 'riskCorridor'].some((k) => c[k] !== undefined)}>
          <summary>Weighting, dates, settlement, caps and stop-loss</summary>
          <div class="grid">
            ${multiField(ctx, [...at, 'groups'], 'Only these need groups count', GROUP_CHOICES, { wide: true, emptyMeans: 'none picked: everyone' })}
            ${formulaField(ctx, [...at, 'weight'], 'Weight per person (weighting; optional)', 'weight')} ${monthField(ctx, [...at, 'start'], 'Pays from', { optional: true, unit: 'YYYY-MM' })}
            ${monthField(ctx, [...at, 'end'], 'Stops paying from', { optional: true, unit: 'YYYY-MM' })}
            ${selectField(
              ctx,
              [...at, 'settlement'],
              'Settled every',
              [
                ['month', 'Month'],
                ['quarter', 'Quarter'],
                ['year', 'Year'],
              ],
              { optional: true, placeholder: 'default (month)' },
            )}
            ${selectField(
              ctx,
              [...at, 'timing'],
              'Timing',
              [
                ['prospective', 'Prospective (set beforehand from the forecast)'],
                ['retrospective', 'Retrospective (from what happened)'],
              ],
              { optional: true, placeholder: 'default' },
            )}
            ${numberField(ctx, [...at, 'cap'], 'Cap', { optional: true, unit: 'kr per settlement period' })} ${numberField(ctx, [...at, 'floor'], 'Floor', { optional: true, unit: 'kr per settlement period' })}
            ${optionalPair(ctx, at, 'stopLoss', c)} ${optionalPair(ctx, at, 'riskCorridor', c)}
            ${textField(ctx, [...at, 'description'], 'Description', { optional: true, multiline: true, wide: true })} ${textField(ctx, [...at, 'source'], 'Source', { optional: true, wide: true })}
          </div>
        </details>`;
  return html`<article class="component" data-path=${p} aria-label="Payment component ${title}">
    <header>
      <h3>${title} <span class="kind">${isModel ? `model: ${String(c.model)}` : String(c.kind ?? '')}</span></h3>
      <div class="tools">
        <button class="quiet" ?disabled=${i === 0} @click=${() => move(i - 1)} aria-label="Move ${title} up">↑</button>
        <button class="quiet" ?disabled=${i === count - 1} @click=${() => move(i + 1)} aria-label="Move ${title} down">↓</button>
        <button class="quiet" @click=${() => ctx.set(['payment', 'components'], [...list.slice(0, i + 1), { ...structuredClone(c), id: `${String(c.id ?? 'component')}-copy` }, ...list.slice(i + 1)])} aria-label="Duplicate ${title}">Duplicate</button>
        <button class="quiet danger" @click=${() => ctx.set(['payment', 'components'], list.filter((_, j) => j !== i))} aria-label="Remove ${title}">Remove</button>
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
      <label for="new-kind">Add a component</label>
      <select id="new-kind">
        ${KINDS.map(([k, t]) => html`<option value=${k}>${t}</option>`)}
        ${Object.keys(MODELS).length > 0 ? html`<option value="model">From a payment model (models/)</option>` : nothing}
      </select>
      <button class="primary" @click=${(e: Event) => onAdd(((e.target as HTMLElement).parentElement!.querySelector('select') as HTMLSelectElement).value)}>Add</button>
    </div>
    ${leftovers(ctx, 'payment')}`;
}
