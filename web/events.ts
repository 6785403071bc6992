/**
 * Every event the components fire, declared once: bubbling and composed, fired on user input
 * only — never when code sets a property.
 */
import type { Resolution } from '../src/results/bands.js';
import type { EngineKind } from './engine/protocol.js';
import type { JsonObject } from './state/library.js';
import type { View } from './state/location.js';

export interface RbEvents {
  /** Open a scenario from the library (a reference) or from a file or link (JSON). */
  'rb-open': { ref?: string; json?: JsonObject; name: string; view?: View; draft?: string };
  /** The user changed the working scenario (editor field or lever); `group` names the field, so keystrokes in it undo together. */
  'rb-scenario-input': { json: JsonObject; group?: string };
  /** Undo or redo the last edit of the working scenario. */
  'rb-history': { step: 'undo' | 'redo' };
  /** Go to another view. */
  'rb-navigate': { view: View };
  /** Engine, replications, seed or period length changed. */
  'rb-settings': { engine?: EngineKind; reps?: number; seed?: number; res?: Resolution; inc?: boolean; step?: number; pres?: boolean };
  /** The scenarios picked for comparison changed. */
  'rb-compare-refs': { refs: string[] };
  /** Save the working scenario: the app asks for a name (`asNew`: offer a new saved scenario first). */
  'rb-save': { asNew: boolean };
  /** A saved scenario got a new name in the library. */
  'rb-renamed': { ref: string; name: string };
  /** A formula field's text changed. */
  'rb-formula-input': { value: string };
  /** Something to tell the user, with an optional undo. */
  'rb-toast': { message: string; tone?: 'info' | 'error'; undo?: () => void; undoLabel?: string };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rb-open': CustomEvent<RbEvents['rb-open']>;
    'rb-scenario-input': CustomEvent<RbEvents['rb-scenario-input']>;
    'rb-navigate': CustomEvent<RbEvents['rb-navigate']>;
    'rb-history': CustomEvent<RbEvents['rb-history']>;
    'rb-settings': CustomEvent<RbEvents['rb-settings']>;
    'rb-compare-refs': CustomEvent<RbEvents['rb-compare-refs']>;
    'rb-save': CustomEvent<RbEvents['rb-save']>;
    'rb-renamed': CustomEvent<RbEvents['rb-renamed']>;
    'rb-toast': CustomEvent<RbEvents['rb-toast']>;
    'rb-formula-input': CustomEvent<RbEvents['rb-formula-input']>;
  }
}

/**
 * Fire a typed event from a component.
 * @example emit(this, 'rb-navigate', { view: 'results' })
 */
export function emit<K extends keyof RbEvents>(target: EventTarget, type: K, detail: RbEvents[K]): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
