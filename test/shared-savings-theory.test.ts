/**
 * Shared savings against theory. (a) The free-rider effect (Holmström 1982): a savings share split
 * equally among n providers gives each about 1/n of the marginal saving, so the equilibrium closes
 * less of the coordination gap as the team grows. (b) The minimum savings rate: with no effort at
 * all, savings come from chance alone; a small panel's MSR (the MSSP table, by size) leaves its
 * expected payout near zero where a contract without one pays out on noise.
 */
import { describe, expect, it } from 'vitest';
import { incentiveTable, solveEquilibrium, solveOptimum, steadyContext } from '../src/behaviour/index.js';
import { GROUP_COUNT } from '../src/domain.js';
import { evaluateExpected, simulate } from '../src/run.js';
import type { PaymentComponent, Pool, SharedSavingsComponent } from '../src/scenario/types.js';
import { onlyRates, providersWith, tiny } from './support/tiny.js';

const HEALTHY = 4;
const PC_A = 1;
const i = PC_A * GROUP_COUNT + HEALTHY;

/** Primary care's coordination of its healthy listed people prevents admissions; the hospital is paid per admission. */
function team(payee: string, pools: Pool[], savings: Partial<SharedSavingsComponent> = {}) {
  const components: PaymentComponent[] = [
    { id: 'cap', kind: 'fixed', basis: 'per-person', amount: 3000, payer: 'region', payee: 'pc-a' },
    { id: 'drg', kind: 'variable', service: 'admission', pricing: 'drg', price: 40_000, payer: 'region', payee: 'hospital' },
    // A benchmark far above spending: every year crosses the MSR, no cap binds, the payout is linear in spending.
    { id: 'ss', kind: 'shared-savings', payer: 'region', payee, benchmark: 20_000, minimumSavingsRate: 0, sharingRate: 0.5, settlement: 'year', ...savings },
  ];
  return tiny(components, [{ count: 500, frailty: 10 }], {
    pools,
    providers: providersWith({
      'pc-a': { behaviour: { riskAversion: 0, altruism: 0.5 }, coordinationCost: { healthy: 1000 } },
      hospital: { behaviour: { riskAversion: 0, altruism: 0.5 } },
      'home-health': { behaviour: { riskAversion: 0, altruism: 0.5 } },
      'home-care': { behaviour: { riskAversion: 0, altruism: 0.5 } },
    }),
    care: { rates: onlyRates({ healthy: { admission: 0.6, careCoachContact: 2 } }), effects: { healthy: { admission: 0.5 } } },
  });
}

const TEAMS: [number, string, Pool[]][] = [
  [1, 'pc-a', []],
  [2, 'acc', [{ id: 'acc', name: 'ACC', members: ['pc-a', 'hospital'], sharing: 'equal' }]],
  [4, 'acc', [{ id: 'acc', name: 'ACC', members: ['pc-a', 'hospital', 'home-health', 'home-care'], sharing: 'equal' }]],
];

describe('(a) the free-rider effect', () => {
  const rows = TEAMS.map(([n, payee, pools]) => {
    const ctx = steadyContext(team(payee, pools));
    const at = { effort: new Float64Array(ctx.effortActive.length).fill(0), intensity: new Float64Array(ctx.effortActive.length).fill(1) };
    at.effort[i] = 0.3;
    const row = incentiveTable(ctx, at).find((r) => r.provider === 'pc-a' && r.group === 'healthy')!;
    const region = row.others.find((o) => o.party === 'region')!.change;
    return { n, ctx, row, region };
  });

  it('gives each of n equal members about 1/n of what the shared saving pays for one more unit of effort', () => {
    const [alone] = rows;
    // Alone, primary care's revenue gain is half the fall in spending on its people.
    expect(alone.row.ownRevenue).toBeGreaterThan(0);
    for (const { n, row } of rows.slice(1)) expect(row.ownRevenue * n).toBeCloseTo(alone.row.ownRevenue, -1);
    for (const { n, row } of rows.slice(1)) expect(row.ownRevenue / alone.row.ownRevenue).toBeCloseTo(1 / n, 3);
  });

  it('closes less of the coordination gap as the team grows', () => {
    const closed = rows.map(({ ctx }) => {
      const [eq] = solveEquilibrium(ctx, { tolerance: 1e-9 }).equilibria;
      const opt = solveOptimum(ctx, { tolerance: 1e-9 });
      return { eq: eq.decisions.effort[i], opt: opt.decisions.effort[i] };
    });
    const none = (() => {
      const ctx = steadyContext(team('pc-a', [], { sharingRate: 0 }));
      return solveEquilibrium(ctx, { tolerance: 1e-9 }).equilibria[0].decisions.effort[i];
    })();
    // The optimum does not depend on who is paid; the equilibrium falls with n towards no sharing at all.
    expect(closed[1].opt).toBeCloseTo(closed[0].opt, 4);
    expect(closed[0].eq).toBeGreaterThan(closed[1].eq + 0.01);
    expect(closed[1].eq).toBeGreaterThan(closed[2].eq + 0.01);
    expect(closed[2].eq).toBeGreaterThanOrEqual(none);
    const share = (x: { eq: number; opt: number }) => (x.eq - none) / (x.opt - none);
    expect(share(closed[0])).toBeGreaterThan(share(closed[1]));
    expect(share(closed[1])).toBeGreaterThan(share(closed[2]));
  });
});

describe('(b) the minimum savings rate and a small panel', () => {
  // 400 frail people, no effort: any saving against a benchmark equal to expected spending is chance.
  const rates = onlyRates({ 'complex-low-capacity': { admission: 0.9, primaryVisit: 6, edVisit: 1 } });
  const cells = [{ count: 400, group: 0 }];
  const run = (savings: Partial<SharedSavingsComponent>) => {
    const component: SharedSavingsComponent = { id: 'ss', kind: 'shared-savings', payer: 'region', payee: 'pc-a', benchmark: 1, sharingRate: 0.5, settlement: 'year', ...savings };
    const expected = evaluateExpected(tiny([component], cells, { care: { rates, coordination: {} } })).ledger.reconciliations[0].actual;
    const p = tiny([{ ...component, benchmark: expected }], cells, { care: { rates, coordination: {} } });
    const { replications } = simulate(p, { replications: 60, seed: 11 });
    const paid = replications.map((o) => o.ledger.reconciliations.reduce((a, r) => a + r.amount, 0));
    const crossed = replications.filter((o) => o.ledger.reconciliations.some((r) => r.thresholdMet)).length;
    return { mean: paid.reduce((a, b) => a + b, 0) / paid.length, crossed, spending: expected * 4800 };
  };
  const none = run({ minimumSavingsRate: 0 });

  it('pays out on noise without an MSR; an MSR wide enough for the panel’s noise leaves next to nothing', () => {
    // This panel's yearly spending per member-month varies by about 10 % from chance alone (some
    // 100 admissions a year, and readmissions cluster): an MSR of 30 % is three standard deviations.
    const wide = run({ minimumSavingsRate: 0.3 });
    // Without an MSR about half the years save by chance, and they are paid: over 1 % of spending.
    expect(none.crossed).toBeGreaterThan(20);
    expect(none.mean).toBeGreaterThan(0.01 * none.spending);
    expect(wide.crossed).toBeLessThanOrEqual(2);
    expect(wide.mean).toBeLessThan(0.05 * none.mean);
  });

  it('the MSSP table by size cuts the chance payout of a 400-person panel, but does not remove it', () => {
    // 400 people: 3.9 % × √(5,000 / 400) ≈ 13.8 %, about 1.4 standard deviations of this panel's noise.
    const bySize = run({ msrBySize: true });
    expect(bySize.crossed).toBeLessThan(none.crossed / 3);
    expect(bySize.mean).toBeLessThan(0.6 * none.mean);
    expect(bySize.mean).toBeGreaterThan(0);
  });
});
