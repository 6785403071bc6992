/**
 * Behaviour defaults, each with its source or marked ASSUMPTION, and the range a user may explore.
 */

/**
 * Weight a provider puts on patients' benefit, in kr of profit per kr of benefit (U = π + α·B).
 * Ellis & McGuire 1986 (docs/sources.md) write α·π + B; ours is its inverse scaling. ASSUMPTION 0.5,
 * range 0.2–1: providers care about patients but less than about a krona of their own.
 */
export const ALTRUISM = { default: 0.5, min: 0.2, max: 1 };

/**
 * Penalty per kr² of the variance of a provider's yearly margin: (ρ/2)·Var(π). ASSUMPTION: a
 * provider would give up about 5 % of a one-standard-deviation loss of 1 M kr to avoid it.
 */
export const RISK_AVERSION = { default: 1e-7, min: 0, max: 1e-6 };

/** Share of the gap to the best response a provider closes per year (dynamics). ASSUMPTION 0.5. */
export const ADJUSTMENT_SPEED = { default: 0.5, min: 0.1, max: 1 };

export { RESPONSE, RESPONSE_PARAMETERS, providerResponse, type ResponseParameter } from '../care/response.js';
import { RESPONSE } from '../care/response.js';

export const FEE_FOR_SERVICE_RESPONSE = RESPONSE.feeForServiceVolume.default;

/**
 * Dimensionless coefficients of the benefit of discretionary care per unit of base volume,
 * B(d) = c·q₀·(b·(d − 1) − k·(d² − 1)/2) (zero at usual practice), with the social optimum at d = 1 (B′(1) = c·q₀, so b − k = 1)
 * and d(FFS at price = cost) / d(capitation) = 1 + FEE_FOR_SERVICE_RESPONSE for a provider with altruism α.
 * From the first-order condition d* = (b − ((1 − r) − p/c)/α)/k:
 *   b = (1 + ε)/(ε·α), k = b − 1.
 * @example benefitCurve(0.5) // { b: 10, k: 9 }
 */
export function benefitCurve(altruism: number, response: number = FEE_FOR_SERVICE_RESPONSE): { b: number; k: number } {
  const b = (1 + response) / (response * altruism);
  return { b, k: b - 1 };
}

/** Bounds of the decisions. */
export const EFFORT_BOUNDS = [0, 1] as const;
export const INTENSITY_BOUNDS = [0, 3] as const;
