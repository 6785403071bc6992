/**
 * Every payment kind, by name. Adding a kind is one file in this folder, its tests, and a line here.
 */
import type { ComponentKind, PaymentComponent } from '../../scenario/types.js';
import { episode, value } from './episode.js';
import { fixed } from './fixed.js';
import { goal } from './goal.js';
import { targetPriceKind } from './target-price.js';
import type { KindDescription, PaymentKind } from './kind.js';
import { sharedSavings } from './shared-savings.js';
import { variable } from './variable.js';

export const KINDS: { readonly [K in ComponentKind]: PaymentKind<Extract<PaymentComponent, { kind: K }>> } = { fixed, variable, goal, episode, value, 'shared-savings': sharedSavings, 'target-price': targetPriceKind };

export const KIND_NAMES = Object.keys(KINDS) as ComponentKind[];

/** The kind of a component. @example kindOf(spec).width */
export function kindOf(spec: PaymentComponent): PaymentKind {
  return KINDS[spec.kind] as unknown as PaymentKind;
}

/** Every kind's description, for the validator, the editor, the levers and the docs. @example kindDescriptions().map((d) => d.kind) */
export function kindDescriptions(): KindDescription[] {
  return KIND_NAMES.map((k) => KINDS[k].description);
}
