/**
 * A population from a CSV of the payer's own data, and the synthetic population as CSV so a user
 * can see and edit it. Browser-safe: text in, text out; the Node file reader is `load-csv.ts`.
 *
 * Two layouts, told apart by the header:
 *   one row per person: age,sex,needGroup,cniBand,municipality,listedAt[,frailty][,residence][,conditions][,score][,cni]
 *   one row per cell:   ageBand,sex,needGroup,cniBand,municipality,listedAt,count[,frailty][,residence][,score]
 * `score` is the payer's own risk score per person (an ACG weight, an HCC score; the mean of the
 * row's people in the cell layout): weight formulas then read it as `acg` (src/engine/case-mix.ts).
 * `cni` is the raw Care Need Index of the person's area as the region's register holds it; the model
 * computes with `cniBand` (its quintile band), and keeps the raw value to write it back on export.
 * What a row does not say (frailty, residence) is drawn so that its distribution is the synthetic
 * population's: a payer's register rarely records frailty, and the cost tail lives there.
 */
import { CNI_BANDS, GROUP_IDS, NEED_GROUPS } from '../domain.js';
import { NURSING_HOME_SHARE } from '../care/parameters.js';
import { CounterRng, streamKey } from '../random.js';
import type { Scenario } from '../scenario/types.js';
import { MAX_KEPT_PROBLEMS, MAX_POPULATION, MAX_SHOWN_TEXT } from '../limits.js';
import { AGE_BANDS, AGE_BAND_COUNT, CELL_COUNT, FRAILTY_CLASSES, FRAILTY_QUANTILES, cellIndex, cellParts, chronicConditions, frailtyMultipliers } from './cells.js';
import type { Population } from './population.js';
import { DEFAULT_FRAILTY_SIGMA, catchmentsOf, populationFromCounts } from './population.js';

export type CsvLayout = 'person' | 'cell';

/** Columns of each layout: what must be there and what may be. */
export const CSV_COLUMNS = {
  person: { required: ['age', 'sex', 'needGroup', 'cniBand', 'municipality', 'listedAt'], optional: ['frailty', 'residence', 'conditions', 'score', 'cni'] },
  cell: { required: ['ageBand', 'sex', 'needGroup', 'cniBand', 'municipality', 'listedAt', 'count'], optional: ['frailty', 'residence', 'score'] },
} as const satisfies Record<CsvLayout, { required: readonly string[]; optional: readonly string[] }>;

type Column = (typeof CSV_COLUMNS)[CsvLayout]['required' | 'optional'][number];
const ALL_COLUMNS: readonly Column[] = [...new Set<Column>([...CSV_COLUMNS.person.required, ...CSV_COLUMNS.cell.required, ...CSV_COLUMNS.person.optional])];

/**
 * Memory per person of a run, for the message when a file holds too many people: the same
 * estimate the scenario validator uses for `population.size` (validate-population.ts).
 */
const RUN_BYTES_PER_PERSON = 100;
/** Problems shown in the error's message; all of them are in `problems`. */
const PROBLEMS_SHOWN = 50;

/** One problem in a CSV: where (line, column) and what. */
export interface CsvProblem {
  /** 1-based line of the file where the row starts; undefined for the file as a whole. */
  line?: number;
  column?: string;
  message: string;
}

/**
 * One problem as a line of text.
 * @example formatCsvProblem({ line: 14, column: 'needGroup', message: "'7' is not …" }, 'population.csv') // "population.csv line 14, column needGroup: '7' is not …"
 */
export function formatCsvProblem(problem: CsvProblem, source: string): string {
  if (problem.line === undefined) return `${source}: ${problem.message}`;
  const column = problem.column === undefined ? '' : `, column ${problem.column}`;
  return `${source} line ${problem.line}${column}: ${problem.message}`;
}

/** Thrown by importPopulationCsv: every problem found, so a user can fix the file in one pass. */
export class PopulationCsvError extends Error {
  /** The problems kept: every one, up to MAX_KEPT_PROBLEMS. */
  readonly problems: CsvProblem[];
  /** Every problem found, kept or not. */
  readonly count: number;
  readonly source: string;

  /** @example throw new PopulationCsvError([{ message: 'the file is empty' }], 'population.csv') */
  constructor(problems: CsvProblem[], source: string, count: number = problems.length) {
    const lines = problems.slice(0, PROBLEMS_SHOWN).map((p) => formatCsvProblem(p, source));
    if (count > PROBLEMS_SHOWN) lines.push(`… and ${count - PROBLEMS_SHOWN} more`);
    super([`${source}: ${count} problem${count === 1 ? '' : 's'}`, ...lines].join('\n'));
    this.count = count;
    this.name = 'PopulationCsvError';
    this.problems = problems;
    this.source = source;
  }
}

/**
 * A value from the file, quoted for a message: shortened past MAX_SHOWN_TEXT characters to its
 * start and its length, so a megabyte-long field never becomes a megabyte of output.
 * @example quoted('x'.repeat(100)) // "'xxx…' (100 characters)"
 */
function quoted(raw: string): string {
  if (raw.length <= MAX_SHOWN_TEXT) return `'${raw}'`;
  return `'${raw.slice(0, MAX_SHOWN_TEXT)}…' (${raw.length.toLocaleString('en-US')} characters)`;
}

/** The first of a scenario's ids, for a message naming what a field may be. */
function idList(ids: readonly string[]): string {
  const head = ids.slice(0, 20).join(', ');
  return ids.length > 20 ? `${head}, … ${ids.length - 20} more` : head;
}

/**
 * Problems as they are found: every one counted, the first MAX_KEPT_PROBLEMS kept, so that a huge
 * broken file costs bounded memory however many rows are wrong.
 */
class KeptProblems extends Array<CsvProblem> {
  count = 0;

  override push(...items: CsvProblem[]): number {
    for (const item of items) {
      this.count++;
      if (this.length < MAX_KEPT_PROBLEMS) super.push(item);
    }
    return this.length;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading CSV text

interface CsvRecord {
  line: number;
  fields: string[];
  /** The tokenizer already reported this record (an unclosed quote): its fields mean nothing. */
  broken: boolean;
}

/** The field separator: Swedish spreadsheets write ';' (with decimal commas), others ','. */
function detectDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const header = end < 0 ? text : text.slice(0, end);
  const count = (d: string) => header.split(d).length - 1;
  return [';', '\t'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/**
 * Records of RFC 4180 text, one at a time so a large file is never held twice: quoted fields may
 * hold the delimiter, `""` and line breaks; lines end in LF, CRLF or CR; blank lines are skipped.
 * Unquoted fields are trimmed. Problems go to `problems` when given.
 */
function* readRecords(text: string, delimiter: string, problems?: CsvProblem[]): Generator<CsvRecord> {
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark from spreadsheet exports
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let broken = false;
    let endOfRecord = false;
    while (!endOfRecord) {
      let value = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
          value += ch;
          i++;
        }
        if (!closed) {
          problems?.push({ line: start, message: 'a quoted field is not closed' });
          broken = true;
        }
        let trailing = '';
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') trailing += text[i++];
        if (trailing.trim() !== '') {
          problems?.push({ line, message: `text after a closing quote: ${quoted(trailing.trim())}` });
          broken = true;
        }
      } else {
        const from = i;
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
        value = text.slice(from, i).trim();
      }
      fields.push(value);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      endOfRecord = true;
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
    }
    if (!(fields.length === 1 && fields[0] === '')) yield { line: start, fields, broken };
  }
}

// ---------------------------------------------------------------------------------------------
// Field values

const AGE_BAND_IDS = AGE_BANDS.map((b) => b.id);
const SEX_CODES: Record<string, number> = { f: 0, female: 0, k: 0, kvinna: 0, '0': 0, m: 1, male: 1, man: 1, '1': 1 };
const SEX_TEXT = 'F, M, K, female, male, kvinna, man, 0 (female) or 1 (male)';
const GROUP_TEXT = `1–${NEED_GROUPS.length} or ${GROUP_IDS.join(', ')}`;
const RESIDENCES = ['home', 'nursing-home'];

interface Lookups {
  municipalities: Map<string, number>;
  listings: Map<string, number>;
  municipalityText: string;
  listingText: string;
  frailty: Float64Array;
  decimalComma: boolean;
}

/** A result of parsing one field: the value, or the message saying why not. */
type Parsed = { ok: true; value: number } | { ok: false; message: string };
const ok = (value: number): Parsed => ({ ok: true, value });
const bad = (message: string): Parsed => ({ ok: false, message });

function parseNumber(raw: string, decimalComma: boolean): number {
  const text = decimalComma ? raw.replace(',', '.') : raw;
  return /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}

const PARSERS: Record<Column, (raw: string, l: Lookups) => Parsed> = {
  age: (raw, l) => {
    const age = parseNumber(raw, l.decimalComma);
    if (!(age >= 0 && age <= 130)) return bad(`${quoted(raw)} is not an age in years from 0 to 130`);
    const band = AGE_BANDS.findIndex((b) => Math.floor(age) <= b.to);
    return ok(band < 0 ? AGE_BAND_COUNT - 1 : band);
  },
  ageBand: (raw) => {
    const band = AGE_BAND_IDS.indexOf(raw.replace(/\s+/g, '').replace('–', '-') as (typeof AGE_BAND_IDS)[number]);
    return band >= 0 ? ok(band) : bad(`${quoted(raw)} is not one of ${AGE_BAND_IDS.join(', ')}`);
  },
  sex: (raw) => {
    const sex = SEX_CODES[raw.toLowerCase()];
    return sex !== undefined ? ok(sex) : bad(`${quoted(raw)} is not one of ${SEX_TEXT}`);
  },
  needGroup: (raw) => {
    const number = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (number >= 1 && number <= NEED_GROUPS.length) return ok(number - 1);
    const byId = GROUP_IDS.indexOf(raw.toLowerCase() as (typeof GROUP_IDS)[number]);
    return byId >= 0 ? ok(byId) : bad(`${quoted(raw)} is not one of ${GROUP_TEXT}`);
  },
  cniBand: (raw) => {
    const band = /^\d+$/.test(raw) ? Number(raw) : NaN;
    return band >= 1 && band <= CNI_BANDS ? ok(band - 1) : bad(`${quoted(raw)} is not a CNI band 1–${CNI_BANDS}`);
  },
  municipality: (raw, l) => {
    const m = l.municipalities.get(raw);
    return m !== undefined ? ok(m) : bad(`${quoted(raw)} is not a municipality of the scenario (${l.municipalityText})`);
  },
  listedAt: (raw, l) => {
    const p = l.listings.get(raw);
    return p !== undefined ? ok(p) : bad(`${quoted(raw)} is not a primary-care centre in population.listing (${l.listingText})`);
  },
  count: (raw) => {
    const count = /^\d+$/.test(raw) ? Number(raw) : NaN;
    return Number.isSafeInteger(count) ? ok(count) : bad(`${quoted(raw)} is not a whole number of people (0 or more)`);
  },
  frailty: (raw, l) => {
    const x = parseNumber(raw, l.decimalComma);
    return x > 0 && Number.isFinite(x) ? ok(nearestFrailtyClass(x, l.frailty)) : bad(`${quoted(raw)} is not a frailty multiplier (a number above 0, about 1 on average)`);
  },
  residence: (raw) => {
    const r = RESIDENCES.indexOf(raw.toLowerCase());
    return r >= 0 ? ok(r) : bad(`${quoted(raw)} is not one of ${RESIDENCES.join(', ')}`);
  },
  conditions: (raw) => (/^\d+$/.test(raw) ? ok(Number(raw)) : bad(`${quoted(raw)} is not a whole number of chronic conditions (0 or more)`)),
  score: (raw, l) => {
    const x = parseNumber(raw, l.decimalComma);
    return x >= 0 && Number.isFinite(x) ? ok(x) : bad(`${quoted(raw)} is not a risk score (a number, 0 or more)`);
  },
  cni: (raw, l) => {
    const x = parseNumber(raw, l.decimalComma);
    return x >= 0 && Number.isFinite(x) ? ok(x) : bad(`${quoted(raw)} is not a Care Need Index value (a number, 0 or more)`);
  },
};

/**
 * The frailty class whose mean multiplier is nearest to `multiplier`, on a log scale: multipliers
 * are lognormal, so 3 sits between 2 and 4.5 the way 1 sits between 2/3 and 1.5.
 * @example nearestFrailtyClass(1, frailtyMultipliers(1)) // 3, the class whose mean is 0.97
 */
export function nearestFrailtyClass(multiplier: number, classMeans: Float64Array): number {
  const x = Math.log(multiplier);
  let best = 0;
  for (let k = 1; k < classMeans.length; k++) {
    if (Math.abs(Math.log(classMeans[k]) - x) < Math.abs(Math.log(classMeans[best]) - x)) best = k;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Drawing what a row leaves out

/**
 * Chance of living in a nursing home for a group, age band and frailty class: the rule
 * synthesizePopulation uses (population.ts), so that imported and synthetic people agree.
 */
function nursingHomeChance(group: number, ageBand: number, frailty: number): number {
  const share = NURSING_HOME_SHARE[GROUP_IDS[group]][ageBand] * (0.25 + (1.5 * frailty) / (FRAILTY_CLASSES - 1));
  return Math.min(1, share);
}

const FRAILTY_CUMULATIVE = FRAILTY_QUANTILES.slice(1);

/** Cumulative frailty distribution given residence (Bayes on nursingHomeChance), per group × band × residence. */
const frailtyGivenResidence = new Map<number, Float64Array>();
function frailtyCumulativeGiven(group: number, ageBand: number, residence: number): Float64Array {
  const key = (group * AGE_BAND_COUNT + ageBand) * 2 + residence;
  let cumulative = frailtyGivenResidence.get(key);
  if (cumulative === undefined) {
    const weights = Array.from({ length: FRAILTY_CLASSES }, (_, k) => {
      const chance = nursingHomeChance(group, ageBand, k);
      return (FRAILTY_QUANTILES[k + 1] - FRAILTY_QUANTILES[k]) * (residence === 1 ? chance : 1 - chance);
    });
    const total = weights.reduce((a, b) => a + b, 0);
    let run = 0;
    // Nobody of this kind lives in a nursing home by the defaults: fall back to the unconditional mix.
    cumulative = total > 0 ? Float64Array.from(weights, (w) => (run += w / total)) : Float64Array.from(FRAILTY_CUMULATIVE);
    frailtyGivenResidence.set(key, cumulative);
  }
  return cumulative;
}

function pick(cumulative: ArrayLike<number>, u: number): number {
  for (let i = 0; i < cumulative.length - 1; i++) if (u < cumulative[i]) return i;
  return cumulative.length - 1;
}

const UNKNOWN = -1;

/** Frailty class and residence of one person, drawing what is UNKNOWN from the stream at (row, person). */
function completePerson(rng: CounterRng, row: number, person: number, group: number, ageBand: number, frailty: number, residence: number): [number, number] {
  if (frailty !== UNKNOWN && residence !== UNKNOWN) return [frailty, residence];
  rng.reset(row, person);
  if (frailty === UNKNOWN) {
    frailty = residence === UNKNOWN ? pick(FRAILTY_CUMULATIVE, rng.next()) : pick(frailtyCumulativeGiven(group, ageBand, residence), rng.next());
  }
  if (residence === UNKNOWN) residence = rng.next() < nursingHomeChance(group, ageBand, frailty) ? 1 : 0;
  return [frailty, residence];
}

// ---------------------------------------------------------------------------------------------
// Import

interface Header {
  layout: CsvLayout;
  /** Field index of each known column, −1 when absent. */
  index: Record<Column, number>;
  names: string[];
}

function readHeader({ fields, line }: CsvRecord, problems: CsvProblem[]): Header | undefined {
  const index = Object.fromEntries(ALL_COLUMNS.map((c) => [c, -1])) as Record<Column, number>;
  const names: string[] = [];
  fields.forEach((raw, i) => {
    const column = ALL_COLUMNS.find((c) => c.toLowerCase() === raw.toLowerCase());
    names.push(column ?? raw);
    if (column === undefined) {
      const what = raw === '' ? `column ${i + 1} has no name` : `unknown column ${quoted(raw)}`;
      problems.push({ line, message: `${what}; the columns are ${CSV_COLUMNS.person.required.join(', ')} [, ${CSV_COLUMNS.person.optional.join(', ')}] (one row per person) or ${CSV_COLUMNS.cell.required.join(', ')} [, ${CSV_COLUMNS.cell.optional.join(', ')}] (one row per cell)` });
    } else if (index[column] >= 0) problems.push({ line, message: `column '${column}' appears twice` });
    else index[column] = i;
  });
  const perPerson = index.age >= 0;
  const perCell = index.ageBand >= 0 || index.count >= 0;
  if (perPerson && perCell) {
    problems.push({ line, message: "the header has both 'age' (one row per person) and 'ageBand'/'count' (one row per cell); use one layout" });
    return undefined;
  }
  if (!perPerson && !perCell) {
    problems.push({ line, message: "the header has neither 'age' (one row per person) nor 'ageBand' and 'count' (one row per cell)" });
    return undefined;
  }
  const layout: CsvLayout = perPerson ? 'person' : 'cell';
  const { required, optional } = CSV_COLUMNS[layout];
  const missing = required.filter((c) => index[c] < 0);
  for (const c of missing) problems.push({ line, message: `missing column '${c}' (one row per ${layout} needs ${required.join(', ')})` });
  for (const c of ALL_COLUMNS) {
    if (index[c] >= 0 && !(required as readonly string[]).includes(c) && !(optional as readonly string[]).includes(c)) {
      problems.push({ line, message: `column '${c}' does not belong in one row per ${layout}` });
      index[c] = -1;
    }
  }
  return missing.length > 0 ? undefined : { layout, index, names };
}

function lookups(scenario: Scenario, decimalComma: boolean): Lookups {
  const spec = scenario.population;
  return {
    municipalities: new Map(spec.municipalities.map((m, i) => [m.id, i])),
    listings: new Map(spec.listing.map((l, i) => [l.provider, i])),
    municipalityText: idList(spec.municipalities.map((m) => m.id)),
    listingText: idList(spec.listing.map((l) => l.provider)),
    frailty: frailtyMultipliers(spec.frailtySigma ?? DEFAULT_FRAILTY_SIGMA),
    decimalComma,
  };
}

function tooMany(total: number): CsvProblem {
  const megabytes = Math.round((total * RUN_BYTES_PER_PERSON) / 1e6).toLocaleString('en-US');
  return { message: `${total.toLocaleString('en-US')} people would need about ${megabytes} MB; the limit is ${MAX_POPULATION.toLocaleString('en-US')}` };
}

/** Checks the rows of a file against its header and the scenario; one reused object per row. */
class RowReader {
  readonly value = {} as Record<Column, number>;
  private readonly columns: Column[];
  private readonly required: readonly Column[];

  constructor(
    private readonly header: Header,
    private readonly lookups: Lookups,
  ) {
    // In the order of the header, so a row's problems read left to right like the file.
    this.columns = ALL_COLUMNS.filter((c) => header.index[c] >= 0).sort((a, b) => header.index[a] - header.index[b]);
    this.required = CSV_COLUMNS[header.layout].required;
  }

  /** Parse a record into `value`; false (and its problems reported, when asked) if it has any. */
  read(record: CsvRecord, problems?: CsvProblem[]): boolean {
    const { line, fields } = record;
    if (record.broken) return false;
    const expected = this.header.names.length;
    if (fields.length !== expected) {
      problems?.push({ line, message: `${fields.length} field${fields.length === 1 ? '' : 's'}, but the header names ${expected}` });
      return false;
    }
    let ok = true;
    for (const column of this.columns) {
      const raw = fields[this.header.index[column]];
      if (raw === '') {
        // An empty optional field is unknown, and drawn like a missing column.
        this.value[column] = UNKNOWN;
        if (this.required.includes(column)) {
          problems?.push({ line, column, message: 'is empty' });
          ok = false;
        }
        continue;
      }
      const parsed = PARSERS[column](raw, this.lookups);
      if (parsed.ok) this.value[column] = parsed.value;
      else {
        problems?.push({ line, column, message: parsed.message });
        ok = false;
      }
    }
    return ok;
  }

  /** People the row stands for. */
  people(): number {
    return this.header.layout === 'person' ? 1 : this.value.count;
  }

  ageBand(): number {
    return this.header.layout === 'person' ? this.value.age : this.value.ageBand;
  }

  given(column: 'frailty' | 'residence'): number {
    return this.header.index[column] >= 0 ? this.value[column] : UNKNOWN;
  }
}

/**
 * Read a population from CSV text (either layout) for a scenario: catchments follow
 * catchmentsOf(scenario), and what the file leaves out is drawn reproducibly from `seed`.
 * Throws PopulationCsvError listing every problem with its line and column.
 * @example const pop = importPopulationCsv('ageBand,sex,needGroup,cniBand,municipality,listedAt,count\n75-79,F,1,3,norrby,vc-norr,12\n', scenario, 42)
 */
export function importPopulationCsv(text: string, scenario: Scenario, seed: number, source = 'population.csv'): Population {
  const problems = new KeptProblems();
  const fail = (): never => {
    // The tokenizer and the row checks report as they go; a user reads the file top to bottom.
    const kept = [...problems].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    throw new PopulationCsvError(kept, source, problems.count);
  };
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(body);
  const first = readRecords(text, delimiter).next();
  if (body.trim() === '' || first.done === true) {
    problems.push({ message: 'the file is empty; the first line must name the columns' });
    return fail();
  }
  const header = readHeader(first.value, problems);
  if (header === undefined) return fail();
  const rows = new RowReader(header, lookups(scenario, delimiter !== ','));
  const dataRows = (report?: CsvProblem[]) => {
    const records = readRecords(text, delimiter, report);
    records.next(); // the header
    return records;
  };

  // Check everything before building anything, so a broken or oversized file costs no memory.
  let total = 0;
  let rowCount = 0;
  for (const record of dataRows(problems)) {
    rowCount++;
    if (rows.read(record, problems)) total += rows.people();
  }
  if (rowCount === 0) problems.push({ line: 2, message: 'no rows after the header' });
  else if (total === 0 && problems.count === 0) problems.push({ message: 'the file holds no people (every count is 0); a population needs at least one person' });
  if (total > MAX_POPULATION) problems.push(tooMany(total));
  if (problems.count > 0) return fail();

  const catchments = catchmentsOf(scenario);
  const listings = scenario.population.listing.length;
  const sigma = scenario.population.frailtySigma ?? DEFAULT_FRAILTY_SIGMA;
  const rng = new CounterRng(streamKey(seed, 'population-csv'));
  const counts = new Float64Array(catchments.length * CELL_COUNT);
  const cell = new Uint16Array(header.layout === 'person' ? total : 0);
  const catchment = new Uint16Array(cell.length);
  const v = rows.value;
  // The payer's own risk scores, summed per catchment × cell; an empty field leaves the person unscored.
  const hasScore = header.index.score >= 0;
  const scoreSum = hasScore ? new Float64Array(counts.length) : undefined;
  const scored = hasScore ? new Float64Array(counts.length) : undefined;
  // Per person as given (NaN where a field is empty), so an export writes them back as they were.
  const personValues = (column: 'score' | 'cni') => (header.layout === 'person' && header.index[column] >= 0 ? new Float64Array(total).fill(NaN) : undefined);
  const personScore = personValues('score');
  const personCni = personValues('cni');
  let row = 0;
  let person = 0;
  for (const record of dataRows()) {
    rows.read(record);
    const k = v.municipality * listings + v.listedAt;
    const ageBand = rows.ageBand();
    for (let p = 0; p < rows.people(); p++) {
      // Drawn per (row, person), so editing one row does not change who the others are.
      const [frailty, residence] = completePerson(rng, row, p, v.needGroup, ageBand, rows.given('frailty'), rows.given('residence'));
      const c = cellIndex({ group: v.needGroup, frailty, residence, ageBand, sex: v.sex, cni: v.cniBand });
      counts[k * CELL_COUNT + c] += 1;
      if (scoreSum && scored && v.score !== UNKNOWN) {
        scoreSum[k * CELL_COUNT + c] += v.score;
        scored[k * CELL_COUNT + c] += 1;
      }
      if (header.layout === 'person') {
        if (personScore && v.score !== UNKNOWN) personScore[person] = v.score;
        if (personCni && v.cni !== UNKNOWN) personCni[person] = v.cni;
        cell[person] = c;
        catchment[person++] = k;
      }
    }
    row++;
  }
  const scores = scoreSum && scored ? { scoreSum, scored } : {};
  if (header.layout === 'cell') return { ...populationFromCounts(counts, catchments, sigma), ...scores };
  const given = { ...(personScore ? { personScore } : {}), ...(personCni ? { personCni } : {}) };
  return { size: total, cell, catchment, catchments, counts, frailtySigma: sigma, ...scores, ...given };
}

// ---------------------------------------------------------------------------------------------
// Export

function csvField(value: string | number): string {
  const text = String(value);
  return /[",;\r\n\t]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A population as CSV, in either layout, with frailty (the class's mean multiplier) and residence
 * so that importing it gives the same people back. Ages are the midpoints of the age bands, which
 * is all a synthetic population knows; `conditions` is written for reading and ignored on import.
 * A population read from a person CSV with scores or raw CNI values gets them back, one row per
 * person, in `score` and `cni` (empty where the file left them empty).
 * @example const text = exportPopulationCsv(synthesizePopulation(scenario, 1), scenario, 'cell')
 */
export function exportPopulationCsv(pop: Population, scenario: Scenario, layout: CsvLayout): string {
  const municipalities = scenario.population.municipalities.map((m) => m.id);
  const providers = scenario.providers.map((p) => p.id);
  const multipliers = frailtyMultipliers(pop.frailtySigma);
  // Four significant digits tell every class apart, and are what a person can read.
  const frailtyText = Array.from(multipliers, (x) => String(Number(x.toPrecision(4))));
  const describe = (k: number, c: number): (string | number)[] => {
    const p = cellParts(c);
    const where = pop.catchments[k];
    const band = AGE_BANDS[p.ageBand];
    return [
      layout === 'person' ? band.age : band.id,
      p.sex === 0 ? 'F' : 'M',
      GROUP_IDS[p.group],
      p.cni + 1,
      municipalities[where.municipality],
      providers[where.listedAt],
      frailtyText[p.frailty],
      RESIDENCES[p.residence],
    ];
  };
  const lines: string[] = [];
  if (layout === 'person') {
    const given = pop.personScore !== undefined || pop.personCni !== undefined;
    const value = (values: Float64Array | undefined, i: number) => (values === undefined || Number.isNaN(values[i]) ? '' : values[i]);
    lines.push([...CSV_COLUMNS.person.required, 'frailty', 'residence', 'conditions', ...(given ? ['score', 'cni'] : [])].join(','));
    for (let i = 0; i < pop.size; i++) {
      const p = cellParts(pop.cell[i]);
      const extra = given ? [value(pop.personScore, i), value(pop.personCni, i)] : [];
      lines.push([...describe(pop.catchment[i], pop.cell[i]), chronicConditions(p.group, p.frailty), ...extra].map(csvField).join(','));
    }
  } else {
    lines.push([...CSV_COLUMNS.cell.required.filter((c) => c !== 'count'), 'frailty', 'residence', 'count'].join(','));
    const rows: { k: number; c: number; key: number[]; n: number }[] = [];
    for (let j = 0; j < pop.counts.length; j++) {
      const n = pop.counts[j];
      if (n === 0) continue;
      const c = j % CELL_COUNT;
      const k = (j - c) / CELL_COUNT;
      const p = cellParts(c);
      rows.push({ k, c, n, key: [k, p.ageBand, p.sex, p.group, p.cni, p.frailty, p.residence] });
    }
    // Ordered as a person reads a table: place, then age, sex, group, CNI, frailty, residence.
    rows.sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
      return 0;
    });
    for (const row of rows) lines.push([...describe(row.k, row.c), row.n].map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}
