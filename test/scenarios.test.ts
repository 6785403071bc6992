/**
 * The built-in scenarios: every file validates (with the payment models), documents itself and
 * runs with a balanced ledger; and each shows the direction of the result it documents, with the
 * behaviour model (equilibrium, best responses, adaptive paths, the incentive table) and the
 * expected-value engine on a small copy of its population.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decisions, SteadyContext } from '../src/behaviour/index.js';
import { behaviourPath, bestResponses, evaluateSteady, incentiveTable, solveFrom, startingDecisions, steadyContext, summarizeState } from '../src/behaviour/index.js';
import { GROUP_COUNT, GROUP_IDS, O, S } from '../src/domain.js';
import type { NeedGroupId } from '../src/domain.js';
import { OUTCOME, rowOffset } from '../src/engine/activity.js';
import type { ActivityTable } from '../src/engine/activity.js';
import type { Prepared } from '../src/run.js';
import { evaluateExpected, prepare, simulate } from '../src/run.js';
import { validateScenario } from '../src/scenario/index.js';
import { loadModels, loadScenarioFile } from '../src/scenario/load.js';
import type { PaymentComponent, PaymentModel, Scenario } from '../src/scenario/types.js';
import { scaledScenario } from '../scripts/refresh-baseline.js';

const DIR = 'scenarios';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const path = (id: string) => join(DIR, `${id}.json`);
const G = (id: NeedGroupId) => GROUP_IDS.indexOf(id);

let modelsCache: Promise<Record<string, PaymentModel>> | undefined;
const models = () => (modelsCache ??= loadModels());

/** A scenario file as raw JSON, edited (model references and all), then validated like a file. */
type Raw = { payment: { components: Record<string, unknown>[] }; [key: string]: unknown };
async function variant(id: string, edit: (raw: Raw) => void): Promise<Scenario> {
  const raw = JSON.parse(await readFile(path(id), 'utf8')) as Raw;
  edit(raw);
  const result = validateScenario(raw, { models: await models() });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.scenario;
}
/** Drop the (raw) components and model references whose id starts with one of `prefixes`. */
const without = (raw: Raw, ...prefixes: string[]) => (raw.payment.components = raw.payment.components.filter((c) => !prefixes.some((p) => String(c.id).startsWith(p))));
const ref = (model: string, id: string, parameters: Record<string, unknown>) => ({ model, id, parameters });
/** Today's hospital pay of the built-in scenarios: DRG plus specialist and ED visits at cost. */
const hospitalFees = (payer: string, payee: string) => [
  ref('drg', 'baseline-drg', { payer, payee }),
  ref('fee-per-visit', 'baseline-specialist', { payer, payee, service: 'specialistVisit', price: 3918 }),
  ref('fee-per-visit', 'baseline-akut', { payer, payee, service: 'edVisit', price: 2988 }),
];

const small = (scenario: Scenario, size: number, years = 1) => prepare(scaledScenario(scenario, size, years));
const TOLERANCE = { tolerance: 1e-3 };

/** The equilibrium of year `year` reached from zero effort (with substitution 0.5 the only one found from either start). */
function equilibrium(prepared: Prepared, year = 0) {
  const ctx = steadyContext(prepared, year);
  const solution = solveFrom(ctx, startingDecisions(ctx, 0), TOLERANCE);
  expect(solution.converged, `${prepared.scenario.id}: the equilibrium solver did not converge`).toBe(true);
  return { ctx, solution, state: summarizeState(ctx, solution.decisions, solution.evaluation) };
}
const effortOf = (prepared: Prepared, x: Decisions, provider: string, group: NeedGroupId) => x.effort[prepared.model.providerIds.indexOf(provider) * GROUP_COUNT + G(group)];
const given = (prepared: Prepared): Decisions => ({ effort: Float64Array.from(prepared.model.behaviour.effort[0]), intensity: Float64Array.from(prepared.model.behaviour.intensity[0]) });

/** Total of one column of an activity table over months [from, to). */
function total(t: ActivityTable, column: number, from = 0, to = t.months): number {
  let x = 0;
  for (let m = from; m < to; m++) for (let k = 0; k < t.catchments; k++) for (let g = 0; g < GROUP_COUNT; g++) for (let b = 0; b < 5; b++) x += t.data[rowOffset(t, m, k, g, b) + column];
  return x;
}
/** Each principal's net cost in a steady year: what it pays, plus its own providers' costs, minus their revenue. */
function principalNetCost(ctx: SteadyContext, e: ReturnType<typeof evaluateSteady>): Record<string, number> {
  const { scenario, model } = ctx.prepared;
  return Object.fromEntries(
    model.payerIds.map((id, j) => [id, scenario.providers.reduce((x, p, i) => (p.principal === id ? x + e.cost[i] - e.revenue[i] : x), e.spending[j])]),
  );
}

describe('every built-in scenario', () => {
  it('includes the ones the product promises', () => {
    for (const id of [
      'teaching-wrong-pocket',
      'teaching-wrong-pocket-1-fragmented',
      'teaching-wrong-pocket-2-shared-budget',
      'teaching-wrong-pocket-3-sip-and-bonus',
      'narvard-vastra-skaraborg',
      'halsostaden-angelholm',
      'tiohundra-norrtalje',
      'skane-stroke-today',
      'skane-stroke-value-chain',
      'aktiv-halsostyrning',
      'finsam-rehabilitation',
      'nara-vard-shift',
      'state-programme-2014-2017',
    ])
      expect(FILES).toContain(`${id}.json`);
  });

  it.each(FILES)('%s validates, documents itself and runs with a balanced ledger', async (file) => {
    const scenario = await loadScenarioFile(join(DIR, file));
    expect(scenario.id).toBe(basename(file, '.json'));
    expect(scenario.question?.endsWith('?')).toBe(true);
    expect(scenario.lookAt?.length).toBeGreaterThan(100);
    expect(scenario.description.length).toBeGreaterThan(500);
    expect(scenario.description).toMatch(/docs\/sources\.md|Vårdanalys 2017|Forum för Health Policy|Löpare Johansson|Lind 2010/);
    expect(scenario.description).toMatch(/ASSUMPTION/);
    expect(scenario.sources.length).toBeGreaterThan(2);
    expect(scenario.simulation.behaviour).toMatch(/^(equilibrium|adaptive|fixed)$/);
    expect(scenario.simulation.replications).toBeGreaterThanOrEqual(10);
    expect(scenario.population.size).toBeGreaterThanOrEqual(20_000);
    expect(scenario.population.size).toBeLessThanOrEqual(100_000);

    const prepared = small(scenario, 3000);
    const { expected, replications } = simulate(prepared, { replications: 2 });
    for (const outcome of [expected, ...replications]) {
      outcome.ledger.assertBalanced(prepared.model.months);
      const net = outcome.ledger.netByMonth(prepared.model.months);
      const paid = prepared.plan.payerAccount.reduce((x, a) => x - net.filter((_, i) => i % prepared.plan.accounts.length === a).reduce((s, v) => s + v, 0), 0);
      const received = prepared.plan.providerAccount.reduce((x, a) => x + net.filter((_, i) => i % prepared.plan.accounts.length === a).reduce((s, v) => s + v, 0), 0);
      expect(paid).toBeGreaterThan(0);
      expect(Math.abs(paid - received)).toBeLessThan(1e-6 * paid);
    }
  });

  it('the teaching files share population, providers and seed; teaching-wrong-pocket.json is the fragmented design', async () => {
    const [d0, d1, d2, d3] = await Promise.all(['teaching-wrong-pocket', 'teaching-wrong-pocket-1-fragmented', 'teaching-wrong-pocket-2-shared-budget', 'teaching-wrong-pocket-3-sip-and-bonus'].map((id) => loadScenarioFile(path(id))));
    for (const d of [d0, d2, d3]) {
      expect(d.population).toEqual(d1.population);
      expect(d.providers).toEqual(d1.providers);
      expect(d.payers).toEqual(d1.payers);
      expect(d.care).toEqual(d1.care);
      expect(d.simulation).toEqual(d1.simulation);
    }
    expect(d0.payment).toEqual(d1.payment);
  });
});

describe('each scenario shows the direction of its documented result', () => {
  it('teaching: equilibrium team coordination of the complex group rises from fragmented pay to a shared budget to SIP fee + system bonus', async () => {
    const coordination = [];
    for (const id of ['teaching-wrong-pocket-1-fragmented', 'teaching-wrong-pocket-2-shared-budget', 'teaching-wrong-pocket-3-sip-and-bonus']) {
      const { state } = equilibrium(small(await loadScenarioFile(path(id)), 2000));
      coordination.push(state.coordination['complex-low-capacity']);
    }
    const [fragmented, shared, direct] = coordination;
    expect(fragmented).toBeLessThan(0.05); // the wrong pocket: close to none
    expect(shared).toBeGreaterThan(fragmented + 0.05);
    expect(direct).toBeGreaterThan(shared + 0.05);
  });

  it('teaching: under fragmented pay the gap to the optimum is large and coordinating does not pay the hospital (DRG)', async () => {
    const prepared = small(await loadScenarioFile(path('teaching-wrong-pocket-1-fragmented')), 2000);
    const { ctx, solution } = equilibrium(prepared);
    const rows = incentiveTable(ctx, solution.decisions).filter((r) => r.group === 'complex-low-capacity');
    const hospital = rows.find((r) => r.provider === 'sjukhuset')!;
    expect(hospital.ownRevenue).toBeLessThan(0); // avoided admissions are lost DRG revenue
    expect(hospital.marginalProfit).toBeLessThan(0);
    expect(hospital.valueCreated).toBeGreaterThan(0);
  });

  it('Närvård västra Skaraborg: the 2018 pay raises coordination of the most ill over today’s pay; the fixed supplement alone changes nothing', async () => {
    const design = await loadScenarioFile(path('narvard-vastra-skaraborg'));
    const baseline = await variant('narvard-vastra-skaraborg', (raw) => without(raw, 'vc-lidkoping-mobil', 'vc-vara-mobil', 'vc-gotene-mobil', 'sip-ersattning'));
    const supplementOnly = await variant('narvard-vastra-skaraborg', (raw) => without(raw, 'sip-ersattning'));
    const withPay = equilibrium(small(design, 2000));
    const today = equilibrium(small(baseline, 2000));
    expect(withPay.state.coordination['complex-low-capacity']).toBeGreaterThan(today.state.coordination['complex-low-capacity'] + 0.03);
    expect(withPay.state.edVisitsPerThousand).toBeLessThan(today.state.edVisitsPerThousand);
    // A fixed amount per listed person moves no one (Vårdanalys 2017, 4.2.2: weighting gives only indirect
    // incentives): today's equilibrium is still every provider's best response with the supplement added.
    const ctx = steadyContext(small(supplementOnly, 2000));
    const x = today.solution.decisions;
    const best = bestResponses(ctx, x, evaluateSteady(ctx, x));
    for (let i = 0; i < x.effort.length; i++) expect(best.effort[i]).toBeCloseTo(x.effort[i], 2);
  });

  it('Projekt Hälsostaden: joint financing raises coordination and cuts admissions by about the follow-up’s 12 %', async () => {
    const design = await loadScenarioFile(path('halsostaden-angelholm'));
    const fragmented = await variant('halsostaden-angelholm', (raw) => {
      without(raw, 'gemensam-budget', 'mobila-team');
      delete raw.pools;
      raw.payment.components.push(
        ...hospitalFees('region-skane', 'angelholms-sjukhus'),
        ref('capitation-weighted', 'baseline-kap-centrum', { payer: 'region-skane', payee: 'vc-centrum' }),
        ref('capitation-weighted', 'baseline-kap-norra', { payer: 'region-skane', payee: 'vc-norra' }),
        ref('global-budget', 'baseline-hemsjukvard', { payer: 'angelholm', payee: 'hemsjukvarden', amount: 51e6 }),
        ref('fee-per-visit', 'baseline-korttid', { payer: 'angelholm', payee: 'korttidsenheten', service: 'shortTermStay', price: 18000 }),
      );
    });
    const joint = equilibrium(small(design, 4000));
    const today = equilibrium(small(fragmented, 4000));
    expect(joint.state.coordination['complex-low-capacity']).toBeGreaterThan(today.state.coordination['complex-low-capacity'] + 0.2);
    const admissions = (e: typeof joint) => total(e.solution.evaluation.outcome.table, S.admission);
    const change = admissions(joint) / admissions(today) - 1;
    expect(change).toBeLessThan(-0.08);
    expect(change).toBeGreaterThan(-0.16);
    expect(joint.state.edVisitsPerThousand).toBeLessThan(today.state.edVisitsPerThousand);
  });

  it('Tiohundra: who pays does not change who coordinates; the hospital budget (no DRG) does', async () => {
    const design = await loadScenarioFile(path('tiohundra-norrtalje'));
    const ownPayers = await variant('tiohundra-norrtalje', (raw) => {
      for (const c of raw.payment.components) {
        const parameters = c.parameters as Record<string, unknown>;
        parameters.payer = /^(sjukhus|tiohundra-vc)/.test(String(c.id)) ? 'sll' : 'norrtalje';
      }
    });
    const withDrg = await variant('tiohundra-norrtalje', (raw) => {
      without(raw, 'sjukhus-anslag');
      raw.payment.components.push(...hospitalFees('sll', 'tiohundra-sjukhus'));
    });
    const joint = equilibrium(small(design, 2000));
    // The joint equilibrium is also the equilibrium when each principal pays its own providers…
    const separate = small(ownPayers, 2000);
    const ctx = steadyContext(separate);
    const x = joint.solution.decisions;
    const best = bestResponses(ctx, x, evaluateSteady(ctx, x));
    for (let i = 0; i < x.effort.length; i++) expect(best.effort[i]).toBeCloseTo(x.effort[i], 2);
    // …but the money comes from elsewhere: through the federation the county council pays 60 % of everything.
    const sllShare = (prepared: Prepared) => {
      const spending = evaluateSteady(steadyContext(prepared), x).spending;
      return spending[prepared.model.payerIds.indexOf('sll')] / spending.reduce((a, b) => a + b, 0);
    };
    expect(sllShare(joint.ctx.prepared)).toBeCloseTo(0.6, 9);
    expect(Math.abs(sllShare(separate) - 0.6)).toBeGreaterThan(1e-3);
    const drg = equilibrium(small(withDrg, 2000));
    expect(joint.state.coordination['complex-low-capacity']).toBeGreaterThan(drg.state.coordination['complex-low-capacity'] + 0.05);
  });

  it('Skåne stroke: today’s file reproduces the teams’ 2010 ADL results; the value-based chain makes coordinating pay every team', async () => {
    const today = small(await loadScenarioFile(path('skane-stroke-today')), 9000);
    const value = small(await loadScenarioFile(path('skane-stroke-value-chain')), 9000);
    // Calibration: ADL-independent at 3 months per team area, 2010 (seeds/003).
    const adl2010: Record<string, number> = { angelholm: 0.863, hassleholm: 0.86, trelleborg: 0.822, malmo: 0.789, helsingborg: 0.789, kristianstad: 0.786, lund: 0.78, ystad: 0.859, landskrona: 0.83 };
    const t = evaluateExpected(today).table;
    const municipalities = today.scenario.population.municipalities.map((m) => m.id);
    today.model.catchments.forEach((c, k) => {
      let episodes = 0;
      let adl = 0;
      for (let m = 0; m < 12; m++)
        for (let b = 0; b < 5; b++) {
          const row = rowOffset(t, m, k, G('rapid-onset'), b);
          episodes += t.data[row + OUTCOME + O.episodes];
          adl += t.data[row + OUTCOME + O.adlIndependent];
        }
      expect(adl / episodes).toBeCloseTo(adl2010[municipalities[c.municipality]], 3);
    });
    // Incentives at the 2010 behaviour: one more unit of coordination for group 2, per team.
    const marginal = (prepared: Prepared) =>
      Object.fromEntries(incentiveTable(steadyContext(prepared), given(prepared)).filter((r) => r.group === 'rapid-onset' && r.provider.startsWith('strokeenhet-')).map((r) => [r.provider, r.marginalProfit]));
    const underDrg = marginal(today);
    const underValue = marginal(value);
    expect(Object.keys(underDrg)).toHaveLength(9);
    for (const team of Object.keys(underDrg)) {
      expect(underDrg[team]).toBeLessThan(0);
      expect(underValue[team]).toBeGreaterThan(0);
    }
    // Best responses: DRG pulls every hospital's effort for group 2 down, the value chain pushes it up.
    const respond = (prepared: Prepared) => {
      const ctx = steadyContext(prepared);
      const x = given(prepared);
      const best = bestResponses(ctx, x, evaluateSteady(ctx, x));
      return prepared.model.providerIds.filter((id) => id.startsWith('strokeenhet-')).map((id) => [effortOf(prepared, x, id, 'rapid-onset'), effortOf(prepared, best, id, 'rapid-onset')]);
    };
    for (const [before, after] of respond(today)) expect(after).toBeLessThan(before);
    for (const [before, after] of respond(value)) expect(after).toBeGreaterThan(before);
  });

  it('Aktiv hälsostyrning: coaching builds up while paid per contact and falls back after 2012; ED visits follow', async () => {
    const prepared = small(await loadScenarioFile(path('aktiv-halsostyrning')), 2000, 5);
    const run = behaviourPath(prepared);
    const coach = run.years.map((x) => effortOf(prepared, x, 'vc-soder', 'complex-high-capacity'));
    expect(coach[2]).toBeGreaterThan(coach[0]); // 2012 > 2010: building up
    expect(coach[3]).toBeLessThan(coach[2]); // 2013: the project pay has ended
    expect(coach[4]).toBeLessThan(coach[3]);
    const table = evaluateExpected(prepared, run.behaviour).table;
    const edInYear = (y: number) => total(table, S.edVisit, 12 * y, 12 * y + 12);
    expect(edInYear(2)).toBeLessThan(edInYear(4));
  });

  it('Finsam: the 50/25/25 coordinator fee makes primary care coordinate for groups 1 and 3, and the state pays half of it', async () => {
    const design = small(await loadScenarioFile(path('finsam-rehabilitation')), 3000);
    const noFee = small(await variant('finsam-rehabilitation', (raw) => {
      const finsam = raw.payment.components.find((c) => c.id === 'samordningsforbundet')!;
      (finsam.parameters as Record<string, unknown>).coordinatorFee = 0;
    }), 3000);
    const withFinsam = equilibrium(design);
    const without = equilibrium(noFee);
    for (const group of ['complex-low-capacity', 'few-contacts-low-capacity'] as const) {
      expect(effortOf(design, withFinsam.solution.decisions, 'vardcentralerna', group)).toBeGreaterThan(effortOf(noFee, without.solution.decisions, 'vardcentralerna', group) + 0.1);
    }
    const ledger = evaluateExpected(design).ledger;
    const finsamComponents = new Set(design.plan.components.filter((c) => c.spec.id.startsWith('samordningsforbundet.')).map((c) => c.index));
    const paid: Record<string, number> = {};
    for (const t of ledger) if (finsamComponents.has(t.component)) paid[design.plan.accounts[t.from].id] = (paid[design.plan.accounts[t.from].id] ?? 0) + t.amount;
    const all = Object.values(paid).reduce((a, b) => a + b, 0);
    expect(paid.staten / all).toBeCloseTo(0.5, 9);
    expect(paid.region / all).toBeCloseTo(0.25, 9);
    expect(paid.kommunen / all).toBeCloseTo(0.25, 9);
  });

  it('nära vård: with a hospital budget, a mobile-team fee and a SIP fee both principals gain over today’s fragmented pay', async () => {
    const design = await loadScenarioFile(path('nara-vard-shift'));
    const fragmented = await variant('nara-vard-shift', (raw) => {
      without(raw, 'sjukhus-anslag', 'vc-ost-mobilt-team', 'vc-vast-mobilt-team', 'sip-ersattning');
      raw.payment.components.push(...hospitalFees('region', 'sjukhuset'));
    });
    const shift = equilibrium(small(design, 2000));
    const today = equilibrium(small(fragmented, 2000));
    expect(shift.state.coordination['complex-low-capacity']).toBeGreaterThan(today.state.coordination['complex-low-capacity'] + 0.2);
    const after = principalNetCost(shift.ctx, shift.solution.evaluation);
    const before = principalNetCost(today.ctx, today.solution.evaluation);
    expect(after.region).toBeLessThan(before.region);
    expect(after.kommunen).toBeLessThan(before.kommunen);
    expect(shift.solution.evaluation.welfare).toBeGreaterThan(today.solution.evaluation.welfare);
  });

  it('state programme 2014–2017: a per-contact grant lifts coordination while it pays and it falls when it ends; the lump grant moves nothing', async () => {
    const scenario = await loadScenarioFile(path('state-programme-2014-2017'));
    const prepared = small(scenario, 2000, 5);
    const run = behaviourPath(prepared);
    const effort = run.years.map((x) => effortOf(prepared, x, 'vc-a', 'complex-high-capacity'));
    expect(effort[3]).toBeGreaterThan(effort[0]); // 2017 > 2014
    expect(effort[4]).toBeLessThan(effort[3] - 0.1); // 2018: projektsyndrom
    const table = evaluateExpected(prepared, run.behaviour).table;
    const coordinationIn = (y: number) => evaluateExpected(prepared, run.behaviour).rates[12 * y].coordination[G('complex-high-capacity')];
    expect(coordinationIn(4)).toBeLessThan(coordinationIn(3));
    expect(total(table, S.admission, 48, 60)).toBeGreaterThan(total(table, S.admission, 36, 48));
    // Without the per-contact grant the lump alone leaves every year's behaviour as if there were no grant at all.
    const lumpOnly = small(await variant('state-programme-2014-2017', (raw) => without(raw, 'statligt-per-insats')), 2000, 5);
    const noGrant = small(await variant('state-programme-2014-2017', (raw) => without(raw, 'statligt-per-insats', 'statligt-projektanslag')), 2000, 5);
    const a = behaviourPath(lumpOnly).years;
    const b = behaviourPath(noGrant).years;
    a.forEach((x, y) => x.effort.forEach((e, i) => expect(e).toBeCloseTo(b[y].effort[i], 6)));
  });
});

describe('payment models', () => {
  it('every model cites its sources and documents every parameter', async () => {
    const all = await models();
    expect(Object.keys(all).length).toBeGreaterThanOrEqual(20);
    for (const model of Object.values(all)) {
      expect(model.source, model.id).toMatch(/docs\/sources\.md|Vårdanalys 2017|Forum för Health Policy|Löpare Johansson|Lind 2010/);
      for (const [name, parameter] of Object.entries(model.parameters)) {
        expect(parameter.description.length, `${model.id}.${name}`).toBeGreaterThan(10);
        if (typeof parameter.default === 'number' && parameter.default !== 0) expect(`${parameter.description} ${model.description}`, `${model.id}.${name}`).toMatch(/docs\/sources\.md|Vårdanalys 2017|Lind 2010|Löpare Johansson|ASSUMPTION|Wimo|Socialstyrelsen/);
      }
    }
  });

  it('every model is used by at least one built-in scenario (or documented as an alternative in one)', async () => {
    const used = new Set<string>();
    for (const file of FILES) {
      const raw = JSON.parse(await readFile(join(DIR, file), 'utf8')) as Raw;
      for (const c of raw.payment.components) if (typeof c.model === 'string') used.add(c.model);
      for (const m of Object.keys(await models())) if (String(raw.lookAt).includes(m) || String(raw.description).includes(`models/${m}.json`)) used.add(m);
    }
    const unused = Object.keys(await models()).filter((m) => !used.has(m));
    expect(unused).toEqual([]);
  });

  it('a component expanded from a model validates like a hand-written one', async () => {
    const scenario = await loadScenarioFile(path('teaching-wrong-pocket-3-sip-and-bonus'));
    const sip = scenario.payment.components.find((c) => 'id' in c && c.id === 'sip.sip-fee') as PaymentComponent;
    expect(sip).toMatchObject({ kind: 'variable', service: 'sipMeeting', payee: 'participants', price: 3000 });
  });
});
