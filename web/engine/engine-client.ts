/**
 * The page's side of the engine worker: one promise per request, progress callbacks, and
 * cancellation through an AbortSignal. A long run is cancelled by terminating its worker (the
 * simulation loop never yields to read a message); the next request starts a fresh one.
 */
import { t } from '../i18n/index.js';
import type { EngineRequest, EngineResponses, ReplyMessage, RequestMessage } from './protocol.js';

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /**
   * Latest wins: while a request with the same key is in the worker, a newer one waits, and
   * replaces (and rejects) any other waiting one. For live evaluation on every lever move.
   */
  coalesce?: string;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onProgress?: (fraction: number) => void;
  coalesce?: string;
}

interface Waiting {
  request: EngineRequest;
  options: CallOptions;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The error a cancelled request rejects with. */
export function abortError(): DOMException {
  return new DOMException('The run was cancelled.', 'AbortError');
}

/** @example isAbort(error) // true for a cancelled or superseded request */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export class EngineClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, Waiting>();

  /**
   * @param name shown in the browser's task manager and dev tools
   * @param terminateOnAbort cancel by terminating the worker (long runs), rather than by ignoring the answer
   */
  constructor(
    private readonly name: string,
    private readonly terminateOnAbort: boolean,
  ) {}

  /**
   * Send a request; resolves with its answer, rejects with the worker's error or an AbortError.
   * @example const checked = await client.call({ type: 'validate', json })
   */
  call<T extends EngineRequest['type']>(request: EngineRequest & { type: T }, options: CallOptions = {}): Promise<EngineResponses[T]> {
    return new Promise<EngineResponses[T]>((resolve, reject) => {
      const { signal, coalesce } = options;
      if (signal?.aborted) return reject(abortError());
      const res = resolve as (value: unknown) => void;
      if (coalesce !== undefined && this.inFlight.has(coalesce)) {
        this.waiting.get(coalesce)?.reject(abortError());
        this.waiting.set(coalesce, { request, options, resolve: res, reject });
        signal?.addEventListener('abort', () => {
          const w = this.waiting.get(coalesce);
          if (w?.resolve === res) {
            this.waiting.delete(coalesce);
            reject(abortError());
          }
        });
        return;
      }
      this.send(request, options, res, reject);
    });
  }

  /** Cancel everything: terminate the worker and reject what it was doing. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
    const pending = [...this.pending.values()];
    const waiting = [...this.waiting.values()];
    this.pending.clear();
    this.inFlight.clear();
    this.waiting.clear();
    for (const p of pending) p.reject(abortError());
    for (const w of waiting) w.reject(abortError());
  }

  private send(request: EngineRequest, options: CallOptions, resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
    const id = this.nextId++;
    this.pending.set(id, { resolve, reject, onProgress: options.onProgress, coalesce: options.coalesce });
    if (options.coalesce !== undefined) this.inFlight.set(options.coalesce, id);
    options.signal?.addEventListener('abort', () => {
      if (!this.pending.has(id)) return;
      if (this.terminateOnAbort) {
        this.terminate();
        return;
      }
      // The answer will still come; it is dropped when it does.
      const p = this.pending.get(id)!;
      this.pending.set(id, { ...p, resolve: () => {}, reject: () => {}, onProgress: undefined });
      reject(abortError());
    });
    const message: RequestMessage = { id, request };
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: this.name });
    worker.addEventListener('message', (event: MessageEvent<ReplyMessage>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const message = event.message || t('engine.workerFailed');
      // Reject with the reason first; terminate() then only cleans up.
      for (const p of this.pending.values()) p.reject(new Error(message));
      this.terminate();
    });
    this.worker = worker;
    return worker;
  }

  private receive(message: ReplyMessage): void {
    const p = this.pending.get(message.id);
    if (!p) return;
    if (message.kind === 'progress') {
      p.onProgress?.(message.fraction);
      return;
    }
    this.pending.delete(message.id);
    if (p.coalesce !== undefined) this.finish(p.coalesce, message.id);
    if (message.kind === 'result') p.resolve(message.value);
    else p.reject(Object.assign(new Error(message.message), { path: message.path, detail: message.detail, issues: message.issues }));
  }

  /** A coalesced request is done: send the one waiting behind it, if any. */
  private finish(key: string, id: number): void {
    if (this.inFlight.get(key) !== id) return;
    this.inFlight.delete(key);
    const next = this.waiting.get(key);
    if (!next) return;
    this.waiting.delete(key);
    this.send(next.request, next.options, next.resolve, next.reject);
  }
}
