/**
 * The payment models of `models/*.json`, bundled: the editor offers them for model references and
 * the levers read their parameters' descriptions, units and bounds.
 */
import type { PaymentModel } from '../../src/scenario/types.js';

export const MODELS: Readonly<Record<string, PaymentModel>> = Object.fromEntries(
  Object.values(import.meta.glob<PaymentModel>('../../models/*.json', { eager: true, import: 'default' })).map((m) => [m.id, m]),
);
