/**
 * The app shell: the views, the working scenario (draft in local storage, state in the URL),
 * saving and sharing, and the live expected-value evaluation every view reads.
 */
import { EditHistory, loadHistory, storeHistory } from '../../state/history.js';
import type { HistoryStore } from '../../state/history.js';
import { html, LitElement, nothing } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { Evaluated, Solved, SolvedBehaviour } from '../../engine/protocol.js';
import { isAbort } from '../../engine/engine-client.js';
import { liveEngine, solveEngine } from '../../engine/engines.js';
import type { RbEvents } from '../../events.js';
import type { Draft } from '../../state/draft.js';
import { deleteDraft, draftFor, fromLink, isDirty, isEdited, listDrafts, loadDraft, storeDraft } from '../../state/draft.js';
import type { JsonObject } from '../../state/library.js';
import { getSaved, listSaved, newId, putSaved, resolveRef, storageErrorText } from '../../state/library.js';
import type { AppLocation, View } from '../../state/location.js';
import { formatLocation, parseLocation } from '../../state/location.js';
import { loadModels } from '../../state/models.js';
import { decodeChanges, decodeScenario, encodeChanges, encodeScenario } from '../../state/share.js';
import type { Locale } from '../../i18n/index.js';
import { LocaleController, LOCALES, errorText, locale, setLocale, t } from '../../i18n/index.js';
import '../rb-teaching/index.js';
import { styles } from './rb-app.styles.js';
import { localText } from '../../../src/scenario/texts.js';

const GROUP_KEY = 'reimburse:group';

function storedGroup(): string {
  try {
    return localStorage.getItem(GROUP_KEY) ?? '';
  } catch {
    return '';
  }
}

interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  undo?: () => void;
  undoLabel?: string;
}

const VIEW_LABELS: Record<View, () => string> = { library: () => t('view.library'), edit: () => t('view.edit'), results: () => t('view.results'), compare: () => t('view.compare'), teach: () => t('view.teach') };
const LOCALE_NAMES: Record<Locale, string> = { en: 'English', sv: 'Svenska' };

/**
 * The scenario part of a link: a variant of a built-in scenario as its changes from it (every
 * copy of the app has the built-ins), anything else whole.
 */
async function linkOf(draft: Draft): Promise<{ s?: string; p?: string }> {
  if (draft.origin?.startsWith('builtin:') && draft.savedText !== '') {
    try {
      return { p: await encodeChanges(JSON.parse(draft.savedText), draft.json) };
    } catch {
      // Not a base we can diff against: the whole scenario then.
    }
  }
  return { s: await encodeScenario(draft.json) };
}

function titleOf(json: JsonObject, fallback: string): string {
  return typeof json.title === 'string' && json.title.trim() !== '' ? json.title : fallback;
}

export class RbApp extends LitElement {
  static override styles = styles;
  static override properties = {
    location: { state: true },
    group: { state: true },
    draft: { state: true },
    liveJson: { state: true },
    toasts: { state: true },
    ready: { state: true },
    shareLink: { state: true },
    solved: { state: true },
    saveForm: { state: true },
  };

  declare location: AppLocation;
  /** The group name saved with the design (a workshop with several groups); empty for none. */
  declare group: string;
  declare draft: Draft | undefined;
  /** The scenario the live evaluation runs on: the draft, at most once per animation frame. */
  declare liveJson: JsonObject | undefined;
  declare toasts: Toast[];
  /** The payment models have arrived from the engine worker: the views can render. */
  declare ready: boolean;
  declare shareLink: string;
  /** Expected values with the providers' response solved, and the design they are for. */
  declare solved: { json: JsonObject; result: Solved } | undefined;
  /** The save dialog's state while it is open. */
  declare saveForm: { name: string; taken?: string; error?: string; busy: boolean } | undefined;

  private lastLive: Evaluated | undefined;
  /** The providers' behaviour last solved: the live values use it until the new response is solved. */
  private behaviour: SolvedBehaviour | undefined;
  private solveTimer = 0;
  private frame = 0;
  private toastId = 0;
  private encoding = 0;
  private readonly onHash = () => void this.followUrl();

  private readonly live = new Task(this, {
    task: async ([json], { signal }) => {
      if (!json) return initialState;
      const result = await liveEngine.call({ type: 'evaluate', json, behaviour: this.behaviour }, { signal, coalesce: 'evaluate' });
      this.lastLive = result;
      if (result.responsive && result.check.ok && this.solved?.json !== json) this.scheduleSolve(json);
      return result;
    },
    args: () => [this.liveJson] as const,
    onError: (error) => {
      if (!isAbort(error)) this.toast({ message: t('app.engineFailed', { error: errorText(error) }), tone: 'error' });
    },
  });

  /** Where providers respond to the design, their response: seconds, in its own worker, newest design only. */
  private readonly solving = new Task(this, {
    autoRun: false,
    task: async ([json]: readonly [JsonObject], { signal }) => {
      const result = await solveEngine.call({ type: 'solve', json }, { signal });
      if (result.behaviour) this.behaviour = result.behaviour;
      this.solved = { json, result };
      return result;
    },
    onError: (error) => {
      if (!isAbort(error)) this.toast({ message: t('app.solveFailed', { error: errorText(error) }), tone: 'error' });
    },
  });

  constructor() {
    super();
    new LocaleController(this);
    this.group = storedGroup();
    this.location = parseLocation(window.location.hash);
    if (this.location.lang) setLocale(this.location.lang);
    document.documentElement.lang = locale();
    this.draft = undefined;
    this.liveJson = undefined;
    this.toasts = [];
    this.ready = false;
    this.shareLink = '';
    this.solved = undefined;
    this.saveForm = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener('popstate', this.onHash);
    this.addEventListener('rb-open', (e) => void this.open(e.detail));
    this.addEventListener('rb-scenario-input', (e) => this.input(e.detail.json, e.detail.group));
    this.addEventListener('rb-history', (e) => this.step(e.detail.step));
    this.addEventListener('rb-navigate', (e) => this.navigate(e.detail.view));
    this.addEventListener('rb-settings', (e) => this.settings(e.detail));
    this.addEventListener('rb-compare-refs', (e) => this.setLocation({ ...this.location, cmp: e.detail.refs }, false));
    this.addEventListener('rb-save', () => void this.openSaveDialog());
    this.addEventListener('rb-renamed', (e) => this.renamed(e.detail.ref, e.detail.name));
    this.addEventListener('rb-toast', (e) => this.toast(e.detail));
    void this.restore(this.location);
    loadModels()
      .catch((error: unknown) => this.toast({ message: t('app.engineFailed', { error: errorText(error) }), tone: 'error' }))
      .finally(() => (this.ready = true));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener('popstate', this.onHash);
  }

  /** The working scenario from the URL (draft id, compressed scenario, or library reference). */
  private async restore(loc: AppLocation): Promise<void> {
    const local = loc.d ? loadDraft(loc.d) : undefined;
    if (local) return this.useDraft(local, false);
    if (loc.s || (loc.p && loc.src)) {
      try {
        const base = loc.p && loc.src?.startsWith('builtin:') ? await resolveRef(loc.src) : undefined;
        if (loc.p && !base) throw new Error(t('app.notInLibrary', { ref: loc.src ?? '' }));
        const json = (loc.p && base ? await decodeChanges(loc.p, base.json) : JSON.parse(await decodeScenario(loc.s!))) as JsonObject;
        const origin = base ?? (loc.src ? await resolveRef(loc.src) : undefined);
        const savedText = origin ? JSON.stringify(origin.json) : '';
        const openedText = JSON.stringify(json);
        const draft: Draft = {
          id: newId(),
          origin: origin ? loc.src : undefined,
          name: origin?.name ?? titleOf(json, t('app.sharedScenario')),
          json,
          savedText,
          // A link to a library scenario as it is opens that scenario; anything else came from the link.
          ...(openedText !== savedText ? { openedText } : {}),
          updatedAt: Date.now(),
        };
        return this.useDraft(draft, true);
      } catch (error) {
        this.toast({ message: t('app.badLink', { error: errorText(error) }), tone: 'error' });
        return this.setLocation({ ...loc, view: 'library', s: undefined, p: undefined, d: undefined, src: undefined }, false);
      }
    }
    if (loc.src) {
      const found = await resolveRef(loc.src);
      if (found) return this.useDraft(this.draftOf(loc.src, found.name, found.json), true);
      this.toast({ message: t('app.notInLibrary', { ref: loc.src }), tone: 'error' });
    } else if (loc.view !== 'library' && loc.view !== 'compare') {
      const recent = listDrafts()[0];
      if (recent) return this.useDraft(recent, false);
    }
    this.draft = undefined;
  }

  /**
   * The draft for a library scenario: its unsaved changes if it has some (one draft per
   * scenario), otherwise a fresh copy — and its older unchanged copies let go.
   */
  private draftOf(ref: string, name: string, json: JsonObject): Draft {
    const existing = draftFor(ref);
    if (existing && isDirty(existing)) {
      this.toast({ message: t('app.draftResumed', { name: existing.name }), undo: () => this.discard(existing, ref, name, json), undoLabel: t('app.discardChanges') });
      return existing;
    }
    if (existing) deleteDraft(existing.id);
    return { id: newId(), origin: ref, name, json, savedText: JSON.stringify(json), updatedAt: Date.now() };
  }

  /** Throw away a draft's unsaved changes and go on with the scenario as it is in the library. */
  private discard(draft: Draft, ref: string, name: string, json: JsonObject): void {
    deleteDraft(draft.id);
    if (this.draft?.id === draft.id) this.useDraft({ id: newId(), origin: ref, name, json, savedText: JSON.stringify(json), updatedAt: Date.now() }, true);
  }

  private useDraft(draft: Draft, store: boolean): void {
    this.draft = draft;
    void this.followSavedName(draft);
    this.lastLive = undefined;
    this.forgetSolved();
    if (store) storeDraft(draft);
    this.setLocation({ ...this.location, src: draft.origin, d: draft.id }, false);
    this.scheduleLive();
    this.scheduleEncode();
  }

  private async followUrl(): Promise<void> {
    if (window.location.hash === formatLocation(this.location)) return;
    const next = parseLocation(window.location.hash);
    const prev = this.location;
    this.location = next;
    const sameScenario = next.src === prev.src && next.s === prev.s && next.p === prev.p && next.d === prev.d;
    if (!sameScenario && (next.src || next.s || next.p || next.d)) await this.restore(next);
  }

  private setLocation(loc: AppLocation, push: boolean): void {
    this.location = loc;
    const hash = formatLocation(loc);
    if (hash === window.location.hash) return;
    if (push) history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
  }

  private navigate(view: View): void {
    this.setLocation({ ...this.location, view }, true);
    window.scrollTo({ top: 0 });
  }

  private settings(detail: RbEvents['rb-settings']): void {
    const loc = { ...this.location };
    if (detail.engine !== undefined) loc.engine = detail.engine;
    if (detail.reps !== undefined) loc.reps = detail.reps;
    if (detail.seed !== undefined) loc.seed = detail.seed;
    if (detail.res !== undefined) loc.res = detail.res;
    if (detail.inc !== undefined) loc.inc = detail.inc;
    if (detail.step !== undefined) loc.step = detail.step;
    if (detail.pres !== undefined) loc.pres = detail.pres;
    this.setLocation(loc, false);
  }

  private async open(detail: RbEvents['rb-open']): Promise<void> {
    const kept = detail.draft ? loadDraft(detail.draft) : undefined;
    if (kept) {
      this.useDraft(kept, false);
      this.setLocation({ ...this.location, view: detail.view ?? 'results', src: kept.origin, d: kept.id, s: undefined, p: undefined }, true);
      return this.focusView();
    }
    let json = detail.json;
    if (!json && detail.ref) json = (await resolveRef(detail.ref))?.json;
    if (!json) {
      this.toast({ message: t('app.couldNotOpen', { name: detail.name }), tone: 'error' });
      return;
    }
    const draft: Draft = detail.ref && !detail.json ? this.draftOf(detail.ref, detail.name, json) : { id: newId(), origin: detail.ref, name: detail.name, json, savedText: JSON.stringify(json), updatedAt: Date.now() };
    // A group's own design opens under its group name, so saving it again keeps it theirs.
    const group = detail.ref?.startsWith('saved:') ? (await getSaved(detail.ref.slice(6)))?.group : undefined;
    if (group) this.setGroup(group);
    this.draft = draft;
    this.lastLive = undefined;
    this.forgetSolved();
    storeDraft(draft);
    this.setLocation({ ...this.location, view: detail.view ?? 'results', src: draft.origin, d: draft.id, s: undefined, p: undefined }, true);
    this.scheduleLive();
    this.scheduleEncode();
    await this.focusView();
  }

  /** After Open, the keyboard starts at the top of the opened view (its heading), not at the page's start. */
  private async focusView(): Promise<void> {
    await this.updateComplete;
    const main = this.renderRoot.querySelector<HTMLElement>('main');
    main?.focus({ preventScroll: true });
  }

  /** Undo and redo per working scenario (by draft id), kept in the tab's session storage across reloads. */
  private readonly histories = new Map<string, EditHistory<JsonObject>>();

  private get historyStore(): HistoryStore | undefined {
    try {
      return window.sessionStorage;
    } catch {
      return undefined; // storage blocked: undo still works until the page is reloaded
    }
  }

  private history(): EditHistory<JsonObject> | undefined {
    if (!this.draft) return undefined;
    let h = this.histories.get(this.draft.id);
    if (!h) this.histories.set(this.draft.id, (h = loadHistory<JsonObject>(this.historyStore, this.draft.id)));
    return h;
  }

  private step(step: 'undo' | 'redo'): void {
    const h = this.history();
    if (!h || !this.draft) return;
    const json = step === 'undo' ? h.undo(this.draft.json) : h.redo(this.draft.json);
    if (json) this.input(json, undefined, false);
    storeHistory(this.historyStore, this.draft.id, h);
  }

  private input(json: JsonObject, group?: string, record = true): void {
    if (!this.draft) return;
    if (record) {
      const h = this.history();
      h?.record(this.draft.json, Date.now(), group);
      if (h) storeHistory(this.historyStore, this.draft.id, h);
    }
    // The response being solved is for a design that no longer is.
    clearTimeout(this.solveTimer);
    this.solving.abort();
    this.draft = { ...this.draft, json, updatedAt: Date.now() };
    storeDraft(this.draft);
    this.scheduleLive();
    this.scheduleEncode();
  }

  /** Solve the providers' response once the levers rest; a change meanwhile cancels it. */
  private scheduleSolve(json: JsonObject): void {
    clearTimeout(this.solveTimer);
    this.solveTimer = window.setTimeout(() => {
      this.solveTimer = 0;
      if (this.draft?.json === json) void this.solving.run([json]);
    }, 400);
    this.requestUpdate();
  }

  private forgetSolved(): void {
    clearTimeout(this.solveTimer);
    this.solveTimer = 0;
    this.solving.abort();
    this.solved = undefined;
    this.behaviour = undefined;
  }

  /** Live evaluation at most once per animation frame, on the newest scenario. */
  private scheduleLive(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.liveJson = this.draft?.json;
    });
  }

  /** Put the edited scenario in the URL (`s=`), so the address bar can be shared as it is. */
  private scheduleEncode(): void {
    const ticket = ++this.encoding;
    const draft = this.draft;
    if (!draft) return;
    setTimeout(async () => {
      if (ticket !== this.encoding) return;
      const link = isDirty(draft) || !draft.origin ? await linkOf(draft) : {};
      if (ticket !== this.encoding) return;
      this.setLocation({ ...this.location, s: link.s, p: link.p }, false);
    }, 250);
  }

  /** Save asks for a name first (prefilled), and says when the name is already taken. */
  private async openSaveDialog(): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    this.saveForm = { name: this.draftName(draft), busy: false };
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.save');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('#save-name')?.select();
    await this.checkName(this.saveForm.name);
  }

  private closeSaveDialog(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.save')?.close();
    this.saveForm = undefined;
  }

  /** The saved scenario (other than the one being saved over) that already has this name. */
  private async checkName(name: string): Promise<void> {
    const form = this.saveForm;
    if (!form) return;
    const own = this.draft?.origin?.startsWith('saved:') ? this.draft.origin.slice(6) : undefined;
    let taken: string | undefined;
    try {
      taken = (await listSaved()).find((s) => s.name.trim() === name.trim() && s.id !== own)?.id;
    } catch {
      taken = undefined;
    }
    if (this.saveForm) this.saveForm = { ...this.saveForm, name, taken, error: undefined };
  }

  /**
   * Write the draft under `name`: over its own saved scenario (or the one already called so),
   * or as a new one. "Saved" is said only after the write has committed; a refused write is
   * said as an error and the draft stays as it is.
   */
  private async save(asNew: boolean): Promise<void> {
    const draft = this.draft;
    const form = this.saveForm;
    if (!draft || !form || form.busy) return;
    const name = form.name.trim();
    if (name === '') {
      this.saveForm = { ...form, error: t('app.nameEmpty') };
      return;
    }
    this.saveForm = { ...form, busy: true, error: undefined };
    const now = Date.now();
    const targetId = form.taken ?? (!asNew && draft.origin?.startsWith('saved:') ? draft.origin.slice(6) : undefined);
    const group = this.group.trim() || undefined;
    try {
      const existing = targetId ? await getSaved(targetId) : undefined;
      const record = existing
        ? { ...existing, name, json: draft.json, group: group ?? existing.group, savedAt: now }
        : { id: newId(), name, json: draft.json, group, createdAt: now, savedAt: now };
      await putSaved(record);
      const saved: Draft = { ...draft, origin: `saved:${record.id}`, name: record.name, savedText: JSON.stringify(draft.json), openedText: undefined, updatedAt: now };
      // The draft the user may still be editing: newer input since the save started stays unsaved.
      this.draft = this.draft === draft ? saved : { ...this.draft!, origin: saved.origin, name: saved.name, savedText: saved.savedText, openedText: undefined };
      storeDraft(this.draft);
      this.closeSaveDialog();
      this.setLocation({ ...this.location, src: this.draft.origin, s: undefined, p: undefined }, false);
      this.scheduleEncode();
      this.toast({ message: t('app.saved', { name: record.name }) });
    } catch (error) {
      const message = t('app.saveFailed', { error: storageErrorText(error) });
      if (this.saveForm) this.saveForm = { ...this.saveForm, busy: false, error: message };
      this.toast({ message, tone: 'error' });
    }
  }

  /** The header follows a rename in the library. */
  private renamed(ref: string, name: string): void {
    if (this.draft?.origin !== ref || this.draft.name === name) return;
    this.draft = { ...this.draft, name };
    storeDraft(this.draft);
  }

  /** A draft of a saved scenario goes by the name the scenario has now (it may have been renamed in another tab). */
  private async followSavedName(draft: Draft): Promise<void> {
    if (!draft.origin?.startsWith('saved:')) return;
    try {
      const record = await getSaved(draft.origin.slice(6));
      if (record) this.renamed(draft.origin, record.name);
    } catch {
      // The library cannot be read: the draft keeps the name it had.
    }
  }

  private async share(): Promise<void> {
    if (!this.draft) return;
    const part = await linkOf(this.draft);
    const hash = formatLocation({ ...this.location, view: this.location.view === 'edit' ? 'edit' : 'results', d: undefined, s: part.s, p: part.p, src: part.p ? this.draft.origin : this.location.src });
    const link = `${window.location.origin}${window.location.pathname}${hash}`;
    this.shareLink = link;
    try {
      await navigator.clipboard.writeText(link);
      this.toast({ message: t('app.linkCopied') });
    } catch {
      this.toast({ message: t('app.copyLink') });
    }
  }

  /** Switch the language (remembered, and in the URL), and re-render every view. */
  /** A built-in scenario not yet saved goes by its title in the page's language; anything else by the name it was given. */
  private draftName(draft: Draft): string {
    // A built-in's or a shared link's scenario is named by its own title, in the page's language;
    // a saved one by the name it was saved under.
    const own = draft.origin?.startsWith('builtin:') === true || draft.origin === undefined;
    return (own && localText(draft.json, 'title', locale())) || draft.name;
  }

  /** The group name stays through reloads: a workshop group works in one browser all session. */
  private setGroup(group: string): void {
    this.group = group;
    try {
      localStorage.setItem(GROUP_KEY, group);
    } catch {
      // Not remembered past this page: still used for saving.
    }
  }

  private changeLocale(next: Locale): void {
    setLocale(next);
    this.setLocation({ ...this.location, lang: next }, false);
  }

  private toast(t: { message: string; tone?: 'info' | 'error'; undo?: () => void; undoLabel?: string }): void {
    const id = ++this.toastId;
    this.toasts = [...this.toasts, { id, message: t.message, tone: t.tone ?? 'info', undo: t.undo, undoLabel: t.undoLabel }];
    setTimeout(() => this.dismiss(id), t.undo ? 12_000 : t.tone === 'error' ? 10_000 : 5_000);
  }

  private dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** The newest answer of the live evaluation (the previous one while a new one is on its way). */
  private get liveResult(): Evaluated | undefined {
    return this.lastLive;
  }

  private renderView() {
    const loc = this.location;
    if (!this.ready) return html`<p class="muted" role="status">${t('library.readingBuiltin')}</p>`;
    if (loc.view === 'library') return html`<rb-library .draft=${this.draft}></rb-library>`;
    if (loc.view === 'compare') return html`<rb-compare .refs=${loc.cmp} .engine=${loc.engine} .reps=${loc.reps} .seed=${loc.seed} .resolution=${loc.res}></rb-compare>`;
    if (!this.draft && loc.view === 'teach') {
      return html`<div class="card empty">
        <h1>${t('teach.mode')}</h1>
        <button class="primary" @click=${() => this.open({ ref: 'builtin:teaching-wrong-pocket', name: 'Teaching: the wrong pocket', view: 'teach' })}>${t('teach.start')}</button>
      </div>`;
    }
    if (!this.draft) {
      return html`<div class="card empty">
        <h1>${t('app.noScenario')}</h1>
        <p>${t('app.noScenarioText')} <a href="#/library">${t('app.libraryLink')}</a>.</p>
      </div>`;
    }
    if (loc.view === 'teach') {
      return html`<rb-teaching
        .json=${this.draft.json}
        .live=${this.liveResult?.dashboard}
        .check=${this.liveResult?.check}
        .solved=${this.solved?.result}
        .solving=${this.solving.status === TaskStatus.PENDING || this.solveTimer !== 0 || (this.solved !== undefined && this.solved.json !== this.draft.json)}
        .step=${loc.step ?? 0}
        ?presenting=${loc.pres}
      ></rb-teaching>`;
    }
    if (loc.view === 'edit') {
      const h = this.history();
      return html`<rb-editor .json=${this.draft.json} .check=${this.liveResult?.check} .canUndo=${h?.canUndo ?? false} .canRedo=${h?.canRedo ?? false}></rb-editor>`;
    }
    return html`<rb-results
      .json=${this.draft.json}
      .live=${this.liveResult}
      .livePending=${this.live.status === TaskStatus.PENDING}
      .solved=${this.solved?.result}
      ?solvedFresh=${this.solved?.json === this.draft.json}
      .solving=${this.solving.status === TaskStatus.PENDING || this.solveTimer !== 0}
      scenarioKey=${this.draft.id}
      .engine=${loc.engine}
      .reps=${loc.reps}
      .seed=${loc.seed}
      .resolution=${loc.res}
      .incentives=${loc.inc}
    ></rb-results>`;
  }

  private renderSaveDialog() {
    const form = this.saveForm;
    const draft = this.draft;
    const ownSaved = draft?.origin?.startsWith('saved:') === true;
    return html`<dialog class="save card" aria-labelledby="save-h" @close=${() => (this.saveForm = undefined)}>
      ${form && draft
        ? html`<form @submit=${(e: Event) => (e.preventDefault(), void this.save(false))}>
            <h2 id="save-h">${t('app.saveDialog')}</h2>
            <label for="save-name">${t('app.saveName')}</label>
            <input id="save-name" maxlength="200" autocomplete="off" .value=${form.name} @input=${(e: Event) => void this.checkName((e.target as HTMLInputElement).value)} />
            ${form.taken
              ? html`<p class="warning">${t('app.nameTaken', { name: form.name.trim() })}</p>`
              : ownSaved
                ? html`<p class="muted">${t('app.saveUpdates', { name: draft.name })}</p>`
                : nothing}
            ${form.error ? html`<p class="issue" role="alert">${form.error}</p>` : nothing}
            <div class="dialog-actions">
              <button class="primary" type="submit" ?disabled=${form.busy}>${form.busy ? t('app.saving') : form.taken ? t('app.saveReplace', { name: form.name.trim() }) : t('app.saveConfirm')}</button>
              ${ownSaved && !form.taken ? html`<button type="button" ?disabled=${form.busy} @click=${() => void this.save(true)}>${t('app.saveAsNew')}</button>` : nothing}
              <button type="button" @click=${() => this.closeSaveDialog()}>${t('app.saveCancel')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  override render() {
    const loc = this.location;
    const draft = this.draft;
    const dirty = draft ? isEdited(draft) : false;
    const linked = draft ? fromLink(draft) : false;
    const href = (view: View) => formatLocation({ ...loc, view });
    // A projector shows the teaching step and nothing else: the step's own bar leaves presentation mode.
    const presenting = loc.view === 'teach' && loc.pres && draft !== undefined;
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => (e.preventDefault(), void this.focusView())}>${t('app.skip')}</a>
      <header ?hidden=${presenting}>
        <a class="brand" href=${href('library')}>reimburse<small>${t('app.tagline')}</small></a>
        <nav aria-label=${t('app.views')}>
          <ul>
            ${(Object.keys(VIEW_LABELS) as View[]).map(
              (view) => html`<li><a href=${href(view)} aria-current=${loc.view === view ? 'page' : nothing} @click=${(e: Event) => (e.preventDefault(), this.navigate(view))}>${VIEW_LABELS[view]()}</a></li>`,
            )}
          </ul>
        </nav>
        <div class="end">
        ${draft
          ? html`<div class="working">
              <span class="name" title=${this.draftName(draft)}>${this.draftName(draft)}</span>
              ${dirty ? html`<span class="badge" title=${t('app.unsavedTitle')}>${t('app.unsaved')}</span>` : nothing}
              ${linked ? html`<span class="badge linked" title=${t('app.fromLinkTitle')}>${t('app.fromLink')}</span>` : nothing}
              <input class="group" size="10" aria-label=${t('app.group')} placeholder=${t('app.group')} title=${t('app.groupTitle')} .value=${this.group} @input=${(e: Event) => this.setGroup((e.target as HTMLInputElement).value)} />
              <button class="primary" aria-haspopup="dialog" @click=${() => this.openSaveDialog()}>${t('app.saveButton')}</button>
              <button @click=${() => this.share()}>${t('app.shareLink')}</button>
            </div>`
          : nothing}
        <label class="language">
          <span>${t('app.language')}</span>
          <select @change=${(e: Event) => this.changeLocale((e.target as HTMLSelectElement).value as Locale)}>
            ${LOCALES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === locale()}>${LOCALE_NAMES[l]}</option>`)}
          </select>
        </label>
        </div>
      </header>
      <main id="main" tabindex="-1" class=${presenting ? 'presenting' : ''}>
        ${this.shareLink
          ? html`<div class="share card">
              <label for="share-link">${t('app.linkLabel')}</label>
              <input id="share-link" readonly .value=${this.shareLink} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
              <button class="quiet" @click=${() => (this.shareLink = '')} aria-label=${t('app.closeLink')}>✕</button>
            </div>`
          : nothing}
        ${this.renderView()}
      </main>
      ${this.renderSaveDialog()}
      <div class="toasts" role="status" aria-live="polite">
        ${this.toasts.map(
          (toast) => html`<div class="toast ${toast.tone}">
            <span>${toast.message}</span>
            ${toast.undo ? html`<button @click=${() => (toast.undo!(), this.dismiss(toast.id))}>${toast.undoLabel ?? t('app.undo')}</button>` : nothing}
            <button class="quiet" aria-label=${t('app.dismiss')} @click=${() => this.dismiss(toast.id)}>✕</button>
          </div>`,
        )}
      </div>
    `;
  }
}
