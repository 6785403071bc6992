/**
 * The exported results tables by id and title, in order: what the export buttons offer before
 * the export code (loaded on demand) builds them.
 */
export const RESULT_TABLES = [
  { id: 'spending', title: 'Spending per payer' },
  { id: 'margins', title: 'Revenue, cost and margin per provider' },
  { id: 'outcomes', title: 'Outcomes per need group and CNI band' },
  { id: 'money-flow', title: 'Money flow between principals' },
  { id: 'by-component', title: 'Margin by payment component' },
  { id: 'per-month', title: 'Spending and margin per month' },
  { id: 'reconciliation', title: 'Yearly reconciliation of shared savings and target prices' },
] as const;

export type ResultTableId = (typeof RESULT_TABLES)[number]['id'];
