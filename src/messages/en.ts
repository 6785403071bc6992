/**
 * The core's messages in English: the source of every message code and its parameters (sv.ts must
 * say each one). The CLI prints these; issue `message` fields hold them.
 */
import { formatNumber as n, type Message, type Render, type Thing, type TypeWord } from './types.js';

type None = Record<string, never>;
/** `found` is undefined at the end of the text. */
type Found = { found?: string };
type Range = { min?: number; max?: number; integer?: boolean; got: number };

const didYouMean = (suggestion?: string) => (suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`);
const shown = (p: Found) => (p.found === undefined ? 'end of input' : `'${p.found}'`);
const list = (values: readonly string[]) => values.join(', ');

/** @example rangeText({ min: 1, max: 30, integer: true }) // 'must be an integer between 1 and 30' */
function rangeText({ min, max, integer }: Omit<Range, 'got'>): string {
  const noun = integer === true ? 'an integer ' : '';
  if (min !== undefined && max !== undefined) return `must be ${noun}between ${n(min)} and ${n(max)}`;
  if (min !== undefined) return `must be ${noun}≥ ${n(min)}`;
  if (max !== undefined) return `must be ${noun}≤ ${n(max)}`;
  return 'must be an integer';
}

/** How many arguments a formula function takes; `hi` null means no upper limit. */
export function arityText(lo: number, hi: number | null): string {
  return lo === hi ? String(lo) : hi === null ? `at least ${lo}` : `${lo} or ${hi}`;
}

/** Syntax a formula may not use, by mathjs node type. */
export const FORMULA_SYNTAX_EN: Readonly<Record<string, string>> = {
  AssignmentNode: 'assignment is not allowed',
  FunctionAssignmentNode: 'defining functions is not allowed',
  AccessorNode: "property access ('.' or '[...]') is not allowed",
  IndexNode: "indexing ('[...]') is not allowed",
  ObjectNode: "objects ('{...}') are not allowed",
  ArrayNode: "arrays/matrices ('[...]') are not allowed",
  RangeNode: "ranges ('a:b') are not allowed",
  BlockNode: "more than one expression (';' or a line break) is not allowed",
};

export const en = {
  // The shape of a value.
  required: (_: None) => 'required',
  versionRequired: (p: { current: number }) => `required (current version is ${p.current})`,
  notObject: (p: { got: TypeWord }) => `must be an object, got ${p.got}`,
  notNumber: (p: { got: TypeWord }) => `must be a number, got ${p.got}`,
  notString: (p: { got: TypeWord }) => `must be a string, got ${p.got}`,
  notBoolean: (p: { got: TypeWord }) => `must be true or false, got ${p.got}`,
  notArray: (p: { got: TypeWord }) => `must be an array, got ${p.got}`,
  notInteger: (p: { got: TypeWord | number }) => `must be an integer, got ${typeof p.got === 'number' ? n(p.got) : p.got}`,
  notStringOrList: (p: { got: TypeWord }) => `must be a string or a list, got ${p.got}`,
  notNumberStringOrList: (p: { got: TypeWord }) => `must be a number, a string or a list, got ${p.got}`,
  notNumberOrPerGroup: (p: { got: TypeWord }) => `must be a number or { needGroup: number }, got ${p.got}`,
  notServiceOrList: (p: { got: TypeWord }) => `must be a service id or a list of them, got ${p.got}`,
  notPayerOrList: (p: { got: TypeWord }) => `must be a payer id or a list of { payer, share }, got ${p.got}`,
  notEmpty: (_: None) => 'must not be empty',
  spaces: (p: { text: string }) => `must not start or end with spaces, got '${p.text}'`,
  notOneOf: (p: { text: string; values: readonly string[] }) => `'${p.text}' is not one of ${list(p.values)}`,
  month: (p: { text: string }) => `must be a month 'YYYY-MM' with month 01–12, got '${p.text}'`,
  range: (p: Range) => `${rangeText(p)}, got ${n(p.got)}`,
  unknownKey: (p: { key: string; suggestion?: string }) => `unknown key '${p.key}'${didYouMean(p.suggestion)}`,
  unknownReference: (p: { what: Thing; text: string; suggestion?: string; known: readonly string[] }) => {
    const hint = p.suggestion !== undefined ? didYouMean(p.suggestion) : p.known.length > 0 ? ` (known: ${list(p.known)})` : ' (none are defined)';
    return `unknown ${p.what} '${p.text}'${hint}`;
  },
  sharesSum: (p: { sum: number }) => `shares must sum to 1, got ${n(p.sum)}`,
  shareCount: (p: { count: number; per: 'cni band' | 'need group'; got: number }) =>
    `must have ${p.count} shares (${p.per === 'cni band' ? 'one per CNI band 1–5' : 'one per need group'}), got ${p.got}`,
  listedTwice: (p: { id: string }) => `'${p.id}' is listed twice`,
  duplicateId: (p: { id: string }) => `duplicate id '${p.id}'`,
  duplicateIdUsedBy: (p: { id: string; first: string }) => `duplicate id '${p.id}' (already used by ${p.first})`,

  // Versions and files.
  versionNewer: (p: { version: number; current: number }) =>
    `${p.version} was made by a newer version of reimburse (this one reads version ${p.current}); update reimburse to open it`,
  migrationMissing: (p: { version: number; known: string }) => `version ${p.version} cannot be migrated (migrations exist from version ${p.known})`,
  migrationStep: (p: { from: number; to: number; changes: readonly Message[] }, r: Render) =>
    `version ${p.from} → ${p.to}: ${p.changes.length === 0 ? 'no changes needed' : p.changes.map(r).join('; ')}`,
  migrated: (p: { step: Message }, r: Render) => `migrated ${r(p.step)}; save the file to keep the new format`,
  renamedKey: (p: { from: string; to: string }) => `renamed '${p.from}' to '${p.to}'`,
  monthsToYears: (p: { months: number; years: number; rounded: boolean }) =>
    `simulation.months ${p.months} → simulation.years ${p.years}${p.rounded ? ' (rounded up to whole years)' : ''}, stepsPerYear 12`,
  idMatchesFile: (p: { id: string; file: string }) => `'${p.id}' must match the file name '${p.file}'`,
  fileNotFound: (p: { file: string }) => `file not found: ${p.file}`,
  isDirectory: (p: { file: string }) => `${p.file} is a folder, not a file`,
  fileTooLarge: (p: { bytes: number; limit: number }) =>
    `the file is ${p.bytes.toLocaleString('en-US')} bytes; the limit is ${p.limit.toLocaleString('en-US')}`,
  pathOutside: (p: { file: string; folder: string }) =>
    `'${p.file}' is outside the scenario's folder ${p.folder}; keep the file next to the scenario, or name its folder with --allow-dir`,
  tooDeep: (p: { limit: number }) => `nested more than ${p.limit} levels deep`,
  tooMany: (p: { count: number; limit: number }) => `has ${p.count.toLocaleString('en-US')} entries; the limit is ${p.limit.toLocaleString('en-US')}`,
  textTooLong: (p: { length: number; limit: number }) =>
    `is ${p.length.toLocaleString('en-US')} characters long; the limit is ${p.limit.toLocaleString('en-US')}`,
  notFinite: (p: { got: string }) => `must be a finite number, got ${p.got} (a number too large for a double, like 1e400, reads as Infinity)`,
  jsonSyntax: (p: { line: number; column: number; reason: Message }, r: Render) => `not valid JSON at line ${p.line}, column ${p.column}: ${r(p.reason)}`,
  jsonAfterEnd: (p: Found) => `unexpected ${shown(p)} after the end of the JSON value`,
  jsonEnd: (_: None) => 'unexpected end of input',
  jsonComment: (_: None) => 'comments are not allowed in JSON',
  jsonSingleQuote: (_: None) => 'strings must be in double quotes',
  jsonValueExpected: (p: Found) => `unexpected ${shown(p)} where a value should be`,
  jsonWord: (p: { word: string }) => `unexpected word '${p.word}' (JSON values are numbers, "strings", true, false, null, [ ] and { })`,
  jsonTrailingComma: (p: { bracket: '}' | ']' }) => `trailing comma before '${p.bracket}'`,
  jsonPropertyName: (p: Found) => `expected a property name in double quotes, got ${shown(p)}`,
  jsonColon: (p: Found) => `expected ':' after the property name, got ${shown(p)}`,
  jsonCommaBrace: (p: Found) => `expected ',' or '}' after a property value, got ${shown(p)}`,
  jsonCommaBracket: (p: Found) => `expected ',' or ']' after an array element, got ${shown(p)}`,
  jsonUnterminated: (_: None) => 'unterminated string',
  jsonEscape: (_: None) => 'invalid escape in string',
  jsonControl: (_: None) => 'line break or control character inside a string',
  jsonNumber: (_: None) => 'invalid number',
  /** A JSON engine's own words, when our scanner found nothing (should not happen). */
  jsonOther: (p: { text: string }) => p.text,

  // Scenario sections.
  populationChangeRate: (p: { got: number; max: number }) =>
    `must be a yearly rate per person between 0 and ${n(p.max)}, got ${n(p.got)}: Sweden's yearly flows are about 1 % (births 1.1 %, moving in 0.8 %, moving out 0.5 %, SCB 2020) and people turning 65 about 6.5 % of those over 65 (SCB 2011); above ${n(p.max)} the population would be replaced within a few years`,
  populationChangeTooLarge: (p: { people: number; limit: number }) =>
    `these rates would list up to ${p.people.toLocaleString('en-US')} people over the run (the population at its size, growing by new listings and moves in every year), above the limit of ${p.limit.toLocaleString('en-US')}; use fewer years, lower rates or a smaller population`,
  stepsPerYear: (p: { got: number }) => `only monthly steps are supported (stepsPerYear must be 12), got ${n(p.got)}`,
  duplicateSource: (p: { id: string }) => `duplicate source id '${p.id}'`,
  substitution: (p: { text: string }) => `'${p.text}' is not a number ≤ 1 or 'weakest-link'`,
  participantsReserved: (p: { name: string }) => `'${p.name}' is reserved: as a payee it means every provider taking part in a joint activity`,
  poolMemberIsPool: (p: { id: string }) => `'${p.id}' is a pool; pool members must be providers`,
  sharingRule: (p: { text: string; values: readonly string[] }) => `'${p.text}' is not one of ${list(p.values)}, or { shares: { member: share } }`,
  twoProviders: (p: { municipality: string; type: string; first: string; second: string }) =>
    `municipality '${p.municipality}' is served by two ${p.type} providers, '${p.first}' and '${p.second}'; ` +
    `each municipality has at most one provider of each type except primary care (limit 'serves')`,
  noHospital: (p: { municipality: string }) => `no hospital serves municipality '${p.municipality}'`,
  ageMix: (p: { text: string; values: readonly string[] }) => `'${p.text}' is not one of ${list(p.values)}, or { band: share }`,
  duplicateMunicipality: (p: { id: string; first: string }) => `duplicate municipality id '${p.id}' (already used by ${p.first})`,
  listedNotPrimary: (p: { id: string; type: string }) => `'${p.id}' is a ${p.type} provider; people are listed with primary care`,
  nobodyListed: (p: { id: string }) => `primary-care provider '${p.id}' has nobody listed (add it to population.listing)`,
  catchmentsTooMany: (p: { municipalities: number; listings: number; limit: number }) =>
    `${p.municipalities} municipalities × ${p.listings} primary-care listings make ${(p.municipalities * p.listings).toLocaleString('en-US')} catchments; the limit is ${p.limit.toLocaleString('en-US')} (each takes about 0.2 MB)`,
  populationTooLarge: (p: { size: number; gigabytes: number; limit: number }) =>
    `${p.size} people would need about ${n(p.gigabytes)} GB; the limit is ${p.limit.toLocaleString('en-US')}`,

  // Payment models.
  unknownParameter: (p: { name: string; model: string; suggestion?: string; declared: readonly string[] }) =>
    `unknown parameter '${p.name}' of model '${p.model}'${p.suggestion !== undefined ? didYouMean(p.suggestion) : ` (it has ${list(p.declared)})`}`,
  parameterRequired: (p: { model: string }) => `required by model '${p.model}' (it has no default)`,
  noModelsLoaded: (p: { model: string }) => `unknown model '${p.model}' (no models are loaded)`,
  undeclaredParameter: (p: { name: string; suggestion?: string }) => `uses undeclared parameter '${p.name}'${didYouMean(p.suggestion)}`,
  maxBelowMin: (p: { min: number; got: number }) => `must be ≥ min (${n(p.min)}), got ${n(p.got)}`,
  parameterName: (p: { name: string }) => `parameter names are letters, digits and '_' (they are used as $name), got '${p.name}'`,
  nestedModel: (_: None) => 'a model component cannot refer to another model',
  unusedParameter: (_: None) => 'declared but not used by any component',

  // Payment components.
  misplacedKey: (p: { key: string; kinds: readonly string[]; kind: string }) => `'${p.key}' is only for ${list(p.kinds)} components (this one is ${p.kind})`,
  populationOnlyPerPerson: (p: { basis: string }) => `only for basis 'per-person' (this one is '${p.basis}')`,
  weightNeedsPerPerson: (p: { basis: string }) => `a ${p.basis} amount has no people to weigh; weight needs basis 'per-person'`,
  perPlaceNeedsPlaces: (p: { path: string }) => `a per-place amount needs the payee's number of places: set ${p.path}.places`,
  costShareRange: (p: { got: number }) => `must be between 0 and 1 for pricing 'cost' (the share of cost reimbursed), got ${n(p.got)}`,
  drgOnly: (p: { allowed: readonly string[]; not: readonly string[] }) => `'drg' pricing is only for ${p.allowed.join(' and ')}, not ${list(p.not)}`,
  curveNeedsBaseline: (_: None) => "uses 'baseline', so the component needs a baseline",
  costPayIsRetrospective: (_: None) => "cost-based pay reimburses what was spent, known only afterwards; timing must be 'retrospective'",
  resultPayIsRetrospective: (p: { kind: string }) => `a ${p.kind} component pays for results measured afterwards; timing 'prospective' would pay on a forecast, so it must be 'retrospective'`,
  reconciledYearly: (p: { kind: string; got: string }) => `a ${p.kind} component is reconciled once a year against the year's episodes; settlement must be 'year', got '${p.got}'`,
  adjustmentNeedsQuality: (_: None) => 'a quality adjustment needs quality indicators to score: add quality',
  withholdTooLarge: (p: { got: number; max: number }) => `withholding ${n(p.got * 100)} % leaves the payee short of that much of its pay until year end; quality withholds in the sources hold back 1–3 % (docs/sources.md: fai-withhold), and more than ${n(p.max * 100)} % is far beyond them; check that it is meant`,
  lumpBonusHasNoPeople: (_: None) => "a bonus per settlement period has no people to weigh; weight needs perPerson: true",
  outsideSourcedRange: (p: { min: number; max: number; got: number; source: string }) => `${p.got} is outside the range the sources give (${p.min}–${p.max}; ${p.source}); check that it is meant`,
  baselineIsTarget: (p: { value: number }) => `baseline equals target (${p.value}); the curve measures progress from baseline to target, so they must differ`,
  deductionRange: (p: { got: number }) => `must be ≥ 0, got ${n(p.got)} (a deduction is written as deduction: true with a positive amount)`,
  participantsOnlyJoint: (p: { name: string; services: readonly string[] }) =>
    `'${p.name}' is only for variable components on joint services (${list(p.services)})`,
  payeeIsPayer: (p: { payee: string }) => `'${p.payee}' is a payer; a payee must be a provider or a pool`,
  endBeforeStart: (p: { start: string; end: string }) => `must be after start (${p.start}), got ${p.end}`,
  endsBeforeSimulation: (p: { start: string }) => `ends before the simulation starts (${p.start}); it never pays`,
  startsAfterSimulation: (p: { end: string }) => `starts after the simulation ends (${p.end}); it never pays`,
  capBelowFloor: (p: { floor: number; got: number }) => `must be ≥ floor (${n(p.floor)}), got ${n(p.got)}`,
  episodeWindowClash: (p: { groups: readonly string[]; months: number; path: string; id: string }) =>
    `need group ${p.groups.map((g) => `'${g}'`).join(', ')} already has a ${p.months}-month window in ${p.path} ('${p.id}'); one episode window per need group`,
  duplicateComponentId: (p: { id: string; first: string }) => `duplicate component id '${p.id}' (already used by ${p.first})`,

  // Shared savings.
  savingsSettleYearly: (p: { got: string }) => `shared savings are reconciled once a year; settlement must be 'year', got '${p.got}'`,
  trendNeedsYear: (_: None) => 'a trend grows the benchmark from the year it is for; set benchmarkYear',
  msrTwice: (_: None) => 'msrBySize sets the minimum savings rate from the attributed population; give it or minimumSavingsRate, not both',
  oneSidedHasNoLosses: (p: { key: string }) => `'${p.key}' is for a two-sided contract; set twoSided: true or remove it`,
  qualityNeedsIndicator: (p: { key: string }) => `'${p.key}' acts on a quality score from goal indicators; set quality`,
  floorNeedsGate: (_: None) => "qualityFloor is for qualityGate 'floor'",
  savingsWeightRefused: (_: None) => 'shared savings adjust for risk with riskAdjusted: true (the scenario\'s case-mix weights); weight is not used by this kind',
  savingsWithholdRefused: (_: None) => 'shared savings are settled once a year and scaled by their own quality score (quality, qualityGate); a withhold would be returned in the month it was held',
  spendingIndicatorIsSpending: (_: None) => "shared savings already measure spending; a quality indicator of shared savings must be another one than 'spendingPerMember'",

  // Uncertain parameters (the `uncertainty` section).
  uncertainPath: (p: { text: string }) => `'${p.text}' is not a parameter path; write it as the validator does, e.g. payment.components[0].parameters.price`,
  uncertainNotNumber: (p: { text: string }) => `'${p.text}' names no number in this scenario`,
  uncertainDuplicate: (p: { text: string; first: string }) => `'${p.text}' is already uncertain in ${p.first}`,
  mustBePositive: (p: { got: number }) => `must be > 0, got ${n(p.got)}`,
  distributionForm: (p: { type: string; forms: string }) => `a ${p.type} distribution needs ${p.forms}`,
  betaMean: (p: { got: number }) => `the mean of a beta distribution must be between 0 and 1 (exclusive), got ${n(p.got)}`,
  betaSpread: (p: { max: number; got: number }) => `a beta distribution with this mean needs sd < ${n(p.max)}, got ${n(p.got)}`,
  uniformOrder: (p: { min: number; got: number }) => `must be > min (${n(p.min)}), got ${n(p.got)}`,
  triangularMode: (p: { min: number; max: number; got: number }) => `must be between min (${n(p.min)}) and max (${n(p.max)}), got ${n(p.got)}`,
  discreteWeights: (p: { values: number; got: number }) => `must give one weight per value (${p.values}), got ${p.got}`,
  weightsSum: (_: None) => 'weights must not all be 0',
  distributionOutside: (p: { lo: number; hi: number; min?: number; max?: number }) =>
    `the distribution reaches ${n(p.lo)} to ${n(p.hi)}, outside the parameter's range (${p.min === undefined ? '' : `≥ ${n(p.min)}`}${p.min !== undefined && p.max !== undefined ? ', ' : ''}${p.max === undefined ? '' : `≤ ${n(p.max)}`})`,
  lowAboveHigh: (p: { low: number; got: number }) => `must be ≥ low (${n(p.low)}), got ${n(p.got)}`,
  defaultOutsideRange: (p: { low: number; high: number; got: number }) => `the default ${n(p.got)} must lie inside the sourced range (${n(p.low)}–${n(p.high)})`,
  presetEvidenceClash: (p: { preset: string; evidence: string }) => `preset '${p.preset}' runs with care.evidence '${p.preset}', but care.evidence is '${p.evidence}'; make them agree or use preset 'assumption'`,

  // Formulas.
  formulaEmpty: (_: None) => 'formula is empty',
  /** `detail` is the parser's own (English) words. */
  formulaParse: (p: { detail: string }) => `cannot parse formula: ${p.detail}`,
  formulaConstant: (p: { value: string }) => `the constant ${p.value} is not allowed`,
  formulaText: (p: { text: string }) => `text (${JSON.stringify(p.text)}) is not allowed; formulas work with numbers`,
  formulaValue: (p: { value: string }) => `'${p.value}' is not allowed`,
  formulaIsFunction: (p: { name: string }) => `'${p.name}' is a function; call it like ${p.name}(x)`,
  formulaUnit: (p: { name: string }) => `units ('${p.name}') are not allowed; formulas work with plain numbers`,
  formulaUnknownName: (p: { name: string; known: readonly string[] }) => `unknown name '${p.name}' (known: ${list(p.known)})`,
  formulaNamedCall: (_: None) => 'only named functions can be called, like abs(x)',
  formulaFunction: (p: { name: string; allowed: string }) => `function '${p.name}' is not allowed (allowed: ${p.allowed})`,
  formulaArity: (p: { name: string; lo: number; hi: number | null; got: number }) =>
    `${p.name} takes ${arityText(p.lo, p.hi)} argument${p.lo === 1 && p.hi === 1 ? '' : 's'}, got ${p.got}`,
  formulaOperator: (p: { op: string; fn: string; allowed: string }) => `operator '${p.op}' (${p.fn}) is not allowed (allowed: ${p.allowed})`,
  formulaComparison: (p: { op: string }) => `comparison '${p.op}' is not allowed`,
  formulaSyntax: (p: { node: string }) => FORMULA_SYNTAX_EN[p.node] ?? `'${p.node}' is not allowed`,
  formulaVariableName: (p: { name: string }) => `'${p.name}' cannot be used as a formula variable name`,
  formulaNoNumber: (p: { name: string; got: TypeWord }) => `no number given for '${p.name}' (got ${p.got})`,
  formulaFailed: (p: { values: string; detail: string }) => `formula failed for ${p.values}: ${p.detail}`,
  formulaNotNumber: (p: { got: TypeWord }) => `formula must give a number, got ${p.got}`,
  formulaGave: (p: { result: string; values: string }) => `formula gave ${p.result} for ${p.values}`,
  formulaTooLong: (p: { length: number; limit: number }) => `formula is ${p.length} characters long; the limit is ${p.limit}`,
  formulaTooDeep: (p: { limit: number }) => `formula is nested more than ${p.limit} levels deep`,
  /** `operation` is the part of the formula at fault, as written; `range` the values its input can take. */
  formulaCanFail: (p: { problem: 'divide by zero' | 'NaN' | 'Infinity'; operation: string; range: string }) =>
    `formula can give ${p.problem === 'divide by zero' ? 'a division by zero' : p.problem} in ${p.operation} (where ${p.range}); guard it, e.g. with max(x, 0.001) or a condition`,
  formulaNegative: (p: { low: string; values: string }) => `a weight must not be negative, but the formula can give ${p.low} (for ${p.values})`,
  formulaTooLarge: (p: { high: string; limit: number }) => `a weight must be at most ${p.limit}, but the formula can give ${p.high}`,
};
