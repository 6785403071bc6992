/**
 * The scenario library: built-in scenarios, the ones saved in this browser (open, edit,
 * duplicate, rename, delete with undo, export), and import from a file. A file is checked with
 * the CLI's validator before anything is stored: a bad file changes nothing.
 */
import { html, LitElement, nothing } from 'lit';
import type { Issue } from '../../../src/scenario/issues.js';
import { liveEngine } from '../../engine/engines.js';
import { emit } from '../../events.js';
import type { Draft } from '../../state/draft.js';
import { isDirty } from '../../state/draft.js';
import type { JsonObject, SavedScenario } from '../../state/library.js';
import type { BuiltinScenario } from '../../state/library.js';
import { deleteSaved, listSaved, loadBuiltins, newId, putSaved } from '../../state/library.js';
import { styles } from './rb-library.styles.js';

/** A file name from a scenario name: 'Wrong pocket (copy)' → 'wrong-pocket-copy.json'. */
function fileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'scenario'}.json`;
}

/**
 * Download JSON as a file.
 * @example downloadJson('scenario.json', json)
 */
export function downloadJson(name: string, json: unknown): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export class RbLibrary extends LitElement {
  static override styles = styles;
  static override properties = {
    draft: { attribute: false },
    saved: { state: true },
    builtins: { state: true },
    renaming: { state: true },
    importError: { state: true },
    importing: { state: true },
  };

  declare draft: Draft | undefined;
  declare saved: SavedScenario[] | undefined;
  declare builtins: BuiltinScenario[] | undefined;
  declare renaming: string | undefined;
  declare importError: { file: string; issues: Issue[] } | undefined;
  declare importing: boolean;

  constructor() {
    super();
    this.draft = undefined;
    this.saved = undefined;
    this.builtins = undefined;
    this.renaming = undefined;
    this.importError = undefined;
    this.importing = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
    void loadBuiltins().then((b) => (this.builtins = b));
  }

  private async refresh(): Promise<void> {
    try {
      this.saved = await listSaved();
    } catch (error) {
      this.saved = [];
      emit(this, 'rb-toast', { message: `This browser does not let reimburse store scenarios (${error instanceof Error ? error.message : String(error)}).`, tone: 'error' });
    }
  }

  private async importFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.importing = true;
    this.importError = undefined;
    try {
      const parsed = await liveEngine.call({ type: 'parse', text: await file.text() });
      if (!parsed.ok || parsed.json === undefined) {
        this.importError = { file: file.name, issues: parsed.errors };
        return;
      }
      const json = parsed.json as JsonObject;
      const now = Date.now();
      const name = typeof json.title === 'string' && json.title.trim() ? json.title : file.name.replace(/\.json$/i, '');
      await putSaved({ id: newId(), name, json, createdAt: now, savedAt: now });
      emit(this, 'rb-toast', { message: `Imported '${name}'${parsed.warnings.length ? ` (${parsed.warnings.length} warning${parsed.warnings.length === 1 ? '' : 's'}: ${parsed.warnings[0].path}: ${parsed.warnings[0].message})` : ''}.` });
      await this.refresh();
    } catch (error) {
      this.importError = { file: file.name, issues: [{ path: 'file', message: error instanceof Error ? error.message : String(error) }] };
    } finally {
      this.importing = false;
    }
  }

  private async duplicate(s: { name: string; json: JsonObject }): Promise<void> {
    const now = Date.now();
    const copy = { id: newId(), name: `${s.name} (copy)`, json: structuredClone(s.json), createdAt: now, savedAt: now };
    await putSaved(copy);
    await this.refresh();
    emit(this, 'rb-toast', { message: `Saved a copy as '${copy.name}'.` });
  }

  private async deleteWithUndo(s: SavedScenario): Promise<void> {
    await deleteSaved(s.id);
    await this.refresh();
    emit(this, 'rb-toast', {
      message: `Deleted '${s.name}'.`,
      undo: () => void putSaved(s).then(() => this.refresh()),
    });
  }

  private async rename(s: SavedScenario, name: string): Promise<void> {
    this.renaming = undefined;
    const clean = name.trim();
    if (clean === '' || clean === s.name) return;
    await putSaved({ ...s, name: clean });
    await this.refresh();
  }

  private open(ref: string, name: string, view: 'results' | 'edit'): void {
    emit(this, 'rb-open', { ref, name, view });
  }

  private renderImportError() {
    const e = this.importError;
    if (!e) return nothing;
    const shown = e.issues.slice(0, 12);
    return html`<div class="card import-error" role="alert">
      <h3>'${e.file}' was not imported</h3>
      <p>Nothing in your library was changed. ${e.issues.length === 1 ? 'The problem:' : `${e.issues.length} problems:`}</p>
      <ul>
        ${shown.map((i) => html`<li>${i.path ? html`<code>${i.path}</code>: ` : nothing}${i.message}</li>`)}
      </ul>
      ${e.issues.length > shown.length ? html`<p class="muted">…and ${e.issues.length - shown.length} more.</p>` : nothing}
      <button @click=${() => (this.importError = undefined)}>Dismiss</button>
    </div>`;
  }

  private renderSaved() {
    const saved = this.saved;
    if (saved === undefined) return html`<p class="muted">Reading your saved scenarios…</p>`;
    if (saved.length === 0) return html`<p class="muted">Nothing saved yet. Open a built-in scenario, change it and press Save, or import a file.</p>`;
    return html`<table class="saved" aria-label="Saved scenarios">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Saved</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        ${saved.map((s) => {
          const ref = `saved:${s.id}`;
          return html`<tr data-ref=${ref}>
            <td>
              ${this.renaming === s.id
                ? html`<form class="rename" @submit=${(e: Event) => (e.preventDefault(), this.rename(s, (e.target as HTMLFormElement).querySelector('input')!.value))}>
                    <label class="visually-hidden" for="rename-${s.id}">New name</label>
                    <input id="rename-${s.id}" .value=${s.name} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.renaming = undefined)} />
                    <button class="primary" type="submit">Rename</button>
                  </form>`
                : html`<strong class="name">${s.name}</strong>`}
            </td>
            <td class="muted">${dateFormat.format(s.savedAt)}</td>
            <td class="actions-cell">
              <div class="actions">
                <button class="primary" @click=${() => this.open(ref, s.name, 'results')} aria-label="Open ${s.name}">Open</button>
                <button @click=${() => this.open(ref, s.name, 'edit')} aria-label="Edit ${s.name}">Edit</button>
                <button @click=${() => this.duplicate(s)} aria-label="Duplicate ${s.name}">Duplicate</button>
                <button @click=${() => this.startRename(s.id)} aria-label="Rename ${s.name}">Rename</button>
                <button @click=${() => downloadJson(fileName(s.name), s.json)} aria-label="Export ${s.name}">Export</button>
                <button class="danger" @click=${() => this.deleteWithUndo(s)} aria-label="Delete ${s.name}">Delete</button>
              </div>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private async startRename(id: string): Promise<void> {
    this.renaming = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#rename-${id}`)?.select();
  }

  override render() {
    const draft = this.draft;
    return html`
      <section class="intro">
        <h1>Scenario library</h1>
        <p>
          Each scenario is a population, its providers and payers, and a payment design. Open one to see what each payer spends, what each provider keeps,
          and what happens to patients — then move a lever and watch it change.
        </p>
      </section>
      ${draft && isDirty(draft)
        ? html`<section class="card continue" aria-label="Unsaved work">
            <span><strong>Unsaved changes</strong> to '${draft.name}' are kept in this browser.</span>
            <button class="primary" @click=${() => emit(this, 'rb-navigate', { view: 'edit' })}>Continue editing</button>
            <button @click=${() => emit(this, 'rb-navigate', { view: 'results' })}>See results</button>
          </section>`
        : nothing}
      <section aria-labelledby="saved-heading">
        <h2 id="saved-heading">Your scenarios</h2>
        <div class="toolbar">
          <span class="file">
            <span class="button primary" aria-hidden="true">${this.importing ? 'Checking…' : 'Import a scenario file…'}</span>
            <input type="file" accept=".json,application/json" aria-label="Import a scenario file (JSON)" @change=${this.importFile} />
          </span>
          <span class="muted">Saved in this browser only. Export to keep a file or to send it to someone.</span>
        </div>
        ${this.renderImportError()} ${this.renderSaved()}
      </section>
      <section aria-labelledby="builtin-heading">
        <h2 id="builtin-heading">Built-in scenarios</h2>
        ${this.builtins === undefined ? html`<p class="muted">Reading the built-in scenarios…</p>` : this.builtins.length === 0 ? html`<p class="muted">No built-in scenarios in this build.</p>` : nothing}
        <div class="grid">
          ${(this.builtins ?? []).map(
            (b) => html`<article class="card scenario" data-ref=${b.ref}>
              <h3>${b.title}</h3>
              ${b.question ? html`<p class="question">${b.question}</p>` : nothing}
              <p class="muted">${b.description}</p>
              <div class="actions">
                <button class="primary" @click=${() => this.open(b.ref, b.title, 'results')} aria-label="Open ${b.title}">Open</button>
                <button @click=${() => this.open(b.ref, b.title, 'edit')} aria-label="Edit ${b.title}">Edit</button>
                <button @click=${() => this.duplicate({ name: b.title, json: b.json })} aria-label="Save a copy of ${b.title}">Save a copy</button>
                <button @click=${() => downloadJson(b.file, b.json)} aria-label="Export ${b.title}">Export</button>
              </div>
            </article>`,
          )}
        </div>
      </section>
    `;
  }
}
