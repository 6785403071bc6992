/**
 * The core's messages in Swedish, one for each code in en.ts (the type makes a missing one an error).
 * Field names, ids and values from the file stay as written: the reader finds them there.
 */
import type { Catalogue } from './index.js';
import { formatNumber, type Thing, type TypeWord } from './types.js';

/** Swedish writes a decimal comma and groups thousands with a space. */
function n(value: number): string {
  const text = formatNumber(value);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text.replace('.', ',');
  const [whole, fraction] = text.split('.');
  const grouped = Math.abs(value) >= 10_000 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0') : whole;
  return fraction === undefined ? grouped : `${grouped},${fraction}`;
}

const TYPES: Readonly<Record<string, string>> = {
  object: 'ett objekt',
  array: 'en lista',
  string: 'en text',
  number: 'ett tal',
  boolean: 'true eller false',
  null: 'null',
  undefined: 'inget värde',
};
const type = (word: TypeWord) => TYPES[word] ?? word;

/** "unknown <thing>", with the adjective agreeing with the noun. */
const UNKNOWN: Readonly<Record<Thing, string>> = {
  payer: 'okänd betalare',
  provider: 'okänd vårdgivare',
  model: 'okänd modell',
  service: 'okänd tjänst',
  'need group': 'okänd behovsgrupp',
  municipality: 'okänd kommun',
  'pool member': 'okänd poolmedlem',
  'provider or pool': 'okänd vårdgivare eller pool',
  'age band': 'okänd åldersgrupp',
  language: 'okänt språk',
  parameter: 'okänd parameter',
  component: 'okänd komponent',
};

const menadeDu = (suggestion?: string) => (suggestion === undefined ? '' : ` (menade du '${suggestion}'?)`);
const got = (p: { found?: string }) => (p.found === undefined ? 'texten tar slut' : `fick '${p.found}'`);
const list = (values: readonly string[]) => values.join(', ');

function rangeText(p: { min?: number; max?: number; integer?: boolean }): string {
  const noun = p.integer === true ? 'ett heltal ' : '';
  if (p.min !== undefined && p.max !== undefined) return `måste vara ${noun}mellan ${n(p.min)} och ${n(p.max)}`;
  if (p.min !== undefined) return `måste vara ${noun}≥ ${n(p.min)}`;
  if (p.max !== undefined) return `måste vara ${noun}≤ ${n(p.max)}`;
  return 'måste vara ett heltal';
}

function arity(lo: number, hi: number | null): string {
  return lo === hi ? String(lo) : hi === null ? `minst ${lo}` : `${lo} eller ${hi}`;
}

const FORMULA_SYNTAX: Readonly<Record<string, string>> = {
  AssignmentNode: 'tilldelning är inte tillåten',
  FunctionAssignmentNode: 'att definiera funktioner är inte tillåtet',
  AccessorNode: "att läsa egenskaper ('.' eller '[...]') är inte tillåtet",
  IndexNode: "indexering ('[...]') är inte tillåten",
  ObjectNode: "objekt ('{...}') är inte tillåtna",
  ArrayNode: "listor och matriser ('[...]') är inte tillåtna",
  RangeNode: "intervall ('a:b') är inte tillåtna",
  BlockNode: "mer än ett uttryck (';' eller en radbrytning) är inte tillåtet",
};

/** The formula parser's commonest complaints in Swedish; anything else keeps the parser's own words. */
const PARSER_PHRASES: readonly [RegExp, string][] = [
  [/^Unexpected end of expression$/, 'uttrycket tar slut för tidigt'],
  [/^Value expected$/, 'ett värde saknas'],
  [/^Parenthesis \) expected$/, 'en avslutande parentes ) saknas'],
  [/^Unexpected operator (\S+)$/, 'oväntad operator $1'],
  [/^Syntax error in part "(.*)"$/, 'syntaxfel i "$1"'],
];

function parserText(detail: string): string {
  const at = /\s*\(char (\d+)\)\s*$/.exec(detail);
  const body = at === null ? detail : detail.slice(0, at.index);
  const phrase = PARSER_PHRASES.find(([pattern]) => pattern.test(body));
  if (phrase === undefined) return detail;
  return body.replace(phrase[0], phrase[1]) + (at === null ? '' : ` (tecken ${at[1]})`);
}

export const sv: Catalogue = {
  required: () => 'krävs',
  versionRequired: (p) => `krävs (aktuell version är ${p.current})`,
  notObject: (p) => `måste vara ett objekt, men är ${type(p.got)}`,
  notNumber: (p) => `måste vara ett tal, men är ${type(p.got)}`,
  notString: (p) => `måste vara en text, men är ${type(p.got)}`,
  notBoolean: (p) => `måste vara true eller false, men är ${type(p.got)}`,
  notArray: (p) => `måste vara en lista, men är ${type(p.got)}`,
  notInteger: (p) => `måste vara ett heltal, men är ${typeof p.got === 'number' ? n(p.got) : type(p.got)}`,
  notStringOrList: (p) => `måste vara en text eller en lista, men är ${type(p.got)}`,
  notNumberStringOrList: (p) => `måste vara ett tal, en text eller en lista, men är ${type(p.got)}`,
  notNumberOrPerGroup: (p) => `måste vara ett tal eller { behovsgrupp: tal }, men är ${type(p.got)}`,
  notServiceOrList: (p) => `måste vara ett tjänste-id eller en lista av sådana, men är ${type(p.got)}`,
  notPayerOrList: (p) => `måste vara ett betalar-id eller en lista av { payer, share }, men är ${type(p.got)}`,
  notEmpty: () => 'får inte vara tom',
  spaces: (p) => `får inte börja eller sluta med mellanslag, men är '${p.text}'`,
  notOneOf: (p) => `'${p.text}' är inte något av ${list(p.values)}`,
  month: (p) => `måste vara en månad 'ÅÅÅÅ-MM' med månad 01–12, men är '${p.text}'`,
  range: (p) => `${rangeText(p)}, men är ${n(p.got)}`,
  unknownKey: (p) => `okänd nyckel '${p.key}'${menadeDu(p.suggestion)}`,
  unknownReference: (p) => {
    const hint = p.suggestion !== undefined ? menadeDu(p.suggestion) : p.known.length > 0 ? ` (kända: ${list(p.known)})` : ' (inga är definierade)';
    return `${UNKNOWN[p.what]} '${p.text}'${hint}`;
  },
  sharesSum: (p) => `andelarna måste summera till 1, men summerar till ${n(p.sum)}`,
  shareCount: (p) => `måste ha ${p.count} andelar (${p.per === 'cni band' ? 'en per CNI-klass 1–5' : 'en per behovsgrupp'}), men har ${p.got}`,
  listedTwice: (p) => `'${p.id}' står två gånger`,
  duplicateId: (p) => `id '${p.id}' förekommer två gånger`,
  duplicateIdUsedBy: (p) => `id '${p.id}' används redan av ${p.first}`,

  versionNewer: (p) => `${p.version} skapades av en nyare version av reimburse (den här läser version ${p.current}); uppdatera reimburse för att öppna filen`,
  migrationMissing: (p) => `version ${p.version} kan inte uppgraderas (uppgraderingar finns från version ${p.known})`,
  migrationStep: (p, r) => `version ${p.from} → ${p.to}: ${p.changes.length === 0 ? 'inga ändringar behövdes' : p.changes.map(r).join('; ')}`,
  migrated: (p, r) => `uppgraderad från ${r(p.step)}; spara filen för att behålla det nya formatet`,
  renamedKey: (p) => `bytte namn på '${p.from}' till '${p.to}'`,
  monthsToYears: (p) => `simulation.months ${p.months} → simulation.years ${p.years}${p.rounded ? ' (avrundat uppåt till hela år)' : ''}, stepsPerYear 12`,
  idMatchesFile: (p) => `'${p.id}' måste vara samma som filnamnet '${p.file}'`,
  fileNotFound: (p) => `filen finns inte: ${p.file}`,
  isDirectory: (p) => `${p.file} är en mapp, inte en fil`,
  fileTooLarge: (p) => `filen är ${n(p.bytes)} byte; gränsen är ${n(p.limit)}`,
  pathOutside: (p) => `'${p.file}' ligger utanför scenariots mapp ${p.folder}; lägg filen bredvid scenariot, eller ange dess mapp med --allow-dir`,
  tooDeep: (p) => `nästlad mer än ${p.limit} nivåer djupt`,
  tooMany: (p) => `har ${n(p.count)} poster; gränsen är ${n(p.limit)}`,
  textTooLong: (p) => `är ${n(p.length)} tecken lång; gränsen är ${n(p.limit)}`,
  notFinite: (p) => `måste vara ett ändligt tal, men är ${p.got} (ett tal för stort för ett flyttal, som 1e400, blir Infinity)`,
  jsonSyntax: (p, r) => `inte giltig JSON på rad ${p.line}, kolumn ${p.column}: ${r(p.reason)}`,
  jsonAfterEnd: (p) => (p.found === undefined ? 'texten tar slut' : `oväntat tecken '${p.found}' efter JSON-värdets slut`),
  jsonEnd: () => 'texten tar slut för tidigt',
  jsonComment: () => 'kommentarer är inte tillåtna i JSON',
  jsonSingleQuote: () => 'texter måste stå inom dubbla citattecken',
  jsonValueExpected: (p) => (p.found === undefined ? 'texten tar slut där ett värde ska stå' : `oväntat tecken '${p.found}' där ett värde ska stå`),
  jsonWord: (p) => `oväntat ord '${p.word}' (JSON-värden är tal, "texter", true, false, null, [ ] och { })`,
  jsonTrailingComma: (p) => `avslutande kommatecken före '${p.bracket}'`,
  jsonPropertyName: (p) => `ett egenskapsnamn inom dubbla citattecken väntades, men ${got(p)}`,
  jsonColon: (p) => `':' väntades efter egenskapsnamnet, men ${got(p)}`,
  jsonCommaBrace: (p) => `',' eller '}' väntades efter ett egenskapsvärde, men ${got(p)}`,
  jsonCommaBracket: (p) => `',' eller ']' väntades efter ett element i listan, men ${got(p)}`,
  jsonUnterminated: () => 'texten saknar avslutande citattecken',
  jsonEscape: () => 'ogiltig escape-sekvens i texten',
  jsonControl: () => 'radbrytning eller styrtecken inuti en text',
  jsonNumber: () => 'ogiltigt tal',
  jsonOther: (p) => p.text,

  populationChangeRate: (p) =>
    `måste vara en årlig andel per person mellan 0 och ${n(p.max)}, men är ${n(p.got)}: Sveriges årliga flöden är omkring 1 % (födda 1,1 %, inflyttade 0,8 %, utflyttade 0,5 %, SCB 2020) och de som fyller 65 omkring 6,5 % av dem över 65 (SCB 2011); över ${n(p.max)} skulle befolkningen bytas ut inom några år`,
  populationChangeTooLarge: (p) =>
    `med dessa andelar skulle upp till ${n(p.people)} personer listas under körningen (befolkningen vid sin storlek, växande med nylistade och inflyttade varje år), över gränsen ${n(p.limit)}; välj färre år, lägre andelar eller en mindre befolkning`,
  stepsPerYear: (p) => `bara månadssteg stöds (stepsPerYear måste vara 12), men är ${n(p.got)}`,
  duplicateSource: (p) => `källans id '${p.id}' förekommer två gånger`,
  substitution: (p) => `'${p.text}' är varken ett tal ≤ 1 eller 'weakest-link'`,
  participantsReserved: (p) => `'${p.name}' är reserverat: som mottagare betyder det varje vårdgivare som deltar i en gemensam aktivitet`,
  poolMemberIsPool: (p) => `'${p.id}' är en pool; medlemmarna i en pool måste vara vårdgivare`,
  sharingRule: (p) => `'${p.text}' är inte något av ${list(p.values)}, eller { shares: { medlem: andel } }`,
  twoProviders: (p) =>
    `kommunen '${p.municipality}' betjänas av två vårdgivare av typen ${p.type}, '${p.first}' och '${p.second}'; ` +
    `varje kommun har högst en vårdgivare av varje typ utom primärvård (begränsa med 'serves')`,
  noHospital: (p) => `inget sjukhus betjänar kommunen '${p.municipality}'`,
  ageMix: (p) => `'${p.text}' är inte något av ${list(p.values)}, eller { åldersgrupp: andel }`,
  duplicateMunicipality: (p) => `kommunens id '${p.id}' används redan av ${p.first}`,
  listedNotPrimary: (p) => `'${p.id}' är en vårdgivare av typen ${p.type}; personer listas hos primärvården`,
  nobodyListed: (p) => `primärvårdsgivaren '${p.id}' har inga listade personer (lägg till den i population.listing)`,
  catchmentsTooMany: (p) =>
    `${n(p.municipalities)} kommuner × ${n(p.listings)} listningar i primärvården ger ${n(p.municipalities * p.listings)} upptagningsområden; gränsen är ${n(p.limit)} (vart och ett tar omkring 0,2 MB)`,
  populationTooLarge: (p) => `${n(p.size)} personer skulle kräva omkring ${n(p.gigabytes)} GB; gränsen är ${n(p.limit)}`,

  unknownParameter: (p) => `okänd parameter '${p.name}' i modellen '${p.model}'${p.suggestion !== undefined ? menadeDu(p.suggestion) : ` (den har ${list(p.declared)})`}`,
  parameterRequired: (p) => `krävs av modellen '${p.model}' (den har inget standardvärde)`,
  noModelsLoaded: (p) => `okänd modell '${p.model}' (inga modeller är inlästa)`,
  undeclaredParameter: (p) => `använder parametern '${p.name}' som inte är deklarerad${menadeDu(p.suggestion)}`,
  maxBelowMin: (p) => `måste vara ≥ min (${n(p.min)}), men är ${n(p.got)}`,
  parameterName: (p) => `parameternamn består av bokstäver, siffror och '_' (de används som $namn), men är '${p.name}'`,
  nestedModel: () => 'en komponent i en modell kan inte hänvisa till en annan modell',
  unusedParameter: () => 'deklarerad men används inte av någon komponent',

  misplacedKey: (p) => `'${p.key}' gäller bara komponenter av typen ${list(p.kinds)} (den här är ${p.kind})`,
  populationOnlyPerPerson: (p) => `gäller bara basis 'per-person' (den här är '${p.basis}')`,
  weightNeedsPerPerson: (p) => `ett belopp av typen ${p.basis} har inga personer att vikta; weight kräver basis 'per-person'`,
  perPlaceNeedsPlaces: (p) => `ett belopp per plats kräver mottagarens antal platser: ange ${p.path}.places`,
  costShareRange: (p) => `måste vara mellan 0 och 1 för pricing 'cost' (den andel av kostnaden som ersätts), men är ${n(p.got)}`,
  drgOnly: (p) => `prissättning med 'drg' gäller bara ${p.allowed.join(' och ')}, inte ${list(p.not)}`,
  curveNeedsBaseline: () => "använder 'baseline', så komponenten behöver ett värde för baseline",
  costPayIsRetrospective: () => "kostnadsbaserad ersättning betalar det som faktiskt kostade, vilket blir känt först i efterhand; timing måste vara 'retrospective'",
  resultPayIsRetrospective: (p) => `en komponent av typen ${p.kind} betalar för resultat som mäts i efterhand; timing 'prospective' skulle betala efter en prognos, så den måste vara 'retrospective'`,
  reconciledYearly: (p) => `en komponent av typen ${p.kind} avräknas en gång om året mot årets vårdepisoder; settlement måste vara 'year', men är '${p.got}'`,
  adjustmentNeedsQuality: () => 'en justering efter kvalitet behöver kvalitetsindikatorer att poängsätta: lägg till quality',
  withholdTooLarge: (p) => `att hålla inne ${n(p.got * 100)} % lämnar mottagaren utan så stor del av sin ersättning till årets slut; kvalitetsinnehållanden i källorna är 1–3 % (docs/sources.md: fai-withhold), och mer än ${n(p.max * 100)} % ligger långt därutöver; kontrollera att det är avsett`,
  lumpBonusHasNoPeople: () => "en bonus per avräkningsperiod har inga personer att vikta; weight kräver perPerson: true",
  outsideSourcedRange: (p) => `${p.got} ligger utanför intervallet som källorna anger (${p.min}–${p.max}; ${p.source}); kontrollera att det är avsett`,
  baselineIsTarget: (p) => `baseline är lika med target (${p.value}); kurvan mäter framsteg från baseline till target, så de måste skilja sig åt`,
  deductionRange: (p) => `måste vara ≥ 0, men är ${n(p.got)} (ett avdrag skrivs som deduction: true med ett positivt belopp)`,
  participantsOnlyJoint: (p) => `'${p.name}' gäller bara rörliga komponenter för gemensamma tjänster (${list(p.services)})`,
  payeeIsPayer: (p) => `'${p.payee}' är en betalare; mottagaren måste vara en vårdgivare eller en pool`,
  endBeforeStart: (p) => `måste vara efter start (${p.start}), men är ${p.end}`,
  endsBeforeSimulation: (p) => `slutar innan simuleringen börjar (${p.start}); den betalar aldrig ut något`,
  startsAfterSimulation: (p) => `börjar efter att simuleringen slutar (${p.end}); den betalar aldrig ut något`,
  capBelowFloor: (p) => `måste vara ≥ floor (${n(p.floor)}), men är ${n(p.got)}`,
  episodeWindowClash: (p) =>
    `behovsgrupp ${p.groups.map((g) => `'${g}'`).join(', ')} har redan ett fönster på ${p.months} månader i ${p.path} ('${p.id}'); ett episodfönster per behovsgrupp`,
  duplicateComponentId: (p) => `komponentens id '${p.id}' används redan av ${p.first}`,

  savingsSettleYearly: (p) => `delade besparingar stäms av en gång per år; settlement måste vara 'year', men är '${p.got}'`,
  trendNeedsYear: () => 'en trend räknar upp jämförelsenivån från det år den gäller; ange benchmarkYear',
  msrTwice: () => 'msrBySize sätter den lägsta besparingsgraden efter den tillskrivna befolkningens storlek; ange den eller minimumSavingsRate, inte båda',
  oneSidedHasNoLosses: (p) => `'${p.key}' gäller ett tvåsidigt avtal; ange twoSided: true eller ta bort fältet`,
  qualityNeedsIndicator: (p) => `'${p.key}' verkar på en kvalitetspoäng från målindikatorer; ange quality`,
  floorNeedsGate: () => "qualityFloor gäller qualityGate 'floor'",
  savingsWeightRefused: () => 'delade besparingar riskjusteras med riskAdjusted: true (scenariots vårdtyngdsvikter); weight används inte av den här typen',
  savingsWithholdRefused: () => 'delade besparingar avräknas en gång per år och skalas med sin egen kvalitetspoäng (quality, qualityGate); en innehållen andel skulle betalas tillbaka samma månad som den hölls inne',
  spendingIndicatorIsSpending: () => "delade besparingar mäter redan kostnaderna; kvalitetsindikatorn måste vara en annan än 'spendingPerMember'",

  uncertainPath: (p) => `'${p.text}' är ingen parametersökväg; skriv den som valideringen gör, t.ex. payment.components[0].parameters.price`,
  uncertainNotNumber: (p) => `'${p.text}' anger inget tal i det här scenariot`,
  uncertainDuplicate: (p) => `'${p.text}' är redan osäker i ${p.first}`,
  mustBePositive: (p) => `måste vara > 0, men är ${n(p.got)}`,
  distributionForm: (p) => `en ${p.type}-fördelning behöver ${p.forms}`,
  betaMean: (p) => `medelvärdet för en betafördelning måste ligga mellan 0 och 1 (ej inklusive), men är ${n(p.got)}`,
  betaSpread: (p) => `en betafördelning med det här medelvärdet behöver sd < ${n(p.max)}, men sd är ${n(p.got)}`,
  uniformOrder: (p) => `måste vara > min (${n(p.min)}), men är ${n(p.got)}`,
  triangularMode: (p) => `måste ligga mellan min (${n(p.min)}) och max (${n(p.max)}), men är ${n(p.got)}`,
  discreteWeights: (p) => `måste ge en vikt per värde (${p.values}), men ger ${p.got}`,
  weightsSum: () => 'vikterna får inte alla vara 0',
  distributionOutside: (p) =>
    `fördelningen når ${n(p.lo)} till ${n(p.hi)}, utanför parameterns intervall (${p.min === undefined ? '' : `≥ ${n(p.min)}`}${p.min !== undefined && p.max !== undefined ? ', ' : ''}${p.max === undefined ? '' : `≤ ${n(p.max)}`})`,
  lowAboveHigh: (p) => `måste vara ≥ low (${n(p.low)}), men är ${n(p.got)}`,
  defaultOutsideRange: (p) => `standardvärdet ${n(p.got)} måste ligga inom det källbelagda intervallet (${n(p.low)}–${n(p.high)})`,
  presetEvidenceClash: (p) => `förinställningen '${p.preset}' körs med care.evidence '${p.preset}', men care.evidence är '${p.evidence}'; gör dem lika eller använd förinställningen 'assumption'`,
  formulaEmpty: () => 'formeln är tom',
  formulaParse: (p) => `formeln kan inte tolkas: ${parserText(p.detail)}`,
  formulaConstant: (p) => `konstanten ${p.value} är inte tillåten`,
  formulaText: (p) => `text (${JSON.stringify(p.text)}) är inte tillåten; formler räknar med tal`,
  formulaValue: (p) => `'${p.value}' är inte tillåtet`,
  formulaIsFunction: (p) => `'${p.name}' är en funktion; anropa den som ${p.name}(x)`,
  formulaUnit: (p) => `enheter ('${p.name}') är inte tillåtna; formler räknar med rena tal`,
  formulaUnknownName: (p) => `okänt namn '${p.name}' (kända: ${list(p.known)})`,
  formulaNamedCall: () => 'bara namngivna funktioner kan anropas, som abs(x)',
  formulaFunction: (p) => `funktionen '${p.name}' är inte tillåten (tillåtna: ${p.allowed})`,
  formulaArity: (p) => `${p.name} tar ${arity(p.lo, p.hi)} argument, men fick ${p.got}`,
  formulaOperator: (p) => `operatorn '${p.op}' (${p.fn}) är inte tillåten (tillåtna: ${p.allowed})`,
  formulaComparison: (p) => `jämförelsen '${p.op}' är inte tillåten`,
  formulaSyntax: (p) => FORMULA_SYNTAX[p.node] ?? `'${p.node}' är inte tillåtet`,
  formulaVariableName: (p) => `'${p.name}' kan inte användas som variabelnamn i en formel`,
  formulaNoNumber: (p) => `inget tal angivet för '${p.name}' (${type(p.got)})`,
  formulaFailed: (p) => `formeln misslyckades för ${p.values}: ${p.detail}`,
  formulaNotNumber: (p) => `formeln måste ge ett tal, men gav ${type(p.got)}`,
  formulaGave: (p) => `formeln gav ${p.result} för ${p.values}`,
  formulaTooLong: (p) => `formeln är ${n(p.length)} tecken lång; gränsen är ${n(p.limit)}`,
  formulaTooDeep: (p) => `formeln är nästlad mer än ${p.limit} nivåer djupt`,
  formulaCanFail: (p) =>
    `formeln kan ge ${p.problem === 'divide by zero' ? 'division med noll' : p.problem} i ${p.operation} (där ${p.range}); skydda den, t.ex. med max(x, 0.001) eller ett villkor`,
  formulaNegative: (p) => `en vikt får inte vara negativ, men formeln kan ge ${p.low} (för ${p.values})`,
  formulaTooLarge: (p) => `en vikt får vara högst ${n(p.limit)}, men formeln kan ge ${p.high}`,
};
