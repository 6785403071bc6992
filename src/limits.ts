/**
 * Every limit on what reimburse reads, in one place. Files come from people we do not control and
 * get passed around; each bound keeps a hostile or careless file to a clear error, given in
 * bounded time and memory before any expensive work. The README's "Limits" section lists them.
 *
 * Each bound is far above anything a real design or region needs (the shipped scenarios and models
 * are the yardstick, and the largest Swedish figures where they matter) and far below where the
 * arithmetic or the memory would break.
 */

// ---------------------------------------------------------------------------
// Files and documents

/**
 * Largest scenario or model file, in bytes. The largest shipped scenario is about 15 kB; 2 MB
 * leaves room for a region with every primary-care centre spelled out, and keeps parsing and
 * validating well under a second.
 */
export const MAX_SCENARIO_BYTES = 2_000_000;

/**
 * Largest population CSV, in bytes. A row is one person or one cell with a count (about 40 bytes);
 * 200 MB holds the whole of Sweden's over-65 population row by row, and is read as one string.
 */
export const MAX_CSV_BYTES = 200_000_000;

/**
 * Deepest nesting of objects and arrays in a scenario. The deepest shipped path has 6 levels
 * (care.rates.group.service); 32 is plenty, and checking it before any recursive walk keeps
 * thousands of levels from overflowing the stack.
 */
export const MAX_NESTING_DEPTH = 32;

/**
 * Longest array, and most keys in one object. Sweden has 290 municipalities and about 1,200
 * primary-care centres; 5,000 entries covers any region, and bounds every walk that compares
 * entries with each other.
 */
export const MAX_ARRAY_LENGTH = 5_000;

/**
 * Longest string anywhere in a scenario (a description, a citation). A long description is a few
 * kilobytes; 20,000 characters stops a megabyte-long key or name from being carried into messages.
 */
export const MAX_TEXT_LENGTH = 20_000;

/**
 * Longest id (of a payer, provider, component…). Ids are short words; 200 characters is generous
 * and keeps the messages that repeat ids short.
 */
export const MAX_ID_LENGTH = 200;

// ---------------------------------------------------------------------------
// Formulas

/**
 * Longest formula, in characters. The longest shipped formula (a weight table) is about 340
 * characters; 1,000 leaves room for a hand-written risk adjustment and bounds the parse.
 */
export const MAX_FORMULA_LENGTH = 1_000;

/**
 * Deepest nesting of a formula's syntax tree (parentheses, operators, calls; a sum of n terms is n
 * levels deep). The formula library's parser and tree walks recurse; 200 levels holds a sum of a
 * long weight table and is far below a stack overflow.
 */
export const MAX_FORMULA_DEPTH = 200;

/**
 * Points per variable when a formula is checked over its variables' ranges: each range's ends and
 * evenly spaced points between. Six variables at 9 points would be 531,441 evaluations, so the
 * points per variable shrink until the grid fits MAX_FORMULA_SAMPLES.
 */
export const FORMULA_GRID_POINTS = 9;

/** Most evaluations spent checking one formula over its ranges, which bounds the time to a few ms. */
export const MAX_FORMULA_SAMPLES = 4_000;

/**
 * Largest person weight a weight formula may give. Risk-adjustment weights in Swedish capitation
 * (ACG, CNI) run from about 0.2 to 30; 1,000 flags a formula that has lost a decimal point.
 */
export const MAX_PERSON_WEIGHT = 1_000;

// ---------------------------------------------------------------------------
// Suggestions ("did you mean")

/**
 * Longest name for which a "did you mean" is computed. Edit distance costs length × length; real
 * typos are in short names, and a 60 kB key is no typo.
 */
export const MAX_SUGGEST_NAME_LENGTH = 40;

/** Most candidates compared for one suggestion: the known keys of an object or ids of a list. */
export const MAX_SUGGEST_CANDIDATES = 300;

/** Most suggestions computed for one document; past this, unknown names are reported without one. */
export const MAX_SUGGESTIONS = 100;

// ---------------------------------------------------------------------------
// Population

/**
 * The largest population one run may simulate: Sweden has about 10.6 million people; twice that
 * at about 100 bytes a person (a struct of typed-array columns) is about 2 GB.
 */
export const MAX_POPULATION = 20_000_000;

/** Memory per simulated person: about 25 four-byte typed-array columns of attributes and states. */
export const BYTES_PER_PERSON = 100;

/**
 * Share of the memory available that a population may take; the rest is for the engines' sums,
 * the results and the runtime itself.
 */
export const POPULATION_MEMORY_SHARE = 0.5;

/**
 * The largest population that fits the memory available (bytes), never above MAX_POPULATION.
 * @example maxPopulationFor(1e9) // 5000000
 */
export function maxPopulationFor(availableBytes: number): number {
  if (!Number.isFinite(availableBytes) || availableBytes <= 0) return MAX_POPULATION;
  return Math.min(MAX_POPULATION, Math.floor((availableBytes * POPULATION_MEMORY_SHARE) / BYTES_PER_PERSON));
}

/**
 * Most catchments (municipalities × primary-care centres people list with). The engines keep a
 * count per catchment and cell (25,600 cells, 8 bytes each: about 205 kB a catchment), so 2,000
 * catchments is about 410 MB; a county's municipalities times the centres one area lists with is
 * far fewer. The arrays index catchments with 16 bits, which this also keeps well inside.
 */
export const MAX_CATCHMENTS = 2_000;

/** A population needs at least one person; a CSV of zero people has nothing to simulate. */
export const MIN_POPULATION = 1;

// ---------------------------------------------------------------------------
// Amounts in kronor, per kind of field

/**
 * A yearly amount (kr per year): a lump sum, a provider's fixed cost, a cap or floor, a goal bonus.
 * The largest shipped is 539 million kr (a global budget); Sweden's whole health spending is about
 * 700 billion kr a year. 1e12 (a trillion kr) is above both, and a sum of thousands of such amounts
 * over 360 months stays exactly representable in a double.
 */
export const MAX_YEARLY_AMOUNT_KR = 1e12;

/**
 * A price per unit (kr per visit, per DRG point, per episode, a unit cost, a value per point).
 * The largest shipped is 74,000 kr (an episode package); the costliest single treatments are a few
 * million kr. 1e9 leaves room for any of them.
 */
export const MAX_PRICE_KR = 1e9;

/**
 * A per-person-year (or per-place-year) amount: a capitation, a per-place fee, a coordination cost
 * per person-month. The costliest patients' care is a few million kr a year; 1e8 is far above it.
 */
export const MAX_PER_PERSON_YEAR_KR = 1e8;

/**
 * A threshold in kr (a stop-loss threshold on a person's yearly cost). Set on the same scale as a
 * yearly amount: a threshold above every possible cost simply never triggers.
 */
export const MAX_THRESHOLD_KR = 1e12;

/** Amounts are never negative; a deduction is said with `deduction: true`, not a minus sign. */
export const MIN_AMOUNT_KR = 0;

// ---------------------------------------------------------------------------
// Shares, rates and multipliers

/** A share or a probability: from 0 to 1. */
export const MIN_SHARE = 0;
export const MAX_SHARE = 1;

/**
 * A rate of a service per person-year. The highest shipped is 60 (home-care hours for the frailest);
 * daily home care is about 700 hours a year. 10,000 is above any service a person can use.
 */
export const MAX_RATE_PER_PERSON_YEAR = 10_000;

/** Discretionary intensity is a multiplier on usual volume; three times usual is beyond anything in the sources. */
export const MAX_INTENSITY = 3;

/** Behaviour weights (altruism, risk aversion) are kr-equivalents per kr; 1,000 is beyond any reading of them. */
export const MAX_BEHAVIOUR_WEIGHT = 1_000;

/**
 * Lowest CES substitution parameter. Below about −50 the team aggregate equals the weakest link
 * to within rounding (the file can say 'weakest-link'), and efforts raised to such powers underflow.
 */
export const MIN_SUBSTITUTION = -50;

/** Places (beds) at one provider: the largest Swedish hospital has about 1,700 beds. */
export const MAX_PLACES = 100_000;

/** Frailty spread σ of a lognormal: 3 already puts the top percentile a thousand times the median. */
export const MAX_FRAILTY_SIGMA = 3;

// ---------------------------------------------------------------------------
// Time

/** Longest simulation, in years: a generation of contracts; 360 monthly steps. */
export const MAX_YEARS = 30;

/**
 * Longest episode window or warranty, in months. Swedish package prices carry warranties of one to
 * two years (the shipped models use 3); 120 months is generous, and far below where a window stored
 * in a 16-bit integer (32,767) would wrap.
 */
export const MAX_WINDOW_MONTHS = 120;

/** Replications of the microsimulation: 10,000 gives intervals far narrower than any design difference. */
export const MAX_REPLICATIONS = 10_000;

// ---------------------------------------------------------------------------
// Output

/** Problems printed per file unless `--all` is given; every problem is still counted, and JSON gives all. */
export const MAX_PRINTED_PROBLEMS = 20;

/**
 * Problems kept from one broken file (all are counted). A wrong column in a 200 MB CSV is millions
 * of problems; keeping 100,000 bounds the memory to a few tens of MB.
 */
export const MAX_KEPT_PROBLEMS = 100_000;

/** User text echoed in output is shortened to this many characters, followed by its length. */
export const MAX_SHOWN_TEXT = 80;

// ---------------------------------------------------------------------------
// The fuzz suite

/** Each fuzz case must finish within this many milliseconds (a hang is anything slower). */
export const FUZZ_CASE_BUDGET_MS = 2_000;

/** Peak memory (resident set) of a full fuzz run must stay under this many bytes. */
export const FUZZ_MEMORY_BUDGET_BYTES = 1_000_000_000;
