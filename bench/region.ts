/**
 * A region-sized scenario built in code for benchmarks: by default ten providers (a hospital, five
 * primary care centres and four municipal providers), two municipalities and a mixed payment design.
 */
import type { Scenario } from '../src/scenario/types.js';

/**
 * `providers` (at least 6) sets the number of primary-care centres (providers − 5): the hospital
 * and the four municipal providers stay, the centres share the listed population equally.
 * @example regionScenario(100_000, 5) // ten providers
 */
export function regionScenario(size: number, years: number, providers = 10): Scenario {
  const pcs = Array.from({ length: Math.max(1, providers - 5) }, (_, i) => `pc${i + 1}`);
  return {
    schemaVersion: 1,
    id: 'bench-region',
    title: 'Benchmark region',
    description: 'Ten providers, two municipalities, fee-for-service, DRG, capitation, goal and episode pay.',
    sources: [],
    population: {
      size,
      municipalities: [
        { id: 'north', name: 'North', share: 0.55 },
        { id: 'south', name: 'South', share: 0.45 },
      ],
      listing: pcs.map((provider) => ({ provider, share: 1 / pcs.length })),
    },
    payers: [
      { id: 'region', name: 'Region', kind: 'region' },
      { id: 'municipality', name: 'Municipality', kind: 'municipality' },
    ],
    providers: [
      { id: 'hospital', name: 'Hospital', type: 'hospital', principal: 'region' },
      ...pcs.map((id) => ({ id, name: id, type: 'primary-care' as const, principal: 'region' })),
      { id: 'home-health', name: 'Home health', type: 'home-health', principal: 'municipality' },
      { id: 'home-care', name: 'Home care', type: 'home-care', principal: 'municipality' },
      { id: 'nursing-home', name: 'Nursing home', type: 'nursing-home', principal: 'municipality', places: 400 },
      { id: 'short-term', name: 'Short-term care', type: 'short-term-care', principal: 'municipality' },
    ],
    pools: [{ id: 'joint', name: 'Joint pool', members: ['hospital', 'home-health'], sharing: 'by-cost' }],
    payment: {
      components: [
        ...pcs.map((pc) => ({ id: `cap-${pc}`, kind: 'fixed' as const, basis: 'per-person' as const, amount: 2500, payer: 'region', payee: pc, weight: 'acg * (1 + 0.05 * (cni - 3))' })),
        { id: 'drg', kind: 'variable', service: ['admission', 'readmission'], pricing: 'drg', price: 45000, payer: 'region', payee: 'hospital' },
        { id: 'ed', kind: 'variable', service: 'edVisit', pricing: 'fee', price: 2500, payer: 'region', payee: 'hospital' },
        { id: 'hh', kind: 'variable', service: 'homeHealthVisit', pricing: 'fee', price: 1000, payer: 'municipality', payee: 'home-health' },
        { id: 'hc', kind: 'variable', service: 'homeCareHour', pricing: 'fee', price: 430, payer: 'municipality', payee: 'home-care' },
        { id: 'nh', kind: 'fixed', basis: 'per-place', amount: 600000, payer: 'municipality', payee: 'nursing-home' },
        { id: 'st', kind: 'variable', service: 'shortTermStay', pricing: 'fee', price: 23000, payer: 'municipality', payee: 'short-term' },
        { id: 'sip', kind: 'variable', service: 'sipMeeting', pricing: 'fee', price: 1500, payer: 'region', payee: 'participants' },
        { id: 'readmit', kind: 'goal', indicator: 'readmissionRate', target: 0.1, amount: 2_000_000, settlement: 'year', payer: [{ payer: 'region', share: 0.5 }, { payer: 'municipality', share: 0.5 }], payee: 'joint' },
        { id: 'stroke', kind: 'episode', trigger: 'admission', groups: ['rapid-onset'], price: 60000, windowMonths: 3, includedServices: ['admission', 'readmission'], payer: 'region', payee: 'hospital' },
      ],
    },
    simulation: { start: '2026-01', years, stepsPerYear: 12, replications: 1, seed: 1 },
  };
}
