/**
 * Behaviour over the years of a run. 'adaptive': each year every provider moves part of the way
 * (its adjustment speed) from last year's behaviour towards its best response to this year's
 * design and the others' behaviour, so a grant lifts coordination while it pays and it falls back
 * after. 'equilibrium': each year's Nash equilibrium, reached from last year's behaviour; a year
 * whose game is last year's (no component starts or stops paying between them) keeps last year's
 * equilibrium when that one converged, instead of confirming it with another solve: the
 * confirmation moves no decision by more than the solver's tolerance (1e-6 effort), and it was most
 * of a multi-year run's solving (four of five solves of a five-year region, each a full sweep).
 */
import type { Behaviour } from '../engine/model.js';
import type { Prepared } from '../payment/evaluation.js';
import type { Decisions } from './evaluate.js';
import { evaluateSteady, steadyContext } from './evaluate.js';
import type { SolveOptions } from './solve.js';
import { bestResponses, solveFrom } from './solve.js';

export interface BehaviourPath {
  behaviour: Behaviour;
  /** Decisions per year. */
  years: Decisions[];
  /** Per year: did the solver converge (equilibrium mode) or the best responses exist (adaptive). */
  converged: boolean[];
  /** Years solved (equilibrium) or stepped (adaptive); a repeated year's game kept from the year before is not. */
  solves: number;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Behaviour per year for a scenario's `simulation.behaviour` mode ('fixed' returns the given one),
 * from the scenario's starting behaviour or from `start` (a PSA draw's warm start).
 * @example const path = behaviourPath(prepared); simulate(prepared, { behaviour: path.behaviour })
 */
export function behaviourPath(prepared: Prepared, mode = prepared.scenario.simulation.behaviour ?? 'fixed', options: SolveOptions = {}, start?: Decisions): BehaviourPath {
  const model = prepared.model;
  const given: Decisions = start ?? { effort: Float64Array.from(model.behaviour.effort[0]), intensity: Float64Array.from(model.behaviour.intensity[0]) };
  if (mode === 'fixed') return { behaviour: model.behaviour, years: model.behaviour.effort.map(() => given), converged: model.behaviour.effort.map(() => true), solves: 0 };
  const years: Decisions[] = [];
  const converged: boolean[] = [];
  let x = given;
  let last: string | undefined;
  let solves = 0;
  for (let y = 0; y < model.years; y++) {
    const key = gameKey(prepared, y);
    if (mode === 'equilibrium' && y > 0 && key === last && converged[y - 1]) {
      years.push(x);
      converged.push(true);
      continue;
    }
    last = key;
    solves++;
    const ctx = steadyContext(prepared, y);
    if (mode === 'equilibrium') {
      const s = solveFrom(ctx, x, options);
      x = s.decisions;
      converged.push(s.converged);
    } else {
      const best = bestResponses(ctx, x, evaluateSteady(ctx, x), options);
      const next: Decisions = { effort: Float64Array.from(x.effort), intensity: Float64Array.from(x.intensity) };
      for (let i = 0; i < next.effort.length; i++) {
        const speed = ctx.parameters.adjustmentSpeed[Math.floor(i / (next.effort.length / model.providerIds.length))];
        next.effort[i] += speed * (best.effort[i] - x.effort[i]);
        next.intensity[i] += speed * (best.intensity[i] - x.intensity[i]);
      }
      x = next;
      converged.push(true);
    }
    // Rounded well inside the solver's tolerance so that the last bit of Math.log or Math.exp,
    // which differs between JavaScript engines, cannot make Node and a browser disagree.
    x = { effort: x.effort.map(round), intensity: x.intensity.map(round) };
    years.push(x);
  }
  return { behaviour: { effort: years.map((d) => d.effort), intensity: years.map((d) => d.intensity) }, years, converged, solves };
}

/**
 * What makes one year's steady game differ from another's: the components' windows inside it
 * (steadyContext shifts only those by the year, as here; everything else is the same model over the
 * same twelve months). A component that does not pay that year is off, however far its window lies
 * outside it.
 * @example gameKey(prepared, 1) === gameKey(prepared, 0) // no component starts or stops in year 2
 */
export function gameKey(prepared: Prepared, year: number): string {
  return prepared.plan.components
    .map((c) => {
      const start = Math.max(0, c.startMonth - 12 * year);
      const end = Math.min(12, c.endMonth - 12 * year);
      return end > start ? `${start}:${end}` : 'off';
    })
    .join(',');
}
