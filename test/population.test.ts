import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { thrown } from './support/thrown.js';
import { CELL_COUNT, FRAILTY_CLASSES, FRAILTY_PROBABILITY, cellIndex, cellParts, frailtyMultipliers } from '../src/population/cells.js';
import { DEFAULT_FRAILTY_SIGMA, synthesizePopulation } from '../src/population/population.js';
import type { Population } from '../src/population/population.js';
import {
  PopulationCsvError,
  exportPopulationCsv,
  formatCsvProblem,
  importPopulationCsv,
  nearestFrailtyClass,
} from '../src/population/csv.js';
import { loadPopulationForScenario } from '../src/population/load-csv.js';
import { calibrationReport, elderlyPersonYearCosts, topShare, topShareOfGroups } from '../src/calibration/calibration.js';
import type { CalibrationReport } from '../src/calibration/calibration.js';
import { prepare, simulate } from '../src/run.js';
import { parseScenario, scenarioOrThrow } from '../src/scenario/validate.js';
import type { Scenario } from '../src/scenario/types.js';

const FIXTURE = 'test/fixtures/minimal-scenario.json';

/** The minimal scenario (two municipalities 0.6/0.4, two centres 0.5/0.5), with a population size. */
function scenario(size = 2000, population: Partial<Scenario['population']> = {}): Scenario {
  const s = scenarioOrThrow(parseScenario(readFileSync(FIXTURE, 'utf8')), FIXTURE);
  s.population = { ...s.population, size, ...population };
  return s;
}


/** The problems of a broken CSV, each as the line a user reads. */
function csvProblems(text: string, s = scenario()): string[] {
  const err = thrown(() => importPopulationCsv(text, s, 1));
  expect(err).toBeInstanceOf(PopulationCsvError);
  return (err as PopulationCsvError).problems.map((p) => formatCsvProblem(p, 'population.csv'));
}

/** People per catchment, from the per-person arrays (not from counts, so the two are checked against each other). */
function peoplePerCatchment(pop: Population): number[] {
  const out = new Array<number>(pop.catchments.length).fill(0);
  for (let i = 0; i < pop.size; i++) out[pop.catchment[i]] += 1;
  return out;
}

const CELL_HEADER = 'ageBand,sex,needGroup,cniBand,municipality,listedAt,count';
const PERSON_HEADER = 'age,sex,needGroup,cniBand,municipality,listedAt';

describe('synthetic population', () => {
  it('has the scenario size, and counts that agree with the per-person arrays', () => {
    const pop = synthesizePopulation(scenario(5000), 7);
    expect(pop.size).toBe(5000);
    expect(pop.cell.length).toBe(5000);
    const fromArrays = new Float64Array(pop.counts.length);
    for (let i = 0; i < pop.size; i++) fromArrays[pop.catchment[i] * CELL_COUNT + pop.cell[i]] += 1;
    expect(Array.from(pop.counts)).toEqual(Array.from(fromArrays));
    expect(pop.frailtySigma).toBe(DEFAULT_FRAILTY_SIGMA);
  });

  it('is reproducible: the same seed gives identical arrays, another seed does not', () => {
    const s = scenario(3000);
    const a = synthesizePopulation(s, 42);
    const b = synthesizePopulation(s, 42);
    const c = synthesizePopulation(s, 43);
    expect(Array.from(b.cell)).toEqual(Array.from(a.cell));
    expect(Array.from(b.catchment)).toEqual(Array.from(a.catchment));
    expect(Array.from(c.cell)).not.toEqual(Array.from(a.cell));
  });

  it('splits people over municipalities and listings by their shares, within binomial tolerance', () => {
    const n = 40_000;
    const pop = synthesizePopulation(scenario(n), 3);
    // Catchments are municipality-major: norrby×vc-norr, norrby×vc-soder, soderby×vc-norr, soderby×vc-soder.
    const [nn, ns, sn] = peoplePerCatchment(pop);
    const within = (observed: number, share: number) => {
      const sd = Math.sqrt((share * (1 - share)) / n);
      expect(Math.abs(observed / n - share)).toBeLessThan(4 * sd);
    };
    within(nn + ns, 0.6);
    within(nn + sn, 0.5);
    within(nn, 0.3);
  });
});

describe('CSV import, one row per cell', () => {
  it('reads hand-checked counts into the right cells and catchments', () => {
    const text = [
      CELL_HEADER,
      '75-79,F,1,3,norrby,vc-norr,12',
      '0-19,male,healthy,1,soderby,vc-soder,5',
      '90+,0,complex-high-capacity,5,soderby,vc-norr,0',
    ].join('\n');
    const pop = importPopulationCsv(text, scenario(), 1);
    expect(pop.size).toBe(17);
    expect(peoplePerCatchment(pop)).toEqual([12, 0, 0, 5]);
    const first = pop.cell.slice(0, pop.size).filter((_, i) => pop.catchment[i] === 0);
    for (const c of first) expect(cellParts(c)).toMatchObject({ group: 0, ageBand: 4, sex: 0, cni: 2 });
    const last = pop.cell.slice(0, pop.size).filter((_, i) => pop.catchment[i] === 3);
    // Healthy people never live in a nursing home by the defaults.
    for (const c of last) expect(cellParts(c)).toMatchObject({ group: 4, ageBand: 0, sex: 1, cni: 0, residence: 0 });
  });

  it('puts people in exact cells when frailty and residence are given', () => {
    const sigma = DEFAULT_FRAILTY_SIGMA;
    const m = frailtyMultipliers(sigma);
    const text = `${CELL_HEADER},frailty,residence\n85-89,F,1,2,norrby,vc-soder,4,${m[12].toFixed(3)},nursing-home\n`;
    const pop = importPopulationCsv(text, scenario(), 1);
    const c = cellIndex({ group: 0, frailty: 12, residence: 1, ageBand: 6, sex: 0, cni: 1 });
    expect(pop.counts[1 * CELL_COUNT + c]).toBe(4);
    expect(pop.size).toBe(4);
  });

  it('spreads frailty over classes by FRAILTY_PROBABILITY', () => {
    const n = 200_000;
    const pop = importPopulationCsv(`${CELL_HEADER}\n20-44,F,5,3,norrby,vc-norr,${n}\n`, scenario(), 9);
    const perClass = new Array<number>(FRAILTY_CLASSES).fill(0);
    for (let i = 0; i < pop.size; i++) perClass[cellParts(pop.cell[i]).frailty] += 1;
    perClass.forEach((observed, k) => {
      const p = FRAILTY_PROBABILITY[k];
      expect(Math.abs(observed / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n) + 1e-9);
    });
  });

  it('is reproducible from its seed', () => {
    const text = `${CELL_HEADER}\n85-89,F,1,3,norrby,vc-norr,500\n`;
    const a = importPopulationCsv(text, scenario(), 5);
    expect(Array.from(importPopulationCsv(text, scenario(), 5).counts)).toEqual(Array.from(a.counts));
    expect(Array.from(importPopulationCsv(text, scenario(), 6).counts)).not.toEqual(Array.from(a.counts));
  });
});

describe('CSV import, one row per person', () => {
  it('reads hand-checked people, in file order', () => {
    const m = frailtyMultipliers(DEFAULT_FRAILTY_SIGMA);
    const text = [
      `${PERSON_HEADER},frailty,residence,conditions`,
      `82,female,complex-high-capacity,2,norrby,vc-soder,1,home,3`,
      `44.9,1,2,5,soderby,vc-norr,${m[15]},nursing-home,0`,
      `100,K,5,1,soderby,vc-soder,0.01,home,`,
    ].join('\n');
    const pop = importPopulationCsv(text, scenario(), 1);
    expect(pop.size).toBe(3);
    expect(Array.from(pop.catchment)).toEqual([1, 2, 3]);
    expect(cellParts(pop.cell[0])).toEqual({ group: 3, frailty: 3, residence: 0, ageBand: 5, sex: 0, cni: 1 });
    expect(cellParts(pop.cell[1])).toEqual({ group: 1, frailty: 15, residence: 1, ageBand: 1, sex: 1, cni: 4 });
    expect(cellParts(pop.cell[2])).toEqual({ group: 4, frailty: 0, residence: 0, ageBand: 7, sex: 0, cni: 0 });
  });

  it('handles CRLF, a byte-order mark, quoted fields and blank lines', () => {
    const text = '\uFEFFage,sex,"needGroup",cniBand,municipality,listedAt\r\n70,M,"4",3,"norrby",vc-norr\r\n\r\n"71",F,1,"2","soderby","vc-soder"\r\n';
    const pop = importPopulationCsv(text, scenario(), 1);
    expect(pop.size).toBe(2);
    expect(Array.from(pop.catchment)).toEqual([0, 3]);
    expect(cellParts(pop.cell[0])).toMatchObject({ group: 3, ageBand: 3, sex: 1, cni: 2 });
  });

  it("reads a Swedish spreadsheet's semicolons and decimal commas", () => {
    const text = `age;sex;needGroup;cniBand;municipality;listedAt;frailty;residence\n81;K;1;3;norrby;vc-norr;0,2;home\n`;
    const pop = importPopulationCsv(text, scenario(), 1);
    // 0.2 is nearest, on a log scale, to class 0 (mean 0.20 at σ 0.9).
    expect(cellParts(pop.cell[0])).toEqual({ group: 0, frailty: 0, residence: 0, ageBand: 5, sex: 0, cni: 2 });
  });

  it('maps a frailty multiplier to the class whose mean is nearest on a log scale', () => {
    const m = Float64Array.of(0.5, 1, 2, 8);
    expect(nearestFrailtyClass(0.7, m)).toBe(0); // |ln 0.7/0.5| = 0.34 < |ln 1/0.7| = 0.36
    expect(nearestFrailtyClass(3, m)).toBe(2); // |ln 3/2| = 0.41 < |ln 8/3| = 0.98, though 3 is nearer 2 than 8 linearly too
    expect(nearestFrailtyClass(100, m)).toBe(3);
  });
});

describe('broken CSV files: every problem, with line and column', () => {
  const cases: [string, string, string[]][] = [
    ['an empty file', ' \n', ['population.csv: the file is empty; the first line must name the columns']],
    [
      'a need group out of range',
      `${CELL_HEADER}\n75-79,F,1,3,norrby,vc-norr,2\n75-79,F,7,3,norrby,vc-norr,2\n`,
      [
        "population.csv line 3, column needGroup: '7' is not one of 1–5 or complex-low-capacity, rapid-onset, few-contacts-low-capacity, complex-high-capacity, healthy",
      ],
    ],
    [
      'counts that are not whole numbers of people',
      `${CELL_HEADER}\n75-79,F,1,3,norrby,vc-norr,-3\n75-79,F,1,3,norrby,vc-norr,2.5\n`,
      [
        "population.csv line 2, column count: '-3' is not a whole number of people (0 or more)",
        "population.csv line 3, column count: '2.5' is not a whole number of people (0 or more)",
      ],
    ],
    [
      'an unknown municipality and a listing at a hospital',
      `${CELL_HEADER}\n75-79,F,1,3,osterby,sjukhus,2\n`,
      [
        "population.csv line 2, column municipality: 'osterby' is not a municipality of the scenario (norrby, soderby)",
        "population.csv line 2, column listedAt: 'sjukhus' is not a primary-care centre in population.listing (vc-norr, vc-soder)",
      ],
    ],
    [
      'a bad sex, age band, CNI band and frailty',
      `${CELL_HEADER},frailty\n70-74,X,1,0,norrby,vc-norr,2,-1\n`,
      [
        "population.csv line 2, column ageBand: '70-74' is not one of 0-19, 20-44, 45-64, 65-74, 75-79, 80-84, 85-89, 90+",
        "population.csv line 2, column sex: 'X' is not one of F, M, K, female, male, kvinna, man, 0 (female) or 1 (male)",
        "population.csv line 2, column cniBand: '0' is not a CNI band 1–5",
        "population.csv line 2, column frailty: '-1' is not a frailty multiplier (a number above 0, about 1 on average)",
      ],
    ],
    [
      'a bad age, residence and number of conditions',
      `${PERSON_HEADER},residence,conditions\nold,F,1,3,norrby,vc-norr,hospital,1.5\n`,
      [
        "population.csv line 2, column age: 'old' is not an age in years from 0 to 130",
        "population.csv line 2, column residence: 'hospital' is not one of home, nursing-home",
        "population.csv line 2, column conditions: '1.5' is not a whole number of chronic conditions (0 or more)",
      ],
    ],
    [
      'an unknown column and a missing column',
      'age,sex,needGroup,cniBand,kommun,listedAt\n',
      [
        "population.csv line 1: unknown column 'kommun'; the columns are age, sex, needGroup, cniBand, municipality, listedAt [, frailty, residence, conditions, score, cni] (one row per person) or ageBand, sex, needGroup, cniBand, municipality, listedAt, count [, frailty, residence, score] (one row per cell)",
        "population.csv line 1: missing column 'municipality' (one row per person needs age, sex, needGroup, cniBand, municipality, listedAt)",
      ],
    ],
    [
      'a header of neither layout',
      'sex,needGroup\nF,1\n',
      ["population.csv line 1: the header has neither 'age' (one row per person) nor 'ageBand' and 'count' (one row per cell)"],
    ],
    [
      'a header of both layouts',
      `${CELL_HEADER},age\n`,
      ["population.csv line 1: the header has both 'age' (one row per person) and 'ageBand'/'count' (one row per cell); use one layout"],
    ],
    [
      'a column that belongs to the other layout',
      `${CELL_HEADER},conditions\n75-79,F,1,3,norrby,vc-norr,2,1\n`,
      ["population.csv line 1: column 'conditions' does not belong in one row per cell"],
    ],
    [
      'a row with too few fields, an empty value and an unclosed quote',
      `${CELL_HEADER}\n75-79,F,1,3,norrby\n75-79,,1,3,norrby,vc-norr,2\n75-79,F,1,3,norrby,vc-norr,"2\n`,
      [
        'population.csv line 2: 5 fields, but the header names 7',
        'population.csv line 3, column sex: is empty',
        'population.csv line 4: a quoted field is not closed',
      ],
    ],
    ['a header and no rows', `${CELL_HEADER}\r\n`, ['population.csv line 2: no rows after the header']],
    [
      'text after a closing quote',
      `${CELL_HEADER}\n75-79,F,"1"x,3,norrby,vc-norr,2\n`,
      ["population.csv line 2: text after a closing quote: 'x'"],
    ],
    [
      'more people than a run can hold',
      `${CELL_HEADER}\n75-79,F,1,3,norrby,vc-norr,15000000\n80-84,F,1,3,norrby,vc-norr,5000001\n`,
      ['population.csv: 20,000,001 people would need about 2,000 MB; the limit is 20,000,000'],
    ],
  ];
  it.each(cases)('%s', (_, text, expected) => {
    expect(csvProblems(text)).toEqual(expected);
  });

  it('says how many problems there are before listing them', () => {
    const err = thrown(() => importPopulationCsv(`${CELL_HEADER}\n75-79,F,9,3,norrby,vc-norr,x\n`, scenario(), 1)) as Error;
    expect(err.message.split('\n')).toEqual([
      'population.csv: 2 problems',
      "population.csv line 2, column needGroup: '9' is not one of 1–5 or complex-low-capacity, rapid-onset, few-contacts-low-capacity, complex-high-capacity, healthy",
      "population.csv line 2, column count: 'x' is not a whole number of people (0 or more)",
    ]);
  });
});

describe('CSV export', () => {
  it('round-trips one row per person: the same people in the same order', () => {
    const s = scenario(3000);
    const pop = synthesizePopulation(s, 11);
    const text = exportPopulationCsv(pop, s, 'person');
    const back = importPopulationCsv(text, s, 99);
    expect(Array.from(back.cell)).toEqual(Array.from(pop.cell));
    expect(Array.from(back.catchment)).toEqual(Array.from(pop.catchment));
    expect(Array.from(back.counts)).toEqual(Array.from(pop.counts));
    expect(exportPopulationCsv(back, s, 'person')).toBe(text);
  });

  it('round-trips one row per cell: the same counts', () => {
    const s = scenario(3000);
    const pop = synthesizePopulation(s, 12);
    const text = exportPopulationCsv(pop, s, 'cell');
    expect(text.split('\n')[0]).toBe('ageBand,sex,needGroup,cniBand,municipality,listedAt,frailty,residence,count');
    const back = importPopulationCsv(text, s, 99);
    expect(back.size).toBe(pop.size);
    expect(Array.from(back.counts)).toEqual(Array.from(pop.counts));
    expect(exportPopulationCsv(back, s, 'cell')).toBe(text);
  });
});

describe('raw CNI values and scores per person', () => {
  const header = 'age,sex,needGroup,cniBand,municipality,listedAt,frailty,residence,conditions,score,cni';
  const rows = [
    '82,F,complex-low-capacity,4,norrby,vc-norr,1.5,home,3,1.25,1.87',
    '70,M,healthy,1,soderby,vc-soder,0.5,home,0,0.4,',
    '91,F,complex-high-capacity,5,norrby,vc-soder,2.5,nursing-home,3,,2.305',
  ];

  it('a person CSV with score and cni columns exports them back, cni next to score, empty where empty', () => {
    const s = scenario();
    const pop = importPopulationCsv([header, ...rows].join('\n') + '\n', s, 1);
    expect(Array.from(pop.personCni!)).toEqual([1.87, NaN, 2.305]);
    expect(Array.from(pop.personScore!)).toEqual([1.25, 0.4, NaN]);
    const text = exportPopulationCsv(pop, s, 'person');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(header);
    expect(lines.map((l) => l.split(',').slice(-2))).toEqual([['score', 'cni'], ['1.25', '1.87'], ['0.4', ''], ['', '2.305']]);
    // The band the model computes with stays the file's band: the raw value is the register's, kept as given.
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['4', '1', '5']);
    const back = importPopulationCsv(text, s, 7);
    expect(exportPopulationCsv(back, s, 'person')).toBe(text);
  });

  it('a raw CNI value with a decimal comma is read; a negative or non-number one is refused by line and column', () => {
    const s = scenario();
    const semicolon = 'age;sex;needGroup;cniBand;municipality;listedAt;cni\n82;F;1;4;norrby;vc-norr;1,75\n';
    expect(Array.from(importPopulationCsv(semicolon, s, 1).personCni!)).toEqual([1.75]);
    expect(csvProblems('age,sex,needGroup,cniBand,municipality,listedAt,cni\n82,F,1,4,norrby,vc-norr,-0.3\n70,M,1,4,norrby,vc-norr,high\n', s)).toEqual([
      "population.csv line 2, column cni: '-0.3' is not a Care Need Index value (a number, 0 or more)",
      "population.csv line 3, column cni: 'high' is not a Care Need Index value (a number, 0 or more)",
    ]);
  });

  it('a synthetic population, which has no raw values, exports without score and cni columns', () => {
    const s = scenario(500);
    expect(exportPopulationCsv(synthesizePopulation(s, 3), s, 'person').split('\n')[0]).toBe('age,sex,needGroup,cniBand,municipality,listedAt,frailty,residence,conditions');
  });
});

describe('loading the population of a scenario file', () => {
  it('reads population.csv relative to the scenario file (outside its folder only from a folder allowed)', async () => {
    const s = scenario(2000, { csv: '../../scenarios/data/example-population.csv' });
    await expect(loadPopulationForScenario(s, FIXTURE)).rejects.toThrow("is outside the scenario's folder");
    const pop = await loadPopulationForScenario(s, FIXTURE, { allowDir: 'scenarios' });
    const text = readFileSync('scenarios/data/example-population.csv', 'utf8');
    const total = text
      .trim()
      .split('\n')
      .slice(1)
      .reduce((sum, line) => sum + Number(line.split(',')[6]), 0);
    expect(total).toBeGreaterThanOrEqual(200);
    expect(pop.size).toBe(total);
  });

  it('synthesizes from simulation.seed when no CSV is named', async () => {
    const s = scenario(1000);
    const pop = await loadPopulationForScenario(s, FIXTURE);
    expect(Array.from(pop.cell)).toEqual(Array.from(synthesizePopulation(s, s.simulation.seed).cell));
  });
});

describe('cost concentration helpers', () => {
  it('topShare pools arrays and takes the largest 1 % of people', () => {
    // 200 people: the top 1 % are the two costing 50 each, of a total 100 + 198 = 298.
    const a = new Float32Array(100).fill(1);
    const b = new Float32Array(100).fill(1);
    a[0] = 50;
    b[7] = 50;
    expect(topShare([a, b], 0.01)).toBeCloseTo(100 / 298, 12);
  });

  it('topShareOfGroups takes whole and partial cells from the top', () => {
    // 100 people: 1 in a cell costing 60, 99 costing 1 → the top 2 % hold 60 + 1 of 159.
    expect(topShareOfGroups([1, 99], [60, 1], 0.02)).toBeCloseTo(61 / 159, 12);
  });
});

describe('calibration (default synthetic population, ages sweden)', () => {
  let report: CalibrationReport;
  const byId = (id: string) => report.targets.find((t) => t.id === id)!;

  beforeAll(() => {
    // 150,000 people, one year, two replications: ≈ 300,000 person-years, a few seconds.
    const s = scenario(150_000);
    s.simulation.years = 1;
    s.simulation.seed = 42;
    const prepared = prepare(s);
    const run = simulate(prepared, { replications: 2, trackPersonCost: true });
    const costs = run.replications.map((r) => r.personYearCosts!);
    const elderly = elderlyPersonYearCosts(prepared, { outcome: run.expected });
    report = calibrationReport(prepared, costs, run.expected, { elderlyPersonYearCosts: elderly });
  });

  it('the costliest 1 % incur 27–33 % of yearly cost (seeds/000: ≈ 30 %)', () => {
    expect(byId('top1-share').simulated).toBeGreaterThanOrEqual(0.27);
    expect(byId('top1-share').simulated).toBeLessThanOrEqual(0.33);
  });

  it('people with ≥ 2 chronic conditions get 45–55 % of cost (seeds/000: ≈ 50 %)', () => {
    expect(byId('multimorbid-cost-share').simulated).toBeGreaterThanOrEqual(0.45);
    expect(byId('multimorbid-cost-share').simulated).toBeLessThanOrEqual(0.55);
  });

  it('the typical multimorbid person is 75–87 with 2–3 conditions (seeds/000)', () => {
    expect(byId('multimorbid-median-age').simulated).toBeGreaterThanOrEqual(75);
    expect(byId('multimorbid-median-age').simulated).toBeLessThanOrEqual(87);
    expect(byId('multimorbid-median-conditions').simulated).toBeGreaterThanOrEqual(2);
    expect(byId('multimorbid-median-conditions').simulated).toBeLessThanOrEqual(3);
    for (const t of report.targets.filter((x) => x.role === 'target')) expect(t.within, t.id).toBe(true);
  });

  it('the expected cost per cell agrees with the microsimulation in total', () => {
    expect(report.personYears).toBeGreaterThan(2 * 150_000);
    expect(Math.abs(report.meanCost.simulated / report.meanCost.expected - 1)).toBeLessThan(0.02);
  });

  it('shows the elderly-only concentration, lower than all ages (SOURCES.md: 12 % among US elderly)', () => {
    const elderly = byId('top1-share-65plus');
    expect(elderly.method).toMatch(/microsimulation of the 65\+ alone/);
    expect(elderly.simulated).toBeGreaterThan(0.05);
    expect(elderly.simulated).toBeLessThan(byId('top1-share').simulated);
  });
});
