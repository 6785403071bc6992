/**
 * How providers respond to what a design pays: the parameters of the behaviour model's response
 * curves, with defaults, the range a user may explore, and where each comes from. A scenario sets
 * them in its `response` section; the sensitivity analysis varies them there.
 */
export const RESPONSE = {
  /**
   * Volume response to fee-for-service relative to capitation: +25 % (range +20 to +46 %; Hickson
   * et al. 1987, Gosden et al. 2000, Stockholm vårdval 2008; docs/sources.md). The curvature of the
   * benefit of discretionary care is set so that a provider with the default altruism reproduces it.
   */
  feeForServiceVolume: { default: 0.25, min: 0.2, max: 0.46, source: 'Hickson et al. 1987; Gosden et al. 2000; Agerholm et al. 2015' },
  /** Cost of selection effort: kr per person per year at full effort against a group. ASSUMPTION. */
  selectionCost: { default: 4_000, min: 1_000, max: 20_000, source: 'assumption' },
  /** Harm to a patient turned away, kr-equivalent per person. ASSUMPTION. */
  selectionHarm: { default: 2_000, min: 0, max: 10_000, source: 'assumption' },
  /**
   * kr-equivalent of one quality-adjusted life year, to add health to money. ASSUMPTION 500,000 kr
   * (Swedish decision-makers' range 500,000–1,000,000 kr per QALY).
   */
  valuePerQaly: { default: 500_000, min: 500_000, max: 1_000_000, source: 'assumption' },
} as const;

export type ResponseParameter = keyof typeof RESPONSE;
export const RESPONSE_PARAMETERS = Object.keys(RESPONSE) as ResponseParameter[];

/** The scenario's provider response with defaults filled in. @example providerResponse(scenario).feeForServiceVolume // 0.25 */
export function providerResponse(scenario: { response?: Partial<Record<ResponseParameter, number>> }): Record<ResponseParameter, number> {
  return Object.fromEntries(RESPONSE_PARAMETERS.map((k) => [k, scenario.response?.[k] ?? RESPONSE[k].default])) as Record<ResponseParameter, number>;
}

