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
import { deleteDraft, isDirty, listDrafts } from '../../state/draft.js';
import type { DamagedRecord, JsonObject, SavedScenario } from '../../state/library.js';
import type { BuiltinScenario } from '../../state/library.js';
import { deleteRecord, deleteSaved, loadBuiltins, newId, putSaved, readLibrary, storageErrorText } from '../../state/library.js';
import { rawText } from '../../state/records.js';
import type { MessageKey } from '../../i18n/index.js';
import { formatDateTime, forApp } from '../../format.js';
import { LocaleController, errorText, issueText, t, locale } from '../../i18n/index.js';
import { localText } from '../../../src/scenario/texts.js';
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
  downloadText(name, `${JSON.stringify(json, null, 2)}\n`);
}

function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export class RbLibrary extends LitElement {
  static override styles = styles;
  static override properties = {
    draft: { attribute: false },
    saved: { state: true },
    damaged: { state: true },
    drafts: { state: true },
    builtins: { state: true },
    renaming: { state: true },
    importError: { state: true },
    importing: { state: true },
  };

  declare draft: Draft | undefined;
  declare saved: SavedScenario[] | undefined;
  /** Records in this browser that cannot be opened: listed apart, with their raw JSON to export. */
  declare damaged: DamagedRecord[];
  /** Drafts with unsaved changes, one per scenario. */
  declare drafts: Draft[];
  declare builtins: BuiltinScenario[] | undefined;
  declare renaming: string | undefined;
  declare importError: { file: string; issues: Issue[] } | undefined;
  declare importing: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.draft = undefined;
    this.saved = undefined;
    this.damaged = [];
    this.drafts = [];
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
    this.drafts = listDrafts().filter(isDirty);
    try {
      const library = await readLibrary();
      this.saved = library.saved;
      this.damaged = library.damaged;
    } catch (error) {
      this.saved = [];
      emit(this, 'rb-toast', { message: t('library.storageFailed', { error: errorText(error) }), tone: 'error' });
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
      try {
        await putSaved({ id: newId(), name, json, createdAt: now, savedAt: now });
      } catch (error) {
        this.importError = { file: file.name, issues: [{ path: '', message: t('library.writeFailed', { error: storageErrorText(error) }) }] };
        return;
      }
      const w = parsed.warnings[0];
      emit(this, 'rb-toast', { message: w ? t('library.importedWarnings', { name, count: parsed.warnings.length, path: w.path, message: issueText(w) }) : t('library.imported', { name }) });
      await this.refresh();
    } catch (error) {
      this.importError = { file: file.name, issues: [{ path: '', message: errorText(error) }] };
    } finally {
      this.importing = false;
    }
  }

  private async duplicate(s: { name: string; json: JsonObject }): Promise<void> {
    const now = Date.now();
    const copy = { id: newId(), name: t('app.copySuffix', { name: s.name }), json: structuredClone(s.json), createdAt: now, savedAt: now };
    if (!(await this.write(() => putSaved(copy), 'library.writeFailed', s.name))) return;
    await this.refresh();
    emit(this, 'rb-toast', { message: t('library.copySaved', { name: copy.name }) });
  }

  /** Run a write to the store; on failure say so (storage full, …) and return false, changing nothing else. */
  private async write(work: () => Promise<void>, message: MessageKey, name: string): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      emit(this, 'rb-toast', { message: t(message, { name, error: storageErrorText(error) }), tone: 'error' });
      await this.refresh();
      return false;
    }
  }

  private async deleteWithUndo(s: SavedScenario): Promise<void> {
    if (!(await this.write(() => deleteSaved(s.id), 'library.deleteFailed', s.name))) return;
    await this.refresh();
    emit(this, 'rb-toast', {
      message: t('library.deleted', { name: s.name }),
      // The record comes back whole, or the user is told it could not (it is never lost silently).
      undo: () => void this.write(() => putSaved(s), 'library.restoreFailed', s.name).then(() => this.refresh()),
    });
  }

  private async rename(s: SavedScenario, name: string): Promise<void> {
    this.renaming = undefined;
    const clean = name.trim();
    if (clean === '' || clean === s.name) return;
    if (!(await this.write(() => putSaved({ ...s, name: clean }), 'library.writeFailed', s.name))) return;
    emit(this, 'rb-renamed', { ref: `saved:${s.id}`, name: clean });
    await this.refresh();
  }

  private async deleteDamaged(d: DamagedRecord): Promise<void> {
    if (!(await this.write(() => deleteRecord(d.key), 'library.deleteFailed', d.label))) return;
    await this.refresh();
  }

  private discardDraft(d: Draft): void {
    deleteDraft(d.id);
    this.drafts = this.drafts.filter((x) => x.id !== d.id);
  }

  private renderDamaged() {
    if (this.damaged.length === 0) return nothing;
    return html`<section class="card damaged" aria-labelledby="damaged-h" role="alert">
      <h3 id="damaged-h">${t('library.damagedTitle')}</h3>
      <p>${t('library.damagedIntro')}</p>
      <ul>
        ${this.damaged.map(
          (d) => html`<li data-key=${d.key}>
            <strong>${d.label}</strong> — ${t(`library.damaged.${d.reason}` as MessageKey)}
            <span class="actions">
              <button @click=${() => downloadText(fileName(`${d.label}-damaged`), `${rawText(d.raw)}\n`)} aria-label=${t('library.exportRawX', { name: d.label })}>${t('library.exportRaw')}</button>
              <button class="danger" @click=${() => this.deleteDamaged(d)} aria-label=${t('library.deleteDamagedX', { name: d.label })}>${t('library.delete')}</button>
            </span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private open(ref: string, name: string, view: 'results' | 'edit'): void {
    emit(this, 'rb-open', { ref, name, view });
  }

  private renderImportError() {
    const e = this.importError;
    if (!e) return nothing;
    const shown = e.issues.slice(0, 12);
    return html`<div class="card import-error" role="alert">
      <h3>${t('library.notImported', { file: e.file })}</h3>
      <p>${t('library.nothingChanged')} ${e.issues.length === 1 ? t('library.theProblem') : t('library.problems', { count: e.issues.length })}</p>
      <ul>
        ${shown.map((i) => html`<li>${i.path ? html`<code>${i.path}</code>: ` : nothing}${issueText(i)}</li>`)}
      </ul>
      ${e.issues.length > shown.length ? html`<p class="muted">${t('library.more', { count: e.issues.length - shown.length })}</p>` : nothing}
      <button @click=${() => (this.importError = undefined)}>${t('library.dismiss')}</button>
    </div>`;
  }

  private renderSaved() {
    const saved = this.saved;
    if (saved === undefined) return html`<p class="muted">${t('library.readingSaved')}</p>`;
    if (saved.length === 0) return html`<p class="muted">${t('library.nothingSaved')}</p>`;
    return html`<div class="scroll" tabindex="0" role="region" aria-label=${t('library.savedScenarios')}><table class="saved" aria-label=${t('library.savedScenarios')}>
      <thead>
        <tr>
          <th scope="col">${t('library.name')}</th>
          <th scope="col">${t('library.savedAt')}</th>
          <th scope="col"><span class="visually-hidden">${t('library.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${saved.map((s) => {
          const ref = `saved:${s.id}`;
          return html`<tr data-ref=${ref}>
            <td>
              ${this.renaming === s.id
                ? html`<form class="rename" @submit=${(e: Event) => (e.preventDefault(), this.rename(s, (e.target as HTMLFormElement).querySelector('input')!.value))}>
                    <label class="visually-hidden" for="rename-${s.id}">${t('library.newName')}</label>
                    <input id="rename-${s.id}" .value=${s.name} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.renaming = undefined)} />
                    <button class="primary" type="submit">${t('library.rename')}</button>
                  </form>`
                : html`<strong class="name">${s.name}</strong>`}
            </td>
            <td class="muted">${formatDateTime(s.savedAt)}</td>
            <td class="actions-cell">
              <div class="actions">
                <button class="primary" @click=${() => this.open(ref, s.name, 'results')} aria-label=${t('library.openX', { name: s.name })}>${t('library.open')}</button>
                <button @click=${() => this.open(ref, s.name, 'edit')} aria-label=${t('library.editX', { name: s.name })}>${t('library.edit')}</button>
                <button @click=${() => this.duplicate(s)} aria-label=${t('library.duplicateX', { name: s.name })}>${t('library.duplicate')}</button>
                <button @click=${() => this.startRename(s.id)} aria-label=${t('library.renameX', { name: s.name })}>${t('library.rename')}</button>
                <button @click=${() => downloadJson(fileName(s.name), s.json)} aria-label=${t('library.exportX', { name: s.name })}>${t('library.export')}</button>
                <button class="danger" @click=${() => this.deleteWithUndo(s)} aria-label=${t('library.deleteX', { name: s.name })}>${t('library.delete')}</button>
              </div>
            </td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
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
        <h1>${t('library.title')}</h1>
        <p>${t('library.intro')}</p>
      </section>
      ${this.drafts.length > 0
        ? html`<section class="card continue" aria-label=${t('library.unsavedWork')}>
            <ul>
              ${this.drafts.map(
                (d) => html`<li data-draft=${d.id}>
                  <span><strong>${t('library.unsavedChanges')}</strong> ${t('library.keptHere', { name: d.id === draft?.id ? draft.name : d.name })}</span>
                  <button class="primary" @click=${() => emit(this, 'rb-open', { draft: d.id, name: d.name, view: 'edit' })}>${t('library.continue')}</button>
                  <button @click=${() => emit(this, 'rb-open', { draft: d.id, name: d.name, view: 'results' })}>${t('library.seeResults')}</button>
                  <button class="quiet" @click=${() => this.discardDraft(d)} aria-label=${t('library.discardX', { name: d.name })}>${t('library.discard')}</button>
                </li>`,
              )}
            </ul>
          </section>`
        : nothing}
      <section aria-labelledby="saved-heading">
        <h2 id="saved-heading">${t('library.yours')}</h2>
        <div class="toolbar">
          <span class="file">
            <span class="button primary" aria-hidden="true">${this.importing ? t('library.checking') : t('library.importButton')}</span>
            <input type="file" accept=".json,application/json" aria-label=${t('library.importLabel')} @change=${this.importFile} />
          </span>
          <span class="muted">${t('library.browserOnly')}</span>
        </div>
        ${this.renderImportError()} ${this.renderDamaged()} ${this.renderSaved()}
      </section>
      <section aria-labelledby="builtin-heading">
        <h2 id="builtin-heading">${t('library.builtin')}</h2>
        ${this.builtins === undefined ? html`<p class="muted">${t('library.readingBuiltin')}</p>` : this.builtins.length === 0 ? html`<p class="muted">${t('library.noBuiltin')}</p>` : nothing}
        <div class="grid">
          ${(this.builtins ?? []).map(
            (b) => {
              const title = localText(b.json, 'title', locale()) ?? b.title;
              const question = localText(b.json, 'question', locale());
              return html`<article class="card scenario" data-ref=${b.ref}>
              <h3>${title}</h3>
              ${question ? html`<p class="question">${question}</p>` : nothing}
              <p class="muted">${forApp(localText(b.json, 'description', locale()) ?? b.description)}</p>
              <div class="actions">
                <button class="primary" @click=${() => this.open(b.ref, title, 'results')} aria-label=${t('library.openX', { name: title })}>${t('library.open')}</button>
                <button @click=${() => this.open(b.ref, title, 'edit')} aria-label=${t('library.editX', { name: title })}>${t('library.edit')}</button>
                <button @click=${() => this.duplicate({ name: title, json: b.json })} aria-label=${t('library.saveCopyX', { name: title })}>${t('library.saveCopy')}</button>
                <button @click=${() => downloadJson(b.file, b.json)} aria-label=${t('library.exportX', { name: title })}>${t('library.export')}</button>
              </div>
            </article>`;
            },
          )}
        </div>
      </section>
    `;
  }
}
