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

/**
 * Volume response to fee-for-service relative to capitation: +25 % (range +20 to +46 %; Hickson et
 * al. 1987, Gosden et al. 2000, Stockholm vårdval 2008; docs/sources.md). The curvature of the benefit
 * of discretionary care is set so that a provider with the default altruism reproduces it.
 */
export const FEE_FOR_SERVICE_RESPONSE = 0.25;

/**
 * kr-equivalent of one quality-adjusted life year, to add health to money. ASSUMPTION 500,000 kr
 * (Swedish decision-makers' range 500,000–1,000,000 kr per QALY).
 */
export const VALUE_PER_QALY = 500_000;

/** Cost of selection effort: kr per person per year at full effort against a group (ASSUMPTION). */
export const SELECTION_COST = 4_000;
/** Harm to a patient turned away, kr-equivalent per person (ASSUMPTION). */
export const SELECTION_HARM = 2_000;

/**
 * Dimensionless coefficients of the benefit of discretionary care per unit of base volume,
 * B(d) = c·q₀·(b·(d − 1) − k·(d² − 1)/2) (zero at usual practice), with the social optimum at d = 1 (B′(1) = c·q₀, so b − k = 1)
 * and d(FFS at price = cost) / d(capitation) = 1 + FEE_FOR_SERVICE_RESPONSE for a provider with altruism α.
 * From the first-order condition d* = (b − ((1 − r) − p/c)/α)/k:
 *   b = (1 + ε)/(ε·α), k = b − 1.
 * @example benefitCurve(0.5) // { b: 10, k: 9 }
 */
export function benefitCurve(altruism: number, response = FEE_FOR_SERVICE_RESPONSE): { b: number; k: number } {
  const b = (1 + response) / (response * altruism);
  return { b, k: b - 1 };
}

/** Bounds of the decisions. */
export const EFFORT_BOUNDS = [0, 1] as const;
export const INTENSITY_BOUNDS = [0, 3] as const;
