/**
 * The payment kinds' descriptions (src/payment/kinds/): fields, units, ranges and help in both
 * languages, which the editor and the levers draw from. The engine worker has the kinds; the page
 * asks it for their descriptions once, with the models, rather than bundling the settlement code.
 */
import type { KindDescription } from '../../src/payment/kinds/kind.js';
import type { ComponentKind } from '../../src/scenario/types.js';

/** Filled by `loadModels` (or `setKinds` in tests) before the app renders its views. */
export const KINDS_DESCRIBED: Partial<Record<ComponentKind, KindDescription>> = {};

/** @example setKinds(KIND_DESCRIPTIONS) */
export function setKinds(kinds: Readonly<Partial<Record<ComponentKind, KindDescription>>>): void {
  Object.assign(KINDS_DESCRIBED, kinds);
}
