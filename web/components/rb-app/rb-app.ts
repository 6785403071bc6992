/**
 * The app shell: the views, the working scenario (draft in local storage, state in the URL),
 * saving and sharing, and the live expected-value evaluation every view reads.
 */
import { html, LitElement, nothing } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { Evaluated, Solved, SolvedBehaviour } from '../../engine/protocol.js';
import { isAbort } from '../../engine/engine-client.js';
import { liveEngine, solveEngine } from '../../engine/engines.js';
import type { RbEvents } from '../../events.js';
import type { Draft } from '../../state/draft.js';
import { isDirty, loadDraft, storeDraft } from '../../state/draft.js';
import type { JsonObject } from '../../state/library.js';
import { getSaved, newId, putSaved, resolveRef } from '../../state/library.js';
import type { AppLocation, View } from '../../state/location.js';
import { formatLocation, parseLocation } from '../../state/location.js';
import { decodeScenario, encodeScenario } from '../../state/share.js';
import { styles } from './rb-app.styles.js';

interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  undo?: () => void;
}

const VIEW_LABELS: Record<View, string> = { library: 'Library', edit: 'Editor', results: 'Results', compare: 'Compare' };

function titleOf(json: JsonObject, fallback: string): string {
  return typeof json.title === 'string' && json.title.trim() !== '' ? json.title : fallback;
}

export class RbApp extends LitElement {
  static override styles = styles;
  static override properties = {
    location: { state: true },
    draft: { state: true },
    liveJson: { state: true },
    toasts: { state: true },
    shareLink: { state: true },
    solved: { state: true },
  };

  declare location: AppLocation;
  declare draft: Draft | undefined;
  /** The scenario the live evaluation runs on: the draft, at most once per animation frame. */
  declare liveJson: JsonObject | undefined;
  declare toasts: Toast[];
  declare shareLink: string;
  /** Expected values with the providers' response solved, and the design they are for. */
  declare solved: { json: JsonObject; result: Solved } | undefined;

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
      if (!isAbort(error)) this.toast({ message: `The engine failed: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' });
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
      if (!isAbort(error)) this.toast({ message: `Solving the providers' response failed: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' });
    },
  });

  constructor() {
    super();
    this.location = parseLocation(window.location.hash);
    this.draft = undefined;
    this.liveJson = undefined;
    this.toasts = [];
    this.shareLink = '';
    this.solved = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener('popstate', this.onHash);
    this.addEventListener('rb-open', (e) => void this.open(e.detail));
    this.addEventListener('rb-scenario-input', (e) => this.input(e.detail.json));
    this.addEventListener('rb-navigate', (e) => this.navigate(e.detail.view));
    this.addEventListener('rb-settings', (e) => this.settings(e.detail));
    this.addEventListener('rb-compare-refs', (e) => this.setLocation({ ...this.location, cmp: e.detail.refs }, false));
    this.addEventListener('rb-save', (e) => void this.save(e.detail.asNew));
    this.addEventListener('rb-toast', (e) => this.toast(e.detail));
    void this.restore(this.location);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener('popstate', this.onHash);
  }

  /** The working scenario from the URL (draft id, compressed scenario, or library reference). */
  private async restore(loc: AppLocation): Promise<void> {
    const local = loadDraft();
    if (loc.d && local?.id === loc.d) return this.useDraft(local, false);
    if (loc.s) {
      try {
        const json = JSON.parse(await decodeScenario(loc.s)) as JsonObject;
        const origin = loc.src ? await resolveRef(loc.src) : undefined;
        const draft: Draft = { id: newId(), origin: origin ? loc.src : undefined, name: origin?.name ?? titleOf(json, 'Shared scenario'), json, savedText: origin ? JSON.stringify(origin.json) : '', updatedAt: Date.now() };
        return this.useDraft(draft, true);
      } catch (error) {
        this.toast({ message: `Could not open the scenario in this link: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' });
        return this.setLocation({ ...loc, view: 'library', s: undefined, d: undefined, src: undefined }, false);
      }
    }
    if (loc.src) {
      const found = await resolveRef(loc.src);
      if (found) return this.useDraft({ id: newId(), origin: loc.src, name: found.name, json: found.json, savedText: JSON.stringify(found.json), updatedAt: Date.now() }, true);
      this.toast({ message: `The scenario '${loc.src}' is not in this browser's library.`, tone: 'error' });
    } else if (local && loc.view !== 'library' && loc.view !== 'compare') {
      return this.useDraft(local, true);
    }
    this.draft = undefined;
  }

  private useDraft(draft: Draft, store: boolean): void {
    this.draft = draft;
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
    const sameScenario = next.src === prev.src && next.s === prev.s && next.d === prev.d;
    if (!sameScenario && (next.src || next.s || next.d)) await this.restore(next);
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
    this.setLocation(loc, false);
  }

  private async open(detail: RbEvents['rb-open']): Promise<void> {
    let json = detail.json;
    if (!json && detail.ref) json = (await resolveRef(detail.ref))?.json;
    if (!json) {
      this.toast({ message: `Could not open '${detail.name}'.`, tone: 'error' });
      return;
    }
    const draft: Draft = { id: newId(), origin: detail.ref, name: detail.name, json, savedText: JSON.stringify(json), updatedAt: Date.now() };
    this.draft = draft;
    this.lastLive = undefined;
    this.forgetSolved();
    storeDraft(draft);
    this.setLocation({ ...this.location, view: detail.view ?? 'results', src: detail.ref, d: draft.id, s: undefined }, true);
    this.scheduleLive();
    this.scheduleEncode();
  }

  private input(json: JsonObject): void {
    if (!this.draft) return;
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
      const s = isDirty(draft) || !draft.origin ? await encodeScenario(draft.json) : undefined;
      if (ticket !== this.encoding) return;
      this.setLocation({ ...this.location, s }, false);
    }, 250);
  }

  private async save(asNew: boolean): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    const now = Date.now();
    const existing = !asNew && draft.origin?.startsWith('saved:') ? await getSaved(draft.origin.slice(6)) : undefined;
    const name = asNew && existing === undefined && draft.origin?.startsWith('saved:') ? `${draft.name} (copy)` : draft.name;
    const record = existing ? { ...existing, json: draft.json, savedAt: now } : { id: newId(), name, json: draft.json, createdAt: now, savedAt: now };
    await putSaved(record);
    this.draft = { ...draft, origin: `saved:${record.id}`, name: record.name, savedText: JSON.stringify(draft.json), updatedAt: now };
    storeDraft(this.draft);
    this.setLocation({ ...this.location, src: this.draft.origin, s: undefined }, false);
    this.toast({ message: `Saved '${record.name}' in this browser.` });
  }

  private async share(): Promise<void> {
    if (!this.draft) return;
    const s = await encodeScenario(this.draft.json);
    const hash = formatLocation({ ...this.location, view: this.location.view === 'edit' ? 'edit' : 'results', d: undefined, s });
    const link = `${window.location.origin}${window.location.pathname}${hash}`;
    this.shareLink = link;
    try {
      await navigator.clipboard.writeText(link);
      this.toast({ message: 'Link copied: it holds the whole scenario, so it opens anywhere.' });
    } catch {
      this.toast({ message: 'Copy the link from the box above.' });
    }
  }

  private toast(t: { message: string; tone?: 'info' | 'error'; undo?: () => void }): void {
    const id = ++this.toastId;
    this.toasts = [...this.toasts, { id, message: t.message, tone: t.tone ?? 'info', undo: t.undo }];
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
    if (loc.view === 'library') return html`<rb-library .draft=${this.draft}></rb-library>`;
    if (loc.view === 'compare') return html`<rb-compare .refs=${loc.cmp} .engine=${loc.engine} .reps=${loc.reps} .seed=${loc.seed} .resolution=${loc.res}></rb-compare>`;
    if (!this.draft) {
      return html`<div class="card empty">
        <h1>No scenario open</h1>
        <p>Open a built-in scenario, one you saved, or a file from the <a href="#/library">library</a>.</p>
      </div>`;
    }
    if (loc.view === 'edit') return html`<rb-editor .json=${this.draft.json} .check=${this.liveResult?.check}></rb-editor>`;
    return html`<rb-results
      .json=${this.draft.json}
      .live=${this.liveResult}
      .livePending=${this.live.status === TaskStatus.PENDING}
      .solved=${this.solved?.json === this.draft.json ? this.solved.result : undefined}
      .solving=${this.solving.status === TaskStatus.PENDING || this.solveTimer !== 0}
      scenarioKey=${this.draft.id}
      .engine=${loc.engine}
      .reps=${loc.reps}
      .seed=${loc.seed}
      .resolution=${loc.res}
      .incentives=${loc.inc}
    ></rb-results>`;
  }

  override render() {
    const loc = this.location;
    const draft = this.draft;
    const dirty = draft ? isDirty(draft) : false;
    const href = (view: View) => formatLocation({ ...loc, view });
    return html`
      <header>
        <a class="brand" href=${href('library')}>reimburse<small>reimbursement model simulator</small></a>
        <nav aria-label="Views">
          <ul>
            ${(Object.keys(VIEW_LABELS) as View[]).map(
              (view) => html`<li><a href=${href(view)} aria-current=${loc.view === view ? 'page' : nothing} @click=${(e: Event) => (e.preventDefault(), this.navigate(view))}>${VIEW_LABELS[view]}</a></li>`,
            )}
          </ul>
        </nav>
        ${draft
          ? html`<div class="working">
              <span class="name" title=${draft.name}>${draft.name}</span>
              ${dirty ? html`<span class="badge" title="Changes are kept in this browser and in the link">unsaved changes</span>` : nothing}
              <button class="primary" @click=${() => this.save(false)}>Save</button>
              <button @click=${() => this.share()}>Share link</button>
            </div>`
          : nothing}
      </header>
      <main>
        ${this.shareLink
          ? html`<div class="share card">
              <label for="share-link">Link to this scenario</label>
              <input id="share-link" readonly .value=${this.shareLink} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
              <button class="quiet" @click=${() => (this.shareLink = '')} aria-label="Close the link box">✕</button>
            </div>`
          : nothing}
        ${this.renderView()}
      </main>
      <div class="toasts" role="status" aria-live="polite">
        ${this.toasts.map(
          (t) => html`<div class="toast ${t.tone}">
            <span>${t.message}</span>
            ${t.undo ? html`<button @click=${() => (t.undo!(), this.dismiss(t.id))}>Undo</button>` : nothing}
            <button class="quiet" aria-label="Dismiss" @click=${() => this.dismiss(t.id)}>✕</button>
          </div>`,
        )}
      </div>
    `;
  }
}
