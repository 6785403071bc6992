/**
 * How a PSA draw sets the providers' behaviour. Solving every year's equilibrium afresh in every
 * draw is most of a draw's time, so a PSA may ask for less, with a stated meaning:
 *
 * - `solve` (default): as `run` at the drawn values: each year's equilibrium reached from the
 *   year before, the first from the scenario's starting behaviour (a year whose game is the previous
 *   year's keeps its converged equilibrium, as src/behaviour/dynamics.ts does).
 * - `warm`: the first year's equilibrium is reached from the base equilibrium (the design at its
 *   point values) instead, which takes fewer iterations than from the starting behaviour; later
 *   years as `solve`. Where the game has one equilibrium this is `solve`'s answer to within the
 *   solver's tolerance (1e-6 effort); where it has several, it is the one the base equilibrium moves to when the parameters change (a
 *   continuation of the base, not a jump to another). Equilibrium mode only; adaptive behaviour
 *   follows its own path from the starting behaviour, so it is solved as `solve` does.
 * - `hold`: the behaviour of the base run in every draw: the draws say how uncertain the outcomes
 *   are given what the providers do at the point values, not how their choices respond to the
 *   parameters (effort is the same in every draw).
 */
import type { Behaviour } from '../engine/model.js';
import type { Prepared } from '../run.js';
import type { Decisions, SolveOptions } from '../behaviour/index.js';
import { behaviourPath } from '../behaviour/dynamics.js';

export const DRAW_BEHAVIOURS = ['solve', 'warm', 'hold'] as const;
export type DrawBehaviour = (typeof DRAW_BEHAVIOURS)[number];

/**
 * The equilibrium path of a draw started from `start` (the base's first-year equilibrium): `run`'s
 * path (src/behaviour/dynamics.ts) from another starting point.
 * @example const { behaviour } = warmEquilibriumPath(prepared, base.years[0])
 */
export function warmEquilibriumPath(prepared: Prepared, start: Decisions, options: SolveOptions = {}): { behaviour: Behaviour; solves: number } {
  const { behaviour, solves } = behaviourPath(prepared, 'equilibrium', options, start);
  return { behaviour, solves };
}
