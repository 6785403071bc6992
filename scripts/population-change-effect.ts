/**
 * What population change does to a scenario's yearly figures: the scenario as it is (stationary,
 * or as its file says) against the same scenario with `population.change: {}` (SCB's rates), under
 * the same provider behaviour (the one the scenario's behaviour mode gives on the file as it is),
 * so the difference is the population's alone. Expected values.
 *
 *   npx tsx scripts/population-change-effect.ts scenarios/halsostaden-angelholm.json
 */
import { CNI_BANDS, GROUP_COUNT, O, S } from '../src/domain.js';
import { OUTCOME } from '../src/engine/activity.js';
import type { Outcome, Prepared } from '../src/run.js';
import { evaluateExpected, prepare, runScenario } from '../src/run.js';
import { loadScenarioFile } from '../src/scenario/load.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx scripts/population-change-effect.ts SCENARIO.json');
  process.exit(2);
}

function yearly(o: Outcome, column: number, y: number): number {
  const t = o.table;
  const size = t.catchments * GROUP_COUNT * CNI_BANDS * t.cols;
  let sum = 0;
  for (let at = 12 * y * size; at < 12 * (y + 1) * size; at += t.cols) sum += t.data[at + column];
  return sum;
}

/** Per year: what payers paid out, and what per-person fixed pay (capitation) paid. */
function paid(p: Prepared, o: Outcome, y: number): { payers: number; perPerson: number } {
  let payers = 0;
  let perPerson = 0;
  for (const t of o.ledger) {
    if (Math.floor(t.month / 12) !== y) continue;
    const spec = p.plan.components[t.component]?.spec;
    if (p.plan.accounts[t.from].kind === 'payer') payers += t.amount;
    if (spec && spec.kind === 'fixed' && spec.basis === 'per-person' && p.plan.accounts[t.from].kind === 'payer') perPerson += t.amount;
  }
  return { payers, perPerson };
}

function providerCost(o: Outcome, months: readonly number[]): number {
  // costs.total is per (month, provider, …); summed over the year's months by index range.
  const perMonth = o.costs.total.length / o.table.months;
  let sum = 0;
  for (const m of months) for (let i = m * perMonth; i < (m + 1) * perMonth; i++) sum += o.costs.total[i];
  return sum;
}

const scenario = await loadScenarioFile(file);
const base = runScenario(scenario);
const changing = structuredClone(scenario);
changing.population.change = { ...(scenario.population.change ?? {}) };
const prepared = prepare(changing);
const moved = evaluateExpected(prepared, base.behaviour);
console.log(`${scenario.id}: ${scenario.population.size} people, ${scenario.simulation.years} years; rates ${JSON.stringify(prepared.model.change?.rates)}`);
console.log('year | people (mean/month) | deaths | admissions | nursing-home days | home-care hours | provider cost, MSEK | payers paid, MSEK | capitation paid by payers, MSEK');
const show = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
for (let y = 0; y < scenario.simulation.years; y++) {
  const months = Array.from({ length: 12 }, (_, i) => 12 * y + i);
  const row = (label: string, p: Prepared, o: Outcome) => {
    const money = paid(p, o, y);
    return `${label} ${y + 1} | ${show(yearly(o, OUTCOME + O.personMonths, y) / 12)} | ${show(yearly(o, OUTCOME + O.deaths, y))} | ${show(yearly(o, S.admission, y))} | ${show(yearly(o, S.nursingHomeDay, y))} | ${show(yearly(o, S.homeCareHour, y))} | ${show(providerCost(o, months) / 1e6, 1)} | ${show(money.payers / 1e6, 1)} | ${show(money.perPerson / 1e6, 2)}`;
  };
  console.log(row('stationary', base.prepared, base.expected));
  console.log(row('changing  ', prepared, moved));
}
