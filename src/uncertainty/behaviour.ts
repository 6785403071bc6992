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
import { solveFrom, steadyContext, type Decisions, type SolveOptions } from '../behaviour/index.js';
import { gameKey } from '../behaviour/dynamics.js';

export const DRAW_BEHAVIOURS = ['solve', 'warm', 'hold'] as const;
export type DrawBehaviour = (typeof DRAW_BEHAVIOURS)[number];

// As src/behaviour/dynamics.ts rounds each year's decisions, so the paths are comparable.
const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The equilibrium path of a draw started from `start` (the base's first-year equilibrium), each
 * repeated year's game answered by the year before when that year's solve converged.
 * @example const { behaviour } = warmEquilibriumPath(prepared, base.years[0])
 */
export function warmEquilibriumPath(prepared: Prepared, start: Decisions, options: SolveOptions = {}): { behaviour: Behaviour; solves: number } {
  const years: Decisions[] = [];
  let x = start;
  let last: { key: string; converged: boolean } | undefined;
  let solves = 0;
  for (let y = 0; y < prepared.model.years; y++) {
    const key = gameKey(prepared, y);
    if (last && last.key === key && last.converged) {
      years.push(x);
      continue;
    }
    const s = solveFrom(steadyContext(prepared, y), x, options);
    solves++;
    x = { effort: s.decisions.effort.map(round), intensity: s.decisions.intensity.map(round) };
    last = { key, converged: s.converged };
    years.push(x);
  }
  return { behaviour: { effort: years.map((d) => d.effort), intensity: years.map((d) => d.intensity) }, solves };
}
