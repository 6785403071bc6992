/**
 * The scenario editor: every part of a scenario as a form, checked with the CLI's validator on
 * every change (its messages next to the field they are about), formulas checked as you type.
 * Every keystroke becomes the working scenario, kept in local storage and the URL.
 */
import { html, LitElement, nothing } from 'lit';
import type { Issue } from '../../../src/scenario/issues.js';
import type { Checked } from '../../engine/protocol.js';
import { emit } from '../../events.js';
import type { JsonObject } from '../../state/library.js';
import type { JsonPath } from '../../state/json-path.js';
import { getIn, setIn } from '../../state/json-path.js';
import type { FieldContext } from './fields.js';
import { fieldId, leftovers } from './fields.js';
import { newComponent, paymentSection } from './payment.js';
import { aboutSection, careSection, payersSection, poolsSection, populationSection, providersSection, simulationSection } from './sections.js';
import { LocaleController, issueText, locale, t } from '../../i18n/index.js';
import { localText } from '../../../src/scenario/texts.js';
import { styles } from './rb-editor.styles.js';

interface Section {
  id: string;
  title: string;
  prefixes: string[];
  body: (ctx: FieldContext) => unknown;
}

function byPath(issues: readonly Issue[]): Map<string, Issue[]> {
  const map = new Map<string, Issue[]>();
  for (const i of issues) map.set(i.path, [...(map.get(i.path) ?? []), i]);
  return map;
}

function under(path: string, prefixes: string[]): boolean {
  return prefixes.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`) || path.startsWith(`${p}(`));
}

export class RbEditor extends LitElement {
  static override styles = styles;
  static override properties = {
    json: { attribute: false },
    check: { attribute: false },
    canUndo: { type: Boolean },
    canRedo: { type: Boolean },
  };

  declare json: JsonObject | undefined;
  /** The validator's verdict on `json` (or on a moment before, while a new check runs). */
  declare check: Checked | undefined;
  declare canUndo: boolean;
  declare canRedo: boolean;

  private readonly typed = new Map<string, string>();
  /** The last scenario this editor sent: any other that arrives (an undo, another scenario) replaces what fields hold as typed. */
  private sent: JsonObject | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.json = undefined;
    this.check = undefined;
    this.canUndo = false;
    this.canRedo = false;
    this.addEventListener('keydown', (e) => this.onKey(e));
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('json') && this.json !== this.sent) this.typed.clear();
  }

  /** Ctrl+Z (⌘Z) undoes the last edit of the scenario, Ctrl+Shift+Z or Ctrl+Y redoes it — in a field too: every keystroke is an edit of the scenario. */
  private onKey(e: KeyboardEvent): void {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    const step = key === 'z' ? (e.shiftKey ? 'redo' : 'undo') : key === 'y' ? 'redo' : undefined;
    if (!step) return;
    e.preventDefault();
    emit(this, 'rb-history', { step });
  }

  private set(path: JsonPath, value: unknown): void {
    if (!this.json) return;
    const json = setIn(this.json, path, value);
    this.sent = json;
    // Keystrokes in one field undo together; a list grown or shrunk is a step of its own.
    const group = value !== null && typeof value === 'object' ? undefined : path.join('.');
    emit(this, 'rb-scenario-input', { json, group });
  }

  private add(kind: string): void {
    if (!this.json) return;
    const list = getIn(this.json, ['payment', 'components']);
    const components = Array.isArray(list) ? list : [];
    this.set(['payment', 'components'], [...components, newComponent(kind, this.json, components.length + 1)]);
  }

  /** Scroll to the field an issue is about (or the nearest part of the form that holds it) and focus it. */
  private async reveal(path: string): Promise<void> {
    const root = this.renderRoot;
    let target: Element | null = null;
    for (let p = path; p !== '' && !target; p = p.replace(/(\.[^.[(]+|\[\d+\]|\(.*)$/, '')) {
      target = root.querySelector(`[data-path="${CSS.escape(p)}"]`);
      if (p.replace(/(\.[^.[(]+|\[\d+\]|\(.*)$/, '') === p) break;
    }
    target ??= root.querySelector('.sections');
    const details = target?.closest('details');
    if (details && !details.open) {
      details.open = true;
      await this.updateComplete;
    }
    target?.scrollIntoView({ block: 'center' });
    const control = target?.querySelector<HTMLElement>('input, select, textarea') ?? root.querySelector<HTMLElement>(`#${fieldId(path)}`);
    control?.focus({ preventScroll: true });
  }

  private sections(): Section[] {
    return [
      { id: 'about', title: t('ed.about'), prefixes: ['id', 'title', 'description', 'question', 'lookAt', 'translations', 'sources', 'schemaVersion', 'scenario', ''], body: aboutSection },
      { id: 'simulation', title: t('ed.simulation'), prefixes: ['simulation'], body: simulationSection },
      { id: 'population', title: t('ed.population'), prefixes: ['population'], body: populationSection },
      { id: 'payers', title: t('ed.payers'), prefixes: ['payers'], body: payersSection },
      { id: 'providers', title: t('ed.providers'), prefixes: ['providers'], body: providersSection },
      { id: 'pools', title: t('ed.pools'), prefixes: ['pools'], body: poolsSection },
      { id: 'care', title: t('ed.care'), prefixes: ['care'], body: careSection },
      { id: 'payment', title: t('ed.payment'), prefixes: ['payment'], body: (ctx) => paymentSection(ctx, (kind) => this.add(kind)) },
    ];
  }

  private renderSummary(errors: readonly Issue[], warnings: readonly Issue[]) {
    if (!this.check) return html`<div class="card summary ok" role="status">${t('ed.checking')}</div>`;
    if (errors.length === 0) {
      return html`<div class="card summary ok" role="status">
        <strong>✓ ${t('ed.valid')}</strong> — ${t('ed.sameCheck')}.${warnings.length ? html` ${t('ed.warnings', { count: warnings.length })}` : nothing}
        ${warnings.length ? html`<ul>${warnings.map((w) => html`<li><button class="link" @click=${() => this.reveal(w.path)}>${w.path}</button>: ${issueText(w)}</li>`)}</ul>` : nothing}
      </div>`;
    }
    return html`<div class="card summary" role="alert">
      <strong>${t('ed.problems', { count: errors.length })}</strong>
      <ul>
        ${errors.map((i) => html`<li><button class="link" @click=${() => this.reveal(i.path)}>${i.path || t('ed.scenario')}</button>: ${issueText(i)}</li>`)}
      </ul>
    </div>`;
  }

  override render() {
    const json = this.json;
    if (!json) return nothing;
    const errors = this.check?.errors ?? [];
    const warnings = this.check?.warnings ?? [];
    const ctx: FieldContext = {
      json,
      issues: byPath(errors),
      warnings: byPath(warnings),
      claimed: new Set(),
      typed: this.typed,
      set: (path, value) => this.set(path, value),
    };
    const sections = this.sections();
    const count = (s: Section) => errors.filter((i) => under(i.path, s.prefixes.filter((p) => p !== ''))).length;
    // Sections render before the summary's leftovers, so fields claim their own messages first.
    const bodies = sections.map((s) => s.body(ctx));
    return html`
      <h1>${t('ed.editTitle', { title: localText(json, 'title', locale()) ?? t('ed.scenario') })}</h1>
      <div class="history" role="group" aria-label=${t('ed.history')}>
        <button type="button" ?disabled=${!this.canUndo} aria-keyshortcuts="Control+Z" title=${t('ed.undoKeys')} @click=${() => emit(this, 'rb-history', { step: 'undo' })}><span aria-hidden="true">↶</span> ${t('ed.undo')}</button>
        <button type="button" ?disabled=${!this.canRedo} aria-keyshortcuts="Control+Shift+Z Control+Y" title=${t('ed.redoKeys')} @click=${() => emit(this, 'rb-history', { step: 'redo' })}><span aria-hidden="true">↷</span> ${t('ed.redo')}</button>
      </div>
      <p class="muted">${t('ed.kept')}</p>
      <div class="layout">
        <nav class="toc card" aria-label=${t('ed.sections')}>
          <ul>
            ${sections.map((s) => {
              const n = count(s);
              return html`<li><a href="#${s.id}" @click=${(e: Event) => (e.preventDefault(), this.renderRoot.querySelector(`#${s.id}`)?.scrollIntoView())}>${s.title}${n ? html`<span class="count" aria-label=${t('ed.nProblems', { count: n })}>${n}</span>` : nothing}</a></li>`;
            })}
          </ul>
        </nav>
        <div class="sections">
          ${this.renderSummary(errors, warnings)}
          ${sections.map(
            (s, i) => html`<section class="card" id=${s.id} aria-labelledby="${s.id}-h">
              <h2 id="${s.id}-h">${s.title}</h2>
              ${bodies[i]}
            </section>`,
          )}
          <div hidden>${leftovers(ctx, '')}</div>
        </div>
      </div>
    `;
  }
}
