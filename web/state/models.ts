/**
 * The payment models of `models/*.json`: the editor offers them for model references and the
 * levers read their parameters' descriptions, units and bounds. The engine worker fetches the
 * files; the page asks it for them once (`loadModels`) instead of fetching them twice.
 */
import type { PaymentModel } from '../../src/scenario/types.js';
import { liveEngine } from '../engine/engines.js';
import { setKinds } from './kinds.js';

/** Filled by `loadModels` (or `setModels` in tests) before the app renders its views. */
export const MODELS: Record<string, PaymentModel> = {};

/**
 * Put models in `MODELS`.
 * @example setModels({ [model.id]: model })
 */
export function setModels(models: Readonly<Record<string, PaymentModel>>): void {
  Object.assign(MODELS, models);
}

/**
 * Ask the engine worker for the built-in payment models and the payment kinds' descriptions.
 * @example await loadModels(); MODELS['sip-fee'].title
 */
export async function loadModels(): Promise<void> {
  const [models, kinds] = await Promise.all([liveEngine.call({ type: 'models' }), liveEngine.call({ type: 'kinds' })]);
  setModels(models);
  setKinds(kinds);
}
