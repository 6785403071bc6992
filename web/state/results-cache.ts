/**
 * Results kept for the page's lifetime, per scenario: a microsimulation or an incentive analysis
 * that took seconds is still there after a visit to another view (the view's component is
 * rebuilt) and arrives there even when it finished while another view was shown.
 */
const LIMIT = 24;
const entries = new Map<string, unknown>();
const changes = new EventTarget();

/**
 * @example remember('micro', draft.id, micro)
 */
export function remember(scope: string, key: string, value: unknown): void {
  const k = `${scope}\u0000${key}`;
  entries.delete(k);
  entries.set(k, value);
  // The oldest go first: a session that opens many scenarios keeps the recent ones.
  while (entries.size > LIMIT) entries.delete(entries.keys().next().value!);
  changes.dispatchEvent(new CustomEvent('change', { detail: { scope, key } }));
}

/** @example const micro = recall<Micro>('micro', draft.id) */
export function recall<T>(scope: string, key: string): T | undefined {
  return entries.get(`${scope}\u0000${key}`) as T | undefined;
}

/**
 * Be told when a result is remembered; returns the function that stops it.
 * @example const stop = onRemembered((scope, key) => …)
 */
export function onRemembered(listener: (scope: string, key: string) => void): () => void {
  const handler = (e: Event) => {
    const { scope, key } = (e as CustomEvent<{ scope: string; key: string }>).detail;
    listener(scope, key);
  };
  changes.addEventListener('change', handler);
  return () => changes.removeEventListener('change', handler);
}
