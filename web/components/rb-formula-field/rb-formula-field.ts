/**
 * A formula input, checked as you type by the same sandbox that runs it (src/formula/sandbox.ts
 * `formulaProblem`, in the engine worker): says which variables it uses, or what is wrong, in
 * the page's language.
 */
import { css, html, LitElement, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import type { Issue } from '../../../src/scenario/issues.js';
import { liveEngine } from '../../engine/engines.js';
import type { FormulaKind } from '../../engine/protocol.js';
import { emit } from '../../events.js';
import { LocaleController, errorText, issueText, t } from '../../i18n/index.js';
import { shared } from '../../styles/shared.js';

/** The variables each kind of formula may use (the sandbox's lists; the worker checks against the real ones). */
const NAMES: Record<FormulaKind, () => string> = {
  weight: () => t('formula.weightNames'),
  curve: () => t('formula.curveNames'),
};

let fieldCount = 0;

export class RbFormulaField extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      label {
        display: block;
        font-weight: 600;
        font-size: 0.9rem;
      }
      input {
        width: 100%;
        font-family: var(--rb-mono, monospace);
      }
      .help {
        font-size: 0.82rem;
        margin: 0.15rem 0 0;
      }
    `,
  ];
  static override properties = {
    label: { type: String },
    kind: { type: String },
    path: { type: String },
    value: { type: String },
    issues: { attribute: false },
    problem: { state: true },
    checking: { state: true },
  };

  declare label: string;
  declare kind: FormulaKind;
  /** Where the formula is in the scenario, for messages: 'payment.components[0].weight'. */
  declare path: string;
  declare value: string;
  /** The validator's issues at this path. */
  declare issues: Issue[];
  /** The sandbox's objection (or why it could not be asked), or null when the formula is fine; undefined before the first check. */
  declare problem: Issue | string | null | undefined;
  declare checking: boolean;

  private readonly controlId = `formula-${++fieldCount}`;
  private ticket = 0;
  private timer = 0;

  constructor() {
    super();
    new LocaleController(this);
    this.label = t('formula.label');
    this.kind = 'weight';
    this.path = '';
    this.value = '';
    this.issues = [];
    this.problem = undefined;
    this.checking = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') || changed.has('kind')) this.scheduleCheck();
  }

  private scheduleCheck(): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.check(), 80);
  }

  private async check(): Promise<void> {
    const ticket = ++this.ticket;
    if (this.value.trim() === '') {
      this.problem = undefined;
      return;
    }
    this.checking = true;
    try {
      const problem = await liveEngine.call({ type: 'check-formula', source: this.value, kind: this.kind, path: this.path });
      if (ticket === this.ticket) this.problem = problem;
    } catch (error) {
      if (ticket === this.ticket) this.problem = errorText(error);
    } finally {
      if (ticket === this.ticket) this.checking = false;
    }
  }

  /** True when the validator's issue says the same as the sandbox's live check. */
  private repeats(issue: Issue, problem: Issue): boolean {
    return issue.message === problem.message;
  }

  override render() {
    const problem = this.problem;
    const reason = problem === null || problem === undefined ? '' : typeof problem === 'string' ? problem : issueText(problem);
    const bad = reason !== '' || this.issues.length > 0;
    return html`
      <label for=${this.controlId}>${this.label}</label>
      <input
        id=${this.controlId}
        type="text"
        spellcheck="false"
        autocomplete="off"
        .value=${this.value}
        aria-invalid=${bad ? 'true' : 'false'}
        aria-describedby="${this.controlId}-check ${this.controlId}-help"
        @input=${(e: Event) => emit(this, 'rb-formula-input', { value: (e.target as HTMLInputElement).value })}
      />
      <div id="${this.controlId}-check" aria-live="polite">
        ${reason !== '' ? html`<p class="issue">✗ ${reason}</p>` : nothing}
        ${problem === null && this.value.trim() !== '' ? html`<p class="ok">✓ ${t('formula.valid')}</p>` : nothing}
        ${this.issues
          .filter((i) => !problem || typeof problem === 'string' || !this.repeats(i, problem))
          .map((i) => html`<p class="issue">${issueText(i)}</p>`)}
      </div>
      <p class="help muted" id="${this.controlId}-help">${t('formula.help', { names: NAMES[this.kind]() })}</p>
    `;
  }
}
