/**
 * The app's engine workers, all from the same script: `live` answers validation, formula checks
 * and expected values in milliseconds; `runs` does the microsimulation and comparisons, and is
 * terminated when a run is cancelled, so it never holds the live answers up.
 */
import { EngineClient } from './engine-client.js';

export const liveEngine = new EngineClient('reimburse-live', false);
export const runEngine = new EngineClient('reimburse-runs', true);
/** Comparisons run several scenarios: their own worker, so cancelling one never stops a run. */
export const compareEngine = new EngineClient('reimburse-compare', true);
/** Providers' response to a changed design (equilibrium or adaptive behaviour) takes seconds: solved beside the live answers. */
export const solveEngine = new EngineClient('reimburse-solve', true);
/** Equilibria and the incentive table take seconds: their own worker, so runs and levers never wait for them. */
export const incentiveEngine = new EngineClient('reimburse-incentives', true);
