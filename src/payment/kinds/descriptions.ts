/**
 * Every kind's description alone — fields, units, ranges, help in English and Swedish, a valid
 * template — without the code that settles it: what the web editor, the levers and the docs read.
 */
import type { ComponentKind } from '../../scenario/types.js';
import { episodeDescription, valueDescription } from './episode.js';
import { description as fixed } from './fixed.js';
import { description as goal } from './goal.js';
import { description as targetPrice } from './target-price.js';
import type { KindDescription } from './kind.js';
import { description as sharedSavings } from './shared-savings.js';
import { description as variable } from './variable.js';

export const KIND_DESCRIPTIONS: { readonly [K in ComponentKind]: KindDescription } = { fixed, variable, goal, episode: episodeDescription, value: valueDescription, 'shared-savings': sharedSavings, 'target-price': targetPrice };
