/**
 * Form fields bound to a path in the scenario JSON. Each shows the validator's messages for its
 * own path next to it; a field never loses what was typed (text that is not yet a number is kept
 * as text, and the validator says why it is wrong).
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Issue } from '../../../src/scenario/issues.js';
import type { FormulaKind } from '../../engine/protocol.js';
import type { JsonObject } from '../../state/library.js';
import type { JsonPath } from '../../state/json-path.js';
import { getIn, pathText } from '../../state/json-path.js';
import { issueText, t } from '../../i18n/index.js';

export interface FieldContext {
  json: JsonObject;
  /** Validator issues by path (errors first, then warnings). */
  issues: Map<string, Issue[]>;
  warnings: Map<string, Issue[]>;
  /** Paths that a field has shown; issues left over are shown by their section. */
  claimed: Set<string>;
  set(path: JsonPath, value: unknown): void;
  /** What the user typed in a number field, while it differs from the stored number ('1.' for 1). */
  typed: Map<string, string>;
}

export interface FieldOptions {
  unit?: string;
  help?: string;
  /** Empty means absent (optional fields); otherwise empty text is kept and flagged. */
  optional?: boolean;
  wide?: boolean;
  placeholder?: string;
}

/** A DOM id from a path. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** Issues and warnings of one path, shown under its control. */
function messages(ctx: FieldContext, path: string, id: string) {
  ctx.claimed.add(path);
  const errors = ctx.issues.get(path) ?? [];
  const warnings = ctx.warnings.get(path) ?? [];
  if (errors.length === 0 && warnings.length === 0) return html`<div id="${id}-msg"></div>`;
  return html`<div id="${id}-msg" role="alert">
    ${errors.map((i) => html`<p class="issue">${issueText(i)}</p>`)} ${warnings.map((i) => html`<p class="warning">${t('ed.warning')} ${issueText(i)}</p>`)}
  </div>`;
}

function wrap(ctx: FieldContext, path: string, label: string, control: (id: string, invalid: boolean) => TemplateResult, options: FieldOptions) {
  const id = fieldId(path);
  const invalid = (ctx.issues.get(path) ?? []).length > 0;
  return html`<div class="field ${options.wide ? 'wide' : ''}" data-path=${path}>
    <label for=${id}>${label}${options.unit ? html` <span class="unit">(${options.unit})</span>` : nothing}</label>
    ${control(id, invalid)} ${options.help ? html`<p class="help">${options.help}</p>` : nothing} ${messages(ctx, path, id)}
  </div>`;
}

export function textField(ctx: FieldContext, path: JsonPath, label: string, options: FieldOptions & { multiline?: boolean } = {}) {
  const p = pathText(path);
  const value = getIn(ctx.json, path);
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  const onInput = (e: Event) => {
    const v = (e.target as HTMLInputElement).value;
    ctx.set(path, v === '' && options.optional ? undefined : v);
  };
  return wrap(
    ctx,
    p,
    label,
    (id, invalid) =>
      options.multiline
        ? html`<textarea id=${id} rows="3" .value=${text} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby="${id}-msg" @input=${onInput}></textarea>`
        : html`<input id=${id} type="text" .value=${text} placeholder=${options.placeholder ?? ''} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby="${id}-msg" @input=${onInput} />`,
    options,
  );
}

/**
 * Text to a number if it reads as one ('1 000', '1,000', '0.5', '2e6'); otherwise the text itself.
 * @example readNumber('1 000') // 1000
 */
export function readNumber(text: string): number | string {
  const clean = text.trim().replace(/[\s\u00a0\u202f_,]/g, '');
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(clean)) return Number(clean);
  return text;
}

export function numberField(ctx: FieldContext, path: JsonPath, label: string, options: FieldOptions = {}) {
  const p = pathText(path);
  const value = getIn(ctx.json, path);
  const typed = ctx.typed.get(p);
  const stored = value === undefined ? '' : typeof value === 'number' ? String(value) : String(value);
  // Keep the typed text while it still means the stored number ('0.' while typing '0.5').
  const text = typed !== undefined && (readNumber(typed) === value || typed === value) ? typed : stored;
  const onInput = (e: Event) => {
    const raw = (e.target as HTMLInputElement).value;
    ctx.typed.set(p, raw);
    if (raw.trim() === '') ctx.set(path, options.optional ? undefined : '');
    else ctx.set(path, readNumber(raw));
  };
  return wrap(
    ctx,
    p,
    label,
    (id, invalid) =>
      html`<input
        id=${id}
        class="number"
        type="text"
        inputmode="decimal"
        .value=${text}
        placeholder=${options.placeholder ?? (options.optional ? t('ed.none') : '')}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby="${id}-msg"
        @input=${onInput}
        @blur=${() => ctx.typed.delete(p)}
      />`,
    options,
  );
}

export function selectField(ctx: FieldContext, path: JsonPath, label: string, choices: readonly (readonly [string, string])[], options: FieldOptions = {}) {
  const p = pathText(path);
  const value = getIn(ctx.json, path);
  const current = typeof value === 'string' ? value : '';
  const known = choices.some(([v]) => v === current);
  return wrap(
    ctx,
    p,
    label,
    (id, invalid) =>
      html`<select id=${id} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby="${id}-msg" @change=${(e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        ctx.set(path, v === '' ? undefined : v);
      }}>
        ${options.optional || current === '' ? html`<option value="" ?selected=${current === ''}>${options.placeholder ?? '—'}</option>` : nothing}
        ${!known && current !== '' ? html`<option value=${current} selected>${current} (unknown)</option>` : nothing}
        ${choices.map(([v, text]) => html`<option value=${v} ?selected=${v === current}>${text}</option>`)}
      </select>`,
    options,
  );
}

export function monthField(ctx: FieldContext, path: JsonPath, label: string, options: FieldOptions = {}) {
  return textField(ctx, path, label, { placeholder: t('ed.yyyymm'), ...options });
}

export function checkField(ctx: FieldContext, path: JsonPath, label: string, options: FieldOptions = {}) {
  const p = pathText(path);
  const id = fieldId(p);
  const value = getIn(ctx.json, path) === true;
  return html`<div class="field check" data-path=${p}>
    <label><input id=${id} type="checkbox" .checked=${value} @change=${(e: Event) => ctx.set(path, (e.target as HTMLInputElement).checked ? true : undefined)} /> ${label}</label>
    ${options.help ? html`<p class="help">${options.help}</p>` : nothing} ${messages(ctx, p, id)}
  </div>`;
}

/**
 * A set of choices stored as a list (or, with `single`, as one string when one is picked).
 * Nothing picked stores nothing (`emptyMeans` says what that means).
 */
export function multiField(
  ctx: FieldContext,
  path: JsonPath,
  label: string,
  choices: readonly (readonly [string, string])[],
  options: FieldOptions & { single?: boolean; emptyMeans?: string } = {},
) {
  const p = pathText(path);
  const raw = getIn(ctx.json, path);
  const picked = new Set(Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : []);
  const toggle = (v: string, on: boolean) => {
    const next = choices.map(([c]) => c).filter((c) => (c === v ? on : picked.has(c)));
    ctx.set(path, next.length === 0 ? undefined : options.single && next.length === 1 ? next[0] : next);
  };
  const id = fieldId(p);
  return html`<fieldset class="field multi wide" data-path=${p} aria-describedby="${id}-msg">
    <legend>${label}${options.emptyMeans && picked.size === 0 ? html` <span class="unit">(${options.emptyMeans})</span>` : nothing}</legend>
    <div class="choices">
      ${choices.map(([v, text]) => html`<label><input type="checkbox" .checked=${picked.has(v)} @change=${(e: Event) => toggle(v, (e.target as HTMLInputElement).checked)} /> ${text}</label>`)}
    </div>
    ${messages(ctx, p, id)}
  </fieldset>`;
}

export function formulaField(ctx: FieldContext, path: JsonPath, label: string, kind: FormulaKind) {
  const p = pathText(path);
  ctx.claimed.add(p);
  const value = getIn(ctx.json, path);
  return html`<div class="field wide" data-path=${p}>
    <rb-formula-field
      label=${label}
      kind=${kind}
      path=${p}
      .value=${typeof value === 'string' ? value : ''}
      .issues=${ctx.issues.get(p) ?? []}
      @rb-formula-input=${(e: CustomEvent<{ value: string }>) => ctx.set(path, e.detail.value === '' ? undefined : e.detail.value)}
    ></rb-formula-field>
  </div>`;
}

/** Issues under `prefix` that no field showed: a section shows them at its top. */
export function leftovers(ctx: FieldContext, prefix: string) {
  const left: (Issue & { warning?: boolean })[] = [];
  for (const [path, list] of ctx.issues) {
    if (ctx.claimed.has(path)) continue;
    if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`) || path.startsWith(`${prefix}(`)) {
      left.push(...list);
      ctx.claimed.add(path);
    }
  }
  for (const [path, list] of ctx.warnings) {
    if (ctx.claimed.has(path)) continue;
    if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) left.push(...list.map((w) => ({ ...w, warning: true })));
  }
  if (left.length === 0) return nothing;
  return html`<div class="section-issues" role="alert">
    ${left.map((i) => html`<p class=${i.warning ? 'warning' : 'issue'}>${i.warning ? `${t('ed.warning')} ` : ''}<code>${i.path}</code>: ${issueText(i)}</p>`)}
  </div>`;
}
