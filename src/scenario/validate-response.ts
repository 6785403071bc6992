/** The scenario's `response` section: how providers respond to pay (care/response.ts). */
import { RESPONSE, RESPONSE_PARAMETERS } from '../care/response.js';
import type { Reader } from './validate-core.js';

/**
 * Hard bounds where the behaviour model's arithmetic holds (a fee response or a selection cost of 0
 * would divide by zero); inside them a value outside the sourced range is allowed with a warning,
 * since a region may have evidence of its own.
 */
const HARD = {
  feeForServiceVolume: { min: 0.01, max: 2 },
  selectionCost: { min: 1, max: 1e6 },
  selectionHarm: { min: 0, max: 1e6 },
  valuePerQaly: { min: 0, max: 1e7 },
} as const;

/** @example validateResponse(reader, doc.response) */
export function validateResponse(r: Reader, value: unknown): void {
  const response = r.object(value, 'response', { required: [], optional: RESPONSE_PARAMETERS });
  if (response === undefined) return;
  for (const key of RESPONSE_PARAMETERS) {
    const path = `response.${key}`;
    const got = r.number(response[key], path, HARD[key]);
    const { min, max, source } = RESPONSE[key];
    if (got !== undefined && (got < min || got > max)) r.issues.warn(path, 'outsideSourcedRange', { min, max, got, source });
  }
}
